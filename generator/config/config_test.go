package config_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/generator/config"
)

const good = `# yaml-language-server: $schema=../generator/config/schema.json
openapi-dir: ../intercom-openapi
targets:
  - version: 2.10
    out: internal/intercom
    package: intercom
    include-tags: [Contacts, Conversations]
    exclude-operations: [deleteContact]
  - name: preview
    spec: specs/api.intercom.io.yaml
    out: internal/preview
    package: preview
    import-path: example.com/repo/internal/preview
    test-package: false
`

func TestParse(t *testing.T) {
	path := filepath.Join("repo", "intercom-gen.yaml")
	cfg, err := config.Parse(path, []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.OpenAPIDir != "intercom-openapi" {
		t.Errorf("openapi-dir %q", cfg.OpenAPIDir)
	}
	if len(cfg.Targets) != 2 {
		t.Fatalf("%d targets", len(cfg.Targets))
	}
	a, b := cfg.Targets[0], cfg.Targets[1]
	// 2.10 stays "2.10" (not the float 2.1); paths are relative to the file.
	if a.Version != "2.10" || a.Out != filepath.Join("repo", "internal", "intercom") || a.Name != a.Out || a.Line != 4 {
		t.Errorf("target 1: %+v", a)
	}
	if strings.Join(a.Filter.IncludeTags, ",") != "Contacts,Conversations" || strings.Join(a.Filter.ExcludeOperations, ",") != "deleteContact" {
		t.Errorf("target 1 filters: %+v", a)
	}
	if b.Spec != filepath.Join("repo", "specs", "api.intercom.io.yaml") || b.Name != "preview" || b.Package != "preview" {
		t.Errorf("target 2: %+v", b)
	}
	if a.NoTestPackage || a.ImportPath != "" || !b.NoTestPackage || b.ImportPath != "example.com/repo/internal/preview" {
		t.Errorf("test package keys: %+v, %+v", a, b)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown top key", "targets: [{version: '2.11', out: x}]\nopenapi_dir: y\n",
			`c.yaml:2:1: unknown key "openapi_dir" in top level (known: openapi-dir, targets)`},
		{"unknown target key", "targets:\n  - version: '2.11'\n    out: x\n    packge: y\n",
			`c.yaml:4:5: unknown key "packge" in target (known: name, version, spec, out, package, import-path, test-package, include-tags, exclude-tags, include-operations, exclude-operations)`},
		{"no targets", "openapi-dir: x\n", "c.yaml:1:1: missing key targets"},
		{"bool kind", "targets:\n  - {version: '2.11', out: x, test-package: no}\n", "c.yaml:2:45: test-package must be true or false"},
		{"both", "targets:\n  - {version: '2.11', spec: a.yaml, out: x}\n", "c.yaml:2:5: target gives both version and spec"},
		{"neither", "targets:\n  - {out: x}\n", "c.yaml:2:5: target needs version"},
		{"no out", "targets:\n  - {version: '2.11'}\n", "c.yaml:2:5: target needs out"},
		{"list kind", "targets:\n  - {version: '2.11', out: x, include-tags: Contacts}\n", "c.yaml:2:45: include-tags must be a list of strings"},
		{"same out", "targets:\n  - {version: '2.11', out: x}\n  - {version: '2.12', out: x}\n", "out x is also the output of the target at line 2"},
		{"twice", "targets:\n  - {version: '2.11', out: x, out: y}\n", `key "out" given twice`},
		{"bad yaml", "targets: [\n", "c.yaml: not valid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("c.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// TestSchema checks that schema.json is a valid JSON Schema that accepts
// what Parse accepts and rejects unknown keys, as Parse does.
func TestSchema(t *testing.T) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(config.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	asJSON := func(src string) any {
		var v any
		if err := yaml.Unmarshal([]byte(src), &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		out, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		return out
	}
	// The YAML number 2.10 is a string in the schema's eyes only when quoted.
	if err := sch.Validate(asJSON(strings.Replace(good, "version: 2.10", "version: \"2.10\"", 1))); err != nil {
		t.Errorf("schema rejects the good config: %v", err)
	}
	for _, bad := range []string{
		"targets: [{version: '2.11', out: x, packge: y}]",
		"targets: [{version: '2.11', spec: a, out: x}]",
		"targets: []",
		"targets: [{version: '2.11', out: x}]\nextra: 1",
	} {
		if err := sch.Validate(asJSON(bad)); err == nil {
			t.Errorf("schema accepts %q", bad)
		}
		if _, err := config.Parse("c.yaml", []byte(bad)); err == nil {
			t.Errorf("Parse accepts %q", bad)
		}
	}
}
