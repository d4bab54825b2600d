package runtime

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// nextLink returns the target of the first link of h's Link header fields
// (RFC 8288) whose relation types include "next", as written; "" when no
// link is the next page. A field that does not parse is an error: a page
// whose next link cannot be read must not pass for the last one.
func nextLink(h http.Header) (string, error) {
	var next string
	for _, field := range h.Values("Link") {
		err := parseLinks(field, func(target, rel string, anchored bool) {
			// A link with an anchor is about another resource than
			// this page.
			if next == "" && !anchored && hasRelation(rel, "next") {
				next = target
			}
		})
		if err != nil {
			return "", fmt.Errorf("the Link header %q: %w", shorten(field), err)
		}
	}
	return next, nil
}

// hasRelation reports whether a rel parameter (relation types separated
// by spaces, compared without case) holds want.
func hasRelation(rel, want string) bool {
	for _, r := range strings.Fields(rel) {
		if strings.EqualFold(r, want) {
			return true
		}
	}
	return false
}

// parseLinks reads one Link field value:
//
//	Link       = #link-value
//	link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
//	link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
//
// and calls fn for each link with its target, its first rel parameter and
// whether it has an anchor. Empty list elements are allowed, as in every
// comma-separated header.
func parseLinks(s string, fn func(target, rel string, anchored bool)) error {
	i := 0
	for {
		i = skipSpace(s, i)
		for i < len(s) && s[i] == ',' {
			i = skipSpace(s, i+1)
		}
		if i == len(s) {
			return nil
		}
		if s[i] != '<' {
			return fmt.Errorf("a link starts with %q, not '<'", s[i])
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return errors.New("a link target has no closing '>'")
		}
		target := s[i+1 : i+end]
		i += end + 1
		var rel string
		relSeen, anchored := false, false
		for {
			i = skipSpace(s, i)
			if i == len(s) || s[i] == ',' {
				break
			}
			if s[i] != ';' {
				return fmt.Errorf("%q after a link, where ';' or ',' belongs", s[i])
			}
			i = skipSpace(s, i+1)
			name, j := readToken(s, i)
			if name == "" {
				return errors.New("a link parameter has no name")
			}
			i = skipSpace(s, j)
			var value string
			if i < len(s) && s[i] == '=' {
				var err error
				if value, i, err = readParamValue(s, skipSpace(s, i+1)); err != nil {
					return fmt.Errorf("parameter %s: %w", name, err)
				}
			}
			switch strings.ToLower(name) {
			case "rel":
				// Only the first rel counts (RFC 8288, 3.3).
				if !relSeen {
					rel, relSeen = value, true
				}
			case "anchor":
				anchored = true
			}
		}
		fn(target, rel, anchored)
	}
}

// readParamValue reads a token or a quoted-string at s[i:].
func readParamValue(s string, i int) (string, int, error) {
	if i < len(s) && s[i] == '"' {
		var b strings.Builder
		for i++; i < len(s); i++ {
			switch c := s[i]; c {
			case '"':
				return b.String(), i + 1, nil
			case '\\':
				if i+1 == len(s) {
					return "", i, errors.New("a quoted value ends in '\\'")
				}
				i++
				b.WriteByte(s[i])
			default:
				b.WriteByte(c)
			}
		}
		return "", i, errors.New("a quoted value has no closing '\"'")
	}
	value, j := readToken(s, i)
	if value == "" {
		return "", i, errors.New("no value after '='")
	}
	return value, j, nil
}

// readToken reads an HTTP token (RFC 9110's tchar run) at s[i:].
func readToken(s string, i int) (string, int) {
	j := i
	for j < len(s) && isTokenChar(s[j]) {
		j++
	}
	return s[i:j], j
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// shorten keeps an error message about a header readable.
func shorten(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// followLink resolves a next link against the URL of the page that gave
// it and checks that it may be followed: the same scheme and host as the
// client's base URL, since the request carries the client's credentials,
// and no user information. The result has no fragment.
func followLink(target, current string, base *url.URL) (*url.URL, error) {
	ref, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("the next link %q: %w", shorten(target), err)
	}
	cur, err := url.Parse(current)
	if err != nil {
		return nil, fmt.Errorf("the page's URL %q: %w", shorten(current), err)
	}
	u := cur.ResolveReference(ref)
	u.Fragment, u.RawFragment = "", ""
	switch {
	case u.User != nil:
		return nil, fmt.Errorf("the next link %q carries user information; it is not followed", shorten(target))
	case !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host):
		return nil, fmt.Errorf("the next link %q leads to %s://%s, not to the client's %s://%s; it is not followed, so that the credentials stay there",
			shorten(target), u.Scheme, u.Host, base.Scheme, base.Host)
	}
	return u, nil
}

// linkKey is what makes two page URLs the same page for cycle
// detection: the query's parameters in sorted order.
func linkKey(u *url.URL) string {
	k := *u
	k.RawQuery = k.Query().Encode()
	k.Scheme, k.Host = strings.ToLower(k.Scheme), strings.ToLower(k.Host)
	return k.String()
}

// withQuery sets the parameters of q in the URL s, replacing those of the
// same name and keeping the others' values (the query is encoded again,
// in sorted order).
func withQuery(s string, q url.Values) string {
	if len(q) == 0 {
		return s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	all := u.Query()
	for k, vs := range q {
		all[k] = vs
	}
	u.RawQuery = all.Encode()
	return u.String()
}
