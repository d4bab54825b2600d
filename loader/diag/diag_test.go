package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	d := Diagnostic{Severity: Repair, Code: "ref-siblings", File: "api.yaml", Line: 12, Col: 5,
		Pointer: "/components/schemas/a", Message: "wrapped\nthe ref", Hint: "see repairs"}
	want := "api.yaml:12:5: repair: wrapped the ref at /components/schemas/a (see repairs) [ref-siblings]"
	if got := d.String(); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	noLine := Diagnostic{Severity: Error, File: "api.yaml", Pointer: "/paths/~1x", Message: "m"}
	if got := noLine.String(); got != "api.yaml#/paths/~1x: error: m" {
		t.Fatalf("got %q", got)
	}
}

func TestErrCapsAndSorts(t *testing.T) {
	var l List
	for i := 15; i > 0; i-- {
		l.Add(Diagnostic{Severity: Error, File: "f", Line: i, Message: fmt.Sprint("e", i)})
	}
	l.Add(Diagnostic{Severity: Warning, File: "f", Line: 1, Message: "w"})
	err := l.Err()
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxPrinted+1 || !strings.HasPrefix(lines[0], "f:1: error: e1") || lines[MaxPrinted] != "… and 5 more" {
		t.Fatalf("unexpected rendering:\n%s", err)
	}
	got, ok := AsList(fmt.Errorf("wrapped: %w", err))
	if !ok || len(got) != 15 || got.Count(Warning) != 0 {
		t.Fatalf("AsList: %v %v", ok, got)
	}
	if (List{{Severity: Warning}}).Err() != nil {
		t.Fatal("warnings alone are not an error")
	}
	if _, ok := AsList(errors.New("plain")); ok {
		t.Fatal("a plain error carries no list")
	}
}

func TestPointers(t *testing.T) {
	p := Pointer("paths", "/contacts/{id}", "get")
	if p != "/paths/~1contacts~1{id}/get" {
		t.Fatalf("Pointer = %q", p)
	}
	if got := SplitPointer("#" + Append(p, "a~b")); strings.Join(got, "|") != "paths|/contacts/{id}|get|a~b" {
		t.Fatalf("SplitPointer = %q", got)
	}
	if SplitPointer("") != nil {
		t.Fatal("the root pointer has no tokens")
	}
}

func TestFormatGroups(t *testing.T) {
	var l List
	for i := 1; i <= 12; i++ {
		l.Add(Diagnostic{Severity: Error, Code: "external-ref", File: "a.yaml", Line: 2 * i, Message: fmt.Sprint("ref", i), Hint: "bundle"})
	}
	l.Add(Diagnostic{Severity: Error, Code: "syntax", File: "a.yaml", Line: 3, Message: "bad", Hint: "fix"})
	l.Add(Diagnostic{Severity: Error, Code: "dangling-ref", File: "a.yaml", Line: 30, Message: "gone", Hint: "define"})
	got := Format(l.Sorted(), MaxPrinted)
	want := strings.Join([]string{
		"a.yaml:2: error: ref1 (bundle) [external-ref]",
		"a.yaml:4: error: ref2 (bundle) [external-ref]",
		"a.yaml:6: error: ref3 (bundle) [external-ref]",
		"a.yaml:8: error: ref4 (bundle) [external-ref]",
		"a.yaml:10: error: ref5 (bundle) [external-ref]",
		"  … and 7 more [external-ref]",
		"a.yaml:3: error: bad (fix) [syntax]",
		"a.yaml:30: error: gone (define) [dangling-ref]",
	}, "\n")
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if all := Format(l.Sorted(), 0); strings.Count(all, "\n") != len(l)-1 || strings.Contains(all, "more") {
		t.Fatalf("max 0 prints all:\n%s", all)
	}
}
