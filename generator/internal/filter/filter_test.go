package filter_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/filter"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/loader"
)

func TestFilter(t *testing.T) {
	doc, _, err := loader.Load(filepath.Join("..", "..", "..", "specs", "fixtures", "v2.yaml"), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	all, err := pipeline.Generate(doc, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Generate(doc, pipeline.Options{Filter: filter.Filter{
		IncludeTags: []string{"Contacts"}, ExcludeOperations: []string{"DELETE /contacts/{contact_id}"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	pkg := res.Package
	if len(pkg.Operations) == 0 || len(pkg.Operations) >= len(all.Package.Operations) || len(pkg.Types) >= len(all.Package.Types) {
		t.Fatalf("%d of %d operations, %d of %d types", len(pkg.Operations), len(all.Package.Operations), len(pkg.Types), len(all.Package.Types))
	}
	for _, op := range pkg.Operations {
		if !slices.Contains(op.Tags, "Contacts") || (op.HTTPMethod == "DELETE" && op.Path == "/contacts/{contact_id}") {
			t.Errorf("kept %s %s %v", op.HTTPMethod, op.Path, op.Tags)
		}
	}
	for _, s := range pkg.Services {
		if len(s.Operations) == 0 {
			t.Errorf("empty service %s kept", s.Field)
		}
	}
	for _, f := range res.Files {
		if strings.HasPrefix(f.Name, "service_admins") {
			t.Errorf("file %s of a dropped service", f.Name)
		}
	}
	if _, err := pipeline.Generate(doc, pipeline.Options{Filter: filter.Filter{IncludeOperations: []string{"noSuchOperation"}}}); err == nil ||
		!strings.Contains(err.Error(), "operation noSuchOperation") {
		t.Errorf("unknown operation: %v", err)
	}
}
