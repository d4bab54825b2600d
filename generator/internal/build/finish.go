package build

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// nameEnumValues names every enum constant once all types are named, so a
// constant never takes a name a type wanted ("IntercomVersionPreview" is
// the Preview type; the constant for "Preview" moves aside).
func (b *builder) nameEnumValues() {
	enums := slices.Clone(b.pkg.Types)
	slices.SortFunc(enums, func(a, c *model.Type) int { return cmp.Compare(a.Name, c.Name) })
	for _, t := range enums {
		if t.Kind != model.Enum {
			continue
		}
		local := map[string]bool{}
		for _, v := range t.Values {
			suffix := naming.Pascal(v.Value)
			if suffix == "" {
				suffix = "Empty"
			}
			b.noteLong("enum value of "+t.Name, v.Value, t.Origin.Pointer)
			suffix = naming.Bounded(suffix)
			base := t.Name + suffix
			// Values that differ only in case or punctuation ("Back-office",
			// "back_office") share a base; later ones are numbered.
			first := base
			for i := 2; local[base]; i++ {
				base = fmt.Sprintf("%s%s%d", t.Name, suffix, i)
			}
			if base != first {
				b.add(diag.Info, "name-collision", t.Origin.Pointer,
					fmt.Sprintf("the constant for %s value %q is %s because another value of %s is also %s in Go", t.Name, v.Value, base, t.Name, first),
					"values that differ only in case or punctuation share a Go name; the later ones are numbered")
			}
			local[base] = true
			name, renamed := b.scope.Unique(base, "enum value "+t.Name+" "+v.Value, "Value")
			if renamed {
				b.add(diag.Info, "name-collision", t.Origin.Pointer,
					fmt.Sprintf("the constant for %s value %q is %s because %s is taken by %s", t.Name, v.Value, name, base, b.scope.Owner(base)), "")
			}
			v.Name = name
		}
	}
}

// nameUnionMembers names each union's Kind type, its constants and the
// constructor of each variant, after every type and enum constant is
// named: these names are derived, so they are the ones that move aside
// when a description's own name is already there.
func (b *builder) nameUnionMembers() {
	unions := slices.Clone(b.pkg.Types)
	slices.SortFunc(unions, func(a, c *model.Type) int { return cmp.Compare(a.Name, c.Name) })
	for _, t := range unions {
		if t.Kind != model.Union {
			continue
		}
		claim := func(base, what string) string {
			base = naming.Bounded(base)
			name, renamed := b.scope.Unique(base, what+" of union "+t.Name)
			if renamed {
				b.add(diag.Info, "name-collision", t.Origin.Pointer,
					fmt.Sprintf("the %s of union %s is %s because %s is taken by %s", what, t.Name, name, base, b.scope.Owner(base)), "")
			}
			return name
		}
		t.KindType = claim(t.Name+"Kind", "kind type")
		t.KindNone = claim(t.KindType+"None", "kind constant for no variant")
		t.KindUnknown = claim(t.KindType+"Unknown", "kind constant for an unknown variant")
		for _, v := range t.Variants {
			v.KindConst = claim(t.KindType+v.Name, "kind constant of variant "+v.Name)
			v.Constructor = claim("New"+t.Name+"From"+v.Name, "constructor of variant "+v.Name)
		}
	}
}

// breakCycles makes recursive value types legal: a struct that contains
// itself by value (directly or through other structs) gets a pointer field
// on the edge that closes the cycle. Slices, maps and union variants are
// already indirect.
func (b *builder) breakCycles() {
	const (
		unvisited = iota
		onStack
		done
	)
	state := map[string]int{}
	var visit func(name string)
	visit = func(name string) {
		state[name] = onStack
		t := b.types[name]
		if t != nil {
			for _, f := range t.Fields {
				target := b.valueTarget(f.Type)
				if target == "" {
					continue
				}
				switch state[target] {
				case onStack:
					b.add(diag.Info, "recursive-type", t.Origin.Pointer,
						fmt.Sprintf("%s.%s refers back to %s; the field is a pointer", t.Name, f.Name, target), "")
					elem := f.Type
					if elem.Kind == model.Nullable {
						elem = elem.Elem
					}
					f.Type = pointerTo(elem)
				case unvisited:
					visit(target)
				}
			}
			if t.Kind == model.Alias {
				if target := b.valueTarget(t.Target); target != "" && state[target] == unvisited {
					visit(target)
				}
			}
		}
		state[name] = done
	}
	names := make([]string, 0, len(b.types))
	for name := range b.types {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if state[name] == unvisited {
			visit(name)
		}
	}
}

// valueTarget returns the named struct or alias a field holds by value
// ("" when the field is indirect or not a struct).
func (b *builder) valueTarget(ref *model.TypeRef) string {
	if ref == nil {
		return ""
	}
	if ref.Kind == model.Nullable {
		ref = ref.Elem
	}
	if ref.Kind != model.Named {
		return ""
	}
	t := b.types[ref.Name]
	if t == nil {
		return ""
	}
	switch t.Kind {
	case model.Struct, model.Params, model.Form, model.Alias:
		return t.Name
	}
	return ""
}
