package runtime

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The codec reads JSON itself, in one pass (see decoder): encoding/json
// cannot hand out every member of an object as raw text, in input order and
// with duplicates, which the lossless decoding needs, and its Unmarshal
// would validate and then scan the input again. The functions below are
// the validating scanner the decoder is built on; they accept exactly what
// encoding/json accepts (FuzzDecodeMatchesEncodingJSON checks), and a
// failure returns -1 rather than a message: the entry points then ask
// encoding/json for its own wording (syntaxError).

// maxJSONNesting is encoding/json's limit on nested arrays and objects.
const maxJSONNesting = 10000

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

// plainStringByte says which bytes stand for themselves in a JSON string
// and need no further look: printable ASCII but the quote and backslash.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// scanner is the state of one pass over data: how many arrays and
// objects are open, for encoding/json's nesting limit.
type scanner struct {
	data []byte
	nest int
}

func (s *scanner) skipSpace(i int) int {
	data := s.data
	for i < len(data) && data[i] <= ' ' && isJSONSpace(data[i]) {
		i++
	}
	return i
}

// enter counts an array or object opening; false when it nests deeper
// than encoding/json allows.
func (s *scanner) enter() bool {
	s.nest++
	return s.nest <= maxJSONNesting
}

// stringEnd returns the index just past the string whose quote is at
// data[i], and whether its body is plain (printable ASCII, no escapes:
// the bytes between the quotes are the value).
func (s *scanner) stringEnd(i int) (end int, plain bool) {
	data := s.data
	j := i + 1
	for j+8 <= len(data) && !needsLook(binary.LittleEndian.Uint64(data[j:])) {
		j += 8
	}
	for j < len(data) && plainStringByte[data[j]] {
		j++
	}
	if j < len(data) && data[j] == '"' {
		return j + 1, true
	}
	for j < len(data) {
		switch c := data[j]; {
		case c == '"':
			return j + 1, false
		case c == '\\':
			if j+1 >= len(data) {
				return -1, false
			}
			switch data[j+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j += 2
			case 'u':
				if j+6 > len(data) || !isHex(data[j+2]) || !isHex(data[j+3]) || !isHex(data[j+4]) || !isHex(data[j+5]) {
					return -1, false
				}
				j += 6
			default:
				return -1, false
			}
		case c < 0x20:
			return -1, false
		default:
			j++
		}
	}
	return -1, false
}

// needsLook reports whether any of the eight bytes in w is a quote, a
// backslash, a control character or not ASCII: strings are scanned a word
// at a time up to such a byte.
func needsLook(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	quote, backslash := w^(ones*'"'), w^(ones*'\\')
	return ((w-ones*0x20)&^w|(quote-ones)&^quote|(backslash-ones)&^backslash|w)&highs != 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// numberEnd returns the index just past the number starting at data[i],
// spelled as JSON requires.
func (s *scanner) numberEnd(i int) int {
	data := s.data
	j := i
	if j < len(data) && data[j] == '-' {
		j++
	}
	switch {
	case j >= len(data):
		return -1
	case data[j] == '0':
		j++
	case '1' <= data[j] && data[j] <= '9':
		j++
		for j < len(data) && isDigit(data[j]) {
			j++
		}
	default:
		return -1
	}
	if j < len(data) && data[j] == '.' {
		j++
		if j >= len(data) || !isDigit(data[j]) {
			return -1
		}
		for j < len(data) && isDigit(data[j]) {
			j++
		}
	}
	if j < len(data) && (data[j] == 'e' || data[j] == 'E') {
		j++
		if j < len(data) && (data[j] == '+' || data[j] == '-') {
			j++
		}
		if j >= len(data) || !isDigit(data[j]) {
			return -1
		}
		for j < len(data) && isDigit(data[j]) {
			j++
		}
	}
	return j
}

// literalEnd returns the index just past lit (true, false or null) at
// data[i].
func (s *scanner) literalEnd(i int, lit string) int {
	if len(s.data)-i >= len(lit) && string(s.data[i:i+len(lit)]) == lit {
		return i + len(lit)
	}
	return -1
}

// skip returns the index just past the value starting at data[i],
// validating it.
func (s *scanner) skip(i int) int {
	if i >= len(s.data) {
		return -1
	}
	switch c := s.data[i]; c {
	case '"':
		end, _ := s.stringEnd(i)
		return end
	case '{':
		return s.skipObject(i)
	case '[':
		return s.skipArray(i)
	case 't':
		return s.literalEnd(i, "true")
	case 'f':
		return s.literalEnd(i, "false")
	case 'n':
		return s.literalEnd(i, "null")
	default:
		return s.numberEnd(i)
	}
}

func (s *scanner) skipObject(i int) int {
	if !s.enter() {
		return -1
	}
	data := s.data
	i = s.skipSpace(i + 1)
	if i < len(data) && data[i] == '}' {
		s.nest--
		return i + 1
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return -1
		}
		if i, _ = s.stringEnd(i); i < 0 {
			return -1
		}
		if i = s.skipSpace(i); i >= len(data) || data[i] != ':' {
			return -1
		}
		if i = s.skip(s.skipSpace(i + 1)); i < 0 {
			return -1
		}
		if i = s.skipSpace(i); i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = s.skipSpace(i + 1)
		case '}':
			s.nest--
			return i + 1
		default:
			return -1
		}
	}
}

func (s *scanner) skipArray(i int) int {
	if !s.enter() {
		return -1
	}
	data := s.data
	i = s.skipSpace(i + 1)
	if i < len(data) && data[i] == ']' {
		s.nest--
		return i + 1
	}
	for {
		if i = s.skip(i); i < 0 {
			return -1
		}
		if i = s.skipSpace(i); i >= len(data) {
			return -1
		}
		switch data[i] {
		case ',':
			i = s.skipSpace(i + 1)
		case ']':
			s.nest--
			return i + 1
		default:
			return -1
		}
	}
}

// validJSON reports whether data is one JSON value, as json.Valid does.
func validJSON(data []byte) bool {
	s := scanner{data: data}
	end := s.skip(s.skipSpace(0))
	return end >= 0 && s.skipSpace(end) == len(data)
}

// checkJSON validates data, with encoding/json's message when it is not
// JSON.
func checkJSON(data []byte) error {
	if validJSON(data) {
		return nil
	}
	return syntaxError(data)
}

// syntaxError is the error for data that is not JSON: encoding/json's,
// so that messages do not depend on which path read the input.
func syntaxError(data []byte) error {
	var probe json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return err
	}
	return fmt.Errorf("intercom: invalid JSON")
}

// jsonObjectEntries lists the members of a valid, trimmed object.
func jsonObjectEntries(raw []byte) []jsonEntry {
	var out []jsonEntry
	s := scanner{data: raw}
	i := s.skipSpace(1)
	for i < len(raw) && raw[i] == '"' {
		keyEnd, _ := s.stringEnd(i)
		if keyEnd < 0 {
			break
		}
		key := jsonUnquote(raw[i:keyEnd])
		i = s.skipSpace(s.skipSpace(keyEnd) + 1) // past ':'
		end := s.skip(i)
		if end < 0 {
			break
		}
		out = append(out, jsonEntry{key: key, val: raw[i:end]})
		if i = s.skipSpace(end); i < len(raw) && raw[i] == ',' {
			i = s.skipSpace(i + 1)
		}
	}
	return out
}

// jsonArrayElements lists the elements of a valid, trimmed array.
func jsonArrayElements(raw []byte) [][]byte {
	var out [][]byte
	s := scanner{data: raw}
	i := s.skipSpace(1)
	for i < len(raw) && raw[i] != ']' {
		end := s.skip(i)
		if end < 0 {
			break
		}
		out = append(out, raw[i:end])
		if i = s.skipSpace(end); i < len(raw) && raw[i] == ',' {
			i = s.skipSpace(i + 1)
		}
	}
	return out
}

// jsonUnquote decodes a valid JSON string literal. Plain strings, by far
// the common case, skip encoding/json; escapes and invalid UTF-8 go through
// it so the result matches what encoding/json would produce.
func jsonUnquote(q []byte) string {
	if len(q) < 2 {
		return ""
	}
	if body := q[1 : len(q)-1]; plainBody(body) {
		return string(body)
	}
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return string(q[1 : len(q)-1])
	}
	return s
}

// plainBody reports whether a valid string literal's body is its value:
// no escapes, valid UTF-8.
func plainBody(body []byte) bool {
	return bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body)
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
		if plainStringByte[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
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
