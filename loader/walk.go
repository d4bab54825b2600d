package loader

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// kind is the OpenAPI object a node stands for where it is placed.
type kind uint8

const (
	kindPlain kind = iota // an object that cannot be a $ref (media type, encoding)
	kindSchema
	kindResponse
	kindParameter
	kindExample
	kindRequestBody
	kindHeader
	kindSecurityScheme
	kindLink
	kindCallback
	kindPathItem
)

// walker visits the description as OpenAPI lays it out: only the places
// where the specification puts schemas, parameters, responses and so on,
// so a property named "value" or "default" is a schema like any other while
// the data of an example, a default or an extension is never taken for
// structure. It is the loader's one pass over the structure: it checks
// every $ref and applies the schema rules (dangling-schema-ref,
// ref-siblings, array-without-items) where it stands.
//
// Diagnostics carry pointers into the description as written: a rule that
// rewrites a node reports before the walk descends into the new shape.
type walker struct {
	l    *load
	top  *yaml.Node
	path pathStack
	// seen holds anchored nodes already walked (aliases name them again)
	// and nodes the walk itself made, which need no visit.
	seen map[*yaml.Node]bool
	// exists remembers which local references resolve: Intercom's files
	// hold thousands of $refs to a few hundred schemas.
	exists map[string]bool
	// stubs are the schemas dangling-schema-ref added, by node.
	stubs map[*yaml.Node]string
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func isMethod(k string) bool {
	for _, m := range httpMethods {
		if k == m {
			return true
		}
	}
	return false
}

func isExtension(k string) bool { return strings.HasPrefix(k, "x-") }

// each walks the members of mapping n with fn; extensions are skipped where
// the specification allows them beside the members (paths, responses,
// callbacks), and are names like any other in maps of names.
func (w *walker) each(n *yaml.Node, skipExtensions bool, fn func(*yaml.Node)) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if skipExtensions && isExtension(k) {
			continue
		}
		w.path.pushKey(k)
		fn(n.Content[i+1])
		w.path.pop()
	}
}

// items walks the elements of sequence n with fn.
func (w *walker) items(n *yaml.Node, fn func(*yaml.Node)) {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	for i := 0; i < len(n.Content); i++ {
		w.path.pushIdx(i)
		fn(n.Content[i])
		w.path.pop()
	}
}

// member walks v, the value of key k, with fn.
func (w *walker) member(k string, v *yaml.Node, fn func(*yaml.Node)) {
	w.path.pushKey(k)
	fn(v)
	w.path.pop()
}

// enter returns the mapping to walk for an object of kind k at n, or nil
// when there is nothing (more) to walk: not a mapping, already walked, or
// a reference, which is checked here.
func (w *walker) enter(n *yaml.Node, k kind) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	if w.seen[n] {
		return nil
	}
	if n.Anchor != "" {
		w.mark(n)
	}
	i := mapIndex(n, "$ref")
	if i < 0 || k == kindPlain {
		return n
	}
	w.ref(n.Content[i+1], k)
	if k != kindSchema || len(n.Content) == 2 || !w.l.rule(RuleRefSiblings).Enabled {
		// kin-openapi ignores what sits beside a $ref, so there is
		// nothing more to check.
		return nil
	}
	w.refSiblings(n, i)
	return n
}

func (w *walker) mark(n *yaml.Node) {
	if w.seen == nil {
		w.seen = map[*yaml.Node]bool{}
	}
	w.seen[n] = true
}

// document walks the top-level mapping.
func (w *walker) document() {
	for i := 0; i+1 < len(w.top.Content); i += 2 {
		k, v := w.top.Content[i].Value, w.top.Content[i+1]
		switch k {
		case "paths", "webhooks":
			w.member(k, v, func(n *yaml.Node) { w.each(n, k == "paths", w.pathItem) })
		case "components":
			w.member(k, v, w.components)
		}
	}
}

func (w *walker) components(n *yaml.Node) {
	m := resolve(n)
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		var fn func(*yaml.Node)
		switch m.Content[i].Value {
		case "schemas":
			fn = w.schema
		case "responses":
			fn = w.response
		case "parameters":
			fn = w.parameter
		case "examples":
			fn = w.example
		case "requestBodies":
			fn = w.requestBody
		case "headers":
			fn = w.header
		case "securitySchemes":
			fn = w.securityScheme
		case "links":
			fn = w.link
		case "callbacks":
			fn = w.callback
		case "pathItems":
			fn = w.pathItem
		default:
			continue
		}
		w.member(m.Content[i].Value, m.Content[i+1], func(n *yaml.Node) { w.each(n, false, fn) })
	}
}

func (w *walker) pathItem(n *yaml.Node) {
	m := w.enter(n, kindPathItem)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch k := m.Content[i].Value; {
		case k == "parameters":
			w.member(k, m.Content[i+1], func(n *yaml.Node) { w.items(n, w.parameter) })
		case isMethod(k):
			w.member(k, m.Content[i+1], w.operation)
		}
	}
}

func (w *walker) operation(n *yaml.Node) {
	m := w.enter(n, kindPlain)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		switch k {
		case "parameters":
			w.member(k, v, func(n *yaml.Node) { w.items(n, w.parameter) })
		case "requestBody":
			w.member(k, v, w.requestBody)
		case "responses":
			w.member(k, v, func(n *yaml.Node) { w.each(n, true, w.response) })
		case "callbacks":
			if c := resolve(v); c != nil && c.Kind == yaml.MappingNode && len(c.Content) > 0 {
				w.l.add(diag.Warning, m.Content[i], "callbacks-not-generated", w.path.String()+"/callbacks",
					fmt.Sprintf("callbacks of this operation (%d) are not generated: the client has no handler for the requests the API makes back", len(c.Content)/2),
					"serve the callback's requests with your own handler; its payload types are generated when they are component schemas")
			}
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.callback) })
		}
	}
}

func (w *walker) callback(n *yaml.Node) {
	if m := w.enter(n, kindCallback); m != nil {
		w.each(m, true, w.pathItem)
	}
}

func (w *walker) parameter(n *yaml.Node) { w.parameterLike(n, kindParameter) }
func (w *walker) header(n *yaml.Node)    { w.parameterLike(n, kindHeader) }

func (w *walker) parameterLike(n *yaml.Node, k kind) {
	m := w.enter(n, k)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, v := m.Content[i].Value, m.Content[i+1]
		switch key {
		case "schema":
			w.member(key, v, w.schema)
		case "content":
			w.member(key, v, func(n *yaml.Node) { w.each(n, false, w.mediaType) })
		case "examples":
			w.member(key, v, func(n *yaml.Node) { w.each(n, false, w.example) })
		}
	}
}

func (w *walker) requestBody(n *yaml.Node) {
	if m := w.enter(n, kindRequestBody); m != nil {
		if c := mapIndex(m, "content"); c >= 0 {
			w.member("content", m.Content[c+1], func(n *yaml.Node) { w.each(n, false, w.mediaType) })
		}
	}
}

func (w *walker) response(n *yaml.Node) {
	m := w.enter(n, kindResponse)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		switch k {
		case "headers":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.header) })
		case "content":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.mediaType) })
		case "links":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.link) })
		}
	}
}

func (w *walker) mediaType(n *yaml.Node) {
	m := w.enter(n, kindPlain)
	if m == nil {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		switch k {
		case "schema", "itemSchema":
			w.member(k, v, w.schema)
		case "examples":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.example) })
		case "encoding":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.encoding) })
		}
	}
}

func (w *walker) encoding(n *yaml.Node) {
	if m := w.enter(n, kindPlain); m != nil {
		if h := mapIndex(m, "headers"); h >= 0 {
			w.member("headers", m.Content[h+1], func(n *yaml.Node) { w.each(n, false, w.header) })
		}
	}
}

// Examples, links and security schemes hold no structure intercom-gen
// reads; only their references are checked.
func (w *walker) example(n *yaml.Node)        { w.enter(n, kindExample) }
func (w *walker) link(n *yaml.Node)           { w.enter(n, kindLink) }
func (w *walker) securityScheme(n *yaml.Node) { w.enter(n, kindSecurityScheme) }

// schema walks a schema and the schemas inside it. The JSON Schema 2020-12
// keywords of OpenAPI 3.1 are walked too, so their references are checked
// like any other.
func (w *walker) schema(n *yaml.Node) {
	m := w.enter(n, kindSchema)
	if m == nil {
		return
	}
	w.propertiesWithoutKey(m)
	w.requiredBoolean(m)
	w.schema31(m)
	w.enumKinds(m)
	w.arrayWithoutItems(m)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i].Value, m.Content[i+1]
		switch k {
		case "properties", "patternProperties", "definitions", "$defs", "dependentSchemas":
			w.member(k, v, func(n *yaml.Node) { w.each(n, false, w.schema) })
		case "allOf", "anyOf", "oneOf", "prefixItems":
			w.member(k, v, func(n *yaml.Node) { w.items(n, w.schema) })
		case "items":
			if s := resolve(v); s != nil && s.Kind == yaml.SequenceNode {
				w.member(k, v, func(n *yaml.Node) { w.items(n, w.schema) })
			} else {
				w.member(k, v, w.schema)
			}
		case "additionalProperties", "additionalItems", "not", "contains", "propertyNames",
			"if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "contentSchema":
			// additionalProperties may be a boolean: enter skips it.
			w.member(k, v, w.schema)
		case "discriminator":
			w.member(k, v, w.discriminator)
		}
	}
}

// discriminator checks the references of a discriminator's mapping. Its
// values are plain strings, not $ref objects, yet kin-openapi follows the
// ones that name another file, which must not happen here either. A
// mapping only says which variant a value of the union is; the variants
// themselves are the oneOf/anyOf branches. So an entry whose reference
// leads nowhere (a schema the description does not define, a file it
// may not read) is dropped by the discriminator-mapping rule and the
// variant is told by the payload's shape instead; with the rule off it
// is an error, like any other reference that leads nowhere.
func (w *walker) discriminator(n *yaml.Node) {
	mapping := mapGet(resolve(n), "mapping")
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		return
	}
	repair := w.l.rule(RuleDiscriminatorMapping).Enabled
	kept := mapping.Content[:0:0]
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		key, v := mapping.Content[i], resolve(mapping.Content[i+1])
		ptr := w.path.String() + diag.Pointer("mapping", key.Value)
		if v == nil || v.Kind != yaml.ScalarNode || !strings.Contains(v.Value, "/") {
			kept = append(kept, mapping.Content[i], mapping.Content[i+1])
			continue
		}
		if !repair {
			w.checkRef(v.Value, v, ptr)
			kept = append(kept, mapping.Content[i], mapping.Content[i+1])
			continue
		}
		if why := w.mappingTarget(v.Value); why != "" {
			w.l.repair(v, RuleDiscriminatorMapping, ptr,
				fmt.Sprintf("the discriminator mapping %q → %q was dropped: %s; the variant is told by the payload's shape", key.Value, v.Value, why))
			continue
		}
		kept = append(kept, mapping.Content[i], mapping.Content[i+1])
	}
	if len(kept) != len(mapping.Content) {
		mapping.Content = kept
	}
}

// mappingTarget says why a discriminator mapping's reference cannot be
// followed ("" when it can): it names nothing in the description, or a
// file the loader may not read.
func (w *walker) mappingTarget(ref string) string {
	if !strings.HasPrefix(ref, "#") {
		if code, _, _ := w.l.ext.check(ref); code != "" {
			if code == "external-ref" {
				return "it names another file, and external references are refused unless --allow-external-refs is given"
			}
			return "it names a file outside the description's folder or a URL, which are never read"
		}
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Fragment == "" || u.Fragment[0] != '/' {
		return "it is not a JSON pointer into this description"
	}
	if lookup(w.top, u.Fragment) == nil {
		return "it points at nothing in this description"
	}
	return ""
}

// ref checks the $ref value of an object of kind k.
func (w *walker) ref(v *yaml.Node, k kind) {
	v = resolve(v)
	ptr := w.path.with("$ref")
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag != tagStr {
		w.l.errorAt(v, "bad-ref", ptr, "$ref must be a string holding a reference",
			"write a reference such as '#/components/schemas/name'")
		return
	}
	if w.checkRef(v.Value, v, ptr) {
		w.checkRefKind(v.Value, v, ptr, k)
	}
}

// sectionKinds are the kinds of object each components section holds.
var sectionKinds = map[string]kind{
	"schemas": kindSchema, "responses": kindResponse, "parameters": kindParameter,
	"examples": kindExample, "requestBodies": kindRequestBody, "headers": kindHeader,
	"securitySchemes": kindSecurityScheme, "links": kindLink, "callbacks": kindCallback,
	"pathItems": kindPathItem,
}

// kindNames name the kinds in messages, as the sections do.
var kindNames = map[kind]string{
	kindSchema: "a schema", kindResponse: "a response", kindParameter: "a parameter",
	kindExample: "an example", kindRequestBody: "a request body", kindHeader: "a header",
	kindSecurityScheme: "a security scheme", kindLink: "a link", kindCallback: "a callback",
	kindPathItem: "a path item",
}

// checkRefKind refuses a reference to a whole component of another kind
// than the place needs (a parameter that refers to a response): kin-openapi
// would fail on it later without saying where.
func (w *walker) checkRefKind(ref string, at *yaml.Node, ptr string, k kind) {
	u, err := url.Parse(ref)
	if err != nil {
		return
	}
	toks := diag.SplitPointer(u.Fragment)
	if len(toks) != 3 || toks[0] != "components" {
		return
	}
	got, known := sectionKinds[toks[1]]
	if !known || got == k || kindNames[k] == "" {
		return
	}
	w.l.errorAt(at, "ref-kind", ptr,
		fmt.Sprintf("$ref %q names %s, but %s belongs here", ref, kindNames[got], kindNames[k]),
		fmt.Sprintf("point the $ref at components/%s, or write the object in place", sectionOf(k)))
}

func sectionOf(k kind) string {
	for s, sk := range sectionKinds {
		if sk == k {
			return s
		}
	}
	return ""
}

// checkRef refuses references intercom-gen will not follow: anything
// outside the description (nothing is read from disk or network while
// loading) and local references that lead nowhere. A missing component
// schema of a name listed for the dangling-schema-ref rule is the
// exception: a stub stands in. It reports whether ref leads to an element
// of the description written there.
func (w *walker) checkRef(ref string, at *yaml.Node, ptr string) bool {
	if !strings.HasPrefix(ref, "#") {
		if code, msg, hint := w.l.ext.check(ref); code != "" {
			w.l.errorAt(at, code, ptr, msg, hint)
		}
		return false
	}
	if w.exists[ref] {
		return true
	}
	u, err := url.Parse(ref)
	if err != nil || u.Fragment == "" || u.Fragment[0] != '/' {
		w.l.errorAt(at, "bad-ref", ptr,
			fmt.Sprintf("$ref %q is not a JSON pointer into this description", ref),
			"write a reference such as '#/components/schemas/name'")
		return false
	}
	if target := lookup(w.top, u.Fragment); target != nil {
		if name, ok := w.stubs[target]; ok {
			w.reportStub(name, at, ptr)
			return false
		}
		if w.exists == nil {
			w.exists = map[string]bool{}
		}
		w.exists[ref] = true
		return true
	}
	toks := diag.SplitPointer(u.Fragment)
	if rule := w.l.rule(RuleDanglingSchemaRef); len(toks) == 3 && toks[0] == "components" && toks[1] == "schemas" &&
		rule.Enabled && slices.Contains(rule.Names, toks[2]) {
		w.stub(toks[2], at)
		w.reportStub(toks[2], at, ptr)
		return false
	}
	hint := "define the component, or correct the reference"
	if len(toks) == 3 && toks[0] == "components" {
		if near := closestName(toks[2], mapGet(mapGet(w.top, "components"), toks[1])); near != "" {
			hint = fmt.Sprintf("did you mean '#/components/%s/%s'?", toks[1], diag.EscapeToken(near))
		}
	}
	w.l.errorAt(at, "dangling-ref", ptr,
		fmt.Sprintf("$ref %q points at nothing in this description", ref), hint)
	return false
}

// closestName is the member of mapping m nearest to name when it is near
// enough to be a typo ("" otherwise): a reader of the error then sees the
// fix at once.
func closestName(name string, m *yaml.Node) string {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return ""
	}
	best, bestDist := "", 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		c := m.Content[i].Value
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(2, len(name)/4) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, capped for
// long names (a typo is short; a long pair is simply far apart).
func editDistance(a, b string) int {
	if len(a) > 200 || len(b) > 200 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// stub adds the configured stand-in for a missing component schema: the
// dangling-schema-ref rule. Upstream deleted custom_attributes from 2.7–2.11
// but kept the $refs to it. The stub is positioned at the first reference.
func (w *walker) stub(name string, at *yaml.Node) {
	components := mapGet(w.top, "components")
	if components == nil || components.Kind != yaml.MappingNode {
		components = mapNode(at)
		mapSet(w.top, "components", components, at)
	}
	schemas := mapGet(components, "schemas")
	if schemas == nil || schemas.Kind != yaml.MappingNode {
		schemas = mapNode(at)
		mapSet(components, "schemas", schemas, at)
	}
	stub := w.l.rule(RuleDanglingSchemaRef).Stub
	if stub == nil {
		stub = mapNode(nil, strNode("type", nil), strNode("object", nil),
			strNode("additionalProperties", nil), trueNode(nil))
	}
	n := clone(stub, at)
	// Marked, so that tools comparing descriptions can tell a stand-in
	// from a schema the description defines.
	mapSet(n, StandInExtension, trueNode(at), at)
	mapSet(schemas, name, n, at)
	if w.stubs == nil {
		w.stubs = map[*yaml.Node]string{}
	}
	w.stubs[n] = name
}

// reportStub reports one reference to a stubbed schema: every referrer is
// listed, since each is a place upstream has to fix.
func (w *walker) reportStub(name string, at *yaml.Node, ptr string) {
	w.l.repair(at, RuleDanglingSchemaRef, ptr,
		fmt.Sprintf("$ref to schema %q, which the description does not define; a stand-in schema was added under that name", name))
}

// silentSiblings are keywords that only document the reference beside
// them; moving them is not worth a line of output.
var silentSiblings = []string{"description", "title", "x-*"}

func matches(patterns []string, key string) bool {
	for _, p := range patterns {
		if p == key || strings.HasSuffix(p, "*") && strings.HasPrefix(key, p[:len(p)-1]) {
			return true
		}
	}
	return false
}

// refSiblings rewrites {$ref: X, siblings…} as {allOf: [{$ref: X}],
// siblings…}: OpenAPI 3.0 says keywords beside a $ref are ignored and
// kin-openapi drops them, yet Intercom writes `nullable: true` there (9–18
// times a file) and its examples send null in those fields. The allOf form
// means what the author meant and keeps the documentation too. Only schemas
// are rewritten: the walker knows where it stands, and a $ref to a
// response or parameter is left as it is.
func (w *walker) refSiblings(m *yaml.Node, at int) {
	refKey, refVal := m.Content[at], m.Content[at+1]
	silent := w.l.rule(RuleRefSiblings).Silent
	if silent == nil {
		silent = silentSiblings
	}
	var semantic []string
	rest := make([]*yaml.Node, 0, len(m.Content))
	var allOf *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i].Value
		switch {
		case i == at:
			continue
		case k == "allOf" && isSeq(m.Content[i+1]):
			allOf = resolve(m.Content[i+1])
			semantic = append(semantic, k)
		case !matches(silent, k):
			semantic = append(semantic, k)
		}
		rest = append(rest, m.Content[i], m.Content[i+1])
	}
	inner := mapNode(refKey, refKey, refVal)
	w.mark(inner)
	if allOf != nil {
		// An allOf already beside the $ref: the reference joins it.
		allOf.Content = append([]*yaml.Node{inner}, allOf.Content...)
		m.Content = rest
	} else {
		m.Content = append([]*yaml.Node{strNode("allOf", refKey), seqNode(refVal, inner)}, rest...)
	}
	if len(semantic) > 0 {
		w.l.repair(m, RuleRefSiblings, w.path.String(),
			fmt.Sprintf("%s beside $ref %q would be ignored; the reference was wrapped in allOf to keep %s",
				strings.Join(semantic, ", "), scalarValue(refVal), pronoun(len(semantic))))
	}
}

func isSeq(n *yaml.Node) bool {
	n = resolve(n)
	return n != nil && n.Kind == yaml.SequenceNode
}

func pronoun(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// arrayWithoutItems gives a `type: array` schema without items an items
// schema (by default {}: any value). OpenAPI 3.0 requires items, and kin's
// validation and code generators need it; Intercom's
// ticket_custom_attributes lacks it from 2.9 on.
func (w *walker) arrayWithoutItems(m *yaml.Node) {
	if !w.l.rule(RuleArrayWithoutItems).Enabled {
		return
	}
	t := mapGet(m, "type")
	if scalarValue(t) != "array" || mapIndex(m, "items") >= 0 {
		return
	}
	items := w.l.rule(RuleArrayWithoutItems).Items
	if items == nil {
		items = mapNode(nil)
	}
	mapSet(m, "items", clone(items, m), m)
	w.l.repair(m, RuleArrayWithoutItems, w.path.String(),
		"array schema without items; its items were declared as any value")
}
