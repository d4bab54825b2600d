package readfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestMax(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.WriteFile(small, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if data, err := Max(small, 5); err != nil || string(data) != "12345" {
		t.Errorf("at the limit: %q, %v", data, err)
	}
	var tl *TooLargeError
	if _, err := Max(small, 4); !errors.As(err, &tl) || tl.Limit != 4 {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Max(dir, 10); err == nil {
		t.Error("a folder was read")
	}
	if _, err := Max(filepath.Join(dir, "missing"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		if _, err := Max("/dev/zero", 1<<20); !errors.As(err, &tl) {
			t.Errorf("an endless stream: %v", err)
		}
	}
}
