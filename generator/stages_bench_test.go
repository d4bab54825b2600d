package generator_test

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/render"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/templates"
)

// The generator's stages, one benchmark each, on 2.11 and Preview, and the
// whole generate, with kin-openapi's bare LoadFromFile as the baseline of
// the same run (read the figures as ratios to it; the machine cancels):
//
//	go test -run '^$' -bench . -benchmem ./generator/
//	go test -run '^$' -bench 'Stage(Render|Format|Emit)' -benchmem -cpu 1,2 ./generator/
//
// Load is the loader (its own stages: ./loader, BenchmarkStage*); Build
// makes the Go-shaped model; Render is the rendering of every file:
// jennifer's, unformatted, and those written in gofmt's layout (types,
// services, the operations table); Format is go/format on jennifer's
// output, and FormatDirect what formatting the directly written files
// would cost (the work writing them directly saves);
// Emit is rendering and formatting, per file in parallel (-cpu 1 shows it
// sequential); Write is the journalled write
// into an empty folder, and WriteUnchanged the same files over themselves.
// Generate is load, build, emit and write, as the command runs them.

var benchVersions = []string{"2.11", "preview"}

// benchPath resolves a version's description, skipping without the specs.
func benchPath(b *testing.B, version string) string {
	b.Helper()
	path, err := loader.ResolveVersion(openapiDir(b), version)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

func benchLoad(b *testing.B, path string) *loader.Document {
	b.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

func benchBuild(b *testing.B, doc *loader.Document) *model.Package {
	b.Helper()
	pkg, _, err := build.Build(doc.Spec, doc, build.Options{
		Package:  generator.DefaultPackage,
		Version:  doc.Version,
		Source:   filepath.Base(doc.File),
		Reserved: templates.Identifiers(),
	})
	if err != nil {
		b.Fatal(err)
	}
	return pkg
}

// eachVersion runs bench for 2.11 and Preview.
func eachVersion(b *testing.B, bench func(b *testing.B, path string)) {
	for _, v := range benchVersions {
		b.Run(v, func(b *testing.B) {
			path := benchPath(b, v)
			b.ReportAllocs()
			bench(b, path)
		})
	}
}

func BenchmarkStageLoad(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		for b.Loop() {
			benchLoad(b, path)
		}
	})
}

func BenchmarkStageBuild(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		doc := benchLoad(b, path)
		for b.Loop() {
			benchBuild(b, doc)
		}
	})
}

func BenchmarkStageRender(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		pkg := benchBuild(b, benchLoad(b, path))
		for b.Loop() {
			if _, _, err := render.Render(pkg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkStageFormat(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		raw, _, err := render.Render(benchBuild(b, benchLoad(b, path)))
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			// Format replaces each file's Source, never its bytes.
			if err := render.Format(slices.Clone(raw)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStageFormatDirect is the go/format pass that writing files in
// gofmt's layout saves: formatting what it writes (the same bytes).
func BenchmarkStageFormatDirect(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		_, direct, err := render.Render(benchBuild(b, benchLoad(b, path)))
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := render.Format(slices.Clone(direct)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkStageEmit(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		pkg := benchBuild(b, benchLoad(b, path))
		for b.Loop() {
			if _, err := render.Emit(pkg); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func benchFiles(b *testing.B, path string) []generator.File {
	b.Helper()
	res, err := generator.GenerateDocument(benchLoad(b, path), generator.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return res.Files
}

func BenchmarkStageWrite(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		files := benchFiles(b, path)
		parent := b.TempDir()
		n := 0
		for b.Loop() {
			n++
			if _, err := generator.Write(filepath.Join(parent, strconv.Itoa(n)), files); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkStageWriteUnchanged(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		files := benchFiles(b, path)
		dir := b.TempDir()
		if _, err := generator.Write(dir, files); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			st, err := generator.Write(dir, files)
			if err != nil {
				b.Fatal(err)
			}
			if st.Written != 0 {
				b.Fatalf("%d files rewritten", st.Written)
			}
		}
	})
}

// BenchmarkGenerate is the whole command: load, build, emit, write.
func BenchmarkGenerate(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		parent := b.TempDir()
		n := 0
		for b.Loop() {
			n++
			res, err := generator.GenerateDocument(benchLoad(b, path), generator.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := generator.Write(filepath.Join(parent, strconv.Itoa(n)), res.Files); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkKinBaseline is kin-openapi's LoadFromFile on Preview, the
// floor of any generator built on it (2.11 has a $ref kin cannot resolve).
func BenchmarkKinBaseline(b *testing.B) {
	b.Run("preview", func(b *testing.B) {
		path := benchPath(b, "preview")
		b.ReportAllocs()
		for b.Loop() {
			if _, err := openapi3.NewLoader().LoadFromFile(path); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStageTestPackage renders the test package (its table and
// schemas written in gofmt's layout, the rest with jennifer), and
// BenchmarkStageTestPackageFormat is the go/format pass that writing
// them directly saves: formatting operations.go and schemas.go.
func BenchmarkStageTestPackage(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		doc := benchLoad(b, path)
		pkg := benchBuild(b, doc)
		examples := build.SuccessExamples(doc.Spec, pkg)
		for b.Loop() {
			if _, err := render.TestPackage(pkg, "example.com/m/intercom", examples); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkStageTestPackageFormat(b *testing.B) {
	eachVersion(b, func(b *testing.B, path string) {
		doc := benchLoad(b, path)
		pkg := benchBuild(b, doc)
		files, err := render.TestPackage(pkg, "example.com/m/intercom", build.SuccessExamples(doc.Spec, pkg))
		if err != nil {
			b.Fatal(err)
		}
		files = slices.DeleteFunc(files, func(f render.File) bool {
			return !strings.HasSuffix(f.Name, "/operations.go") && !strings.HasSuffix(f.Name, "/schemas.go")
		})
		if len(files) != 2 {
			b.Fatalf("%d of operations.go and schemas.go", len(files))
		}
		for b.Loop() {
			if err := render.Format(slices.Clone(files)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
