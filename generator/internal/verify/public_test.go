package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// TestVerifyPublicDescriptions: on the public descriptions of other APIs
// (those under 600 KB here; CI verifies GitHub's and DigitalOcean's,
// which take minutes), verify passes: every operation is called, every
// request is valid (the credentials of its security: Slack's OAuth 2.0 per
// operation, Spotify's scopes, Asana's alternatives; its form body: Slack's
// and USPTO's; no Intercom-Version) unless the description's own example
// is refused by its schema, and every answer decodes and re-encodes
// losslessly.
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
				t.Fatal(err)
			}
			rep, err := Run(t.Context(), doc, generate(t, doc), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			rep.Print(&out, true)
			switch {
			case !rep.OK() || len(rep.Excepted) > 0:
				t.Errorf("failures:\n%s", out.String())
			case rep.OperationsCalled != rep.Operations:
				t.Errorf("operations called %d of %d", rep.OperationsCalled, rep.Operations)
			case rep.RequestsValid+len(rep.InvalidExamples) < rep.Requests:
				t.Errorf("requests valid %d of %d, with %d examples of the description refused:\n%s",
					rep.RequestsValid, rep.Requests, len(rep.InvalidExamples), out.String())
			case rep.Lossless != rep.Decoded:
				t.Errorf("lossless %d of %d decoded", rep.Lossless, rep.Decoded)
			}
		})
	}
}
