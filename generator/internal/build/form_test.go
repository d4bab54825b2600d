package build_test

import (
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// TestURLEncodedBody: a form-encoded body is a form struct sent
// URL-encoded, each field styled as its encoding says (form and explode by
// default), and preferred only to what is neither JSON nor multipart;
// query parameters take the same styles.
func TestURLEncodedBody(t *testing.T) {
	pkg, diags := buildWithDiags(t, `openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /f:
    post:
      operationId: send
      parameters:
        - {name: q, in: query, style: pipeDelimited, explode: false, schema: {type: array, items: {type: string}}}
        - {name: o, in: query, style: form, explode: false, schema: {type: object, properties: {a: {type: string}}}}
      requestBody:
        content:
          text/plain: {schema: {type: string}}
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                plain: {type: string}
                file: {type: string, format: binary}
                list: {type: array, items: {type: string}}
                csv: {type: array, items: {type: string}}
                spaced: {type: array, items: {type: string}}
                exploded: {type: array, items: {type: string}}
                obj: {type: object, properties: {a: {type: string}}}
                deep: {type: object, properties: {a: {type: string}}}
                flat: {type: object, properties: {a: {type: string}}}
                json: {type: object, properties: {a: {type: string}}}
                odd: {type: string}
            encoding:
              csv: {explode: false}
              spaced: {style: spaceDelimited}
              exploded: {style: spaceDelimited, explode: true}
              deep: {style: deepObject}
              flat: {explode: false}
              json: {contentType: 'application/json; charset=utf-8'}
              odd: {style: matrix}
      responses: {'204': {description: ok}}
  /j:
    post:
      operationId: both
      requestBody:
        content:
          application/x-www-form-urlencoded: {schema: {type: object, properties: {a: {type: string}}}}
          application/json: {schema: {type: object, properties: {a: {type: string}}}}
      responses: {'204': {description: ok}}
`)
	op := pkg.Operations[0]
	if op.Body == nil || !op.Body.Form || !op.Body.URLEncoded || !op.Body.Pointer {
		t.Fatalf("body %+v", op.Body)
	}
	form := typeNamed(t, pkg, op.Body.Type.Name)
	if form.Kind != model.Form {
		t.Fatalf("kind %v", form.Kind)
	}
	for wire, want := range map[string]string{
		"plain": "", "file": "", "list": "", "csv": "comma", "spaced": "space", "exploded": "",
		"obj": "object", "deep": "deep", "flat": "pairs", "json": "json", "odd": "",
	} {
		var f *model.Field
		for _, x := range form.Fields {
			if x.Wire == wire {
				f = x
			}
		}
		if f == nil || f.Style != want {
			t.Errorf("field %s: %+v, want style %q", wire, f, want)
		}
		// A form that is URL-encoded has no files.
		if wire == "file" && f.Type.String() != "*string" {
			t.Errorf("file: %s", f.Type)
		}
	}
	styles := map[string]string{}
	for _, f := range op.Params.Fields {
		styles[f.Wire] = f.Style
	}
	if styles["q"] != "pipe" || styles["o"] != "pairs" {
		t.Errorf("query styles %v", styles)
	}
	found := false
	for _, d := range diags {
		found = found || d.Code == "unsupported-encoding" && d.Pointer == "/paths/~1f/post/requestBody/content/application~1x-www-form-urlencoded/encoding/odd/style"
	}
	if !found {
		t.Errorf("no unsupported-encoding for odd: %v", diags)
	}
	if b := pkg.Operations[1].Body; b == nil || b.Form || b.URLEncoded {
		t.Errorf("JSON is preferred to a form: %+v", b)
	}
}
