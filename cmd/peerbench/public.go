package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The public mode (-public DIR) asks a different question than the
// timings: on descriptions of other APIs, which tools produce a client at
// all? For each description in DIR, unmodified, every tool generates a
// package in a module of its own, which is then built (and, for
// intercom-gen, vetted and verified on the wire: `intercom-gen verify`
// calls every operation against a server that validates the requests
// and answers with the description's examples).

// outcome is one tool's result on one description.
type outcome struct {
	generated, built, vetted bool
	// why is what the first failure printed first (failureLine).
	why string
	// verify is intercom-gen's verify summary, parsed.
	verify *verifyFigures
}

// verifyFigures are the counts of `intercom-gen verify`'s summary line.
type verifyFigures struct {
	called, ops, valid, requests, decoded, examples, invalid, failures int
}

var verifySummary = regexp.MustCompile(`examples decoded (\d+)/(\d+).*operations called (\d+)/(\d+), requests valid (\d+)/(\d+) \((\d+) invalid examples.*; (\d+) failures`)

func parseVerify(out string) *verifyFigures {
	m := verifySummary.FindStringSubmatch(out)
	if m == nil {
		return nil
	}
	n := make([]int, len(m))
	for i := 1; i < len(m); i++ {
		fmt.Sscan(m[i], &n[i])
	}
	return &verifyFigures{decoded: n[1], examples: n[2], called: n[3], ops: n[4], valid: n[5], requests: n[6], invalid: n[7], failures: n[8]}
}

// publicRow is every tool on one description.
type publicRow struct {
	name     string
	size     int64
	outcomes []outcome
}

// publicDescriptions lists the description files of dir, in name order.
// The paths are absolute: each tool runs in a folder of its own, where a
// relative path would name nothing.
func publicDescriptions(dir string) ([]string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		switch ext := filepath.Ext(e.Name()); {
		case e.IsDir():
		case ext == ".json", ext == ".yaml", ext == ".yml":
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(out)
	if len(out) == 0 {
		return nil, fmt.Errorf("no .json or .yaml descriptions in %s", dir)
	}
	return out, nil
}

// runPublic runs every tool on every description of dir and writes the
// table.
func runPublic(ctx context.Context, cfg *config, tools []tool, dir string, w io.Writer) error {
	files, err := publicDescriptions(dir)
	if err != nil {
		return err
	}
	var rows []publicRow
	for _, file := range files {
		st, err := os.Stat(file)
		if err != nil {
			return err
		}
		row := publicRow{name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)), size: st.Size()}
		for _, t := range tools {
			cfg.logf("%s: %s", row.name, t.name)
			o := publicOutcome(ctx, cfg, t, file, row.name)
			// The report names the description, not where it sits here.
			o.why = strings.ReplaceAll(o.why, file, filepath.Base(file))
			row.outcomes = append(row.outcomes, o)
		}
		rows = append(rows, row)
	}
	writePublic(w, cfg, tools, rows)
	return nil
}

// publicOutcome generates, builds and (for intercom-gen) vets and
// verifies one description with one tool.
func publicOutcome(ctx context.Context, cfg *config, t tool, file, name string) outcome {
	var o outcome
	modDir := filepath.Join(cfg.work, "public", slug(t.name), slug(name))
	pkgDir := filepath.Join(modDir, "intercom")
	if err := os.RemoveAll(modDir); err != nil {
		o.why = err.Error()
		return o
	}
	if err := os.MkdirAll(modDir, 0o755); err != nil {
		o.why = err.Error()
		return o
	}
	gomod := fmt.Sprintf("module peerbench.example/%s\n\ngo 1.25\n", strings.ReplaceAll(slug(t.name), ".", "_"))
	if err := os.WriteFile(filepath.Join(modDir, "go.mod"), []byte(gomod), 0o644); err != nil {
		o.why = err.Error()
		return o
	}
	cmd, err := t.command(ctx, file, modDir, pkgDir)
	if err != nil {
		o.why = err.Error()
		return o
	}
	if _, err := measure(cmd); err != nil {
		o.why = "generate: " + failureLine(err)
		return o
	}
	o.generated = true
	if t.needsDeps {
		if _, err := measure(goCmd(ctx, modDir, "mod", "tidy")); err != nil {
			o.why = "go mod tidy: " + failureLine(err)
			return o
		}
	}
	if _, err := measure(goCmd(ctx, modDir, "build", "./...")); err != nil {
		o.why = "build: " + failureLine(err)
		return o
	}
	o.built = true
	if _, err := measure(goCmd(ctx, modDir, "vet", "./...")); err != nil {
		o.why = "vet: " + failureLine(err)
		return o
	}
	o.vetted = true
	if t.name != "intercom-gen" {
		return o
	}
	var out strings.Builder
	verify := exec.CommandContext(ctx, t.bin, "verify", "--spec", file)
	verify.Stdout, verify.Stderr = &out, &out
	err = verify.Run()
	o.verify = parseVerify(out.String())
	if o.verify == nil {
		o.why = "verify: " + failureLine(fmt.Errorf("%v: %s", err, out.String()))
	}
	return o
}

// failureLine keeps the first informative line of a tool's failure, with
// the lines it introduces when it ends in a colon ("resolve spec:").
func failureLine(err error) string {
	lead := ""
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "…") {
			continue
		}
		if strings.Contains(line, ": exit status") {
			continue
		}
		line = lead + line
		if strings.HasSuffix(line, ":") && len(line) < 160 {
			lead = line + " "
			continue
		}
		if len(line) > 160 {
			line = line[:160] + "…"
		}
		return line
	}
	if lead != "" {
		return strings.TrimSpace(lead)
	}
	return firstLine(err.Error())
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func writePublic(w io.Writer, cfg *config, tools []tool, rows []publicRow) {
	fmt.Fprintf(w, "Measured by `go run ./cmd/peerbench -public DIR` on %s, %s: every description unmodified, each tool's package in a module of its own.\n\n",
		describeMachine(context.Background()), time.Now().UTC().Format("2006-01-02"))
	fmt.Fprint(w, "| description | MB |")
	for _, t := range tools {
		fmt.Fprintf(w, " %s |", t.name)
	}
	fmt.Fprintln(w, " intercom-gen verify |")
	fmt.Fprint(w, "|---|---:|")
	for range tools {
		fmt.Fprint(w, "---|")
	}
	fmt.Fprintln(w, "---|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %.2f |", r.name, float64(r.size)/1e6)
		var verify string
		for _, o := range r.outcomes {
			fmt.Fprintf(w, " %s |", o.cell())
			if o.verify != nil {
				v := o.verify
				verify = fmt.Sprintf("%d/%d operations called, %d/%d requests valid, %d/%d examples decoded, %d invalid examples of the description, %d failures",
					v.called, v.ops, v.valid, v.requests, v.decoded, v.examples, v.invalid, v.failures)
			}
		}
		if verify == "" {
			verify = "–"
		}
		fmt.Fprintf(w, " %s |\n", verify)
	}
	var notes []string
	for _, r := range rows {
		for i, o := range r.outcomes {
			if o.why != "" {
				notes = append(notes, fmt.Sprintf("- %s, %s: %s", r.name, tools[i].name, strings.ReplaceAll(o.why, "|", `\|`)))
			}
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "\nWhere a tool stopped:")
		fmt.Fprintln(w)
		fmt.Fprintln(w, strings.Join(notes, "\n"))
	}
	_ = cfg
}

// cell says how far a tool got: generated, built, vetted.
func (o outcome) cell() string {
	switch {
	case o.vetted:
		return "builds, vets"
	case o.built:
		return "builds; vet fails"
	case o.generated:
		return "generates; build fails"
	}
	return "fails"
}
