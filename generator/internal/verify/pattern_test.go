package verify

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

func TestPatternSample(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		minLen  int
	}{
		{`^\d+\.\d+\.\d+$`, 0},
		{`^sha256:[a-f0-9]{64}$`, 0},
		{`^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) `, 0},
		{`^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])$`, 0},
		{`^[A-Z][A-Z0-9_]*$`, 0},
		{`^[a-z]+$`, 8},
		{`(?i)^[b-d]{2,3}x?$`, 0},
		{`^\S+@\S+$`, 0},
		{`[^\s]{3,}`, 0},
		{`^.{1,3}$`, 0},
	} {
		s, ok := patternSample(tc.pattern, tc.minLen)
		if !ok {
			t.Errorf("%s: no sample", tc.pattern)
			continue
		}
		if !regexp.MustCompile(tc.pattern).MatchString(s) {
			t.Errorf("%s: %q does not match", tc.pattern, s)
		}
		if utf8.RuneCountInString(s) < tc.minLen {
			t.Errorf("%s: %q is shorter than %d", tc.pattern, s, tc.minLen)
		}
	}
	for _, bad := range []string{`(`, `a\bb`, `[^\x00-\x{10FFFF}]`} {
		if s, ok := patternSample(bad, 0); ok {
			t.Errorf("%s: made %q, want no sample", bad, s)
		}
	}
}
