package naming

import (
	"strings"
	"testing"
)

func TestPackageName(t *testing.T) {
	if got, err := PackageName(""); err != nil || got != DefaultPackage {
		t.Errorf(`PackageName("") = %q, %v; want %q`, got, err, DefaultPackage)
	}
	for _, ok := range []string{"intercom", "intercom211", "sdk_v2", "Intercom"} {
		if got, err := PackageName(ok); err != nil || got != ok {
			t.Errorf("PackageName(%q) = %q, %v", ok, got, err)
		}
	}
	for name, why := range map[string]string{
		"main":          "command",
		"func":          "keyword",
		"_":             "blank",
		"2fast":         "identifier",
		"my-client":     "identifier",
		"string":        "predeclared",
		"intercom_test": "test package",
		"a/b":           "identifier",
	} {
		_, err := PackageName(name)
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), `"`+name+`"`) {
			t.Errorf("PackageName(%q) = %v; want an error naming it and saying %q", name, err, why)
		}
	}
}
