package runtime

// Error codes Intercom documents or uses in its descriptions' examples, for
// comparing with ErrorDetail.Code (a plain string, so a code Intercom adds
// later arrives as it is). They are untyped so that they compare with the
// field directly:
//
//	if apiErr.HasCode(intercom.ErrorCodeParameterInvalid) { … }
const (
	ErrorCodeUnauthorized           = "unauthorized"
	ErrorCodeTokenUnauthorized      = "token_unauthorized"
	ErrorCodeTokenNotFound          = "token_not_found"
	ErrorCodeTokenRevoked           = "token_revoked"
	ErrorCodeTokenBlocked           = "token_blocked"
	ErrorCodeForbidden              = "forbidden"
	ErrorCodeActionForbidden        = "action_forbidden"
	ErrorCodeAPIPlanRestricted      = "api_plan_restricted"
	ErrorCodeIntercomVersionInvalid = "intercom_version_invalid"
	ErrorCodeBadRequest             = "bad_request"
	ErrorCodeClientError            = "client_error"
	ErrorCodeMissingParameter       = "missing_parameter"
	ErrorCodeParameterInvalid       = "parameter_invalid"
	ErrorCodeParameterNotFound      = "parameter_not_found"
	ErrorCodeParameterMismatch      = "parameter_mismatch"
	ErrorCodeTypeMismatch           = "type_mismatch"
	ErrorCodeDataInvalid            = "data_invalid"
	ErrorCodeValidationError        = "validation_error"
	ErrorCodeNotFound               = "not_found"
	ErrorCodeAdminNotFound          = "admin_not_found"
	ErrorCodeCompanyNotFound        = "company_not_found"
	ErrorCodeContactNotFound        = "contact_not_found"
	ErrorCodeConversationNotFound   = "conversation_not_found"
	ErrorCodeTagNotFound            = "tag_not_found"
	ErrorCodeTeamNotFound           = "team_not_found"
	ErrorCodeTicketNotFound         = "ticket_not_found"
	ErrorCodeUserNotFound           = "user_not_found"
	ErrorCodeFieldNotFound          = "field_not_found"
	ErrorCodeConflict               = "conflict"
	ErrorCodeResourceConflict       = "resource_conflict"
	ErrorCodeRateLimitExceeded      = "rate_limit_exceeded"
	ErrorCodeServerError            = "server_error"
	ErrorCodeInternalError          = "internal_error"
)
