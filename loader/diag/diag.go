// Package diag holds the diagnostics intercom-gen reports about a description:
// located findings (file, line, column and JSON pointer) with a stable code, a
// message and a hint that says how to fix or silence them.
//
// Every stage reports through this one type, so the command line can print,
// count and filter findings the same way whether they come from parsing, from a
// repair rule, from kin-openapi's validation or from naming in the generator.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings from informational to fatal.
type Severity int

const (
	// Info is a decision worth knowing about, such as a renamed type.
	Info Severity = iota
	// Repair is an upstream defect that a repair rule fixed before loading.
	Repair
	// Warning is a problem in the description that did not stop generation.
	Warning
	// Error stops generation.
	Error
)

var severityNames = [...]string{Info: "info", Repair: "repair", Warning: "warning", Error: "error"}

// String returns the lower-case name used in printed diagnostics.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// MarshalText makes severities readable in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads what MarshalText writes, so that a stored report
// (a generated folder's stamp) reads back.
func (s *Severity) UnmarshalText(b []byte) error {
	for i, name := range severityNames {
		if string(b) == name {
			*s = Severity(i)
			return nil
		}
	}
	return fmt.Errorf("diag: unknown severity %q", b)
}

// Diagnostic is one finding about a description.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	// Code is a stable kebab-case identifier of the rule or check.
	Code string `json:"code"`
	// File is the description's path as the user gave it.
	File string `json:"file,omitempty"`
	// Line and Col are 1-based; zero when unknown.
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
	// Pointer is a JSON pointer (RFC 6901) into the description.
	Pointer string `json:"pointer,omitempty"`
	Message string `json:"message"`
	// Hint says what to do about it.
	Hint string `json:"hint,omitempty"`
}

// Location renders where the finding is: file:line:col when the line is
// known, otherwise file#pointer.
func (d Diagnostic) Location() string {
	var b strings.Builder
	b.WriteString(d.File)
	switch {
	case d.Line > 0:
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	case d.Pointer != "":
		b.WriteString("#")
		b.WriteString(d.Pointer)
	}
	return b.String()
}

// String renders one line: "file:line:col: severity: message (hint) [code]".
func (d Diagnostic) String() string {
	var b strings.Builder
	if loc := d.Location(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(oneLine(d.Message))
	if d.Line > 0 && d.Pointer != "" {
		b.WriteString(" at ")
		b.WriteString(d.Pointer)
	}
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(oneLine(d.Hint))
		b.WriteString(")")
	}
	if d.Code != "" {
		b.WriteString(" [")
		b.WriteString(d.Code)
		b.WriteString("]")
	}
	return b.String()
}

// oneLine keeps a diagnostic on one line whatever text the description put in
// a name or value it quotes.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\u2028\u2029") {
		return s
	}
	r := strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ")
	return r.Replace(s)
}

// List is an ordered collection of diagnostics.
type List []Diagnostic

// Add appends d.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Sorted returns a copy ordered by file, position, pointer, code and message,
// so output does not depend on the order in which stages ran.
func (l List) Sorted() List {
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

// Count returns how many diagnostics have severity s.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Filter returns the diagnostics of severity s, in order.
func (l List) Filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an Error.
func (l List) HasErrors() bool { return l.Count(Error) > 0 }

// Err returns an *ErrorList holding the Error diagnostics, or nil when there
// are none.
func (l List) Err() error {
	errs := l.Filter(Error)
	if len(errs) == 0 {
		return nil
	}
	return &ErrorList{Diags: errs.Sorted()}
}

// ErrorList is the error a stage returns when a description cannot be used.
type ErrorList struct {
	Diags List
}

// MaxPrinted caps how many diagnostics an ErrorList prints before it
// summarises the rest.
const MaxPrinted = 10

// Error prints one line per diagnostic, capped at MaxPrinted.
func (e *ErrorList) Error() string {
	return Format(e.Diags, MaxPrinted)
}

// Format renders diagnostics one per line, grouped: the diagnostics of one
// file and code come together, groups in the order of their first
// position (l is expected in Sorted order). At most max lines are printed
// (max <= 0 prints all), then "… and N more"; when several groups compete
// for the lines, no group takes more than half of them, the rest of it
// summarised as "… and N more [code]", so one repeated problem cannot hide
// the others.
func Format(l List, max int) string {
	type group struct {
		key   string
		diags List
	}
	var groups []*group
	index := map[string]*group{}
	for _, d := range l {
		key := d.File + "\x00" + d.Code
		g := index[key]
		if g == nil {
			g = &group{key: key}
			index[key] = g
			groups = append(groups, g)
		}
		g.diags = append(g.diags, d)
	}
	perGroup := 0
	if max > 0 && len(groups) > 1 {
		perGroup = (max + 1) / 2
	}
	var lines []string
	printed := 0
	for _, g := range groups {
		for i, d := range g.diags {
			if max > 0 && printed == max {
				break
			}
			if perGroup > 0 && i == perGroup && len(g.diags) > perGroup+1 {
				more := fmt.Sprintf("  … and %d more", len(g.diags)-perGroup)
				if d.Code != "" {
					more += " [" + d.Code + "]"
				}
				lines = append(lines, more)
				printed += len(g.diags) - perGroup
				break
			}
			lines = append(lines, d.String())
			printed++
		}
	}
	if rest := len(l) - printed; rest > 0 {
		lines = append(lines, fmt.Sprintf("… and %d more", rest))
	}
	return strings.Join(lines, "\n")
}

// AsList extracts the diagnostics carried by err, if it is (or wraps) an
// *ErrorList.
func AsList(err error) (List, bool) {
	var el *ErrorList
	if errors.As(err, &el) {
		return el.Diags, true
	}
	return nil, false
}

// Pointer joins reference tokens into a JSON pointer, escaping "~" and "/"
// as RFC 6901 requires.
func Pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(EscapeToken(t))
	}
	return b.String()
}

// Append adds reference tokens to an existing pointer.
func Append(ptr string, tokens ...string) string {
	return ptr + Pointer(tokens...)
}

// EscapeToken escapes one JSON pointer reference token.
func EscapeToken(t string) string {
	if !strings.ContainsAny(t, "~/") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}

// SplitPointer splits a JSON pointer into unescaped reference tokens. A
// leading "#" (a fragment) is accepted.
func SplitPointer(ptr string) []string {
	ptr = strings.TrimPrefix(ptr, "#")
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		if strings.Contains(p, "~") {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		}
	}
	return parts
}
