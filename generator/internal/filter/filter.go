// Package filter keeps the operations a package target asks for (by tag,
// operationId, Go method name or "METHOD /path") and drops what only the
// others reached: the filtering stage between the model and the renderer.
package filter

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// Filter selects the operations a package keeps. An operation is kept
// when it matches IncludeTags or IncludeOperations (or both are empty) and
// matches neither ExcludeTags nor ExcludeOperations. Tags match any of the
// operation's tags by name; operations match by operationId, Go method
// name or "METHOD /path" (the description's path template).
type Filter struct {
	IncludeTags, ExcludeTags             []string
	IncludeOperations, ExcludeOperations []string
}

// Empty reports whether the filter keeps everything.
func (f Filter) Empty() bool {
	return len(f.IncludeTags)+len(f.ExcludeTags)+len(f.IncludeOperations)+len(f.ExcludeOperations) == 0
}

func matchOp(op *model.Operation, names []string) bool {
	for _, n := range names {
		if n == op.ID || n == op.Method || strings.EqualFold(n, op.HTTPMethod+" "+op.Path) {
			return true
		}
	}
	return false
}

func matchTag(op *model.Operation, tags []string) bool {
	for _, t := range tags {
		if slices.Contains(op.Tags, t) || op.Tag == t {
			return true
		}
	}
	return false
}

func (f Filter) keep(op *model.Operation) bool {
	in := len(f.IncludeTags)+len(f.IncludeOperations) == 0 || matchTag(op, f.IncludeTags) || matchOp(op, f.IncludeOperations)
	return in && !matchTag(op, f.ExcludeTags) && !matchOp(op, f.ExcludeOperations)
}

// Check reports names in the filter that match nothing in pkg: a typo
// would otherwise silently generate an empty or a full package.
func (f Filter) Check(pkg *model.Package) error {
	var unknown []string
	for _, t := range slices.Concat(f.IncludeTags, f.ExcludeTags) {
		if !slices.ContainsFunc(pkg.Operations, func(op *model.Operation) bool { return matchTag(op, []string{t}) }) {
			unknown = append(unknown, "tag "+t)
		}
	}
	for _, n := range slices.Concat(f.IncludeOperations, f.ExcludeOperations) {
		if !slices.ContainsFunc(pkg.Operations, func(op *model.Operation) bool { return matchOp(op, []string{n}) }) {
			unknown = append(unknown, "operation "+n)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("filter names what version %s does not have: %s (tags are the description's tag names; operations are operationIds, Go method names or \"METHOD /path\")",
			pkg.Version, strings.Join(unknown, ", "))
	}
	return nil
}

// Apply drops the operations the filter does not keep, the services left
// without operations, and the types no kept operation reaches.
func (f Filter) Apply(pkg *model.Package) error {
	if f.Empty() {
		return nil
	}
	if err := f.Check(pkg); err != nil {
		return err
	}
	pkg.Operations = slices.DeleteFunc(pkg.Operations, func(op *model.Operation) bool { return !f.keep(op) })
	if len(pkg.Operations) == 0 {
		return fmt.Errorf("filter keeps no operation of version %s", pkg.Version)
	}
	for _, s := range pkg.Services {
		s.Operations = slices.DeleteFunc(s.Operations, func(op *model.Operation) bool { return !f.keep(op) })
	}
	pkg.Services = slices.DeleteFunc(pkg.Services, func(s *model.Service) bool { return len(s.Operations) == 0 })

	byName := map[string]*model.Type{}
	for _, t := range pkg.Types {
		byName[t.Name] = t
	}
	used := reachable(pkg, byName)
	pkg.Types = slices.DeleteFunc(pkg.Types, func(t *model.Type) bool { return !used[t] })
	return nil
}

var (
	typeRefType = reflect.TypeFor[*model.TypeRef]()
	typeType    = reflect.TypeFor[*model.Type]()
)

// reachable walks the package model except its type list (the kept
// operations and services, and whatever else the package holds, such as
// webhook topics) and every type they name, reflectively, so that whatever
// model field refers to a type (today's or one added later) keeps it.
func reachable(pkg *model.Package, byName map[string]*model.Type) map[*model.Type]bool {
	used := map[*model.Type]bool{}
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			switch v.Type() {
			case typeRefType:
				r := v.Interface().(*model.TypeRef)
				if r.Kind == model.Named {
					if t := byName[r.Name]; t != nil {
						walk(reflect.ValueOf(t))
					}
				}
			case typeType:
				used[v.Interface().(*model.Type)] = true
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				// A model type named by a plain string field called Type
				// (model.WebhookModel) is used too.
				if f.Name == "Type" && f.Type.Kind() == reflect.String {
					if t := byName[v.Field(i).String()]; t != nil {
						walk(reflect.ValueOf(t))
					}
					continue
				}
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		}
	}
	root := reflect.ValueOf(pkg).Elem()
	for i := range root.NumField() {
		if f := root.Type().Field(i); f.IsExported() && f.Name != "Types" {
			walk(root.Field(i))
		}
	}
	return used
}
