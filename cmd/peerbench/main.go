// Command peerbench measures intercom-gen against oapi-codegen and ogen on
// Intercom's descriptions, in one run on one machine, and prints the
// figures as Markdown with their ratios:
//
//	go run ./cmd/peerbench -openapi-dir ../shared/intercom-openapi
//	go run ./cmd/peerbench -public ../shared/public-descriptions
//
// It installs the peers with go install (oapi-codegen v2.8.2, ogen v1.24.0
// unless told otherwise), gives them the minimally patched descriptions
// they need (see patch.go; intercom-gen reads the unmodified files), then
// runs the tools alternately, after one warm-up each, and reports medians:
//
//   - generation wall time and peak memory (whole process), and kin-openapi's
//     bare LoadFromFile of the same file as the floor;
//   - output lines (.go files);
//   - compile time and peak memory of the generated package alone: the
//     package sits in a scratch module whose dependencies and standard
//     library are already built, and a one-line file changes before every
//     build so that only the package is compiled again;
//   - intercom-gen alone on all 11 versions: time per version against the
//     description's size, and the total.
//
// With -runtime it measures the generated code instead (runtime.go): the
// packages intercom-gen and oapi-codegen generate for each version decode
// and encode the payloads under specs/payloads and answer client calls,
// and intercom-gen's decodes every success example of the description.
//
// Every figure comes from the same run, so the ratios hold on a noisy
// machine even when the absolute numbers do not.
//
// With -public DIR it measures generality instead: every tool generates a
// package from each description in DIR (other APIs', unmodified), which is
// built and vetted, and intercom-gen's is verified on the wire; the table
// says how far each tool got (public.go).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

type config struct {
	openapiDir  string
	versions    []string // compared with the peers
	all         []string // intercom-gen alone
	runs        int
	work        string
	keep        bool
	peers       bool
	compile     bool
	oapiVersion string
	ogenVersion string
	public      string // a folder of other APIs' descriptions (public.go)
	repo        string // this module's root
	bin         string // work/bin
	out         io.Writer
	progress    io.Writer

	// runtime measures the generated packages' codec and client
	// against oapi-codegen's (runtime.go) instead of the generators.
	runtime   bool
	jsonv2    bool
	benchtime time.Duration
	runFilter string
}

func main() {
	// The kin-openapi floor runs as its own process, like the tools.
	if len(os.Args) == 3 && os.Args[1] == "-kinload" {
		if _, err := openapi3.NewLoader().LoadFromFile(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	// So is patching: a child's peak memory as the kernel reports it
	// starts at its parent's (fork shares the address space until exec),
	// so this process must stay small and leave parsing to children.
	if len(os.Args) == 4 && os.Args[1] == "-patch" {
		applied, err := writePatched(os.Args[2], os.Args[3])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(strings.Join(applied, ", "))
		return
	}
	cfg := config{out: os.Stdout, progress: os.Stderr}
	var versions, all string
	flag.StringVar(&cfg.openapiDir, "openapi-dir", os.Getenv("INTERCOM_OPENAPI_DIR"), "a checkout of Intercom's description repository (default $INTERCOM_OPENAPI_DIR)")
	flag.StringVar(&versions, "versions", "preview,2.11", "versions to compare with the peers, comma-separated")
	flag.StringVar(&all, "all", "2.7,2.8,2.9,2.10,2.11,2.12,2.13,2.14,2.15,2.16,preview", "versions intercom-gen generates for the size/time table; empty skips it")
	flag.IntVar(&cfg.runs, "n", 5, "counted runs per measurement (after one warm-up)")
	flag.StringVar(&cfg.work, "work", "", "work folder (default: a new temporary folder, removed afterwards)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work folder")
	flag.BoolVar(&cfg.peers, "peers", true, "measure oapi-codegen and ogen too")
	flag.BoolVar(&cfg.compile, "compile", true, "measure compiling the generated packages")
	flag.StringVar(&cfg.oapiVersion, "oapi-codegen", "v2.8.2", "oapi-codegen version to install")
	flag.StringVar(&cfg.ogenVersion, "ogen", "v1.24.0", "ogen version to install")
	flag.BoolVar(&cfg.runtime, "runtime", false, "measure the generated code instead: decoding, encoding and client calls on specs/payloads and the descriptions' examples, against oapi-codegen's package (-n rounds)")
	flag.BoolVar(&cfg.jsonv2, "jsonv2", false, "with -runtime: build the benchmark with GOEXPERIMENT=jsonv2")
	flag.DurationVar(&cfg.benchtime, "benchtime", 300*time.Millisecond, "with -runtime: time per benchmark per round")
	flag.StringVar(&cfg.runFilter, "run", "", "with -runtime: only the cases whose version, row and tool (separated by spaces) match this regular expression")
	flag.StringVar(&cfg.public, "public", "", "instead of timing Intercom's versions, run every tool on each description in this folder (unmodified) and report which generate, build and vet, and intercom-gen's verify figures")
	flag.Parse()
	cfg.versions = splitList(versions)
	cfg.all = splitList(all)
	if err := run(context.Background(), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "peerbench:", err)
		os.Exit(1)
	}
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(ctx context.Context, cfg *config) error {
	if cfg.openapiDir == "" && cfg.public == "" {
		return errors.New("no descriptions: pass -openapi-dir (a checkout of github.com/intercom/Intercom-OpenAPI) or set INTERCOM_OPENAPI_DIR")
	}
	if cfg.runs < 1 {
		return errors.New("-n must be at least 1")
	}
	repo, err := moduleRoot(ctx)
	if err != nil {
		return err
	}
	cfg.repo = repo
	if cfg.work == "" {
		cfg.work, err = os.MkdirTemp("", "peerbench-")
		if err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(cfg.work)
		}
	}
	cfg.work, err = filepath.Abs(cfg.work)
	if err != nil {
		return err
	}
	cfg.bin = filepath.Join(cfg.work, "bin")
	if err := os.MkdirAll(cfg.bin, 0o755); err != nil {
		return err
	}

	tools, err := setupTools(ctx, cfg)
	if err != nil {
		return err
	}
	if cfg.runtime {
		return runtimeBench(ctx, cfg, tools)
	}
	if cfg.public != "" {
		return runPublic(ctx, cfg, tools, cfg.public, cfg.out)
	}
	rep := &report{cfg: cfg}
	rep.machine = describeMachine(ctx)
	for _, v := range cfg.versions {
		if err := compareVersion(ctx, cfg, tools, v, rep); err != nil {
			return fmt.Errorf("%s: %w", v, err)
		}
	}
	if len(cfg.all) > 0 {
		if err := scaleTable(ctx, cfg, tools[0], rep); err != nil {
			// What was measured is still worth printing.
			rep.write(cfg.out)
			return err
		}
	}
	rep.write(cfg.out)
	return nil
}

// moduleRoot finds this repository, which intercom-gen is built from.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/intercom-gen/intercom-gen").Output()
	if err != nil {
		return "", fmt.Errorf("run peerbench inside the intercom-gen repository (go list -m: %v)", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func (cfg *config) logf(format string, args ...any) {
	fmt.Fprintf(cfg.progress, "peerbench: "+format+"\n", args...)
}
