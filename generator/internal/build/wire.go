package build

import (
	"strings"
	"unicode/utf8"
)

// Wire names travel into struct tags (`json:"name,omitzero"`,
// `query:"name,form"`), which the runtime splits at the first comma, and
// header names into HTTP requests. A name the tag cannot carry would be
// sent under another name, so such properties and parameters are left out
// with a warning (a property's value stays reachable through ExtraFields).

// taggable reports whether name can be the name part of a struct tag.
func taggable(name string) bool {
	return name != "" && name != "-" && !strings.Contains(name, ",")
}

// headerName reports whether name is an HTTP header field name (RFC 9110
// token), which Go's HTTP client insists on.
func headerName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

const untaggableHint = "rename it in the description: a wire name must be non-empty, not \"-\", and without commas"

// maxOwner bounds the descriptions of where a type comes from ("property
// contact.location.city"), which name the whole path in nested schemas:
// thousands of levels deep, their total length would grow with the square
// of the depth. The end of the path is kept.
const maxOwner = 120

func boundOwner(owner string) string {
	if len(owner) <= maxOwner {
		return owner
	}
	cut := len(owner) - maxOwner
	for cut < len(owner) && !utf8.RuneStart(owner[cut]) {
		cut++
	}
	return "…" + owner[cut:]
}
