package build_test

import (
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/templates"
)

// buildSpec loads a small description (paths and schemas blocks indented
// for their place) and builds its package.
func buildSpec(t *testing.T, paths, schemas string) (*model.Package, diag.List) {
	t.Helper()
	src := "openapi: 3.0.1\ninfo: {title: Fixture API, version: '2.0'}\npaths:\n" + paths +
		"components:\n  schemas:\n" + schemas
	if paths == "" {
		src = strings.Replace(src, "paths:\n", "paths: {}\n", 1)
	}
	doc, ldiags, err := loader.LoadBytes("test.yaml", []byte(src), loader.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	pkg, diags, err := build.Build(doc.Spec, doc, build.Options{
		Package: "intercom", Version: doc.Version, Source: "test.yaml", Reserved: templates.Identifiers(),
	})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return pkg, append(ldiags, diags...)
}

func typeNamed(t *testing.T, pkg *model.Package, name string) *model.Type {
	t.Helper()
	for _, ty := range pkg.Types {
		if ty.Name == name {
			return ty
		}
	}
	var names []string
	for _, ty := range pkg.Types {
		names = append(names, ty.Name)
	}
	t.Fatalf("no type %s; have %v", name, names)
	return nil
}

func field(t *testing.T, ty *model.Type, name string) *model.Field {
	t.Helper()
	for _, f := range ty.Fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("%s has no field %s", ty.Name, name)
	return nil
}

func TestFieldRepresentation(t *testing.T) {
	pkg, _ := buildSpec(t, "", `    tag:
      type: object
      properties:
        name: {type: string}
    contact:
      type: object
      required: [id, created_at, tags]
      properties:
        type: {type: string, enum: [contact]}
        id: {type: string}
        email: {type: string}
        phone: {type: string, nullable: true}
        created_at: {type: integer, format: date-time}
        updated_at: {type: integer, format: timestamp}
        score: {type: number}
        count: {type: integer, format: int64}
        active: {type: boolean}
        tags: {type: array, items: {$ref: '#/components/schemas/tag'}}
        owner:
          $ref: '#/components/schemas/tag'
          nullable: true
        custom_attributes: {type: object}
        metadata:
          type: object
          additionalProperties: {type: integer}
        avatar_bytes: {type: string, format: byte}
        seen: {type: string, format: date-time}
        role: {type: string, enum: [user, lead]}
        last_answer_type: {type: string, enum: [null, ai_answer, custom_answer]}
`)
	c := typeNamed(t, pkg, "Contact")
	want := map[string]struct {
		typ      string
		required bool
	}{
		"Type":             {"string", false},
		"ID":               {"string", true},
		"Email":            {"*string", false},
		"Phone":            {"Nullable[string]", false},
		"CreatedAt":        {"UnixTime", true},
		"UpdatedAt":        {"*UnixTime", false},
		"Score":            {"*float64", false},
		"Count":            {"*int64", false},
		"Active":           {"*bool", false},
		"Tags":             {"[]Tag", true},
		"Owner":            {"Nullable[*Tag]", false},
		"CustomAttributes": {"map[string]any", false},
		"Metadata":         {"map[string]int", false},
		"AvatarBytes":      {"[]byte", false},
		"Seen":             {"*time.Time", false},
		"Role":             {"*ContactRole", false},
		"LastAnswerType":   {"Nullable[ContactLastAnswerType]", false},
	}
	for name, w := range want {
		f := field(t, c, name)
		if got := f.Type.String(); got != w.typ || f.Required != w.required {
			t.Errorf("%s: %s (required %v), want %s (required %v)", name, got, f.Required, w.typ, w.required)
		}
	}
	if f := field(t, c, "Type"); f.Const != "contact" {
		t.Errorf("single-valued enum is not a constant: %+v", f)
	}
	if e := typeNamed(t, pkg, "ContactLastAnswerType"); len(e.Values) != 2 {
		t.Errorf("null must not be an enum constant: %+v", e.Values)
	}
}

func TestNameCollisions(t *testing.T) {
	pkg, diags := buildSpec(t, `  /tickets:
    post:
      operationId: createTicket
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                title: {type: string}
      responses: {'200': {description: ok}}
`, `    ticket_type:
      type: object
      properties:
        id: {type: string}
    ticket:
      type: object
      properties:
        type: {type: string, enum: [ticket, back_office]}
    create_ticket_request:
      type: object
      properties:
        title: {type: string}
    intercom_version:
      type: string
      enum: ['1.0', '2.0', Preview]
      default: '2.0'
    intercom_version_preview:
      type: string
      enum: [preview]
    error:
      type: object
      properties:
        type: {type: string}
`)
	if f := field(t, typeNamed(t, pkg, "Ticket"), "Type"); f.Type.String() != "*TicketTypeEnum" {
		t.Errorf("ticket.type: %s, want *TicketTypeEnum (TicketType is the schema)", f.Type)
	}
	typeNamed(t, pkg, "TicketType")
	typeNamed(t, pkg, "CreateTicketRequestBody")
	typeNamed(t, pkg, "IntercomVersionPreview")
	// The runtime declares no Error, so the schema keeps its name.
	typeNamed(t, pkg, "Error")
	var consts []string
	for _, v := range typeNamed(t, pkg, "IntercomVersion").Values {
		consts = append(consts, v.Name)
	}
	if strings.Join(consts, " ") != "IntercomVersion1_0 IntercomVersion2_0 IntercomVersionPreviewValue" {
		t.Errorf("IntercomVersion constants: %v", consts)
	}
	n := 0
	for _, d := range diags {
		if d.Code == "name-collision" {
			n++
			if d.Line == 0 {
				t.Errorf("collision not located: %s", d)
			}
		}
	}
	if n != 3 {
		t.Errorf("want 3 located name-collision notes, got %d: %v", n, diags)
	}
}

func TestUnions(t *testing.T) {
	pkg, _ := buildSpec(t, "", `    recipient:
      type: object
      required: [type, id]
      properties:
        type: {type: string, enum: [user, lead]}
        id: {type: string}
    message:
      type: object
      properties:
        to:
          oneOf:
            - $ref: '#/components/schemas/recipient'
            - type: array
              items: {$ref: '#/components/schemas/recipient'}
        value:
          oneOf:
            - type: string
            - type: integer
            - type: array
              items:
                oneOf: [{type: string}, {type: integer}]
    article: {type: object, properties: {id: {type: string}}}
    external: {type: object, properties: {url: {type: string}}}
    result:
      oneOf:
        - $ref: '#/components/schemas/article'
        - $ref: '#/components/schemas/external'
      discriminator:
        propertyName: type
        mapping:
          article: '#/components/schemas/article'
          content_snippet: '#/components/schemas/external'
          external_content: '#/components/schemas/external'
    create_contact_request:
      type: object
      properties:
        email: {type: string}
        role: {type: string}
      anyOf:
        - required: [email]
        - required: [role]
    create_attribute:
      type: object
      required: [name]
      properties:
        name: {type: string}
      oneOf:
        - properties:
            data_type: {type: string, enum: [options]}
            options: {type: array, items: {type: string}}
        - properties:
            data_type: {type: string, enum: [string, integer]}
`)
	to := typeNamed(t, pkg, "MessageTo")
	if to.Kind != model.Union || len(to.Variants) != 2 || to.Variants[0].Name != "Recipient" || to.Variants[1].Name != "RecipientList" ||
		to.Variants[1].Type.String() != "[]Recipient" {
		t.Errorf("object|array union: %+v", to.Variants)
	}
	value := typeNamed(t, pkg, "MessageValue")
	var names []string
	for _, v := range value.Variants {
		names = append(names, v.Name+":"+v.Type.String())
	}
	if strings.Join(names, " ") != "String:string Int:int List:[]MessageValueItem" {
		t.Errorf("primitive union variants: %v", names)
	}
	res := typeNamed(t, pkg, "Result")
	if res.Variants[0].Discriminator != "type=article" || res.Variants[1].Discriminator != "type=content_snippet|external_content" {
		t.Errorf("discriminator values: %q %q", res.Variants[0].Discriminator, res.Variants[1].Discriminator)
	}
	if c := typeNamed(t, pkg, "CreateContactRequest"); c.Kind != model.Struct || len(c.Fields) != 2 {
		t.Errorf("required-only anyOf must leave a plain struct: %+v", c)
	}
	// A oneOf beside properties: a union whose every variant has the
	// shared properties and its branch's, no field of any branch lost.
	attr := typeNamed(t, pkg, "CreateAttribute")
	if attr.Kind != model.Union || len(attr.Variants) != 2 {
		t.Fatalf("oneOf beside properties must be a union of two: %+v", attr)
	}
	var shapes []string
	for _, v := range attr.Variants {
		vt := typeNamed(t, pkg, v.Type.Name)
		var fields []string
		for _, f := range vt.Fields {
			fields = append(fields, f.Wire)
		}
		shapes = append(shapes, v.Name+"{"+strings.Join(fields, ",")+"}")
	}
	if got := strings.Join(shapes, " "); got != "DataType{name,data_type,options} DataTypeObject{name,data_type}" {
		t.Errorf("variants %s", got)
	}
	if dt := field(t, typeNamed(t, pkg, attr.Variants[1].Type.Name), "DataType"); dt.Type.Kind != model.Pointer || len(typeNamed(t, pkg, dt.Type.Elem.Name).Values) != 2 {
		t.Errorf("the second variant's data_type: %+v", dt.Type)
	}
}

func TestOperations(t *testing.T) {
	pkg, diags := buildSpec(t, `  /contacts/{contact_id}/tags:
    parameters:
      - name: contact_id
        in: path
        required: true
        schema: {type: string}
    post:
      operationId: attachTagToContact
      tags: [Tags, Contacts]
      parameters:
        - name: Intercom-Version
          in: header
          schema: {$ref: '#/components/schemas/intercom_version'}
        - name: per_page
          in: query
          schema: {type: integer}
        - name: ids
          in: query
          style: form
          explode: false
          schema: {type: array, items: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {id: {type: string}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/tag'}}}
        '404': {description: nope}
  /export/enqueue:
    post:
      summary: Enqueue a new reporting data export job
      tags: [Reporting Data Export]
      parameters:
        - name: Intercom-Version
          in: header
          schema: {$ref: '#/components/schemas/intercom_version_preview'}
      responses: {'202': {description: accepted}}
  /export/{id}:
    get:
      summary: Get a reporting export's status
      tags: [Data Export]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object}}}}}
  /download/{id}:
    get:
      operationId: download
      tags: [Data Export]
      responses: {'200': {description: a file}}
`, `    tag: {type: object, properties: {id: {type: string}}}
    intercom_version: {type: string, enum: ['1.0', '2.0'], default: '2.0'}
    intercom_version_preview: {type: string, enum: [preview]}
`)
	if len(pkg.Operations) != 4 {
		t.Fatalf("%d operations", len(pkg.Operations))
	}
	attach := pkg.Operations[0]
	if attach.Tag != "Tags" || attach.Method != "AttachTagToContact" || attach.Version != "" {
		t.Errorf("attach: tag %q method %q version %q", attach.Tag, attach.Method, attach.Version)
	}
	if len(attach.PathParams) != 1 || attach.PathParams[0].Arg != "contactID" {
		t.Errorf("path-item level path parameter: %+v", attach.PathParams)
	}
	if attach.Params == nil || len(attach.Params.Fields) != 2 {
		t.Fatalf("params struct (Intercom-Version must not be in it): %+v", attach.Params)
	}
	if f := attach.Params.Fields[1]; f.Style != "comma" || f.Type.String() != "[]string" {
		t.Errorf("explode=false array: style %q type %s", f.Style, f.Type)
	}
	if attach.Body == nil || !attach.Body.Pointer || attach.Body.Type.Name != "AttachTagToContactRequest" {
		t.Errorf("inline body: %+v", attach.Body)
	}
	if attach.Result.Kind != model.JSON || attach.Result.Type.Name != "Tag" || len(attach.ErrorStatuses) != 1 {
		t.Errorf("result: %+v", attach.Result)
	}
	enq := pkg.Operations[1]
	if enq.ID != "enqueueNewReportingDataExportJob" || enq.Method != "EnqueueNewReportingDataExportJob" || enq.Version != "preview" || enq.Result.Kind != model.NoContent {
		t.Errorf("operation without operationId: %+v", enq)
	}
	if status := pkg.Operations[2]; status.ID != "getReportingExportStatus" || status.Result.Type.String() != "map[string]any" {
		t.Errorf("possessive in a summary: %s, result %s", status.ID, status.Result.Type)
	}
	if dl := pkg.Operations[3]; dl.Result.Kind != model.Stream {
		t.Errorf("a GET with an empty 200 is a download: %+v", dl.Result)
	}
	var fields []string
	for _, s := range pkg.Services {
		fields = append(fields, s.Field+"/"+s.File)
	}
	if strings.Join(fields, " ") != "DataExport/service_data_export ReportingDataExport/service_reporting_data_export Tags/service_tags" {
		t.Errorf("services: %v", fields)
	}
	found := false
	for _, d := range diags {
		found = found || d.Code == "derived-operation-id"
	}
	if !found {
		t.Error("no diagnostic for the derived operation ID")
	}
}

func TestRecursion(t *testing.T) {
	pkg, diags := buildSpec(t, "", `    node:
      type: object
      required: [parent]
      properties:
        parent: {$ref: '#/components/schemas/node'}
        children: {type: array, items: {$ref: '#/components/schemas/node'}}
        previous:
          nullable: true
          allOf: [{$ref: '#/components/schemas/node'}]
    filter:
      type: object
      properties:
        value:
          oneOf:
            - type: array
              items: {$ref: '#/components/schemas/filter'}
            - type: string
`)
	node := typeNamed(t, pkg, "Node")
	if got := field(t, node, "Parent").Type.String(); got != "*Node" {
		t.Errorf("self reference by value must become a pointer, got %s", got)
	}
	if got := field(t, node, "Children").Type.String(); got != "[]Node" {
		t.Errorf("slices break cycles already, got %s", got)
	}
	if got := field(t, node, "Previous").Type.String(); got != "Nullable[*Node]" {
		t.Errorf("a nullable object is held by pointer, which breaks the cycle and keeps its null, got %s", got)
	}
	n := 0
	for _, d := range diags {
		if d.Code == "recursive-type" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want exactly one recursive-type note, got %d", n)
	}
}
