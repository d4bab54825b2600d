package render

import (
	"bytes"
	"go/format"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// checkLiteralGofmt writes specs as a var group and as single var
// declarations and fails unless gofmt leaves the file as it is.
func checkLiteralGofmt(t *testing.T, specs []varSpec) {
	t.Helper()
	var s goSource
	s.varGroup(specs)
	s.line()
	for _, sp := range specs {
		s.b.WriteString("var " + sp.name + " = ")
		s.literal(sp.val, 0)
		s.line()
		s.line()
	}
	src, err := s.file("p")
	if err != nil {
		t.Fatal(err)
	}
	got, err := format.Source(src)
	if err != nil {
		t.Fatalf("not Go: %v\n%s", err, src)
	}
	if !bytes.Equal(got, src) {
		t.Errorf("not in gofmt's layout: %s", lineDiff(string(src), string(got)))
	}
}

// randomLiteral makes a literal of the shapes the direct writers use:
// keyed and plain elements, keys short, long and non-ASCII, one-key
// dicts, nested composites, raw strings.
func randomLiteral(r *rand.Rand, depth int) literal {
	if depth > 3 || r.IntN(3) == 0 {
		switch r.IntN(5) {
		case 0:
			return inline(strconv.Itoa(r.IntN(1000)))
		case 1:
			return inline("`" + strings.Repeat("x", r.IntN(200)) + "`")
		case 2:
			return inline("[]string{" + strconv.Quote("é") + ", \"b\"}")
		case 3:
			return inline("&x{a: 1, bb: 2}")
		default:
			return inline(strconv.Quote(strings.Repeat("ü", r.IntN(8))))
		}
	}
	n := r.IntN(7)
	keyed := r.IntN(4) != 0
	var elems []element
	for i := 0; i < n; i++ {
		e := element{val: randomLiteral(r, depth+1)}
		if keyed {
			e.key = randomKey(r, i)
		}
		elems = append(elems, e)
	}
	switch r.IntN(3) {
	case 0:
		if keyed {
			return dict("map[string]any{", "}", elems)
		}
		fallthrough
	case 1:
		return composite("[]any{", "}", elems)
	default:
		return composite("T[int]{&t{", "}}", elems)
	}
}

func randomKey(r *rand.Rand, i int) string {
	var name string
	switch r.IntN(4) {
	case 0:
		name = strings.Repeat("k", 1+r.IntN(3))
	case 1:
		name = strings.Repeat("long", 10+r.IntN(20))
	case 2:
		name = strings.Repeat("ñ", 1+r.IntN(50))
	default:
		name = strings.Repeat("m", 20+r.IntN(90))
	}
	// Keys of one literal differ, as gofmt requires of a map's.
	return strconv.Quote(name + strconv.Itoa(i))
}

func randomSpecs(r *rand.Rand) []varSpec {
	specs := make([]varSpec, r.IntN(6))
	for i := range specs {
		specs[i] = varSpec{
			blank: r.IntN(3) == 0,
			name:  strings.Repeat("v", 1+r.IntN(12)) + strconv.Itoa(i),
			val:   randomLiteral(r, 1+r.IntN(3)),
		}
		if r.IntN(3) == 0 {
			specs[i].doc = []string{"doc of " + specs[i].name, "", "\tcode"}
		}
	}
	return specs
}

// TestLiteralGofmt holds the literal writer to gofmt on literals of
// every shape it meets, from fixed seeds.
func TestLiteralGofmt(t *testing.T) {
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		checkLiteralGofmt(t, randomSpecs(r))
		if t.Failed() {
			t.Fatalf("seed %d", seed)
		}
	}
	// The shapes seeds may miss: an element too long to align, a line
	// break in one, a key column broken by the ratio of key lengths.
	long := strings.Repeat("y", 1e6)
	checkLiteralGofmt(t, []varSpec{
		{name: "a", val: composite("[]any{", "}", []element{{val: inline("1")}, {val: inline("`" + long + "`")}, {val: inline("2")}})},
		{name: "bb", val: dict("map[string]any{", "}", []element{
			{key: `"k"`, val: inline("1")},
			{key: strconv.Quote(strings.Repeat("z", 45)), val: inline("2")},
			{key: strconv.Quote(strings.Repeat("w", 120)), val: inline("3")},
			{key: `"k2"`, val: inline("`a\nb`")},
			{key: strconv.Quote(strings.Repeat("q", 41)), val: inline("4")},
			{key: strconv.Quote(strings.Repeat("r", 41)), val: inline("`" + long + "`")},
		})},
		{name: "c", val: inline("1")},
		{name: "dddd", val: dict("T{", "}", []element{{key: "x", val: composite("[]int{", "}", []element{{val: inline("1")}})}})},
		{name: "e", val: inline("2")},
	})
	checkLiteralGofmt(t, nil)
}

// FuzzLiteralGofmt is TestLiteralGofmt on any seed.
//
//	go test -run '^$' -fuzz FuzzLiteralGofmt -fuzztime 30s ./generator/internal/render/
func FuzzLiteralGofmt(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		checkLiteralGofmt(t, randomSpecs(rand.New(rand.NewPCG(a, b))))
	})
}
