package blockyaml

import (
	"os"
	"path/filepath"
	"testing"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/golden"
)

// BenchmarkParse parses 2.11's and Preview's descriptions, with go-yaml's
// parse of the same text as the baseline of the same run (read the two as
// a ratio):
//
//	go test -run '^$' -bench Parse -benchmem ./loader/blockyaml/
func BenchmarkParse(b *testing.B) {
	for _, dir := range []string{"2.11", "0"} {
		data, err := os.ReadFile(filepath.Join(golden.OpenAPIDir(b), "descriptions", dir, "api.intercom.io.yaml"))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(dir+"/blockyaml", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(data)
			}
		})
		b.Run(dir+"/go-yaml", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var n yaml.Node
				if err := yaml.Unmarshal(data, &n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
