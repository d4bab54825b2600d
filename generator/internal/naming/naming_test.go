package naming

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"custom_attributes", []string{"custom", "attributes"}},
		{"listDataAttributes", []string{"list", "Data", "Attributes"}},
		{"ShowContactByExternalId", []string{"Show", "Contact", "By", "External", "Id"}},
		{"HTTPServer", []string{"HTTP", "Server"}},
		{"RetrieveWhatsAppMessageStatus", []string{"Retrieve", "Whats", "App", "Message", "Status"}},
		{"pt-BR", []string{"pt", "BR"}},
		{"Subscription Types", []string{"Subscription", "Types"}},
		{"3rd_party_error", []string{"3rd", "party", "error"}},
		{"2.11", []string{"2", "11"}},
		{"!=", []string{"Not", "Equal"}},
		{"$", []string{"Dollar"}},
		{"tag.list", []string{"tag", "list"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPascalCamel(t *testing.T) {
	tests := []struct{ in, pascal, camel string }{
		{"contact_id", "ContactID", "contactID"},
		{"id", "ID", "id"},
		{"ai_agent", "AIAgent", "aiAgent"},
		{"listDataAttributes", "ListDataAttributes", "listDataAttributes"},
		{"ShowContactByExternalId", "ShowContactByExternalID", "showContactByExternalID"},
		{"Back-office", "BackOffice", "backOffice"},
		{"in progress", "InProgress", "inProgress"},
		{"IN", "IN", "iN"},
		{"2.11", "2_11", "2_11"},
		{"1.0", "1_0", "1_0"},
		{"zh-TW", "ZhTW", "zhTW"},
		{"url_prefix", "URLPrefix", "urlPrefix"},
		{"!~", "NotTilde", "notTilde"},
		{"<=", "LessEqual", "lessEqual"},
		{"ids", "IDs", "ids"},
	}
	for _, tt := range tests {
		if got := Pascal(tt.in); got != tt.pascal {
			t.Errorf("Pascal(%q) = %q, want %q", tt.in, got, tt.pascal)
		}
		if got := Camel(tt.in); got != tt.camel {
			t.Errorf("Camel(%q) = %q, want %q", tt.in, got, tt.camel)
		}
	}
}

func TestExported(t *testing.T) {
	tests := []struct{ in, fallback, want string }{
		{"3rd_party_error", "V", "X3rdPartyError"},
		{"", "Empty", "Empty"},
		{"___", "Empty", "UnderscoreUnderscoreUnderscore"},
		{"日本", "V", "X日本"},
		{"ticket_type", "V", "TicketType"},
	}
	for _, tt := range tests {
		got := Exported(tt.in, tt.fallback)
		if got != tt.want {
			t.Errorf("Exported(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !IsIdentifier(got) {
			t.Errorf("Exported(%q) = %q is not an identifier", tt.in, got)
		}
	}
}

func TestLocal(t *testing.T) {
	taken := map[string]bool{"ctx": true, "body": true, "bodyParam": true}
	tests := []struct{ in, want string }{
		{"contact_id", "contactID"},
		{"type", "typeParam"},
		{"ctx", "ctxParam"},
		{"body", "bodyParam2"},
		{"1st", "v1st"},
		{"string", "stringParam"},
	}
	for _, tt := range tests {
		if got := Local(tt.in, "Param", func(n string) bool { return taken[n] }); got != tt.want {
			t.Errorf("Local(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScopeUnique(t *testing.T) {
	s := NewScope("Client", "Opt")
	if name, renamed := s.Unique("TicketType", "schema ticket_type"); name != "TicketType" || renamed {
		t.Fatalf("first claim = %q, %v", name, renamed)
	}
	if name, renamed := s.Unique("TicketType", "ticket.type", "Enum"); name != "TicketTypeEnum" || !renamed {
		t.Fatalf("second claim = %q, %v", name, renamed)
	}
	if name, _ := s.Unique("TicketType", "another", "Enum"); name != "TicketTypeEnum2" {
		t.Fatalf("third claim = %q", name)
	}
	if name, _ := s.Unique("Client", "schema client"); name != "Client2" {
		t.Fatalf("reserved claim = %q", name)
	}
	if got := s.Owner("TicketTypeEnum"); got != "ticket.type" {
		t.Fatalf("Owner = %q", got)
	}
}

// An inner scope sees its outer scope's names and keeps its own claims to
// itself, so two inner scopes of one outer scope never see each other's.
func TestScopeInner(t *testing.T) {
	outer := NewScope("ctx", "Client")
	a, b := outer.Inner(), outer.Inner()
	if name, _ := a.Unique("ctx", "param ctx"); name != "ctx2" {
		t.Fatalf("claim of an outer name = %q, want ctx2", name)
	}
	if got := a.Owner("Client"); got != "reserved" {
		t.Fatalf("Owner of an outer name = %q", got)
	}
	if a.Owner("ctx2") != "param ctx" || b.Taken("ctx2") || outer.Taken("ctx2") {
		t.Fatalf("an inner claim leaked: b %v, outer %v", b.Taken("ctx2"), outer.Taken("ctx2"))
	}
	if !b.Claim("id", "param id") || !a.Claim("id", "param id") || b.Claim("id", "again") {
		t.Fatal("claims in sibling scopes interfere, or a second claim succeeded")
	}
}
