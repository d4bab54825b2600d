// Package write is the last stage: it puts the files of a generated
// package into their folder, all of them or none, and never touches a file
// that is not intercom-gen's (see Write).
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/generator/internal/parallel"
)

// Stats counts what Write did.
type Stats struct {
	Written, Unchanged, Removed int
}

// tmpPrefix names Write's working folders inside the output folder; the
// go command ignores folders starting with ".".
const tmpPrefix = ".intercom-gen-"

// commitName is the journal that makes a working folder's content the
// output: present (complete, renamed into place atomically) means "move
// these files in and remove these", absent means "discard".
const commitName = "COMMIT"

// writeHook, set by tests only, is called at each step of Write so that a
// test can kill the process there.
var writeHook func(step string)

func hook(step string) {
	if writeHook != nil {
		writeHook(step)
	}
}

// plainName is the only shape of file name Write accepts: a plain .go
// file, in the folder or in one sub-folder of it (the test package,
// "intercomtest/server.go"); no "..", no deeper folders, nothing the go
// command would read as a build constraint's prefix.
var plainName = regexp.MustCompile(`^([a-z][a-z0-9_]*/)?[A-Za-z0-9][A-Za-z0-9_]*\.go$`)

// subdir is the sub-folder part of a plain name, "" for none.
func subdir(name string) string {
	sub, _, ok := strings.Cut(name, "/")
	if !ok {
		return ""
	}
	return sub
}

// Folders lists the folders Write and the check mode look at for a set
// of files: "" for dir itself, then each sub-folder that files name or
// owned lists (a sub-folder intercom-gen writes even when this
// generation has nothing in it, so that its files can be found stale),
// sorted and without repeats.
func Folders(files []gofile.File, owned []string) []string {
	dirs := []string{""}
	for _, f := range files {
		dirs = append(dirs, subdir(f.Name))
	}
	dirs = append(dirs, owned...)
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

// native turns a plain name into a path under dir.
func native(dir, name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }

// Write puts files into dir, all of them or none:
//
//   - every file is first written (and synced) into a working folder
//     inside dir; nothing in dir changes until all are written;
//   - then a journal naming the files to move in and the stale ones to
//     remove is committed atomically, and the moves and removals run;
//   - a run killed before the commit leaves dir as it was (its working
//     folder is discarded by the next run); one killed after it is
//     finished by the next run, before anything else.
//
// Only files that start with intercom-gen's header are replaced or removed:
// Write refuses to replace any other file (a user's own, a symbolic link)
// and never removes one. Generated files that are no longer produced (the
// service of a tag that disappeared) are removed. Unchanged files are not
// rewritten. File names must be plain (letters, digits, underscores,
// ".go"), so nothing is ever written outside dir.
//
// A file may sit in one sub-folder ("intercomtest/server.go"), written in
// the same all-or-nothing way; owned names sub-folders whose generated
// files are stale even when files has none there (a test package no
// longer generated). A sub-folder that is not a real folder (a symbolic
// link) is refused, so that nothing is written through it.
func Write(dir string, files []gofile.File, owned ...string) (Stats, error) {
	var st Stats
	want := map[string]bool{}
	for _, f := range files {
		if !plainName.MatchString(f.Name) {
			return st, fmt.Errorf("write: refusing to write %q: not a plain .go file name", f.Name)
		}
		if want[f.Name] {
			return st, fmt.Errorf("write: two files named %s", f.Name)
		}
		want[f.Name] = true
	}
	if err := checkDir(dir); err != nil {
		return st, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	release, err := lock(dir)
	if err != nil {
		return st, err
	}
	defer release()
	if err := recoverWrites(dir); err != nil {
		return st, err
	}
	var stale []string
	folders := Folders(files, owned)
	for _, sub := range folders {
		entries, err := readFolder(dir, sub)
		if err != nil {
			return st, err
		}
		for _, e := range entries {
			name := path.Join(sub, e.Name())
			if !strings.HasSuffix(name, ".go") || !plainName.MatchString(name) {
				continue
			}
			gen, err := gofile.FileIsGenerated(native(dir, name))
			if err != nil {
				return st, err
			}
			switch {
			case want[name] && !gen:
				return st, fmt.Errorf("%s: not written by intercom-gen (no %q header); refusing to replace it: move it away or choose another --out",
					native(dir, name), gofile.Header)
			case !want[name] && gen:
				stale = append(stale, name)
			}
		}
	}
	tmp, err := os.MkdirTemp(dir, tmpPrefix)
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(tmp)
	for _, sub := range folders[1:] {
		if err := os.Mkdir(filepath.Join(tmp, sub), 0o755); err != nil {
			return st, err
		}
	}
	// Files are compared and written one after another. Creating files in
	// one folder is serialised (the kernel locks the folder for each new
	// entry), so creators in parallel gain nothing and spend CPU time
	// waiting on each other. Nothing in dir changes here.
	var changed []string
	for _, f := range files {
		old, err := os.ReadFile(native(dir, f.Name))
		if err == nil && bytes.Equal(old, f.Source) {
			st.Unchanged++
			continue
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return st, err
		}
		if err := writeFile(native(tmp, f.Name), f.Source); err != nil {
			return st, err
		}
		changed = append(changed, f.Name)
		hook("file-written")
	}
	slices.Sort(changed)
	slices.Sort(stale)
	if len(changed) == 0 && len(stale) == 0 {
		return st, nil
	}
	var journal strings.Builder
	for _, name := range changed {
		journal.WriteString("write " + name + "\n")
	}
	for _, name := range stale {
		journal.WriteString("remove " + name + "\n")
	}
	part := filepath.Join(tmp, commitName+".part")
	if err := writeFile(part, []byte(journal.String())); err != nil {
		return st, err
	}
	// The files and the journal must be on disk before the journal's
	// rename commits them: a crash must not leave a committed journal
	// naming a file whose data was lost. One sync of the file system
	// flushes them all at once (the renames that follow are flushed by
	// syncing their folders); where that cannot be had, each is synced,
	// by a few goroutines, since a sync waits for the disk and many can
	// wait at once.
	if ok, err := fileSystemSync(tmp); err != nil {
		return st, err
	} else if !ok {
		synced := append(slices.Clone(changed), commitName+".part")
		if err := parallel.Each(len(synced), syncers, func(i int) error {
			return syncFile(native(tmp, synced[i]))
		}); err != nil {
			return st, err
		}
	}
	hook("all-written")
	if err := os.Rename(part, filepath.Join(tmp, commitName)); err != nil {
		return st, err
	}
	syncDir(tmp)
	hook("committed")
	w, r, err := applyJournal(dir, tmp)
	st.Written, st.Removed = w, r
	if err != nil {
		return st, err
	}
	syncDir(dir)
	return st, nil
}

// applyJournal moves in and removes what the committed journal of tmp
// lists, then deletes tmp. Run again after an interruption it finishes the
// job: moved files are no longer in tmp, removed ones no longer in dir.
func applyJournal(dir, tmp string) (written, removed int, err error) {
	data, err := os.ReadFile(filepath.Join(tmp, commitName))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		op, name, ok := strings.Cut(line, " ")
		if !ok || !plainName.MatchString(name) {
			return written, removed, fmt.Errorf("%s: damaged journal line %q", tmp, line)
		}
		target := native(dir, name)
		switch op {
		case "write":
			src := native(tmp, name)
			if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
				continue // moved before an interruption
			}
			if sub := subdir(name); sub != "" {
				if err := makeFolder(dir, sub); err != nil {
					return written, removed, err
				}
			}
			// A file that appeared since the journal was written and is
			// not intercom-gen's stays as it is.
			if gen, err := gofile.FileIsGenerated(target); err == nil && !gen {
				return written, removed, fmt.Errorf("%s: not written by intercom-gen; refusing to replace it", target)
			}
			if err := os.Rename(src, target); err != nil {
				return written, removed, err
			}
			written++
			hook("moved")
		case "remove":
			gen, err := gofile.FileIsGenerated(target)
			if errors.Is(err, fs.ErrNotExist) || err == nil && !gen {
				continue
			}
			if err != nil {
				return written, removed, err
			}
			if err := os.Remove(target); err != nil {
				return written, removed, err
			}
			removed++
			if sub := subdir(name); sub != "" {
				// A sub-folder left empty goes too; one holding
				// anything else (the user's files) fails and stays.
				os.Remove(filepath.Join(dir, sub))
			}
		default:
			return written, removed, fmt.Errorf("%s: damaged journal line %q", tmp, line)
		}
	}
	return written, removed, os.RemoveAll(tmp)
}

// recoverWrites settles the working folders an interrupted Write left in
// dir: committed ones are finished, the others discarded.
func recoverWrites(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tmpPrefix) {
			continue
		}
		tmp := filepath.Join(dir, e.Name())
		if _, err := os.Stat(filepath.Join(tmp, commitName)); err == nil {
			if _, _, err := applyJournal(dir, tmp); err != nil {
				return fmt.Errorf("finishing an interrupted write: %w", err)
			}
			continue
		}
		if err := os.RemoveAll(tmp); err != nil {
			return err
		}
	}
	return nil
}

// readFolder lists the entries of dir's sub-folder sub ("" for dir), none
// when it does not exist; a sub-folder that is not a real folder is an
// error, for nothing may be written or removed through a link.
func readFolder(dir, sub string) ([]os.DirEntry, error) {
	if sub != "" {
		fi, err := os.Lstat(filepath.Join(dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s: not a folder (%s); intercom-gen writes its generated sub-package there: move it away or choose another --out",
				filepath.Join(dir, sub), fi.Mode().Type())
		}
	}
	return os.ReadDir(filepath.Join(dir, sub))
}

// makeFolder makes dir's sub-folder sub if it is missing, refusing one
// that is not a real folder.
func makeFolder(dir, sub string) error {
	if _, err := readFolder(dir, sub); err != nil {
		return err
	}
	err := os.Mkdir(filepath.Join(dir, sub), 0o755)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// fileSystemSync is syncFS; tests replace it to take the other paths.
var fileSystemSync = syncFS

// syncers bounds the goroutines that sync one package's files.
const syncers = 8

// writeFile creates a new file holding data, not yet synced.
func writeFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncFile flushes a written file to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (best effort: not every system can).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
