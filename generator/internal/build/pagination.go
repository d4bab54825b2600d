package build

import (
	"fmt"
	"slices"
	"sync"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/specs"
)

// pagingTable is specs/pagination.yaml: operationId → style or "none", for
// the operations whose shape does not decide how they page.
var pagingTable = sync.OnceValues(func() (map[string]string, error) {
	data, err := specs.FS.ReadFile("pagination.yaml")
	if err != nil {
		return nil, err
	}
	var doc struct {
		Operations map[string]string `yaml:"operations"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("specs/pagination.yaml: %w", err)
	}
	for id, style := range doc.Operations {
		switch model.PagingStyle(style) {
		case model.PagingCursor, model.PagingSearch, model.PagingPage, model.PagingScroll, model.PagingLink, "none":
		default:
			return nil, fmt.Errorf("specs/pagination.yaml: %s: unknown style %q", id, style)
		}
	}
	return doc.Operations, nil
})

// detectPaging marks the paginated list and search operations (see
// specs/pagination.yaml for the rules) and names their iterator methods.
func (b *builder) detectPaging() error {
	table, err := pagingTable()
	if err != nil {
		return err
	}
	for _, svc := range b.pkg.Services {
		methods := map[string]bool{}
		for _, op := range svc.Operations {
			methods[op.Method] = true
		}
		for _, op := range svc.Operations {
			p := b.pagingOf(op, table)
			if p == nil {
				continue
			}
			p.PagesMethod, p.AllMethod = op.Method+"Pages", op.Method+"All"
			if methods[p.PagesMethod] || methods[p.AllMethod] {
				b.add(diag.Warning, "paging-name-taken", op.Origin.Pointer,
					fmt.Sprintf("%s pages, but %s or %s is the name of another operation, so it has no iterators", op.Method, p.PagesMethod, p.AllMethod),
					"give one of the operations another Go name with x-go-name")
				continue
			}
			methods[p.PagesMethod], methods[p.AllMethod] = true, true
			op.Paging = p
			if p.Style == model.PagingSearch {
				b.markSearchBody(op)
			}
		}
	}
	return nil
}

// pagingOf decides whether and how an operation pages.
func (b *builder) pagingOf(op *model.Operation, table map[string]string) *model.Paging {
	if op.Result.Kind != model.JSON || op.Result.Type == nil {
		return nil
	}
	style, source := model.PagingStyle(""), "shape"
	if s, ok := table[op.ID]; ok {
		if s == "none" {
			return nil
		}
		style, source = model.PagingStyle(s), "table"
	}
	query := map[string]bool{}
	if op.Params != nil {
		for _, f := range op.Params.Fields {
			if f.In == "query" {
				query[f.Wire] = true
			}
		}
	}
	link := style == model.PagingLink || (style == "" && b.linkHeaders[op])
	result := b.structOf(op.Result.Type)
	if result == nil {
		// An answer that is the list itself says nothing about the next
		// page: only a Link header can. It pages by Link when it declares
		// one, or when it takes a page number (GitHub's lists, whose
		// description leaves the header out of some): without the header
		// the iteration ends after the first page.
		if elem := b.listElem(op.Result.Type); elem != nil && (link || (style == "" && query["page"])) {
			return &model.Paging{Style: model.PagingLink, Param: "page", ItemType: elem, Source: source}
		}
		return nil
	}
	p := b.itemsOf(result)
	if p == nil {
		return nil
	}
	answer := wires(result)
	var body map[string]bool
	if op.Body != nil && !op.Body.Form && op.Body.Raw == "" {
		if t := b.structOf(op.Body.Type); t != nil {
			body = wires(t)
		}
	}

	if style == "" {
		switch {
		case body["pagination"]:
			style = model.PagingSearch
		case query["scroll_param"] || answer["scroll_param"]:
			style = model.PagingScroll
		case query["starting_after"]:
			style = model.PagingCursor
		case query["cursor"] && answer["next_cursor"]:
			p.Style, p.Param, p.Next, p.Source = model.PagingCursor, "cursor", "next_cursor", source
			return p
		case link:
			style = model.PagingLink
		case query["page"]:
			style = model.PagingPage
		case answer["pages"] && b.pagesHasCursor(result):
			style = model.PagingCursor
		default:
			return nil
		}
	}
	p.Style, p.Source = style, source
	switch style {
	case model.PagingCursor:
		p.Param, p.Next = "starting_after", "pages.next.starting_after"
	case model.PagingSearch:
		if body == nil || !body["pagination"] {
			return nil
		}
		p.Param, p.Next = "pagination.starting_after", "pages.next.starting_after"
	case model.PagingPage:
		p.Param, p.Next = "page", "pages.page"
	case model.PagingScroll:
		p.Param, p.Next = "scroll_param", "scroll_param"
	case model.PagingLink:
		p.Param = "page"
	}
	return p
}

// listElem is the element type of a list answer: a slice, or a named
// type (alias or defined) that is one.
func (b *builder) listElem(ref *model.TypeRef) *model.TypeRef {
	for range 8 {
		switch {
		case ref == nil:
			return nil
		case ref.Kind == model.Slice:
			return ref.Elem
		case ref.Kind != model.Named:
			return nil
		}
		t := b.types[ref.Name]
		if t == nil || (t.Kind != model.Alias && t.Kind != model.Defined) {
			return nil
		}
		ref = t.Target
	}
	return nil
}

// itemsOf finds the member holding a page's items: the only array member,
// or "data" among several.
func (b *builder) itemsOf(t *model.Type) *model.Paging {
	var arrays []*model.Field
	for _, f := range t.Fields {
		ref := f.Type
		if ref.Kind == model.Nullable {
			ref = ref.Elem
		}
		if b.sliceOf(ref) != nil {
			arrays = append(arrays, f)
		}
	}
	var items *model.Field
	switch {
	case len(arrays) == 1:
		items = arrays[0]
	case len(arrays) > 1:
		i := slices.IndexFunc(arrays, func(f *model.Field) bool { return f.Wire == "data" })
		if i < 0 {
			return nil
		}
		items = arrays[i]
	default:
		return nil
	}
	ref := items.Type
	nullable := ref.Kind == model.Nullable
	if nullable {
		ref = ref.Elem
	}
	if ref.Kind != model.Slice {
		// A named slice type: iterate over its elements all the same.
		ref = b.sliceOf(ref)
	}
	return &model.Paging{Items: items.Wire, ItemsField: items.Name, ItemType: ref.Elem, ItemsNullable: nullable}
}

// sliceOf returns the slice type a reference is or names, nil otherwise.
func (b *builder) sliceOf(ref *model.TypeRef) *model.TypeRef {
	for range 8 {
		if ref == nil {
			return nil
		}
		if ref.Kind == model.Slice {
			return ref
		}
		if ref.Kind != model.Named {
			return nil
		}
		t := b.types[ref.Name]
		if t == nil || (t.Kind != model.Alias && t.Kind != model.Defined) {
			return nil
		}
		if t.Kind == model.Defined {
			// A defined slice type cannot be indexed as its target
			// without a conversion; only aliases are followed.
			return nil
		}
		ref = t.Target
	}
	return nil
}

// structOf returns the struct a reference names, through aliases.
func (b *builder) structOf(ref *model.TypeRef) *model.Type {
	for range 8 {
		if ref == nil || ref.Kind != model.Named {
			return nil
		}
		t := b.types[ref.Name]
		switch {
		case t == nil:
			return nil
		case t.Kind == model.Struct:
			return t
		case t.Kind == model.Alias:
			ref = t.Target
		default:
			return nil
		}
	}
	return nil
}

// pagesHasCursor reports whether an answer's pages member has
// next.starting_after, the shape of cursor pagination.
func (b *builder) pagesHasCursor(result *model.Type) bool {
	pages := fieldByWire(result, "pages")
	if pages == nil {
		return false
	}
	pt := b.structOf(unNullable(pages.Type))
	if pt == nil {
		return false
	}
	next := fieldByWire(pt, "next")
	if next == nil {
		return false
	}
	nt := b.structOf(unNullable(next.Type))
	return nt != nil && fieldByWire(nt, "starting_after") != nil
}

// markSearchBody gives a search body type its SetQuery method, when its
// query member is where the runtime's SearchQuery can go.
func (b *builder) markSearchBody(op *model.Operation) {
	t := b.structOf(op.Body.Type)
	if t == nil || t.QueryField != "" {
		return
	}
	q := fieldByWire(t, "query")
	if q == nil || slices.ContainsFunc(t.Fields, func(f *model.Field) bool { return f.Name == "SetQuery" }) {
		return
	}
	t.QueryField = q.Name
}

func wires(t *model.Type) map[string]bool {
	m := make(map[string]bool, len(t.Fields))
	for _, f := range t.Fields {
		m[f.Wire] = true
	}
	return m
}

func fieldByWire(t *model.Type, wire string) *model.Field {
	for _, f := range t.Fields {
		if f.Wire == wire {
			return f
		}
	}
	return nil
}

func unNullable(ref *model.TypeRef) *model.TypeRef {
	if ref != nil && (ref.Kind == model.Nullable || ref.Kind == model.Pointer) {
		return ref.Elem
	}
	return ref
}
