package loader

import (
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"
)

// The loader's stages, one benchmark each, on 2.11 and Preview, with
// kin-openapi's bare LoadFromFile of the same file as the baseline of the
// same run (compare ns/op and B/op as ratios; the machine's speed cancels):
//
//	go test -run '^$' -bench 'Stage|KinBaseline' -benchmem ./loader/
//
// Parse is the one YAML parse; Prepare readies the tree for kin's decoder;
// Repair runs the repair rules and the targeted patches; Decode hands the
// repaired tree to kin-openapi and resolves references; Load is all of it.
// Each stage starts from the tree the stages before it left, made outside
// the timer (and outside the allocation counts).

var benchVersions = []string{"2.11", "preview"}

// benchInput reads a version's description, skipping without the specs.
func benchInput(b *testing.B, version string) (string, []byte) {
	b.Helper()
	path, err := ResolveVersion(openapiDir(b), version)
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return path, data
}

// stage names one step of LoadBytes.
type stage int

const (
	stageParse stage = iota
	stagePrepare
	stageRepair
	stageDecode
	stageDone
)

// runStages is LoadBytes in steps, so that a benchmark can time one of
// them: the steps before from run with the timer stopped, from itself with
// the timer running, the rest not at all.
func runStages(b *testing.B, file string, data []byte, from stage) {
	cfg, err := embedded()
	if err != nil {
		b.Fatal(err)
	}
	l := &load{file: file, cfg: cfg, ext: newExternal(file, false)}
	timed := func(s stage, f func()) {
		if s != from {
			b.StopTimer()
			defer b.StartTimer()
		}
		f()
	}
	var root *yaml.Node
	timed(stageParse, func() { root = l.parse(data) })
	if root == nil {
		b.Fatal(l.diags.Err())
	}
	if from == stageParse {
		return
	}
	timed(stagePrepare, func() { l.prepare(root) })
	if from == stagePrepare {
		return
	}
	top := root.Content[0]
	timed(stageRepair, func() {
		if !l.checkDocument(top) {
			b.Fatal(l.diags.Err())
		}
		w := &walker{l: l, top: top}
		w.document()
		l.repairPathParams(top)
		l.applyPatches(top)
	})
	if err := l.diags.Err(); err != nil {
		b.Fatal(err)
	}
	if from == stageRepair {
		return
	}
	timed(stageDecode, func() {
		if _, ok := l.decode(root); !ok {
			b.Fatal(l.diags.Err())
		}
	})
}

func benchStage(b *testing.B, s stage) {
	for _, v := range benchVersions {
		b.Run(v, func(b *testing.B) {
			path, data := benchInput(b, v)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				runStages(b, path, data, s)
			}
		})
	}
}

// BenchmarkStageParse is the YAML parse into a node tree.
func BenchmarkStageParse(b *testing.B) { benchStage(b, stageParse) }

// BenchmarkStagePrepare readies scalars and keys for kin's decoder.
func BenchmarkStagePrepare(b *testing.B) { benchStage(b, stagePrepare) }

// BenchmarkStageRepair is the repair rules and patches on the tree.
func BenchmarkStageRepair(b *testing.B) { benchStage(b, stageRepair) }

// BenchmarkStageDecode is kin-openapi's decode of the repaired tree and
// the resolution of its references.
func BenchmarkStageDecode(b *testing.B) { benchStage(b, stageDecode) }

// BenchmarkStageLoad is the whole loader from bytes in memory.
func BenchmarkStageLoad(b *testing.B) {
	for _, v := range benchVersions {
		b.Run(v, func(b *testing.B) {
			path, data := benchInput(b, v)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := LoadBytes(path, data, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkKinBaseline is kin-openapi's own LoadFromData on the same
// bytes, the floor of any kin-based generator. 2.11 has a dangling $ref
// that kin cannot resolve, so it is measured on Preview only.
func BenchmarkKinBaseline(b *testing.B) {
	b.Run("preview", func(b *testing.B) {
		_, data := benchInput(b, "preview")
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := openapi3.NewLoader().LoadFromData(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
