package loader

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// The tests in this file read Intercom's published descriptions (see
// openapiDir) and check what the survey of them predicts.

// realOperations is the number of operations (path × method) of each
// version.
var realOperations = map[string]int{
	"2.7": 98, "2.8": 98, "2.9": 108, "2.10": 108, "2.11": 108, "2.12": 118,
	"2.13": 133, "2.14": 150, "2.15": 162, "2.16": 231, "preview": 256,
}

// since reports whether version v is at or after first.
func since(v, first string) bool { return slices.Index(Versions, v) >= slices.Index(Versions, first) }

func TestRealDescriptions(t *testing.T) {
	dir := openapiDir(t)
	for _, v := range Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			path, err := ResolveVersion(dir, v)
			if err != nil {
				t.Fatal(err)
			}
			doc, diags, err := Load(path, Options{})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			spec := doc.Spec

			ops := 0
			for _, item := range spec.Paths.Map() {
				ops += len(item.Operations())
			}
			if ops != realOperations[v] {
				t.Errorf("%d operations, want %d", ops, realOperations[v])
			}
			wantVersion := v
			if v == "preview" {
				wantVersion = "Preview"
			}
			if doc.Version != wantVersion {
				t.Errorf("Version = %q, want %q", doc.Version, wantVersion)
			}
			for _, d := range diags {
				if d.File != path || d.Line == 0 || d.Col == 0 || d.Pointer == "" {
					t.Errorf("diagnostic not located: %s", d)
				}
				if d.Severity != diag.Repair && d.Severity != diag.Info {
					t.Errorf("only repairs and infos expected: %s", d)
				}
			}

			// dangling-schema-ref: 2.7–2.11 refer to custom_attributes,
			// which upstream deleted from them.
			dangling := only(diags, RuleDanglingSchemaRef)
			if since(v, "2.12") != (len(dangling) == 0) {
				t.Errorf("%d dangling-schema-ref repairs", len(dangling))
			}
			for _, d := range dangling {
				if !strings.Contains(d.Message, `"custom_attributes"`) || !strings.HasSuffix(d.Pointer, "/$ref") {
					t.Errorf("unexpected dangling reference: %s", d)
				}
			}
			if len(dangling) > 0 {
				stub := spec.Components.Schemas["custom_attributes"]
				if stub == nil || !stub.Value.Type.Is("object") {
					t.Error("no custom_attributes stub")
				}
			}

			// ref-siblings: every file writes nullable beside $refs, and
			// kin must now see it.
			nullable := 0
			for _, d := range only(diags, RuleRefSiblings) {
				if !strings.Contains(d.Message, "nullable") {
					continue
				}
				nullable++
				if keys := doc.Keys(d.Pointer); len(keys) == 0 || keys[0] != "allOf" {
					t.Errorf("%s: not rewritten as allOf: %v", d.Pointer, keys)
				}
				if s := schemaAt(spec, d.Pointer); s != nil && !s.Nullable {
					t.Errorf("%s: kin does not see nullable", d.Pointer)
				}
			}
			if nullable == 0 {
				t.Error("no nullable beside a $ref repaired")
			}

			// array-without-items: ticket_custom_attributes from 2.9.
			if got := len(only(diags, RuleArrayWithoutItems)); since(v, "2.9") != (got > 0) {
				t.Errorf("%d array-without-items repairs", got)
			}

			// The job_identifier paths of 2.14 on.
			jobRepairs := 0
			for _, code := range []string{RulePathParamLocation, RuleUndeclaredPathParam} {
				for _, d := range only(diags, code) {
					if strings.Contains(d.Pointer, "reporting_data~1{job_identifier}") {
						jobRepairs++
					}
				}
			}
			if since(v, "2.14") {
				if jobRepairs != 2 {
					t.Errorf("%d job_identifier repairs, want one per reporting_data path", jobRepairs)
				}
				for _, p := range []string{"/export/reporting_data/{job_identifier}", "/download/reporting_data/{job_identifier}"} {
					if !hasPathParam(spec.Paths.Value(p).Get.Parameters, "job_identifier") {
						t.Errorf("GET %s: job_identifier is not a required path parameter", p)
					}
				}
			} else if jobRepairs != 0 {
				t.Errorf("%d job_identifier repairs before 2.14", jobRepairs)
			}

			// The typo patches: every file but 2.11 spells lisDataAttributes,
			// every file spells lisDataEvents.
			op := spec.Paths.Value("/data_attributes").Get
			if v == "2.11" {
				stale := only(diags, "patch-stale")
				if len(stale) != 1 || len(only(diags, "patch")) != 1 || !strings.Contains(stale[0].Message, "no longer applies") {
					t.Errorf("2.11 spells listDataAttributes right: want that patch reported stale, got %v", stale)
				}
				if op.Extensions["x-go-name"] != nil {
					t.Error("the lisDataAttributes patch applied to 2.11")
				}
			} else if len(only(diags, "patch")) != 2 || op.Extensions["x-go-name"] != "listDataAttributes" || op.OperationID != "lisDataAttributes" {
				t.Errorf("the lisDataAttributes patch did not apply: %v %q", op.Extensions, op.OperationID)
			}
			if ev := spec.Paths.Value("/events").Get; ev.Extensions["x-go-name"] != "listDataEvents" || ev.OperationID != "lisDataEvents" {
				t.Errorf("the lisDataEvents patch did not apply: %v %q", ev.Extensions, ev.OperationID)
			}

			// What kin-openapi objects to, examples aside, is exactly what
			// the repairs fix.
			if err := spec.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
				t.Errorf("kin's validation (examples aside) still fails after the repairs: %v", err)
			}

			checkAgainstRaw(t, doc, path)

			_, again, err := Load(path, Options{})
			if err != nil || !slices.Equal(diags.Sorted(), again.Sorted()) {
				t.Error("a second load reports differently")
			}
		})
	}
}

// schemaAt returns the kin schema of a /components/schemas/<name>[/properties/<name>]
// pointer, nil for other pointers.
func schemaAt(spec *openapi3.T, ptr string) *openapi3.Schema {
	toks := diag.SplitPointer(ptr)
	if len(toks) < 3 || toks[0] != "components" || toks[1] != "schemas" {
		return nil
	}
	ref := spec.Components.Schemas[toks[2]]
	for rest := toks[3:]; ref != nil && len(rest) >= 2 && rest[0] == "properties"; rest = rest[2:] {
		if len(rest) == 2 {
			return ref.Value.Properties[rest[1]].Value
		}
		ref = ref.Value.Properties[rest[1]]
	}
	if len(toks) == 3 && ref != nil {
		return ref.Value
	}
	return nil
}

func hasPathParam(params openapi3.Parameters, name string) bool {
	for _, p := range params {
		if p.Value.Name == name && p.Value.In == openapi3.ParameterInPath && p.Value.Required {
			return true
		}
	}
	return false
}

var (
	firstPath   = regexp.MustCompile(`(?m)^paths:\n  "?([^"\n]+?)"?:\n`)
	firstSchema = regexp.MustCompile(`(?m)^  schemas:\n    ([^:\n]+):\n`)
)

// checkAgainstRaw compares Keys and Position with the file's text.
func checkAgainstRaw(t *testing.T, doc *Document, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	at := func(ptr string) string {
		line, col := doc.Position(ptr)
		if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
			t.Fatalf("Position(%q) = %d:%d is outside the file", ptr, line, col)
		}
		return lines[line-1][col-1:]
	}

	m := firstPath.FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatal("no paths in the file")
	}
	paths := doc.Keys("/paths")
	if len(paths) == 0 || paths[0] != m[1] {
		t.Errorf("Keys(/paths) starts with %q, the file with %q", paths[0], m[1])
	}
	if len(paths) != len(doc.Spec.Paths.Map()) {
		t.Errorf("Keys(/paths) has %d paths, kin %d", len(paths), len(doc.Spec.Paths.Map()))
	}
	// The first path item's value starts on the line after its key.
	if line, _ := doc.Position(diag.Pointer("paths", m[1])); !strings.HasPrefix(lines[line-2], `  "`+m[1]+`":`) && !strings.HasPrefix(lines[line-2], "  "+m[1]+":") {
		t.Errorf("Position of the first path item: line %d follows %q", line, lines[line-2])
	}

	m = firstSchema.FindStringSubmatch(string(raw))
	if schemas := doc.Keys("/components/schemas"); m == nil || len(schemas) == 0 || schemas[0] != m[1] {
		t.Errorf("Keys(/components/schemas) starts with %v, the file with %q", schemas[:1], m)
	}
	if got := at("/info/version"); !strings.Contains(got, doc.Spec.Info.Version) {
		t.Errorf("Position(/info/version) points at %q, want %q", got, doc.Spec.Info.Version)
	}
	if got := at("/paths/~1data_attributes/get/operationId"); !strings.HasPrefix(got, doc.Spec.Paths.Value("/data_attributes").Get.OperationID) {
		t.Errorf("Position of an operationId points at %q", got)
	}
	props := doc.Keys("/components/schemas/conversation/properties")
	if len(props) < 10 || props[0] != "type" {
		t.Errorf("conversation's properties in file order start with type: %v", props)
	}
	if got := at("/components/schemas/conversation/properties/" + props[1]); !strings.Contains(lines[mustLine(doc, "/components/schemas/conversation/properties/"+props[1])-2], props[1]+":") {
		t.Errorf("Position of property %s: %q", props[1], got)
	}
}

func mustLine(doc *Document, ptr string) int {
	line, _ := doc.Position(ptr)
	return line
}

// TestRealValidation checks that kin's findings become located warnings,
// one per finding, and that none of them is about what the repairs fix.
func TestRealValidation(t *testing.T) {
	dir := openapiDir(t)
	for _, v := range []string{"2.7", "preview"} {
		path, err := ResolveVersion(dir, v)
		if err != nil {
			t.Fatal(err)
		}
		_, diags, err := Load(path, Options{Validate: true})
		if err != nil {
			t.Fatal(err)
		}
		warnings := only(diags, "kin-validate")
		if len(warnings) < 20 || len(warnings) != diags.Count(diag.Warning) {
			t.Errorf("%s: %d kin-validate warnings of %d", v, len(warnings), diags.Count(diag.Warning))
		}
		for _, w := range warnings {
			if w.Severity != diag.Warning || w.Line == 0 || w.Pointer == "" || strings.Contains(w.Message, "\n") || strings.Contains(w.Message, " | ") {
				t.Errorf("%s: not one located finding: %s", v, w)
			}
			for _, fixed := range []string{"items' must be non-null", "must define exactly all path parameters", "custom_attributes\" not found"} {
				if strings.Contains(w.Message, fixed) {
					t.Errorf("%s: kin reports what a repair fixes: %s", v, w)
				}
			}
		}
		// The survey's first finding of every file.
		if !slices.ContainsFunc(warnings, func(d diag.Diagnostic) bool {
			return d.Pointer == "/components/schemas/activity_log" && strings.Contains(d.Message, `schema "activity_log": invalid example: value must be a string`)
		}) {
			t.Errorf("%s: the activity_log example finding is missing", v)
		}
	}
}
