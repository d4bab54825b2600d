package verify

import (
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// Call is one request the harness makes and what the server answers.
type Call struct {
	N  int
	Op *model.Operation
	// KinOp and item are the description's view of the operation, for
	// request validation.
	KinOp *openapi3.Operation
	Item  *openapi3.PathItem

	// Arguments.
	Path   []string
	Params map[string]json.RawMessage
	Body   json.RawMessage
	Form   map[string]json.RawMessage
	// RequestExample names the request example the body comes from ("" for
	// a synthesised body); BodySchema is the schema the body must match.
	RequestExample string
	BodySchema     *openapi3.SchemaRef

	// The planned answer.
	Status      int
	ContentType string
	Answer      []byte
	Location    string
	// Example names the response example answered ("" for none): the call
	// then checks that it decodes and re-encodes losslessly.
	Example string
	// AnswerSchema is the schema of the answered response's content, to
	// tell a client's failure from an example its own schema refuses.
	AnswerSchema *openapi3.SchemaRef
	// Version is the Intercom-Version the request must carry.
	Version string
	// Refused lists examples of the description that its own schemas
	// refuse, which the plan replaced with made values.
	Refused []Failure
	// Unsatisfied says why the body schema accepts none of the values
	// the plan could make (a oneOf whose branches overlap, say); "" when
	// it accepts the body sent.
	Unsatisfied string
	// Raw is the body of an operation that sends it as it is (text, a
	// file): the bytes the server must receive; Body then holds them as
	// a JSON string for the harness.
	Raw []byte
}

// wire is the harness's view of a call.
type wire struct {
	N       int                        `json:"n"`
	Service string                     `json:"service"`
	Method  string                     `json:"method"`
	Path    []string                   `json:"path"`
	Params  map[string]json.RawMessage `json:"params,omitempty"`
	Body    json.RawMessage            `json:"body,omitempty"`
	Form    map[string]json.RawMessage `json:"form,omitempty"`
}

// example is one named JSON example.
type example struct {
	name  string
	value json.RawMessage
}

// examplesOf lists a media type's examples in name order (the singular
// `example` is called "example").
func examplesOf(mt *openapi3.MediaType) []example {
	if mt == nil {
		return nil
	}
	var out []example
	names := make([]string, 0, len(mt.Examples))
	for name := range mt.Examples {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ex := mt.Examples[name]
		if ex == nil || ex.Value == nil || ex.Value.Value == nil {
			continue
		}
		if b, err := json.Marshal(ex.Value.Value); err == nil {
			out = append(out, example{name: name, value: b})
		}
	}
	if mt.Example != nil {
		if b, err := json.Marshal(mt.Example); err == nil {
			out = append(out, example{name: "example", value: b})
		}
	}
	return out
}

// normName compares example names across requests and responses:
// "bad_request" matches "Bad Request".
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// response is one documented response with its JSON examples.
type response struct {
	code     string
	status   int
	media    *openapi3.MediaType
	ctype    string
	examples []example
}

func responsesOf(op *openapi3.Operation) []response {
	if op.Responses == nil {
		return nil
	}
	var out []response
	for code, rr := range op.Responses.Map() {
		if rr == nil || rr.Value == nil {
			continue
		}
		status, err := strconv.Atoi(code)
		switch {
		case err == nil:
		case code == "default":
			status = 500
		case len(code) == 3 && code[0] >= '1' && code[0] <= '5' && strings.EqualFold(code[1:], "XX"):
			// A range ("2XX"): its first status.
			status = int(code[0]-'0') * 100
		default:
			continue
		}
		r := response{code: code, status: status}
		for ct, mt := range rr.Value.Content {
			if isJSON(ct) {
				r.media, r.ctype = mt, ct
			}
		}
		if r.media == nil {
			for ct, mt := range rr.Value.Content {
				r.media, r.ctype = mt, ct
				break
			}
		}
		if r.media != nil && isJSON(r.ctype) {
			r.examples = examplesOf(r.media)
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b response) int { return strings.Compare(a.code, b.code) })
	return out
}

func isJSON(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = ct
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// planCalls makes the calls for one operation:
//   - one per JSON request example, answered by the error example of the
//     same name when the example is meant to fail, else by the first
//     success example;
//   - one with a synthesised body when there is no request example;
//   - one more per response example not yet answered, so every example is
//     decoded through the client.
func planCalls(op *model.Operation, kop *openapi3.Operation, item *openapi3.PathItem, version string, start int) []*Call {
	responses := responsesOf(kop)
	var success *response
	for i := range responses {
		if responses[i].status >= 200 && responses[i].status < 400 {
			success = &responses[i]
			break
		}
	}
	base := Call{Op: op, KinOp: kop, Item: item, Version: version}
	if op.Version != "" {
		base.Version = op.Version
	}
	base.Path, base.Refused = pathArgs(op, kop, item)
	var refusedParams []Failure
	base.Params, refusedParams = paramArgs(kop, item)
	base.Refused = append(base.Refused, refusedParams...)
	for i := range base.Refused {
		base.Refused[i].Operation = op.ID
	}

	var reqExamples []example
	var bodySchema *openapi3.SchemaRef
	form := false
	var formExample map[string]json.RawMessage
	if kop.RequestBody != nil && kop.RequestBody.Value != nil && op.Body != nil {
		for ct, mt := range kop.RequestBody.Value.Content {
			switch {
			case op.Body.Form && !op.Body.URLEncoded && strings.HasPrefix(ct, "multipart/form-data"),
				op.Body.URLEncoded && strings.HasPrefix(ct, "application/x-www-form-urlencoded"):
				form = true
				bodySchema = mt.Schema
				// A URL-encoded form's example is an object of its
				// fields' values (a multipart one's would give files as
				// text).
				for _, ex := range examplesOf(mt) {
					if op.Body.URLEncoded && json.Unmarshal(ex.value, &formExample) == nil {
						break
					}
				}
			case !op.Body.Form && isJSON(ct):
				reqExamples = examplesOf(mt)
				bodySchema = mt.Schema
			}
		}
	}
	raw := op.Body != nil && op.Body.Raw != ""
	if raw {
		// Sent as it is: no JSON example or schema applies.
		reqExamples, bodySchema, form = nil, nil, false
	}
	answerSuccess := func(c *Call) {
		if success == nil {
			c.Status = 200
			return
		}
		answer(c, success, 0)
	}
	base.BodySchema = bodySchema
	var calls []*Call
	answered := map[string]bool{} // code/example
	primary := base
	switch {
	case raw:
		primary.Raw = rawSample(kop)
		primary.Body = mustJSON(string(primary.Raw))
	case form && formExample != nil:
		primary.Form = formExample
	case form:
		primary.Form = formArgs(bodySchema, op.Body.URLEncoded)
	case op.Body != nil && len(reqExamples) == 0:
		primary.Body, primary.Unsatisfied = sampleBody(bodySchema)
	}
	for _, ex := range reqExamples {
		c := base
		c.Body, c.RequestExample = ex.value, ex.name
		if r, i := errorAnswerFor(responses, ex.name); r != nil {
			answer(&c, r, i)
		} else {
			answerSuccess(&c)
			// The other calls reuse an example the schema accepts; one
			// it refuses is only sent in its own call.
			if primary.Body == nil && exampleInvalid(&c) == "" {
				primary.Body, primary.RequestExample = ex.value, ex.name
			}
		}
		answered[c.answerKey()] = true
		calls = append(calls, &c)
	}
	if len(reqExamples) == 0 {
		c := primary
		answerSuccess(&c)
		answered[c.answerKey()] = true
		calls = append(calls, &c)
	}
	if primary.Body == nil && op.Body != nil && !form {
		primary.Body, primary.Unsatisfied = sampleBody(bodySchema)
	}
	for ri := range responses {
		r := &responses[ri]
		for i, ex := range r.examples {
			c := primary
			answer(&c, r, i)
			if answered[c.answerKey()] {
				continue
			}
			_ = ex
			answered[c.answerKey()] = true
			calls = append(calls, &c)
		}
	}
	for i, c := range calls {
		c.N = start + i
	}
	return calls
}

// rawSample is the body verify sends for an operation that takes text or
// a file: the description's string example when it gives one, else a
// string its schema makes and accepts (base64 for format: byte, a match
// of its pattern), else a line of text with a few bytes beyond ASCII,
// which must arrive unchanged.
func rawSample(kop *openapi3.Operation) []byte {
	content := kop.RequestBody.Value.Content
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		mt := content[ct]
		if mt == nil {
			continue
		}
		if s, ok := mt.Example.(string); ok && s != "" {
			return []byte(s)
		}
		if mt.Schema == nil || mt.Schema.Value == nil || mt.Schema.Value.Type == nil || !mt.Schema.Value.Type.Is("string") {
			continue
		}
		if s, ok := sample(mt.Schema, 0).(string); ok && s != "" && acceptsRequest(mt.Schema.Value, s) && mt.Schema.Value.Format != "binary" {
			return []byte(s)
		}
	}
	return []byte("intercom-gen verify upload: \u00e9\u00e8 \u2713\n")
}

// sampleBody makes a request body for schema and says why the schema
// refuses it, if it does.
func sampleBody(schema *openapi3.SchemaRef) (json.RawMessage, string) {
	v := sample(schema, 0)
	if schema != nil && schema.Value != nil {
		if err := validate(schema.Value, v, openapi3.VisitAsRequest()); err != nil {
			return mustJSON(v), firstLine(err.Error())
		}
	}
	return mustJSON(v), ""
}

func (c *Call) answerKey() string { return fmt.Sprint(c.Status, "/", c.Example) }

// errorAnswerFor finds the error response whose example has the request
// example's name (Intercom names bad request examples after the answer
// they provoke).
func errorAnswerFor(responses []response, name string) (*response, int) {
	n := normName(name)
	for ri := range responses {
		r := &responses[ri]
		if r.status < 400 {
			continue
		}
		for i, ex := range r.examples {
			if normName(ex.name) == n {
				return r, i
			}
		}
	}
	return nil, 0
}

// answer sets the planned answer of c to the i-th example of r (or the
// response's shape when it has none).
func answer(c *Call, r *response, i int) {
	c.Status = r.status
	c.ContentType = r.ctype
	c.Answer, c.Example, c.Location, c.AnswerSchema = nil, "", "", nil
	if r.media != nil {
		c.AnswerSchema = r.media.Schema
	}
	switch {
	case r.status == 204 || r.status == 205 || r.status == 304:
		// No body is allowed.
		c.ContentType = ""
	case r.status >= 300 && r.status < 400 && c.Op.Result.Kind == model.Redirect:
		c.Location = "http://elsewhere.invalid/recording.mp3"
	case r.media == nil:
		if c.Op.Result.Kind == model.Stream && r.status < 300 {
			c.ContentType = "application/octet-stream"
			c.Answer = []byte("intercom-gen verify download\x00\x01\x02")
		}
	case isJSON(r.ctype):
		if i < len(r.examples) {
			c.Answer, c.Example = r.examples[i].value, r.examples[i].name
		} else if r.status < 300 {
			c.Answer = mustJSON(sample(r.media.Schema, 0))
		}
	default:
		c.Answer = []byte("intercom-gen verify text answer\n")
		if s, ok := r.media.Example.(string); ok {
			c.Answer = []byte(s)
		}
	}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage("null")
	}
	return b
}

// allParams merges path-item and operation parameters (the operation's
// win), in order.
func allParams(kop *openapi3.Operation, item *openapi3.PathItem) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	seen := map[string]int{}
	for _, list := range []openapi3.Parameters{item.Parameters, kop.Parameters} {
		for _, p := range list {
			if p == nil || p.Value == nil {
				continue
			}
			k := p.Value.In + " " + p.Value.Name
			if i, ok := seen[k]; ok {
				out[i] = p.Value
				continue
			}
			seen[k] = len(out)
			out = append(out, p.Value)
		}
	}
	return out
}

// paramValue is the first example of a parameter that its schema accepts
// (shaped to the schema: "12" for an integer is 12), else its schema's
// sample. The examples the schema refuses are returned as failures of
// the description.
func paramValue(p *openapi3.Parameter) (any, []Failure) {
	type named struct {
		name  string
		value any
	}
	var examples []named
	if p.Example != nil {
		examples = append(examples, named{"example", p.Example})
	}
	for _, name := range slices.Sorted(maps.Keys(p.Examples)) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			examples = append(examples, named{name, ex.Value.Value})
		}
	}
	var refused []Failure
	for _, ex := range examples {
		v := shapeParam(p, ex.value)
		if p.Schema == nil || p.Schema.Value == nil {
			return v, refused
		}
		err := validate(p.Schema.Value, v, openapi3.VisitAsRequest())
		if err == nil {
			return v, refused
		}
		refused = append(refused, Failure{Check: "request", Example: fmt.Sprintf("%s parameter %s, %s", p.In, p.Name, ex.name),
			Detail: "the example itself: " + firstLine(err.Error())})
	}
	v := sample(p.Schema, 0)
	if list, ok := v.([]any); ok && len(list) == 0 && p.Required && p.Schema != nil && p.Schema.Value != nil {
		// An empty list sends no parameter at all, which a required
		// one cannot be.
		v = []any{sample(p.Schema.Value.Items, 1)}
	}
	return v, refused
}

// pathArgs gives each path argument, in template order, as text.
func pathArgs(op *model.Operation, kop *openapi3.Operation, item *openapi3.PathItem) ([]string, []Failure) {
	byName := map[string]*openapi3.Parameter{}
	for _, p := range allParams(kop, item) {
		if p.In == "path" {
			byName[p.Name] = p
		}
	}
	var out []string
	var refused []Failure
	for _, pp := range op.PathParams {
		text := "x1"
		if p := byName[pp.Wire]; p != nil {
			v, bad := paramValue(p)
			refused = append(refused, bad...)
			switch v := v.(type) {
			case string:
				if v != "" {
					text = v
				}
			case nil:
			default:
				// As JSON writes it: 36804636, not 3.6804636e+07.
				text = strings.Trim(string(mustJSON(v)), `"`)
			}
		}
		out = append(out, text)
	}
	return out, refused
}

// clientHeaders are set by the client itself.
var clientHeaders = []string{"intercom-version", "accept", "authorization", "content-type"}

// paramArgs sends every required query and header parameter, and every
// optional one the description gives an example for (so their encoding is
// exercised too).
func paramArgs(kop *openapi3.Operation, item *openapi3.PathItem) (map[string]json.RawMessage, []Failure) {
	out := map[string]json.RawMessage{}
	var refused []Failure
	for _, p := range allParams(kop, item) {
		if p.In != "query" && p.In != "header" {
			continue
		}
		if p.In == "header" && slices.Contains(clientHeaders, strings.ToLower(p.Name)) {
			continue
		}
		hasExample := p.Example != nil || len(p.Examples) > 0 || (p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Example != nil)
		if !p.Required && !hasExample {
			continue
		}
		v, bad := paramValue(p)
		refused = append(refused, bad...)
		out[p.Name] = mustJSON(v)
	}
	if len(out) == 0 {
		return nil, refused
	}
	return out, refused
}

// formArgs fills a form body. A multipart form's files get a small JSON
// document, its other required fields their sample; a URL-encoded form's
// fields all get their sample, so that every field's encoding is sent and
// validated.
func formArgs(s *openapi3.SchemaRef, urlencoded bool) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	if s == nil || s.Value == nil {
		return out
	}
	for name, ps := range s.Value.Properties {
		if ps == nil || ps.Value == nil {
			continue
		}
		if !urlencoded && ps.Value.Type != nil && ps.Value.Type.Is("string") && ps.Value.Format == "binary" {
			out[name] = mustJSON(map[string]string{"$file": `[{"id":"p1","title":"Sample","url":"https://example.com/p1"}]`})
			continue
		}
		if urlencoded || slices.Contains(s.Value.Required, name) {
			out[name] = mustJSON(sample(ps, 0))
		}
	}
	return out
}

// shapeParam fits an example to its parameter's schema: descriptions write
// array examples the way they appear in a URL ("published,draft") and
// numbers as text ("12").
func shapeParam(p *openapi3.Parameter, v any) any {
	if p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Type == nil {
		return v
	}
	if !p.Schema.Value.Type.Is("array") {
		if text, ok := v.(string); ok {
			return scalarOf(p.Schema, text)
		}
		return v
	}
	switch x := v.(type) {
	case []any:
		return x
	case string:
		var items []any
		for _, part := range strings.Split(x, ",") {
			items = append(items, scalarOf(p.Schema.Value.Items, part))
		}
		return items
	case nil:
		return []any{}
	default:
		return []any{x}
	}
}

// scalarOf reads text as the item schema's type.
func scalarOf(items *openapi3.SchemaRef, text string) any {
	if items == nil || items.Value == nil || items.Value.Type == nil {
		return text
	}
	switch t := items.Value.Type; {
	case t.Is("integer"):
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n
		}
	case t.Is("number"):
		if f, err := strconv.ParseFloat(text, 64); err == nil {
			return f
		}
	case t.Is("boolean"):
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	}
	return text
}
