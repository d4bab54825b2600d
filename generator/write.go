package generator

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// IsGenerated reports whether content starts with intercom-gen's header.
func IsGenerated(content []byte) bool {
	line, _, _ := bytes.Cut(content, []byte("\n"))
	return string(bytes.TrimRight(line, "\r")) == Header
}

// fileIsGenerated reads just the first line of a file.
func fileIsGenerated(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil && line == "" {
		return false, nil
	}
	return IsGenerated([]byte(line)), nil
}

// WriteStats counts what Write did.
type WriteStats struct {
	Written, Unchanged, Removed int
}

// Write puts files into dir. It never touches a file intercom-gen did not
// write (it refuses to replace one), removes its own files that are no
// longer generated (the operations of a tag that disappeared), and writes
// through a temporary folder inside dir so a failure leaves no
// half-written file. Files whose content is unchanged are not rewritten.
func Write(dir string, files []File) (WriteStats, error) {
	var st WriteStats
	want := map[string]bool{}
	for _, f := range files {
		if f.Name != filepath.Base(f.Name) || !strings.HasSuffix(f.Name, ".go") || strings.HasPrefix(f.Name, ".") {
			return st, fmt.Errorf("generator: refusing to write %q: not a plain .go file name", f.Name)
		}
		want[f.Name] = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return st, err
	}
	var stale []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		gen, err := fileIsGenerated(filepath.Join(dir, e.Name()))
		if err != nil {
			return st, err
		}
		switch {
		case want[e.Name()] && !gen:
			return st, fmt.Errorf("%s: not written by intercom-gen (no %q header); refusing to replace it: move it away or choose another --out",
				filepath.Join(dir, e.Name()), Header)
		case !want[e.Name()] && gen:
			stale = append(stale, e.Name())
		}
	}
	tmp, err := os.MkdirTemp(dir, ".intercom-gen-")
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(tmp)
	var changed []string
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err == nil && bytes.Equal(old, f.Source) {
			st.Unchanged++
			continue
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return st, err
		}
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Source, 0o644); err != nil {
			return st, err
		}
		changed = append(changed, f.Name)
	}
	slices.Sort(changed)
	for _, name := range changed {
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(dir, name)); err != nil {
			return st, err
		}
		st.Written++
	}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return st, err
		}
		st.Removed++
	}
	return st, nil
}
