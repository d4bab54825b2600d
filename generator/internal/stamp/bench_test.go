package stamp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
)

// BenchmarkIntact checks a folder shaped like Preview's package (100
// files, 2.5 MB) the way Intact does (the files read through one buffer
// per worker, a worker per core) and the way it did before (each file
// read whole, one after another), alternating in the same loop; the
// ratio is intact/sequential.
func BenchmarkIntact(b *testing.B) {
	body := strings.Repeat("a line of generated Go source, about as long as they are\n", 440)
	var files []gofile.File
	for i := range 100 {
		files = append(files, gen(fmt.Sprintf("file%03d.go", i), body))
	}
	dir := written(b, files...)
	s := Read(dir)
	var intact, sequential time.Duration
	for b.Loop() {
		start := time.Now()
		if !s.Intact(dir) {
			b.Fatal("the folder is not intact")
		}
		mid := time.Now()
		for name, sum := range s.Files {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || Sum(data) != sum {
				b.Fatal("a file changed", err)
			}
		}
		intact += mid.Sub(start)
		sequential += time.Since(mid)
	}
	n := float64(b.N)
	b.ReportMetric(float64(intact.Microseconds())/n, "intact-µs/op")
	b.ReportMetric(float64(sequential.Microseconds())/n, "sequential-µs/op")
	b.ReportMetric(float64(intact)/float64(sequential), "intact/sequential")
}
