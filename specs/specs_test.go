package specs

import (
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
)

// TestEmbedsTheConfiguration checks that the binary carries repairs.yaml and
// every patch on disk, and nothing else (fixtures are test data).
func TestEmbedsTheConfiguration(t *testing.T) {
	var embedded []string
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			embedded = append(embedded, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := filepath.Glob(filepath.Join("patches", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"repairs.yaml", "verify-exceptions.yaml", "pagination.yaml"}
	for _, p := range onDisk {
		want = append(want, filepath.ToSlash(p))
	}
	slices.Sort(want)
	slices.Sort(embedded)
	if !slices.Equal(embedded, want) || len(onDisk) == 0 {
		t.Errorf("embedded %v, want %v", embedded, want)
	}
}
