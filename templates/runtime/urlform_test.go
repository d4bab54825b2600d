package runtime

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// testURLForm stands in for a generated URL-encoded form body: its tags
// carry each field's style (the description's encoding).
type testURLForm struct {
	Channel  string           `form:"channel"`
	Text     *string          `form:"text"`
	Missing  *string          `form:"missing"`
	Count    int              `form:"count"`
	Unfurl   *bool            `form:"unfurl"`
	Cleared  Nullable[string] `form:"cleared"`
	Note     Nullable[string] `form:"note"`
	Tags     []string         `form:"tags"`
	Empty    []string         `form:"empty"`
	CSV      []string         `form:"csv,comma"`
	Spaced   []int            `form:"spaced,space"`
	Piped    []string         `form:"piped,pipe"`
	Filter   *testFilter      `form:"filter,object"`
	Deep     *testFilter      `form:"deep,deep"`
	Pairs    *testByID        `form:"pairs,pairs"`
	Blocks   []testByID       `form:"blocks,json"`
	Blank    *testFilter      `form:"blank,json"`
	Unrolled map[string]int   `form:"unrolled,object"`
}

// testFilter stands in for a generated model.
type testFilter struct {
	Field string `json:"field"`
	Value int    `json:"value"`
	objectMeta
}

func (v *testFilter) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }

// TestURLFormStyles: each field is written as its style says, optional
// fields left out when unset, required ones sent even at their zero value.
func TestURLFormStyles(t *testing.T) {
	form := &testURLForm{
		Channel: "C1", Text: String("hi there & more"), Unfurl: Bool(false),
		Cleared: Null[string](), Note: Some("n"),
		Tags: []string{"a", "b"}, Empty: []string{}, CSV: []string{"x", "y"}, Spaced: []int{1, 2}, Piped: []string{"p", "q"},
		Filter: &testFilter{Field: "email", Value: 3}, Deep: &testFilter{Field: "role", Value: 1},
		Pairs: &testByID{ID: "7"}, Blocks: []testByID{{ID: "b1"}}, Unrolled: map[string]int{"x": 1},
	}
	data, err := encodeURLForm(form)
	if err != nil {
		t.Fatal(err)
	}
	got, err := url.ParseQuery(string(data))
	if err != nil {
		t.Fatal(err)
	}
	want := url.Values{
		"channel": {"C1"}, "text": {"hi there & more"}, "count": {"0"}, "unfurl": {"false"}, "note": {"n"},
		"tags": {"a", "b"}, "csv": {"x,y"}, "spaced": {"1 2"}, "piped": {"p|q"},
		"field": {"email"}, "value": {"3"},
		"deep[field]": {"role"}, "deep[value]": {"1"},
		"pairs":  {"id,7"},
		"blocks": {`[{"id":"b1"}]`},
		"x":      {"1"},
	}
	if got.Encode() != want.Encode() {
		t.Errorf("form\n got %s\nwant %s", got.Encode(), want.Encode())
	}
	// Keys come out sorted: the same form is the same bytes.
	again, _ := encodeURLForm(form)
	if string(again) != string(data) || !strings.HasPrefix(string(data), "blocks=") {
		t.Errorf("not deterministic: %s", data)
	}
	if _, err := encodeURLForm(struct{ X int }{}); err != nil {
		t.Errorf("a struct without form fields: %v", err)
	}
	if _, err := encodeURLForm(3); err == nil {
		t.Error("a form that is not a struct")
	}
}

// TestURLFormOnTheWire: a URL-encoded body goes out with its content type,
// and, being bytes, is sent again unchanged by a retry.
func TestURLFormOnTheWire(t *testing.T) {
	var bodies []string
	attempts := 0
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		attempts++
		if err := r.ParseForm(); err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			t.Errorf("content type %q, %v", r.Header.Get("Content-Type"), err)
		}
		bodies = append(bodies, r.PostForm.Encode())
		status := http.StatusOK
		if attempts == 1 {
			status = http.StatusServiceUnavailable
		}
		return &http.Response{StatusCode: status, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})}
	core := newClientCore("", "", []Option{WithBaseURL("https://api.example.com"), WithHTTPClient(hc), withSecurity([]securityRequirement{{}})})
	form := &testURLForm{Channel: "C1", Tags: []string{"a"}}
	op := Operation{ID: "chat", Method: http.MethodPut, Path: "/chat"}
	if err := callNoContent(context.Background(), core, &request{op: op, path: "/chat", urlForm: form}, []Option{WithMaxRetryWait(1)}); err != nil {
		t.Fatal(err)
	}
	if attempts != 2 || bodies[0] != "channel=C1&count=0&tags=a" || bodies[1] != bodies[0] {
		t.Errorf("%d attempts, bodies %q", attempts, bodies)
	}
}
