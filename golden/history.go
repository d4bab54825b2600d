// Reading every description Intercom has published, from the history of
// its description repository: a git bundle beside the project, see
// ../shared/upstream/README.md.

package golden

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A Snapshot is one published description file.
type Snapshot struct {
	Dir    string // descriptions/<Dir>: 2.7 … 2.16, 0 for Preview
	Commit string // the commit of the history that published it
	Date   string // the commit's date, YYYY-MM-DD
	Blob   string // git's hash of the file
}

// String names the snapshot as dir@commit (date), the commit shortened.
func (s Snapshot) String() string { return fmt.Sprintf("%s@%.7s (%s)", s.Dir, s.Commit, s.Date) }

// HistoryBundle finds the bundle: $INTERCOM_OPENAPI_HISTORY, else
// upstream/intercom-openapi-history.bundle beside the description
// repository (see OpenAPIDir). Without it the test skips, unless
// INTERCOM_REQUIRE_SPECS=1.
func HistoryBundle(tb testing.TB) string {
	tb.Helper()
	p := os.Getenv("INTERCOM_OPENAPI_HISTORY")
	if p == "" {
		p = filepath.Join(OpenAPIDir(tb), "..", "upstream", "intercom-openapi-history.bundle")
	}
	if _, err := os.Stat(p); err != nil {
		msg := "the history bundle is not at " + p + " (set INTERCOM_OPENAPI_HISTORY)"
		if os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
			tb.Fatal(msg + "; INTERCOM_REQUIRE_SPECS=1 forbids skipping")
		}
		tb.Skip(msg)
	}
	return p
}

// History clones the bundle (found by HistoryBundle) and lists, per
// version folder, the snapshots oldest first, with the content of every
// distinct file keyed by its blob hash. It skips the test when git is not
// installed.
func History(tb testing.TB) (map[string][]Snapshot, map[string][]byte) {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not found")
	}
	repo := filepath.Join(tb.TempDir(), "history.git")
	git(tb, "", "clone", "-q", "--bare", "--branch", "history", HistoryBundle(tb), repo)
	// --raw names each file's new blob; --reverse gives oldest first.
	log := git(tb, repo, "log", "--reverse", "--format=C %H %cs", "--raw", "--no-abbrev", "--no-renames",
		"history", "--", "descriptions/*/api.intercom.io.yaml")
	byDir := map[string][]Snapshot{}
	var commit, date string
	for line := range strings.Lines(string(log)) {
		f := strings.Fields(line)
		switch {
		case len(f) == 3 && f[0] == "C":
			commit, date = f[1], f[2]
		case len(f) == 6 && strings.HasPrefix(f[0], ":") && f[4] != "D":
			dir := strings.TrimSuffix(strings.TrimPrefix(f[5], "descriptions/"), "/api.intercom.io.yaml")
			byDir[dir] = append(byDir[dir], Snapshot{Dir: dir, Commit: commit, Date: date, Blob: f[3]})
		}
	}
	blobs := map[string][]byte{}
	var want []string
	for _, snaps := range byDir {
		for _, s := range snaps {
			if _, ok := blobs[s.Blob]; !ok {
				blobs[s.Blob] = nil
				want = append(want, s.Blob)
			}
		}
	}
	slices.Sort(want)
	cmd := exec.Command("git", "-C", repo, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(want, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("git cat-file: %v", err)
	}
	r := bufio.NewReader(bytes.NewReader(out))
	for range want {
		head, err := r.ReadString('\n')
		f := strings.Fields(head)
		if err != nil || len(f) != 3 || f[1] != "blob" {
			tb.Fatalf("git cat-file: %q, %v", head, err)
		}
		n, _ := strconv.Atoi(f[2])
		data := make([]byte, n+1) // the content and a newline
		if _, err := io.ReadFull(r, data); err != nil {
			tb.Fatal(err)
		}
		blobs[f[0]] = data[:n]
	}
	return byDir, blobs
}

// git runs git with args in dir and returns its output, failing the test
// if it fails.
func git(tb testing.TB, dir string, args ...string) []byte {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return out
}
