package loader

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

func TestProbe(t *testing.T) {
	for _, v := range Versions {
		p, _ := ResolveVersion("../../shared/intercom-openapi", v)
		t0 := time.Now()
		doc, diags, err := Load(p, Options{})
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		counts := map[string]int{}
		for _, d := range diags {
			counts[d.Code+"/"+d.Severity.String()]++
		}
		ops := 0
		for _, it := range doc.Spec.Paths.Map() {
			ops += len(it.Operations())
		}
		fmt.Println(filepath.Base(filepath.Dir(p)), doc.Version, ops, counts, time.Since(t0))
	}
}
