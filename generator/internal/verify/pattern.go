package verify

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// patternSample returns a short string that matches pattern (a schema's
// `pattern`, an ECMA-262 regular expression, read as Go's RE2 syntax where
// the two agree), at least minLen runes long when it can be; ok is false
// when the pattern does not parse or the string made does not match it,
// and the caller then samples without it.
//
// The string is built by walking the parsed expression: the first
// alternative, the fewest repetitions allowed (one for +), and for a class
// a letter or digit when it has one. Anchors and word boundaries add
// nothing; a boundary they would have needed makes the check fail, which
// is what ok reports.
func patternSample(pattern string, minLen int) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	re = re.Simplify()
	var b strings.Builder
	if !writePattern(&b, re, 0) {
		return "", false
	}
	s := b.String()
	compiled, err := regexp.Compile(pattern)
	if err != nil || !compiled.MatchString(s) {
		return "", false
	}
	if n := utf8.RuneCountInString(s); n < minLen {
		// Lengthen with the character the pattern's last repetition
		// takes, if the result still matches; otherwise keep the
		// shorter match, which the length check may refuse.
		if longer, ok := lengthen(re, s, minLen-n); ok && compiled.MatchString(longer) {
			s = longer
		}
	}
	return s, true
}

// maxPatternDepth bounds the walk of a hostile pattern.
const maxPatternDepth = 100

func writePattern(b *strings.Builder, re *syntax.Regexp, depth int) bool {
	if depth > maxPatternDepth || b.Len() > 4096 {
		return false
	}
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			b.WriteRune(r)
		}
		return true
	case syntax.OpCharClass:
		r, ok := classRune(re.Rune)
		if ok {
			b.WriteRune(r)
		}
		return ok
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		b.WriteByte('a')
		return true
	case syntax.OpCapture:
		return writePattern(b, re.Sub[0], depth+1)
	case syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpPlus:
		return writePattern(b, re.Sub[0], depth+1)
	case syntax.OpRepeat:
		for i := 0; i < re.Min; i++ {
			if !writePattern(b, re.Sub[0], depth+1) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !writePattern(b, sub, depth+1) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		return writePattern(b, re.Sub[0], depth+1)
	}
	return false
}

// classRune picks a character of a class (pairs of inclusive ranges):
// a lower-case letter, a digit or an upper-case letter if the class has
// one, else its first printable character.
func classRune(ranges []rune) (rune, bool) {
	for _, want := range []rune{'a', '0', 'A'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			lo, hi := ranges[i], ranges[i+1]
			if lo <= want && want <= hi {
				return want, true
			}
			if want == 'a' && lo > 'a' && lo <= 'z' {
				return lo, true
			}
		}
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		for r := ranges[i]; r <= ranges[i+1] && r-ranges[i] < 256; r++ {
			if r >= 0x20 && r != 0x7f && utf8.ValidRune(r) {
				return r, true
			}
		}
	}
	return 0, false
}

// lengthen appends n more repetitions of the last unbounded repetition
// (x*, x+, x{m,}) in re to s. That is right when the repetition ends the
// pattern, the usual shape ("^[a-z]+$"); the caller checks the result
// against the pattern in every case.
func lengthen(re *syntax.Regexp, s string, n int) (string, bool) {
	last := lastUnbounded(re)
	if last == nil {
		return "", false
	}
	var b strings.Builder
	if !writePattern(&b, last.Sub[0], 0) || b.Len() == 0 {
		return "", false
	}
	return s + strings.Repeat(b.String(), n), true
}

func lastUnbounded(re *syntax.Regexp) *syntax.Regexp {
	var found *syntax.Regexp
	var walk func(r *syntax.Regexp, depth int)
	walk = func(r *syntax.Regexp, depth int) {
		if depth > maxPatternDepth {
			return
		}
		switch r.Op {
		case syntax.OpStar, syntax.OpPlus:
			found = r
		case syntax.OpRepeat:
			if r.Max < 0 {
				found = r
			}
		case syntax.OpAlternate:
			if len(r.Sub) > 0 {
				walk(r.Sub[0], depth+1)
			}
			return
		}
		for _, sub := range r.Sub {
			walk(sub, depth+1)
		}
	}
	walk(re, 0)
	return found
}
