package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader"
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
	forceFlag = &cli.BoolFlag{
		Name:  "force",
		Usage: "do the full work even when the folder's stamp shows that nothing changed since the last run",
	}
	strictFlag = &cli.BoolFlag{
		Name:  "strict",
		Usage: "fail (exit 1) when the description draws warnings, listing them as errors",
	}
	packageFlag = &cli.StringFlag{
		Name:  "package",
		Usage: "Go package `NAME`",
		Value: generator.DefaultPackage,
	}
	importPathFlag = &cli.StringFlag{
		Name:  "import-path",
		Usage: "the import `PATH` of --out, which the test package <out>/<package>test imports (default: from the go.mod of the module --out is in)",
	}
	noTestPkgFlag = &cli.BoolFlag{
		Name:  "no-testpkg",
		Usage: "leave out the test package <out>/<package>test (a stand-in Intercom server for the tests of code using the package)",
	}
	configFlag = &cli.StringFlag{
		Name:  "config",
		Usage: "generate every target of `FILE` (intercom-gen.yaml) instead of one --spec/--version",
	}
	checkFlag = &cli.BoolFlag{
		Name:  "check",
		Usage: "write nothing: regenerate in memory, print a unified diff of stale, missing and extra generated files, exit 1 if any",
	}
	jsonFlag = &cli.BoolFlag{
		Name:  "json",
		Usage: "print the outcome and every diagnostic as one JSON object on standard output (the human-readable lines go to standard error)",
	}
	maxSizeFlag = &cli.Int64Flag{
		Name:  "max-size",
		Usage: "read descriptions of up to `MIB` mebibytes",
		Value: loader.DefaultMaxSize >> 20,
		Action: func(_ *cli.Context, n int64) error {
			if n < 1 || n > maxSizeMiB {
				return usagef("--max-size %d: give a size in MiB from 1 to %d", n, maxSizeMiB)
			}
			return nil
		},
	}
	allowExternalRefsFlag = &cli.BoolFlag{
		Name:  "allow-external-refs",
		Usage: "let $refs name files inside the description's own folder (URLs, absolute paths and paths leaving the folder stay refused)",
	}
)

// flagTarget is the one target the flags describe (--out is required by
// the commands that write or compare a folder, not by the others).
func flagTarget(c *cli.Context, needOut bool) (generator.Target, error) {
	t := generator.Target{
		Spec: c.String("spec"), Version: c.String("version"), OpenAPIDir: c.String("openapi-dir"),
		Out: c.String("out"), Package: c.String("package"),
		ImportPath: c.String("import-path"), NoTestPackage: c.Bool("no-testpkg"),
		Load:   loadOptions(c),
		Strict: c.Bool("strict"),
	}
	switch {
	case t.Spec != "" && t.Version != "":
		return t, usagef("give either --spec or --version, not both")
	case t.Spec == "" && t.Version == "":
		return t, usagef("no description: give --spec FILE or --version VERSION (with --openapi-dir or INTERCOM_OPENAPI_DIR)")
	case needOut && t.Out == "":
		return t, usagef("no output folder: give --out DIR (or --config FILE)")
	}
	if _, err := t.PackageName(); err != nil {
		return t, usagef("--package: %v", err)
	}
	if t.ImportPath != "" {
		if err := generator.CheckImportPath(t.ImportPath); err != nil {
			return t, usagef("--import-path: %v", err)
		}
	}
	return t, nil
}

// maxSizeMiB is the largest --max-size: 1 TiB, far above any description,
// and small enough that the size in bytes cannot overflow.
const maxSizeMiB = 1 << 20

// loadOptions are the loader options the flags set.
func loadOptions(c *cli.Context) loader.Options {
	return loader.Options{Validate: c.Bool("validate"), AllowExternalRefs: c.Bool("allow-external-refs"), MaxSize: c.Int64("max-size") << 20}
}

// targets are those of --config, or the one the flags describe.
func targets(c *cli.Context) ([]generator.Target, error) {
	file := c.String("config")
	if file == "" {
		t, err := flagTarget(c, true)
		return []generator.Target{t}, err
	}
	if c.IsSet("spec") || c.IsSet("version") || c.IsSet("out") || c.IsSet("package") || c.IsSet("import-path") {
		return nil, usagef("--config names the targets: leave out --spec, --version, --out, --package and --import-path")
	}
	ts, err := generator.ConfigTargets(file, c.String("openapi-dir"))
	for i := range ts {
		ts[i].Load = loadOptions(c)
		ts[i].Strict = c.Bool("strict")
		if c.Bool("no-testpkg") {
			ts[i].NoTestPackage = true
		}
	}
	return ts, err
}
