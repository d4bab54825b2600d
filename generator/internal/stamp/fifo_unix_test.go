//go:build unix

package stamp

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestIntactNotRegular: a named pipe or a link to a device where a
// generated file was is a change, found without opening it (opening a
// pipe waits for a writer; reading /dev/zero never ends).
func TestIntactNotRegular(t *testing.T) {
	for _, replace := range []struct {
		name string
		make func(path string) error
	}{
		{"pipe", func(path string) error { return syscall.Mkfifo(path, 0o644) }},
		{"device", func(path string) error { return os.Symlink("/dev/zero", path) }},
	} {
		t.Run(replace.name, func(t *testing.T) {
			dir := written(t, gen("client.go", "a"), gen("models.go", "b"))
			path := filepath.Join(dir, "models.go")
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := replace.make(path); err != nil {
				t.Skip("cannot make one here:", err)
			}
			done := make(chan bool, 1)
			go func() { done <- Read(dir).Intact(dir) }()
			select {
			case intact := <-done:
				if intact {
					t.Error("Intact: true with a generated file replaced")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Intact did not return")
			}
		})
	}
}
