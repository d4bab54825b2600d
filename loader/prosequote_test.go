package loader

import (
	"strings"
	"testing"
)

// TestProseQuoting: an unquoted prose value holding ": " is quoted and the
// file parses, with the text YAML would have folded and the lines kept;
// anything else that does not parse stays a syntax error.
func TestProseQuoting(t *testing.T) {
	head := "openapi: 3.0.3\ninfo:\n  version: '1'\n"
	tail := "paths: {}\n"
	for _, tc := range []struct {
		name, body string
		want       string // the title read; "" when the file must stay a syntax error
	}{
		{"one line", "  title: Tickets: the API\n", "Tickets: the API"},
		{"quotes inside", "  title: It's: Bob's\n", "It's: Bob's"},
		{"continuation", "  title: A title\n    that goes: on\n\n    and on\n", "A title that goes: on\nand on"},
		{"crlf", "  title: A: b\r\n", "A: b"},
		{"comment after", "  title: A: b # note\n", ""},
		{"not prose", "  x-label: A: b\n  title: t\n", ""},
		{"already quoted", "  title: 'A': b\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := head + tc.body + tail
			if tc.name == "crlf" {
				data = strings.ReplaceAll(head, "\n", "\r\n") + tc.body + strings.ReplaceAll(tail, "\n", "\r\n")
			}
			doc, diags, err := LoadBytes("prose.yaml", []byte(data), Options{})
			if tc.want == "" {
				if err == nil || !strings.Contains(err.Error(), "[syntax]") {
					t.Fatalf("loaded (%v), want a syntax error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Spec.Info.Title; got != tc.want {
				t.Errorf("title %q, want %q", got, tc.want)
			}
			var repairs []string
			for _, d := range diags {
				if d.Code == RuleProseQuoting {
					repairs = append(repairs, d.String())
				}
			}
			if len(repairs) != 1 || !strings.Contains(repairs[0], "prose.yaml:4:") {
				t.Errorf("repairs %q, want one on line 4", repairs)
			}
		})
	}
}

// TestSchemaShapes: required: true on a property lists it in the parent's
// required array (once), required: false is dropped, and a schema whose
// type is a mapping of schemas becomes an object with those properties.
func TestSchemaShapes(t *testing.T) {
	data := `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    a:
      type: object
      required: [x]
      properties:
        x: {type: string, required: true}
        y: {type: string, required: true}
        z: {type: string, required: false}
        list:
          type:
            type: string
          data:
            type: array
            items: {type: string}
`
	doc, _, err := LoadBytes("shapes.yaml", []byte(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Spec.Components.Schemas["a"].Value
	if got := strings.Join(a.Required, ","); got != "x,y" {
		t.Errorf("required %q, want x,y", got)
	}
	list := a.Properties["list"].Value
	if !list.Type.Is("object") || list.Properties["type"] == nil || !list.Properties["data"].Value.Type.Is("array") {
		t.Errorf("list: type %v, properties %v", list.Type, list.Properties)
	}
}
