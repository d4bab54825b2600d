package apidiff

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Directions a schema is used in, as a bit set.
type dirs uint8

const (
	dirRequest dirs = 1 << iota
	dirResponse
)

func (d dirs) String() string {
	switch d {
	case dirRequest:
		return "request"
	case dirResponse:
		return "response"
	case dirRequest | dirResponse:
		return "request+response"
	}
	return ""
}

const componentPrefix = "#/components/schemas/"

// wire compares two descriptions.
type wire struct {
	old, new *side
	changes  []Change
	// seen guards the structural walk against cycles and repeats: a pair of
	// schemas compared once under given directions is not compared again.
	seen map[seenKey]bool
}

type seenKey struct {
	old, new *openapi3.Schema
	d        dirs
}

// at is a place in both descriptions: a JSON pointer on each side and the
// subject a reader recognises ("contact.owner_id", "POST /tags 200").
type at struct {
	subject  string
	old, new string
}

func (a at) with(subject string, tokens ...string) at {
	return at{subject: subject, old: diag.Append(a.old, tokens...), new: diag.Append(a.new, tokens...)}
}

func (w *wire) add(ruleID string, a at, msg string) {
	r := mustRule(ruleID)
	w.changes = append(w.changes, Change{
		Rule: r.ID, Level: r.Level, Layer: r.Layer, Direction: r.Direction,
		Subject: a.subject, Message: msg,
		From: w.old.locate(a.old), To: w.new.locate(a.new),
	})
}

// addDir adds the request or response rule (prefix "request-"/"response-"
// + suffix) for each direction in d; when both apply, only the stricter is
// reported, with both directions named.
func (w *wire) addDir(d dirs, suffix string, a at, msg string) {
	var pick Rule
	found := false
	for _, dir := range []dirs{dirRequest, dirResponse} {
		if d&dir == 0 {
			continue
		}
		r := mustRule(dir.String() + "-" + suffix)
		if !found || r.Level > pick.Level {
			pick, found = r, true
		}
	}
	if !found {
		// Unused data: judge it as both.
		w.addDir(dirRequest|dirResponse, suffix, a, msg)
		return
	}
	w.changes = append(w.changes, Change{
		Rule: pick.ID, Level: pick.Level, Layer: pick.Layer, Direction: d.String(),
		Subject: a.subject, Message: msg,
		From: w.old.locate(a.old), To: w.new.locate(a.new),
	})
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// opKey matches operations across versions: method and path with the
// parameter names blanked (Intercom renames them between versions).
func opKey(method, path string) string {
	return method + " " + pathParam.ReplaceAllString(path, "{}")
}

type opRef struct {
	method, path string
	op           *openapi3.Operation
	item         *openapi3.PathItem
}

func (o opRef) ptr() string { return diag.Pointer("paths", o.path, strings.ToLower(o.method)) }

func operations(t *openapi3.T) map[string]opRef {
	m := map[string]opRef{}
	if t.Paths == nil {
		return m
	}
	for path, item := range t.Paths.Map() {
		for method, op := range item.Operations() {
			m[opKey(method, path)] = opRef{method: method, path: path, op: op, item: item}
		}
	}
	return m
}

// compareWire runs the wire rules.
func (w *wire) compare() {
	w.seen = map[seenKey]bool{}
	oldOps, newOps := operations(w.old.doc.Spec), operations(w.new.doc.Spec)
	for _, k := range slices.Sorted(maps.Keys(oldOps)) {
		o := oldOps[k]
		if _, ok := newOps[k]; !ok {
			w.add("operation-removed", at{subject: o.method + " " + o.path, old: o.ptr()}, "operation "+o.op.OperationID+" removed")
		}
	}
	for _, k := range slices.Sorted(maps.Keys(newOps)) {
		n := newOps[k]
		o, ok := oldOps[k]
		if !ok {
			w.add("operation-added", at{subject: n.method + " " + n.path, new: n.ptr()}, "operation "+n.op.OperationID+" added")
			continue
		}
		w.operation(o, n)
	}
	w.components()
}

func (w *wire) operation(o, n opRef) {
	a := at{subject: n.method + " " + n.path, old: o.ptr(), new: n.ptr()}
	if o.path != n.path {
		w.add("path-param-renamed", a, fmt.Sprintf("path %s → %s", o.path, n.path))
	}
	if o.op.OperationID != n.op.OperationID {
		w.add("operation-id-changed", a, fmt.Sprintf("operationId %s → %s", o.op.OperationID, n.op.OperationID))
	}
	w.parameters(o, n, a)
	w.requestBody(o.op.RequestBody, n.op.RequestBody, a.with(a.subject+" request body", "requestBody"))
	w.responses(o.op, n.op, a)
}

type param struct {
	p   *openapi3.Parameter
	ptr string
}

// params lists an operation's parameters with the path item's, keyed by
// location and name; path parameters are keyed by position, since their
// names change between versions.
func params(o opRef) map[string]param {
	m := map[string]param{}
	vars := pathParam.FindAllString(o.path, -1)
	add := func(list openapi3.Parameters, base string) {
		for i, pr := range list {
			if pr == nil || pr.Value == nil {
				continue
			}
			p := pr.Value
			key := p.In + " " + p.Name
			if p.In == openapi3.ParameterInPath {
				if idx := slices.Index(vars, "{"+p.Name+"}"); idx >= 0 {
					key = fmt.Sprintf("path #%d", idx)
				}
			}
			if p.In == openapi3.ParameterInHeader {
				key = p.In + " " + strings.ToLower(p.Name)
			}
			ptr := diag.Append(base, "parameters", fmt.Sprint(i))
			if pr.Ref != "" {
				ptr = strings.TrimPrefix(pr.Ref, "#")
			}
			m[key] = param{p, ptr}
		}
	}
	add(o.item.Parameters, diag.Pointer("paths", o.path))
	add(o.op.Parameters, o.ptr())
	return m
}

func (w *wire) parameters(o, n opRef, a at) {
	op, np := params(o), params(n)
	for _, k := range slices.Sorted(maps.Keys(op)) {
		if _, ok := np[k]; !ok {
			p := op[k]
			w.add("request-parameter-removed", at{subject: a.subject + " " + p.p.In + " " + p.p.Name, old: p.ptr, new: a.new},
				fmt.Sprintf("%s parameter %s removed", p.p.In, p.p.Name))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(np)) {
		nv := np[k]
		ov, ok := op[k]
		pa := at{subject: a.subject + " " + nv.p.In + " " + nv.p.Name, old: ov.ptr, new: nv.ptr}
		if !ok {
			pa.old = a.old
			if nv.p.Required {
				w.add("request-parameter-added-required", pa, fmt.Sprintf("required %s parameter %s added", nv.p.In, nv.p.Name))
			} else {
				w.add("request-parameter-added", pa, fmt.Sprintf("%s parameter %s added", nv.p.In, nv.p.Name))
			}
			continue
		}
		if nv.p.In == openapi3.ParameterInPath {
			// Renames are reported once per operation; the value is compared.
		}
		switch {
		case !ov.p.Required && nv.p.Required:
			w.add("request-parameter-became-required", pa, fmt.Sprintf("%s parameter %s became required", nv.p.In, nv.p.Name))
		case ov.p.Required && !nv.p.Required:
			w.add("request-parameter-became-optional", pa, fmt.Sprintf("%s parameter %s became optional", nv.p.In, nv.p.Name))
		}
		w.schema(ov.p.Schema, nv.p.Schema, dirRequest, pa.with(pa.subject, "schema"))
	}
}

func (w *wire) requestBody(o, n *openapi3.RequestBodyRef, a at) {
	deref := func(r *openapi3.RequestBodyRef, ptr string) (*openapi3.RequestBody, string) {
		if r == nil || r.Value == nil {
			return nil, ptr
		}
		if r.Ref != "" {
			ptr = strings.TrimPrefix(r.Ref, "#")
		}
		return r.Value, ptr
	}
	ob, optr := deref(o, a.old)
	nb, nptr := deref(n, a.new)
	a.old, a.new = optr, nptr
	switch {
	case ob == nil && nb == nil:
		return
	case ob == nil:
		a.old = strings.TrimSuffix(a.old, "/requestBody")
		if nb.Required {
			w.add("request-body-added-required", a, "required request body added")
		} else {
			w.add("request-body-added", a, "request body added")
		}
		return
	case nb == nil:
		a.new = strings.TrimSuffix(a.new, "/requestBody")
		w.add("request-body-removed", a, "request body removed")
		return
	}
	switch {
	case !ob.Required && nb.Required:
		w.add("request-body-became-required", a, "request body became required")
	case ob.Required && !nb.Required:
		w.add("request-body-became-optional", a, "request body became optional")
	}
	w.content(ob.Content, nb.Content, dirRequest, a)
}

func (w *wire) content(o, n openapi3.Content, d dirs, a at) {
	for _, mt := range slices.Sorted(maps.Keys(o)) {
		if _, ok := n[mt]; !ok {
			w.add(d.String()+"-media-type-removed", a.with(a.subject, "content", mt), "content type "+mt+" removed")
		}
	}
	for _, mt := range slices.Sorted(maps.Keys(n)) {
		om, ok := o[mt]
		if !ok {
			w.add(d.String()+"-media-type-added", a.with(a.subject, "content", mt), "content type "+mt+" added")
			continue
		}
		w.schema(om.Schema, n[mt].Schema, d, a.with(a.subject, "content", mt, "schema"))
	}
}

func successStatus(s string) bool { return len(s) == 3 && s[0] == '2' }

func (w *wire) responses(o, n *openapi3.Operation, a at) {
	var om, nm map[string]*openapi3.ResponseRef
	if o.Responses != nil {
		om = o.Responses.Map()
	}
	if n.Responses != nil {
		nm = n.Responses.Map()
	}
	var oldOK, newOK []string
	for _, s := range slices.Sorted(maps.Keys(om)) {
		if successStatus(s) {
			oldOK = append(oldOK, s)
		}
	}
	for _, s := range slices.Sorted(maps.Keys(nm)) {
		if successStatus(s) {
			newOK = append(newOK, s)
		}
	}
	if !slices.Equal(oldOK, newOK) {
		w.add("success-status-changed", a.with(a.subject, "responses"),
			fmt.Sprintf("success status %s → %s", strings.Join(oldOK, ","), strings.Join(newOK, ",")))
	}
	for _, s := range slices.Sorted(maps.Keys(om)) {
		if _, ok := nm[s]; !ok && !successStatus(s) {
			w.add("error-status-removed", at{subject: a.subject + " " + s, old: diag.Append(a.old, "responses", s), new: a.new}, "error status "+s+" no longer documented")
		}
	}
	for _, s := range slices.Sorted(maps.Keys(nm)) {
		or, ok := om[s]
		ra := at{subject: a.subject + " " + s, old: diag.Append(a.old, "responses", s), new: diag.Append(a.new, "responses", s)}
		if !ok {
			if !successStatus(s) {
				ra.old = a.old
				w.add("error-status-added", ra, "error status "+s+" documented")
			}
			continue
		}
		nr := nm[s]
		if or == nil || nr == nil || or.Value == nil || nr.Value == nil {
			continue
		}
		if or.Ref != "" {
			ra.old = strings.TrimPrefix(or.Ref, "#")
		}
		if nr.Ref != "" {
			ra.new = strings.TrimPrefix(nr.Ref, "#")
		}
		w.content(or.Value.Content, nr.Value.Content, dirResponse, ra)
	}
}

// componentName returns the component a reference names, "" for others.
func componentName(ref string) string {
	if strings.HasPrefix(ref, componentPrefix) {
		return strings.TrimPrefix(ref, componentPrefix)
	}
	return ""
}

// schema compares two schemas used in directions d. References to the
// same component stop the walk (the component is compared once, by
// components, under every direction it is used in).
func (w *wire) schema(o, n *openapi3.SchemaRef, d dirs, a at) {
	if o == nil || n == nil || o.Value == nil || n.Value == nil {
		return
	}
	oc, nc := componentName(o.Ref), componentName(n.Ref)
	if oc != "" && nc != "" {
		if oc != nc {
			w.addDir(d, "schema-ref-changed", a, fmt.Sprintf("schema %s → %s", oc, nc))
		}
		return
	}
	if oc != "" {
		a.old = diag.Pointer("components", "schemas", oc)
	}
	if nc != "" {
		a.new = diag.Pointer("components", "schemas", nc)
	}
	w.value(o.Value, n.Value, d, a)
}

func typeOf(s *openapi3.Schema) string {
	if s.Type == nil {
		return ""
	}
	return strings.Join(*s.Type, "|")
}

func describeType(s *openapi3.Schema) string {
	t := typeOf(s)
	switch {
	case t != "":
	case len(s.OneOf) > 0:
		t = "oneOf"
	case len(s.AnyOf) > 0:
		t = "anyOf"
	case len(s.AllOf) > 0:
		t = "allOf"
	case len(s.Properties) > 0:
		t = "object"
	default:
		t = "any"
	}
	return t
}

func (w *wire) value(o, n *openapi3.Schema, d dirs, a at) {
	key := seenKey{o, n, d}
	if w.seen[key] {
		return
	}
	w.seen[key] = true

	if ot, nt := describeType(o), describeType(n); ot != nt {
		w.addDir(d, "type-changed", a, fmt.Sprintf("type %s → %s", ot, nt))
	} else if o.Format != n.Format {
		w.addDir(d, "format-changed", a, fmt.Sprintf("format %q → %q", o.Format, n.Format))
	}
	switch {
	case !o.Nullable && n.Nullable:
		w.addDir(d, "became-nullable", a, "became nullable")
	case o.Nullable && !n.Nullable:
		w.addDir(d, "became-not-nullable", a, "no longer nullable")
	}
	w.enum(o, n, d, a)
	w.properties(o, n, d, a)
	if o.Items != nil && n.Items != nil {
		w.schema(o.Items, n.Items, d, a.with(a.subject+"[]", "items"))
	}
	if o.AdditionalProperties.Schema != nil && n.AdditionalProperties.Schema != nil {
		w.schema(o.AdditionalProperties.Schema, n.AdditionalProperties.Schema, d, a.with(a.subject+"{}", "additionalProperties"))
	}
	w.variants("oneOf", o.OneOf, n.OneOf, d, a)
	w.variants("anyOf", o.AnyOf, n.AnyOf, d, a)
	w.allOf(o.AllOf, n.AllOf, d, a)
}

func enumValues(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func (w *wire) enum(o, n *openapi3.Schema, d dirs, a at) {
	ov, nv := enumValues(o), enumValues(n)
	switch {
	case len(ov) == 0 && len(nv) == 0:
		return
	case len(ov) == 0:
		w.addDir(d, "enum-added", a, "restricted to "+strings.Join(nv, ", "))
		return
	case len(nv) == 0:
		w.addDir(d, "enum-removed", a, "no longer an enum")
		return
	}
	for _, v := range ov {
		if !slices.Contains(nv, v) {
			w.addDir(d, "enum-value-removed", a.with(a.subject, "enum"), fmt.Sprintf("enum value %q removed", v))
		}
	}
	for _, v := range nv {
		if !slices.Contains(ov, v) {
			w.addDir(d, "enum-value-added", a.with(a.subject, "enum"), fmt.Sprintf("enum value %q added", v))
		}
	}
}

func (w *wire) properties(o, n *openapi3.Schema, d dirs, a at) {
	for _, name := range slices.Sorted(maps.Keys(o.Properties)) {
		if _, ok := n.Properties[name]; !ok {
			pa := at{subject: a.subject + "." + name, old: diag.Append(a.old, "properties", name), new: a.new}
			w.addDir(d, "property-removed", pa, "property "+name+" removed")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(n.Properties)) {
		pa := at{subject: a.subject + "." + name, old: diag.Append(a.old, "properties", name), new: diag.Append(a.new, "properties", name)}
		op, ok := o.Properties[name]
		oreq, nreq := slices.Contains(o.Required, name), slices.Contains(n.Required, name)
		if !ok {
			pa.old = a.old
			if nreq && d&dirRequest != 0 {
				w.add("request-property-added-required", pa, "required property "+name+" added")
				if d&dirResponse != 0 {
					w.changes[len(w.changes)-1].Direction = d.String()
				}
			} else {
				w.addDir(d, "property-added", pa, "property "+name+" added")
			}
			continue
		}
		switch {
		case !oreq && nreq:
			w.addDir(d, "property-became-required", pa, "property "+name+" became required")
		case oreq && !nreq:
			w.addDir(d, "property-became-optional", pa, "property "+name+" became optional")
		}
		w.schema(op, n.Properties[name], d, pa)
	}
}

// variantKey names a oneOf/anyOf branch: its component, else its position.
func variantKey(r *openapi3.SchemaRef, i int) string {
	if c := componentName(r.Ref); c != "" {
		return c
	}
	return fmt.Sprintf("#%d", i)
}

func (w *wire) variants(kw string, o, n openapi3.SchemaRefs, d dirs, a at) {
	om := map[string]int{}
	for i, r := range o {
		om[variantKey(r, i)] = i
	}
	nm := map[string]int{}
	for i, r := range n {
		nm[variantKey(r, i)] = i
	}
	for i, r := range o {
		if _, ok := nm[variantKey(r, i)]; !ok {
			w.addDir(d, "variant-removed", a.with(a.subject, kw, fmt.Sprint(i)), kw+" variant "+variantKey(r, i)+" removed")
		}
	}
	for i, r := range n {
		k := variantKey(r, i)
		j, ok := om[k]
		if !ok {
			va := a.with(a.subject, kw, fmt.Sprint(i))
			va.old = a.old
			w.addDir(d, "variant-added", va, kw+" variant "+k+" added")
			continue
		}
		va := at{subject: a.subject, old: diag.Append(a.old, kw, fmt.Sprint(j)), new: diag.Append(a.new, kw, fmt.Sprint(i))}
		w.schema(o[j], r, d, va)
	}
}

// allOf compares the parts of a composition: components by name, inline
// parts by position; parts that appear or disappear are compared as
// properties of the whole would be, through the merged view.
func (w *wire) allOf(o, n openapi3.SchemaRefs, d dirs, a at) {
	if len(o) == 0 && len(n) == 0 {
		return
	}
	om := map[string]int{}
	for i, r := range o {
		om[variantKey(r, i)] = i
	}
	for i, r := range n {
		if j, ok := om[variantKey(r, i)]; ok {
			w.schema(o[j], r, d, at{subject: a.subject, old: diag.Append(a.old, "allOf", fmt.Sprint(j)), new: diag.Append(a.new, "allOf", fmt.Sprint(i))})
		}
	}
}

// components compares the component schemas present in both descriptions,
// each under the directions it is used in (in either description).
func (w *wire) components() {
	oc, nc := w.old.doc.Spec.Components, w.new.doc.Spec.Components
	var os, ns openapi3.Schemas
	if oc != nil {
		os = oc.Schemas
	}
	if nc != nil {
		ns = nc.Schemas
	}
	use := map[string]dirs{}
	usage(w.old.doc.Spec, use)
	usage(w.new.doc.Spec, use)
	// A stand-in the loader made for a schema the description refers to
	// without defining it is no schema of the description's.
	for _, name := range slices.Sorted(maps.Keys(os)) {
		if n, ok := ns[name]; !ok || standIn(n) && !standIn(os[name]) {
			w.add("schema-removed", at{subject: name, old: diag.Pointer("components", "schemas", name)}, "schema "+name+" removed")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(ns)) {
		ptr := diag.Pointer("components", "schemas", name)
		o, ok := os[name]
		if !ok || standIn(o) && !standIn(ns[name]) {
			w.add("schema-added", at{subject: name, new: ptr}, "schema "+name+" added")
			continue
		}
		if standIn(ns[name]) {
			continue
		}
		d := use[name]
		if d == 0 {
			d = dirRequest | dirResponse
		}
		// Compare the values: the refs themselves name the component.
		if o.Value != nil && ns[name].Value != nil {
			w.value(o.Value, ns[name].Value, d, at{subject: name, old: ptr, new: ptr})
		}
	}
}

// usage records, for every component schema reachable from an operation,
// whether it is reachable from request data, response data or both.
func usage(t *openapi3.T, use map[string]dirs) {
	if t.Paths == nil {
		return
	}
	type visit struct {
		s *openapi3.Schema
		d dirs
	}
	seen := map[visit]bool{}
	var walk func(r *openapi3.SchemaRef, d dirs)
	walk = func(r *openapi3.SchemaRef, d dirs) {
		if r == nil || r.Value == nil {
			return
		}
		if c := componentName(r.Ref); c != "" {
			use[c] |= d
		}
		v := visit{r.Value, d}
		if seen[v] {
			return
		}
		seen[v] = true
		s := r.Value
		for _, p := range s.Properties {
			walk(p, d)
		}
		walk(s.Items, d)
		walk(s.AdditionalProperties.Schema, d)
		for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
			for _, x := range list {
				walk(x, d)
			}
		}
		walk(s.Not, d)
	}
	for _, item := range t.Paths.Map() {
		var ps openapi3.Parameters
		ps = append(ps, item.Parameters...)
		for _, op := range item.Operations() {
			for _, p := range append(ps, op.Parameters...) {
				if p != nil && p.Value != nil {
					walk(p.Value.Schema, dirRequest)
				}
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					walk(mt.Schema, dirRequest)
				}
			}
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					if r != nil && r.Value != nil {
						for _, mt := range r.Value.Content {
							walk(mt.Schema, dirResponse)
						}
					}
				}
			}
		}
	}
}

// standIn reports whether s is a schema the loader added for a dangling
// reference (loader.StandInExtension).
func standIn(s *openapi3.SchemaRef) bool {
	return s != nil && s.Value != nil && s.Value.Extensions[loader.StandInExtension] != nil
}
