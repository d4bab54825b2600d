package naming

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unstutter names a method of a service without the service's name in
// front: the operation "repos/get" of the service "repos" is Get, not
// ReposGet, since callers write client.Repos.Get.
//
// The rule works on words (see Words), compared without regard to case:
// name loses its first words when they are the words of service, the last
// of which may stand in name in its other number ("DataEvents" drops
// "dataEvent" as well as "dataEvents"; "Company" drops "companies").
// Only a leading run is dropped: "listContacts" in "Contacts" keeps its
// words, which read as the operation's own sentence. The rest is joined as
// Pascal joins words, shortened like Bounded.
//
// ok is false, and the caller keeps the whole name, when name does not
// start with the service's words, when nothing is left, or when what is
// left is not an exported identifier (it would start with a digit:
// "repos/2fa"). Whether the short name is free in its service is the
// caller's to decide.
func Unstutter(service, name string) (short string, ok bool) {
	svc, words := Words(service), Words(name)
	if len(svc) == 0 || len(words) <= len(svc) {
		return "", false
	}
	last := len(svc) - 1
	for i, w := range svc[:last] {
		if !strings.EqualFold(w, words[i]) {
			return "", false
		}
	}
	if !sameNoun(svc[last], words[last]) {
		return "", false
	}
	short = Bounded(join(words[len(svc):], true))
	r, _ := utf8.DecodeRuneInString(short)
	if !unicode.IsUpper(r) || !IsIdentifier(short) {
		return "", false
	}
	return short, true
}

// sameNoun reports whether a and b are one word, or the singular and
// plural of one noun as English regularly forms it: +s, +es, y → ies.
func sameNoun(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case a == b:
		return true
	case a == "" || !isLetters(a):
		// A number or a letter-less word has no plural: "v2" is not
		// "v2s".
		return false
	case b == a+"s", b == a+"es":
		return true
	}
	stem, ok := strings.CutSuffix(a, "y")
	return ok && stem != "" && b == stem+"ies"
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
