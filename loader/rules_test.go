package loader

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// These tests check on the testdata descriptions that kin-openapi sees what
// each repair did; testdata_test.go checks what was reported.

func TestDanglingSchemaRefAddsOneStub(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "dangling-schema-ref.yaml")
	stub := doc.Spec.Components.Schemas["custom_attributes"]
	if stub == nil || stub.Value == nil {
		t.Fatal("no stub schema custom_attributes")
	}
	s := stub.Value
	if !s.Type.Is("object") || s.AdditionalProperties.Has == nil || !*s.AdditionalProperties.Has {
		t.Errorf("stub is not a free-form object: type %v, additionalProperties %+v", s.Type, s.AdditionalProperties)
	}
	if !strings.Contains(s.Description, "without") {
		t.Errorf("stub lacks the configured description: %q", s.Description)
	}
	req := doc.Spec.Components.Schemas["update_conversation_request"].Value
	body := doc.Spec.Paths.Value("/phone_switch").Post.RequestBody.Value.Content.Get("application/json").Schema
	for name, ref := range map[string]*openapi3.SchemaRef{
		"property": req.Properties["custom_attributes"],
		"items":    req.Properties["many"].Value.Items,
		"body":     body,
	} {
		if ref.Ref != "#/components/schemas/custom_attributes" || ref.Value != s {
			t.Errorf("%s: reference %q does not resolve to the stub", name, ref.Ref)
		}
	}
	// The stub sits where the first reference was: it has no line of its own.
	if line, col := doc.Position("/components/schemas/custom_attributes"); line != 12 || col != 21 {
		t.Errorf("stub positioned at %d:%d, want the first reference's 12:21", line, col)
	}
	if got := doc.Keys("/components/schemas"); !slices.Equal(got, []string{"update_conversation_request", "custom_attributes"}) {
		t.Errorf("schemas = %v: the stub must come after the description's own schemas", got)
	}
}

func TestRefSiblingsKeepSemantics(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "ref-siblings.yaml")
	props := doc.Spec.Components.Schemas["conversation"].Value.Properties
	agent := doc.Spec.Components.Schemas["ai_agent"].Value

	wrapped := func(name string) *openapi3.Schema {
		t.Helper()
		p := props[name]
		if p.Ref != "" || p.Value == nil || len(p.Value.AllOf) == 0 || p.Value.AllOf[0].Ref != "#/components/schemas/ai_agent" || p.Value.AllOf[0].Value != agent {
			t.Fatalf("%s is not an allOf wrapping the reference: %+v", name, p)
		}
		return p.Value
	}
	if s := wrapped("ai_agent"); !s.Nullable || s.Description != "The AI agent, null when none took part." {
		t.Errorf("ai_agent: nullable=%v description=%q", s.Nullable, s.Description)
	}
	if s := wrapped("documented"); s.Description != "Only documentation beside the reference." || s.Extensions["x-go-name"] != "Agent" {
		t.Errorf("documented: description=%q extensions=%v", s.Description, s.Extensions)
	}
	if s := wrapped("value"); !s.ReadOnly || !s.Deprecated {
		t.Errorf("a property named value is a schema like any other: readOnly=%v deprecated=%v", s.ReadOnly, s.Deprecated)
	}
	if s := wrapped("combined"); len(s.AllOf) != 2 || !slices.Equal(s.AllOf[1].Value.Required, []string{"source_type"}) {
		t.Errorf("combined: the existing allOf must follow the reference: %+v", s.AllOf)
	}

	// Not schemas: references to a parameter and a response stay as written.
	op := doc.Spec.Paths.Value("/conversations").Get
	if p := op.Parameters[0]; p.Ref != "#/components/parameters/page" || p.Value.Name != "page" {
		t.Errorf("parameter reference changed: %+v", p)
	}
	if r := op.Responses.Value("200"); r.Ref != "#/components/responses/ok" {
		t.Errorf("response reference changed: %+v", r)
	}
	if got := doc.Keys("/paths/~1conversations/get/parameters/0"); !slices.Equal(got, []string{"$ref", "description"}) {
		t.Errorf("parameter entry rewritten: %v", got)
	}
	// Example data is left alone.
	if got := doc.Keys("/components/schemas/conversation/example/ai_agent"); !slices.Equal(got, []string{"$ref", "nullable"}) {
		t.Errorf("example rewritten: %v", got)
	}
	// The rewritten tree is where positions come from: the new allOf keeps
	// the reference's place.
	if got := doc.Keys("/components/schemas/conversation/properties/ai_agent"); !slices.Equal(got, []string{"allOf", "nullable", "description"}) {
		t.Errorf("wrapper keys = %v", got)
	}
	if line, col := doc.Position("/components/schemas/conversation/properties/ai_agent/allOf/0/$ref"); line != 35 || col != 17 {
		t.Errorf("allOf/0/$ref at %d:%d, want the $ref's own 35:17", line, col)
	}
}

func TestRefSiblingsDisabledLosesNullable(t *testing.T) {
	// What the rule is for: without it, kin drops nullable.
	cfg := configWith(t, RuleRefSiblings, false)
	doc, diags, err := LoadBytes("ref-siblings.yaml", readTestdata(t, "ref-siblings.yaml"), Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(only(diags, RuleRefSiblings)); n != 0 {
		t.Errorf("%d ref-siblings reports with the rule off", n)
	}
	p := doc.Spec.Components.Schemas["conversation"].Value.Properties["ai_agent"]
	if p.Ref == "" || p.Value.Nullable {
		t.Errorf("expected kin's own reading (a plain reference, not nullable), got ref %q nullable %v", p.Ref, p.Value.Nullable)
	}
}

func TestArrayWithoutItemsGetsAnyItems(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "array-without-items.yaml")
	s := doc.Spec.Components.Schemas
	for name, items := range map[string]*openapi3.SchemaRef{
		"anyOf branch":           s["ticket_custom_attributes"].Value.AdditionalProperties.Schema.Value.AnyOf[1].Value.Items,
		"property named default": s["ticket_type_attribute"].Value.Properties["default"].Value.Items,
		"parameter schema":       doc.Spec.Paths.Value("/tickets").Get.Parameters[0].Value.Schema.Value.Items,
	} {
		if items == nil || items.Value == nil || items.Value.Type != nil && !items.Value.Type.IsEmpty() {
			t.Errorf("%s: items = %+v, want the empty (any) schema", name, items)
		}
	}
	if tags := s["ticket_type_attribute"].Value.Properties["tags"].Value.Items.Value; !tags.Type.Is("string") {
		t.Errorf("declared items replaced: %v", tags.Type)
	}
	if err := doc.Spec.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Errorf("kin still objects: %v", err)
	}
}

func TestPathParamsAgreeWithTemplates(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "path-params.yaml")
	paths := doc.Spec.Paths
	pathParam := func(params openapi3.Parameters, name string) *openapi3.Parameter {
		for _, p := range params {
			if p.Value.Name == name && p.Value.In == openapi3.ParameterInPath && p.Value.Required {
				return p.Value
			}
		}
		return nil
	}
	if p := pathParam(paths.Value("/export/{job_identifier}").Get.Parameters, "job_identifier"); p == nil {
		t.Error("/export: job_identifier is not a required path parameter")
	}
	if p := pathParam(paths.Value("/download/{job_identifier}").Get.Parameters, "job_identifier"); p == nil || !p.Schema.Value.Type.Is("string") {
		t.Error("/download: job_identifier was not declared as a string path parameter")
	}
	if p := pathParam(paths.Value("/items/{id}").Parameters, "id"); p == nil {
		t.Error("/items/{id}: the path-item parameter id is not a path parameter")
	}
	if got := paths.Value("/things").Get.Parameters; len(got) != 1 || got[0].Value.Name != "page" {
		t.Errorf("/things: the unused path parameter is still there: %v", got)
	}
	shared := paths.Value("/shared/{sid}").Get.Parameters[0]
	if shared.Ref != "" || pathParam(openapi3.Parameters{shared}, "sid") == nil {
		t.Errorf("/shared/{sid}: want a path parameter copied in place of the reference, got %+v", shared)
	}
	if c := doc.Spec.Components.Parameters["sid"].Value; c.In != openapi3.ParameterInQuery {
		t.Errorf("the component used as a query parameter elsewhere was changed to %s", c.In)
	}
	if q := paths.Value("/search").Get.Parameters[0]; q.Ref != "#/components/parameters/sid" || q.Value.In != openapi3.ParameterInQuery {
		t.Errorf("/search lost its query parameter: %+v", q)
	}
	if err := doc.Spec.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		t.Errorf("kin still objects: %v", err)
	}
	// The declared parameter is located at its operation.
	if line, col := doc.Position("/paths/~1download~1{job_identifier}/get/parameters/0/name"); line != 18 || col != 7 {
		t.Errorf("added parameter at %d:%d, want the operation's 18:7", line, col)
	}
}

func TestDuplicateKeyKeepsTheLast(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "duplicate-key.yaml")
	s := doc.Spec.Components.Schemas
	if r := s["a"].Value.Required; !slices.Equal(r, []string{"new"}) {
		t.Errorf("required = %v, want the later [new]", r)
	}
	if !s["s2"].Value.Type.Is("boolean") {
		t.Errorf("s2 is %v, want the last value, boolean", s["s2"].Value.Type)
	}
	if got := doc.Keys("/components/schemas"); !slices.Equal(got, []string{"a", "s1", "s3", "s4", "s5", "s6", "s7", "s2"}) {
		t.Errorf("schemas = %v", got)
	}
}

func TestPrepareReadsYAMLAsKinDoes(t *testing.T) {
	doc, diags := mustLoadTestdata(t, "prepare.yaml")
	if len(diags) != 0 {
		t.Errorf("unexpected diagnostics: %v", diags)
	}
	if doc.Version != "2.11" || doc.Spec.Info.Version != "2.10" || doc.Spec.OpenAPI != "3.0" {
		t.Errorf("Version = %q, info.version = %q, openapi = %q: unquoted versions must read as written, not as numbers",
			doc.Version, doc.Spec.Info.Version, doc.Spec.OpenAPI)
	}
	if d := doc.Spec.Info.Description; d != "The tag is the author's own; the text is a string." {
		t.Errorf("!md description = %q", d)
	}
	if doc.Spec.Paths.Value("/events").Get.Responses.Value("200") == nil {
		t.Error("an unquoted 200 must name the status code")
	}
	s := doc.Spec.Components.Schemas
	if ex := s["base"].Value.Properties["created_at"].Value.Example; ex != "2024-01-02" {
		t.Errorf("a date-like example must stay the string written, got %#v", ex)
	}
	event := s["event"].Value
	if event.Description != "Merges the members of base." || !event.Type.Is("object") || event.Properties["id"] == nil {
		t.Errorf("merge key not expanded: %+v", event)
	}
	if got := doc.Keys("/components/schemas/event"); !slices.Equal(got, []string{"type", "properties", "description"}) {
		t.Errorf("merged keys = %v, want the merged members where << was", got)
	}
	if alias := s["alias_of_event"].Value; alias.Properties["created_at"] == nil {
		t.Errorf("alias not followed: %+v", alias)
	}
	if line, col := doc.Position("/components/schemas/alias_of_event/properties/id"); line != 24 || col != 13 {
		t.Errorf("a node reached through an alias is where the anchor wrote it (24:13); got %d:%d", line, col)
	}
}

func TestDiscriminatorMappingKeepsWhatResolves(t *testing.T) {
	doc, _ := mustLoadTestdata(t, "discriminator-mapping.yaml")
	pet := doc.Spec.Components.Schemas["pet"].Value
	if pet.Discriminator == nil {
		t.Fatal("the discriminator itself was dropped")
	}
	var got []string
	for k, v := range pet.Discriminator.Mapping {
		got = append(got, k+"="+v.Ref)
	}
	slices.Sort(got)
	want := []string{"bird=bird", "dog=#/components/schemas/dog"}
	if !slices.Equal(got, want) {
		t.Errorf("mapping = %v, want %v", got, want)
	}
	if len(pet.OneOf) != 3 {
		t.Errorf("oneOf has %d branches, want all 3", len(pet.OneOf))
	}
	if got := doc.Keys("/components/schemas/pet/discriminator/mapping"); !slices.Equal(got, []string{"dog", "bird"}) {
		t.Errorf("mapping keys in source order = %v", got)
	}
}

func TestRulesOff(t *testing.T) {
	for _, tc := range []struct {
		rule, file, code string
	}{
		{RuleDanglingSchemaRef, "dangling-schema-ref.yaml", "dangling-ref"},
		{RuleArrayWithoutItems, "array-without-items.yaml", ""},
		{RulePathParamLocation, "path-params.yaml", ""},
		{RuleDiscriminatorMapping, "discriminator-mapping.yaml", "dangling-ref"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			_, diags, err := LoadBytes(tc.file, readTestdata(t, tc.file), Options{Config: configWith(t, tc.rule, false)})
			if len(only(diags, tc.rule)) != 0 {
				t.Errorf("the rule reported while off: %v", only(diags, tc.rule))
			}
			if tc.code == "" {
				if err != nil {
					t.Fatalf("must still load: %v", err)
				}
				return
			}
			if err == nil || len(only(diags, tc.code)) == 0 {
				t.Fatalf("want %s errors, got %v (%v)", tc.code, diags, err)
			}
		})
	}
}

func TestRuleParameters(t *testing.T) {
	repairs := `rules:
  dangling-schema-ref:
    enabled: true
    stub: {type: string, description: stand-in}
    names: [custom_attributes]
  ref-siblings:
    enabled: true
    silent: [description, title, "x-*", nullable]
  array-without-items:
    enabled: true
    items: {type: string}
  undeclared-path-param:
    enabled: true
    schema: {type: integer}
`
	cfg, err := ParseConfig([]byte(repairs), nil)
	if err != nil {
		t.Fatal(err)
	}
	load := func(name string) (*Document, diag.List) {
		doc, diags, err := LoadBytes(name, readTestdata(t, name), Options{Config: cfg})
		if err != nil {
			t.Fatal(err)
		}
		return doc, diags
	}
	doc, _ := load("dangling-schema-ref.yaml")
	if s := doc.Spec.Components.Schemas["custom_attributes"].Value; !s.Type.Is("string") || s.Description != "stand-in" {
		t.Errorf("configured stub not used: %+v", s)
	}
	doc, diags := load("ref-siblings.yaml")
	if got := only(diags, RuleRefSiblings); len(got) != 2 {
		t.Errorf("with nullable silent, only value and combined are reported; got %v", got)
	}
	if !doc.Spec.Components.Schemas["conversation"].Value.Properties["ai_agent"].Value.Nullable {
		t.Error("a silent sibling must still be kept")
	}
	doc, _ = load("array-without-items.yaml")
	if it := doc.Spec.Components.Schemas["ticket_type_attribute"].Value.Properties["default"].Value.Items.Value; !it.Type.Is("string") {
		t.Errorf("configured items not used: %+v", it)
	}
	doc, _ = load("path-params.yaml")
	if p := doc.Spec.Paths.Value("/download/{job_identifier}").Get.Parameters[0].Value; !p.Schema.Value.Type.Is("integer") {
		t.Errorf("configured parameter schema not used: %+v", p.Schema.Value)
	}
}

// A parameter reached through a percent-encoded pointer (as bundlers write
// them) declares the path parameter: nothing is added in its place.
func TestPathParamThroughEncodedRef(t *testing.T) {
	doc, diags := mustLoadTestdata(t, "path-params-ref.yaml")
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	del := doc.Spec.Paths.Value("/droplets/{droplet_id}").Delete
	if len(del.Parameters) != 1 {
		t.Fatalf("delete has %d parameters, want the one reference", len(del.Parameters))
	}
	if p := del.Parameters[0].Value; p == nil || p.Schema == nil || !p.Schema.Value.Type.Is("integer") {
		t.Errorf("the parameter is not the integer one it refers to: %+v", p)
	}
}
