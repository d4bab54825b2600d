package acme_test

// These tests are written by hand, beside the package generated from
// specs/fixtures/acme.yaml: they send real requests through it to a
// loopback server and check what arrives, for every kind of security
// scheme the fixture declares.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	acme "github.com/intercom-gen/intercom-gen/golden/acme"
	"github.com/intercom-gen/intercom-gen/golden/acme/acmetest"
)

// received is what the loopback server saw of one request.
type received struct {
	method, path string
	header       http.Header
	query        url.Values
	cookies      map[string]string
	host         string
	body         string
}

// loopback records every request and answers with a small JSON body.
type loopback struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []received
}

func newLoopback(t *testing.T) *loopback {
	t.Helper()
	l := &loopback{}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec := received{method: r.Method, path: r.URL.Path, header: r.Header.Clone(), query: r.URL.Query(), cookies: map[string]string{}, host: r.Host, body: string(body)}
		for _, c := range r.Cookies() {
			rec.cookies[c.Name] = c.Value
		}
		l.mu.Lock()
		l.reqs = append(l.reqs, rec)
		l.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case r.URL.Path == "/widgets" && r.Method == http.MethodGet:
			io.WriteString(w, `[{"id":"w1"}]`)
		default:
			io.WriteString(w, `{"id":"w1","ok":true,"account":"a"}`)
		}
	}))
	t.Cleanup(l.Close)
	return l
}

func (l *loopback) last(t *testing.T) received {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.reqs) == 0 {
		t.Fatal("no request arrived")
	}
	return l.reqs[len(l.reqs)-1]
}

func basic(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

// everything is a client holding every credential of the fixture.
func everything(l *loopback, opts ...acme.Option) *acme.Client {
	return acme.NewClient("tok-1", append([]acme.Option{
		acme.WithBaseURL(l.URL),
		acme.WithBasicAuth("ada", "s3cret"),
		acme.WithAPIKeyHeader("key-h"),
		acme.WithAPIKeyQuery("key-q"),
		acme.WithAPIKeyCookie("key-c"),
		acme.WithMaxRetries(0),
	}, opts...)...)
}

// TestSecurityOnTheWire: each operation sends the credentials of the
// first of its requirements the client holds every credential of, and
// only those; an operation with `security: []` sends none at all.
func TestSecurityOnTheWire(t *testing.T) {
	l := newLoopback(t)
	ctx := context.Background()
	c := everything(l)

	// The default (bearerAuth, or oauth): the token as a bearer token.
	if _, err := c.Catalog.ListWidgets(ctx, nil); err != nil {
		t.Fatal(err)
	}
	r := l.last(t)
	if got := r.header.Get("Authorization"); got != "Bearer tok-1" {
		t.Errorf("listWidgets: Authorization %q", got)
	}
	if r.header.Get("X-Acme-Key") != "" || r.query.Has("api_key") || r.cookies["acme_session"] != "" {
		t.Errorf("listWidgets sent API keys it does not need: %v %v %v", r.header, r.query, r.cookies)
	}

	// apiKeyHeader only.
	if _, err := c.Catalog.CreateWidget(ctx, &acme.NewWidget{Label: "x"}); err != nil {
		t.Fatal(err)
	}
	r = l.last(t)
	if r.header.Get("X-Acme-Key") != "key-h" || r.header.Get("Authorization") != "" {
		t.Errorf("createWidget: X-Acme-Key %q, Authorization %q", r.header.Get("X-Acme-Key"), r.header.Get("Authorization"))
	}

	// apiKeyQuery, or apiKeyCookie: the first one held.
	if _, err := c.Catalog.GetWidget(ctx, "w/1"); err != nil {
		t.Fatal(err)
	}
	r = l.last(t)
	if r.query.Get("api_key") != "key-q" || r.cookies["acme_session"] != "" || r.path != "/widgets/w/1" {
		t.Errorf("getWidget: query %v, cookies %v, path %s", r.query, r.cookies, r.path)
	}
	// Without the query key, the cookie.
	if _, err := c.Catalog.GetWidget(ctx, "w1", acme.WithAPIKeyQuery("")); err != nil {
		t.Fatal(err)
	}
	r = l.last(t)
	if r.query.Has("api_key") || r.cookies["acme_session"] != "key-c" {
		t.Errorf("getWidget without the query key: query %v, cookies %v", r.query, r.cookies)
	}

	// basicAuth, or bearerAuth and apiKeyHeader together.
	if err := c.Catalog.DeleteWidget(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if got := l.last(t).header.Get("Authorization"); got != basic("ada", "s3cret") {
		t.Errorf("deleteWidget: Authorization %q, want basic", got)
	}
	noBasic := acme.NewClient("tok-2", acme.WithBaseURL(l.URL), acme.WithAPIKeyHeader("key-h"))
	if err := noBasic.Catalog.DeleteWidget(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	r = l.last(t)
	if r.header.Get("Authorization") != "Bearer tok-2" || r.header.Get("X-Acme-Key") != "key-h" {
		t.Errorf("deleteWidget with token and key: %v", r.header)
	}
	// A requirement is met in full or not at all: the token alone sends
	// nothing, and the server says what is missing.
	tokenOnly := acme.NewClient("tok-3", acme.WithBaseURL(l.URL))
	if err := tokenOnly.Catalog.DeleteWidget(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if r := l.last(t); r.header.Get("Authorization") != "" || r.header.Get("X-Acme-Key") != "" {
		t.Errorf("deleteWidget with a token only sent %v", r.header)
	}

	// oauth: the token.
	if err := c.Catalog.PublishWidget(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if got := l.last(t).header.Get("Authorization"); got != "Bearer tok-1" {
		t.Errorf("publishWidget: %q", got)
	}

	// security: [] sends nothing, whatever the client holds.
	if _, err := c.Health.GetStatus(ctx); err != nil {
		t.Fatal(err)
	}
	r = l.last(t)
	if r.header.Get("Authorization") != "" || r.header.Get("X-Acme-Key") != "" || len(r.cookies) != 0 || len(r.query) != 0 {
		t.Errorf("getStatus sent credentials: %v %v %v", r.header, r.query, r.cookies)
	}

	// Optional security ({} or apiKeyQuery): the key when the client
	// holds it, nothing otherwise.
	if _, err := c.Catalog.CountViews(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if r := l.last(t); r.query.Get("api_key") != "key-q" {
		t.Errorf("countViews with a key: query %v", r.query)
	}
	if _, err := tokenOnly.Catalog.CountViews(ctx, "w1"); err != nil {
		t.Fatal(err)
	}
	if r := l.last(t); len(r.query) != 0 || r.header.Get("Authorization") != "" {
		t.Errorf("countViews without a key sent %v %v", r.query, r.header)
	}

	// openId, or two requirements the client cannot meet (a digest
	// scheme, an undefined one): the token, as a bearer token.
	if _, err := c.Health.WhoAmI(ctx); err != nil {
		t.Fatal(err)
	}
	if got := l.last(t).header.Get("Authorization"); got != "Bearer tok-1" {
		t.Errorf("whoAmI: %q", got)
	}
	// The description declares no version header: none is sent.
	for _, r := range l.reqs {
		if v := r.header.Get("Intercom-Version"); v != "" || strings.Contains(r.header.Get("User-Agent"), "Intercom") {
			t.Errorf("%s %s sent Intercom-Version %q, User-Agent %q", r.method, r.path, v, r.header.Get("User-Agent"))
		}
	}
}

// TestTokenPerCall: WithToken and WithTokenSource replace the token for a
// call; a source's error fails the call before anything is sent.
func TestTokenPerCall(t *testing.T) {
	l := newLoopback(t)
	ctx := context.Background()
	c := everything(l)
	if _, err := c.Catalog.ListWidgets(ctx, nil, acme.WithToken("other")); err != nil {
		t.Fatal(err)
	}
	if got := l.last(t).header.Get("Authorization"); got != "Bearer other" {
		t.Errorf("WithToken: %q", got)
	}
	n := len(l.reqs)
	failing := acme.TokenSourceFunc(func(context.Context) (string, error) { return "", errors.New("vault sealed") })
	_, err := c.Catalog.ListWidgets(ctx, nil, acme.WithTokenSource(failing))
	if err == nil || !strings.Contains(err.Error(), "token source: vault sealed") || len(l.reqs) != n {
		t.Errorf("failing source: %v, %d requests", err, len(l.reqs)-n)
	}
	// An operation that needs no token never asks the source.
	if _, err := c.Health.GetStatus(ctx, acme.WithTokenSource(failing)); err != nil {
		t.Errorf("getStatus asked the token source: %v", err)
	}
}

// TestSecretsStayOutOfLogsAndErrors: the debug log and the errors of a
// call show neither the token nor an API key sent in the query.
func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	l := newLoopback(t)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := everything(l, acme.WithLogger(logger))
	ctx := context.Background()
	for _, call := range []func() error{
		func() error { _, err := c.Catalog.GetWidget(ctx, "w1"); return err },
		func() error { _, err := c.Catalog.CreateWidget(ctx, &acme.NewWidget{Label: "x"}); return err },
		func() error { return c.Catalog.DeleteWidget(ctx, "w1") },
		func() error { _, err := c.Catalog.ListWidgets(ctx, nil); return err },
	} {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	for _, secret := range []string{"key-q", "key-h", "key-c", "tok-1", base64.StdEncoding.EncodeToString([]byte("ada:s3cret"))} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log shows %s:\n%s", secret, logs.String())
		}
	}

	// A transport error quotes the URL: without the key.
	dead := acme.NewClient("", acme.WithBaseURL("http://127.0.0.1:1"), acme.WithAPIKeyQuery("key-q"), acme.WithMaxRetries(0))
	_, err := dead.Catalog.GetWidget(ctx, "w1")
	if err == nil || strings.Contains(err.Error(), "key-q") || !strings.Contains(err.Error(), "REDACTED") {
		t.Errorf("transport error: %v", err)
	}
	// An *APIError keeps the URL, without the key.
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"message":"no"}`, http.StatusForbidden)
	}))
	defer refusing.Close()
	_, err = acme.NewClient("", acme.WithBaseURL(refusing.URL), acme.WithAPIKeyQuery("key-q")).Catalog.GetWidget(ctx, "w1")
	var apiErr *acme.APIError
	if !errors.As(err, &apiErr) || strings.Contains(apiErr.URL, "key-q") || !errors.Is(err, acme.ErrForbidden) {
		t.Errorf("API error: %v (URL %q)", err, apiErr.URL)
	}
	if !strings.HasPrefix(err.Error(), "acme: getWidget: 403") {
		t.Errorf("the error does not start with the package's name: %v", err)
	}
}

// TestServerVariables: the server's URL takes its variables' values from
// the options, the defaults otherwise; a value outside the variable's
// enum is an error before anything is sent; WithBaseURL takes precedence.
func TestServerVariables(t *testing.T) {
	var urls []string
	hc := &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
		urls = append(urls, r.URL.String())
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"ok":true}`)), Request: r}, nil
	})}
	ctx := context.Background()
	c := acme.NewClient("t", acme.WithHTTPClient(hc))
	calls := []struct {
		opts []acme.Option
		want string
	}{
		{nil, acme.DefaultBaseURL + "/status"},
		{[]acme.Option{acme.WithServerRegion("us")}, "https://us.api.acme.example/v3/status"},
		{[]acme.Option{acme.WithServerRegion("us"), acme.WithServerBasePath("v4")}, "https://us.api.acme.example/v4/status"},
		{[]acme.Option{acme.WithServerRegion("us"), acme.WithBaseURL("http://proxy.local/acme")}, "http://proxy.local/acme/status"},
	}
	for _, call := range calls {
		if _, err := c.Health.GetStatus(ctx, call.opts...); err != nil {
			t.Fatal(err)
		}
		if got := urls[len(urls)-1]; got != call.want {
			t.Errorf("URL %s, want %s", got, call.want)
		}
	}
	if acme.DefaultBaseURL != "https://eu.api.acme.example/v3" {
		t.Errorf("DefaultBaseURL %s", acme.DefaultBaseURL)
	}
	n := len(urls)
	_, err := c.Health.GetStatus(ctx, acme.WithServerRegion("mars"))
	if err == nil || !strings.Contains(err.Error(), `server variable region: "mars" is not one of eu, us`) || len(urls) != n {
		t.Errorf("a region outside the enum: %v", err)
	}
	// A client's variable holds for every call; a call's only for it.
	us := acme.NewClient("t", acme.WithHTTPClient(hc), acme.WithServerRegion("us"))
	us.Health.GetStatus(ctx, acme.WithServerBasePath("v9"))
	us.Health.GetStatus(ctx)
	if got := urls[len(urls)-2:]; got[0] != "https://us.api.acme.example/v9/status" || got[1] != "https://us.api.acme.example/v3/status" {
		t.Errorf("client and call variables: %v", got)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestOAuth2Flows: the endpoint and scopes of the fixture's OAuth 2.0
// scheme drive the authorization code flow, the client credentials flow
// and the refresh of an expired token, against a loopback token endpoint.
func TestOAuth2Flows(t *testing.T) {
	if acme.Endpoint.AuthURL != "https://login.acme.example/authorize" || acme.Endpoint.TokenURL != "https://login.acme.example/token" ||
		acme.Endpoint.RefreshURL != "https://login.acme.example/refresh" || acme.ScopeWidgetsRead != "widgets:read" {
		t.Fatalf("endpoint %+v, scope %s", acme.Endpoint, acme.ScopeWidgetsRead)
	}
	var mu sync.Mutex
	var grants []url.Values
	issued := 0
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		user, pass, _ := r.BasicAuth()
		mu.Lock()
		grants = append(grants, r.PostForm)
		issued++
		n := issued
		mu.Unlock()
		if user != "app" || pass != "app-secret" {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_client","error_description":"who are you"}`)
			return
		}
		if r.PostForm.Get("code") == "used" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"invalid_grant","error_description":"code already used"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		// The first token expires at once, so that the source renews it.
		fmt.Fprintf(w, `{"access_token":"at-%d","token_type":"Bearer","refresh_token":"rt-%d","expires_in":%d}`, n, n, map[bool]int{true: 1, false: 3600}[n == 1])
	}))
	defer tokens.Close()
	endpoint := acme.Endpoint
	endpoint.TokenURL, endpoint.RefreshURL = tokens.URL+"/token", tokens.URL+"/refresh"
	cfg := &acme.OAuth2Config{ClientID: "app", ClientSecret: "app-secret", RedirectURL: "https://app.example/cb",
		Scopes: []string{acme.ScopeWidgetsRead, acme.ScopeWidgetsWrite}, Endpoint: endpoint}

	u, err := url.Parse(cfg.AuthCodeURL("st"))
	if err != nil || u.Host != "login.acme.example" || u.Query().Get("response_type") != "code" || u.Query().Get("client_id") != "app" ||
		u.Query().Get("scope") != "widgets:read widgets:write" || u.Query().Get("state") != "st" || u.Query().Get("redirect_uri") != "https://app.example/cb" {
		t.Errorf("AuthCodeURL %v", u)
	}
	ctx := context.Background()
	tok, err := cfg.Exchange(ctx, "the-code")
	if err != nil || tok.AccessToken != "at-1" || tok.RefreshToken != "rt-1" || tok.Expiry.IsZero() {
		t.Fatalf("Exchange: %+v %v", tok, err)
	}
	if g := grants[0]; g.Get("grant_type") != "authorization_code" || g.Get("code") != "the-code" || g.Get("redirect_uri") != "https://app.example/cb" || g.Has("client_secret") {
		t.Errorf("exchange form %v", g)
	}
	var oerr *acme.OAuth2Error
	if _, err := cfg.Exchange(ctx, "used"); !errors.As(err, &oerr) || oerr.Code != "invalid_grant" || oerr.StatusCode != 400 {
		t.Errorf("a used code: %v", err)
	}

	// The source renews the expired token with its refresh token, then
	// keeps the new one; calls send whatever it gives.
	l := newLoopback(t)
	c := acme.NewClient("", acme.WithBaseURL(l.URL), acme.WithTokenSource(cfg.TokenSource(tok)))
	for range 2 {
		if _, err := c.Catalog.ListWidgets(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if got := l.last(t).header.Get("Authorization"); got != "Bearer at-3" {
			t.Errorf("Authorization %q, want the refreshed token", got)
		}
	}
	if g := grants[len(grants)-1]; g.Get("grant_type") != "refresh_token" || g.Get("refresh_token") != "rt-1" || len(grants) != 3 {
		t.Errorf("refresh form %v (%d grants)", g, len(grants))
	}

	// The client credentials flow, with the scopes.
	cc, err := cfg.ClientCredentials(ctx)
	if g := grants[len(grants)-1]; err != nil || cc.AccessToken == "" || g.Get("grant_type") != "client_credentials" || g.Get("scope") != "widgets:read widgets:write" {
		t.Errorf("client credentials: %+v %v %v", cc, err, g)
	}
	bad := *cfg
	bad.ClientSecret = "wrong"
	if _, err := bad.ClientCredentials(ctx); !errors.As(err, &oerr) || oerr.Code != "invalid_client" || !strings.HasPrefix(err.Error(), "acme: oauth2: 401") {
		t.Errorf("a wrong secret: %v", err)
	}
	_ = time.Second
}

// TestTestServerChecksSecurity: the generated test package checks each
// operation's security as the description states it: the right
// credentials pass, wrong or missing ones are a 401 naming what the
// operation takes, and credentials sent to an operation that takes none
// are refused.
func TestTestServerChecksSecurity(t *testing.T) {
	srv := acmetest.NewServer(t, acmetest.WithAPIKey("apiKeyHeader", "header-key"), acmetest.WithBasicAuth("u", "p"))
	ctx := context.Background()
	c := srv.Client(acme.WithMaxRetries(0))
	if _, err := c.Catalog.CreateWidget(ctx, &acme.NewWidget{Label: "x"}); err != nil {
		t.Fatalf("createWidget with the server's key: %v", err)
	}
	if got := srv.CallsTo(acmetest.OpCreateWidget)[0].Header.Get("X-Acme-Key"); got != "header-key" {
		t.Errorf("X-Acme-Key %q", got)
	}
	if err := c.Catalog.DeleteWidget(ctx, "w1"); err != nil {
		t.Fatalf("deleteWidget: %v", err)
	}
	if _, err := c.Health.GetStatus(ctx); err != nil {
		t.Fatalf("getStatus: %v", err)
	}
	// Optional credentials: the right key, or none at all.
	if _, err := c.Catalog.CountViews(ctx, "w1"); err != nil {
		t.Fatalf("countViews with the key: %v", err)
	}
	if _, err := c.Catalog.CountViews(ctx, "w1", acme.WithAPIKeyQuery("")); err != nil {
		t.Fatalf("countViews without a key: %v", err)
	}
	var apiErr *acme.APIError
	if _, err := c.Catalog.CountViews(ctx, "w1", acme.WithAPIKeyQuery("wrong")); !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
		t.Errorf("countViews with a wrong key: %v", err)
	}
	_, err := c.Catalog.CreateWidget(ctx, &acme.NewWidget{Label: "x"}, acme.WithAPIKeyHeader("wrong"))
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || !strings.Contains(apiErr.Errors[0].Message, "apiKeyHeader") {
		t.Errorf("a wrong key: %v", err)
	}
	_, err = c.Health.GetStatus(ctx, acme.WithHeader("Authorization", "Bearer leaked"))
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Errors[0].Code != "credentials_not_expected" {
		t.Errorf("credentials sent to getStatus: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(apiErr.Body, &body); err != nil {
		t.Errorf("error body: %v", err)
	}
}

// TestFormOnTheWire: a URL-encoded body arrives as a form, each field as
// the description's encoding says: lists exploded or joined by commas,
// spaces or pipes; objects as one field per member, as deepObject's
// name[member] or as name=k1,v1,k2,v2; a map as JSON text; unset optional
// fields left out, the required one sent.
func TestFormOnTheWire(t *testing.T) {
	l := newLoopback(t)
	c := everything(l)
	ctx := context.Background()
	colour := acme.LabelWidgetRequestColourGreen
	err := c.Catalog.LabelWidget(ctx, "w 1", &acme.LabelWidgetRequest{
		Label: "Big & bold", Colour: &colour, Priority: acme.Int(2), Pinned: acme.Bool(false),
		Tags: []string{"a", "b"}, IDs: []int{1, 2}, Words: []string{"x", "y"}, Path: []string{"p", "q"},
		Size: acme.Size{Width: acme.Int(3), Height: acme.Int(4)}, Place: acme.Size{Width: acme.Int(5)},
		Corner: acme.Size{Width: acme.Int(6), Height: acme.Int(7)},
		Meta:   map[string]string{"k": "v"}, Note: acme.Null[string](),
	})
	if err != nil {
		t.Fatal(err)
	}
	r := l.last(t)
	if r.method != http.MethodPut || r.path != "/widgets/w 1/labels" || r.header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		t.Fatalf("%s %s, Content-Type %q", r.method, r.path, r.header.Get("Content-Type"))
	}
	got, err := url.ParseQuery(r.body)
	if err != nil {
		t.Fatalf("the body is not a form: %v\n%s", err, r.body)
	}
	want := url.Values{
		"label": {"Big & bold"}, "colour": {"green"}, "priority": {"2"}, "pinned": {"false"},
		"tags": {"a", "b"}, "ids": {"1,2"}, "words": {"x y"}, "path": {"p|q"},
		"width": {"3"}, "height": {"4"}, "place[width]": {"5"}, "corner": {"width,6,height,7"},
		"meta": {`{"k":"v"}`},
	}
	if got.Encode() != want.Encode() {
		t.Errorf("form\n got %s\nwant %s", got.Encode(), want.Encode())
	}
	// The least form: its required field, even empty.
	if err := c.Catalog.LabelWidget(ctx, "w1", &acme.LabelWidgetRequest{}); err != nil {
		t.Fatal(err)
	}
	if r := l.last(t); r.body != "label=" {
		t.Errorf("the least form: %q", r.body)
	}

	// The test package's server reads the form, checks it, and records it.
	srv := acmetest.NewServer(t)
	tc := srv.Client(acme.WithMaxRetries(0))
	if err := tc.Catalog.LabelWidget(ctx, "w1", &acme.LabelWidgetRequest{Label: "x", IDs: []int{4, 5}}); err != nil {
		t.Fatal(err)
	}
	calls := srv.CallsTo(acmetest.OpLabelWidget)
	if len(calls) != 1 || calls[0].Form.Get("label") != "x" || calls[0].Form.Get("ids") != "4,5" {
		t.Errorf("recorded %+v", calls)
	}
	bad := acme.LabelWidgetRequestColour("purple")
	var apiErr *acme.APIError
	err = tc.Catalog.LabelWidget(ctx, "w1", &acme.LabelWidgetRequest{Label: "x", Colour: &bad})
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Errors[0].Field != "colour" {
		t.Errorf("a colour outside the enum: %v", err)
	}
	err = tc.Catalog.LabelWidget(ctx, "w1", &acme.LabelWidgetRequest{Label: "x"}, acme.WithHeader("Content-Type", "application/json"))
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || !strings.Contains(apiErr.Errors[0].Message, "application/x-www-form-urlencoded") {
		t.Errorf("a form sent as JSON: %v", err)
	}
}
