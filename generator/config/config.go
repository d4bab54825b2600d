// Package config reads intercom-gen.yaml, the file a downstream repository
// keeps beside its generated clients so that `intercom-gen generate
// --config` and `intercom-gen check --config` (and go generate) need no
// other arguments:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/intercom-gen/intercom-gen/main/generator/config/schema.json
//	openapi-dir: third_party/intercom-openapi
//	targets:
//	  - version: "2.16"
//	    out: internal/intercom
//	    package: intercom
//	    import-path: example.com/app/internal/intercom
//	    include-tags: [Contacts, Conversations]
//	  - spec: specs/api.intercom.io.yaml
//	    out: internal/intercompreview
//	    package: intercompreview
//	    test-package: false
//	    exclude-operations: [deleteContact]
//
// Relative paths are relative to the file's folder. Unknown keys, wrong
// kinds and missing required keys are errors located at file:line:col.
// schema.json (embedded as Schema) describes the same format for editors.
package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/generator/internal/filter"
	"github.com/intercom-gen/intercom-gen/loader/readfile"
)

// FileName is the conventional name of the file.
const FileName = "intercom-gen.yaml"

// Schema is the JSON Schema of the file, for editors.
//
//go:embed schema.json
var Schema []byte

// Config is a parsed intercom-gen.yaml.
type Config struct {
	// File is the path the config was read from.
	File string
	// OpenAPIDir is a checkout of Intercom's description repository, for
	// targets that name a version; "" leaves it to --openapi-dir or
	// INTERCOM_OPENAPI_DIR. Resolved against the file's folder.
	OpenAPIDir string
	Targets    []Target
}

// Target is one package to generate.
type Target struct {
	// Name labels the target in messages; defaults to Out.
	Name string
	// Version or Spec (exactly one) says which description to read. Spec
	// is resolved against the file's folder.
	Version, Spec string
	// Out is the output folder, resolved against the file's folder.
	Out string
	// Package is the Go package name ("" for the default).
	Package string
	// ImportPath is the import path of Out ("" to derive it from the
	// enclosing go.mod), which the test package imports.
	ImportPath string
	// NoTestPackage leaves the test package out (test-package: false).
	NoTestPackage bool
	// Filter selects the operations the package keeps.
	Filter filter.Filter
	// Line is where the target starts in the file.
	Line int
}

// MaxFileSize bounds a config file: far above any real one, so that a
// path naming a device or a huge file is an error, not a read that does
// not end.
const MaxFileSize = 16 << 20

// Load reads and checks the config file at path.
func Load(path string) (*Config, error) {
	data, err := readfile.Max(path, MaxFileSize)
	if err != nil {
		var tl *readfile.TooLargeError
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, fmt.Errorf("%s: no such config file (create it, see the README's intercom-gen.yaml section)", path)
		case errors.As(err, &tl):
			return nil, fmt.Errorf("%w, so it is not an intercom-gen.yaml (check the path given to --config)", err)
		}
		return nil, err
	}
	return Parse(path, data)
}

// Error is a located problem in a config file.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// Errors joins every problem found in a file.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

type parser struct {
	file string
	errs Errors
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	e := &Error{File: p.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	p.errs = append(p.errs, e)
}

var (
	topKeys    = []string{"openapi-dir", "targets"}
	targetKeys = []string{"name", "version", "spec", "out", "package", "import-path", "test-package", "include-tags", "exclude-tags", "include-operations", "exclude-operations"}
)

// Parse reads a config from data; path names it in errors and anchors
// relative paths.
func Parse(path string, data []byte) (*Config, error) {
	p := &parser{file: path}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &Error{File: path, Msg: "not valid YAML: " + err.Error()}
	}
	if len(doc.Content) == 0 {
		return nil, &Error{File: path, Msg: "empty: it needs a targets list"}
	}
	root := doc.Content[0]
	cfg := &Config{File: path}
	base := filepath.Dir(path)
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "the file must be a mapping with a targets list")
		return nil, p.errs
	}
	var targets *yaml.Node
	p.mapping(root, "top level", topKeys, func(k string, v *yaml.Node) {
		switch k {
		case "openapi-dir":
			if s, ok := p.str(v, k); ok {
				cfg.OpenAPIDir = resolve(base, s)
			}
		case "targets":
			targets = v
		}
	})
	switch {
	case targets == nil:
		p.errorf(root, "missing key targets: list the packages to generate")
	case targets.Kind != yaml.SequenceNode:
		p.errorf(targets, "targets must be a list")
	case len(targets.Content) == 0:
		p.errorf(targets, "targets is empty: list at least one package to generate")
	default:
		for _, tn := range targets.Content {
			if t, ok := p.target(tn, base); ok {
				cfg.Targets = append(cfg.Targets, t)
			}
		}
	}
	outs := map[string]int{}
	for _, t := range cfg.Targets {
		if line, dup := outs[t.Out]; dup {
			p.errs = append(p.errs, &Error{File: path, Line: t.Line, Col: 5,
				Msg: fmt.Sprintf("out %s is also the output of the target at line %d: each target needs its own folder", t.Out, line)})
		}
		outs[t.Out] = t.Line
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return cfg, nil
}

func resolve(base, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(base, filepath.FromSlash(p))
}

// mapping walks a mapping's keys, reporting unknown and repeated ones.
func (p *parser) mapping(m *yaml.Node, where string, known []string, fn func(key string, value *yaml.Node)) {
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case !slices.Contains(known, k.Value):
			p.errorf(k, "unknown key %q in %s (known: %s)", k.Value, where, strings.Join(known, ", "))
		case seen[k.Value]:
			p.errorf(k, "key %q given twice in %s", k.Value, where)
		default:
			seen[k.Value] = true
			fn(k.Value, v)
		}
	}
}

func (p *parser) boolean(v *yaml.Node, key string) (bool, bool) {
	if v.Kind == yaml.ScalarNode && (v.Value == "true" || v.Value == "false") {
		return v.Value == "true", true
	}
	p.errorf(v, "%s must be true or false", key)
	return false, false
}

func (p *parser) str(v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		p.errorf(v, "%s must be a string", key)
		return "", false
	}
	if strings.TrimSpace(v.Value) == "" {
		p.errorf(v, "%s is empty", key)
		return "", false
	}
	return v.Value, true
}

func (p *parser) list(v *yaml.Node, key string) []string {
	if v.Kind != yaml.SequenceNode {
		p.errorf(v, "%s must be a list of strings", key)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		if s, ok := p.str(item, key+" entry"); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p *parser) target(n *yaml.Node, base string) (Target, bool) {
	t := Target{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "a target must be a mapping (version or spec, out, package, ...)")
		return t, false
	}
	before := len(p.errs)
	p.mapping(n, "target", targetKeys, func(k string, v *yaml.Node) {
		switch k {
		case "name":
			t.Name, _ = p.str(v, k)
		case "version":
			// The scalar's text, so that 2.10 stays "2.10".
			t.Version, _ = p.str(v, k)
		case "spec":
			if s, ok := p.str(v, k); ok {
				t.Spec = resolve(base, s)
			}
		case "out":
			if s, ok := p.str(v, k); ok {
				t.Out = resolve(base, s)
			}
		case "package":
			t.Package, _ = p.str(v, k)
		case "import-path":
			t.ImportPath, _ = p.str(v, k)
		case "test-package":
			if b, ok := p.boolean(v, k); ok {
				t.NoTestPackage = !b
			}
		case "include-tags":
			t.Filter.IncludeTags = p.list(v, k)
		case "exclude-tags":
			t.Filter.ExcludeTags = p.list(v, k)
		case "include-operations":
			t.Filter.IncludeOperations = p.list(v, k)
		case "exclude-operations":
			t.Filter.ExcludeOperations = p.list(v, k)
		}
	})
	switch {
	case t.Version == "" && t.Spec == "" && len(p.errs) == before:
		p.errorf(n, "target needs version (2.7 … 2.16, preview) or spec (a description file)")
	case t.Version != "" && t.Spec != "":
		p.errorf(n, "target gives both version and spec: keep one")
	}
	if t.Out == "" && len(p.errs) == before {
		p.errorf(n, "target needs out: the folder to generate into")
	}
	if t.Name == "" {
		t.Name = t.Out
	}
	return t, len(p.errs) == before
}
