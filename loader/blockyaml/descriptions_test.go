package blockyaml

import (
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
)

// TestDescriptions compares Parse with go-yaml on every description at
// hand: Intercom's current ones, every one it has published (the history
// bundle), the other public descriptions and the fixture specs. Wherever
// Parse accepts, the trees must be the same. The fixture specs must all be
// accepted, and so must nearly all of Intercom's files: a decline is safe
// but costs the speed this package is for.
func TestDescriptions(t *testing.T) {
	if testing.Short() {
		t.Skip("every description at hand: not with -short")
	}
	fixtures, err := filepath.Glob(filepath.Join("..", "..", "specs", "*.yaml"))
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixture specs: %v", err)
	}
	for _, f := range fixtures {
		if !compareFile(t, f) {
			t.Errorf("%s: Parse declines a fixture spec", f)
		}
	}
	intercom, err := filepath.Glob(filepath.Join(golden.OpenAPIDir(t), "descriptions", "*", "api.intercom.io.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	declined := 0
	for _, f := range intercom {
		if !compareFile(t, f) {
			declined++
			t.Logf("%s: declined", f)
		}
	}
	for _, f := range golden.PublicDescriptions(t) {
		if !compareFile(t, f) {
			t.Logf("%s: declined", f)
		}
	}
	_, blobs := golden.History(t)
	names := slices.Sorted(maps.Keys(blobs))
	var next, historyDeclined atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				if !compare(t, "history blob "+names[i], blobs[names[i]]) {
					historyDeclined.Add(1)
					t.Logf("history blob %s: declined", names[i])
				}
			}
		})
	}
	wg.Wait()
	total := len(intercom) + len(names)
	declined += int(historyDeclined.Load())
	t.Logf("Intercom's descriptions: %d of %d parsed, %d left to go-yaml", total-declined, total, declined)
	if declined*20 > total {
		t.Errorf("Parse declines %d of Intercom's %d descriptions (at most 5%% expected)", declined, total)
	}
}

func compareFile(t *testing.T, path string) bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return compare(t, path, data)
}
