package runtime

import (
	"crypto/rand"
	"crypto/subtle"
)

// NewOAuthState returns a random value for the state parameter of an
// authorization page's URL (at least 128 bits from crypto/rand), which
// protects the redirect back to the app from cross-site request forgery.
func NewOAuthState() string {
	return rand.Text()
}

// CheckOAuthState reports whether the state the redirect back to the app
// carries is the one the app issued, in constant time. An empty want never matches, so a
// lost session cannot be mistaken for a valid one.
func CheckOAuthState(got, want string) bool {
	if want == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
