package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// callHeader carries the call number from the harness to the server, so the
// server knows which operation the request claims to be and what to answer.
const callHeader = "X-Verify-Call"

// server plays Intercom: it validates each request against the
// description with kin-openapi's openapi3filter and answers with the
// planned example.
type server struct {
	spec *openapi3.T
	// schemes are the security schemes the client sends, by name.
	schemes map[string]*model.SecurityScheme
	calls   map[int]*Call

	mu     sync.Mutex
	served map[int]*served

	srv       *httptest.Server
	elsewhere *httptest.Server // a redirect target on another host
	leaked    int              // requests that reached it
}

// served is what the server saw of one call.
type served struct {
	// Problems found in the request; empty means valid.
	Problems []string
}

func newServer(spec *openapi3.T, pkg *model.Package, calls []*Call) *server {
	useFormDecoder()
	s := &server{spec: spec, schemes: map[string]*model.SecurityScheme{}, calls: map[int]*Call{}, served: map[int]*served{}}
	for _, sc := range pkg.Schemes {
		s.schemes[sc.Name] = sc
	}
	for _, c := range calls {
		s.calls[c.N] = c
		if c.Raw != nil {
			registerRawDecoders(c.KinOp)
		}
	}
	s.elsewhere = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.leaked++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	// The redirect target must be another host, not only another port:
	// 127.0.0.1 serves the API, "localhost" the recording.
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

func (s *server) close() {
	s.srv.Close()
	s.elsewhere.Close()
}

// elsewhereURL is the redirect target, named by another host name.
func (s *server) elsewhereURL() string {
	u, _ := url.Parse(s.elsewhere.URL)
	return "http://localhost:" + u.Port() + "/recording.mp3"
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.Header.Get(callHeader))
	c := s.calls[n]
	if err != nil || c == nil {
		http.Error(w, "request without a planned call", http.StatusTeapot)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "reading the body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	problems := s.check(r, c)
	if c.Raw != nil && !bytes.Equal(body, c.Raw) {
		problems = append(problems, fmt.Sprintf("the body arrived as %q, want %q", body, c.Raw))
	}
	if len(problems) > 0 {
		problems = append(problems, "request was "+r.Method+" "+r.URL.RequestURI())
	}
	s.mu.Lock()
	s.served[n] = &served{Problems: problems}
	s.mu.Unlock()

	switch {
	case c.Location != "":
		w.Header().Set("Location", s.elsewhereURL())
	case c.ContentType != "":
		w.Header().Set("Content-Type", c.ContentType)
	}
	w.Header().Set("X-Request-Id", fmt.Sprintf("verify-%d", n))
	w.WriteHeader(c.Status)
	_, _ = w.Write(c.Answer)
}

// check lists what is wrong with a request for call c.
func (s *server) check(r *http.Request, c *Call) []string {
	var problems []string
	if r.Method != c.Op.HTTPMethod {
		problems = append(problems, fmt.Sprintf("method %s, want %s", r.Method, c.Op.HTTPMethod))
	}
	pathParams, ok := matchPath(c.Op.Path, r.URL.EscapedPath())
	if !ok {
		problems = append(problems, fmt.Sprintf("path %s does not match %s", r.URL.EscapedPath(), c.Op.Path))
	}
	if got := r.Header.Get("Intercom-Version"); got != c.Version {
		problems = append(problems, fmt.Sprintf("Intercom-Version %q, want %q", got, c.Version))
	}
	if noCredentials(c.Op.Security) {
		// What the description lets anyone call must not be sent a
		// credential the client holds.
		problems = append(problems, s.credentialsSent(r)...)
	}
	if !ok {
		return problems
	}
	route := &routers.Route{Spec: s.spec, Path: c.Op.Path, PathItem: c.Item, Method: r.Method, Operation: c.KinOp}
	input := &openapi3filter.RequestValidationInput{
		Request: r, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{
			MultiError: true,
			// Judge what the client sent, not the request with the
			// description's defaults filled in (a default the schema
			// refuses would fail a request that left it out).
			SkipSettingDefaults: true,
			AuthenticationFunc:  s.authenticate,
		},
	}
	if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
		for _, e := range flattenErrors(err) {
			problems = append(problems, firstLine(e.Error()))
		}
	}
	return problems
}

// noCredentials reports an operation that sends no credentials: its
// security has no requirement, or only empty ones.
func noCredentials(reqs []*model.SecurityRequirement) bool {
	for _, r := range reqs {
		if len(r.Schemes) > 0 {
			return false
		}
	}
	return true
}

// credentialsSent lists the credentials a request carries: its Authorization
// header, and the parameter of any API key scheme.
func (s *server) credentialsSent(r *http.Request) []string {
	var out []string
	if got := r.Header.Get("Authorization"); got != "" {
		out = append(out, fmt.Sprintf("Authorization %q sent to an operation that takes no credentials", got))
	}
	for _, name := range slices.Sorted(maps.Keys(s.schemes)) {
		if sc := s.schemes[name]; sc.Kind == model.SchemeAPIKey {
			if v, ok := apiKeyOf(r, sc.In, sc.Param); ok {
				out = append(out, fmt.Sprintf("API key %s (%s %s = %q) sent to an operation that takes no credentials", name, sc.In, sc.Param, v))
			}
		}
	}
	return out
}

// authenticate checks the credentials of one security scheme of a
// requirement (openapi3filter asks for each scheme of each requirement
// until one requirement passes): the exact token, user and password or key
// the harness was given, sent the way the description says. Schemes the
// client cannot send (reported when generating) are not checked.
func (s *server) authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	r := in.RequestValidationInput.Request
	sc := s.schemes[in.SecuritySchemeName]
	if sc == nil {
		return nil
	}
	switch sc.Kind {
	case model.SchemeToken:
		if got, want := r.Header.Get("Authorization"), sc.AuthScheme+" "+token; got != want {
			return fmt.Errorf("header Authorization is %q, want %q", got, want)
		}
	case model.SchemeBasic:
		if u, p, ok := r.BasicAuth(); !ok || u != user || p != password {
			return fmt.Errorf("header Authorization is %q, want basic authentication as %s", r.Header.Get("Authorization"), user)
		}
	case model.SchemeAPIKey:
		if got, ok := apiKeyOf(r, sc.In, sc.Param); !ok || got != apiKey {
			return fmt.Errorf("API key %s %s = %q, want %q", sc.In, sc.Param, got, apiKey)
		}
	}
	return nil
}

// apiKeyOf is the value of an API key's header, query parameter or
// cookie in a request.
func apiKeyOf(r *http.Request, in, name string) (string, bool) {
	switch in {
	case "query":
		v, ok := r.URL.Query()[name]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	case "cookie":
		c, err := r.Cookie(name)
		if err != nil {
			return "", false
		}
		return c.Value, true
	}
	v := r.Header.Values(name)
	if len(v) == 0 {
		return "", false
	}
	return v[0], true
}

func flattenErrors(err error) []error {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flattenErrors(e)...)
		}
		return out
	}
	return []error{err}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

var templateVar = regexp.MustCompile(`\{[^}]*\}`)

// matchPath matches an escaped request path against a template and
// returns the unescaped parameters.
func matchPath(template, path string) (map[string]string, bool) {
	var pattern strings.Builder
	pattern.WriteString("^")
	var names []string
	rest := template
	for {
		loc := templateVar.FindStringIndex(rest)
		if loc == nil {
			pattern.WriteString(regexp.QuoteMeta(rest))
			break
		}
		pattern.WriteString(regexp.QuoteMeta(rest[:loc[0]]))
		pattern.WriteString("([^/]+)")
		names = append(names, rest[loc[0]+1:loc[1]-1])
		rest = rest[loc[1]:]
	}
	pattern.WriteString("$")
	m := regexp.MustCompile(pattern.String()).FindStringSubmatch(path)
	if m == nil {
		return nil, false
	}
	params := map[string]string{}
	for i, name := range names {
		v, err := url.PathUnescape(m[i+1])
		if err != nil {
			return nil, false
		}
		params[name] = v
	}
	return params, true
}

// rawDecoders guards the validator's registry of body decoders, which is
// global.
var rawDecoders sync.Mutex

// registerRawDecoders lets the validator read the bodies an operation
// sends as they are (images, archives, markdown): the types it has no
// decoder for are read as files, which any such schema accepts.
func registerRawDecoders(op *openapi3.Operation) {
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return
	}
	rawDecoders.Lock()
	defer rawDecoders.Unlock()
	for ct := range op.RequestBody.Value.Content {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || strings.Contains(mt, "*") {
			mt = "application/octet-stream"
		}
		if openapi3filter.RegisteredBodyDecoder(mt) == nil {
			openapi3filter.RegisterBodyDecoder(mt, openapi3filter.FileBodyDecoder)
		}
	}
}
