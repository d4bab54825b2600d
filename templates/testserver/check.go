package testserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// route finds the operation answering method and path (escaped, as sent)
// and the values of its path parameters. Where templates overlap
// (/contacts/search and /contacts/{id}), a literal segment wins over a
// parameter at the first position they differ, as in Intercom's router.
func (a *api) route(method, path string) (*operation, map[string]string) {
	got := segments(path)
	var best *operation
	var bestParams map[string]string
	var bestScore []bool
	for _, op := range a.operations {
		if op.method != method {
			continue
		}
		tmpl := segments(op.path)
		if len(tmpl) != len(got) {
			continue
		}
		params, score, ok := matchSegments(tmpl, got)
		if ok && (best == nil || better(score, bestScore)) {
			best, bestParams, bestScore = op, params, score
		}
	}
	return best, bestParams
}

// matchSegments matches a path against a template segment by segment; a
// segment may hold one parameter between literal text ("{id}.json").
// score marks the literal segments.
func matchSegments(tmpl, got []string) (map[string]string, []bool, bool) {
	params := map[string]string{}
	score := make([]bool, len(tmpl))
	for i, t := range tmpl {
		open, close := strings.IndexByte(t, '{'), strings.IndexByte(t, '}')
		if open < 0 || close < open {
			if t != got[i] {
				return nil, nil, false
			}
			score[i] = true
			continue
		}
		prefix, suffix := t[:open], t[close+1:]
		if len(got[i]) <= len(prefix)+len(suffix) || !strings.HasPrefix(got[i], prefix) || !strings.HasSuffix(got[i], suffix) {
			return nil, nil, false
		}
		v, err := url.PathUnescape(got[i][len(prefix) : len(got[i])-len(suffix)])
		if err != nil {
			return nil, nil, false
		}
		params[t[open+1:close]] = v
	}
	return params, score, true
}

func better(a, b []bool) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i]
		}
	}
	return false
}

// checkQuery checks the query parameters the way Intercom does: each
// required one is present, and each value is of the parameter's type and
// one of its enum's values. Each problem is a parameter_invalid error
// naming the parameter.
func (a *api) checkQuery(op *operation, q url.Values) []Error {
	return a.checkValues(op.query, q)
}

// checkValues checks the values of query parameters or of the fields of a
// URL-encoded form, as checkQuery says.
func (a *api) checkValues(params []queryParam, q url.Values) []Error {
	var errs []Error
	for _, p := range params {
		vals, ok := q[p.name]
		if !ok {
			if p.required {
				errs = append(errs, Error{Code: "parameter_invalid", Field: p.name, Message: p.name + " is required"})
			}
			continue
		}
		typ := p.typ
		var items []string
		if elem, isList := strings.CutPrefix(typ, "[]"); isList {
			typ = elem
			for _, v := range vals {
				items = append(items, strings.Split(v, ",")...)
			}
		} else {
			items = vals
		}
		for _, v := range items {
			a.checkQueryValue(typ, v, p.name, &errs)
		}
	}
	return errs
}

// checkQueryValue checks one query value, which is text: numbers and
// booleans must parse, enum values must be known.
func (a *api) checkQueryValue(typ, v, name string, errs *[]Error) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, Error{Code: "parameter_invalid", Field: name, Message: name + " " + fmt.Sprintf(format, args...)})
	}
	switch typ {
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			fail("must be an integer, not %q", v)
		}
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			fail("must be a number, not %q", v)
		}
	case "boolean":
		if v != "true" && v != "false" {
			fail("must be true or false, not %q", v)
		}
	default:
		if s := a.schemas[typ]; s != nil && s.kind == kindEnum {
			for _, e := range s.enum {
				if e == v {
					return
				}
			}
			fail("%q is not one of %s", v, strings.Join(s.enum, ", "))
		}
	}
}

// checkBody checks a JSON request body the way Intercom does (valid JSON,
// the right types, required fields present, enum values known) and then
// decodes it into the operation's request type. Each problem is a
// parameter_invalid error naming its field.
func (a *api) checkBody(op *operation, raw []byte) (any, []Error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	if err == nil && dec.More() {
		err = errors.New("more than one value")
	}
	if err != nil {
		return nil, []Error{{Code: "parameter_invalid", Message: "the request body is not valid JSON: " + err.Error()}}
	}
	var errs []Error
	a.check(op.body, v, "", &errs)
	if len(errs) > 0 {
		return nil, errs
	}
	if op.decode == nil {
		return v, nil
	}
	decoded, err := op.decode(raw)
	if err != nil {
		e := Error{Code: "parameter_invalid", Message: err.Error()}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			e.Field = typeErr.Field
		}
		return nil, []Error{e}
	}
	return decoded, nil
}

// check appends an error for each way v does not fit the type expression
// typ; path names v in messages ("" for the whole body). null fits
// anything: Intercom treats it as leaving a field out.
func (a *api) check(typ string, v any, path string, errs *[]Error) {
	if v == nil {
		return
	}
	fail := func(format string, args ...any) {
		field := path
		if field == "" {
			field = "body"
		}
		*errs = append(*errs, Error{Code: "parameter_invalid", Field: path, Message: field + " " + fmt.Sprintf(format, args...)})
	}
	switch {
	case typ == "" || typ == "any":
	case typ == "string":
		// Intercom takes a number where it documents a string ID, as
		// the descriptions' own examples do ("admin_id": 123).
		switch v.(type) {
		case string, json.Number:
		default:
			fail("must be a string, not %s", kindOf(v))
		}
	case typ == "boolean":
		if _, ok := v.(bool); !ok {
			fail("must be a boolean, not %s", kindOf(v))
		}
	case typ == "number", typ == "integer":
		// And a number written as a string ("id": "1234"), likewise.
		n, ok := v.(json.Number)
		if str, isStr := v.(string); isStr {
			n, ok = json.Number(str), true
			if _, err := n.Float64(); err != nil {
				fail("must be a number, not the string %q", str)
				return
			}
		}
		if !ok {
			fail("must be a number, not %s", kindOf(v))
			return
		}
		if typ == "integer" {
			if _, err := strconv.ParseInt(n.String(), 10, 64); err != nil {
				if f, err := n.Float64(); err != nil || f != float64(int64(f)) {
					fail("must be an integer, not %s", n)
				}
			}
		}
	case strings.HasPrefix(typ, "[]"):
		list, ok := v.([]any)
		if !ok {
			fail("must be an array, not %s", kindOf(v))
			return
		}
		for i, e := range list {
			a.check(typ[2:], e, fmt.Sprintf("%s[%d]", path, i), errs)
		}
	case strings.HasPrefix(typ, "map[string]"):
		m, ok := v.(map[string]any)
		if !ok {
			fail("must be an object, not %s", kindOf(v))
			return
		}
		for k, e := range m {
			a.check(typ[len("map[string]"):], e, join(path, k), errs)
		}
	default:
		s := a.schemas[typ]
		if s == nil {
			return
		}
		switch s.kind {
		case kindEnum:
			str, ok := v.(string)
			if !ok {
				fail("must be a string, not %s", kindOf(v))
				return
			}
			for _, e := range s.enum {
				if e == str {
					return
				}
			}
			fail("%q is not one of %s", str, strings.Join(s.enum, ", "))
		case kindObject:
			m, ok := v.(map[string]any)
			if !ok {
				fail("must be an object, not %s", kindOf(v))
				return
			}
			for _, name := range s.required {
				if _, ok := m[name]; !ok {
					*errs = append(*errs, Error{Code: "parameter_invalid", Field: join(path, name), Message: join(path, name) + " is required"})
				}
			}
			for name, e := range m {
				if t, ok := s.props[name]; ok {
					a.check(t, e, join(path, name), errs)
				}
			}
		case kindUnion:
			for _, variant := range s.variants {
				var scratch []Error
				a.check(variant, v, path, &scratch)
				if len(scratch) == 0 {
					return
				}
			}
			fail("matches none of %s", strings.Join(s.variants, ", "))
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// kindOf names a decoded JSON value's kind for messages.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "null"
}
