package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Each testdata/*.yaml is a small description of our own ending in
// comments that list, in diag.List.Sorted order, every diagnostic loading
// it must give:
//
//	# want: <severity> <code> <line>:<col> <pointer, - if none> | <message>
//
// The comments come last so they shift no line the expectations name.
// Files named err-*.yaml must fail with a located *diag.ErrorList; the
// others must load. The rule tests below check on the same files that
// kin-openapi sees each repair.

const wantPrefix = "# want: "

func renderWant(d diag.Diagnostic) string {
	ptr := d.Pointer
	if ptr == "" {
		ptr = "-"
	}
	return fmt.Sprintf("%s %s %d:%d %s | %s", d.Severity, d.Code, d.Line, d.Col, ptr, d.Message)
}

// splitWant separates a testdata file into the description and its
// expectations.
func splitWant(data string) (body string, want []string) {
	lines := strings.SplitAfter(data, "\n")
	end := len(lines)
	for end > 0 && (strings.HasPrefix(lines[end-1], wantPrefix) || lines[end-1] == "") {
		end--
	}
	for _, l := range lines[end:] {
		if l != "" {
			want = append(want, strings.TrimSuffix(strings.TrimPrefix(l, wantPrefix), "\n"))
		}
	}
	return strings.Join(lines[:end], ""), want
}

// testdataOptions gives a file the shipped rules without the shipped
// patches, which are about Intercom's files (on ours they would only say
// that they do not apply), and turns off the rule a file is about being
// off.
func testdataOptions(t *testing.T, name string) Options {
	cfg, err := DefaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Patches = nil
	if name == "err-duplicate-key-disabled.yaml" {
		rc := cfg.Rules[RuleDuplicateKey]
		rc.Enabled = false
		cfg.Rules[RuleDuplicateKey] = rc
	}
	return Options{Config: cfg}
}

// loadTestdata loads testdata/<name> as LoadBytes sees it.
func loadTestdata(t *testing.T, name string) (*Document, diag.List, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return LoadBytes(name, data, testdataOptions(t, name))
}

// mustLoadTestdata loads a file that must load.
func mustLoadTestdata(t *testing.T, name string) (*Document, diag.List) {
	t.Helper()
	doc, diags, err := loadTestdata(t, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc, diags
}

func TestTestdataDiagnostics(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			body, want := splitWant(string(raw))
			doc, diags, err := LoadBytes(name, raw, testdataOptions(t, name))
			var got []string
			for _, d := range diags.Sorted() {
				got = append(got, renderWant(d))
				if d.File != name {
					t.Errorf("diagnostic names file %q, want %q", d.File, name)
				}
				if (d.Severity == diag.Error || d.Severity == diag.Repair) && d.Hint == "" {
					t.Errorf("%s has no hint saying what to do", d)
				}
			}
			if *golden.Update {
				var b strings.Builder
				b.WriteString(body)
				for _, g := range got {
					b.WriteString(wantPrefix + g + "\n")
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diagnostics differ\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
			if strings.HasPrefix(name, "err-") {
				var el *diag.ErrorList
				if err == nil || !errors.As(err, &el) || doc != nil {
					t.Fatalf("want a *diag.ErrorList and no document, got %v (%T), doc %v", err, err, doc != nil)
				}
				if len(el.Diags) == 0 || el.Diags[0].Severity != diag.Error {
					t.Fatalf("the error list holds no error: %v", el.Diags)
				}
			} else if err != nil || doc == nil || doc.Spec == nil {
				t.Fatalf("must load: %v", err)
			}
		})
	}
}
