package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Flags for hostile input and tools.
var (
	jsonFlag = &cli.BoolFlag{
		Name:  "json",
		Usage: "print the outcome and every diagnostic as one JSON object on standard output (the human-readable lines go to standard error)",
	}
	allowExternalRefsFlag = &cli.BoolFlag{
		Name:  "allow-external-refs",
		Usage: "let $refs name files inside the description's own folder (URLs, absolute paths and paths leaving the folder stay refused)",
	}
)

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

const jsonDiagsKey = "intercom-gen/json-diags"

// withJSON wraps a command's action for --json: the action's human output
// goes to standard error, and one jsonReport to standard output.
func withJSON(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		if !c.Bool("json") {
			return action(c)
		}
		stdout := c.App.Writer
		c.App.Writer = c.App.ErrWriter
		defer func() { c.App.Writer = stdout }()
		if c.App.Metadata == nil {
			c.App.Metadata = map[string]any{}
		}
		delete(c.App.Metadata, jsonDiagsKey)
		err := action(c)
		recorded, _ := c.App.Metadata[jsonDiagsKey].(diag.List)
		return writeJSONReport(stdout, recorded, err)
	}
}

// recordDiags keeps diagnostics for the JSON report; it reports whether
// --json is on (then nothing else is to be printed).
func recordDiags(c *cli.Context, diags diag.List) bool {
	if !c.Bool("json") || c.App.Metadata == nil {
		return false
	}
	prev, _ := c.App.Metadata[jsonDiagsKey].(diag.List)
	c.App.Metadata[jsonDiagsKey] = append(prev, diags...)
	return true
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
