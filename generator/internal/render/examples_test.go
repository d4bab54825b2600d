package render

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

func exampleNames(t *testing.T, pkg *model.Package) (names []string, src string) {
	t.Helper()
	f, ok, err := Examples(pkg, "example.com/app/widgets")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	file, err := parser.ParseFile(token.NewFileSet(), f.Name, f.Source, parser.ParseComments)
	if err != nil {
		t.Fatalf("%v\n%s", err, f.Source)
	}
	if file.Name.Name != pkg.Name+"_test" {
		t.Fatalf("package %s", file.Name.Name)
	}
	for _, line := range strings.Split(string(f.Source), "\n") {
		if name, ok := strings.CutPrefix(line, "func "); ok {
			names = append(names, strings.TrimSuffix(name, "() {"))
		}
	}
	return names, string(f.Source)
}

// TestExamplesChooseByModel: on a description that is not Intercom's the
// examples are chosen by the operations' properties, values are spelled
// by their Go types, and an example with nothing to call is left out.
func TestExamplesChooseByModel(t *testing.T) {
	str := &model.TypeRef{Kind: model.Builtin, Name: "string"}
	ptr := func(r *model.TypeRef) *model.TypeRef { return &model.TypeRef{Kind: model.Pointer, Elem: r} }
	named := func(n string) *model.TypeRef { return &model.TypeRef{Kind: model.Named, Name: n} }
	widget := &model.Type{Name: "Widget", Kind: model.Struct, Fields: []*model.Field{
		{Name: "ID", Wire: "id", Type: str, Required: true},
		{Name: "Label", Wire: "label", Type: ptr(str)},
	}}
	create := &model.Type{Name: "NewWidget", Kind: model.Struct, Fields: []*model.Field{
		{Name: "Label", Wire: "label", Type: str, Required: true},
		{Name: "Kind", Wire: "kind", Type: ptr(str), Const: "widget", Required: true},
	}}
	ops := []*model.Operation{
		{ID: "makeWidget", Method: "MakeWidget", Var: "opMakeWidget", HTTPMethod: "POST", Path: "/widgets", Tag: "widgets",
			Body: &model.Body{Type: named("NewWidget"), Pointer: true}, Result: model.Result{Kind: model.JSON, Type: named("Widget"), Pointer: true}},
		{ID: "fetchWidget", Method: "FetchWidget", Var: "opFetchWidget", HTTPMethod: "GET", Path: "/widgets/{widget_id}", Tag: "widgets",
			PathParams: []*model.PathParam{{Wire: "widget_id", Arg: "widgetID", Type: str}},
			Result:     model.Result{Kind: model.JSON, Type: named("Widget"), Pointer: true}},
	}
	pkg := &model.Package{Name: "widgets", Version: "1", Types: []*model.Type{widget, create}, Operations: ops,
		Services: []*model.Service{{Field: "Widgets", TypeName: "WidgetsService", Tag: "widgets", Operations: ops}}}
	names, src := exampleNames(t, pkg)
	want := "ExampleWidgetsService_MakeWidget,ExampleAPIError,Example_testServer"
	if got := strings.Join(names, ","); got != want {
		t.Fatalf("examples %s, want %s\n%s", got, want, src)
	}
	// Intercom's profile adds the examples of its OAuth flow and webhooks.
	pkg.Profile = model.Profile{Vendor: "intercom", OAuthApp: true, Webhooks: true}
	intercomNames, _ := exampleNames(t, pkg)
	pkg.Profile = model.Profile{}
	if got, want := strings.Join(intercomNames, ","), "ExampleWidgetsService_MakeWidget,ExampleAPIError,ExampleOAuthConfig_AuthorizeURL,"+
		"ExampleOAuthConfig_Exchange,ExampleReadNotification,Example_testServer"; got != want {
		t.Fatalf("with Intercom's profile: %s, want %s", got, want)
	}
	for _, s := range []string{
		// A required string is set, a constant is sent as it is; the
		// answer's id is a string, its label a *string.
		`&widgets.NewWidget{Label: "example", Kind: widgets.String("widget")}`,
		`&widgets.Widget{ID: "6657a2b1"}`,
		`widgetstest.OpFetchWidget`,
		`srv.Client().Widgets.FetchWidget(ctx, "6657a2b1")`,
		"// fetchWidget GET /widgets/6657a2b1 200",
		`widgetstest "example.com/app/widgets/widgetstest"`,
	} {
		if !strings.Contains(src, s) {
			t.Errorf("no %s in\n%s", s, src)
		}
	}

	// A required property that is not a string: no create example.
	create.Fields[0].Type = &model.TypeRef{Kind: model.Builtin, Name: "int"}
	if names, _ := exampleNames(t, pkg); strings.Contains(strings.Join(names, ","), "MakeWidget") {
		t.Errorf("a body that cannot be built: %v", names)
	}

	// A package named like a standard package the examples use: none.
	if _, ok, err := Examples(&model.Package{Name: "http", Version: "1"}, "example.com/http"); ok || err != nil {
		t.Errorf("package http: %v %v", ok, err)
	}

	// No operations: only the examples that need none, and none at all
	// for a description without Intercom's profile.
	names, _ = exampleNames(t, &model.Package{Name: "widgets", Version: "1", Profile: model.Profile{OAuthApp: true, Webhooks: true}})
	if got := strings.Join(names, ","); got != "ExampleOAuthConfig_AuthorizeURL,ExampleOAuthConfig_Exchange,ExampleReadNotification" {
		t.Fatalf("without operations: %s", got)
	}
	if _, ok, err := Examples(&model.Package{Name: "widgets", Version: "1"}, "example.com/app/widgets"); ok || err != nil {
		t.Errorf("nothing to show: %v %v", ok, err)
	}
}

// TestExampleOAuth2: a package with an OAuth 2.0 scheme whose
// authorization code flow names its page shows AuthCodeURL, the output
// being the URL the runtime makes; one without such a page shows none.
func TestExampleOAuth2(t *testing.T) {
	flow := &model.OAuthFlow{Kind: "authorizationCode", AuthorizationURL: "https://id.example.com/authorize?prompt=consent",
		Scopes: []*model.OAuthScope{{Name: "read:all", Const: "ScopeReadAll"}}}
	pkg := &model.Package{Name: "widgets", Version: "1", Schemes: []*model.SecurityScheme{{Name: "o", Endpoint: "Endpoint", Flows: []*model.OAuthFlow{flow}}}}
	names, src := exampleNames(t, pkg)
	if strings.Join(names, ",") != "ExampleOAuth2Config_AuthCodeURL" {
		t.Fatalf("examples %v", names)
	}
	for _, want := range []string{
		"Scopes:       []string{widgets.ScopeReadAll}", "Endpoint:     widgets.Endpoint",
		"// Output: https://id.example.com/authorize?prompt=consent&client_id=app-client-id&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&response_type=code&scope=read%3Aall&state=state-from-the-session",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("no %s in\n%s", want, src)
		}
	}
	flow.AuthorizationURL = "https://id.example.com/a b"
	if _, ok, _ := Examples(pkg, "example.com/app/widgets"); ok {
		t.Error("an authorization URL that cannot be an output line")
	}
}
