package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The codec needs every member of an object as raw bytes, in input order
// and including duplicates, so it can decide per key what is known, what is
// extra and which raw text to keep. encoding/json cannot hand that out, so
// these helpers walk JSON that has already been validated once at the entry
// point; they therefore never report syntax errors themselves.

// jsonEntry is one member of a JSON object.
type jsonEntry struct {
	key string
	val []byte
}

func isJSONSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func jsonSkipSpace(b []byte, i int) int {
	for i < len(b) && isJSONSpace(b[i]) {
		i++
	}
	return i
}

func trimJSONSpace(b []byte) []byte {
	start := jsonSkipSpace(b, 0)
	end := len(b)
	for end > start && isJSONSpace(b[end-1]) {
		end--
	}
	return b[start:end]
}

// checkJSON validates once so that the scanners below can trust their
// input. encoding/json is only asked for the error message on failure.
func checkJSON(data []byte) error {
	if json.Valid(data) {
		return nil
	}
	var probe json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return err
	}
	return fmt.Errorf("intercom: invalid JSON")
}

// jsonStringEnd returns the index just past the string starting at b[i].
func jsonStringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// jsonValueEnd returns the index just past the value starting at b[i].
func jsonValueEnd(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return jsonStringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = jsonStringEnd(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return j
		}
		j++
	}
	return j
}

// jsonObjectEntries lists the members of a validated, trimmed object.
func jsonObjectEntries(raw []byte) []jsonEntry {
	out := make([]jsonEntry, 0, 8)
	i := jsonSkipSpace(raw, 1)
	for i < len(raw) && raw[i] == '"' {
		keyEnd := jsonStringEnd(raw, i)
		key := jsonUnquote(raw[i:keyEnd])
		i = jsonSkipSpace(raw, keyEnd)
		i = jsonSkipSpace(raw, i+1) // past ':'
		end := jsonValueEnd(raw, i)
		out = append(out, jsonEntry{key: key, val: raw[i:end]})
		i = jsonSkipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = jsonSkipSpace(raw, i+1)
		}
	}
	return out
}

// jsonArrayElements lists the elements of a validated, trimmed array.
func jsonArrayElements(raw []byte) [][]byte {
	var out [][]byte
	i := jsonSkipSpace(raw, 1)
	for i < len(raw) && raw[i] != ']' {
		end := jsonValueEnd(raw, i)
		out = append(out, raw[i:end])
		i = jsonSkipSpace(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = jsonSkipSpace(raw, i+1)
		}
	}
	return out
}

// jsonUnquote decodes a validated JSON string literal. Plain strings, by far
// the common case, skip encoding/json; escapes and invalid UTF-8 go through
// it so the result matches what encoding/json would produce.
func jsonUnquote(q []byte) string {
	if len(q) < 2 {
		return ""
	}
	body := q[1 : len(q)-1]
	if bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
		return string(body)
	}
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return string(body)
	}
	return s
}

// jsonKindName names the kind of a trimmed JSON value for error messages.
func jsonKindName(raw []byte) string {
	if len(raw) == 0 {
		return "empty input"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

const jsonHexDigits = "0123456789abcdef"

// appendJSONString quotes s. Unlike encoding/json's default it leaves <, >
// and & alone: request bodies are not embedded in HTML, and escaping them
// would make re-encoded payloads differ needlessly from what was received.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', jsonHexDigits[c>>4], jsonHexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 are valid JSON but break JavaScript parsers that
		// might be handed the payload; encoding/json escapes them too.
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONFloat formats like JavaScript (and encoding/json): plain
// notation for ordinary magnitudes, exponent notation for tiny or huge ones.
func appendJSONFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("intercom: cannot encode %v as JSON", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) ||
			bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// Go writes e-07 where JavaScript writes e-7.
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// decimalParts normalises a JSON number to sign, significant digits and
// exponent, the value being 0.digits × 10^exp. Comparing these tells
// whether two spellings denote the same number without the precision
// limits of float64.
func decimalParts(s string) (neg bool, digits string, exp int) {
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	mant, expText := s, ""
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, expText = s[:i], s[i+1:]
	}
	intPart, frac, _ := strings.Cut(mant, ".")
	all := intPart + frac
	point := len(intPart)
	trimmed := strings.TrimLeft(all, "0")
	point -= len(all) - len(trimmed)
	trimmed = strings.TrimRight(trimmed, "0")
	if trimmed == "" {
		return false, "", 0
	}
	const limit = 1 << 30
	e := 0
	if expText != "" {
		n, err := strconv.Atoi(expText)
		switch {
		case err != nil && strings.HasPrefix(expText, "-"), n < -limit:
			n = -limit
		case err != nil, n > limit:
			n = limit
		}
		e = n
	}
	return neg, trimmed, point + e
}

// sameNumber reports whether two JSON number texts denote the same value.
func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	an, ad, ae := decimalParts(a)
	bn, bd, be := decimalParts(b)
	return an == bn && ad == bd && ae == be
}

// integralNumber reports whether a JSON number text denotes an integer.
func integralNumber(s string) bool {
	_, digits, exp := decimalParts(s)
	return digits == "" || exp >= len(digits)
}

// isJSONNumber reports whether s is a number literal as JSON spells it;
// numeric strings are only coerced when they are.
func isJSONNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start || (s[start] == '0' && i-start > 1) {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == fs {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		es := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == es {
			return false
		}
	}
	return i == len(s)
}
