package render

import (
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// TestTestPackageImportAlias: the test package imports the package by its
// name, unless the test server's fixed files declare that name (its type
// api): then by another.
func TestTestPackageImportAlias(t *testing.T) {
	for name, alias := range map[string]string{"widgets": "widgets", "api": "apipkg", "operation": "operationpkg"} {
		files, err := TestPackage(&model.Package{Name: name, Version: "1"}, "example.com/"+name, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f.Name, "/operations.go") && !strings.Contains(string(f.Source), "\t"+alias+` "example.com/`+name+`"`) {
				t.Errorf("package %s: not imported as %s:\n%s", name, alias, f.Source)
			}
		}
	}
}
