package verify

import (
	"context"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

func needGo(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("verify builds the generated client with the go command, which is not on PATH")
	}
}

// generate is the generation verify checks.
func generate(t *testing.T, doc *loader.Document) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Generate(doc, pipeline.Options{})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return res
}

func runFile(t *testing.T, path string) *Report {
	t.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	rep, err := Run(context.Background(), doc, generate(t, doc), Options{})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return rep
}

// assertClean checks the counts a passing description must have.
func assertClean(t *testing.T, rep *Report) {
	t.Helper()
	var out strings.Builder
	rep.Print(&out, true)
	t.Log(out.String())
	switch {
	case !rep.OK():
		t.Errorf("failures:\n%s", out.String())
	case rep.Examples == 0 || rep.Decoded != rep.Examples || rep.Lossless != rep.Examples:
		t.Errorf("examples decoded %d and lossless %d of %d", rep.Decoded, rep.Lossless, rep.Examples)
	case rep.OperationsCalled != rep.Operations:
		t.Errorf("operations called %d of %d", rep.OperationsCalled, rep.Operations)
	case rep.RequestLossless != rep.RequestExamples:
		t.Errorf("request examples lossless %d of %d", rep.RequestLossless, rep.RequestExamples)
	case rep.Requests == 0 || rep.RequestsValid == 0:
		t.Errorf("requests valid %d of %d", rep.RequestsValid, rep.Requests)
	}
	for _, f := range rep.InvalidExamples {
		if f.Check != "request" || !strings.HasPrefix(f.Detail, "the example itself: ") {
			t.Errorf("not a description defect: %s", f)
		}
	}
}

// variant finds the union variant chosen at path in the body (or result)
// of a call of op with the given request example.
func variant(t *testing.T, rep *Report, op, example, path string, body bool) string {
	t.Helper()
	for _, c := range rep.Calls {
		if c.Operation != op || c.RequestExample != example {
			continue
		}
		m := c.ResultVariants
		if body {
			m = c.BodyVariants
		}
		if v, ok := m[path]; ok {
			return v
		}
	}
	return ""
}

func TestVerifyFixtures(t *testing.T) {
	needGo(t)
	for _, name := range []string{"v1", "v2", "acme"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep := runFile(t, filepath.Join("..", "..", "..", "specs", "fixtures", name+".yaml"))
			assertClean(t, rep)
			if name != "v2" {
				return
			}
			// Unions pick the right variant (request bodies decoded from the
			// examples, results decoded from the answers).
			checks := []struct {
				op, example, path string
				body              bool
				want              string
			}{
				{"SearchContacts", "successful", "query", true, "MultipleFilterSearchRequest"},
				{"SearchContacts", "successful", "query.value", true, "MultipleFilterSearchRequestList"},
				{"SearchContacts", "successful", "query.value[0].value", true, "SingleFilterSearchRequestList"},
				{"searchConversations", "successful", "query", true, "SingleFilterSearchRequest"},
				{"searchConversations", "successful", "query.value", true, "Bool"},
				{"createMessage", "user_message_created", "to", true, "Recipient"},
				{"createMessage", "several_recipients", "to", true, "RecipientList"},
				{"UpdateContact", "successful", "custom_attributes.plan", true, "String"},
				{"UpdateContact", "successful", "custom_attributes.seats", true, "Int"},
				{"UpdateContact", "successful", "custom_attributes.renewed_on", true, "Datetime.Time"},
				{"UpdateContact", "successful", "custom_attributes.orders", true, "CustomObjectInstanceList"},
				{"UpdateContact", "successful", "custom_attributes.monthly_spend", true, "String"},
				{"attachContactToConversation", "successful", "customer", true, "IntercomUserID"},
				{"attachContactToConversation", "contact_not_found", "customer", true, "Email"},
				{"replyConversation", "user_reply", "", true, "ContactReplyConversationRequest.ContactReplyIntercomUserIDRequest"},
				{"replyConversation", "admin_note_reply", "", true, "AdminReplyConversationRequest"},
				{"searchContent", "", "data[0]", false, "ContentSearchDefaultItem"},
				{"searchContent", "", "data[1]", false, "ContentSearchArticleItem"},
				{"listConversationAttributes", "", "data[0]", false, "ListType"},
				{"listConversationAttributes", "", "data[1]", false, "StringType"},
				{"getTicket", "", "ticket_attributes.affected", false, "AnyList"},
			}
			for _, c := range checks {
				if got := variant(t, rep, c.op, c.example, c.path, c.body); got != c.want {
					t.Errorf("%s %q at %q: variant %q, want %q", c.op, c.example, c.path, got, c.want)
				}
			}
			// The non-JSON operations went through (a failure would be listed).
			for _, op := range []string{"uploadEcommerceCatalog", "showCallTranscript", "downloadReportingExport",
				"showCallRecording", "createDataEvent", "deleteAudience", "deleteTag"} {
				called := false
				for _, c := range rep.Calls {
					called = called || c.Operation == op
				}
				if !called {
					t.Errorf("%s was not called", op)
				}
			}
		})
	}
}

// TestVerifyFindsProblems: a description whose example cannot be the
// result (an array where an object is declared), an operation whose
// request the server refuses, and the exceptions list excusing a check.
func TestVerifyFindsProblems(t *testing.T) {
	needGo(t)
	spec := `openapi: 3.0.1
info: {title: Broken, version: '1.0'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - {type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}
                  - {type: object, properties: {a: {type: string}, c: {type: string}}}
              examples:
                both: {value: {a: x, b: y, c: z}}
  /shapes:
    get:
      operationId: getShape
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
              examples:
                wrong shape: {value: [1, 2]}
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties: {name: {type: string, maxLength: 3}}
            examples:
              successful: {value: {name: toolong}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object}, examples: {ok: {value: {}}}}}}
`
	path := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := runFile(t, path)
	var checks []string
	for _, f := range rep.Failures {
		checks = append(checks, f.Check+" "+f.Operation)
	}
	// The client's fault: c, which the other variant declares, sits in
	// the chosen one's extras.
	if got := strings.Join(checks, ", "); got != "typed getThing" {
		t.Errorf("failures %q, want the misplaced value", got)
	}
	// The description's: an answer its schema says is an object, and a
	// request example longer than its schema allows.
	var invalid []string
	for _, f := range rep.InvalidExamples {
		invalid = append(invalid, f.Check+" "+f.Operation)
	}
	if got := strings.Join(invalid, ", "); got != "decode getShape, request createThing" {
		t.Errorf("the examples the description's schemas refuse: %q", got)
	}
	if rep.OK() {
		t.Error("Report.OK with a failure")
	}

	ex, err := ParseExceptions([]byte("exceptions: [{versions: ['1.0'], operation: getThing, check: typed, reason: both variants fit}]"))
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := loader.Load(path, loader.Options{})
	rep, err = Run(context.Background(), doc, generate(t, doc), Options{Exceptions: ex})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.Excepted) != 1 || rep.Excepted[0].Reason != "both variants fit" {
		t.Errorf("the exception did not excuse the failure: %+v", rep)
	}
}

// TestVerifyRealVersions runs verify on every published description.
func TestVerifyRealVersions(t *testing.T) {
	needGo(t)
	dir := golden.OpenAPIDir(t)
	for _, v := range loader.Versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			path, err := loader.ResolveVersion(dir, v)
			if err != nil {
				t.Fatal(err)
			}
			rep := runFile(t, path)
			assertClean(t, rep)
			if v == "2.16" {
				realUnionCases(t, rep)
			}
		})
	}
}

// realUnionCases: the union cases of the spec survey, on Intercom 2.16.
func realUnionCases(t *testing.T, rep *Report) {
	checks := []struct {
		op, example, path string
		body              bool
		want              string
	}{
		{"SearchContacts", "successful", "query", true, "MultipleFilterSearchRequest"},
		{"SearchContacts", "successful", "query.value", true, "SingleFilterSearchRequestList"},
		{"createMessage", "admin_message_created", "to", true, "RecipientList"},
		{"createMessage", "admin_whatsapp_message_created", "to", true, "Recipient"},
		{"updateConversation", "conversation_found", "custom_attributes.issue_type", true, "String"},
		{"searchContent", "", "data[4]", false, "ContentSearchArticleItem"},
		{"searchContent", "", "data[0]", false, "ContentSearchDefaultItem"},
		{"listConversationAttributes", "", "data[0]", false, "StringType"},
		{"listConversationAttributes", "", "data[1]", false, "ListType"},
		{"listConversationAttributes", "", "data[2]", false, "RelationshipType"},
	}
	for _, c := range checks {
		if got := variant(t, rep, c.op, c.example, c.path, c.body); got != c.want {
			t.Errorf("%s %q at %q: variant %q, want %q", c.op, c.example, c.path, got, c.want)
		}
	}
	// A custom-attribute value that is a list of custom object instances.
	found := false
	for _, c := range rep.Calls {
		if c.Operation == "updateConversation" && c.ResultVariants["custom_attributes.order"] == "CustomObjectInstanceList" {
			found = true
		}
	}
	if !found {
		t.Error("no custom_attributes value decoded as a custom object instance list")
	}
}

// TestVerifyTypedView: values of an example are counted as typed or only
// in extras, and a value that another variant of its union declares but
// that sits in extras is a "typed" failure.
func TestVerifyTypedView(t *testing.T) {
	needGo(t)
	spec := `openapi: 3.0.1
info: {title: Typed, version: '1.0'}
paths:
  /things:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - type: object
                    required: [k1, k2]
                    properties: {k1: {type: string}, k2: {type: string}}
                  - type: object
                    properties: {k1: {type: string}, nested: {type: object, properties: {y: {type: string}}}}
              examples:
                both: {value: {k1: a, k2: b, nested: {y: c}}}
  /plain:
    get:
      operationId: getPlain
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
              examples:
                extra: {value: {id: a, other: {x: 1}}}
  /owner:
    get:
      operationId: getOwner
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                anyOf:
                  - type: object
                    required: [login, followers]
                    properties: {login: {type: string}, followers: {type: integer}, email: {type: string}}
                  - type: object
                    required: [login, repos]
                    properties: {login: {type: string}, repos: {type: integer}}
              examples:
                org: {value: {login: a, repos: 2, email: x@example.com}}
`
	path := filepath.Join(t.TempDir(), "typed.yaml")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := runFile(t, path)
	var checks []string
	for _, f := range rep.Failures {
		checks = append(checks, f.Check+" "+f.Operation+": "+f.Detail)
	}
	if len(checks) != 1 || !strings.HasPrefix(checks[0], "typed getThing: ") || !strings.HasSuffix(checks[0], ": nested") {
		t.Errorf("failures %q, want the misplaced nested of getThing", checks)
	}
	// getThing: 5 values (the object, k1, k2, nested, y), 2 of them in
	// extras (nested and y); getPlain: 4 (object, id, other, x), 2 extra;
	// getOwner: 4 (object, login, repos, email), email in extras but not
	// misplaced: the variant declaring it requires followers, which did
	// not come.
	if rep.TypedValues != 8 || rep.ExtraValues != 5 {
		t.Errorf("typed %d, extra %d; want 8 and 5", rep.TypedValues, rep.ExtraValues)
	}
}
