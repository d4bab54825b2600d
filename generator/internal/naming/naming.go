// Package naming turns description names (snake_case schemas, camelCase
// operation IDs, enum values such as "!=" or "2.11", tags with spaces) into Go
// identifiers, and hands out unique names within a scope.
//
// Rules, fixed so output stays stable across versions:
//   - Words split on anything that is not a letter or digit and on case
//     humps ("listDataAttributes", "HTTPServer"); digits stay with their word.
//   - Each word is capitalised; known initialisms are upper-cased (ID, URL…);
//     the rest of a word keeps its case, so "WhatsApp" and "IN" survive.
//   - Two numeric words in a row keep an underscore ("2.11" → "2_11"), so
//     versions do not merge ("2.1" and "21" stay apart).
//   - A name made only of symbols spells them ("!=" → "NotEqual").
package naming

import (
	"go/token"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms maps a lower-case word to its Go spelling.
var initialisms = map[string]string{
	"ai": "AI", "api": "API", "csv": "CSV", "html": "HTML", "http": "HTTP",
	"https": "HTTPS", "id": "ID", "ids": "IDs", "ip": "IP", "json": "JSON", "os": "OS",
	"sdk": "SDK", "sla": "SLA", "sms": "SMS", "sso": "SSO", "uri": "URI",
	"url": "URL", "urls": "URLs", "utc": "UTC", "uuid": "UUID", "xml": "XML",
}

// symbolWords spells the symbols of names that have no letters or digits.
var symbolWords = map[rune]string{
	'=': "Equal", '!': "Not", '<': "Less", '>': "Greater", '~': "Tilde",
	'^': "Caret", '$': "Dollar", '+': "Plus", '-': "Minus", '*': "Star",
	'/': "Slash", '\\': "Backslash", '.': "Dot", ',': "Comma", ':': "Colon",
	';': "Semicolon", '@': "At", '#': "Hash", '%': "Percent", '&': "And",
	'|': "Pipe", '?': "Question", '_': "Underscore", '(': "LeftParen",
	')': "RightParen", '[': "LeftBracket", ']': "RightBracket",
	'{': "LeftBrace", '}': "RightBrace", '\'': "Quote", '"': "DoubleQuote",
	'`': "Backtick", ' ': "Space",
}

// Words splits s into words; see the package doc for the rules.
func Words(s string) []string {
	if !hasAlnum(s) {
		return symbolNames(s)
	}
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	runes := []rune(s)
	for i, r := range runes {
		if !isAlnum(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1])
			// "dataAttributes": a lower letter or digit then an upper one;
			// "HTTPServer": the last capital of a run starts the next word.
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

func symbolNames(s string) []string {
	var words []string
	for _, r := range s {
		if w, ok := symbolWords[r]; ok {
			words = append(words, w)
		} else if !unicode.IsSpace(r) && unicode.IsPrint(r) {
			words = append(words, "U"+strings.ToUpper(strconvHex(r)))
		}
	}
	return words
}

func strconvHex(r rune) string {
	const digits = "0123456789abcdef"
	if r == 0 {
		return "0"
	}
	var b []byte
	for r > 0 {
		b = append([]byte{digits[r%16]}, b...)
		r /= 16
	}
	return string(b)
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if isAlnum(r) {
			return true
		}
	}
	return false
}

// isAlnum accepts the letters and digits Go allows in identifiers.
func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// Pascal joins the words of s in PascalCase. The result may start with a
// digit or be empty; Exported makes it a valid identifier.
func Pascal(s string) string {
	return join(Words(s), true)
}

// Camel joins the words of s in camelCase: the first word lower-cased
// (initialisms too: "ID" → "id", "URLPath" → "urlPath").
func Camel(s string) string {
	return join(Words(s), false)
}

func join(words []string, upperFirst bool) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 && isNumber(w) && isNumber(words[i-1]) {
			b.WriteByte('_')
		}
		if i == 0 && !upperFirst {
			b.WriteString(lowerWord(w))
			continue
		}
		b.WriteString(upperWord(w))
	}
	return b.String()
}

func upperWord(w string) string {
	if in, ok := initialisms[strings.ToLower(w)]; ok {
		return in
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

func lowerWord(w string) string {
	if _, ok := initialisms[strings.ToLower(w)]; ok {
		return strings.ToLower(w)
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToLower(r)) + w[n:]
}

// Exported returns an exported identifier for s: Pascal(s), with prefix
// "X" when it would start with a digit (or another non-letter) and fallback
// when s has nothing usable; a name longer than MaxTypeName is shortened
// (Bounded).
func Exported(s, fallback string) string {
	name := Bounded(Pascal(s))
	if name == "" {
		name = fallback
	}
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsLetter(r) {
		name = "X" + name
	} else if !unicode.IsUpper(r) {
		// A letter without case (e.g. CJK) cannot be exported; prefix it.
		name = "X" + name
	}
	return name
}

// TooLong reports whether the Go name of s would be shortened by Bounded,
// so that the builder can say so where s is written.
func TooLong(s string) bool { return len(Pascal(s)) > MaxTypeName }

// Local returns an unexported identifier for s (camelCase) that is not a Go
// keyword or predeclared identifier and not in taken; it appends suffix
// (then a number) until it is free.
func Local(s, suffix string, taken func(string) bool) string {
	name := Bounded(Camel(s))
	if name == "" {
		name = "v"
	}
	// A letter with no lower case (ϓ) would still make an exported name.
	r, _ := utf8.DecodeRuneInString(name)
	if !unicode.IsLetter(r) || unicode.IsUpper(r) {
		name = "v" + name
	}
	bad := func(n string) bool { return IsReserved(n) || (taken != nil && taken(n)) }
	if !bad(name) {
		return name
	}
	base := name + suffix
	name = base
	for i := 2; bad(name); i++ {
		name = base + itoa(i)
	}
	return name
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(b)
}

// predeclared are Go's universe-scope identifiers.
var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true,
	"clear": true, "close": true, "comparable": true, "complex": true,
	"complex128": true, "complex64": true, "copy": true, "delete": true,
	"error": true, "false": true, "float32": true, "float64": true,
	"imag": true, "int": true, "int16": true, "int32": true, "int64": true,
	"int8": true, "iota": true, "len": true, "make": true, "max": true,
	"min": true, "new": true, "nil": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true, "rune": true,
	"string": true, "true": true, "uint": true, "uint16": true,
	"uint32": true, "uint64": true, "uint8": true, "uintptr": true,
}

// IsReserved reports whether name is a Go keyword or predeclared identifier.
func IsReserved(name string) bool {
	return token.IsKeyword(name) || predeclared[name]
}

// IsIdentifier reports whether name is a valid Go identifier that is not a
// keyword.
func IsIdentifier(name string) bool { return token.IsIdentifier(name) }
