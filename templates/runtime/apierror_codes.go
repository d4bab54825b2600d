package runtime

import (
	"errors"
	"slices"
)

// Sentinel errors for the kinds of failure a caller usually tells apart.
// An *APIError matches the one of its status with errors.Is, through any
// wrapping:
//
//	if errors.Is(err, intercom.ErrNotFound) { … }
//
// They carry no detail themselves; errors.As gives the *APIError with the
// status, request ID and Intercom's error list.
var (
	// ErrBadRequest is a 400: a parameter or the body was rejected.
	ErrBadRequest = errors.New("intercom: bad request")
	// ErrUnauthorized is a 401: the token is missing, invalid or revoked.
	ErrUnauthorized = errors.New("intercom: unauthorized")
	// ErrForbidden is a 403: the token lacks a permission, or the
	// workspace's plan does not include the API.
	ErrForbidden = errors.New("intercom: forbidden")
	// ErrNotFound is a 404: the object (or the route) does not exist.
	ErrNotFound = errors.New("intercom: not found")
	// ErrConflict is a 409: the object is in a state that forbids the
	// change, or already exists.
	ErrConflict = errors.New("intercom: conflict")
	// ErrUnprocessable is a 422: the request was understood but its
	// content is invalid.
	ErrUnprocessable = errors.New("intercom: unprocessable")
	// ErrRateLimited is a 429 the client did not (or could no longer)
	// wait out; the *APIError's RateLimit says when the limit resets.
	ErrRateLimited = errors.New("intercom: rate limited")
	// ErrServer is any 5xx: Intercom (or a proxy in front of it) failed.
	ErrServer = errors.New("intercom: server error")
)

// Is reports whether target is the sentinel error of e's status (ErrNotFound
// for a 404, ErrServer for any 5xx, and so on), which is what makes
// errors.Is(err, ErrNotFound) work.
func (e *APIError) Is(target error) bool {
	s := statusSentinel(e.StatusCode)
	return s != nil && target == s
}

func statusSentinel(status int) error {
	switch {
	case status == 400:
		return ErrBadRequest
	case status == 401:
		return ErrUnauthorized
	case status == 403:
		return ErrForbidden
	case status == 404:
		return ErrNotFound
	case status == 409:
		return ErrConflict
	case status == 422:
		return ErrUnprocessable
	case status == 429:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

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

// Code returns the code of the first error of the response ("" when it
// has none), the one Error also names first.
func (e *APIError) Code() string {
	for _, d := range e.Errors {
		if d.Code != "" {
			return d.Code
		}
	}
	return ""
}

// HasCode reports whether any error of the response has the given code.
func (e *APIError) HasCode(code string) bool {
	return slices.ContainsFunc(e.Errors, func(d ErrorDetail) bool { return d.Code == code })
}
