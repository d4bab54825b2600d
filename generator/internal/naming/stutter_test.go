package naming

import (
	"strings"
	"testing"
)

func TestUnstutter(t *testing.T) {
	tests := []struct {
		service, name string
		want          string // "" when the whole name stays
	}{
		// The service's words in front go.
		{"repos", "repos/get", "Get"},
		{"repos", "repos/list-for-org", "ListForOrg"},
		{"chat", "chat.postMessage", "PostMessage"},
		{"Droplets", "droplets_list", "List"},
		{"Jobs", "jobsStatus", "Status"},
		{"Data Events", "dataEventSummaries", "Summaries"},
		{"Data Events", "data_events_list", "List"},
		{"Company", "companies_list", "List"},
		{"Companies", "CompanyGet", "Get"},
		{"Boxes", "box.open", "Open"},
		{"Box", "boxes.open", "Open"},
		{"Activities", "activity_feed_get", "FeedGet"},
		{"REPOS", "ReposGet", "Get"},
		{"pulls", "pulls/get-review-id", "GetReviewID"},
		// Elsewhere than in front, the words stay: they are the
		// operation's own sentence.
		{"Contacts", "listContacts", ""},
		{"Contacts", "ShowContactByExternalId", ""},
		{"Tags", "listTags", ""},
		// Only the last word of the service may change its number.
		{"Data Events", "datumEventsList", ""},
		{"Data Events", "dataEventList", "List"},
		// A word that only starts like the service is another word.
		{"Rep", "repos/get", ""},
		{"repo", "repository_get", ""},
		{"ai", "aisle_get", ""},
		// Nothing left, or nothing that is an exported identifier.
		{"repos", "repos", ""},
		{"repos", "Repos!", ""},
		{"repos", "repos/2fa", ""},
		{"v2", "v2s/list", ""},
		{"", "get", ""},
		{"repos", "", ""},
		// Numbers keep their underscore, as Pascal writes them.
		{"versions", "versions/2/11", ""},
		{"versions", "versions/get/2/11", "Get2_11"},
	}
	for _, tt := range tests {
		got, ok := Unstutter(tt.service, tt.name)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("Unstutter(%q, %q) = %q, %v; want %q", tt.service, tt.name, got, ok, tt.want)
		}
	}
}

// A long remainder is shortened as every long name is, and stays an
// exported identifier.
func TestUnstutterLong(t *testing.T) {
	name := "repos/" + strings.Repeat("very_long_", 40) + "name"
	got, ok := Unstutter("repos", name)
	if !ok || len(got) > MaxTypeName || !IsIdentifier(got) || !strings.HasPrefix(got, "VeryLong") {
		t.Fatalf("Unstutter(long) = %q, %v", got, ok)
	}
}

func TestSameNoun(t *testing.T) {
	for _, p := range [][2]string{{"repo", "repos"}, {"Box", "boxes"}, {"company", "Companies"}, {"status", "statuses"}, {"x", "X"}} {
		if !sameNoun(p[0], p[1]) || !sameNoun(p[1], p[0]) {
			t.Errorf("sameNoun(%q, %q) = false", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"repo", "report"}, {"y", "ies"}, {"", "s"}, {"2", "2s"}, {"ai", "aisle"}} {
		if sameNoun(p[0], p[1]) || sameNoun(p[1], p[0]) {
			t.Errorf("sameNoun(%q, %q) = true", p[0], p[1])
		}
	}
}
