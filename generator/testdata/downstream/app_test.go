// A downstream application's tests, written against the test package
// generated beside the fixture v1 package (TestTestPackageDownstream
// builds the module and runs them). Only the README and go doc are needed
// to write them.
package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"example.com/app/intercom"
	"example.com/app/intercom/intercomtest"
)

// welcome is the code under test: it looks a contact up and replies.
func welcome(ctx context.Context, c *intercom.Client, contactID string) (string, error) {
	contact, err := c.Contacts.ShowContact(ctx, contactID)
	if err != nil {
		return "", err
	}
	return "Hello " + *contact.Email, nil
}

func TestStubAndRecordedCall(t *testing.T) {
	srv := intercomtest.NewServer(t)
	intercomtest.Stub(srv, intercomtest.OpShowContact, &intercom.Contact{ID: intercom.String("c1"), Email: intercom.String("ada@example.com")})
	got, err := welcome(context.Background(), srv.Client(), "c1")
	if err != nil || got != "Hello ada@example.com" {
		t.Fatalf("welcome = %q, %v", got, err)
	}
	calls := srv.CallsTo(intercomtest.OpShowContact)
	if len(calls) != 1 || calls[0].PathParams["id"] != "c1" || calls[0].Header.Get("Intercom-Version") != intercom.Version {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestDefaultExampleAnswers(t *testing.T) {
	srv := intercomtest.NewServer(t)
	admin, err := srv.Client().Admins.IdentifyAdmin(context.Background())
	if err != nil || admin.Email == nil || *admin.Email == "" {
		t.Fatalf("IdentifyAdmin: %+v, %v", admin, err)
	}
	// Every example list ends: iterating over one does not page forever.
	n := 0
	for _, err := range srv.Client().Contacts.ListContactsAll(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if len(srv.Calls()) != 2 {
		t.Fatalf("%d contacts in %d calls", n, len(srv.Calls()))
	}
}

func TestStubError(t *testing.T) {
	srv := intercomtest.NewServer(t)
	srv.StubError(intercomtest.OpShowContact, http.StatusNotFound, intercomtest.Error{Code: "not_found", Message: "User Not Found"})
	_, err := welcome(context.Background(), srv.Client(), "nobody")
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Errors[0].Code != "not_found" || apiErr.RequestID == "" {
		t.Fatalf("err = %v", err)
	}
}

func TestStubFunc(t *testing.T) {
	srv := intercomtest.NewServer(t)
	srv.StubFunc(intercomtest.OpCreateContact, func(c intercomtest.Call) intercomtest.Response {
		body := c.Body.(*intercom.CreateContactRequest)
		return intercomtest.Response{Body: &intercom.Contact{ID: intercom.String("new"), Email: body.Email}}
	})
	contact, err := srv.Client().Contacts.CreateContact(context.Background(), &intercom.CreateContactRequest{Email: intercom.String("bo@example.com")})
	if err != nil || *contact.ID != "new" || *contact.Email != "bo@example.com" {
		t.Fatalf("CreateContact: %+v, %v", contact, err)
	}
}

func TestRequestChecks(t *testing.T) {
	srv := intercomtest.NewServer(t)
	// An enum value the API does not know is refused, naming the field.
	_, err := srv.Client().Conversations.ReplyConversation(context.Background(), "1", &intercom.ReplyConversationRequest{
		AdminReplyConversationRequest: &intercom.AdminReplyConversationRequest{MessageType: "shout", AdminID: "7"},
	})
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Errors[0].Code != "parameter_invalid" {
		t.Fatalf("bad enum: %v", err)
	}
	// A wrong token is a 401, a wrong version a 400.
	if _, err := intercom.NewClient("wrong", intercom.WithBaseURL(srv.URL)).Admins.IdentifyAdmin(context.Background()); !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Fatalf("wrong token: %v", err)
	}
	if _, err := srv.Client(intercom.WithVersion("0.9")).Admins.IdentifyAdmin(context.Background()); !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("wrong version: %v", err)
	}
}

func TestPages(t *testing.T) {
	srv := intercomtest.NewServer(t)
	var contacts []intercom.Contact
	for i := range 5 {
		contacts = append(contacts, intercom.Contact{ID: intercom.String(fmt.Sprint("c", i))})
	}
	intercomtest.StubPages(srv, intercomtest.OpListContacts, contacts, 2)
	intercomtest.StubPages(srv, intercomtest.OpSearchContacts, contacts, 2)
	intercomtest.StubPages(srv, intercomtest.OpScrollOverAllCompanies, []intercom.Company{{ID: intercom.String("a")}, {ID: intercom.String("b")}}, 1)
	intercomtest.StubPages(srv, intercomtest.OpListAttachedContacts, contacts, 3)
	ctx := context.Background()
	c := srv.Client()
	ids := func(seq func(func(*intercom.Contact, error) bool)) string {
		var out []string
		for contact, err := range seq {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, *contact.ID)
		}
		return strings.Join(out, ",")
	}
	if got := ids(c.Contacts.ListContactsAll(ctx, nil)); got != "c0,c1,c2,c3,c4" {
		t.Errorf("cursor pages: %s", got)
	}
	search := &intercom.SearchRequest{}
	if err := search.SetQuery(intercom.SearchFilter(intercom.ContactFieldRole, intercom.SearchEquals, "user")); err != nil {
		t.Fatal(err)
	}
	if got := ids(c.Contacts.SearchContactsAll(ctx, search)); got != "c0,c1,c2,c3,c4" {
		t.Errorf("search pages: %s", got)
	}
	if got := ids(c.Companies.ListAttachedContactsAll(ctx, "co", nil)); got != "c0,c1,c2,c3,c4" {
		t.Errorf("numbered pages: %s", got)
	}
	var companies []string
	for company, err := range c.Companies.ScrollOverAllCompaniesAll(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		companies = append(companies, *company.ID)
	}
	if strings.Join(companies, ",") != "a,b" {
		t.Errorf("scroll: %v", companies)
	}
	if n := len(srv.CallsTo(intercomtest.OpListContacts)); n != 3 {
		t.Errorf("%d list calls, want 3 pages", n)
	}
}

// webhook is the application's webhook handler.
func webhook(secret string, seen chan<- string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := intercom.ReadNotification(r, secret)
		if err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		seen <- n.Topic + " " + *n.Item.(*intercom.Contact).ID
	})
}

func TestSignedWebhook(t *testing.T) {
	seen := make(chan string, 1)
	rec := httptest.NewRecorder()
	webhook("s3cret", seen).ServeHTTP(rec, intercomtest.NewNotificationRequest(t, "s3cret", "contact.user.created", &intercom.Contact{Type: intercom.String("contact"), ID: intercom.String("c9")}))
	if rec.Code != 200 || <-seen != "contact.user.created c9" {
		t.Fatalf("handler: %d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	webhook("other", seen).ServeHTTP(rec, intercomtest.NewNotificationRequest(t, "s3cret", "contact.user.created", &intercom.Contact{}))
	if rec.Code != 401 {
		t.Fatalf("a wrong secret: %d", rec.Code)
	}
}

// failures is a testing.TB that keeps failures instead of reporting them.
type failures struct {
	testing.TB
	mu   sync.Mutex
	msgs []string
}

func (f *failures) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.msgs = append(f.msgs, fmt.Sprintf(format, args...))
}

func TestUnstubbedCallFails(t *testing.T) {
	f := &failures{TB: t}
	srv := intercomtest.NewServer(f, intercomtest.RequireStubs())
	intercomtest.Stub(srv, intercomtest.OpShowContact, &intercom.Contact{Email: intercom.String("x@example.com")})
	if _, err := welcome(context.Background(), srv.Client(), "1"); err != nil || len(f.msgs) != 0 {
		t.Fatalf("stubbed: %v %q", err, f.msgs)
	}
	if _, err := srv.Client().Admins.IdentifyAdmin(context.Background()); err == nil {
		t.Fatal("an unstubbed call succeeded")
	}
	if len(f.msgs) != 1 || !strings.Contains(f.msgs[0], "identifyAdmin") {
		t.Fatalf("failures: %q", f.msgs)
	}
}
