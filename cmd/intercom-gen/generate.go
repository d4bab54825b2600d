package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Flags shared by the commands that read a description.
var (
	specFlag = &cli.StringFlag{
		Name:  "spec",
		Usage: "read the description from `FILE`",
	}
	versionFlag = &cli.StringFlag{
		Name:  "version",
		Usage: "read Intercom's description of `VERSION` (2.7 … 2.16, preview) from --openapi-dir",
	}
	openapiDirFlag = &cli.StringFlag{
		Name:    "openapi-dir",
		Usage:   "a checkout of Intercom's description repository (`DIR`/descriptions/<version>/api.intercom.io.yaml)",
		EnvVars: []string{"INTERCOM_OPENAPI_DIR"},
	}
	validateFlag = &cli.BoolFlag{
		Name:  "validate",
		Usage: "also run kin-openapi's validation and report its findings as warnings",
	}
	verboseFlag = &cli.BoolFlag{
		Name:    "verbose",
		Aliases: []string{"v"},
		Usage:   "print every diagnostic (repairs, warnings, naming decisions)",
	}
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "generate a Go client package from one description",
		UsageText: "intercom-gen generate (--spec FILE | --version VERSION [--openapi-dir DIR]) --out DIR [--package NAME] [--check]\n   intercom-gen generate --config intercom-gen.yaml [--check]",
		Flags: []cli.Flag{
			specFlag, versionFlag, openapiDirFlag,
			&cli.StringFlag{Name: "out", Usage: "write the package into `DIR` (created if missing; required unless --config)"},
			&cli.StringFlag{Name: "package", Usage: "Go package `NAME`", Value: generator.DefaultPackage},
			validateFlag, verboseFlag, configFlag, checkFlag, jsonFlag, allowExternalRefsFlag,
		},
		Action: withJSON(generateAction),
	}
}

// generateAction generates the targets of --config, or the one the flags
// name (lifecycle.go), or checks them with --check.
func generateAction(c *cli.Context) error {
	return generateTargets(c)
}

// diagSummary counts the diagnostics for the summary line ("" when there
// are none or --verbose already listed them).
func diagSummary(c *cli.Context, diags diag.List) string {
	if c.Bool("verbose") {
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

// loadDescription loads the description named by --spec or --version.
func loadDescription(c *cli.Context) (*loader.Document, diag.List, error) {
	path, err := descriptionPath(c)
	if err != nil {
		return nil, nil, err
	}
	return loader.Load(path, loadOptions(c))
}

// loadOptions are the loader options the flags set.
func loadOptions(c *cli.Context) loader.Options {
	return loader.Options{Validate: c.Bool("validate"), AllowExternalRefs: c.Bool("allow-external-refs")}
}

// descriptionPath resolves --spec or --version to a file.
func descriptionPath(c *cli.Context) (string, error) {
	spec, version := c.String("spec"), c.String("version")
	switch {
	case spec != "" && version != "":
		return "", errors.New("give either --spec or --version, not both")
	case spec != "":
		return spec, nil
	case version != "":
		return loader.ResolveVersion(c.String("openapi-dir"), version)
	}
	return "", errors.New("no description: give --spec FILE or --version VERSION (with --openapi-dir or INTERCOM_OPENAPI_DIR)")
}

// printDiags lists every diagnostic except errors with --verbose (errors
// travel in the returned error, one line per problem).
func printDiags(c *cli.Context, diags diag.List) {
	if recordDiags(c, diags) || !c.Bool("verbose") {
		return
	}
	for _, d := range diags.Sorted() {
		if d.Severity != diag.Error {
			fmt.Fprintln(c.App.ErrWriter, d.String())
		}
	}
}
