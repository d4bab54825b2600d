package textdiff

import (
	"fmt"
	"strings"
	"testing"
)

func TestUnifiedEqual(t *testing.T) {
	if got := Unified("a", "b", "x\ny\n", "x\ny\n"); got != "" {
		t.Fatalf("equal inputs gave %q", got)
	}
}

func TestUnifiedOneChange(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
	b := "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"
	want := `--- golden/x.go
+++ got/x.go
@@ -2,7 +2,7 @@
 2
 3
 4
-5
+five
 6
 7
 8
`
	if got := Unified("golden/x.go", "got/x.go", a, b); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedSeparateHunks(t *testing.T) {
	var a, b []string
	for i := 0; i < 30; i++ {
		a = append(a, fmt.Sprintf("line %d", i+1))
		b = append(b, fmt.Sprintf("line %d", i+1))
	}
	b[2] = "changed early"
	b[25] = "changed late"
	got := Unified("a", "b", strings.Join(a, "\n")+"\n", strings.Join(b, "\n")+"\n")
	if n := strings.Count(got, "@@ -"); n != 2 {
		t.Fatalf("want 2 hunks, got %d:\n%s", n, got)
	}
	if !strings.Contains(got, "@@ -1,6 +1,6 @@") || !strings.Contains(got, "@@ -23,7 +23,7 @@") {
		t.Fatalf("unexpected hunk headers:\n%s", got)
	}
}

func TestUnifiedInsertIntoEmpty(t *testing.T) {
	got := Unified("a", "b", "", "new\n")
	want := "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+new\n"
	if got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestUnifiedMissingFinalNewline(t *testing.T) {
	got := Unified("a", "b", "x\n", "x")
	if !strings.Contains(got, `\ No newline at end of file`) {
		t.Fatalf("missing marker:\n%s", got)
	}
}
