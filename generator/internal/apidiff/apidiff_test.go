package apidiff_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/apidiff"
)

const oldSpec = `openapi: 3.0.1
info: {title: Things, version: "1.0"}
paths:
  /things:
    post:
      operationId: createThing
      tags: [Things]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/thing_request'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
  /things/{id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing_request:
      type: object
      properties:
        name: {type: string}
        color: {$ref: '#/components/schemas/color'}
    thing:
      type: object
      properties:
        id: {type: string}
        size: {type: integer}
        color: {$ref: '#/components/schemas/color'}
        state: {type: string, enum: [open, closed]}
    color:
      type: string
      enum: [red, green]
`

const newSpec = `openapi: 3.0.1
info: {title: Things, version: "1.1"}
paths:
  /things:
    post:
      operationId: createThing
      tags: [Things]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/thing_request'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
  /things/{thing_id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, required: true, schema: {type: boolean}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing_request:
      type: object
      required: [owner]
      properties:
        owner: {type: string}
        color: {$ref: '#/components/schemas/color'}
    thing:
      type: object
      properties:
        id: {type: string}
        weight: {type: number}
        color: {$ref: '#/components/schemas/color'}
        state: {type: string, enum: [open, closed, archived]}
    color:
      type: string
      enum: [red]
`

func writeSpec(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func find(r *apidiff.Report, rule, subject string) (apidiff.Change, bool) {
	for _, c := range r.Changes {
		if c.Rule == rule && c.Subject == subject {
			return c, true
		}
	}
	return apidiff.Change{}, false
}

// TestVariance checks that requests and responses are judged in opposite
// directions, and that shared components take the stricter judgement.
func TestVariance(t *testing.T) {
	r, err := apidiff.Compare(input(t, "old", writeSpec(t, "old.yaml", oldSpec)), input(t, "new", writeSpec(t, "new.yaml", newSpec)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		rule, subject string
		level         apidiff.Level
		// Lines of the element (the first line of its value) in each file;
		// 0 where it has no place in that file.
		fromLine int
		toLine   int
	}{
		{"request-property-added-required", "thing_request.owner", apidiff.Breaking, 34, 38},
		{"request-property-removed", "thing_request.name", apidiff.Review, 36, 35},
		{"response-property-added", "thing.weight", apidiff.Additive, 39, 44},
		{"response-property-removed", "thing.size", apidiff.Breaking, 42, 41},
		{"response-enum-value-added", "thing.state", apidiff.Review, 44, 46},
		// color is used by a request and a response: removing a value breaks
		// requests, so it is breaking.
		{"request-enum-value-removed", "color", apidiff.Breaking, 47, 49},
		{"request-parameter-added-required", "GET /things/{thing_id} query expand", apidiff.Breaking, 21, 25},
		{"path-param-renamed", "GET /things/{thing_id}", apidiff.Additive, 21, 21},
		{"go-field-removed", "field ThingRequest.Name", apidiff.Breaking, 36, 0},
		{"go-field-added", "field Thing.Weight", apidiff.Additive, 0, 44},
		{"go-const-removed", "const ColorGreen", apidiff.Breaking, 47, 0},
	}
	for _, w := range want {
		c, ok := find(r, w.rule, w.subject)
		if !ok {
			t.Errorf("missing %s %s", w.rule, w.subject)
			continue
		}
		if c.Level != w.level {
			t.Errorf("%s %s: level %s, want %s", w.rule, w.subject, c.Level, w.level)
		}
		if c.From.Line != w.fromLine || c.To.Line != w.toLine {
			t.Errorf("%s %s: at %s / %s, want lines %d / %d", w.rule, w.subject, c.From, c.To, w.fromLine, w.toLine)
		}
	}
	if c, _ := find(r, "request-enum-value-removed", "color"); c.Direction != "request+response" {
		t.Errorf("color direction %q", c.Direction)
	}
	if worst, ok := r.Worst(); !ok || worst != apidiff.Breaking {
		t.Errorf("worst = %s", worst)
	}

	// The three formats.
	var text, md, js bytes.Buffer
	if err := r.Render(&text, apidiff.RenderOptions{Format: apidiff.Text}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text.String(), "intercom-gen diff old → new: ") || strings.Contains(text.String(), "\x1b[") {
		t.Errorf("text:\n%s", text.String())
	}
	if !strings.Contains(text.String(), "breaking wire request-property-added-required: thing_request.owner: required property owner added [request]\n") ||
		!strings.Contains(text.String(), "old.yaml:34  new ") {
		t.Errorf("text lacks the located finding:\n%s", text.String())
	}
	colored := bytes.Buffer{}
	r.Render(&colored, apidiff.RenderOptions{Color: true})
	if !strings.Contains(colored.String(), "\x1b[1;31mbreaking") {
		t.Errorf("no colour on request")
	}
	if err := r.Render(&md, apidiff.RenderOptions{Format: apidiff.Markdown}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| Go API | ") || !strings.Contains(md.String(), "<details open><summary><b>Breaking</b>") ||
		!strings.Contains(md.String(), "| `request-property-added-required` | `thing_request.owner` |") {
		t.Errorf("markdown:\n%s", md.String())
	}
	if err := r.Render(&js, apidiff.RenderOptions{Format: apidiff.JSON, Min: apidiff.Breaking}); err != nil {
		t.Fatal(err)
	}
	var decoded struct {
		Summary map[string]int
		Changes []apidiff.Change
	}
	if err := json.Unmarshal(js.Bytes(), &decoded); err != nil {
		t.Fatal(err)
	}
	if decoded.Summary["breaking"] != r.Count(apidiff.Breaking) || len(decoded.Changes) != r.Count(apidiff.Breaking) {
		t.Errorf("json summary %v, %d changes", decoded.Summary, len(decoded.Changes))
	}
	if decoded.Changes[0].Level != apidiff.Breaking {
		t.Errorf("json change level %v", decoded.Changes[0].Level)
	}
}

// TestSameVersion finds nothing when a description is compared with itself.
func TestSameVersion(t *testing.T) {
	p := writeSpec(t, "old.yaml", oldSpec)
	r, err := apidiff.Compare(input(t, "a", p), input(t, "b", p))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 0 {
		t.Errorf("%d changes: %+v", len(r.Changes), r.Changes)
	}
	if _, ok := r.Worst(); ok {
		t.Error("Worst reports a level for no changes")
	}
}

// TestRules checks the registry: unique IDs, paired directions.
func TestRules(t *testing.T) {
	for _, r := range apidiff.Rules() {
		if r.Direction != "" {
			other := "response"
			if r.Direction == "response" {
				other = "request"
			}
			twin := other + strings.TrimPrefix(r.ID, r.Direction)
			if _, ok := apidiff.LookupRule(twin); !ok && !strings.Contains(r.ID, "parameter") && !strings.Contains(r.ID, "body") && !strings.HasSuffix(r.ID, "added-required") {
				t.Errorf("rule %s has no %s twin %s", r.ID, other, twin)
			}
		}
		if r.Summary == "" {
			t.Errorf("rule %s has no summary", r.ID)
		}
	}
}
