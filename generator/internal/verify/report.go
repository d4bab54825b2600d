package verify

import (
	"fmt"
	"io"
	"strings"
)

// Report counts what verify checked for one description.
type Report struct {
	Version string
	// Operations and OperationsCalled: every operation must reach the
	// server at least once.
	Operations, OperationsCalled int
	// Requests and RequestsValid: requests that passed openapi3filter
	// validation (and carried auth and the right Intercom-Version).
	Requests, RequestsValid int
	// Examples is the number of JSON response examples answered;
	// Decoded came back without error (as the result, or as the typed
	// error for error statuses); Lossless re-encoded to the same JSON.
	Examples, Decoded, Lossless int
	// RequestExamples were decoded into the body type and sent;
	// RequestLossless were sent exactly as the example says.
	RequestExamples, RequestLossless int
	// The typed view of the decoded success examples: TypedValues landed
	// in declared fields, ExtraValues only in extra fields (everything
	// inside an extra counted), MismatchedValues are values of another
	// kind than declared that could not convert (Mismatches). A value
	// that another union variant's fields would hold but that sits in
	// extras is a "typed" failure.
	TypedValues, ExtraValues, MismatchedValues int
	// Failures outside the exceptions list; Excepted matched an entry.
	Failures []Failure
	Excepted []Failure
	// InvalidExamples are requests that failed validation because the
	// description's own request example does not match its schema: the
	// client sent what the example says, as it should.
	InvalidExamples []Failure
	// Calls records every call, for tests that look at what was decoded.
	Calls []CallResult
}

// CallResult is what one call did.
type CallResult struct {
	Operation       string
	RequestExample  string
	ResponseExample string
	Status          int
	// BodyVariants and ResultVariants name the union variant chosen at each
	// JSON path of the request body and of the decoded result.
	BodyVariants, ResultVariants map[string]string
}

// Failure is one failed check.
type Failure struct {
	Check     string // decode, lossless, typed, request, call
	Operation string
	// Example is the request example (request checks) or the response
	// example (decode and lossless checks).
	Example string
	Status  int
	Detail  string
	// Reason is the exception's reason for excepted failures.
	Reason string
}

func (f Failure) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", f.Check, f.Operation)
	if f.Status != 0 {
		fmt.Fprintf(&b, " %d", f.Status)
	}
	if f.Example != "" {
		fmt.Fprintf(&b, " example %q", f.Example)
	}
	b.WriteString(": ")
	b.WriteString(f.Detail)
	if f.Reason != "" {
		b.WriteString(" (excepted: " + f.Reason + ")")
	}
	return b.String()
}

// OK reports whether nothing failed outside the exceptions.
func (r *Report) OK() bool { return len(r.Failures) == 0 }

// Summary is the one-line count.
func (r *Report) Summary() string {
	return fmt.Sprintf("version %s: examples decoded %d/%d, lossless %d/%d, request examples lossless %d/%d, operations called %d/%d, requests valid %d/%d (%d invalid examples of the description), values typed %d, only in extras %d (%d not fitting their type); %d failures, %d excepted",
		r.Version, r.Decoded, r.Examples, r.Lossless, r.Examples, r.RequestLossless, r.RequestExamples,
		r.OperationsCalled, r.Operations, r.RequestsValid, r.Requests, len(r.InvalidExamples),
		r.TypedValues, r.ExtraValues, r.MismatchedValues, len(r.Failures), len(r.Excepted))
}

// Print writes the summary, then one line per failure (and, with
// excepted, per excepted failure).
func (r *Report) Print(w io.Writer, excepted bool) {
	fmt.Fprintln(w, r.Summary())
	for _, f := range r.Failures {
		fmt.Fprintln(w, "  FAIL "+f.String())
	}
	for _, f := range r.InvalidExamples {
		fmt.Fprintln(w, "  invalid example "+f.String())
	}
	if excepted {
		for _, f := range r.Excepted {
			fmt.Fprintln(w, "  excepted "+f.String())
		}
	}
}
