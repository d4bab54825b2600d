package generator_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/loader"
)

// A README snippet is a ```go block. The line before it says how the
// tests compile it:
//
//	<!-- go: 2.11 program -->   a whole program, against the 2.11 package
//	<!-- go: 2.11 body -->      statements, inside a function given
//	                            ctx context.Context and client *intercom.Client
//	<!-- go: 2.11 test -->      a whole _test.go file of package app_test,
//	                            run with go test (the test package's use)
//	<!-- go: directive -->      a //go:generate line, in a file of its own
//
// The program's import of the package is example.com/app/intercom (and
// example.com/app/intercom/intercomtest for the test package).
type snippet struct {
	line          int
	version, kind string
	code          string
}

var snippetMarker = regexp.MustCompile(`^<!-- go: (?:(\S+) )?(program|body|test|directive)\b.*-->$`)

func readmeSnippets(t testing.TB) []snippet {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []snippet
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```go" {
			continue
		}
		s := snippet{line: i + 1}
		var m []string
		if i > 0 {
			m = snippetMarker.FindStringSubmatch(lines[i-1])
		}
		if m == nil {
			t.Errorf("README.md:%d: a Go snippet without a <!-- go: VERSION program|body|test --> or <!-- go: directive --> line before it", i+1)
			continue
		}
		s.version, s.kind = strings.ToLower(m[1]), m[2]
		var code []string
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			code = append(code, lines[i])
		}
		s.code = strings.Join(code, "\n") + "\n"
		if s.kind != "directive" && !slices.Contains(loader.Versions, s.version) && !isFixture(t, s.version) {
			t.Errorf("README.md:%d: snippet for version %q, which is not one of %v or a fixture", s.line, s.version, loader.Versions)
		}
		out = append(out, s)
	}
	return out
}

// isFixture reports whether name is a fixture generated into golden/
// under its own name (specs/fixtures/<name>.yaml, golden/<name>).
func isFixture(t testing.TB, name string) bool {
	path := filepath.Join(repoRoot(t), "specs", "fixtures", name+".yaml")
	if name == "" || fixturePackage(path) != name {
		return false
	}
	_, err := os.Stat(path)
	return err == nil
}

// TestReadmeFixtureSnippets compiles the README's programs
// written for a fixture's golden package (<!-- go: acme program -->)
// against golden/<fixture>, as files that exist only for the go command
// (an overlay), so that nothing is written into the repository.
func TestReadmeFixtureSnippets(t *testing.T) {
	root, err := filepath.Abs(repoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	overlay := map[string]string{}
	var pkgs []string
	for _, s := range readmeSnippets(t) {
		if !isFixture(t, s.version) {
			continue
		}
		if s.kind != "program" {
			t.Errorf("README.md:%d: fixture snippets are programs", s.line)
			continue
		}
		src := strings.ReplaceAll(s.code, `"example.com/app/`+s.version+`"`, `"`+module+`/golden/`+s.version+`"`)
		tmp := filepath.Join(t.TempDir(), "main.go")
		if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		dir := fmt.Sprintf("readme_line%d", s.line)
		overlay[filepath.Join(root, "golden", s.version, dir, "main.go")] = tmp
		pkgs = append(pkgs, "./golden/"+s.version+"/"+dir)
	}
	if len(pkgs) == 0 {
		t.Skip("no fixture snippets")
	}
	data, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		t.Fatal(err)
	}
	ov := filepath.Join(t.TempDir(), "overlay.json")
	if err := os.WriteFile(ov, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// go build, not vet: vet runs in the package's folder, which exists
	// only in the overlay.
	for _, pkg := range pkgs {
		cmd := exec.Command("go", "build", "-overlay", ov, "-o", os.DevNull, pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go build of the README's snippet %s: %v\n%s", pkg, err, out)
		}
	}
}

// TestReadmeSnippetsMarked runs without Intercom's descriptions: every Go
// snippet says how it is compiled (TestRealVersions compiles them).
func TestReadmeSnippetsMarked(t *testing.T) {
	snips := readmeSnippets(t)
	if !slices.ContainsFunc(snips, func(s snippet) bool { return s.kind == "program" }) {
		t.Error("README.md has no program snippet (the quick start)")
	}
}

// hasReadmeTests reports whether the README has test snippets for version.
func hasReadmeTests(t *testing.T, version string) bool {
	return slices.ContainsFunc(readmeSnippets(t), func(s snippet) bool { return s.kind == "test" && s.version == version })
}

// writeReadmeSnippets writes the README's snippets for version into the
// module as programs of their own (readme/lineN), importing the
// generated package; it returns how many it wrote.
func writeReadmeSnippets(t *testing.T, mod, version string) int {
	t.Helper()
	n := 0
	for _, s := range readmeSnippets(t) {
		var src string
		switch {
		case s.kind == "directive":
			if version != "2.11" {
				continue
			}
			src = "package main\n\n" + s.code + "\nfunc main() {}\n"
		case s.version != version:
			continue
		case s.kind == "program":
			src = strings.ReplaceAll(s.code, `"example.com/app/intercom"`, `"example.com/sdk/intercom"`)
		case s.kind == "test":
			dir := filepath.Join(mod, "readme", fmt.Sprintf("line%d", s.line))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			// The package the test file is beside; go build ./... needs it.
			if err := os.WriteFile(filepath.Join(dir, "app.go"), []byte("package app\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "app_test.go"), []byte(strings.ReplaceAll(s.code, `"example.com/app/intercom`, `"example.com/sdk/intercom`)), 0o644); err != nil {
				t.Fatal(err)
			}
			n++
			continue
		case s.kind == "body":
			src = "package main\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"time\"\n\n\t\"example.com/sdk/intercom\"\n)\n\n" +
				"var (\n\t_ = fmt.Sprint\n\t_ = time.Now\n\t_ = json.Marshal\n)\n\n" +
				"func snippet(ctx context.Context, client *intercom.Client) error {\n" + s.code + "\treturn nil\n}\n\n" +
				"func main() { _ = snippet(context.Background(), intercom.NewClient(\"token\")) }\n"
		}
		p := filepath.Join(mod, "readme", fmt.Sprintf("line%d", s.line), "main.go")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}
