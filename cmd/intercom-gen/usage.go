package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// usageError is a command line intercom-gen cannot run: an unknown
// command or flag, a missing or conflicting argument. It exits 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// unknownCommand names the command the user most likely meant.
func unknownCommand(app *cli.App, name string) error {
	var names []string
	for _, c := range app.Commands {
		names = append(names, c.Names()...)
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if s := closest(name, names); s != "" {
		msg += fmt.Sprintf("; did you mean %s?", s)
	}
	return usagef("%s (intercom-gen --help lists the commands)", msg)
}

// onUsageError turns flag-parsing errors into one line with the flag the
// user most likely meant; cli prints nothing itself.
func onUsageError(c *cli.Context, err error, _ bool) error {
	msg := err.Error()
	const undefined = "flag provided but not defined: "
	if rest, ok := strings.CutPrefix(msg, undefined); ok {
		name := strings.TrimLeft(rest, "-")
		msg = fmt.Sprintf("unknown flag --%s", name)
		var flags []string
		if c.Command != nil {
			for _, f := range c.Command.Flags {
				flags = append(flags, f.Names()...)
			}
		}
		if s := closest(name, flags); s != "" {
			msg += fmt.Sprintf("; did you mean --%s?", s)
		}
	}
	help := "intercom-gen --help"
	if c.Command != nil && c.Command.Name != "" {
		help = "intercom-gen " + c.Command.Name + " --help"
	}
	return usagef("%s (%s lists the flags)", msg, help)
}

// closest is the candidate nearest to name when it is near enough to be a
// plausible typo or prefix; "" otherwise.
func closest(name string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		d := distance(name, c)
		if strings.HasPrefix(c, name) && len(name) >= 2 {
			d = 1 // an abbreviation: "gen" for generate
		}
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" || bestDist > max(2, len(name)/3) {
		return ""
	}
	return best
}

// distance is the edit distance between a and b, counting a swap of two
// neighbouring letters as one edit (optimal string alignment).
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
