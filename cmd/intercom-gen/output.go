package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// output is where one command's messages go. With --json, the human
// lines go to standard error and one JSON report (jsonReport) to standard
// output when the command ends; the diagnostics are gathered here.
type output struct {
	stdout, stderr io.Writer
	verbose, json  bool
	diags          diag.List
}

// action adapts a command's action to cli: it sets up the output from
// the command's flags and, with --json, writes the report at the end.
func action(fn func(c *cli.Context, o *output) error) cli.ActionFunc {
	return func(c *cli.Context) error {
		if c.NArg() > 0 {
			return usagef("unexpected argument %q: %s takes flags only (intercom-gen %s --help)", c.Args().First(), c.Command.Name, c.Command.Name)
		}
		o := &output{stdout: c.App.Writer, stderr: c.App.ErrWriter, verbose: c.Bool("verbose"), json: c.Bool("json")}
		if !o.json {
			return fn(c, o)
		}
		stdout := o.stdout
		o.stdout = o.stderr
		err := fn(c, o)
		return writeJSONReport(stdout, o.diags, err)
	}
}

// diagnostics lists every diagnostic except errors with --verbose (errors
// travel in the returned error, one line per problem); with --json they
// are kept for the report.
func (o *output) diagnostics(diags diag.List) {
	if o.json {
		o.diags = append(o.diags, diags...)
		return
	}
	if !o.verbose {
		// A test package left out is a missing part of the output, not a
		// remark on the description: it is said without -v.
		for _, d := range diags {
			if d.Code == generator.CodeNoTestPackage {
				fmt.Fprintln(o.stderr, d.String())
			}
		}
		return
	}
	for _, d := range diags.Sorted() {
		if d.Severity != diag.Error {
			fmt.Fprintln(o.stderr, d.String())
		}
	}
}

// summary counts the diagnostics for a summary line ("" when there are
// none or --verbose already listed them).
func (o *output) summary(diags diag.List) string {
	if o.verbose {
		return ""
	}
	var parts []string
	for _, k := range []struct {
		sev  diag.Severity
		name string
	}{{diag.Repair, "repairs"}, {diag.Warning, "warnings"}, {diag.Info, "notes"}} {
		if n := diags.Count(k.sev); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k.name))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ") + " (-v lists them)"
}

// Done is the generator.Reporter of generate and check: each target's
// diagnostics, then its summary line (generate) or its diff (check).
func (o *output) Done(r generator.Outcome) {
	o.diagnostics(r.Diags)
	if r.Err != nil {
		return
	}
	if r.Check != nil {
		if !r.Check.OK() {
			fmt.Fprint(o.stdout, r.Check.Diff)
		}
		fmt.Fprintln(o.stderr, "intercom-gen: check: "+r.Check.Summary())
		return
	}
	st := r.Written
	if r.Skipped {
		fmt.Fprintf(o.stdout, "intercom-gen: version %s: %d types, %d operations, %d files, unchanged since the last run (stamp) in %s → %s%s\n",
			r.Version, r.Types, r.Operations, r.Files, r.Elapsed.Round(time.Millisecond), r.Target.Out, o.summary(r.Diags))
		return
	}
	fmt.Fprintf(o.stdout, "intercom-gen: version %s: %d types, %d operations, %d files (%d written, %d unchanged, %d removed) in %s → %s%s\n",
		r.Version, r.Types, r.Operations, r.Files, st.Written, st.Unchanged, st.Removed,
		r.Elapsed.Round(time.Millisecond), r.Target.Out, o.summary(r.Diags))
}

// jsonReport is what --json prints (documented in README.md,
// "Diagnostics and hostile input").
type jsonReport struct {
	// OK is true when the command succeeded.
	OK bool `json:"ok"`
	// Error is the failure as the command line prints it ("" when OK).
	Error string `json:"error,omitempty"`
	// Counts are the diagnostics by severity.
	Counts map[string]int `json:"counts"`
	// Diagnostics are every diagnostic, in file and position order.
	Diagnostics diag.List `json:"diagnostics"`
}

func writeJSONReport(w io.Writer, diags diag.List, err error) error {
	// Errors that stopped the run travel in err; add those not recorded.
	if errs, ok := diag.AsList(err); ok {
		seen := map[string]bool{}
		for _, d := range diags {
			seen[d.String()] = true
		}
		for _, d := range errs {
			if !seen[d.String()] {
				diags = append(diags, d)
			}
		}
	}
	rep := jsonReport{OK: err == nil, Counts: map[string]int{}, Diagnostics: diags.Sorted()}
	if rep.Diagnostics == nil {
		rep.Diagnostics = diag.List{}
	}
	for _, d := range rep.Diagnostics {
		rep.Counts[d.Severity.String()]++
	}
	if err != nil {
		rep.Error = err.Error()
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if werr := enc.Encode(rep); werr != nil {
		return fmt.Errorf("writing the JSON report: %w", werr)
	}
	return err
}

// errorText renders a failure for standard error. Located diagnostics
// print one per line, as file:line:col: severity: message (hint) [code],
// grouped and capped (diag.Format) under a header line that counts them;
// other errors print as "intercom-gen: message".
func errorText(err error) string {
	var el *diag.ErrorList
	if !errors.As(err, &el) || len(el.Diags) == 0 || err != error(el) {
		return "intercom-gen: " + err.Error()
	}
	n := len(el.Diags)
	noun := "error"
	if n > 1 {
		noun = "errors"
	}
	return fmt.Sprintf("intercom-gen: %d %s in the description:\n%s", n, noun, el.Error())
}
