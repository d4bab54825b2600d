package render

import (
	"regexp"
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

// docLines splits cleaned text into comment lines. Markdown fences become
// indented code blocks (Go's doc syntax); every other line loses its
// indentation, which Markdown ignores but Go would read as code; long lines
// are wrapped at word boundaries and runs of blank lines collapse to one.
func docLines(text string) []string {
	text = cleanText(text)
	if text == "" {
		return nil
	}
	var out []string
	blank := false
	inFence := false
	emit := func(lines ...string) {
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, lines...)
	}
	for _, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
			blank = true
			continue
		}
		switch {
		case inFence && trimmed == "":
			emit("")
		case inFence:
			emit("    " + l)
		case trimmed == "":
			blank = true
		default:
			emit(wrap(trimmed)...)
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// wrap breaks one line at spaces so no piece exceeds wrapWidth, keeping the
// line's indentation on every piece.
func wrap(line string) []string {
	if utf8.RuneCountInString(line) <= wrapWidth {
		return []string{line}
	}
	indent := line[:len(line)-len(strings.TrimLeft(line, " "))]
	words := strings.Fields(line)
	var out []string
	cur := indent
	for _, w := range words {
		if cur != indent && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) > wrapWidth {
			out = append(out, cur)
			cur = indent
		}
		if cur != indent {
			cur += " "
		}
		cur += w
	}
	return append(out, cur)
}

// writeDoc adds text as "//" comment lines to g, one statement per line.
// Every line is written whole and starts with "//", so jennifer renders it
// verbatim and never switches to a block comment.
func writeDoc(g *jen.Group, text string) {
	for _, l := range docLines(text) {
		if l == "" {
			g.Comment("//")
			continue
		}
		g.Comment("// " + l)
	}
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
