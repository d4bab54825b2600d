package apidiff

import (
	"encoding/json"
	"fmt"
	"slices"
)

// Level is how a change affects a caller of the old version.
type Level int

const (
	// Additive changes break nothing: new operations, types, fields, values,
	// and changes that only relax what a caller must do.
	Additive Level = iota
	// Review changes may break a caller, depending on how it uses the
	// package: a response enum that gains a value a switch does not handle,
	// a request property the server no longer reads.
	Review
	// Breaking changes break a caller of the old version: code that no
	// longer compiles, or requests and responses the old contract allowed
	// and the new one does not.
	Breaking
)

var levelNames = []string{"additive", "review", "breaking"}

// String is "additive", "review" or "breaking".
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's name.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}

// ParseLevel reads "additive", "review" or "breaking".
func ParseLevel(s string) (Level, error) {
	if i := slices.Index(levelNames, s); i >= 0 {
		return Level(i), nil
	}
	return 0, fmt.Errorf("unknown level %q (want additive, review or breaking)", s)
}

// Layer says whether a rule looks at the Go API or at the wire.
type Layer string

const (
	// GoLayer rules compare the generated packages' surfaces.
	GoLayer Layer = "go"
	// WireLayer rules compare the descriptions.
	WireLayer Layer = "wire"
)

// Rule is one kind of change the differ recognises.
type Rule struct {
	// ID names the rule in reports and tests, e.g. "response-property-removed".
	ID    string
	Level Level
	Layer Layer
	// Direction is "request" or "response" for rules whose level depends on
	// which way the data travels, "" otherwise.
	Direction string
	// Summary says what the rule detects and why it has its level.
	Summary string
}

// rules is the registry. Wire rules about data come in request/response
// pairs judged in opposite directions: a caller writes requests (so the new
// version may accept more, never less) and reads responses (so the new
// version may promise more, never less).
var rules = []Rule{
	// Go API.
	{"go-type-added", Additive, GoLayer, "", "a new exported type"},
	{"go-type-removed", Breaking, GoLayer, "", "an exported type is gone: code naming it no longer compiles"},
	{"go-type-changed", Breaking, GoLayer, "", "an exported type has a different underlying type (struct → string, map → slice)"},
	{"go-field-added", Additive, GoLayer, "", "a new struct field"},
	{"go-field-removed", Breaking, GoLayer, "", "a struct field is gone: code using it no longer compiles"},
	{"go-field-type-changed", Breaking, GoLayer, "", "a struct field has a different Go type (*string → string, int → string)"},
	{"go-field-json-name-changed", Breaking, GoLayer, "", "a struct field reads and writes a different JSON property or parameter"},
	{"go-func-added", Additive, GoLayer, "", "a new function"},
	{"go-func-removed", Breaking, GoLayer, "", "a function is gone"},
	{"go-func-signature-changed", Breaking, GoLayer, "", "a function takes or returns different types"},
	{"go-method-added", Additive, GoLayer, "", "a new method (a new operation, or a new helper)"},
	{"go-method-removed", Breaking, GoLayer, "", "a method is gone (an operation removed or renamed)"},
	{"go-method-signature-changed", Breaking, GoLayer, "", "a method takes or returns different types"},
	{"go-const-added", Additive, GoLayer, "", "a new constant (a new enum value)"},
	{"go-const-removed", Breaking, GoLayer, "", "a constant is gone (an enum value removed or renamed)"},
	{"go-const-changed", Review, GoLayer, "", "a constant has another type or value (Version changes with every bump)"},
	{"go-var-added", Additive, GoLayer, "", "a new package variable"},
	{"go-var-removed", Breaking, GoLayer, "", "a package variable is gone"},
	{"go-var-changed", Breaking, GoLayer, "", "a package variable has another type"},

	// Operations.
	{"operation-added", Additive, WireLayer, "", "a new operation"},
	{"operation-removed", Breaking, WireLayer, "", "an operation is gone: calls to it fail"},
	{"operation-id-changed", Review, WireLayer, "", "an operation has another operationId, so its Go method has another name"},
	{"path-param-renamed", Additive, WireLayer, "", "a path parameter has another name; the URL is the same"},
	{"success-status-changed", Review, WireLayer, "", "an operation answers success with another status"},
	{"error-status-added", Additive, WireLayer, "", "an operation documents a new error status"},
	{"error-status-removed", Additive, WireLayer, "", "an operation no longer documents an error status"},

	// Parameters (always request data).
	{"request-parameter-added-required", Breaking, WireLayer, "request", "a new required parameter: old calls lack it"},
	{"request-parameter-added", Additive, WireLayer, "request", "a new optional parameter"},
	{"request-parameter-removed", Review, WireLayer, "request", "a parameter is no longer documented: callers sending it may be ignored or rejected"},
	{"request-parameter-became-required", Breaking, WireLayer, "request", "an optional parameter became required"},
	{"request-parameter-became-optional", Additive, WireLayer, "request", "a required parameter became optional"},

	// Bodies.
	{"request-body-added-required", Breaking, WireLayer, "request", "an operation now requires a body"},
	{"request-body-added", Additive, WireLayer, "request", "an operation now accepts an optional body"},
	{"request-body-removed", Breaking, WireLayer, "request", "an operation no longer takes a body"},
	{"request-body-became-required", Breaking, WireLayer, "request", "the body became required"},
	{"request-body-became-optional", Additive, WireLayer, "request", "the body became optional"},
	{"request-media-type-removed", Breaking, WireLayer, "request", "the operation no longer accepts a content type"},
	{"request-media-type-added", Additive, WireLayer, "request", "the operation accepts another content type"},
	{"response-media-type-removed", Review, WireLayer, "response", "a response no longer comes in a content type"},
	{"response-media-type-added", Review, WireLayer, "response", "a response may come in another content type"},

	// Schemas.
	{"schema-added", Additive, WireLayer, "", "a new component schema"},
	{"schema-removed", Review, WireLayer, "", "a component schema is gone (its Go type too; operations using it changed and are listed)"},
	{"request-schema-ref-changed", Review, WireLayer, "request", "request data refers to another component schema: compare the two"},
	{"response-schema-ref-changed", Review, WireLayer, "response", "response data refers to another component schema: compare the two"},
	{"request-type-changed", Breaking, WireLayer, "request", "request data has another JSON type"},
	{"response-type-changed", Breaking, WireLayer, "response", "response data has another JSON type"},
	{"request-format-changed", Review, WireLayer, "request", "request data has another format (the Go type may differ)"},
	{"response-format-changed", Review, WireLayer, "response", "response data has another format (the Go type may differ)"},
	{"request-property-added-required", Breaking, WireLayer, "request", "a new required request property: old requests lack it"},
	{"request-property-added", Additive, WireLayer, "request", "a new optional request property"},
	{"response-property-added", Additive, WireLayer, "response", "a new response property"},
	{"request-property-removed", Review, WireLayer, "request", "a request property is gone: callers sending it may be ignored or rejected"},
	{"response-property-removed", Breaking, WireLayer, "response", "a response property is gone: callers reading it get nothing"},
	{"request-property-became-required", Breaking, WireLayer, "request", "a request property became required"},
	{"response-property-became-required", Additive, WireLayer, "response", "a response property is now always present"},
	{"request-property-became-optional", Additive, WireLayer, "request", "a request property became optional"},
	{"response-property-became-optional", Breaking, WireLayer, "response", "a response property may now be absent"},
	{"request-became-nullable", Additive, WireLayer, "request", "request data may now be null"},
	{"response-became-nullable", Breaking, WireLayer, "response", "response data may now be null"},
	{"request-became-not-nullable", Breaking, WireLayer, "request", "request data may no longer be null"},
	{"response-became-not-nullable", Additive, WireLayer, "response", "response data is no longer null"},
	{"request-enum-value-added", Additive, WireLayer, "request", "a request enum accepts a new value"},
	{"response-enum-value-added", Review, WireLayer, "response", "a response enum may carry a new value: switches over it need a case"},
	{"request-enum-value-removed", Breaking, WireLayer, "request", "a request enum no longer accepts a value"},
	{"response-enum-value-removed", Additive, WireLayer, "response", "a response enum no longer carries a value"},
	{"request-enum-added", Breaking, WireLayer, "request", "request data is now restricted to an enum"},
	{"response-enum-added", Additive, WireLayer, "response", "response data is now restricted to an enum"},
	{"request-enum-removed", Additive, WireLayer, "request", "request data is no longer restricted to an enum"},
	{"response-enum-removed", Review, WireLayer, "response", "response data is no longer restricted to an enum"},
	{"request-variant-added", Additive, WireLayer, "request", "a request union accepts another variant"},
	{"response-variant-added", Review, WireLayer, "response", "a response union may carry another variant"},
	{"request-variant-removed", Breaking, WireLayer, "request", "a request union no longer accepts a variant"},
	{"response-variant-removed", Additive, WireLayer, "response", "a response union no longer carries a variant"},
}

var ruleByID = func() map[string]Rule {
	m := map[string]Rule{}
	for _, r := range rules {
		if _, dup := m[r.ID]; dup {
			panic("apidiff: duplicate rule " + r.ID)
		}
		m[r.ID] = r
	}
	return m
}()

// Rules returns the registry, sorted by ID.
func Rules() []Rule {
	out := slices.Clone(rules)
	slices.SortFunc(out, func(a, b Rule) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return out
}

// LookupRule returns the rule with the given ID.
func LookupRule(id string) (Rule, bool) {
	r, ok := ruleByID[id]
	return r, ok
}

func mustRule(id string) Rule {
	r, ok := ruleByID[id]
	if !ok {
		panic("apidiff: unknown rule " + id)
	}
	return r
}

// MarshalJSON writes the rule with its level as a name.
func (r Rule) MarshalJSON() ([]byte, error) {
	type plain Rule
	return json.Marshal(plain(r))
}
