package render

import (
	"go/doc/comment"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// wrapWidth is where doc comment lines are wrapped (text only, after "// ").
const wrapWidth = 96

var (
	htmlBreak    = regexp.MustCompile(`(?i)<\s*/?\s*br\s*/?\s*>`)
	templateTags = regexp.MustCompile(`\{%[^%]*%\}`)
)

// cleanText makes description text safe and plain for a Go comment: it
// removes what Go source may not contain (NUL, BOM, other control
// characters), turns every kind of line break into "\n", drops HTML line
// breaks and template tags, and trims trailing space. The text can then
// only ever sit after "// " on its own line, so nothing in it (a "*/", a
// "//go:generate", a "package main") can leave the comment.
func cleanText(s string) string {
	if s == "" {
		return ""
	}
	if !plainText(s) {
		s = sanitize(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// sanitize is cleanText less the trimming: it replaces invalid UTF-8,
// unifies line breaks, drops HTML breaks, template tags, control and format
// characters, and expands tabs.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = lineBreaks.Replace(s)
	if strings.Contains(s, "<") {
		s = htmlBreak.ReplaceAllString(s, "\n")
	}
	if strings.Contains(s, "{%") {
		s = templateTags.ReplaceAllString(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString("    ")
		case r == '\uFEFF' || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u200d':
			// Control and format characters (bidi overrides included)
			// would make the comment say something other than it shows.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineBreaks turns every kind of line break into "\n".
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\u0085", "\n")

// plainText reports whether s is printable ASCII and line feeds with
// nothing sanitize would change (it is its own output): most descriptions
// are, and skip that work.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
		case c < 0x20 || c > 0x7e || c == '<':
			return false
		case c == '{' && i+1 < len(s) && s[i+1] == '%':
			return false
		}
	}
	return true
}

// docLines turns cleaned description text (Markdown, as OpenAPI says)
// into the lines of a Go doc comment, in Go's own doc syntax, so that go
// doc and pkg.go.dev show its structure:
//
//   - fenced code and Markdown tables become indented code blocks;
//   - bullet and numbered list items become Go doc list items ("  - ",
//     " 1. "), their continuation lines indented under them;
//   - "# Heading" lines become Go doc headings when Go can read them as one
//     (a capitalised line without final punctuation), else plain text;
//   - inline links [text](url) become doc links [text], with their
//     definitions at the end of the comment;
//   - every other line loses its indentation, which Markdown ignores but Go
//     would read as code; long lines are wrapped at word boundaries and runs
//     of blank lines collapse to one.
func docLines(text string) []string {
	lines, _ := docLinesCanonical(text)
	return lines
}

// docLinesCanonical is docLines, and whether the lines are canonical's
// already (gofmt's layout, which a comment with structure is given).
func docLinesCanonical(text string) ([]string, bool) {
	text = cleanText(text)
	if text == "" {
		return nil, false
	}
	links := &linkDefs{}
	var out []string
	blank := false
	// block is what the previous line was part of: a list item, code or
	// a paragraph. Go ends a list or a code block at the first line that
	// does not continue it, and gofmt then puts a blank line there.
	const (
		inPara = iota
		inList
		inCode
	)
	// structured is set once a line is a list item, code or a heading:
	// only then can gofmt lay the comment out other than as written.
	structured := false
	block := inPara
	listStart := 0 // where the current list starts in out
	emit := func(kind int, lines ...string) {
		structured = structured || kind != inPara || strings.HasPrefix(lines[0], "# ")
		if kind == inCode && block == inList {
			// Go continues a list through every indented line after
			// it, so a code block cannot follow one: the list is
			// written as plain lines instead.
			for i := listStart; i < len(out); i++ {
				out[i] = strings.TrimLeft(out[i], " ")
			}
			block = inPara
		}
		if kind == inList && block != inList {
			listStart = len(out)
			if blank && len(out) > 0 {
				listStart++
			}
		}
		if (blank || kind != block && (block != inPara || kind == inCode)) && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		block = kind
		out = append(out, lines...)
	}
	inFence := false
	bullets, number := false, 0 // the current list's kind, its last number
	for _, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
			blank = true
			continue
		}
		if inFence {
			if trimmed == "" {
				blank = true
				continue
			}
			emit(inCode, "\t"+l)
			continue
		}
		if trimmed == "" {
			blank = true
			continue
		}
		if strings.HasPrefix(trimmed, "|") {
			// A Markdown table: its alignment is its meaning.
			emit(inCode, "\t"+trimmed)
			continue
		}
		if marker, rest, ok := listItem(trimmed); ok {
			if block != inList {
				bullets, number = marker == "-", 0
			}
			blank = false
			switch {
			case bullets && marker != "-":
				// Go's lists are of one kind: in a bulleted list a
				// numbered item keeps its number as text.
				rest, marker = marker+" "+rest, "-"
			case !bullets:
				// Numbered as Markdown shows them (Markdown renumbers
				// "1. 1. 1." as 1, 2, 3).
				number++
				marker = strconv.Itoa(number) + "."
			}
			emit(inList, wrapItem(marker, links.inline(rest))...)
			continue
		}
		if block == inList && !blank {
			// A continuation of the list item above (Markdown's lazy
			// continuation lines).
			out = append(out, wrapItem("", links.inline(trimmed))...)
			continue
		}
		if h, ok := heading(trimmed); ok {
			blank = true
			emit(inPara, "# "+h)
			blank = true
			continue
		}
		if rest := strings.TrimLeft(trimmed, "#"); rest != trimmed && strings.HasPrefix(rest, " ") {
			// A Markdown heading Go cannot show as one: keep its text.
			trimmed = strings.TrimSpace(rest)
		}
		emit(inPara, wrap(links.inline(trimmed))...)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if defs := links.lines(); len(defs) > 0 && len(out) > 0 {
		out = append(append(out, ""), defs...)
	}
	if structured {
		return canonical(out), true
	}
	return out, false
}

// canonical lays lines out exactly as gofmt lays out a doc comment (it
// reformats lists, code blocks and headings, go/doc/comment's rules), so
// that generated files are gofmt-clean whatever the description's
// Markdown looked like.
func canonical(lines []string) []string {
	var p comment.Parser
	var pr comment.Printer
	text := string(pr.Comment(p.Parse(strings.Join(lines, "\n") + "\n")))
	out := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range out {
		switch {
		case l == "//":
			out[i] = ""
		case strings.HasPrefix(l, "// "):
			out[i] = l[3:]
		default:
			out[i] = strings.TrimPrefix(l, "//")
		}
	}
	return out
}

// listMarker matches a Markdown list item: a bullet or a number.
var listMarker = regexp.MustCompile(`^(?:([-*+])|(\d{1,9})[.)])\s+(\S.*)$`)

// listItem splits a list item into its Go doc marker ("-" or "1.") and its
// text.
func listItem(line string) (marker, rest string, ok bool) {
	m := listMarker.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	if m[1] != "" {
		if m[1] == "*" && strings.HasPrefix(m[3], "*") {
			return "", "", false // "** bold **", not an item
		}
		return "-", m[3], true
	}
	return m[2] + ".", m[3], true
}

// wrapItem lays out one list item as gofmt does: a bullet after two
// spaces, a number after one, continuation lines under the text; marker ""
// continues the item above.
func wrapItem(marker, text string) []string {
	lead := "    "
	switch {
	case marker == "-":
		lead = "  - "
	case marker != "":
		lead = " " + marker + " "
	}
	lines := wrap("    " + text)
	lines[0] = lead + strings.TrimPrefix(lines[0], "    ")
	return lines
}

// headingText is what Go reads as a heading: a capital letter first, no
// final punctuation, no characters Go would read as other syntax.
var headingText = regexp.MustCompile(`^\p{Lu}[^\[\]{}` + "`" + `]*[^.,:;!?)\]]$`)

// heading reads a Markdown heading ("## Title") Go can show as a heading.
func heading(line string) (string, bool) {
	rest := strings.TrimLeft(line, "#")
	if rest == line || len(line)-len(rest) > 6 || !strings.HasPrefix(rest, " ") {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if !headingText.MatchString(rest) {
		return "", false
	}
	return rest, true
}

// inlineLink matches a Markdown inline link whose text and URL are plain.
var inlineLink = regexp.MustCompile(`\[([^\[\]\n]+)\]\((https?://[^\s()]+)\)`)

// linkDefs collects the links of one comment as Go doc link definitions.
type linkDefs struct {
	urls  map[string]string
	order []string
}

// inline rewrites [text](url) to the doc link [text]; a text already
// defined with another URL keeps its URL in parentheses instead.
func (d *linkDefs) inline(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	return inlineLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := inlineLink.FindStringSubmatch(m)
		text, url := sub[1], sub[2]
		if d.urls == nil {
			d.urls = map[string]string{}
		}
		if prev, ok := d.urls[text]; ok && prev != url {
			return text + " (" + url + ")"
		} else if !ok {
			d.urls[text] = url
			d.order = append(d.order, text)
		}
		return "[" + text + "]"
	})
}

// lines are the definitions, in the order the links first appear.
func (d *linkDefs) lines() []string {
	out := make([]string, len(d.order))
	for i, text := range d.order {
		out[i] = "[" + text + "]: " + d.urls[text]
	}
	return out
}

// wrap breaks one line at spaces so no piece exceeds wrapWidth, keeping the
// line's indentation on every piece. It counts runes as it goes rather
// than recounting each piece (docs are most of what is rendered).
func wrap(line string) []string {
	if utf8.RuneCountInString(line) <= wrapWidth {
		return []string{line}
	}
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	var out []string
	var cur strings.Builder
	cur.WriteString(indent)
	n, empty := len(indent), true // cur's runes; nothing after the indent yet
	for _, w := range strings.Fields(line) {
		wn := utf8.RuneCountInString(w)
		if !empty && n+1+wn > wrapWidth {
			out = append(out, cur.String())
			cur.Reset()
			cur.WriteString(indent)
			n, empty = len(indent), true
		}
		if !empty {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wn
		empty = false
	}
	return append(out, cur.String())
}

// writeDoc adds text as "//" comment lines to g, one statement per line.
// Every line is written whole and starts with "//", so jennifer renders it
// verbatim and never switches to a block comment.
func writeDoc(g *jen.Group, text string) {
	for _, l := range docLines(text) {
		g.Comment(commentLine(l))
	}
}

// commentLine is one doc line as Go source: "//" alone for a blank line,
// "//" and a tab for a code line (as gofmt writes them), else "// " and
// the text.
func commentLine(l string) string {
	switch {
	case l == "":
		return "//"
	case strings.HasPrefix(l, "\t"):
		return "//" + l
	}
	return "// " + l
}

// paragraphs joins non-empty pieces of documentation with blank lines.
func paragraphs(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n\n")
}

// lowerFirst lower-cases the first letter of a summary to continue a
// sentence ("Create a contact" → "create a contact"), but leaves initialisms
// ("AI content") alone.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
