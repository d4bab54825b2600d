package naming

import (
	"go/token"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzNaming holds the namer to its promises on any description name:
// Exported gives an exported identifier that is no keyword, Local an
// unexported one that is neither keyword nor predeclared nor taken, both
// deterministic; SafeFileStem a stem the go command reads as a plain file;
// Bounded a name no longer than MaxTypeName that stays an identifier;
// Unstutter, when it shortens, an exported identifier within MaxTypeName.
//
//	go test -run '^$' -fuzz FuzzNaming -fuzztime 30s ./generator/naming/
func FuzzNaming(f *testing.F) {
	for _, s := range []string{
		"", "user_id", "listDataAttributes", "HTTPServer", "2.11", "!=", "***", "type", "func",
		"../../escape", "/etc/passwd", "a/b", "café", "日本語", "ǅ", "ß", "٣", "\x00", "\u2028",
		"*/", "`", "//go:generate rm -rf /", "package main", "_", "x_test", "x_windows",
		strings.Repeat("a_", 200), "\xff\xfe", "zero\u200bwidth",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		exp := Exported(s, "Fallback")
		if !token.IsIdentifier(exp) || !token.IsExported(exp) {
			t.Fatalf("Exported(%q) = %q is not an exported identifier", s, exp)
		}
		if exp != Exported(s, "Fallback") {
			t.Fatalf("Exported(%q) is not deterministic", s)
		}
		taken := map[string]bool{"v": true, "ctx": true}
		loc := Local(s, "Param", func(n string) bool { return taken[n] })
		if !token.IsIdentifier(loc) || IsReserved(loc) || taken[loc] {
			t.Fatalf("Local(%q) = %q", s, loc)
		}
		if r, _ := utf8.DecodeRuneInString(loc); unicode.IsUpper(r) {
			t.Fatalf("Local(%q) = %q is exported", s, loc)
		}
		for _, svc := range []string{s[:len(s)/2], "repos"} {
			if short, ok := Unstutter(svc, s); ok && (!token.IsIdentifier(short) || !token.IsExported(short) || len(short) > MaxTypeName) {
				t.Fatalf("Unstutter(%q, %q) = %q", svc, s, short)
			}
		}
		b := Bounded(exp)
		if len(b) > MaxTypeName || !token.IsIdentifier(b) || !token.IsExported(b) {
			t.Fatalf("Bounded(%q) = %q", exp, b)
		}
		if len(exp) <= MaxTypeName && b != exp {
			t.Fatalf("Bounded changed a short name %q to %q", exp, b)
		}
		var stem strings.Builder
		for _, w := range Words(s) {
			for _, r := range strings.ToLower(w) {
				if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
					stem.WriteRune(r)
				}
			}
			stem.WriteByte('_')
		}
		fs := SafeFileStem(strings.TrimSuffix(stem.String(), "_"))
		if fs == "" || strings.HasPrefix(fs, "_") || strings.HasPrefix(fs, ".") || strings.ContainsAny(fs, "/\\.") {
			t.Fatalf("SafeFileStem gave %q", fs)
		}
		if i := strings.LastIndexByte(fs, '_'); i >= 0 && buildSuffixes[fs[i+1:]] {
			t.Fatalf("SafeFileStem gave %q, a constrained file name", fs)
		}
		scope := NewScope("Client")
		a, _ := scope.Unique(exp, "a", "Model")
		c, _ := scope.Unique(exp, "b", "Model")
		if a == c || !scope.Taken(a) || !scope.Taken(c) {
			t.Fatalf("Unique gave %q twice", a)
		}
	})
}
