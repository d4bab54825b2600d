package testserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
)

// maxRequestBody caps what the server reads of a request body; Intercom
// refuses far smaller bodies, and a test should not exhaust memory.
const maxRequestBody = 32 << 20

// Server is a stand-in for Intercom's API, for tests. Every operation of
// the API version answers, by default with the description's example of
// its success response; a test stubs the operations it cares about (Stub,
// StubError, StubFunc, StubPages). Requests are checked as Intercom checks
// them, and every one is recorded (Calls).
//
// A server from NewServer is closed when the test ends; one from Start,
// which needs no test (an example, a program), when its caller calls
// Close.
type Server struct {
	// URL is the server's base URL, for clients built by hand.
	URL string

	// t is nil for a server started outside a test (Start): what would
	// fail the test then panics (misuse while setting up) or is only
	// answered as an HTTP error (a call the server cannot answer).
	t            testing.TB
	api          *api
	srv          *httptest.Server
	token        string
	user         string
	password     string
	keys         map[string]string
	requireStubs bool

	mu     sync.Mutex
	stubs  map[*operation]func(Call) Response
	calls  []Call
	nextID int
}

// A ServerOption configures a Server.
type ServerOption func(*Server)

// RequireStubs makes a call of an operation the test has not stubbed fail
// the test (it is answered 501 with an error list), so that a test cannot
// pass on example answers by accident. Outside a test (Start) the call
// is only answered 501.
func RequireStubs() ServerOption {
	return func(s *Server) { s.requireStubs = true }
}

// newServer starts a server answering the operations of a. The generated
// NewServer passes the package's table and its test, Start a nil t: the
// caller then closes the server.
func newServer(t testing.TB, a *api, opts []ServerOption) *Server {
	if t != nil {
		t.Helper()
	}
	s := &Server{t: t, api: a, token: DefaultToken, user: DefaultUser, password: DefaultPassword, stubs: map[*operation]func(Call) Response{}}
	for _, opt := range opts {
		opt(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	if t != nil {
		t.Cleanup(s.srv.Close)
	}
	return s
}

// errorf fails the test, if there is one, and goes on; outside a test
// the HTTP answer is all the caller sees.
func (s *Server) errorf(format string, args ...any) {
	if s.t != nil {
		s.t.Helper()
		s.t.Errorf(format, args...)
	}
}

// fatalf stops the test, or panics outside a test: it reports a misuse
// while setting the server up.
func (s *Server) fatalf(format string, args ...any) {
	if s.t == nil {
		panic(fmt.Sprintf(format, args...))
	}
	s.t.Helper()
	s.t.Fatalf(format, args...)
}

// Close shuts the server down (before the test ends, for NewServer's);
// it is safe to call more than once.
func (s *Server) Close() { s.srv.Close() }

// Call is one request the server received.
type Call struct {
	// Operation is the ID of the operation the request was routed to, as
	// the description spells it (Op.ID: "ShowContact", "listTags"), ""
	// when no operation answers its route.
	Operation string
	// Method and Path are the request's; PathParams holds the values of
	// the path template's parameters, unescaped.
	Method     string
	Path       string
	PathParams map[string]string
	Query      url.Values
	Header     http.Header
	// Body is the JSON body decoded into the operation's request type (a
	// pointer to it, e.g. *CreateContactRequest), nil when there is none
	// or it was refused; RawBody is the body as received.
	Body    any
	RawBody []byte
	// Form holds the fields of a URL-encoded body.
	Form url.Values
	// Status is the status the server answered.
	Status int
}

// Calls returns the requests received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the requests received so far for op, in order.
func (s *Server) CallsTo(op Operation) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Operation == op.spec().id {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
}

// requestID numbers the answers, so that an error's request_id names it.
func (s *Server) requestID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return fmt.Sprintf("req-%04d", s.nextID)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	id := s.requestID()
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
	c := Call{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(), RawBody: body}
	answer := func(resp Response, op *operation) {
		c.Status = s.write(w, op, id, resp)
		s.record(c)
	}
	if err != nil {
		answer(Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Message: "reading the request body: " + err.Error()}), nil)
		return
	}
	op, params := s.api.route(r.Method, r.URL.EscapedPath())
	if op == nil {
		answer(Errors(http.StatusNotFound, Error{Code: "not_found", Message: fmt.Sprintf("no operation answers %s %s", r.Method, r.URL.Path)}), nil)
		return
	}
	c.Operation, c.PathParams = op.id, params
	if refused := s.checkAuth(op, r); refused != nil {
		answer(*refused, op)
		return
	}
	version := s.api.version
	if op.version != "" {
		version = op.version
	}
	if got := r.Header.Get("Intercom-Version"); got != version {
		answer(Errors(http.StatusBadRequest, Error{Code: "intercom_version_invalid",
			Message: fmt.Sprintf("Intercom-Version %q: %s requires %q", got, op.id, version)}), op)
		return
	}
	if errs := s.api.checkQuery(op, c.Query); len(errs) > 0 {
		answer(Errors(http.StatusBadRequest, errs...), op)
		return
	}
	if ct := r.Header.Get("Content-Type"); op.form && len(body) > 0 {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "multipart/form-data" {
			answer(Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Message: fmt.Sprintf("%s takes a multipart/form-data body, not %q", op.id, ct)}), op)
			return
		}
	}
	if ct := r.Header.Get("Content-Type"); op.raw != "" && len(body) > 0 && !sameMediaType(ct, op.raw) {
		answer(Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Message: fmt.Sprintf("%s takes a %s body, not %q", op.id, op.raw, ct)}), op)
		return
	}
	if op.urlForm {
		if ct := r.Header.Get("Content-Type"); len(body) > 0 {
			if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/x-www-form-urlencoded" {
				answer(Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Message: fmt.Sprintf("%s takes an application/x-www-form-urlencoded body, not %q", op.id, ct)}), op)
				return
			}
		}
		form, err := url.ParseQuery(string(body))
		if err != nil {
			answer(Errors(http.StatusBadRequest, Error{Code: "parameter_invalid", Message: "the form is not URL-encoded: " + err.Error()}), op)
			return
		}
		c.Form = form
		if errs := s.api.checkValues(op.formFields, form); len(errs) > 0 {
			answer(Errors(http.StatusBadRequest, errs...), op)
			return
		}
	}
	if op.body != "" && len(bytes.TrimSpace(body)) > 0 {
		decoded, errs := s.api.checkBody(op, body)
		if len(errs) > 0 {
			answer(Errors(http.StatusBadRequest, errs...), op)
			return
		}
		c.Body = decoded
	}
	s.mu.Lock()
	stub := s.stubs[op]
	s.mu.Unlock()
	switch {
	case stub != nil:
		answer(stub(c), op)
	case s.requireStubs:
		s.errorf("intercomtest: %s (%s %s) was called but the test did not stub it", op.id, r.Method, r.URL.Path)
		answer(Errors(http.StatusNotImplemented, Error{Code: "not_stubbed", Message: op.id + " is not stubbed"}), op)
	default:
		answer(defaultAnswer(op, c), op)
	}
}

// defaultAnswer is the example answer. A paginated operation's example
// is served as its only page, so that iterating over it ends.
func defaultAnswer(op *operation, c Call) Response {
	if op.paging != nil && op.result == resultJSON {
		var items []json.RawMessage
		if op.paging.items == "" {
			json.Unmarshal([]byte(op.example), &items)
		} else if tmpl, ok := parseObject(op.example); ok {
			if raw, err := json.Marshal(lookupPath(tmpl, op.paging.items)); err == nil {
				json.Unmarshal(raw, &items)
			}
		}
		return pageAnswer(op, c, items, len(items), false)
	}
	return Response{}
}

// write sends resp as op's answer and returns the status sent.
func (s *Server) write(w http.ResponseWriter, op *operation, id string, resp Response) int {
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	w.Header().Set("X-Request-Id", id)
	if len(resp.Errors) > 0 || op == nil {
		status := resp.Status
		if status == 0 {
			status = http.StatusBadRequest
		}
		data, _ := json.Marshal(errorList{Type: "error.list", RequestID: id, Errors: resp.Errors})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(data)
		return status
	}
	status := resp.Status
	if status == 0 {
		status = op.status
	}
	var data []byte
	switch b := resp.Body.(type) {
	case nil:
		data = []byte(op.example)
	case []byte:
		data = b
	case json.RawMessage:
		data = b
	case string:
		data = []byte(b)
		if op.result == resultJSON {
			data, _ = json.Marshal(b)
		}
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			s.errorf("intercomtest: %s: encoding the stubbed answer: %v", op.id, err)
			return s.write(w, op, id, Errors(http.StatusInternalServerError, Error{Code: "server_error", Message: err.Error()}))
		}
	}
	switch op.result {
	case resultJSON:
		w.Header().Set("Content-Type", "application/json")
	case resultText:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	case resultStream:
		w.Header().Set("Content-Type", "application/octet-stream")
	case resultRedirect:
		w.Header().Set("Location", string(data))
		data = nil
	case resultNone:
		data = nil
	}
	w.WriteHeader(status)
	w.Write(data)
	return status
}

// errorList is Intercom's error body.
type errorList struct {
	Type      string  `json:"type"`
	RequestID string  `json:"request_id"`
	Errors    []Error `json:"errors"`
}

// Error is one error of an Intercom error list.
type Error struct {
	// Code is machine-readable, e.g. "not_found" or "parameter_invalid".
	Code string `json:"code"`
	// Message is for humans.
	Message string `json:"message"`
	// Field names the offending parameter, when there is one.
	Field string `json:"field,omitempty"`
}

// sameMediaType compares two Content-Type values by their media types; a
// body documented as application/octet-stream (what a range such as
// image/* is sent as) may be sent as any type.
func sameMediaType(got, want string) bool {
	g, _, err := mime.ParseMediaType(got)
	if err != nil {
		return false
	}
	w, _, err := mime.ParseMediaType(want)
	return err == nil && (g == w || w == "application/octet-stream")
}
