package generator_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator"
)

// TestShelterDownstream generates testdata/shelter/api.yaml, a small
// OpenAPI 3.1 description with webhooks and lists paged by Link header,
// into a module and runs a downstream application's tests on the package
// and its test package (testdata/shelter/app_test.go), and the package's
// own examples.
func TestShelterDownstream(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	mod := appModule(t)
	target := generator.Target{Spec: filepath.Join("testdata", "shelter", "api.yaml"), Out: filepath.Join(mod, "shelter"), Package: "shelter"}
	if err := run(t, false, target); err != nil {
		t.Fatal(err)
	}
	out := downstreamTest(t, goTool, mod, filepath.Join("testdata", "shelter", "app_test.go"), "-v", "./...")
	for _, name := range []string{"TestLinkPaging", "TestWebhooks", "ExamplePetsService_ListAll", "ExampleReadNewPetWebhook"} {
		if !strings.Contains(string(out), "--- PASS: "+name+" ") {
			t.Errorf("%s did not run and pass:\n%s", name, out)
		}
	}
}
