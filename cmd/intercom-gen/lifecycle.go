package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/check"
	"github.com/intercom-gen/intercom-gen/generator/config"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Shared by generate, check and surface.
var (
	configFlag = &cli.StringFlag{
		Name:  "config",
		Usage: "generate every target of `FILE` (intercom-gen.yaml) instead of one --spec/--version",
	}
	checkFlag = &cli.BoolFlag{
		Name:  "check",
		Usage: "write nothing: regenerate in memory, print a unified diff of stale, missing and extra generated files, exit 1 if any",
	}
)

// target is one package to generate: from the flags or from a config.
type target struct {
	name    string
	path    string // the description file
	out     string
	pkg     string
	filter  generator.Filter
	version string
	// release lets the generator drop the loaded document early (the
	// caller does not look at it).
	release bool
}

// targets resolves --config, or the single target the flags describe.
func targets(c *cli.Context) ([]target, error) {
	if file := c.String("config"); file != "" {
		if c.IsSet("spec") || c.IsSet("version") || c.IsSet("out") || c.IsSet("package") {
			return nil, errors.New("--config names the targets: leave out --spec, --version, --out and --package")
		}
		cfg, err := config.Load(file)
		if err != nil {
			return nil, err
		}
		dir := cfg.OpenAPIDir
		if dir == "" {
			dir = c.String("openapi-dir")
		}
		var ts []target
		for _, t := range cfg.Targets {
			path := t.Spec
			if t.Version != "" {
				p, err := loader.ResolveVersion(dir, t.Version)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: target %s: %w", cfg.File, t.Line, t.Name, err)
				}
				path = p
			}
			ts = append(ts, target{name: t.Name, path: path, out: t.Out, pkg: t.Package, version: t.Version, release: true, filter: generator.Filter{
				IncludeTags: t.IncludeTags, ExcludeTags: t.ExcludeTags,
				IncludeOperations: t.IncludeOperations, ExcludeOperations: t.ExcludeOperations,
			}})
		}
		return ts, nil
	}
	if c.String("out") == "" {
		return nil, errors.New("Required flag \"out\" not set: give --out DIR (or --config FILE)")
	}
	path, err := descriptionPath(c)
	if err != nil {
		return nil, err
	}
	return []target{{name: c.String("out"), path: path, out: c.String("out"), pkg: c.String("package"), release: true}}, nil
}

// generateTarget loads and generates one target in memory, printing its
// diagnostics.
func generateTarget(c *cli.Context, t target) (*loader.Document, *generator.Result, error) {
	doc, res, diags, err := buildTarget(c, t)
	printDiags(c, diags)
	return doc, res, err
}

// buildTarget loads and generates one target in memory and prints
// nothing, so that targets can be built concurrently.
func buildTarget(c *cli.Context, t target) (*loader.Document, *generator.Result, diag.List, error) {
	doc, diags, err := loader.Load(t.path, loadOptions(c))
	if err != nil {
		return nil, nil, diags, err
	}
	res, err := generator.Generate(doc, generator.Options{Package: t.pkg, Filter: t.filter, ReleaseDocument: t.release})
	if res != nil {
		diags = append(diags, res.Diags...)
	}
	if err != nil {
		return nil, nil, diags, err
	}
	return doc, res, diags, nil
}

// errStale is returned by check mode when something differs; the diff has
// been printed already.
var errStale = cli.Exit("", 1)

// checkTargets regenerates each target in memory and compares it with its
// folder, printing a unified diff of what differs.
func checkTargets(c *cli.Context, ts []target) error {
	stale := 0
	for _, t := range ts {
		_, res, err := generateTarget(c, t)
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		r, err := check.Compare(t.out, res.Files)
		if err != nil {
			return err
		}
		if !r.OK() {
			stale++
			fmt.Fprint(c.App.Writer, r.Diff)
		}
		fmt.Fprintln(c.App.ErrWriter, "intercom-gen: check: "+r.Summary())
	}
	if stale > 0 {
		fmt.Fprintf(c.App.ErrWriter, "intercom-gen: check: %d of %d package(s) out of date: regenerate with the same command without --check (or `intercom-gen generate --config FILE`), then commit\n", stale, len(ts))
		return errStale
	}
	return nil
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "compare generated folders with a fresh generation; exit 1 with a unified diff when they differ",
		UsageText: "intercom-gen check (--config FILE | (--spec FILE | --version VERSION [--openapi-dir DIR]) --out DIR [--package NAME])",
		Flags: []cli.Flag{
			configFlag, specFlag, versionFlag, openapiDirFlag,
			&cli.StringFlag{Name: "out", Usage: "the generated package's `DIR`"},
			&cli.StringFlag{Name: "package", Usage: "Go package `NAME`", Value: generator.DefaultPackage},
			verboseFlag,
		},
		Action: func(c *cli.Context) error {
			ts, err := targets(c)
			if err != nil {
				return err
			}
			return checkTargets(c, ts)
		},
	}
}

// resolveSide reads a --from/--to argument: a version name, else a file.
func resolveSide(c *cli.Context, arg string) (label, path string, err error) {
	if _, verr := loader.VersionDir(arg); verr == nil {
		if _, serr := os.Stat(arg); serr != nil {
			p, err := loader.ResolveVersion(c.String("openapi-dir"), arg)
			return strings.ToLower(arg), p, err
		}
	}
	if _, err := os.Stat(arg); err != nil {
		return "", "", fmt.Errorf("%s is neither a version (%s) nor a description file", arg, strings.Join(loader.Versions, ", "))
	}
	return filepath.Base(arg), arg, nil
}

// generateTargets is generate with --config or --check. Targets are
// generated concurrently (as many at a time as the process may use
// cores), then written one after another in the config's order, each
// printing its diagnostics and one summary line: the output, the messages
// and what is written when a target fails (the targets before it, not
// those after) are those of generating them one by one.
func generateTargets(c *cli.Context) error {
	ts, err := targets(c)
	if err != nil {
		return err
	}
	if c.Bool("check") {
		return checkTargets(c, ts)
	}
	type built struct {
		res   *generator.Result
		diags diag.List
		err   error
		start time.Time
	}
	results := make([]built, len(ts))
	ready := make([]chan struct{}, len(ts))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	workers := min(runtime.GOMAXPROCS(0), len(ts))
	paths := make([]string, len(ts))
	for i, t := range ts {
		paths[i] = t.path
	}
	tuneGC(paths, workers)
	var stop atomic.Bool // a target failed: start no more
	defer stop.Store(true)
	go func() {
		slots := make(chan struct{}, workers)
		for i, t := range ts {
			slots <- struct{}{}
			if stop.Load() {
				return
			}
			go func() {
				defer func() { <-slots }()
				start := time.Now()
				_, res, diags, err := buildTarget(c, t)
				results[i] = built{res: res, diags: diags, err: err, start: start}
				close(ready[i])
			}()
		}
	}()
	for i, t := range ts {
		<-ready[i]
		b := results[i]
		results[i] = built{} // the files are not kept once written
		printDiags(c, b.diags)
		if b.err != nil {
			if c.String("config") == "" {
				return b.err // the one target the flags name
			}
			return fmt.Errorf("%s: %w", t.name, b.err)
		}
		st, err := generator.Write(t.out, b.res.Files)
		if err != nil {
			return err
		}
		pkg := b.res.Package
		fmt.Fprintf(c.App.Writer, "intercom-gen: version %s: %d types, %d operations, %d files (%d written, %d unchanged, %d removed) in %s → %s%s\n",
			pkg.Version, len(pkg.Types), len(pkg.Operations), len(b.res.Files), st.Written, st.Unchanged, st.Removed,
			time.Since(b.start).Round(time.Millisecond), t.out, diagSummary(c, b.diags))
	}
	return nil
}
