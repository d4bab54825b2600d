package loader

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

func TestDefaultConfigDocumentsEveryRule(t *testing.T) {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range Rules {
		rc, ok := cfg.Rules[id]
		if !ok {
			t.Errorf("specs/repairs.yaml does not list rule %s", id)
			continue
		}
		if !rc.Enabled || len(strings.Fields(rc.Doc)) < 20 {
			t.Errorf("rule %s: enabled=%v, doc %q: every shipped rule is on and documented", id, rc.Enabled, rc.Doc)
		}
	}
	if stub := cfg.Rules[RuleDanglingSchemaRef].Stub; scalarValue(mapGet(stub, "type")) != "object" || scalarValue(mapGet(stub, "additionalProperties")) != "true" {
		t.Error("the shipped stub must be a free-form object")
	}
	if len(cfg.Patches) != 2 || cfg.Patches[0].File != "list-data-attributes-typo.yaml" || cfg.Patches[1].File != "list-data-events-typo.yaml" {
		t.Errorf("shipped patches: %+v", cfg.Patches)
	}
	// Callers get their own copy.
	again, _ := DefaultConfig()
	cfg.Rules[RuleRefSiblings] = RuleConfig{}
	if !again.Rules[RuleRefSiblings].Enabled {
		t.Error("DefaultConfig shares state between callers")
	}
}

func TestZeroConfigRunsEveryRule(t *testing.T) {
	_, diags, err := LoadBytes("path-params.yaml", readTestdata(t, "path-params.yaml"), Options{Config: &Config{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range []string{RulePathParamLocation, RuleUndeclaredPathParam, RuleUnusedPathParam} {
		if len(only(diags, rule)) == 0 {
			t.Errorf("%s did not run", rule)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("..", "specs", "repairs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	patch := func(s string) map[string][]byte { return map[string][]byte{"p.yaml": []byte(s)} }
	for _, tc := range []struct {
		name, repairs string
		patches       map[string][]byte
		want          string
	}{
		{"unknown rule", "rules:\n  no-such-rule:\n    enabled: true\n", nil, `repairs.yaml:2: unknown rule "no-such-rule"`},
		{"unknown key", "rules:\n  ref-siblings:\n    enabld: true\n", nil, `unknown key "enabld"`},
		{"parameter of another rule", "rules:\n  ref-siblings:\n    enabled: true\n    stub: {}\n", nil, `unknown key "stub" (allowed: enabled, doc, silent)`},
		{"unknown top-level key", "rule:\n  ref-siblings: {enabled: true}\n", nil, `unknown key "rule"`},
		{"enabled missing", "rules:\n  ref-siblings:\n    doc: x\n", nil, "`enabled: true` or `enabled: false` is required"},
		{"enabled not a boolean", "rules:\n  ref-siblings:\n    enabled: yes please\n", nil, "`enabled` must be true or false"},
		{"stub not a mapping", "rules:\n  dangling-schema-ref:\n    enabled: true\n    stub: object\n", nil, "`stub` must be a schema"},
		{"silent not a list", "rules:\n  ref-siblings:\n    enabled: true\n    silent: description\n", nil, "`silent` must be a list"},
		{"duplicate key", "rules:\n  ref-siblings: {enabled: true}\n  ref-siblings: {enabled: false}\n", nil, `key "ref-siblings" is written twice`},
		{"not YAML", "rules: [\n", nil, "repairs.yaml:"},
		{"empty", "", nil, "the file is empty"},
		{"patch without description", string(good), patch("versions: ['*']\nactions: [{target: /a, remove: true}]\n"), "patches/p.yaml: `description`"},
		{"patch without versions", string(good), patch("description: d\nactions: [{target: /a, remove: true}]\n"), "`versions` must list"},
		{"patch with empty versions", string(good), patch("description: d\nversions: []\nactions: [{target: /a, remove: true}]\n"), "non-empty list of versions"},
		{"patch without actions", string(good), patch("description: d\nversions: ['*']\n"), "`actions` must be a non-empty list"},
		{"target not a pointer", string(good), patch("description: d\nversions: ['*']\nactions: [{target: paths, remove: true}]\n"), "must be a JSON pointer"},
		{"update and remove", string(good), patch("description: d\nversions: ['*']\nactions: [{target: /a, remove: true, update: {x: 1}}]\n"), "exactly one of"},
		{"remove false", string(good), patch("description: d\nversions: ['*']\nactions: [{target: /a, remove: false}]\n"), "`remove` can only be true"},
		{"update not a mapping", string(good), patch("description: d\nversions: ['*']\nactions: [{target: /a, update: [1]}]\n"), "`update` must be a mapping"},
		{"unknown action key", string(good), patch("description: d\nversions: ['*']\nactions: [{target: /a, remove: true, if: {}}]\n"), `unknown key "if"`},
		{"when not a mapping", string(good), patch("description: d\nversions: ['*']\nactions: [{target: /a, when: x, remove: true}]\n"), "`when` must map"},
		{"hosts not a list", string(good), patch("description: d\nversions: ['*']\nhosts: api.intercom.io\nactions: [{target: /a, remove: true}]\n"), "`hosts` must be a non-empty list"},
		{"anchors", string(good), patch("description: &d d\nversions: ['*']\nactions: [{target: /a, remove: true}]\n"), "anchors and aliases"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.repairs), tc.patches)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadConfigDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := LoadConfigDir(dir); err == nil || !strings.Contains(err.Error(), "repairs.yaml") {
		t.Fatalf("a folder without repairs.yaml: %v", err)
	}
	write("repairs.yaml", "rules:\n  unused-path-param:\n    enabled: false\n")
	cfg, err := LoadConfigDir(dir)
	if err != nil {
		t.Fatalf("a folder without patches/: %v", err)
	}
	if cfg.rule(RuleUnusedPathParam).Enabled || !cfg.rule(RuleRefSiblings).Enabled {
		t.Error("an unlisted rule runs, a listed one follows its enabled")
	}
	write("patches/b.yaml", "description: second\nversions: ['*']\nactions: [{target: /info, update: {x-b: 1}}]\n")
	write("patches/a.yaml", "description: first\nversions: ['*']\nactions: [{target: /info, update: {x-a: 1}}]\n")
	write("patches/notes.txt", "not a patch")
	if cfg, err = LoadConfigDir(dir); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range cfg.Patches {
		names = append(names, p.File)
	}
	if !slices.Equal(names, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("patches %v, want a.yaml then b.yaml", names)
	}
	write("patches/c.yaml", "description: broken\n")
	if _, err := LoadConfigDir(dir); err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "patches/c.yaml") {
		t.Errorf("a broken patch must be named with its folder: %v", err)
	}
}

const patchTarget = `openapi: 3.0.3
info:
  title: patches
  version: "2.7"
paths:
  /data_attributes:
    get:
      operationId: lisDataAttributes
      tags: [Data Attributes, Extra]
      responses:
        '200':
          description: ok
components:
  schemas:
    intercom_version:
      type: string
      default: Preview
    obsolete:
      type: string
`

func patchConfig(t *testing.T, patch string) *Config {
	t.Helper()
	cfg, err := ParseConfig([]byte("rules: {}\n"), map[string][]byte{"p.yaml": []byte(patch)})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestPatchApplies(t *testing.T) {
	cfg := patchConfig(t, `description: fix the typo
versions: [preview]
actions:
  - target: /paths/~1data_attributes/get
    when: {operationId: lisDataAttributes}
    update:
      x-go-name: listDataAttributes
      responses: {'200': {description: the data attributes}}
  - target: /components/schemas/obsolete
    remove: true
  - target: /paths/~1data_attributes/get/tags/1
    remove: true
`)
	doc, diags, err := LoadBytes("p.yaml", []byte(patchTarget), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	op := doc.Spec.Paths.Value("/data_attributes").Get
	if op.Extensions["x-go-name"] != "listDataAttributes" || op.OperationID != "lisDataAttributes" {
		t.Errorf("update not merged: %v %q", op.Extensions, op.OperationID)
	}
	if d := op.Responses.Value("200").Value.Description; d == nil || *d != "the data attributes" {
		t.Error("nested update not deep-merged")
	}
	if doc.Spec.Components.Schemas["obsolete"] != nil {
		t.Error("mapping member not removed")
	}
	if !slices.Equal(op.Tags, []string{"Data Attributes"}) {
		t.Errorf("list element not removed: %v", op.Tags)
	}
	var got []string
	for _, d := range diags.Sorted() {
		got = append(got, renderWant(d))
	}
	want := []string{
		"repair patch 8:7 /paths/~1data_attributes/get | patch p.yaml: fix the typo",
		"repair patch 9:31 /paths/~1data_attributes/get/tags/1 | patch p.yaml removed this: fix the typo",
		"repair patch 19:7 /components/schemas/obsolete | patch p.yaml removed this: fix the typo",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
	// What a patch added is located at its target.
	if line, col := doc.Position("/paths/~1data_attributes/get/x-go-name"); line != 8 || col != 7 {
		t.Errorf("x-go-name at %d:%d, want the target's 8:7", line, col)
	}
}

func TestPatchNoLongerApplies(t *testing.T) {
	cfg := patchConfig(t, `description: stale
versions: ["*"]
actions:
  - target: /paths/~1data_attributes/get
    when: {operationId: listDataAttributes}
    update: {x-go-name: x}
  - target: /paths/~1data_attributes/post/parameters
    update: {x-go-name: x}
  - target: /paths/~1data_attributes/get/operationId
    update: {x-go-name: x}
`)
	doc, diags, err := LoadBytes("p.yaml", []byte(patchTarget), Options{Config: cfg})
	if err != nil {
		t.Fatalf("a stale patch is never an error: %v", err)
	}
	if doc.Spec.Paths.Value("/data_attributes").Get.Extensions["x-go-name"] != nil {
		t.Error("a patch whose precondition fails must not apply")
	}
	var got []string
	for _, d := range diags.Sorted() {
		if d.Severity != diag.Info || d.Hint == "" {
			t.Errorf("want an info with a hint: %s", d)
		}
		got = append(got, renderWant(d))
	}
	want := []string{
		`info patch-stale 7:5 /paths/~1data_attributes/post/parameters | patch p.yaml no longer applies: its target does not exist (stale)`,
		`info patch-stale 8:7 /paths/~1data_attributes/get | patch p.yaml no longer applies: its target's operationId is "lisDataAttributes", not "listDataAttributes" (stale)`,
		`info patch-stale 8:20 /paths/~1data_attributes/get/operationId | patch p.yaml no longer applies: its target is not a mapping to merge into (stale)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n got %q\nwant %q", got, want)
	}
}

func TestPatchVersions(t *testing.T) {
	for _, tc := range []struct {
		versions string
		applies  bool
	}{
		{`["*"]`, true},
		{`[Preview]`, true},
		{`[preview, "2.7"]`, true},
		{`["2.7"]`, false}, // info.version says 2.7, but intercom_version's default decides
		{`["2.16"]`, false},
	} {
		cfg := patchConfig(t, "description: d\nversions: "+tc.versions+"\nactions: [{target: /info, update: {x-patched: true}}]\n")
		doc, diags, err := LoadBytes("p.yaml", []byte(patchTarget), Options{Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if applied := doc.Spec.Info.Extensions["x-patched"] != nil; applied != tc.applies || len(diags) != btoi(tc.applies) {
			t.Errorf("versions %s: applied=%v diagnostics=%v", tc.versions, applied, diags)
		}
	}
}

// TestPatchHosts: a patch that names hosts applies only to descriptions
// with a server on one of them, and says nothing at all about any other
// (it is not stale there: it is not for it).
func TestPatchHosts(t *testing.T) {
	for _, tc := range []struct {
		hosts, servers string
		applies        bool
	}{
		{``, ``, true},
		{`hosts: ["*.intercom.io"]`, `servers: [{url: "https://api.eu.intercom.io"}]`, true},
		{`hosts: ["*.intercom.io"]`, `servers: [{url: "https://intercom.io/api"}]`, true},
		{`hosts: ["*.intercom.io"]`, `servers: [{url: "https://{region}.intercom.io", variables: {region: {default: api}}}]`, true},
		{`hosts: ["api.intercom.io"]`, `servers: [{url: "/relative"}, {url: "https://API.Intercom.io"}]`, true},
		{`hosts: ["*.intercom.io"]`, `servers: [{url: "https://api.example.com"}]`, false},
		{`hosts: ["*.intercom.io"]`, `servers: [{url: "https://notintercom.io"}]`, false},
		{`hosts: ["*.intercom.io"]`, ``, false},
		{`hosts: ["api.intercom.io"]`, `servers: [{url: "https://api.eu.intercom.io"}]`, false},
	} {
		cfg := patchConfig(t, "description: d\nversions: ['*']\n"+tc.hosts+"\nactions: [{target: /nothing/here, update: {x: 1}}, {target: /info, update: {x-patched: true}}]\n")
		doc, diags, err := LoadBytes("p.yaml", []byte(patchTarget+tc.servers+"\n"), Options{Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		applied := doc.Spec.Info.Extensions["x-patched"] != nil
		if applied != tc.applies || len(diags) != 2*btoi(tc.applies) {
			t.Errorf("%s on %s: applied=%v diagnostics=%v", tc.hosts, tc.servers, applied, diags)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
