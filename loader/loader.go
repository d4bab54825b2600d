// Package loader reads an OpenAPI description once, repairs the known
// defects of Intercom's published files on the parsed tree, and hands the
// result to kin-openapi.
//
// The pipeline is one YAML parse into a node tree, then:
//
//  1. prepare scalars and keys as kin-openapi's own loader would (it never
//     sees the text, so it cannot do this itself), refusing what JSON cannot
//     hold, with positions;
//  2. check that this is an OpenAPI 3.0 description and that every $ref
//     stays inside it: nothing is read from disk or network while loading;
//  3. apply the repair rules configured in specs/repairs.yaml, then the
//     targeted patches of specs/patches/, each fix a located diagnostic;
//  4. decode the tree straight into kin-openapi's types and resolve
//     references (no re-serialisation: performance matters, the generator
//     must stay within twice kin's bare LoadFromFile);
//  5. optionally run kin's validation, whose findings are only warnings: it
//     fails on every description Intercom publishes.
//
// Errors are located: a *diag.ErrorList whose diagnostics carry file, line,
// column and JSON pointer. Diagnostic codes:
//
//   - errors: syntax, empty, not-openapi, swagger-2, openapi-version,
//     null-key, complex-key, non-json-number, too-large, too-deep, alias-cycle, alias-expansion,
//     bad-merge, external-ref, external-url, external-escape, bad-ref, dangling-ref, ref-kind, ref-cycle (among
//     non-schema components and path items), decode, resolve,
//     internal (a bug: please report), and
//     duplicate-key when that rule is off;
//   - warnings: openapi-3.1, empty-description, callbacks-not-generated,
//     enum-kind (a value of another kind than the type), unknown-type,
//     unknown-keyword, path-template, kin-validate (Options.Validate);
//   - repairs: one code per rule (see Rules and specs/repairs.yaml), and
//     patch for a targeted patch;
//   - infos: patch-stale, a patch that no longer applies.
package loader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/loader/readfile"
)

// Options configure a load.
type Options struct {
	// Config holds the repair rules and patches; nil means the defaults
	// embedded from specs/.
	Config *Config
	// Validate runs kin-openapi's validation and reports its findings as
	// warnings (code kin-validate).
	Validate bool
	// AllowExternalRefs lets $refs name files inside the description's own
	// folder (see external.go); URLs, absolute paths and paths leaving the
	// folder stay refused, and nothing is ever fetched from the network.
	AllowExternalRefs bool
	// MaxSize caps the description file's size in bytes (DefaultMaxSize
	// when 0): an endless stream or a huge file is an error, not an
	// out-of-memory crash.
	MaxSize int64
}

// DefaultMaxSize is the largest description Load reads unless told
// otherwise: 40 times Intercom's largest (Preview, 1.6 MB).
const DefaultMaxSize = 64 << 20

// Load reads and loads the description at path.
func Load(path string, opts Options) (*Document, diag.List, error) {
	data, err := readDescription(path, opts.MaxSize)
	if err != nil {
		return nil, nil, err
	}
	return LoadBytes(path, data, opts)
}

// readDescription reads at most limit bytes of a regular file (a device
// or a pipe is read up to the limit too, never past it).
func readDescription(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxSize
	}
	data, err := readfile.Max(path, limit)
	var tl *readfile.TooLargeError
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s: no such description file", path)
	case errors.As(err, &tl):
		return nil, tooLarge(path, limit)
	}
	if st, serr := os.Stat(path); serr == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: a folder, not a description file", path)
	}
	return nil, fmt.Errorf("reading description %s: %w", path, err)
}

func tooLarge(path string, limit int64) error {
	size := fmt.Sprintf("%d bytes", limit)
	if limit%(1<<20) == 0 {
		size = fmt.Sprintf("%d MiB", limit>>20)
	}
	return fmt.Errorf("%s: larger than %s, the limit for a description (--max-size MIB raises it; Intercom's largest is under 2 MiB)", path, size)
}

// load is the state of one LoadBytes call.
type load struct {
	file  string
	cfg   *Config
	ext   *external
	diags diag.List
	// aliases records that the parsed tree has YAML aliases (see
	// decodeDocument).
	aliases bool
}

func (l *load) rule(id string) RuleConfig { return l.cfg.rule(id) }

func (l *load) add(sev diag.Severity, at *yaml.Node, code, ptr, msg, hint string) {
	d := diag.Diagnostic{Severity: sev, Code: code, File: l.file, Pointer: ptr, Message: msg, Hint: hint}
	if at != nil {
		d.Line, d.Col = at.Line, at.Column
	}
	l.diags.Add(d)
}

func (l *load) errorAt(at *yaml.Node, code, ptr, msg, hint string) {
	l.add(diag.Error, at, code, ptr, msg, hint)
}

// repair reports a fix made by rule at the node that needed it.
func (l *load) repair(at *yaml.Node, rule, ptr, msg string) {
	l.add(diag.Repair, at, rule, ptr, msg, ruleHints[rule])
}

// ruleHints say how each defect is fixed in the description itself, so
// that it no longer needs repairing.
var ruleHints = map[string]string{
	RuleDuplicateKey:         "delete the earlier definition",
	RuleDanglingSchemaRef:    "define the schema under components/schemas or point the $ref at one that exists",
	RuleRefSiblings:          "write the keywords beside an allOf holding the $ref: OpenAPI 3.0 ignores keywords beside a $ref",
	RuleArrayWithoutItems:    "give the array schema an items schema",
	RuleDiscriminatorMapping: "point the mapping at a schema of this description, or remove the entry",
	RulePathParamLocation:    "declare the parameter with in: path and required: true",
	RuleUndeclaredPathParam:  "declare the path parameter on the operation or its path item",
	RuleUnusedPathParam:      "remove the parameter, or add {name} to the path",
	RuleSchema31:             "write the OpenAPI 3.0 form: one type with `nullable: true`, an anyOf of types, a one-value enum",
	RulePropertiesWithoutKey: "write `type: object` and put the member schemas under `properties:`",
	RuleRequiredBoolean:      "list required properties in the parent schema's `required` array",
	RuleProseQuoting:         "quote the text: a plain YAML value cannot hold \": \"",
}

// LoadBytes loads a description held in memory; file names it in
// diagnostics.
func LoadBytes(file string, data []byte, opts Options) (doc *Document, diags diag.List, err error) {
	cfg := opts.Config
	if cfg == nil {
		if cfg, err = embedded(); err != nil {
			return nil, nil, fmt.Errorf("embedded repair configuration: %w", err)
		}
	}
	l := &load{file: file, cfg: cfg, ext: newExternal(file, opts.AllowExternalRefs)}
	// Nothing in a description may crash the caller: a panic in this
	// package or in kin-openapi becomes a located-as-possible error.
	defer func() {
		if r := recover(); r != nil {
			l.errorAt(nil, "internal", "", fmt.Sprintf("loading failed unexpectedly: %v", r),
				"please report this with the description that caused it")
			doc, diags, err = nil, l.diags, l.diags.Err()
		}
	}()

	root := l.parse(data)
	if root == nil {
		return nil, l.diags, l.diags.Err()
	}
	l.prepare(root)
	if err := l.diags.Err(); err != nil {
		return nil, l.diags, err
	}
	top := root.Content[0]
	if !l.checkDocument(top) {
		return nil, l.diags, l.diags.Err()
	}
	w := &walker{l: l, top: top}
	// Before the walk: ref-siblings rewrites a documented $ref into an
	// allOf, which would hide the cycle.
	l.refCycles(top)
	l.componentRefCycles(top)
	w.document()
	l.repairPathParams(top)
	if err := l.diags.Err(); err != nil {
		return nil, l.diags, err
	}
	l.applyPatches(top)

	spec, ok := l.decode(root)
	if !ok {
		return nil, l.diags, l.diags.Err()
	}
	doc = &Document{File: file, Spec: spec, Version: descriptionVersion(top), root: top}
	l.checkEmpty(top, spec)
	if opts.Validate {
		l.validate(doc)
	}
	return doc, l.diags, nil
}

// checkEmpty warns about a description with nothing to generate at all:
// no paths, no schemas and no webhooks. Such a description loads (an
// empty package is a valid package), but it is almost always the wrong
// file or a truncated one.
func (l *load) checkEmpty(top *yaml.Node, spec *openapi3.T) {
	if spec.Paths.Len() > 0 || len(spec.Webhooks) > 0 || (spec.Components != nil && len(spec.Components.Schemas) > 0) {
		return
	}
	l.add(diag.Warning, top, "empty-description", "",
		"the description declares no paths, no schemas and no webhooks: the generated package has nothing in it",
		"check that this is the file you meant (a complete description, not a fragment or a truncated download)")
}

// decode hands the repaired tree to kin-openapi (openapi3.T implements
// yaml's Unmarshaler, so nothing is serialised again) and resolves the
// document's references, none of which may leave it.
func (l *load) decode(root *yaml.Node) (*openapi3.T, bool) {
	spec, err := decodeDocument(root, l.aliases)
	if err != nil {
		d := diag.Diagnostic{Severity: diag.Error, Code: "decode", File: l.file,
			Message: "kin-openapi cannot read the description: " + err.Error(),
			Hint:    "give the element at this position the type OpenAPI 3.0 defines for it"}
		d.Line, d.Col = errorPosition(err)
		if ptr, ok := pointerAt(root, d.Line, d.Col); ok {
			d.Pointer = ptr
		}
		l.diags.Add(d)
		return nil, false
	}
	kin := openapi3.NewLoader()
	kin.Context = context.Background()
	location := l.ext.configure(kin, l)
	if err := kin.ResolveRefsIn(spec, location); err != nil {
		if l.diags.HasErrors() {
			// A referenced file was refused, with its own diagnostics.
			return nil, false
		}
		l.errorAt(nil, "resolve", "", "kin-openapi cannot resolve a reference: "+err.Error(),
			"point the $ref at an element of this description")
		return nil, false
	}
	return spec, true
}

var lineInMessage = regexp.MustCompile(`\bline (\d+)(?:, column (\d+))?`)

// errorPosition finds where a decode error happened: the YAML library's
// mark when it has one, else a "line N" in kin's message.
func errorPosition(err error) (line, col int) {
	var le *yaml.LoadError
	if errors.As(err, &le) && le.Mark.Line > 0 {
		return le.Mark.Line, le.Mark.Column
	}
	if m := lineInMessage.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
	}
	return line, col
}

// pointerAt finds the JSON pointer of the node written at line:col, so a
// decode error names the element as well as the position. The shallowest
// node wins: a mapping starts where its first key does, and an error about
// the mapping's type is about the mapping.
func pointerAt(root *yaml.Node, line, col int) (string, bool) {
	if line == 0 {
		return "", false
	}
	var path pathStack
	var search func(n *yaml.Node) bool
	search = func(n *yaml.Node) bool {
		if n == nil || n.Line > line {
			return false
		}
		if n.Line == line && n.Column == col {
			return true
		}
		switch n.Kind {
		case yaml.DocumentNode:
			return len(n.Content) > 0 && search(n.Content[0])
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path.pushIdx(i)
				if search(c) {
					return true
				}
				path.pop()
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				path.pushKey(n.Content[i].Value)
				if search(n.Content[i+1]) {
					return true
				}
				path.pop()
			}
		}
		return false
	}
	if !search(root) || len(path) == 0 {
		return "", false
	}
	return path.String(), true
}

// checkDocument refuses what is not an OpenAPI 3 description, saying what
// it is instead.
func (l *load) checkDocument(top *yaml.Node) bool {
	if top.Kind != yaml.MappingNode {
		l.errorAt(top, "not-openapi", "", "the document is not a mapping, so it is not an OpenAPI description",
			"give an OpenAPI 3.0 description (a mapping that starts with `openapi: 3.0.x`)")
		return false
	}
	if v := mapGet(top, "swagger"); v != nil {
		l.errorAt(v, "swagger-2", "/swagger",
			fmt.Sprintf("this is a Swagger %s description; intercom-gen reads OpenAPI 3.0 and 3.1", scalarValue(v)),
			"convert it to OpenAPI 3.0 first (for example with swagger2openapi)")
		return false
	}
	v := mapGet(top, "openapi")
	if v == nil {
		l.errorAt(top, "not-openapi", "", "no `openapi` field, so this is not an OpenAPI description",
			"give an OpenAPI 3.0 description; it starts with `openapi: 3.0.x`")
		return false
	}
	// YAML reads `openapi: 3.0` and `version: 2.10` written without quotes
	// as numbers, which kin refuses to put in its string fields (and 2.10
	// would become 2.1). Both are strings in OpenAPI: read the text written.
	for _, n := range []*yaml.Node{v, lookup(top, "/info/version")} {
		if n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "!!float" || n.Tag == "!!int") {
			n.Tag = tagStr
		}
	}
	switch ver := scalarValue(v); {
	case v.Kind != yaml.ScalarNode:
		l.errorAt(v, "openapi-version", "/openapi", "`openapi` must be a version string such as 3.0.3", "")
		return false
	case ver == "3.0" || strings.HasPrefix(ver, "3.0."):
	case strings.HasPrefix(ver, "3."):
		l.add(diag.Warning, v, "openapi-3.1", "/openapi",
			fmt.Sprintf("OpenAPI %s is loaded with OpenAPI 3.0 semantics; keywords 3.0 does not have may be ignored", ver),
			"check the generated code for schemas written with 3.1 keywords (type lists, const, $ref siblings)")
	default:
		l.errorAt(v, "openapi-version", "/openapi", fmt.Sprintf("OpenAPI version %q is not supported", ver),
			"give an OpenAPI 3.0 description")
		return false
	}
	return true
}

// descriptionVersion is the API version a description documents: Intercom
// writes it as the default of its intercom_version schema (info.version is
// the same except in Preview). It is read from the tree as written, since
// an unquoted 2.10 would be the number 2.1 once decoded.
func descriptionVersion(top *yaml.Node) string {
	if d := scalarValue(lookup(top, "/components/schemas/intercom_version/default")); d != "" {
		return d
	}
	return strings.TrimSpace(scalarValue(lookup(top, "/info/version")))
}
