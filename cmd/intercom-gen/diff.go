package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:  "diff",
		Usage: "classify what changed between two versions for a Go caller: breaking, review, additive",
		UsageText: "intercom-gen diff --from A --to B [--openapi-dir DIR] [--format text|markdown|json] [--fail-on breaking|review|any] [--level LEVEL]\n\n" +
			"A and B are versions (2.7 … 2.16, preview) or description files.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "the old `VERSION or FILE` (required)"},
			&cli.StringFlag{Name: "to", Usage: "the new `VERSION or FILE` (required)"},
			openapiDirFlag,
			&cli.StringFlag{Name: "format", Usage: "`FORMAT` of the report: text (coloured on a terminal), markdown (for pull requests) or json", Value: "text"},
			&cli.StringFlag{Name: "fail-on", Usage: "exit 1 when a change at `LEVEL` or worse is found: breaking, review or any"},
			&cli.StringFlag{Name: "level", Usage: "list only changes at `LEVEL` or worse (the summary counts all)", Value: "additive"},
			verboseFlag, allowExternalRefsFlag, maxSizeFlag,
		},
		Action: action(diffAction),
	}
}

func diffAction(c *cli.Context, o *output) error {
	if c.String("from") == "" || c.String("to") == "" {
		return usagef("diff compares two descriptions: give --from and --to (versions or files)")
	}
	format := generator.DiffFormat(c.String("format"))
	if format != generator.DiffText && format != generator.DiffMarkdown && format != generator.DiffJSON {
		return usagef("--format %s: want text, markdown or json", format)
	}
	var failOn generator.DiffLevel
	fail := false
	switch v := c.String("fail-on"); v {
	case "":
	case "any":
		failOn, fail = generator.Additive, true
	default:
		l, err := generator.ParseDiffLevel(v)
		if err != nil {
			return usagef("--fail-on: %v (or any)", err)
		}
		failOn, fail = l, true
	}
	minLevel, err := generator.ParseDiffLevel(c.String("level"))
	if err != nil {
		return usagef("--level: %v", err)
	}
	var sides [2]generator.DiffSide
	for i, arg := range []string{c.String("from"), c.String("to")} {
		s, err := diffSide(c, arg)
		if err != nil {
			return err
		}
		sides[i] = s
	}
	r, diags, err := generator.Diff(sides[0], sides[1])
	o.diagnostics(diags)
	if err != nil {
		return err
	}
	if err := r.Render(o.stdout, generator.DiffRenderOptions{Format: format, Min: minLevel, Color: isTerminal(o.stdout)}); err != nil {
		return err
	}
	if worst, any := r.Worst(); fail && any && worst >= failOn {
		return cli.Exit(fmt.Sprintf("diff: %d change(s) at level %s or worse (--fail-on %s)", len(r.Filter(failOn)), failOn, c.String("fail-on")), exitFailed)
	}
	return nil
}

// diffSide reads a --from/--to argument: a version name (unless a file of
// that name exists), else a file. Locations name the file the way a
// reader of a pull-request comment can follow: below --openapi-dir or the
// working folder.
func diffSide(c *cli.Context, arg string) (generator.DiffSide, error) {
	t := generator.Target{OpenAPIDir: c.String("openapi-dir"), Load: loadOptions(c)}
	label := filepath.Base(arg)
	if _, verr := loader.VersionDir(arg); verr == nil {
		if _, serr := os.Stat(arg); serr != nil {
			t.Version, label = arg, strings.ToLower(arg)
		}
	}
	if t.Version == "" {
		if _, err := os.Stat(arg); err != nil {
			return generator.DiffSide{}, fmt.Errorf("%s is neither a version (%s) nor a description file", arg, strings.Join(loader.Versions, ", "))
		}
		t.Spec = arg
	}
	path, err := t.Description()
	if err != nil {
		return generator.DiffSide{}, err
	}
	return generator.DiffSide{Target: t, Label: label, File: displayPath(path, t.OpenAPIDir)}, nil
}

// isTerminal reports whether w is a character device (a terminal), where
// colours help; pipes, files and CI logs get plain text. NO_COLOR wins.
func isTerminal(w any) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// displayPath shortens a description's path for reports: relative to the
// description checkout when it lies inside it, else to the working folder
// when it lies below that, else as given.
func displayPath(path, openapiDir string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	var bases []string
	if openapiDir != "" {
		bases = append(bases, openapiDir)
	}
	if wd, err := os.Getwd(); err == nil {
		bases = append(bases, wd)
	}
	for _, base := range bases {
		b, err := filepath.Abs(base)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(b, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(rel)
		}
	}
	return path
}
