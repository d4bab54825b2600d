package build_test

import (
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// A $ref to a schema written inline elsewhere in the description (as
// bundlers write them: "#/paths/…/items") is followed: every reference
// shares one type with the place it points at, nothing becomes any.
func TestLocalRefsBeyondComponentsAreTyped(t *testing.T) {
	pkg, diags := buildSpec(t, `  /apps:
    get:
      operationId: listApps
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  apps:
                    type: array
                    items:
                      type: object
                      properties:
                        id: {type: string}
                        spec:
                          type: object
                          properties:
                            name: {type: string}
    post:
      operationId: createApp
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                spec:
                  $ref: '#/paths/~1apps/get/responses/200/content/application~1json/schema/properties/apps/items/properties/spec'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  app:
                    $ref: '#/paths/~1apps/get/responses/200/content/application~1json/schema/properties/apps/items'
                  region:
                    $ref: '#/components/schemas/region/properties/slug'
`, `    region:
      type: object
      properties:
        slug: {type: string, description: The region's slug.}
`)
	for _, d := range diags {
		if d.Code == "unknown-ref" {
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}
	var list, create *model.Operation
	for _, op := range pkg.Operations {
		switch op.ID {
		case "listApps":
			list = op
		case "createApp":
			create = op
		}
	}
	if list == nil || create == nil {
		t.Fatal("operations missing")
	}
	listResult := typeNamed(t, pkg, list.Result.Type.Name)
	item := field(t, listResult, "Apps").Type
	if item.Kind != model.Slice || item.Elem.Kind != model.Named {
		t.Fatalf("apps is %s, want a slice of a named type", item)
	}
	createResult := typeNamed(t, pkg, create.Result.Type.Name)
	if got := field(t, createResult, "App").Type; got.String() != "*"+item.Elem.Name && got.String() != item.Elem.Name {
		t.Errorf("app is %s, want the list's item type %s", got, item.Elem.Name)
	}
	if got := field(t, createResult, "Region").Type.String(); got != "*string" && got != "string" {
		t.Errorf("region is %s, want a string", got)
	}
	spec := field(t, typeNamed(t, pkg, item.Elem.Name), "Spec").Type
	body := typeNamed(t, pkg, create.Body.Type.Name)
	if got, want := field(t, body, "Spec").Type.String(), spec.String(); got != want {
		t.Errorf("request spec is %s, want the item's spec type %s", got, want)
	}
}

// Bodies that are neither JSON nor a form are sent as they are: text as a
// string, anything else as an io.Reader, each with its media type (a
// range becomes application/octet-stream).
func TestRawRequestBodies(t *testing.T) {
	pkg, diags := buildSpec(t, `  /render:
    post:
      operationId: render
      requestBody:
        content:
          text/x-markdown; charset=utf-8:
            schema: {type: string}
      responses:
        '200': {description: ok}
  /upload:
    post:
      operationId: upload
      requestBody:
        content:
          image/*:
            schema: {type: string, format: binary}
      responses:
        '204': {description: ok}
`, `    unused: {type: object}
`)
	for _, d := range diags {
		if d.Code == "unsupported-body" {
			t.Errorf("unexpected diagnostic: %v", d)
		}
	}
	want := map[string][2]string{
		"render": {"string", "text/x-markdown; charset=utf-8"},
		"upload": {"io.Reader", "application/octet-stream"},
	}
	for _, op := range pkg.Operations {
		w, ok := want[op.ID]
		if !ok {
			continue
		}
		if op.Body == nil || op.Body.Type.String() != w[0] || op.Body.Raw != w[1] || op.Body.Pointer || op.Body.Form {
			t.Errorf("%s: body %+v, want %s sent as %s", op.ID, op.Body, w[0], w[1])
		}
		delete(want, op.ID)
	}
	if len(want) > 0 {
		t.Errorf("operations missing: %v", want)
	}
}
