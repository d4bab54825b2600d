package runtime

import (
	"fmt"
	"slices"
	"strings"
)

// serverTemplate is the API's server when its URL has variables
// ("https://{region}.example.com"): the template and each variable's
// value, its default unless an option chose another.
type serverTemplate struct {
	url  string
	vars []serverVariable
}

// serverVariable is one variable of a server template; enum, when the
// description lists values, holds the ones it may take.
type serverVariable struct {
	name, value string
	enum        []string
}

// baseURL is the template with every variable replaced by its value; a
// value outside the variable's enum is an error, caught before anything
// is sent.
func (s *serverTemplate) baseURL() (string, error) {
	u := s.url
	for _, v := range s.vars {
		if len(v.enum) > 0 && !slices.Contains(v.enum, v.value) {
			return "", fmt.Errorf("server variable %s: %q is not one of %s", v.name, v.value, strings.Join(v.enum, ", "))
		}
		u = strings.ReplaceAll(u, "{"+v.name+"}", v.value)
	}
	return strings.TrimRight(u, "/"), nil
}
