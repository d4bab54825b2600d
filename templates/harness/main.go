//go:build ignore

// The verify harness: a program that drives a generated client the way a
// user would, for `intercom-gen verify`. The verifier copies this file into
// a throwaway module beside the package it generated (rewriting the sdk
// import), feeds it a plan of calls on stdin and reads one JSON result per
// call on stdout. It knows nothing about the description: it reaches every
// operation through reflection on the Client's services, so one fixed
// program serves every version.
//
// The build tag keeps it out of intercom-gen's own build; the templates
// tests build it against golden/v2.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"

	sdk "github.com/intercom-gen/intercom-gen/golden/v2"
)

// plan is what the verifier sends: the server, the credentials of every
// security scheme (a token, basic authentication's user and password, the
// key of every API key scheme) and the calls.
type plan struct {
	BaseURL  string `json:"baseURL"`
	Token    string `json:"token"`
	User     string `json:"user"`
	Password string `json:"password"`
	Key      string `json:"key"`
	Calls    []call `json:"calls"`
}

// call is one method call. Path arguments are text; Params maps wire
// names of query/header parameters to JSON; Form maps multipart field
// names to JSON, or to {"$file": "<content>"} for files.
type call struct {
	N       int                        `json:"n"`
	Service string                     `json:"service"`
	Method  string                     `json:"method"`
	Path    []string                   `json:"path"`
	Params  map[string]json.RawMessage `json:"params,omitempty"`
	Body    json.RawMessage            `json:"body,omitempty"`
	Form    map[string]json.RawMessage `json:"form,omitempty"`
}

// result is what the harness reports for a call.
type result struct {
	N int `json:"n"`
	// Typed says where the decoded result's values landed.
	Typed    *typed          `json:"typed,omitempty"`
	Error    *callError      `json:"error,omitempty"`
	JSON     json.RawMessage `json:"json,omitempty"`
	Text     *string         `json:"text,omitempty"`
	Bytes    []byte          `json:"bytes,omitempty"`
	Location string          `json:"location,omitempty"`
	// SentBody is the request body as the client encoded it after
	// decoding the plan's JSON into the body type.
	SentBody json.RawMessage `json:"sentBody,omitempty"`
	// Variants name the union variant chosen at each JSON path.
	BodyVariants   map[string]string `json:"bodyVariants,omitempty"`
	ResultVariants map[string]string `json:"resultVariants,omitempty"`
}

type callError struct {
	Kind      string            `json:"kind"` // api, harness, client
	Message   string            `json:"message"`
	Status    int               `json:"status,omitempty"`
	RequestID string            `json:"requestID,omitempty"`
	Type      string            `json:"type,omitempty"`
	Errors    []sdk.ErrorDetail `json:"errors,omitempty"`
	Body      string            `json:"body,omitempty"`
}

func main() {
	var p plan
	if err := json.NewDecoder(os.Stdin).Decode(&p); err != nil {
		fmt.Fprintln(os.Stderr, "harness: reading the plan:", err)
		os.Exit(2)
	}
	client := newClient(p)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for _, c := range p.Calls {
		if err := enc.Encode(run(client, c)); err != nil {
			fmt.Fprintln(os.Stderr, "harness:", err)
			os.Exit(2)
		}
	}
	if err := out.Flush(); err != nil {
		os.Exit(2)
	}
}

// newClient makes the client of the calls, on the plan's server, with the
// plan's credential for every security scheme of the package. Each call
// is answered once, with the example it asks for: error examples (429,
// 5xx) must come back as they are, not be retried. The verifier writes
// this function for each package (its credentials are options named after
// its description's schemes); this one is golden/v2's.
func newClient(p plan) *sdk.Client {
	return sdk.NewClient(p.Token, []sdk.Option{sdk.WithBaseURL(p.BaseURL), sdk.WithMaxRetries(0)}...)
}

func harnessError(n int, format string, args ...any) result {
	return result{N: n, Error: &callError{Kind: "harness", Message: fmt.Sprintf(format, args...)}}
}

// run calls one method: ctx, path arguments, params, body, then the
// option that tags the request with the call number.
func run(client *sdk.Client, c call) result {
	svc := reflect.ValueOf(client).Elem().FieldByName(c.Service)
	if !svc.IsValid() {
		return harnessError(c.N, "no service %s", c.Service)
	}
	m := svc.MethodByName(c.Method)
	if !m.IsValid() {
		return harnessError(c.N, "no method %s.%s", c.Service, c.Method)
	}
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	in := 1
	for _, text := range c.Path {
		if in >= mt.NumIn()-1 {
			return harnessError(c.N, "%s takes fewer path arguments", c.Method)
		}
		v, err := pathArg(mt.In(in), text)
		if err != nil {
			return harnessError(c.N, "path argument %q: %v", text, err)
		}
		args = append(args, v)
		in++
	}
	res := result{N: c.N}
	// Remaining fixed parameters: a params struct pointer and/or a body.
	for ; in < mt.NumIn()-1; in++ {
		t := mt.In(in)
		elem := t
		if t.Kind() == reflect.Pointer {
			elem = t.Elem()
		}
		switch {
		case elem.Kind() == reflect.Struct && hasTag(elem, "query", "header"):
			v, err := paramsArg(elem, c.Params)
			if err != nil {
				return harnessError(c.N, "params: %v", err)
			}
			args = append(args, v)
		case elem.Kind() == reflect.Struct && hasTag(elem, "form"):
			v, err := formArg(elem, c.Form)
			if err != nil {
				return harnessError(c.N, "form: %v", err)
			}
			args = append(args, v)
		default:
			v, err := bodyArg(t, c.Body)
			if err != nil {
				return harnessError(c.N, "body: %v", err)
			}
			args = append(args, v)
			if c.Body != nil && v.Kind() != reflect.Interface {
				sent, err := json.Marshal(v.Interface())
				if err != nil {
					return harnessError(c.N, "encoding the body: %v", err)
				}
				res.SentBody = sent
				res.BodyVariants = variants(v)
			}
		}
	}
	args = append(args, reflect.ValueOf(sdk.WithHeader("X-Verify-Call", strconv.Itoa(c.N))))
	outs := m.Call(args)
	if errV := outs[len(outs)-1]; !errV.IsNil() {
		res.Error = describe(errV.Interface().(error))
		return res
	}
	if len(outs) == 1 {
		return res
	}
	switch v := outs[0].Interface().(type) {
	case string:
		res.Text = &v
	case io.ReadCloser:
		b, err := io.ReadAll(v)
		v.Close()
		if err != nil {
			res.Error = &callError{Kind: "client", Message: "reading the download: " + err.Error()}
		}
		res.Bytes = b
	case *url.URL:
		res.Location = v.String()
	default:
		b, err := json.Marshal(v)
		if err != nil {
			res.Error = &callError{Kind: "client", Message: "re-encoding the result: " + err.Error()}
			return res
		}
		res.JSON = b
		res.ResultVariants, res.Typed = inspect(outs[0])
	}
	return res
}

func describe(err error) *callError {
	var apiErr *sdk.APIError
	if errors.As(err, &apiErr) {
		return &callError{Kind: "api", Message: apiErr.Error(), Status: apiErr.StatusCode, RequestID: apiErr.RequestID,
			Type: apiErr.Type, Errors: apiErr.Errors, Body: string(apiErr.Body)}
	}
	return &callError{Kind: "client", Message: err.Error()}
}

func hasTag(t reflect.Type, keys ...string) bool {
	for i := 0; i < t.NumField(); i++ {
		for _, k := range keys {
			if _, ok := t.Field(i).Tag.Lookup(k); ok {
				return true
			}
		}
	}
	return false
}

// pathArg converts path text to the argument's Go type.
func pathArg(t reflect.Type, text string) (reflect.Value, error) {
	v := reflect.New(t).Elem()
	switch t.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return v, err
		}
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return v, err
		}
		v.SetFloat(f)
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return v, err
		}
		v.SetBool(b)
	default:
		// A union or another type of the package's: the text as the
		// JSON it would be (a number, else a string), decoded by the
		// type itself.
		p := reflect.New(t)
		if err := json.Unmarshal([]byte(text), p.Interface()); err == nil {
			return p.Elem(), nil
		}
		quoted, _ := json.Marshal(text)
		if err := json.Unmarshal(quoted, p.Interface()); err != nil {
			return v, fmt.Errorf("path argument of type %s: %v", t, err)
		}
		return p.Elem(), nil
	}
	return v, nil
}

// paramsArg fills a params struct from wire names.
func paramsArg(t reflect.Type, values map[string]json.RawMessage) (reflect.Value, error) {
	p := reflect.New(t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		wire, ok := f.Tag.Lookup("query")
		if !ok {
			wire = f.Tag.Get("header")
		}
		wire, _, _ = strings.Cut(wire, ",")
		raw, ok := values[wire]
		if !ok {
			continue
		}
		if err := setJSON(p.Elem().Field(i), raw); err != nil {
			return p, fmt.Errorf("%s: %v", wire, err)
		}
	}
	return p, nil
}

// formArg fills a form struct (multipart or URL-encoded); files come as
// {"$file": content}.
func formArg(t reflect.Type, values map[string]json.RawMessage) (reflect.Value, error) {
	p := reflect.New(t)
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		// The tag is the field's name, and for a URL-encoded form its style.
		name, _, _ := strings.Cut(f.Tag.Get("form"), ",")
		raw, ok := values[name]
		if !ok {
			continue
		}
		fv := p.Elem().Field(i)
		var file struct {
			Content *string `json:"$file"`
		}
		if json.Unmarshal(raw, &file) == nil && file.Content != nil {
			sf := sdk.File{Name: name + ".json", ContentType: "application/json", Content: strings.NewReader(*file.Content)}
			switch {
			case fv.Type() == reflect.TypeOf(sf):
				fv.Set(reflect.ValueOf(sf))
			case fv.Type() == reflect.TypeOf(&sf):
				fv.Set(reflect.ValueOf(&sf))
			default:
				return p, fmt.Errorf("%s is not a file field", f.Name)
			}
			continue
		}
		if err := setJSON(fv, raw); err != nil {
			return p, fmt.Errorf("%s: %v", f.Name, err)
		}
	}
	return p, nil
}

// setJSON decodes raw into a field, reading numbers as text where the
// field is a string (path and query examples are often written as numbers).
func setJSON(fv reflect.Value, raw json.RawMessage) error {
	target := reflect.New(fv.Type())
	if err := json.Unmarshal(raw, target.Interface()); err != nil {
		base := fv.Type()
		for base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		if base.Kind() != reflect.String {
			return err
		}
		var text any
		if json.Unmarshal(raw, &text) != nil {
			return err
		}
		quoted, _ := json.Marshal(fmt.Sprint(text))
		if err := json.Unmarshal(quoted, target.Interface()); err != nil {
			return err
		}
	}
	fv.Set(target.Elem())
	return nil
}

// bodyArg decodes the JSON body into the method's body type (a pointer to
// a model, or a value).
func bodyArg(t reflect.Type, raw json.RawMessage) (reflect.Value, error) {
	if raw == nil {
		return reflect.Zero(t), nil
	}
	if t.Kind() == reflect.Interface && t.Implements(reflect.TypeFor[io.Reader]()) {
		// A file: its bytes come as a JSON string.
		var text string
		if err := json.Unmarshal(raw, &text); err != nil {
			return reflect.Zero(t), err
		}
		return reflect.ValueOf(strings.NewReader(text)).Convert(t), nil
	}
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		if err := json.Unmarshal(raw, p.Interface()); err != nil {
			return p, err
		}
		return p, nil
	}
	p := reflect.New(t)
	if err := json.Unmarshal(raw, p.Interface()); err != nil {
		return p.Elem(), err
	}
	return p.Elem(), nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// typed is the typed view of a decoded result: how many JSON values sit
// only in extra fields (counted with everything inside them), the JSON
// paths of values that did not fit their declared type (sdk.Mismatches),
// and the paths of extras that another variant of the enclosing union
// declares: values the Go types could hold, put where they cannot be read.
type typed struct {
	Extra      int      `json:"extra"`
	Mismatches []string `json:"mismatches,omitempty"`
	Misplaced  []string `json:"misplaced,omitempty"`
}

// inspect walks a decoded value once: it names the variant each union
// holds, by JSON path ("query.value[0]"), and fills the typed view.
func inspect(v reflect.Value) (map[string]string, *typed) {
	out := map[string]string{}
	t := &typed{Mismatches: sdk.Mismatches(v.Interface())}
	walk(v, "", out, t, 0)
	if len(out) == 0 {
		out = nil
	}
	return out, t
}

// variants is inspect's first half, for request bodies.
func variants(v reflect.Value) map[string]string {
	out, _ := inspect(v)
	return out
}

func walk(v reflect.Value, path string, out map[string]string, t *typed, depth int) {
	if depth > 64 || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, out, t, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out, t, depth+1)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walk(v.MapIndex(k), join(path, fmt.Sprint(k.Interface())), out, t, depth+1)
		}
	case reflect.Struct:
		typ := v.Type()
		v = addressable(v)
		switch {
		case strings.HasPrefix(typ.Name(), "Nullable["):
			// Value has a pointer receiver.
			if get := v.Addr().MethodByName("Value"); get.IsValid() {
				walk(get.Call(nil)[0], path, out, t, depth+1)
			}
		case embeds(typ, "unionMeta"):
			walkUnion(v, path, out, t, depth)
		default:
			if embeds(typ, "objectMeta") {
				for _, raw := range sdk.ExtraFields(v.Addr().Interface()) {
					t.Extra += countValues(raw)
				}
			}
			for i := 0; i < typ.NumField(); i++ {
				f := typ.Field(i)
				if !f.IsExported() {
					continue
				}
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" {
					name = f.Name
				}
				walk(v.Field(i), join(path, name), out, t, depth+1)
			}
		}
	}
}

// walkUnion names the variant set, checks the extras below it against
// the fields the other variants declare, and walks on into it. With no
// variant set the union is absent, unless it kept JSON that no variant
// fitted (read from the runtime's unionMeta).
func walkUnion(v reflect.Value, path string, out map[string]string, t *typed, depth int) {
	typ := v.Type()
	var set reflect.Value
	var others []reflect.Type
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
			continue
		}
		if fv := v.Field(i); !fv.IsNil() && !set.IsValid() {
			set = fv
			// A union nested in a union reaches the same path: name
			// both ("Datetime.Time").
			if outer, ok := out[path]; ok {
				out[path] = outer + "." + f.Name
			} else {
				out[path] = f.Name
			}
		} else {
			others = append(others, f.Type.Elem())
		}
	}
	if !set.IsValid() {
		if raw := v.FieldByName("unionMeta").FieldByName("raw"); raw.IsValid() && raw.Len() > 0 {
			out[path] = "(unmatched)"
		}
		return
	}
	// Only a variant whose required keys all came is one the value could
	// have been: an anyOf member that merely shares a field name is not.
	received := objectKeys(set)
	var fitting []reflect.Type
	for _, o := range others {
		if requiredReceived(o, received) {
			fitting = append(fitting, o)
		}
	}
	for _, rel := range extrasBelow(set, "", 0) {
		for _, o := range fitting {
			if declares(o, strings.Split(rel, "."), 0) {
				t.Misplaced = append(t.Misplaced, join(path, rel))
				break
			}
		}
	}
	walk(set, path, out, t, depth+1)
}

// objectKeys lists the keys of v's JSON object as received (a model
// re-encodes to what it decoded); nil when v is not an object.
func objectKeys(v reflect.Value) map[string]bool {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	keys := make(map[string]bool, len(m))
	for k := range m {
		keys[k] = true
	}
	return keys
}

// requiredReceived reports whether every required key of the model t (a
// field without omitzero) is among keys; a type that is not a model
// qualifies only when keys is nil (a scalar or list was received).
func requiredReceived(t reflect.Type, keys map[string]bool) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || !embeds(t, "objectMeta") {
		return keys == nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("json")
		if !f.IsExported() || !ok {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name != "-" && !strings.Contains(opts, "omitzero") && !strings.Contains(opts, "omitempty") && !keys[name] {
			return false
		}
	}
	return true
}

// addressable returns v, or an addressable copy of it: the runtime's
// accessors (ExtraFields through a pointer, Nullable's Value) need one.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	p := reflect.New(v.Type())
	p.Elem().Set(v)
	return p.Elem()
}

// extrasBelow lists the keys kept as extras in the models under v, as
// paths relative to v without list indexes ("action.result"). Unions
// below are not entered: they are checked on their own.
func extrasBelow(v reflect.Value, path string, depth int) []string {
	if depth > 16 || !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return extrasBelow(v.Elem(), path, depth+1)
	case reflect.Slice:
		var out []string
		for i := 0; i < v.Len() && i < 8; i++ {
			out = append(out, extrasBelow(v.Index(i), path, depth+1)...)
		}
		return out
	case reflect.Struct:
		typ := v.Type()
		if !embeds(typ, "objectMeta") {
			return nil
		}
		v = addressable(v)
		var out []string
		for k := range sdk.ExtraFields(v.Addr().Interface()) {
			out = append(out, join(path, k))
		}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "" {
				continue
			}
			out = append(out, extrasBelow(v.Field(i), join(path, name), depth+1)...)
		}
		return out
	}
	return nil
}

// declares reports whether type t has a field at the JSON path keys.
func declares(t reflect.Type, keys []string, depth int) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if depth > 16 || t.Kind() != reflect.Struct || len(keys) == 0 {
		return false
	}
	if strings.HasPrefix(t.Name(), "Nullable[") {
		if f, ok := t.FieldByName("value"); ok {
			return declares(f.Type, keys, depth+1)
		}
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name != keys[0] {
			continue
		}
		return len(keys) == 1 || declares(f.Type, keys[1:], depth+1)
	}
	return false
}

func embeds(t reflect.Type, name string) bool {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.Anonymous && f.Name == name {
			return true
		}
	}
	return false
}

// countValues counts a JSON value and every value inside it.
func countValues(raw json.RawMessage) int {
	var x any
	if json.Unmarshal(raw, &x) != nil {
		return 1
	}
	return countAny(x)
}

func countAny(x any) int {
	n := 1
	switch x := x.(type) {
	case map[string]any:
		for _, v := range x {
			n += countAny(v)
		}
	case []any:
		for _, v := range x {
			n += countAny(v)
		}
	}
	return n
}
