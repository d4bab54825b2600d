package loader

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"

	yaml "go.yaml.in/yaml/v4"
)

// maxProseRepairs bounds the prose-quoting rule: each repair parses the
// file again.
const maxProseRepairs = 100

// proseLine is a line holding one of OpenAPI's prose fields with a plain
// (unquoted, not block) value: indentation and an optional list dash, the
// key, the colon, the value.
var proseLine = regexp.MustCompile(`^([ ]*(?:-[ ]+)?)(description|summary|title)([ ]*:[ ]+)([^ '"|>\[{&*!%@` + "`" + `#].*)$`)

// parseRepairingProse parses data; when the parser stops inside the plain
// value of a prose field, the value is quoted and the text parsed again
// (see quoteProse). It returns the tree, the data it was parsed from and
// the lines repaired.
func (l *load) parseRepairingProse(data []byte) (*yaml.Node, []byte, error) {
	root, err := parseYAML(data)
	if err == nil || !l.rule(RuleProseQuoting).Enabled {
		return root, data, err
	}
	type fix struct {
		line, col int
		key       string
	}
	var fixes []fix
	report := func() {
		for _, f := range fixes {
			ptr, _ := pointerAt(root, f.line, f.col)
			l.repair(&yaml.Node{Line: f.line, Column: f.col}, RuleProseQuoting, ptr,
				fmt.Sprintf("the unquoted %s holds \": \", which YAML reads as a mapping; it was read as quoted text", f.key))
		}
	}
	defer report()
	for range maxProseRepairs {
		var le *yaml.LoadError
		if !errors.As(err, &le) || le.Mark.Line == 0 {
			return root, data, err
		}
		fixed, line, col, ok := quoteProse(data, le.Mark.Line)
		if !ok {
			return root, data, err
		}
		again, err2 := parseYAML(fixed)
		if err2 != nil {
			var le2 *yaml.LoadError
			if !errors.As(err2, &le2) || le2.Mark.Line <= le.Mark.Line && le2.Mark.Line >= line {
				// Quoting did not get the parser past this value:
				// the text is broken some other way.
				return root, data, err
			}
		}
		fixes = append(fixes, fix{line, col, string(proseLine.FindSubmatch(lineAt(data, line))[2])})
		data, root, err = fixed, again, err2
		if err == nil {
			return root, data, nil
		}
	}
	return root, data, err
}

// quoteProse quotes the plain value of the prose field that holds line
// (1-based), continuation lines included, as a single-quoted scalar, which
// YAML folds exactly as it folds a plain one, so the text and every line
// number stay the same. It gives up (ok false) when no prose field holds
// the line, or when the value holds " #", which a plain scalar ends at (a
// comment) and a quoted one would keep.
func quoteProse(data []byte, errLine int) (fixed []byte, line, col int, ok bool) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if errLine < 1 || errLine > len(lines) {
		return nil, 0, 0, false
	}
	// The key line is the error line or the nearest line above it that is
	// less indented than everything between.
	minIndent := indentOf(lines[errLine-1])
	for k := errLine; k >= 1 && errLine-k < 200; k-- {
		text := trimEOL(lines[k-1])
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		m := proseLine.FindSubmatchIndex(text)
		if m == nil {
			if indentOf(text) >= minIndent && k != errLine {
				return nil, 0, 0, false // not a continuation of a prose value
			}
			minIndent = min(minIndent, indentOf(text))
			continue
		}
		keyCol := m[4] // the key's column, 0-based
		if k != errLine && keyCol >= minIndent {
			return nil, 0, 0, false
		}
		// The value runs on while lines are blank or indented past the key.
		end := k
		for j := k + 1; j <= len(lines); j++ {
			t := trimEOL(lines[j-1])
			if len(bytes.TrimSpace(t)) == 0 {
				continue
			}
			if indentOf(t) <= keyCol {
				break
			}
			end = j
		}
		if end < errLine {
			return nil, 0, 0, false
		}
		valueStart := m[8]
		var out bytes.Buffer
		for _, ln := range lines[:k-1] {
			out.Write(ln)
		}
		for j := k; j <= end; j++ {
			ln := lines[j-1]
			body, eol := trimEOL(ln), ln[len(trimEOL(ln)):]
			from := 0
			if j == k {
				from = valueStart
				out.Write(body[:from])
				out.WriteByte('\'')
			}
			v := body[from:]
			if bytes.Contains(v, []byte(" #")) || bytes.Contains(v, []byte("\t#")) {
				return nil, 0, 0, false
			}
			if j == end {
				v = bytes.TrimRight(v, " \t")
			}
			out.Write(bytes.ReplaceAll(v, []byte("'"), []byte("''")))
			if j == end {
				out.WriteByte('\'')
			}
			out.Write(eol)
		}
		for _, ln := range lines[end:] {
			out.Write(ln)
		}
		return out.Bytes(), k, valueStart + 1, true
	}
	return nil, 0, 0, false
}

func lineAt(data []byte, line int) []byte {
	lines := bytes.SplitAfterN(data, []byte("\n"), line+1)
	if line < 1 || line > len(lines) {
		return nil
	}
	return trimEOL(lines[line-1])
}

// trimEOL cuts a line's "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// indentOf counts the spaces a line starts with.
func indentOf(line []byte) int {
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	return i
}
