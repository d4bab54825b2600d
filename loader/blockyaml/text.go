package blockyaml

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// scanText checks that Parse can read data character by character as
// go-yaml does: valid UTF-8 of characters YAML prints, line feeds as the
// only line breaks (no carriage return, NEL, LS or PS), no tab or byte
// order mark; no line that starts a directive or marks a document's start
// or end, but for a "---" before the first content; and no last line of
// spaces without a line feed, which go-yaml's block scalars treat apart.
// It returns the set of lines holding characters beyond ASCII (whose
// columns count characters, not bytes), or false.
func scanText(data []byte) (lineSet, bool) {
	var wide lineSet
	content := false
	for line, i := 1, 0; i < len(data); line++ {
		end := len(data)
		if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
			end = i + j
		}
		b := data[i:end]
		if len(b) > 0 && (b[0] == '%' || marker(b, '.') || marker(b, '-') && content) {
			return nil, false
		}
		if !ascii(b) {
			if !printableUTF8(b) {
				return nil, false
			}
			wide.add(line)
		}
		if !content && len(bytes.TrimLeft(b, " ")) > 0 {
			content = true
		}
		i = end + 1
	}
	// The last line: no spaces only without a line feed after them.
	last := len(data)
	for last > 0 && data[last-1] == ' ' {
		last--
	}
	if last < len(data) && (last == 0 || data[last-1] == '\n') {
		return nil, false
	}
	return wide, true
}

// ascii reports b made only of printable ASCII (0x20 to 0x7E), eight
// bytes at a time.
func ascii(b []byte) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte below 0x20, at or above 0x80, or equal to 0x7F.
		if (x-0x20*ones)&^x&highs != 0 || x&highs != 0 || (x^0x7F*ones-ones)&^(x^0x7F*ones)&highs != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 || c >= 0x7F {
			return false
		}
	}
	return true
}

// printableUTF8 reports a line of printable characters: ASCII from 0x20
// to 0x7E, and above it YAML's printable set less the line separators and
// the byte order mark.
func printableUTF8(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || !printableRune(r) {
			return false
		}
		i += size
	}
	return true
}

func printableRune(r rune) bool {
	switch {
	case r >= 0xA0 && r <= 0xD7FF:
		return r != 0x2028 && r != 0x2029
	case r >= 0xE000 && r <= 0xFFFD:
		return r != 0xFEFF
	}
	return r >= 0x10000 && r <= 0x10FFFF
}

// marker reports "---" or "..." (c three times) alone or followed by a
// space.
func marker(b []byte, c byte) bool {
	return len(b) >= 3 && b[0] == c && b[1] == c && b[2] == c && (len(b) == 3 || b[3] == ' ')
}

// lineSet is a set of line numbers.
type lineSet []uint64

func (s *lineSet) add(line int) {
	for len(*s) <= line/64 {
		*s = append(*s, 0)
	}
	(*s)[line/64] |= 1 << (line % 64)
}

func (s lineSet) has(line int) bool {
	return line/64 < len(s) && s[line/64]&(1<<(line%64)) != 0
}
