package render

import (
	"fmt"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// iterators writes the Pages and All methods of a paginated operation,
// whose call is c.
// They are thin: the paging loop is the runtime's pageSeq and itemSeq, so
// each operation adds two small functions to the compiled package.
func (e *emitter) iterators(s *goSource, svc *model.Service, op *model.Operation, c call) {
	p := op.Paging
	// A page is what the method returns: a pointer to a struct, or a list
	// answer itself.
	page := s.typeRef(op.Result.Type)
	if op.Result.Pointer {
		page = "*" + page
	}
	item := s.typeRef(p.ItemType)
	s.importPath("iter", "")
	recv := "func (s *" + svc.TypeName + ") "

	s.topDoc(paragraphs(
		fmt.Sprintf("%s calls %s for every page of results and yields the pages in order, %s. "+
			"The first request is exactly the one %s would send.", p.PagesMethod, op.Method, pagingHow(p), op.Method),
		"The iteration ends after the last page, after yielding an error (once, with a nil page), or as soon "+
			"as the loop breaks; nothing is fetched ahead. Each page is one call, with the options' retries."))
	s.line(recv, p.PagesMethod, "(", c.params, ") iter.Seq2[", page, ", error] {")
	s.line("\treturn pageSeq[", page, "](ctx, s.core, ", c.request, ", ", pagingText(p), ", opts)")
	s.line("}")
	s.line()

	// The loop over a page's items is written out here rather than in a
	// generic runtime helper: a helper would be compiled once per item type.
	list := "p"
	if p.ItemsField != "" {
		list += "." + p.ItemsField
	}
	if p.ItemsNullable {
		list += ".Value()"
	}
	member := ""
	if p.Items != "" {
		member = " (the " + p.Items + " member)"
	}
	s.topDoc(paragraphs(
		fmt.Sprintf("%s yields every %s of every page of %s%s, fetching pages as the loop needs them; "+
			"see %s.", p.AllMethod, p.ItemType, op.Method, member, p.PagesMethod),
		"Items are pointers into their page; an error is yielded once, with a nil item, and ends the iteration."))
	s.line(recv, p.AllMethod, "(", c.params, ") iter.Seq2[*", item, ", error] {")
	s.line("\treturn itemSeq(s.", p.PagesMethod, "(", c.args, "), func(p ", page, ", yield func(*", item, ") bool) bool {")
	s.line("\t\titems := ", list)
	s.line("\t\tfor i := range items {")
	s.line("\t\t\tif !yield(&items[i]) {")
	s.line("\t\t\t\treturn false")
	s.line("\t\t\t}")
	s.line("\t\t}")
	s.line("\t\treturn true")
	s.line("\t})")
	s.line("}")
	s.line()
}

// pagingHow says in words how the pages are requested.
func pagingHow(p *model.Paging) string {
	switch p.Style {
	case model.PagingSearch:
		return fmt.Sprintf("sending the cursor each answer gives in %s as %s in the request body (the body "+
			"passed in is not modified)", p.Next, p.Param)
	case model.PagingPage:
		return fmt.Sprintf("asking for the next %s number until pages.page reaches pages.total_pages", p.Param)
	case model.PagingScroll:
		return fmt.Sprintf("sending the %s each answer gives until a batch comes back empty", p.Param)
	case model.PagingLink:
		return "requesting the URL each answer's Link header names as rel=\"next\" (RFC 8288) until there is none; " +
			"a link to another host than the client's base URL is not followed (the credentials stay there), " +
			"and a link to a page already fetched is an error"
	}
	return fmt.Sprintf("sending the cursor each answer gives in %s as the %s query parameter", p.Next, p.Param)
}

// pageStyles names each style's constant in the runtime and in the test
// package.
var pageStyles = map[model.PagingStyle]string{
	model.PagingCursor: "pageCursor", model.PagingSearch: "pageSearch",
	model.PagingPage: "pageNumber", model.PagingScroll: "pageScroll", model.PagingLink: "pageLink",
}

// pagingText is the paging value of an operation, as the runtime and
// the test package both spell it.
func pagingText(p *model.Paging) string {
	text := "paging{style: " + pageStyles[p.Style]
	for _, f := range [][2]string{{"param", p.Param}, {"next", p.Next}, {"items", p.Items}} {
		if f[1] != "" {
			text += ", " + f[0] + ": " + strconv.Quote(f[1])
		}
	}
	return text + "}"
}

// setQuery writes the SetQuery method of a search request body.
func (e *emitter) setQuery(s *goSource, t *model.Type) {
	s.topDoc(fmt.Sprintf("SetQuery checks q against Intercom's search rules (see SearchQuery) and sets it as "+
		"the request's %s; on error the request is left without a query.", t.QueryField))
	s.line("func (v *", t.Name, ") SetQuery(q SearchQuery) error {")
	s.line("\treturn setSearchQuery(&v.", t.QueryField, ", q)")
	s.line("}")
	s.line()
}

// webhooksFile registers the models webhook items decode into.
func (e *emitter) webhooksFile(f *jen.File) {
	f.Comment("The models ParseNotification decodes a notification's data.item into, by the item's type.")
	f.Func().Id("init").Params().Block(
		jen.Id("webhookModels").Op("=").Map(jen.String()).Func().Params().Any().Values(jen.DictFunc(func(d jen.Dict) {
			for _, m := range e.pkg.WebhookModels {
				d[jen.Lit(m.ItemType)] = jen.Func().Params().Any().Block(jen.Return(jen.New(jen.Id(m.Type))))
			}
		})),
	)
}
