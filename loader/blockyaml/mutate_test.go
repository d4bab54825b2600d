package blockyaml

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
)

// TestMutatedWindows compares Parse with go-yaml on windows of up to 60
// lines cut from Intercom's descriptions and then damaged a little: YAML's
// indicators written into a line, a piece of a line cut out, a line
// re-indented, repeated, swapped with another or left without its
// newline. Such texts are what a hand-edited or newer description looks
// like near the edges of the subset Parse reads; wherever Parse accepts
// one, the trees must be the same. The seed is fixed, so a failure
// reproduces; the fuzzer (FuzzParse) explores further.
func TestMutatedWindows(t *testing.T) {
	if testing.Short() {
		t.Skip("mutated descriptions: not with -short")
	}
	dir := golden.OpenAPIDir(t)
	var docs [][]string
	for _, version := range []string{"2.7", "2.11", "2.16", "0"} {
		data, err := os.ReadFile(filepath.Join(dir, "descriptions", version, "api.intercom.io.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, strings.SplitAfter(string(data), "\n"))
	}
	r := rand.New(rand.NewSource(16))
	accepted := 0
	const documents = 40_000
	for range documents {
		text := mutatedWindow(r, docs[r.Intn(len(docs))])
		if compare(t, "mutated window", []byte(text)) {
			accepted++
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("%d mutated windows, %d accepted and equal to go-yaml's", documents, accepted)
	if accepted < documents/10 {
		t.Errorf("Parse accepted %d of %d windows: the comparison tests little", accepted, documents)
	}
}

// indicators are what mutatedWindow writes into lines: YAML's indicators
// and escapes, line breaks of every kind, and characters beyond ASCII.
var indicators = []string{
	":", ": ", "#", " #", "-", "- ", "'", "\"", "|", ">", "[", "]", "{", "}", ",",
	"&a", "*a", "!", "%", "@", "`", "\t", "  ", "\\", "?", "? ", "|-", ">+", "|2",
	"\r", "\r\n", "\n", "---", "...", "é", "\u2028", "\x00", "\ufeff", "~", "null",
	"0x", "1e3", "<<: ", ": |", "\"\\u00",
}

// mutatedWindow cuts a window of lines out of a description, damages up to
// two of its lines and takes away the indentation the window shares.
func mutatedWindow(r *rand.Rand, lines []string) string {
	start := r.Intn(len(lines))
	end := min(len(lines), start+1+r.Intn(60))
	win := append([]string(nil), lines[start:end]...)
	for range r.Intn(3) {
		i := r.Intn(len(win))
		line := win[i]
		switch r.Intn(6) {
		case 0:
			p := r.Intn(len(line) + 1)
			win[i] = line[:p] + indicators[r.Intn(len(indicators))] + line[p:]
		case 1:
			if len(line) > 1 {
				p := r.Intn(len(line))
				win[i] = line[:p] + line[p+r.Intn(len(line)-p):]
			}
		case 2:
			if d := r.Intn(5) - 2; d > 0 {
				win[i] = strings.Repeat(" ", d) + line
			} else if strings.HasPrefix(line, strings.Repeat(" ", -d)) {
				win[i] = line[-d:]
			}
		case 3:
			win = append(win[:i+1], win[i:]...)
		case 4:
			j := r.Intn(len(win))
			win[i], win[j] = win[j], win[i]
		case 5:
			win[i] = strings.TrimRight(line, "\n")
		}
	}
	shared := len(lines[start])
	for _, line := range win {
		if text := strings.TrimLeft(line, " "); strings.TrimSpace(text) != "" {
			shared = min(shared, len(line)-len(text))
		}
	}
	var b strings.Builder
	for _, line := range win {
		if len(line) >= shared && strings.TrimSpace(line[:shared]) == "" {
			line = line[shared:]
		}
		b.WriteString(line)
	}
	return b.String()
}
