package build_test

import (
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// A Link response header, or a page number on an answer that is the list
// itself, makes an operation page by Link header (RFC 8288).
func TestLinkPaging(t *testing.T) {
	const linkHeader = `headers: {Link: {schema: {type: string}}}, `
	const pageParam = `parameters: [{name: page, in: query, schema: {type: integer}}, {name: per_page, in: query, schema: {type: integer}}]`
	op := func(path, id, params, headers, schema string) string {
		s := "  " + path + ":\n    get:\n      operationId: " + id + "\n      tags: [repos]\n"
		if params != "" {
			s += "      " + params + "\n"
		}
		return s + "      responses: {'200': {description: ok, " + headers + "content: {application/json: {schema: " + schema + "}}}}\n"
	}
	paths := op("/a", "repos/list-declared", "", linkHeader, "{type: array, items: {$ref: '#/components/schemas/repo'}}") +
		op("/b", "repos/list-numbered", pageParam, "", "{$ref: '#/components/schemas/repo_list'}") +
		op("/c", "repos/search", pageParam, "", "{type: object, properties: {total_count: {type: integer}, items: {type: array, items: {$ref: '#/components/schemas/repo'}}}}") +
		op("/d", "repos/list-object", "", linkHeader, "{type: object, properties: {total_count: {type: integer}, repositories: {type: array, items: {$ref: '#/components/schemas/repo'}}}}") +
		op("/e", "repos/list-pages", pageParam, linkHeader, "{type: object, properties: {pages: {type: object}, data: {type: array, items: {$ref: '#/components/schemas/repo'}}}}") +
		op("/f", "repos/list-counted", pageParam, "", "{type: object, properties: {total_pages: {type: integer}, data: {type: array, items: {$ref: '#/components/schemas/repo'}}}}") +
		op("/g", "repos/list-all", "", "", "{type: array, items: {$ref: '#/components/schemas/repo'}}") +
		op("/h", "repos/get", "", linkHeader, "{$ref: '#/components/schemas/repo'}")
	pkg, diags := buildSpec(t, paths, `    repo:
      type: object
      properties:
        id: {type: string}
    repo_list:
      type: array
      items: {$ref: '#/components/schemas/repo'}
`)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	type want struct {
		style       model.PagingStyle
		items, item string
	}
	wants := map[string]*want{
		"ListDeclared": {model.PagingLink, "", "Repo"},
		"ListNumbered": {model.PagingLink, "", "Repo"},      // a named list
		"Search":       {model.PagingPage, "items", "Repo"}, // the runtime reads the number from a Link header
		"ListObject":   {model.PagingLink, "repositories", "Repo"},
		"ListPages":    {model.PagingLink, "data", "Repo"}, // the header wins over the page number
		"ListCounted":  {model.PagingPage, "data", "Repo"},
		"ListAll":      nil, // everything at once
		"Get":          nil, // no list in the answer
	}
	for _, svc := range pkg.Services {
		for _, op := range svc.Operations {
			w, ok := wants[op.Method]
			if !ok {
				t.Errorf("unexpected method %s", op.Method)
				continue
			}
			p := op.Paging
			switch {
			case w == nil && p != nil:
				t.Errorf("%s pages (%s)", op.Method, p.Style)
			case w == nil:
			case p == nil:
				t.Errorf("%s does not page", op.Method)
			case p.Style != w.style || p.Items != w.items || p.ItemType.String() != w.item || p.PagesMethod != op.Method+"Pages":
				t.Errorf("%s: %s items %q of %s (%s), want %s items %q of %s", op.Method, p.Style, p.Items, p.ItemType, p.PagesMethod, w.style, w.items, w.item)
			case p.Style == model.PagingLink && p.Param != "page":
				t.Errorf("%s: param %q", op.Method, p.Param)
			}
			delete(wants, op.Method)
		}
	}
	for m := range wants {
		t.Errorf("no method %s", m)
	}
}
