package write

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
)

func genFile(name, body string) gofile.File {
	return gofile.File{Name: name, Source: []byte(gofile.Header + "\n\npackage p\n\n// " + body + "\n")}
}

// snapshot reads every file under dir (working folders of Write
// excluded) by path relative to dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() && strings.HasPrefix(d.Name(), tmpPrefix) {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(path)
			out[rel] = "-> " + target
			return nil
		}
		data, err := os.ReadFile(path)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalSnapshots(t *testing.T, got, want map[string]string) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Fatalf("the folder changed:\n got %v\nwant %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
}

// oldOutput is a previous generation plus a user's own files.
func oldOutput(t *testing.T) (string, []gofile.File) {
	t.Helper()
	dir := t.TempDir()
	old := []gofile.File{genFile("client.go", "old client"), genFile("service_a.go", "old a"), genFile("service_b.go", "old b"),
		genFile("ptest/server.go", "old server"), genFile("ptest/gone.go", "old gone")}
	if _, err := Write(dir, old); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mine.go"), []byte("package p\n\n// my own code\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ptest", "mine_test.go"), []byte("package ptest\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, old
}

// newFiles replace client.go, keep service_a.go, drop service_b.go and
// add service_c.go; in the sub-folder ptest, they replace server.go, drop
// gone.go and add new.go.
func newFiles() []gofile.File {
	return []gofile.File{genFile("client.go", "new client"), genFile("service_a.go", "old a"), genFile("service_c.go", "new c"),
		genFile("ptest/new.go", "new"), genFile("ptest/server.go", "new server")}
}

func TestWriteReplacesOnlyGenerated(t *testing.T) {
	dir, _ := oldOutput(t)
	st, err := Write(dir, newFiles())
	if err != nil {
		t.Fatal(err)
	}
	if st != (Stats{Written: 4, Unchanged: 1, Removed: 2}) {
		t.Errorf("stats %+v", st)
	}
	got := snapshot(t, dir)
	want := map[string]string{
		"client.go":          string(genFile("client.go", "new client").Source),
		"service_a.go":       string(genFile("service_a.go", "old a").Source),
		"service_c.go":       string(genFile("service_c.go", "new c").Source),
		"mine.go":            "package p\n\n// my own code\n",
		"notes.txt":          "notes",
		"ptest/new.go":       string(genFile("ptest/new.go", "new").Source),
		"ptest/server.go":    string(genFile("ptest/server.go", "new server").Source),
		"ptest/mine_test.go": "package ptest\n",
	}
	equalSnapshots(t, got, want)
	if leftovers, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(leftovers) > 0 {
		t.Errorf("working folders left behind: %v", leftovers)
	}

	// A user's file under a name intercom-gen wants: refused, nothing changes.
	before := snapshot(t, dir)
	_, err = Write(dir, append(newFiles(), genFile("mine.go", "generated")))
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("replacing a user's file: %v", err)
	}
	equalSnapshots(t, snapshot(t, dir), before)

	// A symbolic link under a wanted name is not intercom-gen's either,
	// even when it points at a generated file; a stale-looking link is
	// never removed.
	if err := os.Symlink(filepath.Join(dir, "client.go"), filepath.Join(dir, "linked.go")); err != nil {
		t.Skip(err)
	}
	before = snapshot(t, dir)
	if _, err := Write(dir, append(newFiles(), genFile("linked.go", "x"))); err == nil {
		t.Fatal("replaced a symbolic link")
	}
	if _, err := Write(dir, newFiles()); err != nil {
		t.Fatal(err)
	}
	equalSnapshots(t, snapshot(t, dir), before)
}

func TestWriteRefusesUnsafeNames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	for _, name := range []string{"../escape.go", "../../escape.go", "/etc/passwd.go", "a/b/c.go", "A/b.go", "a/../b.go", "./b.go", "a//b.go", ".hidden.go", "_x.go", "x.txt", "", "..", "x\x00.go", `a\b.go`} {
		if _, err := Write(dir, []gofile.File{genFile("ok.go", "ok"), {Name: name, Source: []byte(gofile.Header + "\n")}}); err == nil {
			t.Errorf("wrote %q", name)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) > 1 || len(entries) == 1 && entries[0].Name() != "out" {
		t.Errorf("something was written beside the output folder: %v", entries)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused write wrote %v", entries)
	}
}

// TestWriteKilled kills a process in the middle of Write, at every step,
// and checks the folder: before the commit the previous output must be
// byte-identical; after it, the next Write must finish the job. A user's
// file is never touched either way.
// TestWriteSubfolder: a sub-folder intercom-gen owns loses its stale
// generated files even when nothing is generated there any more (and
// goes when it is left empty), and is never written through a link.
func TestWriteSubfolder(t *testing.T) {
	dir, _ := oldOutput(t)
	top := []gofile.File{genFile("client.go", "new client")}
	if _, err := Write(dir, top); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, dir); got["ptest/server.go"] == "" {
		t.Fatalf("a sub-folder not named is not looked at: %v", got)
	}
	st, err := Write(dir, top, "ptest")
	if err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, dir)
	if st.Removed != 2 || got["ptest/server.go"] != "" || got["ptest/gone.go"] != "" || got["ptest/mine_test.go"] != "package ptest\n" {
		t.Fatalf("owned sub-folder: %+v %v", st, got)
	}
	os.Remove(filepath.Join(dir, "ptest", "mine_test.go"))
	if _, err := Write(dir, []gofile.File{genFile("ptest/a.go", "a")}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, top, "ptest"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "ptest")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an emptied sub-folder stays: %v", err)
	}

	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "ptest")); err != nil {
		t.Skip(err)
	}
	before := snapshot(t, dir)
	if _, err := Write(dir, []gofile.File{genFile("ptest/a.go", "a")}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("wrote through a linked sub-folder: %v", err)
	}
	equalSnapshots(t, snapshot(t, dir), before)
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
		t.Fatalf("wrote through the link: %v", entries)
	}
}

func TestWriteKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	for _, step := range []string{"file-written", "all-written", "committed", "moved"} {
		t.Run(step, func(t *testing.T) {
			dir, _ := oldOutput(t)
			before := snapshot(t, dir)
			killWriterAt(t, dir, step)
			after := snapshot(t, dir)
			// The killed run's lock stays behind, naming a process that
			// is gone: the next run takes it over.
			if _, ok := after[lockName]; !ok {
				t.Fatal("no lock while the killed run was writing")
			}
			delete(after, lockName)
			switch step {
			case "file-written", "all-written":
				equalSnapshots(t, after, before)
			default:
				if after["mine.go"] != before["mine.go"] || after["notes.txt"] != before["notes.txt"] {
					t.Fatal("a user's file changed")
				}
			}
			// The next run settles what the killed one left.
			if _, err := Write(dir, newFiles()); err != nil {
				t.Fatal(err)
			}
			got := snapshot(t, dir)
			if got["client.go"] != string(genFile("client.go", "new client").Source) || got["service_b.go"] != "" ||
				got["service_c.go"] == "" || got["mine.go"] != before["mine.go"] ||
				got["ptest/server.go"] != string(genFile("ptest/server.go", "new server").Source) || got["ptest/gone.go"] != "" ||
				got["ptest/mine_test.go"] != before["ptest/mine_test.go"] {
				t.Fatalf("after the next run: %v", got)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, tmpPrefix+"*")); len(leftovers) > 0 {
				t.Errorf("working folders left behind: %v", leftovers)
			}
			if _, err := os.Stat(filepath.Join(dir, lockName)); err == nil {
				t.Error("the lock is left behind after a finished run")
			}
		})
	}
}

// TestWriteLocked: a folder another live process is writing is refused at
// once, naming the process, and its working folder is not touched; a
// second Write of this process into the same folder is refused too.
func TestWriteLocked(t *testing.T) {
	dir, _ := oldOutput(t)
	live := os.Getppid() // the go command (or a shell): alive while we run
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte(strconv.Itoa(live)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, old := oldOutput(t)
	theirs := filepath.Join(dir, tmpPrefix+"theirs")
	if err := os.Mkdir(theirs, 0o755); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	_, err := Write(dir, newFiles())
	var le *LockedError
	if !errors.As(err, &le) || le.PID != live || !strings.Contains(err.Error(), fmt.Sprintf("another intercom-gen is writing %s (pid %d)", dir, live)) {
		t.Fatalf("err %v", err)
	}
	if _, err := os.Stat(theirs); err != nil {
		t.Errorf("the live run's working folder was removed: %v", err)
	}
	equalSnapshots(t, snapshot(t, dir), before)

	// A lock naming a process that is gone is stale.
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte("2147483646\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(theirs)
	if _, err := Write(dir, newFiles()); err != nil {
		t.Fatalf("a stale lock: %v", err)
	}

	// Two Writes at once into one folder: exactly one works, the other
	// says why; the folder ends whole.
	results := make(chan error, 2)
	for range 2 {
		go func() { _, err := Write(dir, old); results <- err }()
	}
	var oks, locked int
	for range 2 {
		switch err := <-results; {
		case err == nil:
			oks++
		case errors.As(err, &le):
			locked++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if oks == 0 || oks+locked != 2 {
		t.Errorf("%d succeeded, %d refused", oks, locked)
	}
}

// killWriterAt runs TestWriteChild in a child process that writes
// newFiles into dir and stops at step; it is killed there with SIGKILL.
func killWriterAt(t *testing.T, dir, step string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteChild$", "-test.v")
	cmd.Env = append(os.Environ(), "INTERCOM_GEN_WRITE_CHILD="+dir, "INTERCOM_GEN_WRITE_STEP="+step)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "STOPPED "+step {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("the child finished without reaching %s", step)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the child never reached its step")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
}

// TestWriteChild is the child of TestWriteKilled; it does nothing unless
// started by it.
func TestWriteChild(t *testing.T) {
	dir, step := os.Getenv("INTERCOM_GEN_WRITE_CHILD"), os.Getenv("INTERCOM_GEN_WRITE_STEP")
	if dir == "" {
		t.Skip("only run as TestWriteKilled's child")
	}
	writeHook = func(s string) {
		if s == step {
			fmt.Printf("STOPPED %s\n", s)
			os.Stdout.Sync()
			time.Sleep(time.Minute)
		}
	}
	if _, err := Write(dir, newFiles()); err != nil {
		t.Fatal(err)
	}
}

func TestIsGenerated(t *testing.T) {
	if !gofile.IsGenerated([]byte(gofile.Header+"\r\npackage p")) || gofile.IsGenerated([]byte("package p\n"+gofile.Header)) || gofile.IsGenerated(bytes.TrimSuffix([]byte(gofile.Header), []byte("."))) {
		t.Error("IsGenerated")
	}
}

// TestWriteRefusesOddFolders: a file or a file system's root is not an
// output folder, and nothing is written there.
func TestWriteRefusesOddFolders(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain")
	if err := os.WriteFile(file, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		file:                       "is a file, not a folder",
		string(filepath.Separator): "the root of a file system",
	} {
		_, err := Write(dir, []gofile.File{genFile("a.go", "a")})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Write(%s): %v, want %q", dir, err, want)
		}
	}
	if data, _ := os.ReadFile(file); string(data) != "mine" {
		t.Errorf("the file was changed: %q", data)
	}
	if _, err := os.Stat(filepath.Join(string(filepath.Separator), "a.go")); err == nil {
		t.Error("a.go was written into the root")
	}
}

// TestWriteSyncs: the files are flushed before the journal commits them,
// by one sync of the file system or, where there is none, file by file;
// a failed flush fails the write and leaves the folder as it was.
func TestWriteSyncs(t *testing.T) {
	defer func(f func(string) (bool, error)) { fileSystemSync = f }(fileSystemSync)
	var calls []string
	for _, c := range []struct {
		name string
		sync func(string) (bool, error)
		err  bool
	}{
		{"file system", func(dir string) (bool, error) { calls = append(calls, dir); return syncFS(dir) }, false},
		{"file by file", func(dir string) (bool, error) { calls = append(calls, dir); return false, nil }, false},
		{"failed", func(dir string) (bool, error) { calls = append(calls, dir); return true, errors.New("disk on fire") }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, _ := oldOutput(t)
			before := snapshot(t, dir)
			calls = nil
			fileSystemSync = c.sync
			defer func() { fileSystemSync = syncFS }()
			_, err := Write(dir, newFiles())
			if len(calls) != 1 || !strings.HasPrefix(filepath.Base(calls[0]), tmpPrefix) {
				t.Fatalf("synced %v, want the working folder once", calls)
			}
			after := snapshot(t, dir)
			if c.err {
				if err == nil || !strings.Contains(err.Error(), "disk on fire") {
					t.Fatalf("Write: %v", err)
				}
				equalSnapshots(t, after, before)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if after["client.go"] != string(genFile("client.go", "new client").Source) || after["ptest/new.go"] == "" || after["service_b.go"] != "" {
				t.Fatalf("after the write: %v", after)
			}
		})
	}
}
