//go:build goexperiment.jsonv2

package runtime

import "encoding/json/jsontext"

// codecMethods are the methods of a model or union.
const codecMethods = "MarshalJSON,MarshalJSONTo,UnmarshalJSON,UnmarshalJSONFrom"

// The methods the generator adds in a package's models_jsonv2.go, for the
// test models and unions.

func (v *actionFinished) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *actionFinished) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *actionStarted) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *actionStarted) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *detailsFinished) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *detailsFinished) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *detailsStarted) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *detailsStarted) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *driftModel) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *driftModel) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *driftOwner) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *driftOwner) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *eventDetails) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v *eventDetails) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeUnionTo(e, v) }

func (v *testArticle) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testArticle) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testByEmail) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testByEmail) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testByID) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testByID) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testContact) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testContact) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testContentByConst) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeUnionFrom(d, v)
}
func (v testContentByConst) MarshalJSONTo(e *jsontext.Encoder) error { return encodeUnionTo(e, &v) }

func (v *testContentByDisc) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeUnionFrom(d, v)
}
func (v testContentByDisc) MarshalJSONTo(e *jsontext.Encoder) error { return encodeUnionTo(e, &v) }

func (v *testExternal) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testExternal) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testFilterValue) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testFilterValue) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testIdentity) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testIdentity) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testIntOrFloat) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testIntOrFloat) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testItem) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testItem) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testLegacy) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testLegacy) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testListUnion) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testListUnion) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testLocation) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testLocation) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testMessage) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testMessage) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testMultipleFilter) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *testMultipleFilter) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *testMultipleFilterValue) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeUnionFrom(d, v)
}
func (v testMultipleFilterValue) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeUnionTo(e, &v)
}

func (v *testNested) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testNested) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testPage) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testPage) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testProfile) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testProfile) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testQuery) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testQuery) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testRecipient) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testRecipient) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testRecipients) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testRecipients) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testRequired) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testRequired) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testSearch) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testSearch) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testSelf) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testSelf) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testSingleFilter) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *testSingleFilter) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *testStringOrInt) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testStringOrInt) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testTag) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *testTag) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *testTimeOrText) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testTimeOrText) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *testWithAny) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeUnionFrom(d, v) }
func (v testWithAny) MarshalJSONTo(e *jsontext.Encoder) error      { return encodeUnionTo(e, &v) }

func (v *v211AIAgent) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211AIAgent) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211AddressableList) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211AddressableList) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211Admin) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Admin) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211Company) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Company) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211Contact) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Contact) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211ContactAvatar) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactAvatar) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactCompanies) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactCompanies) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactCompany) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactCompany) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactList) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211ContactList) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211ContactLocation) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactLocation) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactNotes) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactNotes) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactReference) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactReference) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ContactSocialProfiles) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ContactSocialProfiles) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ContactTags) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211ContactTags) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211Conversation) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211Conversation) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ConversationContacts) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationContacts) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationFirstContactReply) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationFirstContactReply) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationPart) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationPart) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ConversationPartAuthor) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationPartAuthor) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationParts) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationParts) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211ConversationRating) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationRating) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationSource) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationSource) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationStatistics) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationStatistics) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211ConversationTeammates) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211ConversationTeammates) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211CursorPages) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211CursorPages) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211LinkedObject) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211LinkedObject) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211LinkedObjectList) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211LinkedObjectList) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211PartAttachment) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211PartAttachment) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211Reference) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Reference) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211SLAApplied) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211SLAApplied) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211SocialProfile) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211SocialProfile) MarshalJSONTo(e *jsontext.Encoder) error { return encodeObjectTo(e, v) }

func (v *v211StartingAfterPaging) UnmarshalJSONFrom(d *jsontext.Decoder) error {
	return decodeObjectFrom(d, v)
}
func (v *v211StartingAfterPaging) MarshalJSONTo(e *jsontext.Encoder) error {
	return encodeObjectTo(e, v)
}

func (v *v211Tag) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Tag) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211Tags) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Tags) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }

func (v *v211Ticket) UnmarshalJSONFrom(d *jsontext.Decoder) error { return decodeObjectFrom(d, v) }
func (v *v211Ticket) MarshalJSONTo(e *jsontext.Encoder) error     { return encodeObjectTo(e, v) }
