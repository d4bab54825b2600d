package apidiff

import (
	"reflect"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/generator/internal/surface"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// goChanges compares the two surfaces item by item (operations are left to
// the wire layer, which knows more about them).
func goChanges(old, neu *side) []Change {
	om := map[string]surface.Item{}
	for _, it := range old.items {
		if it.Kind != surface.KindOp {
			om[it.Key()] = it
		}
	}
	nm := map[string]surface.Item{}
	for _, it := range neu.items {
		if it.Kind != surface.KindOp {
			nm[it.Key()] = it
		}
	}
	var out []Change
	add := func(rule string, it surface.Item, msg string, inOld, inNew bool) {
		r := mustRule(rule)
		c := Change{Rule: r.ID, Level: r.Level, Layer: r.Layer, Subject: it.Kind + " " + it.Name, Message: msg}
		if inOld {
			c.From = old.locate(old.origins[it.Key()])
		}
		if inNew {
			c.To = neu.locate(neu.origins[it.Key()])
		}
		out = append(out, c)
	}
	for _, it := range old.items {
		if _, ok := nm[it.Key()]; !ok && it.Kind != surface.KindOp {
			add("go-"+it.Kind+"-removed", it, "removed: "+it.String(), true, false)
		}
	}
	for _, it := range neu.items {
		if it.Kind == surface.KindOp {
			continue
		}
		o, ok := om[it.Key()]
		switch {
		case !ok:
			add("go-"+it.Kind+"-added", it, "added: "+it.String(), false, true)
		case o.Sig != it.Sig:
			if rule, ok := changeRule(o, it); ok {
				add(rule, it, o.Sig+" → "+it.Sig, true, true)
			}
		}
	}
	return out
}

// changeRule picks the rule for an item whose line changed; false when
// the change does not matter to a Go caller (a field's omitzero, which the
// wire layer reports as requiredness).
func changeRule(o, n surface.Item) (string, bool) {
	switch n.Kind {
	case surface.KindField:
		ot, otag := splitTag(o.Sig)
		nt, ntag := splitTag(n.Sig)
		if ot != nt {
			return "go-field-type-changed", true
		}
		if tagName(otag) != tagName(ntag) {
			return "go-field-json-name-changed", true
		}
		return "", false
	case surface.KindFunc:
		return "go-func-signature-changed", true
	case surface.KindMethod:
		return "go-method-signature-changed", true
	case surface.KindConst:
		return "go-const-changed", true
	case surface.KindVar:
		return "go-var-changed", true
	}
	return "go-type-changed", true
}

// splitTag splits a field's Sig into its type and its struct tag.
func splitTag(sig string) (typ string, tag reflect.StructTag) {
	if i := strings.Index(sig, " `"); i >= 0 && strings.HasSuffix(sig, "`") {
		return sig[:i], reflect.StructTag(sig[i+2 : len(sig)-1])
	}
	return sig, ""
}

// tagName is the wire name a struct tag gives: the first of the json,
// query, header and form keys present.
func tagName(tag reflect.StructTag) string {
	for _, k := range []string{"json", "query", "header", "form"} {
		if v, ok := tag.Lookup(k); ok {
			name, _, _ := strings.Cut(v, ",")
			return k + ":" + name
		}
	}
	return ""
}

// origins maps the surface keys of a generated package to the JSON
// pointers of what they come from in the description: types and their
// fields to schemas and properties, enum constants to their enum, service
// methods to operations.
func origins(res *pipeline.Result) map[string]string {
	m := map[string]string{}
	pkg := res.Package
	if pkg == nil {
		return m
	}
	for _, t := range pkg.Types {
		ptr := t.Origin.Pointer
		if ptr == "" {
			continue
		}
		m[surface.KindType+" "+t.Name] = ptr
		for _, f := range t.Fields {
			fp := ptr
			if t.Kind == model.Struct && f.In == "" {
				fp = diag.Append(ptr, "properties", f.Wire)
			}
			m[surface.KindField+" "+t.Name+"."+f.Name] = fp
		}
		for _, v := range t.Values {
			m[surface.KindConst+" "+v.Name] = diag.Append(ptr, "enum")
		}
		for _, v := range t.Variants {
			m[surface.KindField+" "+t.Name+"."+v.Name] = ptr
		}
	}
	for _, s := range pkg.Services {
		for _, op := range s.Operations {
			m[surface.KindMethod+" (*"+s.TypeName+")."+op.Method] = op.Origin.Pointer
		}
	}
	return m
}
