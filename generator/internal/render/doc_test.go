package render

import (
	"go/format"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
)

// TestHostileDocStaysInComment renders descriptions crafted to escape a
// comment and checks, with go/parser, that the file declares exactly what
// it should: nothing in the text may become code, a directive or a
// second declaration.
func TestHostileDocStaysInComment(t *testing.T) {
	hostile := []string{
		"ends the comment */ func Evil() {}",
		"line one\n//go:generate rm -rf /\npackage main",
		"\n*/ import \"os\"\n/*",
		"unicode line separator\u2028func Evil() {}",
		"paragraph separator\u2029var Evil = 1",
		"nul\x00byte and bom\ufeff and bidi \u202e override",
		"carriage\rreturn func Evil() {}",
		"`backticks` and \"quotes\" and \\ backslashes",
		"{% admonition type=\"info\" %}\nkept text\n{% /admonition %}",
	}
	for _, text := range hostile {
		f := jen.NewFile("x")
		writeDoc(f.Group, text)
		f.Type().Id("Safe").Struct()
		var b strings.Builder
		if err := f.Render(&b); err != nil {
			t.Fatalf("%q: render: %v", text, err)
		}
		src := b.String()
		file, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("%q: output does not parse: %v\n%s", text, err, src)
		}
		if len(file.Decls) != 1 || len(file.Imports) != 0 || file.Name.Name != "x" {
			t.Fatalf("%q: unexpected declarations:\n%s", text, src)
		}
		for _, line := range strings.Split(src, "\n") {
			if strings.HasPrefix(line, "//go:") {
				t.Fatalf("%q: produced a directive line %q", text, line)
			}
		}
		if strings.ContainsAny(src, "\x00\ufeff\u202e\u2028\u2029\r") {
			t.Fatalf("%q: control characters survived:\n%q", text, src)
		}
	}
}

func TestDocLines(t *testing.T) {
	text := "First line.</br>Second line.\n\n\n  Indented in Markdown, not code.\n```json\n{\"a\": 1}\n```\nAfter."
	got := docLines(text)
	want := []string{"First line.", "Second line.", "", "Indented in Markdown, not code.", "", "\t{\"a\": 1}", "", "After."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

func TestWrap(t *testing.T) {
	long := strings.Repeat("word ", 40)
	for _, l := range wrap(strings.TrimSpace(long)) {
		if len(l) > wrapWidth {
			t.Fatalf("line longer than %d: %q", wrapWidth, l)
		}
	}
	url := "see https://example.com/" + strings.Repeat("x", 150)
	if got := wrap(url); len(got) != 2 || got[1] != url[4:] {
		t.Fatalf("an unbreakable word must stay whole: %q", got)
	}
}

func TestLowerFirstAndArticle(t *testing.T) {
	for in, want := range map[string]string{"Create a contact": "create a contact", "AI content": "AI content", "x": "x", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q", in, got)
		}
	}
	if article("Admin") != "an" || article("Contact") != "a" {
		t.Error("article")
	}
}

// TestPlainTextNeedsNoSanitizing checks the fast path of cleanText: text
// plainText accepts is left as it is by sanitize. (It may refuse text that
// sanitize would leave alone too, such as accented letters: that only
// costs time.)
func TestPlainTextNeedsNoSanitizing(t *testing.T) {
	samples := []string{
		"plain words", "two\nlines\n\n", "trailing space   \nnext ", "{ \"json\": [1, 2] }",
		"percent % and brace { apart", "ends with {", "ends with <", "a <br> break", "a <b>bold</b> word",
		"tab\there", "cr\r\nlf", "nul\x00", "del\x7f", "caf\u00e9", "bidi \u202e", "{% tag %}", "{%",
		"\xff invalid", "line\u2028sep", "\u0085next", "zero\u200dwidth joiner",
	}
	// Every string of up to three bytes over an alphabet that holds each
	// kind of byte plainText decides on.
	alphabet := []byte{'a', ' ', '\n', '\t', '\r', '<', '{', '%', '}', 0, 0x7f, 0xc3, 0xa9}
	var grow func(prefix []byte)
	grow = func(prefix []byte) {
		samples = append(samples, string(prefix))
		if len(prefix) == 3 {
			return
		}
		for _, c := range alphabet {
			grow(append(prefix[:len(prefix):len(prefix)], c))
		}
	}
	grow(nil)
	plain := 0
	for _, s := range samples {
		if plainText(s) {
			plain++
			if got := sanitize(s); got != s {
				t.Errorf("plainText(%q) but sanitize changes it to %q", s, got)
			}
		}
	}
	if plain == 0 || plain == len(samples) {
		t.Fatalf("plainText accepted %d of %d samples: the samples do not exercise it", plain, len(samples))
	}
}

// TestDocLinesGoSyntax: Markdown structure becomes Go doc structure, and
// the comment is already in the form gofmt gives it (gofmt would otherwise
// rewrite generated files, and check mode would see them stale).
func TestDocLinesGoSyntax(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"bullets after a paragraph", "You can merge:\n* a lead into a user\n* two users\nwhich keeps the user.\n\nDone.",
			[]string{"You can merge:", "  - a lead into a user", "  - two users", "    which keeps the user.", "", "Done."}},
		{"numbered, indented", "Steps:\n\n  1. first\n  2. second\n\nThen.",
			[]string{"Steps:", " 1. first", " 2. second", "", "Then."}},
		{"dash list then text after a blank", "- one\n- two\n\nText.",
			[]string{"  - one", "  - two", "", "Text."}},
		{"links", "See the [pagination section](https://example.com/p#x) and [Scroll API](https://example.com/s).\nAgain the [pagination section](https://example.com/p#x).",
			[]string{"See the [pagination section] and [Scroll API].", "Again the [pagination section].", "", "[pagination section]: https://example.com/p#x", "[Scroll API]: https://example.com/s"}},
		{"one text, two URLs", "[docs](https://a.example) or [docs](https://b.example)",
			[]string{"[docs] or docs (https://b.example)", "", "[docs]: https://a.example"}},
		{"heading", "Intro.\n### Merging rules\nText.",
			[]string{"Intro.", "", "# Merging rules", "", "Text."}},
		{"heading Go cannot show", "## note: lower case, punctuation.\nText.",
			[]string{"note: lower case, punctuation.", "Text."}},
		{"table", "Fields:\n| name | type |\n|---|---|\n| id | string |\nEnd.",
			[]string{"Fields:", "", "\t| name | type |", "\t|---|---|", "\t| id | string |", "", "End."}},
		{"bullets then numbers", "Items:\n- a\n1. b\n\n2. c", []string{"Items:", "  - a", "  - 1. b", "  - 2. c"}},
		{"numbers renumbered", "Items:\n1. a\n1. b\n- c", []string{"Items:", " 1. a", " 2. b", " 3. c"}},
		// A comment that is only a list has no unindented line to set
		// the list off: Go reads it as text, and so the lines say.
		{"code after a list", "Do:\n- a\n- b\n```\nx := 1\n```\nDone.", []string{"Do:", "- a", "- b", "", "\tx := 1", "", "Done."}},
		{"only a list", "- a\n- b", []string{"- a", "- b"}},
		{"bold is not a list", "** Important ** text", []string{"** Important ** text"}},
	}
	for _, c := range cases {
		got := docLines(c.text)
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s:\ngot  %q\nwant %q", c.name, got, c.want)
		}
		assertGofmtStable(t, c.name, got)
	}
	long := "Intro:\n- " + strings.Repeat("word ", 40) + "\n1. " + strings.Repeat("other ", 30)
	assertGofmtStable(t, "long items", docLines(long))
}

// assertGofmtStable checks that a comment made of lines is left as it is
// by gofmt, as the doc comment of a declaration.
func assertGofmtStable(t *testing.T, name string, lines []string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("package p\n\n")
	for _, l := range lines {
		b.WriteString(commentLine(l) + "\n")
	}
	b.WriteString("func F() {}\n")
	got, err := format.Source([]byte(b.String()))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if string(got) != b.String() {
		t.Errorf("%s: gofmt rewrites the comment:\n%s\nto\n%s", name, b.String(), got)
	}
}
