package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/intercom-gen/intercom-gen/generator/internal/check"
	"github.com/intercom-gen/intercom-gen/generator/internal/stamp"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// A Reporter hears about each target of a Run once it is done, in the
// targets' order, whatever order they were generated in.
type Reporter interface {
	Done(Outcome)
}

// Outcome is what happened to one target of a Run.
type Outcome struct {
	Target Target
	// Diags are the diagnostics of loading and generating the target.
	Diags diag.List
	// Model is the generated package's model (nil if it failed first, or
	// if the work was skipped).
	Model *Model
	// Version, Types and Operations describe the package (from the model,
	// or from the stamp when the work was skipped).
	Version           string
	Types, Operations int
	// Skipped is true when the folder's stamp showed that nothing changed
	// since the run that wrote it (same generator, description, options,
	// files): Diags are that run's, and nothing was generated again.
	Skipped bool
	// Files counts the generated files.
	Files int
	// Written counts what Write did (not in check mode).
	Written WriteStats
	// Check is the comparison with the folder (check mode only).
	Check *CheckResult
	// Elapsed is the target's time from its start to its end.
	Elapsed time.Duration
	// Err is the target's failure; Run stops at the first one.
	Err error
}

// RunOptions configure Run.
type RunOptions struct {
	// Check writes nothing: each target is compared with its folder.
	Check bool
	// Reporter hears about each target; nil reports nothing.
	Reporter Reporter
	// Workers caps how many targets are generated at once
	// (runtime.GOMAXPROCS when 0).
	Workers int
	// Force does the full work even when a folder's stamp shows that
	// nothing changed (see package stamp).
	Force bool
	// TuneMemory sets the garbage collector up for the run (see
	// memoryLimit) unless GOMEMLIMIT or GOGC is set. The setting is the
	// process's: only a caller that owns the process should ask for it.
	TuneMemory bool
}

// StaleError is Run's error in check mode when folders differ from what
// generation produces.
type StaleError struct {
	Stale, Total int
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("check: %d of %d package(s) out of date: regenerate with the same command without --check (or `intercom-gen generate --config FILE`), then commit", e.Stale, e.Total)
}

// Run generates targets (or, with Check, compares them with their
// folders). Targets are generated concurrently, then written one after
// another in their order, each reported once: what is written and
// reported when a target fails (the targets before it, not those after)
// is what generating them one by one would have written and reported.
func Run(ctx context.Context, targets []Target, opts RunOptions) error {
	if len(targets) == 0 {
		return fmt.Errorf("no targets to generate")
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(targets))
	if opts.TuneMemory {
		tuneMemory(targets, workers)
	}
	type built struct {
		res    *Result
		err    error
		start  time.Time
		inputs string       // the inputs' hash, "" when stamps are off
		stamp  *stamp.Stamp // set when the work was skipped
	}
	results := make([]built, len(targets))
	ready := make([]chan struct{}, len(targets))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	var stop atomic.Bool // a target failed: start no more
	defer stop.Store(true)
	go func() {
		slots := make(chan struct{}, workers)
		for i, t := range targets {
			slots <- struct{}{}
			if stop.Load() {
				return
			}
			go func() {
				defer func() { <-slots }()
				start := time.Now()
				b := built{start: start}
				if !opts.Force {
					b.inputs, b.stamp = upToDate(t)
				}
				if b.err = ctx.Err(); b.err == nil && b.stamp == nil {
					b.res, b.err = Generate(t)
				}
				results[i] = b
				close(ready[i])
			}()
		}
	}()
	stale := 0
	for i, t := range targets {
		select {
		case <-ready[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		b := results[i]
		results[i] = built{} // the files are not kept once written
		out := Outcome{Target: t, Err: b.err}
		if b.res != nil {
			out.Diags, out.Model, out.Files = b.res.Diags, b.res.Package, len(b.res.Files)
			if m := b.res.Package; m != nil {
				out.Version, out.Types, out.Operations = m.Version, len(m.Types), len(m.Operations)
			}
		}
		if st := b.stamp; st != nil && out.Err == nil {
			out.Skipped, out.Diags, out.Files = true, st.Diagnostics, len(st.Files)
			out.Version, out.Types, out.Operations = st.Version, st.Types, st.Operations
			if opts.Check {
				out.Check = &CheckResult{Dir: t.Out}
			} else {
				out.Written = WriteStats{Unchanged: len(st.Files)}
			}
		} else if out.Err == nil {
			if opts.Check {
				out.Check, out.Err = check.Compare(t.Out, b.res.Files, t.TestPackageName())
				if out.Err == nil && !out.Check.OK() {
					stale++
				}
			} else {
				if d, ok := symlinkedOut(t.Out); ok {
					out.Diags = append(out.Diags, d)
				}
				out.Written, out.Err = Write(t.Out, b.res.Files, t.TestPackageName())
				if out.Err == nil && b.inputs != "" && b.res.Package != nil {
					// A stamp that cannot be written only costs the next
					// run its shortcut.
					_ = writeStamp(t, b.inputs, b.res)
				}
			}
		}
		if out.Err != nil && t.Origin != "" {
			out.Err = fmt.Errorf("%s: %w", t.Label(), out.Err)
		}
		out.Elapsed = time.Since(b.start)
		if opts.Reporter != nil {
			opts.Reporter.Done(out)
		}
		if out.Err != nil {
			return out.Err
		}
	}
	if stale > 0 {
		return &StaleError{Stale: stale, Total: len(targets)}
	}
	return nil
}

// symlinkedOut reports an output folder that is a symbolic link: the
// package is written where it points, which the user may not expect (a
// link left over from another layout, or one planted to redirect output).
func symlinkedOut(dir string) (diag.Diagnostic, bool) {
	fi, err := os.Lstat(dir)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		return diag.Diagnostic{}, false
	}
	dest, _ := filepath.EvalSymlinks(dir)
	return diag.Diagnostic{Severity: diag.Warning, Code: "out-symlink", File: dir,
		Message: fmt.Sprintf("the output folder is a symbolic link to %s: the package is written there", dest),
		Hint:    "point --out (or the target's out) at the real folder to silence this"}, true
}
