package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// diffJSON compares two JSON documents semantically (key order, spacing and
// number spelling do not matter) and lists every difference by path:
// "lost a.b" for a key the example has and the re-encoding lacks,
// "extra a.c" for the reverse, "changed a.d: 1 → "1"" for different values.
func diffJSON(want, got []byte) ([]string, error) {
	w, err := parseJSON(want)
	if err != nil {
		return nil, fmt.Errorf("example: %w", err)
	}
	g, err := parseJSON(got)
	if err != nil {
		return nil, fmt.Errorf("re-encoding: %w", err)
	}
	var diffs []string
	compareValues("", w, g, &diffs)
	return diffs, nil
}

func parseJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func pathJoin(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func compareValues(path string, want, got any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("changed %s: %s → %s", orRoot(path), short(want), short(got)))
			return
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				*diffs = append(*diffs, "lost "+pathJoin(path, k))
				continue
			}
			compareValues(pathJoin(path, k), w[k], gv, diffs)
		}
		extra := make([]string, 0)
		for k := range g {
			if _, ok := w[k]; !ok {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		for _, k := range extra {
			*diffs = append(*diffs, fmt.Sprintf("extra %s: %s", pathJoin(path, k), short(g[k])))
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("changed %s: %s → %s", orRoot(path), short(want), short(got)))
			return
		}
		for i := range w {
			compareValues(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], diffs)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !sameNumber(string(w), string(g)) {
			*diffs = append(*diffs, fmt.Sprintf("changed %s: %s → %s", orRoot(path), short(want), short(got)))
		}
	default:
		if want != got {
			*diffs = append(*diffs, fmt.Sprintf("changed %s: %s → %s", orRoot(path), short(want), short(got)))
		}
	}
}

func orRoot(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

// sameNumber compares decimal numbers by value: 155.5 equals 155.50.
func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	x, _, err1 := big.ParseFloat(a, 10, 256, big.ToNearestEven)
	y, _, err2 := big.ParseFloat(b, 10, 256, big.ToNearestEven)
	return err1 == nil && err2 == nil && x.Cmp(y) == 0
}

// short renders a value for a failure line.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return strings.ReplaceAll(s, "\n", " ")
}
