package loader

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// The path-parameter rules make an operation's parameters agree with its
// path template, which OpenAPI requires and a client needs: every {name}
// must be a path parameter to be filled in, and a path parameter that is not
// in the template cannot be sent. Intercom's 2.14+ descriptions declare
// {job_identifier} `in: query` on one download path and not at all on
// another.

// param is one entry of a parameters list.
type param struct {
	list  *yaml.Node // the sequence
	idx   int
	entry *yaml.Node // the entry as written (maybe a $ref)
	p     *yaml.Node // the parameter itself (the $ref followed)
	ptr   string
}

func (p param) name() string { return scalarValue(mapGet(p.p, "name")) }
func (p param) in() string   { return scalarValue(mapGet(p.p, "in")) }
func (p param) viaRef() bool { return p.entry != p.p }

// params lists the parameters of an operation or path item.
func params(top, owner *yaml.Node, ownerPtr string) []param {
	list := mapGet(owner, "parameters")
	if list == nil || list.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]param, 0, len(list.Content))
	for i, e := range list.Content {
		e = resolve(e)
		p := e
		if ref := scalarValue(mapGet(e, "$ref")); strings.HasPrefix(ref, "#/") {
			p = refTarget(top, ref)
		}
		if p == nil || p.Kind != yaml.MappingNode {
			continue
		}
		out = append(out, param{list: list, idx: i, entry: e, p: p, ptr: ownerPtr + "/parameters/" + strconv.Itoa(i)})
	}
	return out
}

func find(lists [][]param, name, in string) (param, bool) {
	for _, list := range lists {
		for _, p := range list {
			if p.name() == name && p.in() == in {
				return p, true
			}
		}
	}
	return param{}, false
}

// repairPathParams applies path-param-location, undeclared-path-param and
// unused-path-param to every path item.
func (l *load) repairPathParams(top *yaml.Node) {
	paths := mapGet(top, "paths")
	if paths == nil || paths.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(paths.Content); i += 2 {
		path := paths.Content[i].Value
		itemPtr := diag.Pointer("paths", path)
		if msg, hint := badTemplate(path); msg != "" && !isExtension(path) {
			// No client can fill in such a path: its operations are left
			// out, the rest of the description is generated.
			l.add(diag.Warning, paths.Content[i], "path-template", itemPtr, msg+"; its operations are left out", hint)
			paths.Content = append(paths.Content[:i:i], paths.Content[i+2:]...)
			i -= 2
			continue
		}
		item := resolve(paths.Content[i+1])
		if isExtension(path) || item == nil || item.Kind != yaml.MappingNode || mapIndex(item, "$ref") >= 0 {
			continue
		}
		vars := templateVars(path)
		for j := 0; j+1 < len(item.Content); j += 2 {
			method, op := item.Content[j].Value, resolve(item.Content[j+1])
			if isMethod(method) && op != nil && op.Kind == yaml.MappingNode {
				l.operationPathParams(top, item, op, vars, itemPtr, itemPtr+"/"+method)
			}
		}
		if l.rule(RuleUnusedPathParam).Enabled {
			l.dropUnusedPathParams(top, item, vars, itemPtr)
		}
	}
}

func (l *load) operationPathParams(top, item, op *yaml.Node, vars []string, itemPtr, opPtr string) {
	for _, v := range vars {
		// Listed fresh for each name: an earlier repair may have changed
		// the lists.
		lists := [][]param{params(top, op, opPtr), params(top, item, itemPtr)}
		if _, ok := find(lists, v, "path"); ok {
			continue
		}
		if q, ok := find(lists, v, "query"); ok && l.rule(RulePathParamLocation).Enabled {
			l.moveToPath(q, v)
			continue
		}
		if l.rule(RuleUndeclaredPathParam).Enabled {
			l.declarePathParam(op, v, opPtr)
		}
	}
}

// moveToPath makes the query parameter q the path parameter it is meant to
// be. A parameter reached through a $ref is copied in place of the
// reference, so other users of the component keep their query parameter.
func (l *load) moveToPath(q param, name string) {
	p := q.p
	if q.viaRef() {
		p = clone(q.p, q.entry)
		q.list.Content[q.idx] = p
	}
	in := mapGet(p, "in")
	mapSet(p, "in", strNode("path", in), q.entry)
	mapSet(p, "required", trueNode(in), q.entry)
	l.repair(q.entry, RulePathParamLocation, q.ptr,
		fmt.Sprintf("parameter %q is declared in: query, but {%s} is in the path template; it was made a required path parameter", name, name))
}

// declarePathParam adds the path parameter the template names and no
// parameter declares. Its schema is configurable (default: string, what
// any path segment is).
func (l *load) declarePathParam(op *yaml.Node, name, opPtr string) {
	list := mapGet(op, "parameters")
	if list == nil || list.Kind != yaml.SequenceNode {
		list = seqNode(op)
		mapSet(op, "parameters", list, op)
	}
	schema := l.rule(RuleUndeclaredPathParam).Schema
	if schema == nil {
		schema = mapNode(nil, strNode("type", nil), strNode("string", nil))
	}
	list.Content = append(list.Content, mapNode(op,
		strNode("name", op), strNode(name, op),
		strNode("in", op), strNode("path", op),
		strNode("required", op), trueNode(op),
		strNode("schema", op), clone(schema, op)))
	l.repair(op, RuleUndeclaredPathParam, opPtr,
		fmt.Sprintf("{%s} is in the path template but no parameter declares it; a required path parameter %q was added", name, name))
}

// dropUnusedPathParams removes `in: path` parameters, at operation or path
// item level, whose name the template lacks. Pointers name the entries as
// written, before any removal.
func (l *load) dropUnusedPathParams(top, item *yaml.Node, vars []string, itemPtr string) {
	owners := []*yaml.Node{item}
	ptrs := []string{itemPtr}
	for j := 0; j+1 < len(item.Content); j += 2 {
		if op := resolve(item.Content[j+1]); isMethod(item.Content[j].Value) && op != nil && op.Kind == yaml.MappingNode {
			owners = append(owners, op)
			ptrs = append(ptrs, itemPtr+"/"+item.Content[j].Value)
		}
	}
	for k, owner := range owners {
		var drop []param
		for _, p := range params(top, owner, ptrs[k]) {
			if p.in() == "path" && !slices.Contains(vars, p.name()) {
				drop = append(drop, p)
			}
		}
		for n := len(drop) - 1; n >= 0; n-- {
			p := drop[n]
			p.list.Content = slices.Delete(p.list.Content, p.idx, p.idx+1)
		}
		for _, p := range drop {
			l.repair(p.entry, RuleUnusedPathParam, p.ptr,
				fmt.Sprintf("path parameter %q is not in the path template, so it cannot be sent; it was removed", p.name()))
		}
	}
}

// badTemplate says what is wrong with a path template, if anything: it
// must start with "/", and each { must close with } around a name before
// the next { or /.
func badTemplate(path string) (msg, hint string) {
	if !strings.HasPrefix(path, "/") {
		return fmt.Sprintf("path %q does not start with /", path), "paths are relative to the server URL and start with /"
	}
	open := -1
	for i, r := range path {
		switch {
		case r == '{' && open >= 0, r == '/' && open >= 0:
			return fmt.Sprintf("path %q has a { without its }", path), "close each template expression: /items/{id}"
		case r == '{':
			open = i
		case r == '}' && open < 0:
			return fmt.Sprintf("path %q has a } without its {", path), "write template expressions as {name}"
		case r == '}':
			if i == open+1 {
				return fmt.Sprintf("path %q has an empty {}", path), "name the parameter: /items/{id}"
			}
			open = -1
		}
	}
	if open >= 0 {
		return fmt.Sprintf("path %q has a { without its }", path), "close each template expression: /items/{id}"
	}
	return "", ""
}

// templateVars returns the {names} of a path template, in order, once each.
func templateVars(path string) []string {
	var vars []string
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			return vars
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			return vars
		}
		if v := path[i+1 : i+j]; !slices.Contains(vars, v) {
			vars = append(vars, v)
		}
		path = path[i+j+1:]
	}
}
