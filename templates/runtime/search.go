package runtime

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Limits of Intercom's search queries, checked before a query is sent.
const (
	// MaxSearchNesting is how deep AND/OR groups may nest: a group may
	// hold groups, which may only hold filters.
	MaxSearchNesting = 2
	// MaxSearchGroupSize is the most filters or groups one AND/OR group
	// may hold.
	MaxSearchGroupSize = 15
)

// SearchOperator compares a field with a value in a search filter.
type SearchOperator string

// The operators of search filters. Which ones a field accepts depends on
// its type: date fields take only SearchEquals, SearchLessThan and
// SearchGreaterThan, with Unix timestamps.
const (
	SearchEquals         SearchOperator = "="
	SearchNotEquals      SearchOperator = "!="
	SearchIn             SearchOperator = "IN"
	SearchNotIn          SearchOperator = "NIN"
	SearchLessThan       SearchOperator = "<"
	SearchLessOrEqual    SearchOperator = "<="
	SearchGreaterThan    SearchOperator = ">"
	SearchGreaterOrEqual SearchOperator = ">="
	SearchContains       SearchOperator = "~"
	SearchNotContains    SearchOperator = "!~"
	SearchStartsWith     SearchOperator = "^"
	SearchEndsWith       SearchOperator = "$"
)

// SearchField names the attribute a search filter tests, e.g. "email" or
// "source.author.email". The constants below are the commonly used fields
// of contacts, conversations and tickets; any other field Intercom
// documents works as SearchField("name").
type SearchField string

// Contact search fields.
const (
	ContactFieldID              SearchField = "id"
	ContactFieldRole            SearchField = "role"
	ContactFieldName            SearchField = "name"
	ContactFieldEmail           SearchField = "email"
	ContactFieldEmailDomain     SearchField = "email_domain"
	ContactFieldPhone           SearchField = "phone"
	ContactFieldExternalID      SearchField = "external_id"
	ContactFieldOwnerID         SearchField = "owner_id"
	ContactFieldCreatedAt       SearchField = "created_at"
	ContactFieldUpdatedAt       SearchField = "updated_at"
	ContactFieldSignedUpAt      SearchField = "signed_up_at"
	ContactFieldLastSeenAt      SearchField = "last_seen_at"
	ContactFieldLastContactedAt SearchField = "last_contacted_at"
	ContactFieldLastRepliedAt   SearchField = "last_replied_at"
	ContactFieldTagID           SearchField = "tag_id"
	ContactFieldSegmentID       SearchField = "segment_id"
	ContactFieldCountry         SearchField = "location.country"
	ContactFieldCity            SearchField = "location.city"
	ContactFieldUnsubscribed    SearchField = "unsubscribed_from_emails"
)

// Conversation search fields.
const (
	ConversationFieldID                SearchField = "id"
	ConversationFieldCreatedAt         SearchField = "created_at"
	ConversationFieldUpdatedAt         SearchField = "updated_at"
	ConversationFieldState             SearchField = "state"
	ConversationFieldOpen              SearchField = "open"
	ConversationFieldRead              SearchField = "read"
	ConversationFieldPriority          SearchField = "priority"
	ConversationFieldAdminAssigneeID   SearchField = "admin_assignee_id"
	ConversationFieldTeamAssigneeID    SearchField = "team_assignee_id"
	ConversationFieldContactIDs        SearchField = "contact_ids"
	ConversationFieldTagIDs            SearchField = "tag_ids"
	ConversationFieldSourceType        SearchField = "source.type"
	ConversationFieldSourceAuthorEmail SearchField = "source.author.email"
	ConversationFieldSourceBody        SearchField = "source.body"
	ConversationFieldWaitingSince      SearchField = "waiting_since"
	ConversationFieldSnoozedUntil      SearchField = "snoozed_until"
)

// Ticket search fields.
const (
	TicketFieldID              SearchField = "id"
	TicketFieldCreatedAt       SearchField = "created_at"
	TicketFieldUpdatedAt       SearchField = "updated_at"
	TicketFieldTitle           SearchField = "title"
	TicketFieldDescription     SearchField = "description"
	TicketFieldCategory        SearchField = "category"
	TicketFieldTicketTypeID    SearchField = "ticket_type_id"
	TicketFieldContactIDs      SearchField = "contact_ids"
	TicketFieldState           SearchField = "state"
	TicketFieldOpen            SearchField = "open"
	TicketFieldAdminAssigneeID SearchField = "admin_assignee_id"
	TicketFieldTeamAssigneeID  SearchField = "team_assignee_id"
	TicketFieldSnoozedUntil    SearchField = "snoozed_until"
)

// CustomAttributeField is the search field of a custom attribute.
func CustomAttributeField(name string) SearchField {
	return SearchField("custom_attributes." + name)
}

// SearchQuery is a search query: one filter (SearchFilter) or an AND/OR
// group of queries (SearchAnd, SearchOr). Build it with those functions
// and set it on a search request with its SetQuery method, which checks
// it first:
//
//	q := intercom.SearchAnd(
//		intercom.SearchFilter(intercom.ContactFieldRole, intercom.SearchEquals, "user"),
//		intercom.SearchOr(
//			intercom.SearchFilter(intercom.ContactFieldEmailDomain, intercom.SearchEquals, "example.com"),
//			intercom.SearchFilter(intercom.ContactFieldCreatedAt, intercom.SearchGreaterThan, time.Now().AddDate(0, -1, 0)),
//		),
//	)
//	req := &intercom.SearchRequest{}
//	if err := req.SetQuery(q); err != nil { … }
type SearchQuery struct {
	field    SearchField
	operator SearchOperator
	value    any
	// group is "AND" or "OR" for a group, "" for a filter.
	group    string
	children []SearchQuery
}

// SearchFilter compares a field with a value. The value is a string, a
// number, a bool, nil, a time.Time or UnixTime (sent as Unix seconds), or
// for SearchIn and SearchNotIn a slice of strings or numbers.
func SearchFilter(field SearchField, op SearchOperator, value any) SearchQuery {
	return SearchQuery{field: field, operator: op, value: value}
}

// SearchAnd matches what every query matches.
func SearchAnd(queries ...SearchQuery) SearchQuery {
	return SearchQuery{group: "AND", children: queries}
}

// SearchOr matches what any of the queries matches.
func SearchOr(queries ...SearchQuery) SearchQuery {
	return SearchQuery{group: "OR", children: queries}
}

// Validate checks the query against Intercom's documented rules: known
// operators, values that suit them, at most MaxSearchNesting levels of
// groups and at most MaxSearchGroupSize members per group.
func (q SearchQuery) Validate() error {
	return q.validate("query", 0)
}

func (q SearchQuery) validate(at string, depth int) error {
	if q.group == "" {
		return q.validateFilter(at)
	}
	depth++
	switch {
	case depth > MaxSearchNesting:
		return fmt.Errorf("intercom: search %s: groups nest %d levels deep; Intercom allows %d", at, depth, MaxSearchNesting)
	case len(q.children) == 0:
		return fmt.Errorf("intercom: search %s: empty %s group", at, q.group)
	case len(q.children) > MaxSearchGroupSize:
		return fmt.Errorf("intercom: search %s: %s group of %d; Intercom allows %d", at, q.group, len(q.children), MaxSearchGroupSize)
	}
	for i, c := range q.children {
		if err := c.validate(at+"."+q.group+"["+strconv.Itoa(i)+"]", depth); err != nil {
			return err
		}
	}
	return nil
}

func (q SearchQuery) validateFilter(at string) error {
	if q.field == "" {
		return fmt.Errorf("intercom: search %s: filter without a field", at)
	}
	at += " (" + string(q.field) + ")"
	kind := searchValueKind(q.value)
	var ok bool
	switch q.operator {
	case SearchEquals, SearchNotEquals:
		ok = kind == "string" || kind == "number" || kind == "bool" || kind == "null"
	case SearchIn, SearchNotIn:
		ok = kind == "list"
	case SearchLessThan, SearchLessOrEqual, SearchGreaterThan, SearchGreaterOrEqual:
		ok = kind == "number" || kind == "string"
	case SearchContains, SearchNotContains, SearchStartsWith, SearchEndsWith:
		ok = kind == "string"
	default:
		return fmt.Errorf("intercom: search %s: unknown operator %q", at, q.operator)
	}
	if !ok {
		return fmt.Errorf("intercom: search %s: operator %s does not take a %s value (%T)", at, q.operator, kind, q.value)
	}
	if searchDate(q.field, q.value) && q.operator != SearchEquals && q.operator != SearchLessThan && q.operator != SearchGreaterThan {
		return fmt.Errorf("intercom: search %s: a date takes only =, < and >, not %s", at, q.operator)
	}
	return nil
}

// searchDate reports whether a filter compares dates: its value is a time,
// or its field is one of Intercom's timestamps (created_at, last_seen_at,
// statistics.last_contacted_at, …, all named *_at). Custom attributes are
// not judged by name.
func searchDate(field SearchField, value any) bool {
	switch value.(type) {
	case time.Time, UnixTime:
		return true
	}
	f := string(field)
	return !strings.HasPrefix(f, "custom_attributes.") && strings.HasSuffix(f, "_at")
}

// searchValueKind classifies a filter value: string, number, bool, null,
// list (of strings and numbers) or invalid.
func searchValueKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "bool"
	case time.Time, UnixTime:
		return "number"
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Slice, reflect.Array:
		if rv.Len() == 0 {
			return "empty list"
		}
		for i := range rv.Len() {
			if k := searchValueKind(rv.Index(i).Interface()); k != "string" && k != "number" {
				return "list of " + k
			}
		}
		return "list"
	}
	return "invalid"
}

// MarshalJSON writes the query in Intercom's search syntax, after
// validating it.
func (q SearchQuery) MarshalJSON() ([]byte, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return q.appendJSON(nil), nil
}

func (q SearchQuery) appendJSON(b []byte) []byte {
	if q.group != "" {
		b = append(b, `{"operator":`...)
		b = appendJSONString(b, q.group)
		b = append(b, `,"value":[`...)
		for i, c := range q.children {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.appendJSON(b)
		}
		return append(b, "]}"...)
	}
	b = append(b, `{"field":`...)
	b = appendJSONString(b, string(q.field))
	b = append(b, `,"operator":`...)
	b = appendJSONString(b, string(q.operator))
	b = append(b, `,"value":`...)
	return append(appendSearchValue(b, q.value), '}')
}

func appendSearchValue(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case time.Time:
		return strconv.AppendInt(b, x.Unix(), 10)
	case UnixTime:
		return strconv.AppendInt(b, int64(x), 10)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return appendJSONString(b, rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.AppendFloat(b, rv.Float(), 'g', -1, 64)
	case reflect.Slice, reflect.Array:
		b = append(b, '[')
		for i := range rv.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendSearchValue(b, rv.Index(i).Interface())
		}
		return append(b, ']')
	}
	return append(b, "null"...)
}

// String returns the query as JSON, or the reason it is invalid.
func (q SearchQuery) String() string {
	b, err := q.MarshalJSON()
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// errNoSearchTarget is a generator bug: SetQuery was given nowhere to write.
var errNoSearchTarget = errors.New("intercom: SetQuery: no query field")

// setSearchQuery validates q and decodes it into dst, a pointer to the
// generated query type of a search request (a union of one filter and a
// group), so the request sends exactly the query built.
func setSearchQuery(dst any, q SearchQuery) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errNoSearchTarget
	}
	data, err := q.MarshalJSON()
	if err != nil {
		return err
	}
	target := rv.Elem()
	target.SetZero()
	if err := decodeResponse(data, target); err != nil {
		return fmt.Errorf("intercom: SetQuery: %w", err)
	}
	return nil
}
