package golden

import (
	"strings"
	"testing"
)

func TestDifference(t *testing.T) {
	want := "a\nb\nc\nd\n"
	got := "a\nB\nc\nd\nextra\n"
	d := Difference([]byte(want), []byte(got))
	wantText := "@@ line 2: 3 line(s) of the golden file, 4 of the output @@\n-b\n-c\n-d\n+B\n+c\n+d\n+extra\n"
	if d != wantText {
		t.Errorf("Difference =\n%s\nwant\n%s", d, wantText)
	}
	long := strings.Repeat("x\n", 100)
	if d := Difference(nil, []byte(long)); !strings.Contains(d, "+… 60 more") {
		t.Errorf("a long difference is not capped:\n%s", d)
	}
	if d := Difference([]byte("same\n"), []byte("same\n")); !strings.Contains(d, "0 line(s) of the golden file, 0 of the output") {
		t.Errorf("equal inputs: %s", d)
	}
}
