package verify

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// otherRequestFailures are the public descriptions whose requests fail
// validation for reasons that are not what TestVerifyPublicDescriptions
// checks: their failures are checked for wireRule only.
var otherRequestFailures = map[string]struct{ invalid, uncalled int }{
	// Query parameters of format date are sent as date-times.
	"apisguru-asana.com.json": {invalid: 2},
	// Its examples leave out required members and parameters, and one
	// operation's upload body is not typed.
	"apisguru-spotify.com.json": {invalid: 3, uncalled: 1},
}

// wireRule matches a request failure about credentials, the version
// header or a form body's encoding.
var wireRule = regexp.MustCompile(`(?i)authorization|api key|security|credential|intercom-version|content-type|\bform\b|urlencoded`)

// TestVerifyPublicDescriptions: on the public descriptions of other APIs
// (those under 600 KB: GitHub's and DigitalOcean's take minutes), every
// operation is called and every request is valid: the credentials of its
// security (Slack's OAuth 2.0 per operation, Spotify's scopes, Asana's
// alternatives), its form body (Slack's and USPTO's), and no
// Intercom-Version. How the examples decode is another matter (a few
// contradict their own schemas) and not checked here.
func TestVerifyPublicDescriptions(t *testing.T) {
	needGo(t)
	for _, path := range golden.PublicDescriptions(t) {
		if st, err := os.Stat(path); err != nil || st.Size() > 600<<10 {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			doc, _, err := loader.Load(path, loader.Options{})
			if err != nil {
				t.Skipf("does not load: %.300v", err)
			}
			rep, err := Run(t.Context(), doc, generate(t, doc), Options{})
			if err != nil {
				t.Fatal(err)
			}
			other := otherRequestFailures[filepath.Base(path)]
			if rep.OperationsCalled+other.uncalled != rep.Operations || other.invalid == 0 && rep.RequestsValid+len(rep.InvalidExamples) != rep.Requests {
				t.Errorf("operations called %d of %d, requests valid %d of %d", rep.OperationsCalled, rep.Operations, rep.RequestsValid, rep.Requests)
			}
			for _, f := range append(rep.Failures, rep.Excepted...) {
				if f.Check == "request" && (other.invalid == 0 || wireRule.MatchString(f.Detail)) {
					t.Errorf("%s", f)
				}
			}
		})
	}
}
