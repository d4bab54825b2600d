// Package verify checks a generated client against its own description,
// on the wire: every operation is called through the generated package
// against an in-process server that validates each request with
// kin-openapi's openapi3filter and answers with the description's examples.
//
// It checks that every JSON response example decodes (into the result type,
// or as the typed *APIError for error statuses) and re-encodes to the same
// JSON; that every operation is called and its requests are valid; and that
// the non-JSON operations (multipart upload, text, downloads, redirects,
// empty answers) work end to end.
//
// The generated package runs in a harness program (templates/harness)
// built in a throwaway module with the go command, exactly as a user
// would build it; the harness reaches operations by reflection and reports
// what came back.
package verify

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/generator/internal/render"
	"github.com/intercom-gen/intercom-gen/generator/internal/write"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/templates"
)

// Options configure a verification.
type Options struct {
	// Exceptions lists checks known to fail because of the description; nil
	// means the list embedded from specs/verify-exceptions.yaml.
	Exceptions *Exceptions
	// WorkDir is where the throwaway module is built (a temporary folder
	// when empty; it is removed afterwards unless Keep).
	WorkDir string
	Keep    bool
}

// The credentials the harness sends and the server expects: the token of
// every token scheme, HTTP basic authentication's user and password, and
// the key of every API key scheme.
const (
	token    = "verify-token"
	user     = "verify-user"
	password = "verify-password"
	apiKey   = "verify-key"
)

// Run verifies res, the client generated from doc (it does not generate
// it again: the caller's generation is the one verified).
func Run(ctx context.Context, doc *loader.Document, res *pipeline.Result, opts Options) (*Report, error) {
	if doc == nil || doc.Spec == nil || res == nil || res.Package == nil {
		return nil, errors.New("verify: needs the loaded description (not released) and the package generated from it")
	}
	ex := opts.Exceptions
	if ex == nil {
		var err error
		if ex, err = DefaultExceptions(); err != nil {
			return nil, err
		}
	}
	pkg := res.Package
	var err error

	// The version header every request must carry ("" when the
	// description declares none: then none may be sent).
	version := pkg.Version
	if !pkg.VersionHeader {
		version = ""
	}
	var calls []*Call
	for _, op := range pkg.Operations {
		item := doc.Spec.Paths.Value(op.Path)
		if item == nil {
			return nil, fmt.Errorf("verify: %s %s is not in the description", op.HTTPMethod, op.Path)
		}
		kop := item.GetOperation(op.HTTPMethod)
		if kop == nil {
			return nil, fmt.Errorf("verify: %s %s is not in the description", op.HTTPMethod, op.Path)
		}
		calls = append(calls, planCalls(op, kop, item, version, len(calls)+1)...)
	}

	dir := opts.WorkDir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "intercom-gen-verify-"); err != nil {
			return nil, err
		}
	}
	if !opts.Keep {
		defer os.RemoveAll(dir)
	}
	bin, err := buildHarness(ctx, dir, res)
	if err != nil {
		return nil, err
	}

	srv := newServer(doc.Spec, pkg, calls)
	defer srv.close()
	results, err := runHarness(ctx, bin, srv.srv.URL, pkg, calls)
	if err != nil {
		return nil, err
	}
	return evaluate(pkg, calls, results, srv, ex), nil
}

// buildHarness writes the generated package and the harness into a module
// of their own and builds it.
func buildHarness(ctx context.Context, dir string, res *pipeline.Result) (string, error) {
	if _, err := write.Write(filepath.Join(dir, "sdk"), res.Files); err != nil {
		return "", err
	}
	main, err := templates.Harness("verifyharness/sdk", harnessClient(res.Package))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), main, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module verifyharness\n\ngo 1.24\n"), 0o644); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "harness")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
	cmd.Dir = dir
	// The module needs nothing but the standard library and must not fetch.
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", errors.New("verify needs the go command on PATH to build the generated client")
		}
		return "", fmt.Errorf("verify: building the generated client: %v\n%s", err, out)
	}
	return bin, nil
}

// harnessResult mirrors the harness's output.
type harnessResult struct {
	N     int `json:"n"`
	Error *struct {
		Kind      string `json:"kind"`
		Message   string `json:"message"`
		Status    int    `json:"status"`
		RequestID string `json:"requestID"`
		Type      string `json:"type"`
		Errors    []struct {
			Code, Message, Field string
		} `json:"errors"`
		Body string `json:"body"`
	} `json:"error"`
	JSON           json.RawMessage   `json:"json"`
	Text           *string           `json:"text"`
	Bytes          []byte            `json:"bytes"`
	Location       string            `json:"location"`
	SentBody       json.RawMessage   `json:"sentBody"`
	BodyVariants   map[string]string `json:"bodyVariants"`
	ResultVariants map[string]string `json:"resultVariants"`
	Typed          *struct {
		Extra      int      `json:"extra"`
		Mismatches []string `json:"mismatches"`
		Misplaced  []string `json:"misplaced"`
	} `json:"typed"`
}

// harnessClient is the harness's newClient for pkg: a client of the
// plan's server, unretried, with the plan's credential for each of the
// package's security schemes.
func harnessClient(pkg *model.Package) []byte {
	p := func(field string) *jen.Statement { return jen.Id("p").Dot(field) }
	qual := func(name string) *jen.Statement { return jen.Id("sdk").Dot(name) }
	creds := render.Credentials{
		Token: p("Token"),
		Basic: jen.List(p("User"), p("Password")),
		Key:   func(string) jen.Code { return p("Key") },
	}
	call := render.NewClientCall(pkg, qual, creds, []jen.Code{qual("WithBaseURL").Call(p("BaseURL")), qual("WithMaxRetries").Call(jen.Lit(0))}, nil)
	fn := jen.Func().Id("newClient").Params(jen.Id("p").Id("plan")).Op("*").Add(qual("Client")).Block(jen.Return(call))
	return []byte(fmt.Sprintf("%#v", fn))
}

func runHarness(ctx context.Context, bin, baseURL string, pkg *model.Package, calls []*Call) (map[int]*harnessResult, error) {
	fields := map[string]string{}
	for _, s := range pkg.Services {
		fields[s.Tag] = s.Field
	}
	p := struct {
		BaseURL  string `json:"baseURL"`
		Token    string `json:"token"`
		User     string `json:"user"`
		Password string `json:"password"`
		Key      string `json:"key"`
		Calls    []wire `json:"calls"`
	}{BaseURL: baseURL, Token: token, User: user, Password: password, Key: apiKey}
	for _, c := range calls {
		p.Calls = append(p.Calls, wire{N: c.N, Service: fields[c.Op.Tag], Method: c.Op.Method,
			Path: c.Path, Params: c.Params, Body: c.Body, Form: c.Form})
	}
	in, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("verify: the harness failed: %v\n%s", err, stderr.String())
	}
	results := map[int]*harnessResult{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var r harnessResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("verify: reading the harness output: %v", err)
		}
		results[r.N] = &r
	}
	return results, sc.Err()
}

// evaluate turns what the server saw and the harness got into a report.
func evaluate(pkg *model.Package, calls []*Call, results map[int]*harnessResult, srv *server, ex *Exceptions) *Report {
	rep := &Report{Version: pkg.Version, Operations: len(pkg.Operations)}
	called := map[*model.Operation]bool{}
	reported := map[string]bool{}
	requestChecked := map[string]bool{}
	fail := func(f Failure) {
		// A body reused for several calls fails the same way each time.
		key := f.String()
		if reported[key] {
			return
		}
		reported[key] = true
		if e := ex.match(pkg.Version, f); e != nil {
			f.Reason = e.Reason
			rep.Excepted = append(rep.Excepted, f)
			return
		}
		rep.Failures = append(rep.Failures, f)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	invalid := func(f Failure) {
		if key := f.String(); !reported[key] {
			reported[key] = true
			rep.InvalidExamples = append(rep.InvalidExamples, f)
		}
	}
	for _, c := range calls {
		res := results[c.N]
		seen := srv.served[c.N]
		id := c.Op.ID
		for _, f := range c.Refused {
			invalid(f)
		}
		if seen != nil {
			called[c.Op] = true
			rep.Requests++
			switch f := (Failure{Check: "request", Operation: id, Example: c.RequestExample, Detail: strings.Join(seen.Problems, "; ")}); {
			case len(seen.Problems) == 0:
				rep.RequestsValid++
			case c.RequestExample != "" && exampleInvalid(c) != "":
				f.Detail = "the example itself: " + exampleInvalid(c)
				invalid(f)
			case c.RequestExample == "" && c.Unsatisfied != "" && c.Body != nil:
				// No value verify could make satisfies the schema
				// (it has no example): the description's schema is
				// at fault, or at least cannot be checked.
				f.Detail = "the body schema accepts no value verify could make: " + c.Unsatisfied
				invalid(f)
			default:
				fail(f)
			}
		}
		if res == nil {
			fail(Failure{Check: "call", Operation: id, Detail: "the harness reported nothing for this call"})
			continue
		}
		rep.Calls = append(rep.Calls, CallResult{Operation: id, RequestExample: c.RequestExample, ResponseExample: c.Example,
			Status: c.Status, BodyVariants: res.BodyVariants, ResultVariants: res.ResultVariants})
		if res.Error != nil && res.Error.Kind == "harness" {
			f := Failure{Check: "call", Operation: id, Example: c.RequestExample, Detail: res.Error.Message}
			if why := exampleInvalid(c); c.RequestExample != "" && why != "" {
				// The client's type cannot hold an example its own
				// schema refuses: the description's fault.
				f.Check, f.Detail = "request", "the example itself: "+why
				invalid(f)
				continue
			}
			fail(f)
			continue
		}
		if seen == nil {
			fail(Failure{Check: "call", Operation: id, Example: c.RequestExample, Detail: "no request reached the server: " + errText(res)})
			continue
		}
		if c.Example != "" {
			rep.Examples++
		}
		if c.RequestExample != "" && res.SentBody != nil && !requestChecked[c.Op.ID+"/"+c.RequestExample] {
			requestChecked[c.Op.ID+"/"+c.RequestExample] = true
			rep.RequestExamples++
			if diffs, err := diffJSON(c.Body, res.SentBody); err != nil || len(diffs) > 0 {
				detail := summarise(diffs)
				if err != nil {
					detail = err.Error()
				}
				fail(Failure{Check: "lossless", Operation: id, Example: "request " + c.RequestExample, Detail: detail})
			} else {
				rep.RequestLossless++
			}
		}
		// A success or error answer whose example its own schema refuses
		// is the description's fault when the client cannot decode it
		// at all (an object where the schema says array). Losing or
		// misplacing what it decoded stays the client's.
		answerFail := func(f Failure) {
			if why := answerInvalid(c); why != "" && f.Check == "decode" {
				f.Detail = "the example itself: " + why
				invalid(f)
				return
			}
			fail(f)
		}
		switch {
		case c.Status >= 400 || c.Status >= 300 && c.Op.Result.Kind != model.Redirect:
			checkError(c, res, rep, answerFail)
		case c.Status >= 300:
			switch {
			case res.Error != nil:
				fail(Failure{Check: "call", Operation: id, Status: c.Status, Detail: errText(res)})
			case res.Location != srv.elsewhereURL():
				fail(Failure{Check: "call", Operation: id, Status: c.Status, Detail: fmt.Sprintf("Location %q, want %q", res.Location, srv.elsewhereURL())})
			}
		default:
			checkSuccess(c, res, rep, answerFail)
		}
	}
	if srv.leaked > 0 {
		rep.Failures = append(rep.Failures, Failure{Check: "call", Operation: "(redirects)",
			Detail: fmt.Sprintf("%d requests followed a redirect to another host", srv.leaked)})
	}
	rep.OperationsCalled = len(called)
	for _, op := range pkg.Operations {
		if !called[op] {
			fail(Failure{Check: "call", Operation: op.ID, Detail: "never reached the server"})
		}
	}
	return rep
}

func errText(res *harnessResult) string {
	if res.Error == nil {
		return "no error"
	}
	return res.Error.Kind + " error: " + res.Error.Message
}

// checkSuccess: the result must come back without error and, for an
// example, re-encode to the example.
func checkSuccess(c *Call, res *harnessResult, rep *Report, fail func(Failure)) {
	id := c.Op.ID
	if res.Error != nil {
		check := "call"
		if c.Example != "" {
			check = "decode"
		}
		fail(Failure{Check: check, Operation: id, Example: c.Example, Status: c.Status, Detail: errText(res)})
		return
	}
	switch c.Op.Result.Kind {
	case model.Text:
		if res.Text == nil || *res.Text != string(c.Answer) {
			fail(Failure{Check: "call", Operation: id, Status: c.Status, Detail: "the text answer did not come back as sent"})
		}
	case model.Stream:
		if !bytes.Equal(res.Bytes, c.Answer) {
			fail(Failure{Check: "call", Operation: id, Status: c.Status, Detail: fmt.Sprintf("download of %d bytes came back as %d", len(c.Answer), len(res.Bytes))})
		}
	case model.JSON:
		if c.Example == "" {
			return
		}
		rep.Decoded++
		if t := res.Typed; t != nil {
			total := countValues(c.Answer)
			rep.TypedValues += max(0, total-t.Extra)
			rep.ExtraValues += t.Extra
			rep.MismatchedValues += len(t.Mismatches)
			if len(t.Misplaced) > 0 {
				fail(Failure{Check: "typed", Operation: id, Example: c.Example, Status: c.Status,
					Detail: "values that another variant's fields would hold sit in extra fields: " + strings.Join(t.Misplaced, ", ")})
			}
		}
		diffs, err := diffJSON(c.Answer, res.JSON)
		switch {
		case err != nil:
			fail(Failure{Check: "lossless", Operation: id, Example: c.Example, Status: c.Status, Detail: err.Error()})
		case len(diffs) > 0:
			fail(Failure{Check: "lossless", Operation: id, Example: c.Example, Status: c.Status, Detail: summarise(diffs)})
		default:
			rep.Lossless++
		}
	}
}

// checkError: an error answer must come back as *APIError with its status,
// request ID and every error entry of the example.
func checkError(c *Call, res *harnessResult, rep *Report, fail func(Failure)) {
	id := c.Op.ID
	if res.Error == nil || res.Error.Kind != "api" || res.Error.Status != c.Status {
		check := "call"
		if c.Example != "" {
			check = "decode"
		}
		fail(Failure{Check: check, Operation: id, Example: c.Example, Status: c.Status,
			Detail: fmt.Sprintf("want *APIError with status %d, got %s", c.Status, errText(res))})
		return
	}
	if c.Example == "" {
		return
	}
	rep.Decoded++
	var problems []string
	if res.Error.Body != string(c.Answer) {
		problems = append(problems, "the body was not kept as received")
	}
	var body map[string]any
	if err := json.Unmarshal(c.Answer, &body); err == nil {
		if rid, ok := body["request_id"].(string); ok && rid != res.Error.RequestID {
			problems = append(problems, fmt.Sprintf("RequestID %q, want %q", res.Error.RequestID, rid))
		}
		var want []string
		switch errs := body["errors"].(type) {
		case []any:
			for _, e := range errs {
				if m, ok := e.(map[string]any); ok {
					want = append(want, fmt.Sprintf("%v|%v|%v", str(m["code"]), str(m["message"]), str(m["field"])))
				}
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(errs)) {
				want = append(want, fmt.Sprintf("|%v|%v", str(errs[k]), k))
			}
		}
		var got []string
		for _, e := range res.Error.Errors {
			got = append(got, e.Code+"|"+e.Message+"|"+e.Field)
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				problems = append(problems, "error entry "+w+" (code|message|field) is missing")
			}
		}
		if msg, ok := body["message"].(string); ok && len(want) == 0 && !strings.Contains(res.Error.Message, msg) {
			problems = append(problems, fmt.Sprintf("message %q is missing", msg))
		}
	}
	if len(problems) > 0 {
		fail(Failure{Check: "lossless", Operation: id, Example: c.Example, Status: c.Status, Detail: strings.Join(problems, "; ")})
		return
	}
	rep.Lossless++
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// summarise keeps a failure line readable.
func summarise(diffs []string) string {
	if len(diffs) <= 4 {
		return strings.Join(diffs, "; ")
	}
	return strings.Join(diffs[:4], "; ") + fmt.Sprintf("; … and %d more", len(diffs)-4)
}

// countValues counts the values of a JSON document: every object member,
// array element and the top-level value, recursively.
func countValues(raw []byte) int {
	v, err := parseJSON(raw)
	if err != nil {
		return 0
	}
	var count func(v any) int
	count = func(v any) int {
		n := 1
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				n += count(x)
			}
		case []any:
			for _, x := range v {
				n += count(x)
			}
		}
		return n
	}
	return count(v)
}
