package naming

import (
	"fmt"
	"go/token"
	"strings"
)

// DefaultPackage is the package name of a generated client when none is
// given.
const DefaultPackage = "intercom"

// PackageName is the one place a generated package's name is defaulted
// and checked: "" becomes DefaultPackage; anything that would not build
// as an importable library package is refused with the reason.
func PackageName(name string) (string, error) {
	if name == "" {
		return DefaultPackage, nil
	}
	why := ""
	switch {
	case !token.IsIdentifier(name) && !token.IsKeyword(name):
		why = "not a Go identifier (letters, digits and _, not starting with a digit)"
	case token.IsKeyword(name):
		why = "a Go keyword"
	case name == "_":
		why = "the blank identifier"
	case name == "main":
		why = "the name of a command, and a generated client is a library that is imported"
	case predeclared[name]:
		why = "a predeclared Go identifier, which the package's own code needs"
	case strings.HasSuffix(name, "_test"):
		why = "the name of an external test package"
	}
	if why != "" {
		return "", fmt.Errorf("package name %q is %s: choose a short lower-case name such as %q", name, why, DefaultPackage)
	}
	return name, nil
}
