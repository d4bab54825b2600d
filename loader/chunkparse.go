package loader

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/parallel"
)

// The YAML parse is a third of a load and runs on one core. A large block
// document, which every description Intercom publishes is, is cut here at
// lines that start a mapping entry (a top-level key, a path, a schema), the
// pieces are parsed on all cores, and their entries are appended to the
// mapping of the tree so far that a whole-document parse would have put them
// in: the open block mapping whose column is the piece's. Lines are shifted
// by the piece's offset; columns need nothing, as every piece starts at the
// start of a line.
//
// The result must be the tree the whole-document parse gives, field for
// field, so anything that could make it differ gives up (and the caller
// parses the whole document, which also gives any error its usual text and
// position): text features that carry state across lines (anchors, aliases,
// tags, directives, documents, comments), line breaks other than \n, tabs,
// JSON, a piece that does not parse on its own or does not fit where it
// goes. The argument for the rest is in parseChunk and stitch.

const (
	// chunkedParseMin is the size below which the pieces' goroutines cost
	// more than they save.
	chunkedParseMin = 256 << 10
	// maxCutIndent is the deepest line a piece may start at: under paths
	// and components (two spaces) and under components/schemas (four).
	maxCutIndent = 4
	// chunksPerProc pieces per core even out pieces that parse at
	// different speeds.
	chunksPerProc = 2
	// maxChunkDepth keeps pieces far from the YAML library's nesting limit
	// (10000), which counts from the top of the whole document, not of a
	// piece.
	maxChunkDepth = 1000
)

// errGaveUp marks a piece that cannot be parsed on its own.
var errGaveUp = errors.New("loader: a piece of the document does not parse on its own")

// chunk is one piece of the document: the lines [start, end) of data.
type chunk struct {
	start, end int
	line       int // lines before the piece, added to its nodes' lines
	indent     int // spaces before the piece's first key
	minIndent  int // the least indentation of the piece's lines
	top        *yaml.Node
}

// parseInChunks parses data on several cores, or returns nil when it
// cannot promise the tree the whole-document parse would give.
func parseInChunks(data []byte) *yaml.Node {
	procs := runtime.GOMAXPROCS(0)
	if len(data) < chunkedParseMin || procs < 2 {
		return nil
	}
	return parseChunks(data, chunksPerProc*procs, procs)
}

// parseChunks cuts data into about n pieces and parses them with workers
// goroutines, or returns nil.
func parseChunks(data []byte, n, workers int) *yaml.Node {
	chunks := planChunks(data, n)
	if len(chunks) < 2 {
		return nil
	}
	// Largest first: the pieces forced at the ends of paths and components
	// vary in size, and this keeps the cores equally busy to the end.
	order := make([]int, len(chunks))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return (chunks[b].end - chunks[b].start) - (chunks[a].end - chunks[a].start)
	})
	// Once a piece fails the rest are skipped: the whole document is
	// parsed again anyway.
	var failed atomic.Bool
	err := parallel.Each(len(order), workers, func(j int) error {
		if i := order[j]; failed.Load() || !chunks[i].parse(data, i == 0) {
			failed.Store(true)
			return errGaveUp
		}
		return nil
	})
	if err != nil {
		return nil
	}
	return stitch(chunks)
}

// planChunks cuts data into about n pieces of similar size, or returns nil
// when data is not a block document that can be cut safely.
//
// A piece that starts at indentation k holds the entries of a mapping at
// that indentation and everything nested in them, so it must end before the
// first line indented less: there the next piece starts, or, if that line
// cannot start one (a sequence entry, say), the piece is given back to the
// one before it.
func planChunks(data []byte, n int) []chunk {
	if !cuttable(data) {
		return nil
	}
	step := len(data) / n
	target := step
	chunks := []chunk{{}}
	// The last line with content may have a comment, or may announce
	// a nested value (`key:`, `-`) that the next line would be: a piece
	// never starts after either.
	prevHash, prevOpens := false, false
	for start, line := 0, 0; start < len(data); line++ {
		end := len(data)
		if i := bytes.IndexByte(data[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		text := data[start:end]
		indent := indentOf(text)
		if indent == len(bytes.TrimRight(text, "\n")) {
			// A blank line belongs to whatever comes before it.
			start = end
			continue
		}
		if text[0] == '%' || (bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))) &&
			(line > 0 || string(text) != "---\n") {
			// A directive, a second document or the end of one: only a
			// bare --- opening the file is the same in every piece.
			return nil
		}
		last := &chunks[len(chunks)-1]
		canCut := line > 0 && !prevHash && !prevOpens && keyLine(text, indent)
		switch {
		case canCut && (indent < last.indent || start >= target && indent <= maxCutIndent):
			last.end = start
			chunks = append(chunks, chunk{start: start, line: line, indent: indent, minIndent: indent})
			if start >= target {
				target = start + step
			}
		case indent < last.minIndent:
			last.minIndent = indent
			for len(chunks) > 1 && chunks[len(chunks)-1].minIndent < chunks[len(chunks)-1].indent {
				given := chunks[len(chunks)-1]
				chunks = chunks[:len(chunks)-1]
				last = &chunks[len(chunks)-1]
				last.minIndent = min(last.minIndent, given.minIndent)
			}
		}
		prevHash = mayComment(text)
		trimmed := bytes.TrimRight(text, " \n")
		prevOpens = bytes.HasSuffix(trimmed, []byte(":")) || bytes.HasSuffix(trimmed, []byte("-"))
		start = end
	}
	chunks[len(chunks)-1].end = len(data)
	return chunks
}

// cuttable reports whether data is free of what cutting at lines could
// change: line breaks YAML counts that bytes.Count(\n) does not (\r, NEL,
// LS, PS), a byte order mark, tabs (which YAML treats specially in
// indentation), and JSON (flow style from the top).
func cuttable(data []byte) bool {
	for _, s := range []string{"\r", "\t", "\ufeff", "\u0085", "\u2028", "\u2029"} {
		if bytes.Contains(data, []byte(s)) {
			return false
		}
	}
	first := bytes.TrimLeft(data, " \n")
	return len(first) > 0 && first[0] != '{' && first[0] != '['
}

// indentOf counts the spaces a line starts with.
func indentOf(line []byte) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}

// keyLine reports whether line, indented by indent spaces, plainly starts a
// mapping entry: a key that is plain (starting with a letter, digit, / _ $
// or .) or quoted on the one line, then a colon and a space or the line's
// end, and nothing that may be a comment (comments attach to their
// neighbours). Sequence entries, explicit keys, flow collections
// and the like never start a piece.
func keyLine(line []byte, indent int) bool {
	line = bytes.TrimRight(line, "\n")
	if mayComment(line) {
		return false
	}
	rest := line[indent:]
	switch c := rest[0]; {
	case c == '"' || c == '\'':
		end := quotedEnd(rest)
		if end < 0 {
			return false
		}
		rest = rest[end:]
		return len(rest) > 0 && rest[0] == ':' && (len(rest) == 1 || rest[1] == ' ')
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
		c == '/', c == '_', c == '$', c == '.':
		return bytes.Contains(rest, []byte(": ")) || bytes.HasSuffix(rest, []byte(":"))
	}
	return false
}

// mayComment reports a # that may start a comment: one at the start of the
// line's text or after a space. Any other # (as in "#/components/...") is
// part of a scalar.
func mayComment(line []byte) bool {
	for i := bytes.IndexByte(line, '#'); i >= 0; {
		if i == indentOf(line) || line[i-1] == ' ' {
			return true
		}
		j := bytes.IndexByte(line[i+1:], '#')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// quotedEnd is the offset just past the quoted scalar s starts with, or -1
// when it does not end on this line. In double quotes a backslash escapes
// the next character; in single quotes a doubled quote is a quote.
func quotedEnd(s []byte) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i + 1
		}
	}
	return -1
}

// parse parses the piece on its own and checks what makes it safe to
// stitch: a block mapping at the piece's first line and indentation, no
// anchor, alias or tag (which can refer to or depend on other pieces), a
// moderate depth, and no comment on the piece's mapping or its entries,
// where the YAML library places a comment by looking at the neighbouring
// entries, which are in another piece. It shifts the lines of the piece's
// nodes to the document's.
//
// Why the rest is the same as in the whole parse: a piece's text is that of
// the document, so within it the scanner sees what it sees there, and a
// construct cut open at the end of a piece (a quoted scalar, a flow
// collection) is an error in that piece, whereas a block or plain scalar
// ends at a less indented line in both parses. Comments deeper in are
// placed among nodes of the same piece; the text between a piece's last
// token and the next piece has none (planChunks), so nothing is pending
// when the piece's collections end.
func (c *chunk) parse(data []byte, first bool) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(data[c.start:c.end], &doc); err != nil {
		return false
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || !plainNode(&doc) || hasComment(&doc) {
		return false
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode || top.Style != 0 || top.Column != c.indent+1 ||
		!first && top.Line != 1 {
		return false
	}
	if !shiftLines(top, c.line, 0) {
		return false
	}
	if first {
		c.top = &doc
	} else {
		c.top = top
	}
	return true
}

// plainNode reports a node that is no alias and has no anchor or tag.
func plainNode(n *yaml.Node) bool {
	return n.Kind != yaml.AliasNode && n.Anchor == "" && n.Style&yaml.TaggedStyle == 0
}

func hasComment(n *yaml.Node) bool {
	return n.HeadComment != "" || n.LineComment != "" || n.FootComment != ""
}

// shiftLines adds by to the line of n and everything under it, refusing
// what parse refuses; level is n's depth below the piece's mapping.
func shiftLines(n *yaml.Node, by, level int) bool {
	if level > maxChunkDepth || !plainNode(n) || level < 2 && hasComment(n) {
		return false
	}
	n.Line += by
	for _, c := range n.Content {
		if !shiftLines(c, by, level+1) {
			return false
		}
	}
	return true
}

// stitch appends each piece's entries to the mapping they continue in the
// document: the block mapping at the piece's column on the rightmost path
// of the tree so far (mappings on that path have increasing columns, so
// there is at most one). That is the mapping YAML continues when a line at
// that indentation follows; if there is none, the document is either not
// valid there or not as simple as it looks, and the whole parse decides.
func stitch(chunks []chunk) *yaml.Node {
	root := chunks[0].top
	for _, c := range chunks[1:] {
		m := openMapping(root.Content[0], c.indent+1)
		if m == nil {
			return nil
		}
		m.Content = append(m.Content, c.top.Content...)
	}
	return root
}

// openMapping finds the block mapping at column col on the rightmost path
// from n.
func openMapping(n *yaml.Node, col int) *yaml.Node {
	for n != nil && n.Style&yaml.FlowStyle == 0 {
		switch {
		case n.Kind == yaml.MappingNode && n.Column == col:
			return n
		case (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && len(n.Content) > 0:
			n = n.Content[len(n.Content)-1]
		default:
			return nil
		}
	}
	return nil
}
