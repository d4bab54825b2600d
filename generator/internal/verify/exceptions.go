package verify

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/specs"
)

// Exception is a check known to fail because of the description itself.
type Exception struct {
	Versions  []string `yaml:"versions"`
	Operation string   `yaml:"operation"`
	Check     string   `yaml:"check"`
	Example   string   `yaml:"example"`
	Reason    string   `yaml:"reason"`
}

// Checks a failure or an exception can name.
var Checks = []string{"decode", "lossless", "request", "call", "typed"}

// Exceptions is the parsed verify-exceptions.yaml.
type Exceptions struct {
	List []Exception `yaml:"exceptions"`
}

// DefaultExceptions reads the list embedded from specs/.
func DefaultExceptions() (*Exceptions, error) {
	b, err := fs.ReadFile(specs.FS, "verify-exceptions.yaml")
	if err != nil {
		return nil, err
	}
	return ParseExceptions(b)
}

// ParseExceptions parses an exceptions file; every entry needs versions,
// an operation, a known check and a reason.
func ParseExceptions(data []byte) (*Exceptions, error) {
	var ex Exceptions
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&ex); err != nil {
		return nil, fmt.Errorf("verify-exceptions.yaml: %w", err)
	}
	for i, e := range ex.List {
		switch {
		case len(e.Versions) == 0:
			return nil, fmt.Errorf("verify-exceptions.yaml: entry %d: list the versions it applies to (\"*\" for all)", i+1)
		case e.Operation == "":
			return nil, fmt.Errorf("verify-exceptions.yaml: entry %d: name the operation", i+1)
		case !slices.Contains(Checks, e.Check):
			return nil, fmt.Errorf("verify-exceptions.yaml: entry %d: check %q is not one of %s", i+1, e.Check, strings.Join(Checks, ", "))
		case strings.TrimSpace(e.Reason) == "":
			return nil, fmt.Errorf("verify-exceptions.yaml: entry %d: say why it cannot pass", i+1)
		}
	}
	return &ex, nil
}

// match returns the exception covering f, if any.
func (ex *Exceptions) match(version string, f Failure) *Exception {
	if ex == nil {
		return nil
	}
	for i := range ex.List {
		e := &ex.List[i]
		if e.Operation != f.Operation || e.Check != f.Check {
			continue
		}
		if e.Example != "" && e.Example != f.Example {
			continue
		}
		if slices.Contains(e.Versions, "*") || slices.ContainsFunc(e.Versions, func(v string) bool { return strings.EqualFold(v, version) }) {
			return e
		}
	}
	return nil
}
