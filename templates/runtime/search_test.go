package runtime

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSearchQueryJSON(t *testing.T) {
	q := SearchAnd(
		SearchFilter(ContactFieldRole, SearchEquals, "user"),
		SearchOr(
			SearchFilter(ContactFieldEmailDomain, SearchEndsWith, "example.com"),
			SearchFilter(ContactFieldCreatedAt, SearchGreaterThan, time.Unix(1700000000, 0)),
			SearchFilter(ContactFieldTagID, SearchIn, []any{"12", 13}),
			SearchFilter(CustomAttributeField("paid"), SearchEquals, true),
			SearchFilter(ContactFieldPhone, SearchEquals, nil),
		),
	)
	got, err := q.MarshalJSON()
	if err != nil || !json.Valid(got) {
		t.Fatal(err)
	}
	want := `{"operator":"AND","value":[{"field":"role","operator":"=","value":"user"},{"operator":"OR","value":[` +
		`{"field":"email_domain","operator":"$","value":"example.com"},{"field":"created_at","operator":">","value":1700000000},` +
		`{"field":"tag_id","operator":"IN","value":["12",13]},{"field":"custom_attributes.paid","operator":"=","value":true},` +
		`{"field":"phone","operator":"=","value":null}]}]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if q.String() != want {
		t.Errorf("String() = %s", q.String())
	}
}

func TestSearchQueryLimits(t *testing.T) {
	f := SearchFilter(ContactFieldRole, SearchEquals, "user")
	many := func(n int) []SearchQuery {
		out := make([]SearchQuery, n)
		for i := range out {
			out[i] = f
		}
		return out
	}
	for name, c := range map[string]struct {
		q   SearchQuery
		bad string
	}{
		"one filter":           {q: f},
		"two levels":           {q: SearchAnd(SearchOr(f, f), SearchOr(f, f))},
		"three levels":         {q: SearchAnd(SearchOr(SearchAnd(f))), bad: "nest 3 levels"},
		"15 filters":           {q: SearchOr(many(15)...)},
		"16 filters":           {q: SearchOr(many(16)...), bad: "OR group of 16"},
		"16 in a nested group": {q: SearchAnd(f, SearchOr(many(16)...)), bad: "query.AND[1]: OR group of 16"},
		"empty group":          {q: SearchAnd(), bad: "empty AND group"},
		"no field":             {q: SearchFilter("", SearchEquals, "x"), bad: "without a field"},
		"unknown operator":     {q: SearchFilter("email", "==", "x"), bad: `unknown operator "=="`},
		"IN needs a list":      {q: SearchFilter("tag_id", SearchIn, "12"), bad: "does not take a string"},
		"empty IN":             {q: SearchFilter("tag_id", SearchIn, []string{}), bad: "empty list"},
		"contains a number":    {q: SearchFilter("name", SearchContains, 3), bad: "does not take a number"},
		"list of bools":        {q: SearchFilter("x", SearchNotIn, []bool{true}), bad: "list of bool"},
		"greater than bool":    {q: SearchFilter("x", SearchGreaterThan, true), bad: "does not take a bool"},
		"struct value":         {q: SearchFilter("x", SearchEquals, struct{}{}), bad: "invalid"},
		"date before":          {q: SearchFilter(ContactFieldCreatedAt, SearchLessThan, 1700000000)},
		"date at least":        {q: SearchFilter(ContactFieldCreatedAt, SearchGreaterOrEqual, 1700000000), bad: "a date takes only =, < and >, not >="},
		"time not equal":       {q: SearchFilter("custom_attributes.renewed", SearchNotEquals, time.Unix(0, 0)), bad: "not !="},
		"custom _at by name":   {q: SearchFilter(CustomAttributeField("seen_at"), SearchLessOrEqual, 3)},
	} {
		err := c.q.Validate()
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case c.bad != "" && (err == nil || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%s: err %v, want %q", name, err, c.bad)
		}
		if _, merr := json.Marshal(c.q); (merr == nil) != (err == nil) {
			t.Errorf("%s: MarshalJSON and Validate disagree: %v vs %v", name, merr, err)
		}
	}
}

func TestSetSearchQuery(t *testing.T) {
	var dst map[string]any
	if err := setSearchQuery(&dst, SearchFilter("open", SearchEquals, true)); err != nil {
		t.Fatal(err)
	}
	if dst["field"] != "open" || dst["value"] != true {
		t.Errorf("%v", dst)
	}
	if err := setSearchQuery(&dst, SearchAnd()); err == nil {
		t.Error("an invalid query was set")
	}
	if err := setSearchQuery(nil, SearchAnd()); err != errNoSearchTarget {
		t.Errorf("nil target: %v", err)
	}
}
