package runtime

// The models below are those generated from Intercom 2.11 for a contact,
// a list of contacts and a conversation (documentation left out; the
// ticket, AI agent, SLA, rating, company and admin models, which the
// benchmark payloads only ever send as null, reduced to a stub), so that
// the benchmarks measure the codec exactly as a generated package uses it.

type v211AddressableList struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	URL  string `json:"url"`
	objectMeta
}

func (v *v211AddressableList) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211AddressableList) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Contact struct {
	Type                   *string                      `json:"type,omitzero"`
	ID                     string                       `json:"id"`
	ExternalID             Nullable[string]             `json:"external_id"`
	WorkspaceID            string                       `json:"workspace_id"`
	Role                   string                       `json:"role"`
	Email                  *string                      `json:"email,omitzero"`
	EmailDomain            *string                      `json:"email_domain,omitzero"`
	Phone                  Nullable[string]             `json:"phone"`
	FormattedPhone         Nullable[string]             `json:"formatted_phone,omitzero"`
	Name                   Nullable[string]             `json:"name"`
	OwnerID                Nullable[int]                `json:"owner_id"`
	HasHardBounced         bool                         `json:"has_hard_bounced"`
	MarkedEmailAsSpam      bool                         `json:"marked_email_as_spam"`
	UnsubscribedFromEmails bool                         `json:"unsubscribed_from_emails"`
	CreatedAt              UnixTime                     `json:"created_at"`
	UpdatedAt              UnixTime                     `json:"updated_at"`
	SignedUpAt             Nullable[UnixTime]           `json:"signed_up_at"`
	LastSeenAt             Nullable[UnixTime]           `json:"last_seen_at"`
	LastRepliedAt          Nullable[UnixTime]           `json:"last_replied_at"`
	LastContactedAt        Nullable[UnixTime]           `json:"last_contacted_at"`
	LastEmailOpenedAt      Nullable[UnixTime]           `json:"last_email_opened_at"`
	LastEmailClickedAt     Nullable[UnixTime]           `json:"last_email_clicked_at"`
	LanguageOverride       Nullable[string]             `json:"language_override"`
	Browser                Nullable[string]             `json:"browser"`
	BrowserVersion         Nullable[string]             `json:"browser_version"`
	BrowserLanguage        Nullable[string]             `json:"browser_language"`
	OS                     Nullable[string]             `json:"os"`
	AndroidAppName         Nullable[string]             `json:"android_app_name,omitzero"`
	AndroidAppVersion      Nullable[string]             `json:"android_app_version,omitzero"`
	AndroidDevice          Nullable[string]             `json:"android_device,omitzero"`
	AndroidOSVersion       Nullable[string]             `json:"android_os_version,omitzero"`
	AndroidSDKVersion      Nullable[string]             `json:"android_sdk_version,omitzero"`
	AndroidLastSeenAt      Nullable[UnixTime]           `json:"android_last_seen_at,omitzero"`
	IosAppName             Nullable[string]             `json:"ios_app_name,omitzero"`
	IosAppVersion          Nullable[string]             `json:"ios_app_version,omitzero"`
	IosDevice              Nullable[string]             `json:"ios_device,omitzero"`
	IosOSVersion           Nullable[string]             `json:"ios_os_version,omitzero"`
	IosSDKVersion          Nullable[string]             `json:"ios_sdk_version,omitzero"`
	IosLastSeenAt          Nullable[UnixTime]           `json:"ios_last_seen_at,omitzero"`
	CustomAttributes       map[string]any               `json:"custom_attributes,omitzero"`
	Avatar                 Nullable[*v211ContactAvatar] `json:"avatar"`
	Tags                   v211ContactTags              `json:"tags,omitzero"`
	Notes                  v211ContactNotes             `json:"notes,omitzero"`
	Companies              v211ContactCompanies         `json:"companies,omitzero"`
	Location               v211ContactLocation          `json:"location"`
	SocialProfiles         v211ContactSocialProfiles    `json:"social_profiles"`
	objectMeta
}

func (v *v211Contact) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Contact) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactAvatar struct {
	Type     *string          `json:"type,omitzero"`
	ImageURL Nullable[string] `json:"image_url,omitzero"`
	objectMeta
}

func (v *v211ContactAvatar) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactAvatar) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactCompanies struct {
	Type       string               `const:"list" json:"type,omitzero"`
	Data       []v211ContactCompany `json:"data,omitzero"`
	URL        string               `json:"url"`
	TotalCount int                  `json:"total_count"`
	HasMore    bool                 `json:"has_more"`
	objectMeta
}

func (v *v211ContactCompanies) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactCompanies) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactCompany struct {
	ID   string `json:"id"`
	Type string `const:"company" json:"type"`
	URL  string `json:"url"`
	objectMeta
}

func (v *v211ContactCompany) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactCompany) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactList struct {
	Type       string          `const:"list" json:"type"`
	Data       []v211Contact   `json:"data"`
	TotalCount int             `json:"total_count"`
	Pages      v211CursorPages `json:"pages,omitzero"`
	objectMeta
}

func (v *v211ContactList) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactList) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactLocation struct {
	Type    string           `const:"location" json:"type"`
	Country Nullable[string] `json:"country,omitzero"`
	Region  Nullable[string] `json:"region,omitzero"`
	City    Nullable[string] `json:"city,omitzero"`
	objectMeta
}

func (v *v211ContactLocation) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactLocation) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactNotes struct {
	Data       []v211AddressableList `json:"data"`
	URL        string                `json:"url"`
	TotalCount int                   `json:"total_count"`
	HasMore    bool                  `json:"has_more"`
	objectMeta
}

func (v *v211ContactNotes) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactNotes) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactReference struct {
	Type       string           `const:"contact" json:"type"`
	ID         string           `json:"id"`
	ExternalID Nullable[string] `json:"external_id,omitzero"`
	objectMeta
}

func (v *v211ContactReference) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactReference) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactSocialProfiles struct {
	Data []v211SocialProfile `json:"data"`
	objectMeta
}

func (v *v211ContactSocialProfiles) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactSocialProfiles) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ContactTags struct {
	Data       []v211AddressableList `json:"data"`
	URL        string                `json:"url"`
	TotalCount int                   `json:"total_count"`
	HasMore    bool                  `json:"has_more"`
	objectMeta
}

func (v *v211ContactTags) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ContactTags) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Conversation struct {
	Type                string                            `const:"conversation" json:"type,omitzero"`
	ID                  string                            `json:"id"`
	Title               Nullable[string]                  `json:"title"`
	CreatedAt           UnixTime                          `json:"created_at"`
	UpdatedAt           UnixTime                          `json:"updated_at"`
	WaitingSince        Nullable[UnixTime]                `json:"waiting_since"`
	SnoozedUntil        Nullable[UnixTime]                `json:"snoozed_until"`
	Open                bool                              `json:"open"`
	State               v211ConversationState             `json:"state"`
	Read                bool                              `json:"read"`
	Priority            *v211ConversationPriority         `json:"priority,omitzero"`
	AdminAssigneeID     Nullable[int]                     `json:"admin_assignee_id"`
	TeamAssigneeID      Nullable[int]                     `json:"team_assignee_id"`
	Tags                v211Tags                          `json:"tags,omitzero"`
	ConversationRating  v211ConversationRating            `json:"conversation_rating,omitzero"`
	Source              v211ConversationSource            `json:"source"`
	Contacts            v211ConversationContacts          `json:"contacts"`
	Teammates           v211ConversationTeammates         `json:"teammates"`
	CustomAttributes    v211CustomAttributes              `json:"custom_attributes"`
	FirstContactReply   v211ConversationFirstContactReply `json:"first_contact_reply,omitzero"`
	SLAApplied          Nullable[*v211SLAApplied]         `json:"sla_applied,omitzero"`
	Statistics          v211ConversationStatistics        `json:"statistics,omitzero"`
	ConversationParts   v211ConversationParts             `json:"conversation_parts,omitzero"`
	LinkedObjects       v211LinkedObjectList              `json:"linked_objects,omitzero"`
	AIAgentParticipated *bool                             `json:"ai_agent_participated,omitzero"`
	AIAgent             Nullable[*v211AIAgent]            `json:"ai_agent,omitzero"`
	objectMeta
}

func (v *v211Conversation) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Conversation) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationContacts struct {
	Type     string                 `const:"contact.list" json:"type"`
	Contacts []v211ContactReference `json:"contacts"`
	objectMeta
}

func (v *v211ConversationContacts) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationContacts) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationFirstContactReply struct {
	CreatedAt UnixTime         `json:"created_at"`
	Type      string           `json:"type"`
	URL       Nullable[string] `json:"url,omitzero"`
	objectMeta
}

func (v *v211ConversationFirstContactReply) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationFirstContactReply) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationPart struct {
	Type        string                     `const:"conversation_part" json:"type"`
	ID          string                     `json:"id"`
	PartType    string                     `json:"part_type"`
	Body        Nullable[string]           `json:"body,omitzero"`
	CreatedAt   UnixTime                   `json:"created_at"`
	UpdatedAt   *UnixTime                  `json:"updated_at,omitzero"`
	NotifiedAt  UnixTime                   `json:"notified_at"`
	AssignedTo  Nullable[*v211Reference]   `json:"assigned_to,omitzero"`
	Author      v211ConversationPartAuthor `json:"author"`
	Attachments []v211PartAttachment       `json:"attachments,omitzero"`
	ExternalID  Nullable[string]           `json:"external_id,omitzero"`
	Redacted    bool                       `json:"redacted"`
	objectMeta
}

func (v *v211ConversationPart) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationPart) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationPartAuthor struct {
	Type  string           `json:"type"`
	ID    string           `json:"id"`
	Name  Nullable[string] `json:"name"`
	Email string           `json:"email"`
	objectMeta
}

func (v *v211ConversationPartAuthor) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationPartAuthor) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationParts struct {
	Type              string                 `const:"conversation_part.list" json:"type"`
	ConversationParts []v211ConversationPart `json:"conversation_parts"`
	TotalCount        int                    `json:"total_count"`
	objectMeta
}

func (v *v211ConversationParts) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationParts) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationPriority string

type v211ConversationSource struct {
	Type        v211ConversationSourceType `json:"type"`
	ID          string                     `json:"id"`
	DeliveredAs string                     `json:"delivered_as"`
	Subject     string                     `json:"subject"`
	Body        *string                    `json:"body,omitzero"`
	Author      v211ConversationPartAuthor `json:"author"`
	Attachments []v211PartAttachment       `json:"attachments,omitzero"`
	URL         Nullable[string]           `json:"url,omitzero"`
	Redacted    bool                       `json:"redacted"`
	objectMeta
}

func (v *v211ConversationSource) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationSource) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationSourceType string

type v211ConversationState string

type v211ConversationStatistics struct {
	Type                       string    `const:"conversation_statistics" json:"type"`
	TimeToAssignment           *int      `json:"time_to_assignment,omitzero"`
	TimeToAdminReply           *int      `json:"time_to_admin_reply,omitzero"`
	TimeToFirstClose           *int      `json:"time_to_first_close,omitzero"`
	TimeToLastClose            *int      `json:"time_to_last_close,omitzero"`
	MedianTimeToReply          *int      `json:"median_time_to_reply,omitzero"`
	FirstContactReplyAt        *UnixTime `json:"first_contact_reply_at,omitzero"`
	FirstAssignmentAt          *UnixTime `json:"first_assignment_at,omitzero"`
	FirstAdminReplyAt          *UnixTime `json:"first_admin_reply_at,omitzero"`
	FirstCloseAt               *UnixTime `json:"first_close_at,omitzero"`
	LastAssignmentAt           *UnixTime `json:"last_assignment_at,omitzero"`
	LastAssignmentAdminReplyAt *UnixTime `json:"last_assignment_admin_reply_at,omitzero"`
	LastContactReplyAt         *UnixTime `json:"last_contact_reply_at,omitzero"`
	LastAdminReplyAt           *UnixTime `json:"last_admin_reply_at,omitzero"`
	LastCloseAt                *UnixTime `json:"last_close_at,omitzero"`
	LastClosedByID             *string   `json:"last_closed_by_id,omitzero"`
	CountReopens               *int      `json:"count_reopens,omitzero"`
	CountAssignments           *int      `json:"count_assignments,omitzero"`
	CountConversationParts     *int      `json:"count_conversation_parts,omitzero"`
	objectMeta
}

func (v *v211ConversationStatistics) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationStatistics) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationTeammates struct {
	Type      string          `json:"type"`
	Teammates []v211Reference `json:"teammates"`
	objectMeta
}

func (v *v211ConversationTeammates) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationTeammates) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211CursorPages struct {
	Type       string                             `const:"pages" json:"type"`
	Page       *int                               `json:"page,omitzero"`
	Next       Nullable[*v211StartingAfterPaging] `json:"next,omitzero"`
	PerPage    *int                               `json:"per_page,omitzero"`
	TotalPages *int                               `json:"total_pages,omitzero"`
	objectMeta
}

func (v *v211CursorPages) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211CursorPages) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211CustomAttributes map[string]any

type v211LinkedObject struct {
	Type     v211LinkedObjectType               `json:"type"`
	ID       string                             `json:"id"`
	Category Nullable[v211LinkedObjectCategory] `json:"category"`
	objectMeta
}

func (v *v211LinkedObject) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211LinkedObject) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211LinkedObjectCategory string

type v211LinkedObjectList struct {
	Type       string             `const:"list" json:"type"`
	TotalCount int                `json:"total_count"`
	HasMore    bool               `json:"has_more"`
	Data       []v211LinkedObject `json:"data"`
	objectMeta
}

func (v *v211LinkedObjectList) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211LinkedObjectList) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211LinkedObjectType string

type v211PartAttachment struct {
	Type        string `json:"type"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
	Filesize    int    `json:"filesize"`
	Width       int    `json:"width"`
	Height      int    `json:"height"`
	objectMeta
}

func (v *v211PartAttachment) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211PartAttachment) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Reference struct {
	Type string           `json:"type"`
	ID   Nullable[string] `json:"id,omitzero"`
	objectMeta
}

func (v *v211Reference) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Reference) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211SocialProfile struct {
	Type string `json:"type"`
	Name string `json:"name"`
	URL  string `json:"url"`
	objectMeta
}

func (v *v211SocialProfile) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211SocialProfile) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211StartingAfterPaging struct {
	PerPage       int              `json:"per_page"`
	StartingAfter Nullable[string] `json:"starting_after,omitzero"`
	objectMeta
}

func (v *v211StartingAfterPaging) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211StartingAfterPaging) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Tag struct {
	Type      string                   `json:"type"`
	ID        string                   `json:"id"`
	Name      string                   `json:"name"`
	AppliedAt Nullable[UnixTime]       `json:"applied_at"`
	AppliedBy Nullable[*v211Reference] `json:"applied_by"`
	objectMeta
}

func (v *v211Tag) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Tag) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Tags struct {
	Type string    `const:"tag.list" json:"type"`
	Tags []v211Tag `json:"tags"`
	objectMeta
}

func (v *v211Tags) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Tags) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211AIAgent struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211AIAgent) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211AIAgent) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Admin struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211Admin) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Admin) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Company struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211Company) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Company) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211ConversationRating struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211ConversationRating) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211ConversationRating) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211SLAApplied struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211SLAApplied) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211SLAApplied) MarshalJSON() ([]byte, error) { return encodeObject(v) }

type v211Ticket struct {
	ID string `json:"id"`
	objectMeta
}

func (v *v211Ticket) UnmarshalJSON(b []byte) error { return decodeObject(b, v) }
func (v *v211Ticket) MarshalJSON() ([]byte, error) { return encodeObject(v) }
