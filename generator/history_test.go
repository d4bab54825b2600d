package generator_test

import (
	"cmp"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/internal/apidiff"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// Every description Intercom has published, from the history of its
// description repository (a git bundle beside the project, see
// ../shared/upstream/README.md): TestHistory loads and generates each
// distinct snapshot from the unmodified file, builds and vets a fixed
// sample of them, and diffs every snapshot of a version with the one
// before it, as a user's CI meets them. -history-all builds and vets every
// snapshot (for local runs: about half an hour on two cores); -v prints
// the history's summary, the figures in the README.
var historyAll = flag.Bool("history-all", false, "build and vet every snapshot of the history bundle, not a sample")

// historySample is how many snapshots CI builds and vets.
const historySample = 20

// historyStep is what one snapshot gave.
type historyStep struct {
	snap  golden.Snapshot
	files []generator.File
	// Against the snapshot before it in the same folder: the number of
	// changes, and of breaking ones.
	changes, breaking int
}

func TestHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole upstream history: not with -short")
	}
	byDir, blobs := golden.History(t)
	dirs := slices.Sorted(maps.Keys(byDir))
	total := 0
	for _, d := range dirs {
		total += len(byDir[d])
	}
	t.Logf("%d snapshots (%d distinct files) in %d version folders", total, len(blobs), len(dirs))

	// Each folder's snapshots are generated in order, each diffed with
	// the one before; folders run in parallel.
	steps := map[string][]historyStep{}
	var mu sync.Mutex
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for d := range work {
				out := historyFolder(t, byDir[d], blobs)
				mu.Lock()
				steps[d] = out
				mu.Unlock()
			}
		})
	}
	for _, d := range dirs {
		work <- d
	}
	close(work)
	wg.Wait()
	if t.Failed() {
		return
	}
	summarizeHistory(t, dirs, steps)

	// Build and vet a sample spread evenly over the distinct files (or,
	// with -history-all, every one).
	var distinct []historyStep
	seen := map[string]bool{}
	for _, d := range dirs {
		for _, s := range steps[d] {
			if !seen[s.snap.Blob] {
				seen[s.snap.Blob] = true
				distinct = append(distinct, s)
			}
		}
	}
	slices.SortFunc(distinct, func(a, b historyStep) int { return cmp.Compare(a.snap.Blob, b.snap.Blob) })
	sample := distinct
	if !*historyAll && len(distinct) > historySample {
		sample = nil
		for i := range historySample {
			sample = append(sample, distinct[i*len(distinct)/historySample])
		}
	}
	mod := t.TempDir()
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module example.com/history\n\ngo 1.24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range sample {
		if _, err := generator.Write(filepath.Join(mod, "s"+s.snap.Blob[:10]), s.files); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	t.Logf("built and vetted %d of the %d distinct snapshots", len(sample), len(distinct))
}

// historyFolder generates a folder's snapshots in order and diffs each
// with the one before.
func historyFolder(t *testing.T, snaps []golden.Snapshot, blobs map[string][]byte) []historyStep {
	var out []historyStep
	var prev apidiff.Input
	for _, s := range snaps {
		name := "descriptions/" + s.Dir + "/api.intercom.io.yaml"
		doc, _, err := loader.LoadBytes(name, blobs[s.Blob], loader.Options{})
		if err != nil {
			t.Errorf("%s does not load: %v", s, err)
			return nil
		}
		res, err := generator.GenerateDocument(doc, generator.Options{})
		if err != nil {
			t.Errorf("%s does not generate: %v", s, err)
			return nil
		}
		step := historyStep{snap: s, files: res.Files}
		in := apidiff.Input{Label: s.String(), File: name, Doc: doc, Result: res}
		if prev.Doc != nil {
			r, err := apidiff.Compare(prev, in)
			if err != nil {
				t.Errorf("diff %s → %s: %v", prev.Label, s, err)
				return nil
			}
			step.changes = len(r.Changes)
			for _, c := range r.Changes {
				if c.Level == apidiff.Breaking {
					step.breaking++
				}
			}
		}
		prev = in
		out = append(out, step)
	}
	return out
}

// summarizeHistory logs the figures of the README: changes per year,
// breaking changes per version, the largest single update.
func summarizeHistory(t *testing.T, dirs []string, steps map[string][]historyStep) {
	perYear := map[string][2]int{} // changes, updates
	var largest historyStep
	var largestFrom golden.Snapshot
	var lines []string
	for _, d := range dirs {
		breaking, changes, updates := 0, 0, 0
		for i, s := range steps[d] {
			if i == 0 {
				continue
			}
			y := s.snap.Date[:4]
			py := perYear[y]
			perYear[y] = [2]int{py[0] + s.changes, py[1] + 1}
			breaking += s.breaking
			changes += s.changes
			updates++
			if s.changes > largest.changes {
				largest, largestFrom = s, steps[d][i-1].snap
			}
		}
		name := d
		if d == "0" {
			name = "Preview"
		}
		lines = append(lines, fmt.Sprintf("%s: %d snapshots, %d updates, %d changes, %d breaking", name, len(steps[d]), updates, changes, breaking))
	}
	for _, y := range slices.Sorted(maps.Keys(perYear)) {
		lines = append(lines, fmt.Sprintf("%s: %d updates, %d changes", y, perYear[y][1], perYear[y][0]))
	}
	lines = append(lines, fmt.Sprintf("largest update: %s → %s, %d changes (%d breaking)", largestFrom, largest.snap, largest.changes, largest.breaking))
	t.Log("history:\n" + strings.Join(lines, "\n"))
}
