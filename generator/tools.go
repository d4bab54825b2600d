package generator

import (
	"context"

	"github.com/intercom-gen/intercom-gen/generator/internal/apidiff"
	"github.com/intercom-gen/intercom-gen/generator/internal/check"
	"github.com/intercom-gen/intercom-gen/generator/internal/surface"
	"github.com/intercom-gen/intercom-gen/generator/internal/verify"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// The tools built on the generation stages. Each takes Targets; their
// reports are the internal packages' own types, named here.

// CheckResult says how a folder differs from what generation produces.
type CheckResult = check.Result

// Check generates the target in memory and compares it with its folder.
func Check(t Target) (*CheckResult, diag.List, error) {
	res, err := Generate(t)
	if err != nil {
		return nil, res.Diags, err
	}
	r, err := check.Compare(t.Out, res.Files, t.TestPackageName())
	return r, res.Diags, err
}

// Surface is the public API of the target's package, one sorted line per
// exported item (the format of the committed surface files).
func Surface(t Target) ([]byte, diag.List, error) {
	res, err := Generate(t)
	if err != nil {
		return nil, res.Diags, err
	}
	s, err := surface.FromResult(res)
	if err != nil {
		return nil, res.Diags, err
	}
	return s.Text(), res.Diags, nil
}

// A DiffSide is one side of a Diff.
type DiffSide struct {
	Target Target
	// Label names the side in reports (the description's version when
	// empty); File names its description in locations (the path the
	// target reads when empty).
	Label, File string
}

// The report of Diff, its levels and its formats.
type (
	DiffReport        = apidiff.Report
	DiffLevel         = apidiff.Level
	DiffFormat        = apidiff.Format
	DiffRenderOptions = apidiff.RenderOptions
)

// Levels of a change, from harmless to breaking.
const (
	Additive = apidiff.Additive
	Review   = apidiff.Review
	Breaking = apidiff.Breaking
)

// Formats of a DiffReport.
const (
	DiffText     = apidiff.Text
	DiffMarkdown = apidiff.Markdown
	DiffJSON     = apidiff.JSON
)

// ParseDiffLevel reads "additive", "review" or "breaking".
func ParseDiffLevel(s string) (DiffLevel, error) { return apidiff.ParseLevel(s) }

// Diff classifies what changed between two descriptions for a Go caller,
// on the Go API of the generated packages and on the wire.
func Diff(from, to DiffSide) (*DiffReport, diag.List, error) {
	var in [2]apidiff.Input
	var all diag.List
	for i, s := range []DiffSide{from, to} {
		doc, diags, err := Load(s.Target)
		all = append(all, diags...)
		if err != nil {
			return nil, all, err
		}
		res, err := generateDocument(doc, s.Target, false, false)
		if res != nil {
			all = append(all, res.Diags...)
		}
		if err != nil {
			return nil, all, err
		}
		in[i] = apidiff.Input{Label: s.Label, File: s.File, Doc: doc, Result: res}
	}
	r, err := apidiff.Compare(in[0], in[1])
	return r, all, err
}

// VerifyReport is the outcome of Verify.
type VerifyReport = verify.Report

// Verify generates the target's client and calls every operation through
// it against an in-process server that validates each request against the
// description and answers with its examples.
func Verify(ctx context.Context, t Target) (*VerifyReport, diag.List, error) {
	doc, diags, err := Load(t)
	if err != nil {
		return nil, diags, err
	}
	res, err := generateDocument(doc, t, false, false)
	if res != nil {
		diags = append(diags, res.Diags...)
	}
	if err != nil {
		return nil, diags, err
	}
	rep, err := verify.Run(ctx, doc, res, verify.Options{})
	return rep, diags, err
}
