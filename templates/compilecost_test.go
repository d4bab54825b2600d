package templates

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Sizes of the package built by TestCompiledSymbolsPerModel.
const (
	costModels = 50
	costUnions = 5
)

// compileCostSource is a generated-style file with costModels models and
// costUnions unions using every kind of field the generator emits, and an
// operation per model.
func compileCostSource() string {
	var b strings.Builder
	b.WriteString(`package intercom

import "context"

type Models struct{ core *clientCore }

type Kind string
`)
	for i := range costModels {
		next := (i + 1) % costModels
		fmt.Fprintf(&b, `
type Model%[1]d struct {
	Type    string            `+"`json:\"type\" const:\"model_%[1]d\"`"+`
	ID      string            `+"`json:\"id\"`"+`
	Name    *string           `+"`json:\"name,omitzero\"`"+`
	Count   *int              `+"`json:\"count,omitzero\"`"+`
	Active  *bool             `+"`json:\"active,omitzero\"`"+`
	Kind    *Kind             `+"`json:\"kind,omitzero\"`"+`
	Created *UnixTime         `+"`json:\"created_at,omitzero\"`"+`
	Note    Nullable[string]  `+"`json:\"note,omitzero\"`"+`
	Owner   Nullable[Union%[3]d]  `+"`json:\"owner,omitzero\"`"+`
	Tags    []string          `+"`json:\"tags,omitzero\"`"+`
	Attrs   map[string]any    `+"`json:\"attrs,omitzero\"`"+`
	Next    *Model%[2]d       `+"`json:\"next,omitzero\"`"+`
	Items   []Model%[2]d      `+"`json:\"items,omitzero\"`"+`
	objectMeta
}

func (v *Model%[1]d) UnmarshalJSON(data []byte) error { return decodeObject(data, v) }
func (v Model%[1]d) MarshalJSON() ([]byte, error)     { return encodeObject(&v) }

var opGetModel%[1]d = Operation{ID: "getModel%[1]d", Method: "GET", Path: "/models%[1]d/{id}"}

func (s *Models) GetModel%[1]d(ctx context.Context, id string, opts ...Option) (*Model%[1]d, error) {
	var out Model%[1]d
	if err := callJSON(ctx, s.core, &request{op: opGetModel%[1]d, path: "/models%[1]d/" + pathParam(id)}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
`, i, next, i%costUnions)
	}
	// Flat has comparable fields only: the meta alone must keep it from
	// being comparable, or the compiler generates its equality function.
	b.WriteString(`
type Flat struct {
	ID    string        ` + "`json:\"id\"`" + `
	Name  *string       ` + "`json:\"name,omitzero\"`" + `
	Count Nullable[int] ` + "`json:\"count,omitzero\"`" + `
	objectMeta
}

func (v *Flat) UnmarshalJSON(data []byte) error { return decodeObject(data, v) }
func (v Flat) MarshalJSON() ([]byte, error)     { return encodeObject(&v) }
`)
	for i := range costUnions {
		fmt.Fprintf(&b, `
type Union%[1]d struct {
	One  *Model%[1]d
	Many *[]Model%[1]d
	Text *string
	unionMeta
}

func (v *Union%[1]d) UnmarshalJSON(data []byte) error { return decodeUnion(data, v) }
func (v Union%[1]d) MarshalJSON() ([]byte, error)     { return encodeUnion(&v) }

type Union%[1]dKind string

const (
	Union%[1]dKindNone    Union%[1]dKind = ""
	Union%[1]dKindUnknown Union%[1]dKind = "unknown"
	Union%[1]dKindOne     Union%[1]dKind = "One"
)

func NewUnion%[1]dFromOne(v Model%[1]d) Union%[1]d { return Union%[1]d{One: &v} }
func (v *Union%[1]d) Kind() Union%[1]dKind     { return Union%[1]dKind(unionKind(v)) }
func (v *Union%[1]d) Raw() []byte              { return unionRaw(v) }
`, i)
	}
	return b.String()
}

// TestCompiledSymbolsPerModel checks the property the runtime's design is
// for: a model or union compiles to its own JSON methods and nothing else.
// Methods of the embedded metas would come back as promoted wrappers in
// every type, which is what made large generated packages slow to build.
func TestCompiledSymbolsPerModel(t *testing.T) {
	goTool, dir := generatedModule(t, map[string]string{"models.go": compileCostSource()})
	archive := filepath.Join(t.TempDir(), "intercom.a")
	runGo(t, goTool, dir, "build", "-o", archive, ".")
	nm := string(runGo(t, goTool, dir, "tool", "nm", archive))

	// A text symbol is "<address> T <name>"; its receiver, if it has one,
	// is "pkg.Type" or "pkg.(*Type)" right before the method name.
	const pkg = "example.com/intercom."
	method := regexp.MustCompile(`^` + regexp.QuoteMeta(pkg) + `(?:\(\*(\w+)\)|(\w+))\.(.+)$`)
	perType := map[string][]string{}
	metaMethods := []string{"objectMetaRef", "unionMetaRef", "ExtraFields", "SetExtraField", "markPresent", "fieldPresent"}
	var texts []string
	for line := range strings.Lines(nm) {
		fields := strings.Fields(line)
		if len(fields) != 3 || fields[1] != "T" {
			continue
		}
		name := fields[2]
		texts = append(texts, name)
		m := method.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		typ, recv := m[2], m[2]+"."
		if m[1] != "" {
			typ, recv = m[1], "(*"+m[1]+")."
		}
		perType[typ] = append(perType[typ], recv+m[3])
		// Whatever the receiver: these are package-level functions now,
		// and as methods of a meta they would be promoted into every model.
		if slices.Contains(metaMethods, m[3]) {
			t.Errorf("symbol %s: a method of a meta is back", name)
		}
	}
	if len(texts) == 0 {
		t.Fatalf("go tool nm listed no text symbols:\n%s", nm)
	}

	// Exactly what the generated code declares, plus the wrapper that
	// gives *T the value receiver's MarshalJSON.
	var types []string
	for i := range costModels {
		types = append(types, fmt.Sprintf("Model%d", i))
	}
	for i := range costUnions {
		types = append(types, fmt.Sprintf("Union%d", i))
	}
	types = append(types, "Flat")
	total := 0
	for _, typ := range types {
		got := perType[typ]
		slices.Sort(got)
		want := []string{"(*" + typ + ").MarshalJSON", "(*" + typ + ").UnmarshalJSON", typ + ".MarshalJSON"}
		if strings.HasPrefix(typ, "Union") {
			// Kind and Raw have pointer receivers, so no wrappers.
			want = []string{"(*" + typ + ").Kind", "(*" + typ + ").MarshalJSON", "(*" + typ + ").Raw", "(*" + typ + ").UnmarshalJSON", typ + ".MarshalJSON"}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s compiles to %q, want %q", typ, got, want)
		}
		total += len(got)
	}
	t.Logf("%d model and union types: %d text symbols with them as receiver (%.1f each); %d text symbols in all",
		len(types), total, float64(total)/float64(len(types)), len(texts))

	for _, name := range texts {
		// The codec is reflective: generic runtime helpers would be
		// instantiated per model.
		if strings.HasPrefix(name, pkg+"callJSON[") || strings.HasPrefix(name, pkg+"Opt[") {
			t.Errorf("symbol %s: a per-type instantiation", name)
		}
		// sync.Map's and the slices package's sorts are generic: their
		// instantiations would be compiled into every generated package
		// (the runtime keeps types in a typeCache and sorts with package
		// sort).
		if strings.HasPrefix(name, "internal/sync.") || strings.HasPrefix(name, "slices.pdqsort") ||
			strings.HasPrefix(name, "slices.insertionSort") || strings.HasPrefix(name, "slices.stable") {
			t.Errorf("symbol %s: a generic container or sort instantiated in the package", name)
		}
		// Models are not comparable (the meta is not), so they need no
		// generated equality functions either.
		if strings.HasPrefix(name, "type:.eq."+pkg+"Model") || strings.HasPrefix(name, "type:.eq."+pkg+"Union") ||
			strings.HasPrefix(name, "type:.eq."+pkg+"Flat") {
			t.Errorf("symbol %s: an equality function for a model", name)
		}
	}
}
