package generator_test

import (
	"bufio"
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
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

// A snapshot is one published description file.
type snapshot struct {
	dir    string // descriptions/<dir>: 2.7 … 2.16, 0 for Preview
	commit string
	date   string // the commit's date, YYYY-MM-DD
	blob   string // git's hash of the file
}

func (s snapshot) String() string { return fmt.Sprintf("%s@%.7s (%s)", s.dir, s.commit, s.date) }

// historyBundle finds the bundle: $INTERCOM_OPENAPI_HISTORY, else
// upstream/intercom-openapi-history.bundle beside the description
// repository.
func historyBundle(t *testing.T) string {
	p := os.Getenv("INTERCOM_OPENAPI_HISTORY")
	if p == "" {
		p = filepath.Join(golden.OpenAPIDir(t), "..", "upstream", "intercom-openapi-history.bundle")
	}
	if _, err := os.Stat(p); err != nil {
		msg := "the history bundle is not at " + p + " (set INTERCOM_OPENAPI_HISTORY)"
		if os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
			t.Fatal(msg + "; INTERCOM_REQUIRE_SPECS=1 forbids skipping")
		}
		t.Skip(msg)
	}
	return p
}

// readHistory clones the bundle and lists, per version folder, the
// snapshots oldest first, with the content of every distinct file.
func readHistory(t *testing.T) (map[string][]snapshot, map[string][]byte) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	repo := filepath.Join(t.TempDir(), "history.git")
	git(t, "", "clone", "-q", "--bare", "--branch", "history", historyBundle(t), repo)
	// --raw names each file's new blob; --reverse gives oldest first.
	log := git(t, repo, "log", "--reverse", "--format=C %H %cs", "--raw", "--no-abbrev", "--no-renames",
		"history", "--", "descriptions/*/api.intercom.io.yaml")
	byDir := map[string][]snapshot{}
	var commit, date string
	for line := range strings.Lines(string(log)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "C":
			commit, date = f[1], f[2]
		case len(f) == 6 && strings.HasPrefix(f[0], ":") && f[4] != "D":
			dir := strings.TrimSuffix(strings.TrimPrefix(f[5], "descriptions/"), "/api.intercom.io.yaml")
			byDir[dir] = append(byDir[dir], snapshot{dir: dir, commit: commit, date: date, blob: f[3]})
		}
	}
	blobs := map[string][]byte{}
	var want []string
	for _, snaps := range byDir {
		for _, s := range snaps {
			if _, ok := blobs[s.blob]; !ok {
				blobs[s.blob] = nil
				want = append(want, s.blob)
			}
		}
	}
	slices.Sort(want)
	cmd := exec.Command("git", "-C", repo, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(want, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git cat-file: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for range want {
		head, err := r.ReadString('\n')
		f := strings.Fields(head)
		if err != nil || len(f) != 3 || f[1] != "blob" {
			t.Fatalf("git cat-file: %q, %v", head, err)
		}
		n, _ := strconv.Atoi(f[2])
		data := make([]byte, n+1) // the content and a newline
		if _, err := io.ReadFull(r, data); err != nil {
			t.Fatal(err)
		}
		blobs[f[0]] = data[:n]
	}
	return byDir, blobs
}

func git(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// historyStep is what one snapshot gave.
type historyStep struct {
	snap  snapshot
	files []generator.File
	// Against the snapshot before it in the same folder: the number of
	// changes, and of breaking ones.
	changes, breaking int
}

func TestHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("the whole upstream history: not with -short")
	}
	byDir, blobs := readHistory(t)
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
			if !seen[s.snap.blob] {
				seen[s.snap.blob] = true
				distinct = append(distinct, s)
			}
		}
	}
	slices.SortFunc(distinct, func(a, b historyStep) int { return cmp.Compare(a.snap.blob, b.snap.blob) })
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
		if _, err := generator.Write(filepath.Join(mod, "s"+s.snap.blob[:10]), s.files); err != nil {
			t.Fatal(err)
		}
	}
	goCmd(t, mod, "build", "./...")
	goCmd(t, mod, "vet", "./...")
	t.Logf("built and vetted %d of the %d distinct snapshots", len(sample), len(distinct))
}

// historyFolder generates a folder's snapshots in order and diffs each
// with the one before.
func historyFolder(t *testing.T, snaps []snapshot, blobs map[string][]byte) []historyStep {
	var out []historyStep
	var prev apidiff.Input
	for _, s := range snaps {
		name := "descriptions/" + s.dir + "/api.intercom.io.yaml"
		doc, _, err := loader.LoadBytes(name, blobs[s.blob], loader.Options{})
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
	var largestFrom snapshot
	var lines []string
	for _, d := range dirs {
		breaking, changes, updates := 0, 0, 0
		for i, s := range steps[d] {
			if i == 0 {
				continue
			}
			y := s.snap.date[:4]
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
