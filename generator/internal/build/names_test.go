package build_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// methodNames maps "Service.Method" to the operation's ID and Op variable.
func methodNames(pkg *model.Package) map[string][2]string {
	out := map[string][2]string{}
	for _, svc := range pkg.Services {
		for _, op := range svc.Operations {
			out[svc.Field+"."+op.Method] = [2]string{op.ID, op.Var}
		}
	}
	return out
}

// A method drops its service's name in front when the short name is
// unique in the service; its types and Op variable keep the full name.
func TestMethodNamesWithoutStutter(t *testing.T) {
	ops := []opSpec{
		{"/repos/x", "repos/get", "repos", ""},
		{"/orgs/x/repos", "repos/list-for-org", "repos", ""},
		// "issues/get" would be Get; the other operation's own name is
		// Get, so both keep what they would be called apart.
		{"/issues/1", "issues/get", "issues", ""},
		{"/issue", "get", "issues", ""},
		// Two operations that would both be List keep their full names.
		{"/gists", "gists/list", "gists", ""},
		{"/gist", "gist/list", "gists", ""},
		// The singular of the tag, and an x-go-name taken as written.
		{"/company", "company_show", "Companies", ""},
		{"/companies", "companies_list", "Companies", "x-go-name: CompaniesEverything"},
		// Nothing left, a digit first, a word only starting like the tag.
		{"/search", "search", "search", ""},
		{"/search/2fa", "search/2fa", "search", ""},
		{"/searches", "searchlight", "search", ""},
		// Not in front: Intercom's names stay.
		{"/contacts", "listContacts", "Contacts", ""},
	}
	pkg := buildOps(t, ops)
	got := methodNames(pkg)
	// The decision does not depend on the order of the description.
	slices.Reverse(ops)
	if again := methodNames(buildOps(t, ops)); !maps.Equal(got, again) {
		t.Errorf("reversed, the methods are %v", slices.Sorted(maps.Keys(again)))
	}
	want := map[string]string{
		"Repos.Get":                     "repos/get",
		"Repos.ListForOrg":              "repos/list-for-org",
		"Issues.IssuesGet":              "issues/get",
		"Issues.Get":                    "get",
		"Gists.GistsList":               "gists/list",
		"Gists.GistList":                "gist/list",
		"Companies.Show":                "company_show",
		"Companies.CompaniesEverything": "companies_list",
		"Search.Search":                 "search",
		"Search.Search2fa":              "search/2fa",
		"Search.Searchlight":            "searchlight",
		"Contacts.ListContacts":         "listContacts",
	}
	for name, id := range want {
		if got[name][0] != id {
			t.Errorf("%s: operation %q, want %q", name, got[name][0], id)
		}
	}
	if len(got) != len(want) {
		t.Errorf("methods %v", slices.Sorted(maps.Keys(got)))
	}
	// The package-level names keep the service: the Op variable and the
	// result type of Repos.Get.
	if v := got["Repos.Get"][1]; v != "opReposGet" {
		t.Errorf("Repos.Get's variable is %s, want opReposGet", v)
	}
	typeNamed(t, pkg, "ReposGetResponse")
	typeNamed(t, pkg, "ReposListForOrgResponse")
}

type opSpec struct{ path, id, tag, extra string }

// buildOps builds a description of GET operations answering an object.
func buildOps(t *testing.T, ops []opSpec) *model.Package {
	t.Helper()
	var paths strings.Builder
	for _, o := range ops {
		fmt.Fprintf(&paths, "  %s:\n    get:\n      operationId: %s\n      tags: [%s]\n", o.path, o.id, o.tag)
		if o.extra != "" {
			fmt.Fprintf(&paths, "      %s\n", o.extra)
		}
		paths.WriteString("      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}}\n")
	}
	pkg, diags := buildSpec(t, paths.String(), "    unused: {type: string}\n")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return pkg
}
