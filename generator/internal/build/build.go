// Package build turns a loaded, repaired description into the Go-shaped
// model of generator/internal/model. Every naming and type-mapping decision of
// intercom-gen is taken here, once, so the emitter only renders.
//
// The mapping, in short (README "Generated code" has the user's view):
//   - component schemas become named types; inline objects, enums and unions
//     that need a name are named after their parent and property;
//   - required, non-nullable properties are plain values; nullable ones are
//     Nullable[T] (Nullable[*T] for objects and unions); optional scalars
//     are pointers; optional arrays, maps, objects and unions are plain
//     values whose zero value means "absent";
//   - single-valued string enums are constant strings, not types;
//   - oneOf/anyOf become unions unless their branches only add `required`
//     (then the object stands alone) or sit beside properties (then their
//     properties are merged in as optional fields);
//   - integer date-times are UnixTime; string date-times are time.Time.
package build

import (
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/naming"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// Source is what the builder needs from the loaded description besides the
// kin-openapi document: source order of mapping keys and located
// diagnostics. *loader.Document implements it.
type Source interface {
	// Keys returns the keys of the mapping at the JSON pointer in source
	// order, or nil when unknown.
	Keys(ptr string) []string
	// Diag makes a diagnostic located at the JSON pointer.
	Diag(sev diag.Severity, code, ptr, msg, hint string) diag.Diagnostic
}

// Options configure a build.
type Options struct {
	// Package is the Go package name, already checked (naming.PackageName).
	Package string
	// Version is the Intercom-Version the package is pinned to.
	Version string
	// Source names the description for the package doc (a base name).
	Source string
	// Reserved are package-level identifiers already declared by the
	// runtime copied into every package.
	Reserved []string
}

// Fixed package-level names of every generated package.
var fixedNames = []string{"Client", "NewClient", "Version", "DefaultBaseURL", "Operations", "defaultSecurity", "doSecurity"}

// Methods every model or union has; no field may take these names.
var modelMethods = []string{"MarshalJSON", "UnmarshalJSON"}

// Methods every union has besides modelMethods; no variant may take these
// names.
var unionMethods = []string{"Kind", "Raw"}

// Build makes the package model. Diagnostics report renames and other
// decisions; the error is non-nil only when the description cannot be
// represented at all.
func Build(spec *openapi3.T, src Source, opts Options) (*model.Package, diag.List, error) {
	if spec == nil {
		return nil, nil, fmt.Errorf("build: no document")
	}
	b := &builder{
		spec:       spec,
		src:        src,
		opts:       opts,
		scope:      naming.NewScope(append(slices.Clone(fixedNames), opts.Reserved...)...),
		locals:     naming.NewScope(append(slices.Clone(methodLocals), opts.Reserved...)...),
		components: map[string]*component{},
		inline:     map[*openapi3.Schema]*model.TypeRef{},
		types:      map[string]*model.Type{},
	}
	b.pkg = &model.Package{Name: opts.Package, Version: opts.Version, Source: opts.Source}
	if spec.Info != nil {
		b.pkg.Title = spec.Info.Title
	}
	b.pkg.BaseURL = baseURL(spec.Servers)
	b.pkg.Profile = selectProfile(spec, opts.Package)
	b.claimServices()
	b.claimComponents()
	b.claimSecurity()
	b.serverVars()
	for _, name := range b.componentOrder {
		b.buildComponent(b.components[name])
	}
	b.buildOperations()
	b.operationSecurity()
	b.doSecurity()
	if err := b.detectPaging(); err != nil {
		return nil, nil, err
	}
	b.vendorParts()
	b.buildWebhooks()
	b.nameEnumValues()
	b.nameUnionMembers()
	b.indirectNullables()
	b.breakCycles()
	slices.SortFunc(b.pkg.Types, func(a, c *model.Type) int { return cmp.Compare(a.Name, c.Name) })
	slices.SortFunc(b.pkg.Services, func(a, c *model.Service) int { return cmp.Compare(a.Field, c.Field) })
	return b.pkg, b.diags, b.diags.Err()
}

type builder struct {
	spec *openapi3.T
	src  Source
	// keyOrder gives the source order of properties at pointers that the
	// builder makes up (the variants of a union with shared properties,
	// see variantSources), where the source has no keys.
	keyOrder map[string][]string
	opts     Options
	pkg      *model.Package
	diags    diag.List
	// scope holds every package-level name.
	scope *naming.Scope
	// locals are the names a method's body declares or refers to (its
	// locals and the runtime's identifiers), the outer scope of every
	// operation's argument names.
	locals *naming.Scope
	// components by schema name, and their names in build order.
	components     map[string]*component
	componentOrder []string
	// inline remembers the named type made for an inline schema, so a
	// schema reached twice (e.g. through allOf) yields one type.
	inline map[*openapi3.Schema]*model.TypeRef
	// services by tag.
	services map[string]*model.Service
	// types by Go name.
	types map[string]*model.Type
	// externalBusy holds the schemas of other files being typed
	// (external.go).
	externalBusy map[*openapi3.Schema]bool
	// linkHeaders holds the operations whose success answer declares a
	// Link header (pagination.go).
	linkHeaders map[*model.Operation]bool
}

// component is one components/schemas entry.
type component struct {
	name   string // schema name
	ptr    string
	schema *openapi3.Schema
	typ    *model.Type
	built  bool
}

// noteLong reports a name whose Go identifier is shortened to
// naming.MaxTypeName bytes with a hash of the whole (so that distinct long
// names stay distinct, deterministically).
func (b *builder) noteLong(what, name, ptr string) {
	if naming.TooLong(name) {
		shown := name
		if len(shown) > 60 {
			shown = shown[:60] + "…"
		}
		b.add(diag.Info, "long-name", ptr,
			fmt.Sprintf("the Go name of %s %q (%d bytes) is shortened to %d bytes with a hash suffix", what, shown, len(name), naming.MaxTypeName),
			"set x-go-name to choose a shorter name")
	}
}

func (b *builder) add(sev diag.Severity, code, ptr, msg, hint string) {
	if b.src != nil {
		b.diags.Add(b.src.Diag(sev, code, ptr, msg, hint))
		return
	}
	b.diags.Add(diag.Diagnostic{Severity: sev, Code: code, Pointer: ptr, Message: msg, Hint: hint})
}

// keys returns the keys at ptr in source order, falling back to the sorted
// keys of m when the source does not know them (or knows different ones).
func keysInOrder[V any](b *builder, ptr string, m map[string]V) []string {
	var out []string
	seen := make(map[string]bool, len(m))
	keys := b.keyOrder[ptr]
	if keys == nil && b.src != nil {
		keys = b.src.Keys(ptr)
	}
	for _, k := range keys {
		if _, ok := m[k]; ok && !seen[k] {
			out = append(out, k)
			seen[k] = true
		}
	}
	if len(out) == len(m) {
		return out
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// goName returns the x-go-name extension of a description element, if any.
func goName(ext map[string]any) string {
	if v, ok := ext["x-go-name"].(string); ok {
		return v
	}
	return ""
}

// claimComponents reserves a name for every component schema before any
// inline type is named, so components keep their natural names and inline
// types are the ones that move aside on a collision.
func (b *builder) claimComponents() {
	if b.spec.Components == nil {
		return
	}
	schemas := b.spec.Components.Schemas
	names := make([]string, 0, len(schemas))
	for name := range schemas {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		sr := schemas[name]
		ptr := diag.Pointer("components", "schemas", name)
		c := &component{name: name, ptr: ptr}
		if sr != nil {
			c.schema = sr.Value
		}
		if c.schema == nil {
			c.schema = &openapi3.Schema{}
		}
		b.noteLong("schema", name, ptr)
		base := naming.Exported(name, "Schema")
		if n := goName(c.schema.Extensions); n != "" {
			base = naming.Exported(n, base)
		}
		goName, renamed := b.scope.Unique(base, "schema "+name, "Model")
		if renamed {
			b.add(diag.Info, "name-collision", ptr,
				fmt.Sprintf("schema %q is named %s because %s is taken by %s", name, goName, base, b.scope.Owner(base)),
				"set x-go-name on the schema to choose another name")
		}
		c.typ = &model.Type{Name: goName, Origin: model.Origin{Pointer: ptr, Component: name}, File: "models"}
		b.components[name] = c
		b.componentOrder = append(b.componentOrder, name)
	}
}

// componentByRef returns the component a local $ref names.
func (b *builder) componentByRef(ref string) *component {
	name, ok := strings.CutPrefix(ref, "#/components/schemas/")
	if !ok {
		return nil
	}
	toks := diag.SplitPointer("/" + name)
	if len(toks) != 1 {
		return nil
	}
	return b.components[toks[0]]
}

func (b *builder) addType(t *model.Type) *model.Type {
	b.pkg.Types = append(b.pkg.Types, t)
	b.types[t.Name] = t
	return t
}

// uniqueTypeName claims a package-level name for an inline type, trying
// the preferred suffixes (if any) before suffix.
func (b *builder) uniqueTypeName(base, owner, suffix, ptr string, preferred ...string) string {
	if base == "" {
		base = "Value"
	}
	base = naming.Bounded(base)
	var ladder []string
	for _, p := range preferred {
		if p != "" {
			ladder = append(ladder, p)
		}
	}
	if suffix != "" {
		ladder = append(ladder, suffix)
	}
	name, renamed := b.scope.Unique(base, owner, ladder...)
	if renamed {
		b.add(diag.Info, "name-collision", ptr,
			fmt.Sprintf("%s is named %s because %s is taken by %s", owner, name, base, b.scope.Owner(base)),
			"set x-go-name on the schema to choose another name")
	}
	return name
}

// vendorParts adds or removes what the profile decides: the models of
// the vendor's webhook notifications, and the SetQuery methods of search
// bodies, which need the vendor's search helpers.
func (b *builder) vendorParts() {
	if b.pkg.Profile.Webhooks {
		b.webhookModels()
	}
	if !b.pkg.Profile.Search {
		for _, t := range b.pkg.Types {
			t.QueryField = ""
		}
	}
}

// baseURL is the first server URL that is absolute once its variables
// take their defaults, without a trailing slash; "" when there is none.
func baseURL(servers openapi3.Servers) string {
	u, _ := firstServer(servers)
	return u
}

// firstServer is baseURL and the server it comes from.
func firstServer(servers openapi3.Servers) (string, *openapi3.Server) {
	for _, s := range servers {
		if s == nil {
			continue
		}
		u := s.URL
		for name, v := range s.Variables {
			if v != nil {
				u = strings.ReplaceAll(u, "{"+name+"}", v.Default)
			}
		}
		if p, err := url.Parse(u); err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != "" && !strings.ContainsAny(u, "{}") {
			return strings.TrimRight(u, "/"), s
		}
	}
	return "", nil
}

// serverVars makes each variable of the client's server an option of the
// client (WithServer<Name>), in the order its URL names them. A server
// without variables needs none: BaseURL is all there is to it.
func (b *builder) serverVars() {
	_, s := firstServer(b.spec.Servers)
	if s == nil || len(s.Variables) == 0 {
		return
	}
	ptr := diag.Pointer("servers", strconv.Itoa(slices.Index(b.spec.Servers, s)), "variables")
	seen := map[string]bool{}
	for _, m := range serverVar.FindAllString(s.URL, -1) {
		name := m[1 : len(m)-1]
		v := s.Variables[name]
		if v == nil || seen[name] {
			continue
		}
		seen[name] = true
		sv := &model.ServerVar{Name: name, Default: v.Default, Enum: v.Enum, Doc: v.Description}
		sv.Option = b.claimFixed("WithServer"+naming.Exported(name, "Var"), "server variable "+name, diag.Append(ptr, name), "Value")
		b.pkg.ServerVars = append(b.pkg.ServerVars, sv)
	}
	if len(b.pkg.ServerVars) > 0 {
		b.pkg.Server = strings.TrimRight(s.URL, "/")
	}
}
