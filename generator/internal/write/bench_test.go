package write

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
)

// BenchmarkWriteSync writes a package the size of Preview's (90 files,
// 2 MB) into a new folder, its files flushed by one sync of the file
// system or one by one (read the two as a ratio: the disk decides both):
//
//	go test -run '^$' -bench WriteSync ./generator/internal/write/
func BenchmarkWriteSync(b *testing.B) {
	var files []gofile.File
	for i := range 90 {
		body := strings.Repeat("// A line of a generated file, about as long as one.\n", 400)
		files = append(files, genFile(fmt.Sprintf("file_%d.go", i), body))
	}
	for _, c := range []struct {
		name string
		sync func(string) (bool, error)
	}{
		{"filesystem", syncFS},
		{"filebyfile", func(string) (bool, error) { return false, nil }},
	} {
		b.Run(c.name, func(b *testing.B) {
			defer func() { fileSystemSync = syncFS }()
			fileSystemSync = c.sync
			parent := b.TempDir()
			n := 0
			for b.Loop() {
				n++
				if _, err := Write(filepath.Join(parent, strconv.Itoa(n)), files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
