package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProgramSum: the stamp names the program by the build ID the go
// command wrote into it (as go tool buildid reads it), so that another
// ID is another program; a file without a trustworthy ID is hashed whole.
func TestProgramSum(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the build ID is read from ELF executables")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id := goBuildID(exe)
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := strings.TrimSpace(string(out)); id == "" || id != want {
		t.Fatalf("build ID %q, go tool buildid says %q", id, want)
	}
	if got := programSum(exe); got != "go-build-id:"+id {
		t.Fatalf("programSum = %q", got)
	}

	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	variant := func(name, replacement string) string {
		t.Helper()
		if len(replacement) != len(id) || bytes.Count(data, []byte(id)) != 1 {
			t.Fatalf("cannot make %s: the ID is not in the file once", name)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, bytes.Replace(data, []byte(id), []byte(replacement), 1), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Another program: the last hash (the content's) differs.
	last := "A"
	if id[len(id)-1] == 'A' {
		last = "B"
	}
	other := id[:len(id)-1] + last
	if got := programSum(variant("other", other)); got != "go-build-id:"+other {
		t.Errorf("another ID: programSum = %q, want it", got)
	}
	// An ID the go command would not write is not trusted: the whole file
	// is hashed.
	blank := strings.Repeat("x", len(id))
	p := variant("blank", blank)
	sum := sha256.Sum256(bytes.Replace(data, []byte(id), []byte(blank), 1))
	if got := programSum(p); got != hex.EncodeToString(sum[:]) {
		t.Errorf("untrusted ID: programSum = %q, want the file's SHA-256", got)
	}
	// Not an executable at all.
	text := filepath.Join(dir, "text")
	if err := os.WriteFile(text, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256([]byte("#!/bin/sh\n")); programSum(text) != hex.EncodeToString(sum[:]) {
		t.Errorf("a script: programSum = %q", programSum(text))
	}
	if programSum(filepath.Join(dir, "missing")) != "" {
		t.Error("a missing program has a sum")
	}
}

// BenchmarkProgramSum compares reading the build ID with hashing the
// whole executable (this test binary, about the size of intercom-gen),
// which the stamp did on every run before.
func BenchmarkProgramSum(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("buildid", func(b *testing.B) {
		for b.Loop() {
			if goBuildID(exe) == "" {
				b.Skip("no build ID")
			}
		}
	})
	b.Run("sha256", func(b *testing.B) {
		blank := filepath.Join(b.TempDir(), "exe")
		data, err := os.ReadFile(exe)
		if err != nil {
			b.Fatal(err)
		}
		// The same bytes without the ELF header: programSum hashes them.
		if err := os.WriteFile(blank, append([]byte("not ELF "), data...), 0o644); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if programSum(blank) == "" {
				b.Fatal("no sum")
			}
		}
	})
}
