package testserver

import "net/http"

// Op names one operation of the API. T is the type of its success
// answer, so that Stub takes only values of that type: what the client's
// method returns for a JSON answer, string for text and for a redirect
// (its Location), []byte for a file, struct{} when there is no body. The
// package declares one Op per operation (OpShowContact, …).
type Op[T any] struct{ op *operation }

// ID is the operation's ID in the description.
func (o Op[T]) ID() string { return o.op.id }

// Method and Path are the operation's HTTP method and path template.
func (o Op[T]) Method() string { return o.op.method }
func (o Op[T]) Path() string   { return o.op.path }

func (o Op[T]) spec() *operation { return o.op }

// Operation is any Op, for the methods that do not depend on its result
// type.
type Operation interface {
	ID() string
	spec() *operation
}

// Response is a stubbed answer. The zero value is the operation's default
// answer: its success status and example.
type Response struct {
	// Status is the status sent; 0 means the operation's success status
	// (or 400 with Errors).
	Status int
	// Body is the success body: a value encoded as JSON, or []byte and
	// json.RawMessage sent as they are (text and file answers take a
	// string or []byte; a redirect takes its Location). nil sends the
	// example.
	Body any
	// Errors, when there are any, make the answer an Intercom error list
	// carrying them (Body is then ignored).
	Errors []Error
	// Header is added to the answer's header.
	Header http.Header
}

// Errors is an error answer: Intercom's error list with errs.
func Errors(status int, errs ...Error) Response {
	if len(errs) == 0 {
		errs = []Error{{Code: "server_error", Message: http.StatusText(status)}}
	}
	return Response{Status: status, Errors: errs}
}

// Stub makes op answer v (encoded as JSON) from now on.
func Stub[T any](s *Server, op Op[T], v T) {
	s.StubFunc(op, func(Call) Response { return Response{Body: v} })
}

// StubError makes op answer status with an Intercom error list of errs
// from now on (one error with the status text when errs is empty).
func (s *Server) StubError(op Operation, status int, errs ...Error) {
	resp := Errors(status, errs...)
	s.StubFunc(op, func(Call) Response { return resp })
}

// StubFunc makes op answer whatever fn returns for each call, from now
// on. fn runs on the server's goroutines, one per request: it must not
// call t.FailNow (use t.Error) and must be safe to run concurrently when
// the code under test calls concurrently.
func (s *Server) StubFunc(op Operation, fn func(Call) Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stubs[op.spec()] = fn
}

// Unstub gives op its default answer back.
func (s *Server) Unstub(op Operation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.stubs, op.spec())
}
