package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/build"
	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/templates"
)

// GitHub's description (public-descriptions/github-api.json beside
// Intercom's, when there) names its methods after their service and pages
// its lists by Link header: the client says client.Repos.Get and pages
// client.Repos.ListForOrgAll.
func TestGitHubNamesAndPaging(t *testing.T) {
	path := filepath.Join(golden.OpenAPIDir(t), "..", "public-descriptions", "github-api.json")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("GitHub's description is not at %s", path)
	}
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := build.Build(doc.Spec, doc, build.Options{Package: "github", Version: doc.Version, Source: "github-api.json", Reserved: templates.Identifiers()})
	if err != nil {
		t.Fatal(err)
	}
	methods := map[string]*model.Operation{}
	stutter, link := 0, 0
	for _, svc := range pkg.Services {
		for _, op := range svc.Operations {
			methods[svc.Field+"."+op.Method] = op
			if strings.HasPrefix(op.Method, svc.Field) {
				stutter++
			}
			if op.Paging != nil && op.Paging.Style == model.PagingLink {
				link++
			}
		}
	}
	t.Logf("%d operations, %d methods start with their service's name, %d page by Link header", len(pkg.Operations), stutter, link)
	// Before the rule, 1,361 of the methods started with their service.
	if stutter > len(pkg.Operations)/20 {
		t.Errorf("%d of %d methods start with their service's name", stutter, len(pkg.Operations))
	}
	if link < 150 {
		t.Errorf("only %d operations page by Link header", link)
	}
	for name, id := range map[string]string{"Repos.Get": "repos/get", "Issues.ListForRepo": "issues/list-for-repo", "Pulls.Get": "pulls/get"} {
		if op := methods[name]; op == nil || op.ID != id {
			t.Errorf("%s is not %s", name, id)
		}
	}
	op := methods["Repos.ListForOrg"]
	if op == nil || op.Paging == nil || op.Paging.Style != model.PagingLink || op.Paging.Items != "" ||
		op.Paging.ItemType.String() != "MinimalRepository" || op.Paging.AllMethod != "ListForOrgAll" {
		t.Fatalf("Repos.ListForOrg pages as %+v", op)
	}
}
