package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// nonceFile is rewritten before every counted build so that the generated
// package, and only it, is compiled again.
const nonceFile = "zz_peerbench_nonce.go"

// toolResult is one tool's figures on one version.
type toolResult struct {
	tool         string
	gen, compile stats
	lines        int
}

// versionResult is one version compared across the tools.
type versionResult struct {
	in      input
	kin     stats // kin-openapi's LoadFromFile, the floor
	kinFile string
	results []toolResult
}

func slug(s string) string {
	return strings.NewReplacer(" ", "-", "/", "-").Replace(s)
}

func compareVersion(ctx context.Context, cfg *config, tools []tool, version string, rep *report) error {
	in, err := prepareInput(cfg, version)
	if err != nil {
		return err
	}
	vr := versionResult{in: in, results: make([]toolResult, len(tools))}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// kin-openapi loads the unmodified file when it can (Preview), else
	// the patched one (2.7–2.11 have a dangling $ref).
	vr.kinFile = in.original
	if _, err := measure(exec.CommandContext(ctx, self, "-kinload", in.original)); err != nil {
		if in.patched == "" {
			return fmt.Errorf("kin-openapi cannot load %s and there is no patched copy: %w", in.original, err)
		}
		vr.kinFile = in.patched
	}

	type job struct {
		tool           tool
		modDir, pkgDir string
		file           string
	}
	jobs := make([]job, len(tools))
	for i, t := range tools {
		modDir := filepath.Join(cfg.work, "mod", slug(t.name), slug(version))
		if err := os.MkdirAll(modDir, 0o755); err != nil {
			return err
		}
		gomod := fmt.Sprintf("module peerbench.example/%s\n\ngo 1.25\n", strings.ReplaceAll(slug(t.name), ".", "_"))
		if err := os.WriteFile(filepath.Join(modDir, "go.mod"), []byte(gomod), 0o644); err != nil {
			return err
		}
		file := in.original
		if t.patched {
			file = in.patched
		}
		jobs[i] = job{tool: t, modDir: modDir, pkgDir: filepath.Join(modDir, "intercom"), file: file}
		vr.results[i].tool = t.name
	}

	// Generation: one warm-up each, then rounds in which the tools take
	// turns, the starting tool rotating, so that drift in the machine's
	// load is shared. Every run writes into an empty folder.
	generate := func(j job) (sample, error) {
		if err := os.RemoveAll(j.pkgDir); err != nil {
			return sample{}, err
		}
		cmd, err := j.tool.command(ctx, j.file, j.modDir, j.pkgDir)
		if err != nil {
			return sample{}, err
		}
		return measure(cmd)
	}
	kinRun := func() (sample, error) { return measure(exec.CommandContext(ctx, self, "-kinload", vr.kinFile)) }
	cfg.logf("%s: generating (%d runs per tool)", version, cfg.runs)
	for _, j := range jobs {
		if _, err := generate(j); err != nil {
			return err
		}
	}
	if _, err := kinRun(); err != nil {
		return err
	}
	genSamples := make([][]sample, len(jobs))
	var kinSamples []sample
	for r := 0; r < cfg.runs; r++ {
		for k := range len(jobs) + 1 {
			i := (r + k) % (len(jobs) + 1)
			var s sample
			var err error
			if i == len(jobs) {
				s, err = kinRun()
				kinSamples = append(kinSamples, s)
			} else {
				s, err = generate(jobs[i])
				genSamples[i] = append(genSamples[i], s)
			}
			if err != nil {
				return err
			}
		}
	}
	vr.kin = summarize(kinSamples)
	for i, j := range jobs {
		vr.results[i].gen = summarize(genSamples[i])
		if vr.results[i].lines, err = goLines(j.pkgDir); err != nil {
			return err
		}
	}

	if cfg.compile {
		cfg.logf("%s: compiling (%d runs per tool)", version, cfg.runs)
		build := func(j job, round int) (sample, error) {
			nonce := fmt.Sprintf("package intercom\n\nconst peerbenchNonce = %d\n", round)
			if err := os.WriteFile(filepath.Join(j.pkgDir, nonceFile), []byte(nonce), 0o644); err != nil {
				return sample{}, err
			}
			return measure(goCmd(ctx, j.modDir, "build", "./intercom"))
		}
		for _, j := range jobs {
			if j.tool.needsDeps {
				if _, err := measure(goCmd(ctx, j.modDir, "mod", "tidy")); err != nil {
					return err
				}
			}
			// The warm-up also builds the dependencies and the standard
			// library into the cache.
			if _, err := build(j, -1); err != nil {
				return err
			}
		}
		samples := make([][]sample, len(jobs))
		for r := 0; r < cfg.runs; r++ {
			for k := range jobs {
				i := (r + k) % len(jobs)
				s, err := build(jobs[i], r)
				if err != nil {
					return err
				}
				samples[i] = append(samples[i], s)
			}
		}
		for i := range jobs {
			vr.results[i].compile = summarize(samples[i])
		}
	}
	rep.versions = append(rep.versions, vr)
	return nil
}

// scaleRow is intercom-gen's generation time on one version.
type scaleRow struct {
	in  input
	gen stats
}

// scaleTable generates every version with intercom-gen alone, round-robin,
// to show how time grows with the description's size.
func scaleTable(ctx context.Context, cfg *config, igen tool, rep *report) error {
	rows := make([]scaleRow, len(cfg.all))
	samples := make([][]sample, len(cfg.all))
	dirs := make([]string, len(cfg.all))
	for i, v := range cfg.all {
		in, err := prepareInputOriginal(cfg, v)
		if err != nil {
			return err
		}
		rows[i].in = in
		dirs[i] = filepath.Join(cfg.work, "scale", slug(v), "intercom")
	}
	cfg.logf("all versions: generating (%d runs each)", cfg.runs)
	for round := -1; round < cfg.runs; round++ {
		for i := range rows {
			if err := os.RemoveAll(dirs[i]); err != nil {
				return err
			}
			cmd, err := igen.command(ctx, rows[i].in.original, filepath.Dir(dirs[i]), dirs[i])
			if err != nil {
				return err
			}
			s, err := measure(cmd)
			if err != nil {
				return err
			}
			if round >= 0 {
				samples[i] = append(samples[i], s)
			}
		}
	}
	for i := range rows {
		rows[i].gen = summarize(samples[i])
	}
	rep.scale = rows

	// The same versions as one intercom-gen.yaml: one process generating
	// every target, as many at a time as it has cores.
	cfgDir := filepath.Join(cfg.work, "scale-config")
	var yml strings.Builder
	yml.WriteString("targets:\n")
	for i, row := range rows {
		// Paths in a config are relative to it.
		spec, err := filepath.Abs(row.in.original)
		if err != nil {
			return err
		}
		fmt.Fprintf(&yml, "  - spec: %q\n    out: %q\n    package: intercom\n", spec, fmt.Sprintf("out/v%d", i))
	}
	if err := os.MkdirAll(cfgDir, 0o755); err != nil {
		return err
	}
	cfgFile := filepath.Join(cfgDir, "intercom-gen.yaml")
	if err := os.WriteFile(cfgFile, []byte(yml.String()), 0o644); err != nil {
		return err
	}
	cfg.logf("all versions as one config: generating (%d runs)", cfg.runs)
	var all []sample
	for round := -1; round < cfg.runs; round++ {
		if err := os.RemoveAll(filepath.Join(cfgDir, "out")); err != nil {
			return err
		}
		s, err := measure(exec.CommandContext(ctx, igen.bin, "generate", "--config", cfgFile))
		if err != nil {
			return err
		}
		if round >= 0 {
			all = append(all, s)
		}
	}
	rep.scaleConfig = summarize(all)
	return nil
}

// prepareInputOriginal resolves a version without patching it.
func prepareInputOriginal(cfg *config, version string) (input, error) {
	c := *cfg
	c.peers = false
	return prepareInput(&c, version)
}
