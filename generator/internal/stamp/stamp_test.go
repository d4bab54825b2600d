package stamp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

func gen(name, body string) gofile.File {
	return gofile.File{Name: name, Source: []byte(gofile.Header + "\n\npackage p\n\n// " + body + "\n")}
}

// written puts files and their stamp into a new folder.
func written(t testing.TB, files ...gofile.File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Source, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := New("in", files)
	s.Version, s.Diagnostics = "2.11", diag.List{{Severity: diag.Repair, Code: "ref-siblings", Message: "m"}}
	if err := Write(dir, s); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestIntact: a folder is intact only while every generated file is as
// written; anything else is stale (other inputs: TestNoOpRegeneration in
// package generator, which compares them).
func TestIntact(t *testing.T) {
	files := []gofile.File{gen("client.go", "a"), gen("ptest/server.go", "b")}
	for _, tc := range []struct {
		name   string
		change func(dir string) error
		intact bool
	}{
		{"unchanged", func(string) error { return nil }, true},
		{"edited", func(d string) error { return os.WriteFile(filepath.Join(d, "client.go"), []byte("x"), 0o644) }, false},
		{"edited in the sub-folder", func(d string) error {
			return os.WriteFile(filepath.Join(d, "ptest", "server.go"), gen("", "c").Source, 0o644)
		}, false},
		{"missing", func(d string) error { return os.Remove(filepath.Join(d, "client.go")) }, false},
		{"an extra generated file", func(d string) error { return os.WriteFile(filepath.Join(d, "old.go"), gen("", "old").Source, 0o644) }, false},
		{"an extra generated file in the sub-folder", func(d string) error {
			return os.WriteFile(filepath.Join(d, "ptest", "old.go"), gen("", "old").Source, 0o644)
		}, false},
		{"a file of the user's", func(d string) error { return os.WriteFile(filepath.Join(d, "mine.go"), []byte("package p\n"), 0o644) }, true},
		{"a torn stamp", func(d string) error {
			return os.WriteFile(filepath.Join(d, FileName), []byte(`{"format":1,"inp`), 0o644)
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := written(t, files...)
			if err := tc.change(dir); err != nil {
				t.Fatal(err)
			}
			s := Read(dir)
			if got := s.Intact(dir, "ptest"); got != tc.intact {
				t.Errorf("Intact = %v, want %v", got, tc.intact)
			}
			if tc.intact && (s.Inputs != "in" || s.Version != "2.11" || len(s.Diagnostics) != 1 || s.Diagnostics[0].Severity != diag.Repair) {
				t.Errorf("the stamp's report did not read back: %+v", s)
			}
		})
	}
	if Read(t.TempDir()) != nil {
		t.Error("a folder without a stamp has one")
	}
}
