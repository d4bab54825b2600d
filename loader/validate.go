package loader

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// validationOptions are the kin-openapi validation options the loader uses.
//
//   - EnableMultiError: every finding, not just the first, each its own
//     warning.
//   - Examples stay validated (kin's default). Once the repairs have run,
//     the examples are the only part of Intercom's descriptions kin still
//     objects to (131–255 findings a file): contradictions between
//     examples and schemas are exactly why generated code decodes
//     leniently, and worth seeing when a user asks for validation.
//   - Pattern validation stays on: a pattern Go's RE2 cannot compile is a
//     pattern a Go client cannot check, worth a warning.
//   - Format validation stays off (kin's default): Intercom writes
//     formats such as `timestamp` that no validator knows, and a format
//     is a hint for the generator, not a contract.
//
// No option hides $ref siblings: the ref-siblings rule has already turned
// every schema sibling into an allOf, so what kin reports there is real.
func validationOptions() []openapi3.ValidationOption {
	return []openapi3.ValidationOption{openapi3.EnableMultiError()}
}

// validate runs kin's validation and reports each finding as a warning:
// never an error, since kin's validation fails on every description
// Intercom publishes. A panic inside kin becomes a warning too.
func (l *load) validate(doc *Document) {
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("kin-openapi's validation stopped unexpectedly: %v", r)
			}
		}()
		err = doc.Spec.Validate(context.Background(), validationOptions()...)
	}()
	seen := map[string]bool{}
	for _, f := range findings(err, nil, "", doc.root) {
		msg := trimDump(f.msg)
		if msg == "" || seen[f.ptr+"\x00"+msg] {
			continue
		}
		seen[f.ptr+"\x00"+msg] = true
		d := doc.Diag(diag.Warning, "kin-validate", f.ptr, msg, validateHint)
		l.diags.Add(d)
	}
}

const validateHint = "reported by kin-openapi's validation; generation does not depend on it"

// finding is one validation error with what its context says about where
// it is.
type finding struct {
	ptr string
	msg string
}

// findings splits kin's (nested) multi-error into single findings, keeping
// the context kin's wrappers put in front of each message, and derives a
// JSON pointer from the wrappers that name a place: the section, the
// component, the path, the operation, the parameter. Only kin's own
// MultiError is split: its oneOf/allOf aggregates are one finding each.
func findings(err error, ptr []string, prefix string, root *yaml.Node) []finding {
	if err == nil {
		return nil
	}
	if me, ok := err.(openapi3.MultiError); ok {
		var out []finding
		for _, e := range me {
			out = append(out, findings(e, ptr, prefix, root)...)
		}
		return out
	}
	var tokens []string
	switch e := err.(type) {
	case *openapi3.SectionValidationError:
		tokens = []string{e.Section}
	case *openapi3.ComponentValidationError:
		if bucket, ok := componentBuckets[e.Section]; ok {
			tokens = []string{bucket, e.Name}
		}
	case *openapi3.PathValidationError:
		tokens = []string{e.Path}
	case *openapi3.OperationValidationError:
		tokens = []string{strings.ToLower(e.Method)}
	case *openapi3.ParameterFieldValidationError:
		if i := paramIndex(root, ptr, e.ParameterName); i != "" {
			tokens = []string{"parameters", i, e.Field}
		}
	case *openapi3.WebhookValidationError:
		tokens = []string{e.Name}
	case *openapi3.HeaderFieldValidationError, *openapi3.MediaTypeExampleValidationError,
		*openapi3.MediaTypeEncodingValidationError, *openapi3.ParameterExampleValidationError,
		*openapi3.SchemaCombinatorElementValidationError, *openapi3.TagValidationError:
		// Context whose place cannot be told exactly: the pointer stays
		// at the enclosing element, the message says the rest.
	default:
		return []finding{{ptr: diag.Pointer(ptr...), msg: prefix + err.Error()}}
	}
	cause := errors.Unwrap(err)
	if cause == nil {
		return []finding{{ptr: diag.Pointer(ptr...), msg: prefix + err.Error()}}
	}
	// The wrapper's own words are what its message puts before the cause's.
	own, ok := strings.CutSuffix(err.Error(), cause.Error())
	if !ok {
		return []finding{{ptr: diag.Pointer(ptr...), msg: prefix + err.Error()}}
	}
	return findings(cause, append(ptr[:len(ptr):len(ptr)], tokens...), prefix+own, root)
}

// componentBuckets maps kin's component section names to the keys of
// components.
var componentBuckets = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers", "request body": "requestBodies",
	"response": "responses", "security scheme": "securitySchemes", "example": "examples",
	"link": "links", "callback": "callbacks",
}

// paramIndex finds the index of the parameter named name in the
// parameters list of the element at ptr.
func paramIndex(root *yaml.Node, ptr []string, name string) string {
	list := mapGet(lookup(root, diag.Pointer(ptr...)), "parameters")
	if list == nil || list.Kind != yaml.SequenceNode {
		return ""
	}
	for i, p := range list.Content {
		if scalarValue(mapGet(resolve(p), "name")) == name {
			return fmt.Sprint(i)
		}
	}
	return ""
}

// trimDump shortens kin's schema errors to one line: they end with an
// indented dump of the whole schema and value, which would make a
// diagnostic line hundreds of characters long. A short value is kept, as
// it is what the example got wrong.
func trimDump(msg string) string {
	head, rest, found := strings.Cut(msg, "\nSchema:\n")
	if !found {
		return strings.TrimSpace(msg)
	}
	if _, value, ok := strings.Cut(rest, "\nValue:\n"); ok {
		value = strings.Join(strings.Fields(value), " ")
		if value != "" && len(value) <= 60 {
			head += " (value: " + value + ")"
		}
	}
	return strings.TrimSpace(head)
}
