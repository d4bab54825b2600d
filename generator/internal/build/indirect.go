package build

import "github.com/intercom-gen/intercom-gen/generator/internal/model"

// indirectNullables makes a nullable object or union a Nullable of a
// pointer, Nullable[*T] rather than Nullable[T].
//
// The reason is the compiled size of the package. Every method of a
// generic type is compiled once per distinct shape of its type argument,
// and each struct type is a shape of its own, while all pointers share
// one; Preview's fifty nullable objects made a tenth of its package's
// compile time and memory. A pointer is also what a Go user expects for
// an optional struct, and it cannot close a cycle of value types, so a
// recursive nullable field keeps its null (breakCycles runs after this).
func (b *builder) indirectNullables() {
	for _, t := range b.pkg.Types {
		for _, f := range t.Fields {
			b.indirectIn(f.Type)
		}
		for _, v := range t.Variants {
			b.indirectIn(v.Type)
		}
		b.indirectIn(t.Target)
	}
}

// indirectIn rewrites the Nullables anywhere inside ref.
func (b *builder) indirectIn(ref *model.TypeRef) {
	for ; ref != nil; ref = ref.Elem {
		if ref.Kind == model.Nullable && b.isStructLike(ref.Elem) {
			ref.Elem = pointerTo(ref.Elem)
			return
		}
	}
}
