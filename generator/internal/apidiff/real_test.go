package apidiff_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/apidiff"
	"github.com/intercom-gen/intercom-gen/loader"
)

// surveyPair holds the facts spec-survey §4 records for one consecutive
// pair of published versions, as the differ must reproduce them.
//
// Operations added/removed, path-parameter renames, component schemas
// added/removed and requiredness flips are compared exactly. The survey's
// property, type and nullability counts are not: it counted properties of
// component and inline objects only, while the differ also judges
// parameters, whole schemas, array items and union branches (2.10 → 2.11
// drops `nullable` from whole component schemas, which the survey's
// property count does not see). Those facts are asserted by name instead.
type surveyPair struct {
	from, to           string
	opsAdded, opsGone  int
	renames            int
	schemasAdded, gone int
	becameRequired     int // properties, either direction
	becameOptional     int
	// enumGained and enumLost are the survey's "enum props +values/−values":
	// how many enums of component schemas gained values (or became enums)
	// and how many lost some (or stopped being enums); intercom_version,
	// which gains the new version every time, is left out.
	enumGained, enumLost int
	// breakingOnlyEnums: every breaking change concerns an enum value.
	breakingOnlyEnums bool
	// must lists findings that must be present, as "rule subject".
	must []string
	// mustNot lists rules that must not fire.
	mustNot []string
}

var survey = []surveyPair{
	{from: "2.7", to: "2.8", schemasAdded: 2,
		must: []string{"response-property-added admin.team_priority_level", "schema-added admin_priority_level"}},
	{from: "2.8", to: "2.9", opsAdded: 10, schemasAdded: 19},
	{from: "2.9", to: "2.10", opsAdded: 5, opsGone: 5, schemasAdded: 10, gone: 7, enumGained: 1,
		must: []string{"operation-removed GET /help_center/sections", "operation-added POST /tickets/search", "schema-removed section", "schema-removed ticket_note"}},
	// 2.7–2.11 lack the custom_attributes schema they refer to: the loader
	// adds a stand-in (dangling-schema-ref), which the diff does not count
	// as the description's, so 2.12 defining it is one of the 22 added.
	{from: "2.10", to: "2.11", renames: 52, schemasAdded: 48, gone: 6, becameRequired: 450, enumGained: 22, enumLost: 4,
		must: []string{"response-type-changed admin.avatar", "response-property-became-required admin.job_title"}},
	{from: "2.11", to: "2.12", opsAdded: 11, opsGone: 1, renames: 51, schemasAdded: 22, gone: 45, becameOptional: 457, enumGained: 4, enumLost: 23,
		must: []string{"operation-removed POST /conversations/{conversation_id}/run_assignment_rules", "schema-added custom_attributes",
			"response-type-changed ticket.ticket_state", "response-schema-ref-changed GET /conversations 200"}},
	{from: "2.12", to: "2.13", opsAdded: 15, schemasAdded: 20, gone: 2, enumGained: 1,
		must: []string{"schema-removed datetime", "schema-removed multiple_or_single_filter_search_request"}},
	{from: "2.13", to: "2.14", opsAdded: 17, renames: 65, schemasAdded: 22, enumGained: 2, enumLost: 1,
		must: []string{"request-type-changed create_message_request.to", "request-property-removed update_ticket_request.assignment"}},
	{from: "2.14", to: "2.15", opsAdded: 12, schemasAdded: 12, enumGained: 2, enumLost: 2, breakingOnlyEnums: true,
		must: []string{"response-enum-value-removed ai_agent.resolution_state", "go-const-removed const AIAgentResolutionStateAbandoned",
			"go-const-removed const AIAgentResolutionStateRoutedToTeam"},
		mustNot: []string{"operation-removed", "schema-removed", "response-property-removed", "response-type-changed", "request-type-changed"}},
	{from: "2.15", to: "2.16", opsAdded: 69, schemasAdded: 96, enumGained: 5, enumLost: 4,
		must: []string{
			"response-type-changed contact.owner_id", "go-field-type-changed field Contact.OwnerID",
			"response-type-changed ticket.admin_assignee_id", "go-field-type-changed field Ticket.AdminAssigneeID",
			"response-enum-value-removed conversation.priority", "go-const-removed const ConversationPriorityPriority",
			"go-const-removed const ConversationPriorityNotPriority",
			"response-property-removed article_list_item.parent_id",
			"operation-id-changed GET /custom_object_instances/{custom_object_type_identifier}",
			"response-schema-ref-changed POST /tags 200",
		}},
	{from: "2.16", to: "preview", opsAdded: 27, opsGone: 2, renames: 69, schemasAdded: 49, gone: 2, becameOptional: 1, enumGained: 4, enumLost: 1,
		must: []string{"operation-removed GET /ip_allowlist", "operation-removed PUT /ip_allowlist", "schema-removed update_company_request",
			"request-body-removed PUT /companies/{id}", "response-enum-value-removed activity_log.activity_type"}},
}

func has(r *apidiff.Report, rule, subject string) bool {
	for _, c := range r.Changes {
		if c.Rule == rule && (subject == "" || c.Subject == subject || strings.HasPrefix(c.Subject, subject+" ")) {
			return true
		}
	}
	return false
}

func countSuffix(r *apidiff.Report, suffix string) int {
	n := 0
	for _, c := range r.Changes {
		if strings.HasSuffix(c.Rule, suffix) {
			n++
		}
	}
	return n
}

var httpMethod = regexp.MustCompile(`^[A-Z]+ /`)

// enumSubjects counts the enums of component schemas that gained (or
// lost) values, or became (or stopped being) enums, as the survey does.
func enumSubjects(r *apidiff.Report, suffixes ...string) int {
	seen := map[string]bool{}
	for _, c := range r.Changes {
		for _, suffix := range suffixes {
			if strings.HasSuffix(c.Rule, suffix) && c.Subject != "intercom_version" && !httpMethod.MatchString(c.Subject) {
				seen[c.Subject] = true
			}
		}
	}
	return len(seen)
}

var location = regexp.MustCompile(`api\.intercom\.io\.yaml:\d+$`)

// TestSurveyPairs compares every consecutive pair of published versions
// and checks the facts of spec-survey §4.
func TestSurveyPairs(t *testing.T) {
	openapiDir(t)
	if len(survey) != len(loader.Versions)-1 {
		t.Fatalf("%d survey pairs for %d versions", len(survey), len(loader.Versions))
	}
	for i, p := range survey {
		if p.from != loader.Versions[i] || p.to != loader.Versions[i+1] {
			t.Fatalf("survey pair %d is %s → %s, want consecutive versions", i, p.from, p.to)
		}
		t.Run(p.from+"→"+p.to, func(t *testing.T) {
			r, err := apidiff.Compare(realInput(t, p.from), realInput(t, p.to))
			if err != nil {
				t.Fatal(err)
			}
			t.Log(r.Summary())
			for _, c := range []struct {
				what      string
				got, want int
			}{
				{"operations added", r.CountRule("operation-added"), p.opsAdded},
				{"operations removed", r.CountRule("operation-removed"), p.opsGone},
				{"path-parameter renames", r.CountRule("path-param-renamed"), p.renames},
				{"schemas added", r.CountRule("schema-added"), p.schemasAdded},
				{"schemas removed", r.CountRule("schema-removed"), p.gone},
				{"properties became required", countSuffix(r, "property-became-required"), p.becameRequired},
				{"properties became optional", countSuffix(r, "property-became-optional"), p.becameOptional},
				{"enums that gained values", enumSubjects(r, "enum-value-added", "enum-added"), p.enumGained},
				{"enums that lost values", enumSubjects(r, "enum-value-removed", "enum-removed"), p.enumLost},
			} {
				if c.got != c.want {
					t.Errorf("%s: %d, survey says %d", c.what, c.got, c.want)
				}
			}
			for _, m := range p.must {
				rule, subject, _ := strings.Cut(m, " ")
				if !has(r, rule, subject) {
					t.Errorf("missing finding %s", m)
				}
			}
			for _, rule := range p.mustNot {
				if has(r, rule, "") {
					t.Errorf("unexpected %s", rule)
				}
			}
			for _, c := range r.Changes {
				if p.breakingOnlyEnums && c.Level == apidiff.Breaking &&
					!strings.Contains(c.Rule, "enum") && !strings.HasPrefix(c.Subject, "const ") {
					t.Errorf("breaking change that is not about an enum value: %+v", c)
				}
				if _, ok := apidiff.LookupRule(c.Rule); !ok {
					t.Errorf("change from unregistered rule %q", c.Rule)
				}
				// Every wire change is located in at least one file.
				if c.Layer == apidiff.WireLayer && !location.MatchString(c.From.String()) && !location.MatchString(c.To.String()) {
					t.Errorf("unlocated change %+v", c)
				}
			}
			if p.from == "2.15" {
				// Both sides located: old and new line of contact.owner_id.
				for _, c := range r.Changes {
					if c.Rule == "response-type-changed" && c.Subject == "contact.owner_id" {
						if c.From.Line == 0 || c.To.Line == 0 || c.Message != "type integer → string" {
							t.Errorf("contact.owner_id: %+v", c)
						}
					}
				}
			}
			if worst, _ := r.Worst(); worst != apidiff.Breaking && p.from != "2.7" && p.from != "2.8" {
				t.Errorf("worst level %s, survey marks the pair breaking", worst)
			}
			_ = fmt.Sprint()
		})
	}
}
