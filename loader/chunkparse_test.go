package loader

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// diffNodes reports the first difference between two node trees, by the
// path of indices that leads to it, or "" when they are the same in every
// field the parse sets.
func diffNodes(path string, a, b *yaml.Node) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: one node is nil", path)
		}
		return ""
	}
	type fields struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		Line, Column                          int
		HeadComment, LineComment, FootComment string
		Children                              int
		Alias                                 [2]int
	}
	of := func(n *yaml.Node) fields {
		f := fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Line, n.Column,
			n.HeadComment, n.LineComment, n.FootComment, len(n.Content), [2]int{}}
		if n.Alias != nil {
			f.Alias = [2]int{n.Alias.Line, n.Alias.Column}
		}
		return f
	}
	if fa, fb := of(a), of(b); fa != fb {
		return fmt.Sprintf("%s: %+v, want %+v", path, fa, fb)
	}
	for i := range a.Content {
		if d := diffNodes(fmt.Sprintf("%s/%d", path, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

func TestDiffNodesFindsDifferences(t *testing.T) {
	parse := func(s string) *yaml.Node {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			t.Fatal(err)
		}
		return &n
	}
	same := "a:\n  b: 1\n"
	if d := diffNodes("", parse(same), parse(same)); d != "" {
		t.Errorf("same trees differ: %s", d)
	}
	for other, at := range map[string]string{
		"a:\n  b: 2\n":         "/0/1/1:",
		"a:\n   b: 1\n":        "/0/1:",
		"\na:\n  b: 1\n":       ":",
		"a:\n  b: '1'\n":       "/0/1/1:",
		"a:\n  b: 1 # c\n":     "/0/1/1:",
		"a:\n  b: !!int 1\n":   "/0/1/1:",
		"a:\n  b: 1\n  c: 2\n": "/0/1:",
	} {
		if d := diffNodes("", parse(other), parse(same)); !strings.HasPrefix(d, at) {
			t.Errorf("%q against %q: difference %q, want one at %s", other, same, d, at)
		}
	}
}

// wholeParse is the single-piece parse parseYAML falls back to.
func wholeParse(data []byte) (*yaml.Node, error) {
	var root yaml.Node
	err := yaml.Unmarshal(data, &root)
	return &root, err
}

// checkChunked parses data in about n pieces; when that does not give up,
// the tree must be the whole parse's. It reports whether it gave up.
func checkChunked(t *testing.T, name string, data []byte, n int) bool {
	t.Helper()
	got := parseChunks(data, n, 2)
	if got == nil {
		return false
	}
	want, err := wholeParse(data)
	if err != nil {
		t.Errorf("%s in %d pieces: parsed, but the whole document does not: %v", name, n, err)
		return true
	}
	if d := diffNodes("", got, want); d != "" {
		t.Errorf("%s in %d pieces: %s", name, n, d)
	}
	return true
}

// TestChunkedParseRealDescriptions holds the fast path to the tree of the
// whole parse on every description Intercom publishes, and checks that it
// is taken: it is the point.
func TestChunkedParseRealDescriptions(t *testing.T) {
	dir := openapiDir(t)
	for _, v := range Versions {
		t.Run(v, func(t *testing.T) {
			_, data := readVersion(t, dir, v)
			if chunks := planChunks(data, 4); len(chunks) < 4 {
				t.Errorf("cut into %d pieces, want at least 4", len(chunks))
			}
			for _, n := range []int{2, 4, 7, 64} {
				if !checkChunked(t, v, data, n) {
					t.Errorf("%d pieces: gave up", n)
				}
			}
			if runtime.GOMAXPROCS(0) > 1 {
				got, err := parseYAML(data)
				want, _ := wholeParse(data)
				if err != nil || parseInChunks(data) == nil {
					t.Errorf("parseYAML did not take the fast path (err %v)", err)
				} else if d := diffNodes("", got, want); d != "" {
					t.Error(d)
				}
			}
		})
	}
}

// TestChunkedParseFiles does the same for every YAML and JSON file of the
// repository's test data and specs, cut small enough to be cut at all.
func TestChunkedParseFiles(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", filepath.Join("..", "specs")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch ext := filepath.Ext(path); {
			case err != nil:
				return err
			case !d.IsDir() && (ext == ".yaml" || ext == ".yml" || ext == ".json"):
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 20 {
		t.Fatalf("found %d files; the test data moved?", len(files))
	}
	cut := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{2, 5, 1000} {
			if checkChunked(t, path, data, n) {
				cut++
			}
		}
	}
	if cut == 0 {
		t.Error("no file was cut: the comparison tested nothing")
	}
}

// trickyDoc is a block document of many paths and schemas with extra
// written into the middle of paths, where pieces are cut.
func trickyDoc(extra string) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n")
	for i := range 40 {
		if i == 20 {
			b.WriteString(extra)
		}
		fmt.Fprintf(&b, "  \"/p%d\":\n    get:\n      summary: s%d\n      description: \"#/x\"\n", i, i)
	}
	b.WriteString("components:\n  schemas:\n")
	for i := range 40 {
		fmt.Fprintf(&b, "    S%d:\n      type: string\n", i)
	}
	return []byte(b.String())
}

// TestChunkedParseTricky cuts documents at every line it can, around text
// that looks like a place to cut but is not, or that must not be cut: the
// tree is the whole parse's or the cut gives up (want says which when it
// matters), and an error is the whole parse's error.
func TestChunkedParseTricky(t *testing.T) {
	const cut, whole, either = 1, 2, 3
	cases := []struct {
		name  string
		extra string
		want  int
	}{
		{"plain", "", cut},
		{"literal block with keys", "  /lit:\n    description: |\n      /a: b\n    x: |+\n      c: d\n\n  /z: 1\n", cut},
		{"folded block", "  /f:\n    description: >-\n      text\n      k: v\n", cut},
		{"top-level block scalar", "x-top: |\n  /a: b\n  /c: d\n", either},
		{"multi-line plain", "  /m:\n    summary: one\n      two: three\n", either},
		{"multi-line double quoted", "  /q:\n    summary: \"one\n  /fake: two\"\n", either},
		{"multi-line single quoted", "  /q:\n    summary: 'it''s\n  /fake: two'\n", either},
		{"flow across lines", "  /fl:\n    enum: [a,\n  b: c]\n", either},
		{"quoted keys", "  '/s''q': 1\n  \"/d\\\"q\": 2\n  \"/h#x\": 3\n", cut},
		{"keys with colons", "  /a:b: 1\n  urn:x:y: 2\n", cut},
		{"empty values", "  /e1:\n  /e2:\n  /e3: ~\n", cut},
		{"compact sequence", "  /seq:\n  - a\n  - b: c\n    d: e\n", cut},
		{"deep comment", "  /c:\n    get:\n      # about x\n      x: 1 # after\n", cut},
		{"comment before a key", "  # about /k\n  /k: 1\n", either},
		{"comment at column 0", "# note\n  /k: 1\n", either},
		{"trailing comment", "  /k: 1 # c\n", either},
		{"anchor and alias", "  /an: &a {x: 1}\n  /al: *a\n", whole},
		{"tag", "  /t: !!str 1\n", whole},
		{"second document", "---\na: 1\n", whole},
		{"document end", "...\n", whole},
		{"tab", "  /t:\t1\n", whole},
		{"CRLF", "  /r: 1\r\n", whole},
		{"line separator", "  /ls: a\u2028b\n", whole},
		{"duplicate across pieces", "  \"/p30\":\n    get: {}\n", cut},
		{"syntax error", "  /bad: [1, 2\n", whole},
		{"bad indentation", "  /i:\n    a: 1\n   b: 2\n", whole},
		{"unclosed quote", "  /u: \"open\n", whole},
		{"key without value at end of piece", "  /n:\n    get:\n", cut},
	}
	for _, c := range cases {
		data := trickyDoc(c.extra)
		want, wantErr := wholeParse(data)
		gaveUp := true
		for _, n := range []int{2, 3, 8, 50, len(data)} {
			got := parseChunks(data, n, 2)
			if got == nil {
				continue
			}
			gaveUp = false
			if wantErr != nil {
				t.Errorf("%s in %d pieces: parsed, but the whole document does not: %v", c.name, n, wantErr)
			} else if d := diffNodes("", got, want); d != "" {
				t.Errorf("%s in %d pieces: %s", c.name, n, d)
			}
		}
		switch {
		case c.want == cut && gaveUp:
			t.Errorf("%s: never cut", c.name)
		case c.want == whole && !gaveUp:
			t.Errorf("%s: cut, want the whole parse", c.name)
		}
		if _, err := parseYAML(data); fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%s: error %v, want %v", c.name, err, wantErr)
		}
	}
}

// FuzzChunkedParse: whatever the text, cutting it gives the whole parse's
// tree or gives up.
//
//	go test -run '^$' -fuzz FuzzChunkedParse -fuzztime 1m ./loader/
func FuzzChunkedParse(f *testing.F) {
	f.Add(trickyDoc(""), 8)
	f.Add(trickyDoc("  /lit:\n    description: |\n      /a: b\n"), 50)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		if n < 2 || n > 1000 {
			return
		}
		checkChunked(t, "fuzz", data, n)
	})
}
