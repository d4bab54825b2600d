package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator/apidiff"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:  "diff",
		Usage: "classify what changed between two versions for a Go caller: breaking, review, additive",
		UsageText: "intercom-gen diff --from A --to B [--openapi-dir DIR] [--format text|markdown|json] [--fail-on breaking|review|any] [--level LEVEL]\n\n" +
			"A and B are versions (2.7 … 2.16, preview) or description files.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "from", Usage: "the old `VERSION or FILE`", Required: true},
			&cli.StringFlag{Name: "to", Usage: "the new `VERSION or FILE`", Required: true},
			openapiDirFlag,
			&cli.StringFlag{Name: "format", Usage: "`FORMAT` of the report: text (coloured on a terminal), markdown (for pull requests) or json", Value: "text"},
			&cli.StringFlag{Name: "fail-on", Usage: "exit 1 when a change at `LEVEL` or worse is found: breaking, review or any"},
			&cli.StringFlag{Name: "level", Usage: "list only changes at `LEVEL` or worse (the summary counts all)", Value: "additive"},
			verboseFlag,
		},
		Action: diffAction,
	}
}

func diffAction(c *cli.Context) error {
	format := apidiff.Format(c.String("format"))
	if format != apidiff.Text && format != apidiff.Markdown && format != apidiff.JSON {
		return fmt.Errorf("--format %s: want text, markdown or json", format)
	}
	var failOn apidiff.Level
	fail := false
	switch v := c.String("fail-on"); v {
	case "":
	case "any":
		failOn, fail = apidiff.Additive, true
	default:
		l, err := apidiff.ParseLevel(v)
		if err != nil {
			return fmt.Errorf("--fail-on: %w (or any)", err)
		}
		failOn, fail = l, true
	}
	minLevel, err := apidiff.ParseLevel(c.String("level"))
	if err != nil {
		return fmt.Errorf("--level: %w", err)
	}
	var inputs [2]apidiff.Input
	for i, arg := range []string{c.String("from"), c.String("to")} {
		label, path, err := resolveSide(c, arg)
		if err != nil {
			return err
		}
		doc, res, err := generateTarget(c, target{path: path})
		if err != nil {
			return err
		}
		// Locations name the file the way a reader of a pull-request
		// comment can follow: below --openapi-dir or the working folder.
		doc.File = displayPath(path, c.String("openapi-dir"))
		inputs[i] = apidiff.Input{Label: label, Doc: doc, Result: res}
	}
	r, err := apidiff.Compare(inputs[0], inputs[1])
	if err != nil {
		return err
	}
	if err := r.Render(c.App.Writer, apidiff.RenderOptions{Format: format, Min: minLevel, Color: isTerminal(c.App.Writer)}); err != nil {
		return err
	}
	if worst, any := r.Worst(); fail && any && worst >= failOn {
		return cli.Exit(fmt.Sprintf("diff: %d change(s) at level %s or worse (--fail-on %s)", len(r.Filter(failOn)), failOn, c.String("fail-on")), 1)
	}
	return nil
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
