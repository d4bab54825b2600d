// Package check compares a freshly generated package, held in memory, with
// the folder it would be written to: the check mode of intercom-gen
// (`generate --check`, `check`) that CI runs to catch stale output.
//
// Only files intercom-gen writes take part: files in the folder without
// its header (gofile.Header) are the user's and are ignored, exactly as
// generator.Write leaves them alone.
package check

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/textdiff"
	"github.com/intercom-gen/intercom-gen/generator/internal/write"
)

// Result says how a folder differs from what generation produces.
type Result struct {
	Dir string
	// Stale files exist with other content; Missing ones do not exist;
	// Extra ones carry the header but are no longer generated.
	Stale, Missing, Extra []string
	// Diff is a unified diff from the folder to the generated files.
	Diff string
}

// OK reports whether the folder is up to date.
func (r *Result) OK() bool {
	return len(r.Stale)+len(r.Missing)+len(r.Extra) == 0
}

// Summary is one line: "generated/2.11: up to date" or
// "generated/2.11: 1 stale, 0 missing, 1 extra file(s): client.go, x.go".
func (r *Result) Summary() string {
	if r.OK() {
		return r.Dir + ": up to date"
	}
	all := slices.Concat(r.Stale, r.Missing, r.Extra)
	slices.Sort(all)
	return fmt.Sprintf("%s: %d stale, %d missing, %d extra generated file(s): %s",
		r.Dir, len(r.Stale), len(r.Missing), len(r.Extra), strings.Join(all, ", "))
}

// Compare compares files with the generated files in dir and in the
// sub-folders files name or owned lists (see write.Folders). A missing
// dir counts every file as missing.
func Compare(dir string, files []gofile.File, owned ...string) (*Result, error) {
	r := &Result{Dir: dir}
	want := map[string]bool{}
	var b strings.Builder
	for _, f := range files {
		want[f.Name] = true
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			r.Missing = append(r.Missing, f.Name)
			b.WriteString(textdiff.Unified("/dev/null", filepath.ToSlash(path), "", string(f.Source)))
			continue
		case err != nil:
			return nil, err
		}
		if !gofile.IsGenerated(old) {
			// generator.Write would refuse to replace it: say so.
			return nil, fmt.Errorf("%s: not written by intercom-gen (no %q header), yet intercom-gen generates a file of that name: move it away or choose another output folder", path, gofile.Header)
		}
		if string(old) != string(f.Source) {
			r.Stale = append(r.Stale, f.Name)
			b.WriteString(textdiff.Unified(filepath.ToSlash(path), filepath.ToSlash(path)+" (regenerated)", string(old), string(f.Source)))
		}
	}
	for _, sub := range write.Folders(files, owned) {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			name := pathpkg.Join(sub, e.Name())
			if e.IsDir() || !strings.HasSuffix(name, ".go") || want[name] {
				continue
			}
			path := filepath.Join(dir, filepath.FromSlash(name))
			content, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			if gofile.IsGenerated(content) {
				r.Extra = append(r.Extra, name)
				b.WriteString(textdiff.Unified(filepath.ToSlash(path), "/dev/null", string(content), ""))
			}
		}
	}
	r.Diff = b.String()
	return r, nil
}
