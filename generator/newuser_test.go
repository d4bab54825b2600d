package generator_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	intercom "github.com/intercom-gen/intercom-gen/golden/v2"
)

// fakeIntercom is a small stand-in for Intercom's API: it knows the
// contact routes a new user's first program touches, and injects the
// faults a real workspace produces (a rate limit, a server error).
type fakeIntercom struct {
	t  *testing.T
	mu sync.Mutex
	// posts counts POST /contacts requests; the first one fails with 500.
	posts int
	// listCalls counts GET /contacts requests; the first is rate limited.
	listCalls  int
	limitReset time.Time
	retriedAt  time.Time
	// searchBodies records the search requests' bodies.
	searchBodies []map[string]any
}

func (f *fakeIntercom) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer tok" || r.Header.Get("Intercom-Version") != intercom.Version {
		f.t.Errorf("%s %s: headers %v", r.Method, r.URL, r.Header)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-RateLimit-Limit", "10000")
	w.Header().Set("X-RateLimit-Remaining", "9000")
	contact := func(id string) string {
		return `{"type":"contact","id":"` + id + `","role":"user","email":"` + id + `@example.com"}`
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/contacts":
		f.posts++
		if f.posts == 1 {
			w.WriteHeader(500)
			io.WriteString(w, `{"type":"error.list","request_id":"req-500","errors":[{"code":"server_error","message":"Server error"}]}`)
			return
		}
		var body map[string]any
		json.NewDecoder(r.Body).Decode(&body)
		io.WriteString(w, `{"type":"contact","id":"new1","role":"user","email":"`+fmt.Sprint(body["email"])+`"}`)
	case r.Method == http.MethodGet && r.URL.Path == "/contacts":
		f.listCalls++
		if f.listCalls == 1 {
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(f.limitReset.Unix(), 10))
			w.WriteHeader(429)
			io.WriteString(w, `{"type":"error.list","request_id":"req-429","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`)
			return
		}
		if f.listCalls == 2 {
			f.retriedAt = time.Now()
		}
		after := r.URL.Query().Get("starting_after")
		if r.URL.Query().Get("per_page") != "2" {
			f.t.Errorf("per_page lost: %s", r.URL)
		}
		pages := map[string]string{
			"":      `{"type":"list","data":[` + contact("a") + `,` + contact("b") + `],"pages":{"type":"pages","page":1,"per_page":2,"total_pages":3,"next":{"starting_after":"cur-b"}}}`,
			"cur-b": `{"type":"list","data":[` + contact("c") + `,` + contact("d") + `],"pages":{"type":"pages","page":2,"per_page":2,"total_pages":3,"next":{"starting_after":"cur-d"}}}`,
			"cur-d": `{"type":"list","data":[` + contact("e") + `],"pages":{"type":"pages","page":3,"per_page":2,"total_pages":3,"next":null}}`,
		}
		io.WriteString(w, pages[after])
	case r.Method == http.MethodPost && r.URL.Path == "/contacts/search":
		var body map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Errorf("search body: %v", err)
		}
		f.searchBodies = append(f.searchBodies, body)
		if len(f.searchBodies) == 1 {
			io.WriteString(w, `{"type":"list","data":[`+contact("s1")+`],"total_count":2,"pages":{"type":"pages","next":{"starting_after":"WzE3XQ=="}}}`)
		} else {
			io.WriteString(w, `{"type":"list","data":[`+contact("s2")+`],"total_count":2,"pages":{"type":"pages","next":null}}`)
		}
	case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/contacts/"):
		w.Header().Set("X-Request-Id", "hdr-id")
		w.WriteHeader(404)
		io.WriteString(w, `{"type":"error.list","request_id":"req-404","errors":[{"code":"not_found","message":"User Not Found"}]}`)
	default:
		f.t.Errorf("unexpected %s %s", r.Method, r.URL)
		w.WriteHeader(400)
	}
}

// TestANewUsersProgram is what a newcomer writes from the README against
// the generated package: every step is a public API call.
func TestANewUsersProgram(t *testing.T) {
	fake := &fakeIntercom{t: t, limitReset: time.Now().Add(time.Second)}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	client := intercom.NewClient("tok", intercom.WithBaseURL(srv.URL))
	ctx := context.Background()

	// 1. Create a contact. The server fails the first attempt with a 500:
	// the POST may have been processed, so it must not be sent again.
	_, err := client.Contacts.CreateContact(ctx, &intercom.CreateContactRequest{Email: intercom.String("ann@example.com")})
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.RequestID != "req-500" {
		t.Fatalf("create: err = %v, want the 500", err)
	}
	if fake.posts != 1 {
		t.Fatalf("the POST was sent %d times after a 500", fake.posts)
	}
	created, err := client.Contacts.CreateContact(ctx, &intercom.CreateContactRequest{Email: intercom.String("ann@example.com")})
	if err != nil || created.ID == nil || *created.ID != "new1" || *created.Email != "ann@example.com" {
		t.Fatalf("create: %+v, %v", created, err)
	}

	// 2. Iterate over every contact, 3 pages of 2, surviving the 429 the
	// first page gets (X-RateLimit-Reset one second ahead).
	var ids []string
	for c, err := range client.Contacts.ListContactsAll(ctx, &intercom.ListContactsParams{PerPage: intercom.Int(2)}) {
		if err != nil {
			t.Fatalf("list: %v", err)
		}
		ids = append(ids, *c.ID)
	}
	if strings.Join(ids, " ") != "a b c d e" || fake.listCalls != 4 {
		t.Fatalf("listed %v in %d requests, want a-e in 4 (one rate limited)", ids, fake.listCalls)
	}
	// The reset header has a resolution of one second.
	if reset := time.Unix(fake.limitReset.Unix(), 0); fake.retriedAt.Before(reset) {
		t.Errorf("retried at %v, before the reset at %v", fake.retriedAt, reset)
	}

	// 3. A nested search, through the typed builder, over all its pages.
	req := &intercom.SearchRequest{Pagination: intercom.Some(&intercom.StartingAfterPaging{PerPage: intercom.Int(1)})}
	err = req.SetQuery(intercom.SearchAnd(
		intercom.SearchFilter(intercom.ContactFieldRole, intercom.SearchEquals, "user"),
		intercom.SearchOr(
			intercom.SearchFilter(intercom.ContactFieldEmailDomain, intercom.SearchEquals, "example.com"),
			intercom.SearchFilter(intercom.ContactFieldCreatedAt, intercom.SearchGreaterThan, time.Unix(1700000000, 0)),
		),
	))
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for c, err := range client.Contacts.SearchContactsAll(ctx, req) {
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		found = append(found, *c.ID)
	}
	if strings.Join(found, " ") != "s1 s2" || len(fake.searchBodies) != 2 {
		t.Fatalf("found %v in %d requests", found, len(fake.searchBodies))
	}
	query, _ := json.Marshal(fake.searchBodies[0]["query"])
	wantQuery := `{"operator":"AND","value":[{"field":"role","operator":"=","value":"user"},{"operator":"OR","value":[` +
		`{"field":"email_domain","operator":"=","value":"example.com"},{"field":"created_at","operator":"\u003e","value":1700000000}]}]}`
	if string(query) != wantQuery {
		t.Errorf("query sent\n%s\nwant\n%s", query, wantQuery)
	}
	if p := fake.searchBodies[1]["pagination"].(map[string]any); p["starting_after"] != "WzE3XQ==" || p["per_page"] != float64(1) {
		t.Errorf("second search page: %v", p)
	}
	// Too deep a query is refused before anything is sent.
	deep := intercom.SearchAnd(intercom.SearchOr(intercom.SearchAnd(intercom.SearchFilter("id", intercom.SearchEquals, "1"))))
	if err := req.SetQuery(deep); err == nil {
		t.Error("a query nested 3 levels was accepted")
	}

	// 4. A typed 404 with its request_id, and the rate limit of the answer.
	var raw intercom.Response
	_, err = client.Contacts.ShowContact(ctx, "nobody", intercom.WithResponse(&raw))
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.RequestID != "req-404" ||
		len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "not_found" || apiErr.RateLimit.Remaining != 9000 {
		t.Fatalf("show: err = %#v", err)
	}
	if raw.StatusCode != 404 || raw.Attempts != 1 || raw.RateLimit.Limit != 10000 || !strings.Contains(string(raw.Body), "req-404") {
		t.Errorf("raw response %+v", raw)
	}

	// 5. A webhook for the new contact, signed with the client secret.
	body := []byte(`{"type":"notification_event","id":"n1","topic":"contact.user.created","created_at":1700000000,"data":{"item":` +
		`{"type":"contact","id":"new1","email":"ann@example.com"}}}`)
	mac := hmac.New(sha1.New, []byte("secret"))
	mac.Write(body)
	hook := httptest.NewRequest(http.MethodPost, "/webhooks", strings.NewReader(string(body)))
	hook.Header.Set("X-Hub-Signature", "sha1="+hex.EncodeToString(mac.Sum(nil)))
	n, err := intercom.ReadNotification(hook, "secret")
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := n.Item.(*intercom.Contact); !ok || *c.ID != "new1" || n.Topic != "contact.user.created" {
		t.Errorf("notification item %#v", n.Item)
	}
}
