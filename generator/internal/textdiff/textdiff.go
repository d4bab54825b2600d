// Package textdiff renders line-based unified diffs with go-diff. go-diff
// works on characters and has no unified output of its own; golden tests,
// the check command and the surface diff all need the familiar
// "--- a / +++ b / @@ -l,n +l,n @@" form, so it lives here once.
package textdiff

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Context is the number of unchanged lines shown around a change.
const Context = 3

type op int

const (
	equal op = iota
	del
	ins
)

type line struct {
	op   op
	text string
}

// Lines diffs a and b line by line.
func lines(a, b string) []line {
	dmp := diffmatchpatch.New()
	// No timeout: a diff must not depend on how fast the machine is.
	dmp.DiffTimeout = 0
	ra, rb, table := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), table)
	var out []line
	for _, d := range diffs {
		kind := equal
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			kind = del
		case diffmatchpatch.DiffInsert:
			kind = ins
		}
		for _, l := range splitLines(d.Text) {
			out = append(out, line{kind, l})
		}
	}
	return out
}

// splitLines splits after each newline; a last line without one is marked
// the way diff(1) does.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.SplitAfter(s, "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	for i, p := range parts {
		if strings.HasSuffix(p, "\n") {
			parts[i] = strings.TrimSuffix(p, "\n")
		} else {
			parts[i] = p + "\n\\ No newline at end of file"
		}
	}
	return parts
}

// Unified returns the unified diff from a (named aName) to b (named bName),
// or "" when they are equal.
func Unified(aName, bName, a, b string) string {
	if a == b {
		return ""
	}
	ls := lines(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", aName, bName)
	// Walk the lines, cutting hunks around changes.
	aLine, bLine := 1, 1
	type pos struct{ a, b int }
	at := make([]pos, len(ls))
	for i, l := range ls {
		at[i] = pos{aLine, bLine}
		switch l.op {
		case equal:
			aLine++
			bLine++
		case del:
			aLine++
		case ins:
			bLine++
		}
	}
	i := 0
	for i < len(ls) {
		if ls[i].op == equal {
			i++
			continue
		}
		start := max(i-Context, 0)
		end := i
		// Extend the hunk while changes are within 2*Context lines.
		for j := i; j < len(ls); j++ {
			if ls[j].op != equal {
				end = j
				continue
			}
			if j-end > 2*Context {
				break
			}
		}
		stop := min(end+Context+1, len(ls))
		var aCount, bCount int
		for _, l := range ls[start:stop] {
			if l.op != ins {
				aCount++
			}
			if l.op != del {
				bCount++
			}
		}
		aStart, bStart := at[start].a, at[start].b
		if aCount == 0 {
			aStart--
		}
		if bCount == 0 {
			bStart--
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", aStart, aCount, bStart, bCount)
		for _, l := range ls[start:stop] {
			prefix := " "
			switch l.op {
			case del:
				prefix = "-"
			case ins:
				prefix = "+"
			}
			sb.WriteString(prefix)
			sb.WriteString(l.text)
			sb.WriteByte('\n')
		}
		i = stop
	}
	return sb.String()
}
