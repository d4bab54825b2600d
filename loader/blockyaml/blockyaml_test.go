package blockyaml

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v4"
)

// difference describes the first difference between two trees, "" when
// they are the same field for field.
func difference(want, got *yaml.Node, path string) string {
	if want == nil || got == nil {
		if want != got {
			return fmt.Sprintf("%s: one tree has no node", path)
		}
		return ""
	}
	if want.Kind != got.Kind || want.Style != got.Style || want.Tag != got.Tag || want.Value != got.Value ||
		want.Line != got.Line || want.Column != got.Column || len(want.Content) != len(got.Content) {
		return fmt.Sprintf("%s: go-yaml gives kind %d style %d tag %s value %q at %d:%d with %d entries; Parse gives kind %d style %d tag %s value %q at %d:%d with %d entries",
			path, want.Kind, want.Style, want.Tag, want.Value, want.Line, want.Column, len(want.Content),
			got.Kind, got.Style, got.Tag, got.Value, got.Line, got.Column, len(got.Content))
	}
	for i := range want.Content {
		if d := difference(want.Content[i], got.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	w, g := *want, *got
	w.Content, g.Content = nil, nil
	// Parse skips comments.
	w.HeadComment, w.LineComment, w.FootComment = "", "", ""
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("%s: go-yaml gives %+v; Parse gives %+v", path, w, g)
	}
	return ""
}

// compare parses data both ways: when Parse accepts, go-yaml must accept
// too and give the same tree. It reports whether Parse accepted.
func compare(t *testing.T, name string, data []byte) bool {
	t.Helper()
	got, ok := Parse(data)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Errorf("%s: Parse accepts what go-yaml refuses (%v):\n%s", name, err, data)
		return true
	}
	if d := difference(&want, got, ""); d != "" {
		t.Errorf("%s: %s\n%s", name, d, data)
	}
	return true
}

// accepted are documents in the subset: Parse must read each, and give
// go-yaml's tree.
var accepted = []string{
	"a: 1\n",
	"a:\nb: \n\nc:\n- x\n-\n- y: 1\n  z:\n",
	"\n\n    a: 1\n    b: |2\n       x\n    c:\n    - |2\n       y\n    - k: >1\n        z\n",
	"d: |2+\n   keep\n\n\ne: >-\n  fold\n  this\n\n  para\n",
	"f: [a, \"b\"]\ng: {\"x\":1, y: 2}\nh: [ a b , \"c\"]\n",
	"paths:\n  /contacts/{id}:\n    get:\n      responses:\n        \"200\":\n          description: OK\n        404:\n          description: Not found\n",
	"text: a plain scalar\n  continued here\n\n  and after an empty line\nnext: 1\n",
	"- - a\n  - b\n- c\n- - - d\n",
	"quoted: 'it''s'\ndouble: \"tab\\t, \\u00e9, \\x41, \\U0001F600, \\\"q\\\", \\\\, \\/\"\n",
	"lit: |\n  line one\n\n    indented\n  last\n\n\nfold: >\n  one\n  two\n\n   more indented\n  back\nkeep: |+\n  k\n\nstrip: |-\n  s\n\nz: 0\n",
	"values: [true, false, null, ~, 1, -1, 0x1F, 0o17, 1_000, 1.5, .5, -0, 1e3, .inf, -.Inf, .nan, 2001-12-14, 2001-12-14t21:59:43.10-05:00, yes, no, on, off, '<<', 12:30]\n",
	"k: v\n<<: {a: 1}\n",
	"emoji: 😀 é ü\n\"ключ\": значение\nafter: [é, ü]\n",
	"url: http://example.com/a#frag\nhash: a#b\ncolon: a:b\n",
	"seq:\n- a\n- b\nmap:\n  - c\n",
	"empty_flow: []\nempty_map: {}\n",
	"a:\n  b:\n    c:\n      d: |\n        deep\n      e: 1\n  f: 2\n",
	"key:\n  plain on its own line\n  and more\nq:\n  \"quoted on its own line\"\n",
	"- a\n-\n-   b\n- c: 1\n  d: 2\n-  e: 3\n   f: 4\n",
	"lit: |\n  trailing\n  \n   \n",
	"fold: >\n\n  leading empty line\n  x\n",
	"long: " + strings.Repeat("word ", 300) + "\n",
	"---\na: 1\n",
	"\n--- \n\n  a: 1\n",
	"a: \"open\n  quote\"\n",
	"a: \"one  \n   two\n\n\n  three \\\n  four\\\n\n  five\\t \\\n \"\nb: 1\n",
	"a: 'it''s\n  folded\n\n'\nb: 'x\n'\n",
	"- \"item\n  continued\"\n- 'b\n\n\n  c'\n",
	"a: \"\\u00e9\n  \\x41\\U0001F600\"\n",
	"nested: [[1], [a, [b]], {}, {x: [1, 2], \"y\": {z: 3}}]\nm: {a: [b, {}]}\n",
	"# comment\na: 1\n",
	"# head\n\na: 1\n  # deep comment\nb:\n  # c\n  - x\n# end\nc: |\n  # not a comment\n# a comment\nd: \"# not one either\"\n",
}

func TestAccepted(t *testing.T) {
	for i, doc := range accepted {
		if !compare(t, fmt.Sprint("accepted[", i, "]"), []byte(doc)) {
			t.Errorf("accepted[%d]: Parse declines:\n%s", i, doc)
		}
	}
}

// declined are documents outside the subset (some valid YAML, some not):
// Parse must decline each.
var declined = []string{
	"",
	"just a scalar\n",
	"a: 1 # comment\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: 1\n---\nb: 2\n",
	"a: 1\n...\n",
	"%YAML 1.2\n---\na: 1\n",
	"a:\t1\n",
	"a: 1\r\nb: 2\r\n",
	"\ufeffa: 1\n",
	"a: \"open\n",
	"a: [1,\n  2]\n",
	"a: {[1]: 2}\n",
	"a: [1, ]\n",
	"? complex\n: key\n",
	"a: b: c\n",
	"a: 1\n  b: 2\n",
	"a: 1\n- b\n",
	"a: \"x\" y\n",
	"a: |0\n  x\n",
	"a: |x\n  y\n",
	"a: @x\n",
	"a: `x`\n",
	"a: \"\\q\"\n",
	"a: \"\\ud800\"\n",
	"a: x\n  # a comment ends a plain scalar\n  more\n",
	"a: 1\n   ",
	"a: \x01\n",
	"a: \u0085\n",
	strings.Repeat("k", 1100) + ": v\n",
}

func TestDeclined(t *testing.T) {
	for i, doc := range declined {
		if _, ok := Parse([]byte(doc)); ok {
			t.Errorf("declined[%d]: Parse accepts:\n%q", i, doc)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, doc := range accepted {
		f.Add([]byte(doc))
	}
	for _, doc := range declined {
		f.Add([]byte(doc))
	}
	for _, extra := range tricky {
		f.Add(trickyDoc(extra))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compare(t, "fuzz", data)
	})
}

// TestFiles compares Parse with go-yaml on the loader's test files (broken
// and hostile descriptions among them) and the fixture specs.
func TestFiles(t *testing.T) {
	var files []string
	for _, root := range []string{filepath.Join("..", "testdata"), filepath.Join("..", "..", "specs")} {
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
	accepted := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if compare(t, path, data) {
			accepted++
		}
	}
	if accepted == 0 {
		t.Error("Parse accepted no file: the comparison tested nothing")
	}
}

// trickyDoc is a block document of many paths and schemas with extra
// written into the middle of paths.
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

// tricky are texts that look like one thing and are another, or are
// valid in go-yaml's eyes only, written into a description.
var tricky = []string{
	"",
	"  /lit:\n    description: |\n      /a: b\n    x: |+\n      c: d\n\n  /z: 1\n",
	"  /f:\n    description: >-\n      text\n      k: v\n",
	"x-top: |\n  /a: b\n  /c: d\n",
	"  /m:\n    summary: one\n      two: three\n",
	"  /q:\n    summary: \"one\n  /fake: two\"\n",
	"  /q:\n    summary: 'it''s\n  /fake: two'\n",
	"  /fl:\n    enum: [a,\n  b: c]\n",
	"  '/s''q': 1\n  \"/d\\\"q\": 2\n  \"/h#x\": 3\n",
	"  /a:b: 1\n  urn:x:y: 2\n",
	"  /e1:\n  /e2:\n  /e3: ~\n",
	"  /seq:\n  - a\n  - b: c\n    d: e\n",
	"  /c:\n    get:\n      # about x\n      x: 1 # after\n",
	"  # about /k\n  /k: 1\n",
	"# note\n  /k: 1\n",
	"  /an: &a {x: 1}\n  /al: *a\n",
	"  /t: !!str 1\n",
	"  /bad: [1, 2\n",
	"  /i:\n    a: 1\n   b: 2\n",
	"  /u: \"open\n",
	"  /n:\n    get:\n",
	"  /w: \"wide é\" \n  /x: {é: [ü, \"ö\"]}\n",
	"  /d:\n    - |2-\n       x\n\n    - >+\n     y\n\n",
}

func TestTricky(t *testing.T) {
	for i, extra := range tricky {
		compare(t, fmt.Sprint("tricky[", i, "]"), trickyDoc(extra))
	}
}

// TestLongWideLine: the columns of nodes on one long line of characters
// beyond ASCII cost the line's length once (counted from the line's start
// for each node, this line would take minutes).
func TestLongWideLine(t *testing.T) {
	doc := []byte("a: [" + strings.Repeat("é, ", 100_000) + "ü]\nb: 1\n")
	if !compare(t, "long wide line", doc) {
		t.Error("Parse declines a long flow sequence")
	}
}
