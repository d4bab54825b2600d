// Package model is the Go-shaped intermediate model of one generated package.
//
// The builder (generator/internal/build) makes every naming and type-mapping
// decision while it turns a loaded description into this model; the renderer
// (generator/internal/render) renders the model and nothing else. Keeping
// kin-openapi out of this package is what lets the renderer stay ignorant of spec versions and
// their quirks: by the time a value reaches here it is plain Go vocabulary.
package model

// Package is everything one generated Go package declares.
type Package struct {
	// Name is the Go package name, e.g. "intercom".
	Name string
	// Version is the Intercom-Version the package is pinned to.
	Version string
	// Title is the description's info.title, for the package doc.
	Title string
	// VersionHeader reports that the description declares the
	// Intercom-Version header: every request then sends Version in it.
	// Without it the client sends no version header.
	VersionHeader bool
	// BaseURL is the client's default base URL: the first of the
	// description's servers with an absolute URL, its variables at their
	// defaults; "" when it lists none (the client then needs
	// WithBaseURL).
	BaseURL string
	// Server is the template of that server's URL when it has variables
	// ("https://{region}.example.com"), each of them an option; "" when
	// it has none.
	Server string
	// ServerVars are the variables of Server, in the order the template
	// names them.
	ServerVars []*ServerVar
	// Schemes are the description's security schemes the client can
	// send, sorted by Name.
	Schemes []*SecurityScheme
	// Security is how operations authenticate unless they say otherwise:
	// the description's top-level security, alternatives of which any one
	// will do; nil when it declares none (nothing is sent).
	Security []*SecurityRequirement
	// DoSecurity is how Client.Do authenticates, not knowing which
	// operation it calls: the description's top-level security, or when
	// it declares none, every requirement its operations name, in order.
	// DoOwnSecurity reports that it is not Security.
	DoSecurity    []*SecurityRequirement
	DoOwnSecurity bool
	// TokenArg reports that NewClient takes a token as its first
	// argument: a scheme sends one (HTTP bearer, OAuth 2.0, OpenID
	// Connect), or the profile wants it.
	TokenArg bool
	// Source names the description the package was generated from (a file
	// name, never an absolute path).
	Source string
	// Profile says which vendor-specific parts the package gets.
	Profile Profile
	// Types holds every named type, sorted by Name.
	Types []*Type
	// Services holds one service per tag, sorted by Field.
	Services []*Service
	// Operations holds every operation in description order (paths in the
	// order the description lists them, methods in HTTP order).
	Operations []*Operation
	// WebhookModels maps webhook item types to models, sorted by ItemType.
	WebhookModels []WebhookModel
	// Webhooks are the requests the API sends to the app that the
	// description declares (OpenAPI 3.1 `webhooks`), in description order.
	Webhooks []*Webhook
}

// Webhook is one webhook of the description: a request the API sends,
// whose JSON body a generated function reads into its payload type.
type Webhook struct {
	// Name is the webhook's key in the description, e.g. "newPet".
	Name string
	// HTTPMethod is how the API sends it, upper case, e.g. "POST".
	HTTPMethod string
	// Func is the package's function that reads a request of this
	// webhook, e.g. ReadNewPetWebhook.
	Func string
	// Var is the test package's variable naming the webhook, e.g.
	// NewPetWebhook.
	Var string
	// Payload is the body's type; Pointer reports that Func returns a
	// pointer to it (structs and unions).
	Payload *TypeRef
	Pointer bool
	// ContentType is the body's media type, e.g. "application/json".
	ContentType string
	// Summary and Doc come from the webhook's operation.
	Summary, Doc string
	Deprecated   bool
	Origin       Origin
}

// Profile is what intercom-gen knows about a vendor's API beyond its
// description, and which parts of it a package gets. The builder selects
// it from the description itself (its servers, its parameters), never
// from an option the user must remember: a description of Intercom's API
// gets Intercom's profile, any other description the general one.
type Profile struct {
	// Vendor names the profile: "intercom", or "" for the general one.
	Vendor string
	// ErrorPrefix starts the package's error messages ("intercom: not
	// found"): the vendor's name, else the package name.
	ErrorPrefix string
	// Regions gives the package the vendor's regional base URLs as named
	// options (Intercom's Region, RegionUS, RegionEU, RegionAU and
	// WithRegion).
	Regions bool
	// OAuthApp gives the package the vendor's own OAuth flow for apps
	// (Intercom's OAuthConfig, with its hosts), which the description does
	// not describe.
	OAuthApp bool
	// Search gives the package the vendor's search query helpers and the
	// SetQuery methods of search request bodies.
	Search bool
	// Webhooks gives the package the vendor's webhook notifications
	// (Intercom's ReadNotification and its X-Hub-Signature).
	Webhooks bool
	// ErrorCodes gives the package the vendor's documented error codes as
	// constants.
	ErrorCodes bool
}

// ServerVar is one variable of the server URL template: an option of the
// client (Option, e.g. WithServerRegion) with a default and, when the
// description lists them, the values it may take.
type ServerVar struct {
	Name    string
	Default string
	Enum    []string
	Doc     string
	Option  string
}

// SchemeKind says how a security scheme's credentials are sent.
type SchemeKind int

const (
	// SchemeToken sends a token in the Authorization header, after
	// AuthScheme ("Bearer <token>"): HTTP bearer (or another HTTP token
	// scheme), OAuth 2.0 and OpenID Connect.
	SchemeToken SchemeKind = iota
	// SchemeBasic sends HTTP basic authentication (user name and
	// password).
	SchemeBasic
	// SchemeAPIKey sends a key in a header, a query parameter or a
	// cookie.
	SchemeAPIKey
)

// SecurityScheme is one of the description's security schemes.
type SecurityScheme struct {
	// Name is the scheme's name in components.securitySchemes.
	Name string
	// Var is the unexported package variable describing it to the
	// runtime.
	Var  string
	Kind SchemeKind
	// Type is the description's type: "http", "apiKey", "oauth2" or
	// "openIdConnect".
	Type string
	// AuthScheme is the HTTP authentication scheme a token is sent with
	// ("Bearer").
	AuthScheme string
	// BearerFormat is the description's hint at the token's format.
	BearerFormat string
	// In ("header", "query" or "cookie") and Param (its name) place an
	// API key.
	In, Param string
	// Option is the exported option that gives an API key
	// ("WithAPIKey"); "" for other kinds.
	Option string
	Doc    string
	// Flows are an OAuth 2.0 scheme's flows, in the order
	// authorizationCode, clientCredentials, password, implicit.
	Flows []*OAuthFlow
	// Endpoint is the exported variable holding the URLs of the flows
	// ("Endpoint"); "" when they have none.
	Endpoint string
	// OpenIDConnectURL is an OpenID Connect scheme's discovery document.
	OpenIDConnectURL string
}

// OAuthFlow is one OAuth 2.0 flow of a scheme.
type OAuthFlow struct {
	// Kind is "authorizationCode", "clientCredentials", "password" or
	// "implicit".
	Kind                                   string
	AuthorizationURL, TokenURL, RefreshURL string
	Scopes                                 []*OAuthScope
}

// OAuthScope is one scope of a flow, in description order; Const is the
// exported constant holding it.
type OAuthScope struct {
	Name, Doc, Const string
}

// SecurityRequirement is one way to authenticate: every scheme it lists,
// together. An empty requirement needs no credentials.
type SecurityRequirement struct {
	Schemes []*SchemeUse
}

// SchemeUse is a scheme a requirement names, with the OAuth 2.0 scopes it
// needs.
type SchemeUse struct {
	Scheme *SecurityScheme
	Scopes []string
}

// WebhookModel says which model a webhook notification's data.item of a
// given "type" decodes into.
type WebhookModel struct {
	ItemType string
	Type     string
}

// Kind says what Go declaration a Type becomes.
type Kind int

const (
	// Struct is a model: a struct with JSON fields and lenient codec methods.
	Struct Kind = iota
	// Enum is a named string type with one constant per value.
	Enum
	// Union is a oneOf/anyOf: a struct with one pointer per variant.
	Union
	// Alias is `type Name = Target`: a component that adds no structure.
	Alias
	// Defined is `type Name Target` for named maps and slices.
	Defined
	// Params is the struct of an operation's query and header parameters.
	Params
	// Form is a multipart/form-data request body.
	Form
)

// Type is one named Go type.
type Type struct {
	Name string
	Kind Kind
	// Doc is the description, already plain text (the emitter wraps it).
	Doc string
	// Deprecated marks the type deprecated in its doc comment.
	Deprecated bool
	// Origin says where in the description the type comes from.
	Origin Origin
	// Fields of a Struct, Params or Form, in description order.
	Fields []*Field
	// Values of an Enum, in description order.
	Values []*EnumValue
	// Variants of a Union, in description order.
	Variants []*Variant
	// Target of an Alias or Defined type.
	Target *TypeRef
	// File groups the type into an output file, e.g. "models" or a service's
	// file stem; chosen by the builder so the emitter need not decide.
	File string
	// QueryField names the field holding the query of a search request
	// body; such a type gets a SetQuery method taking the runtime's
	// SearchQuery.
	QueryField string
	// KindType names a Union's string type that tells which variant is
	// set; KindNone and KindUnknown are its constants for no variant and
	// for JSON no variant could hold.
	KindType, KindNone, KindUnknown string
}

// Origin locates a model element in the description.
type Origin struct {
	// Pointer is the JSON pointer of the schema or operation.
	Pointer string
	// Component is the components/schemas name, "" for inline schemas.
	Component string
}

// Field is one struct field.
type Field struct {
	Name string
	// Wire is the JSON property, query/header parameter or form field name.
	Wire string
	Type *TypeRef
	// Required fields are always sent; others carry omitzero.
	Required bool
	// Const is the only value a single-valued enum property can take; the
	// codec fills it in when the caller leaves the field empty.
	Const string
	// In is "" for JSON and form fields, "query" or "header" for parameters.
	In string
	// Style refines how a query parameter or a field of a URL-encoded form
	// is written: "" (form, exploded: a list repeats its key), "comma",
	// "space" or "pipe" (a list joined: form, spaceDelimited or
	// pipeDelimited, not exploded), "object" (form, exploded: each member
	// its own key), "pairs" (form, not exploded: name=k1,v1,k2,v2),
	// "deep" (deepObject: name[member]) or "json" (the value as JSON text).
	Style string
	Doc   string
	// Deprecated and ReadOnly come from the schema flags.
	Deprecated bool
	ReadOnly   bool
	// Nullable records that the description allows JSON null (the type is
	// then a Nullable so null can be sent and observed).
	Nullable bool
}

// EnumValue is one constant of an Enum.
type EnumValue struct {
	// Name is the Go constant name.
	Name  string
	Value string
}

// Variant is one alternative of a Union.
type Variant struct {
	// Name is the Go field name.
	Name string
	// Type is the variant's Go type; the field is a pointer to it.
	Type *TypeRef
	// Discriminator lists property=value pairs that select this variant,
	// e.g. "type=article|external_content"; "" when the union has none.
	Discriminator string
	// KindConst is the union's Kind constant for this variant, and
	// Constructor the function that makes a union holding it.
	KindConst, Constructor string
}

// RefKind says how a TypeRef is spelled.
type RefKind int

const (
	// Named refers to a Type of this package by name.
	Named RefKind = iota
	// Builtin is a predeclared Go type: string, bool, int, int64, float64, any.
	Builtin
	// Slice is []Elem.
	Slice
	// Map is map[string]Elem.
	Map
	// Nullable is the runtime's Nullable[Elem]: absent, null or a value.
	Nullable
	// Pointer is *Elem: an optional scalar (nil = absent), or a field that
	// breaks a recursive value type.
	Pointer
	// Runtime is a type of the copied runtime code, e.g. UnixTime or File.
	Runtime
	// Qual is a type from the standard library: Package and Name.
	Qual
)

// TypeRef is a Go type expression.
type TypeRef struct {
	Kind RefKind
	// Name is the type name for Named, Builtin, Runtime and Qual.
	Name string
	// Package is the import path for Qual.
	Package string
	// Elem is the element type of Slice, Map, Nullable and Pointer.
	Elem *TypeRef
}

// String renders the reference as Go source, e.g. "Nullable[[]Tag]".
func (r *TypeRef) String() string {
	if r == nil {
		return "<nil>"
	}
	switch r.Kind {
	case Slice:
		return "[]" + r.Elem.String()
	case Map:
		return "map[string]" + r.Elem.String()
	case Nullable:
		return "Nullable[" + r.Elem.String() + "]"
	case Pointer:
		return "*" + r.Elem.String()
	case Qual:
		return lastElem(r.Package) + "." + r.Name
	default:
		return r.Name
	}
}

func lastElem(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}

// Service groups the operations of one tag: client.<Field>.<Method>(…).
type Service struct {
	// Field is the Client field, e.g. "Contacts".
	Field string
	// TypeName is the service type, e.g. "ContactsService".
	TypeName string
	// Tag is the description's tag name.
	Tag string
	Doc string
	// File is the output file stem for the service and its types.
	File       string
	Operations []*Operation
}

// ResultKind says what an operation returns on success.
type ResultKind int

const (
	// NoContent returns only an error.
	NoContent ResultKind = iota
	// JSON decodes the body into Result.Type.
	JSON
	// Text returns the body as a string (text/plain).
	Text
	// Stream returns the unbuffered body as an io.ReadCloser.
	Stream
	// Redirect returns the Location of a 3xx answer without following it.
	Redirect
)

// Operation is one method of a service.
type Operation struct {
	// ID is the operationId, or a derived one when the description has none.
	ID string
	// Method is the Go method name.
	Method string
	// Var is the unexported package variable holding the operation's
	// Operation value.
	Var string
	// HTTPMethod is upper case, e.g. "GET".
	HTTPMethod string
	// Path is the path template, e.g. "/contacts/{contact_id}".
	Path string
	// Tag is the service's tag; Tags lists every tag of the operation.
	Tag  string
	Tags []string
	// Summary and Doc come from the description.
	Summary    string
	Doc        string
	Deprecated bool
	Origin     Origin
	// PathParams are positional arguments, in template order.
	PathParams []*PathParam
	// Params is the query/header parameter struct, nil when there is none.
	Params *Type
	// Body is the request body, nil when there is none.
	Body *Body
	// Result is what a success returns.
	Result Result
	// Version is the Intercom-Version this operation requires when it differs
	// from the package's (e.g. "preview"); "" otherwise.
	Version string
	// ErrorStatuses lists the documented non-2xx statuses ("404", "default").
	ErrorStatuses []string
	// Paging is set for list and search operations whose answers come in
	// pages; the emitter adds page and item iterators for them.
	Paging *Paging
	// Security is how the operation authenticates: alternatives, any one
	// of which will do (an empty one needs no credentials). OwnSecurity
	// reports that it is not the package's Security (the operation says
	// otherwise, ignoring OAuth 2.0 scopes).
	Security    []*SecurityRequirement
	OwnSecurity bool
}

// PathParam is one positional path parameter.
type PathParam struct {
	// Wire is the template name, e.g. "contact_id".
	Wire string
	// Arg is the Go parameter name, e.g. "contactID".
	Arg  string
	Type *TypeRef
	Doc  string
}

// Body is an operation's request body.
type Body struct {
	// Type is the body's Go type; the method takes a pointer to it when it
	// is a struct, the value otherwise.
	Type *TypeRef
	// Form reports a form body (Type is then a Form type): multipart/form-data,
	// or application/x-www-form-urlencoded when URLEncoded is set (its
	// fields' Style then says how each is encoded).
	Form       bool
	URLEncoded bool
	// Raw is the media type of a body sent as it is, neither JSON nor a
	// form: text ("text/plain"; Type is string) or a file (Type is
	// io.Reader). "" otherwise.
	Raw string
	// Pointer reports whether the method takes *Type.
	Pointer bool
}

// Result is an operation's success value.
type Result struct {
	Kind ResultKind
	// Type is the decoded type for JSON results.
	Type *TypeRef
	// Pointer reports whether the method returns *Type.
	Pointer bool
	// Status is the documented success status, e.g. "200".
	Status string
}

// PagingStyle is how an operation's pages are requested.
type PagingStyle string

// The pagination styles: Intercom's four, and Link headers.
const (
	// PagingCursor: a cursor from the answer goes out as a query parameter.
	PagingCursor PagingStyle = "cursor"
	// PagingSearch: a cursor from the answer goes out in the JSON body.
	PagingSearch PagingStyle = "search"
	// PagingPage: numbered pages, the number as a query parameter.
	PagingPage PagingStyle = "page"
	// PagingScroll: the answer's scroll_param goes out as a query
	// parameter until a batch is empty.
	PagingScroll PagingStyle = "scroll"
	// PagingLink: the answer's Link header (RFC 8288) gives the next
	// page's URL (rel="next"), which is requested as it is.
	PagingLink PagingStyle = "link"
)

// Paging describes how a paginated operation pages.
type Paging struct {
	Style PagingStyle
	// Param is where the cursor goes: a query parameter, or a dotted path
	// in the JSON body for PagingSearch. For PagingLink, whose client
	// follows URLs, it is the query parameter the test server numbers
	// the pages of its links with.
	Param string
	// Next is the dotted path of the next cursor in the answer.
	Next string
	// Items is the answer's member holding the items; ItemsField is its
	// Go field in the result type, ItemType the element type, and
	// ItemsNullable reports a Nullable field. Items and ItemsField are ""
	// when the answer is the list itself (PagingLink).
	Items         string
	ItemsField    string
	ItemType      *TypeRef
	ItemsNullable bool
	// PagesMethod and AllMethod are the names of the iterator methods,
	// e.g. ListContactsPages and ListContactsAll.
	PagesMethod string
	AllMethod   string
	// Source says what decided the style: "shape" or "table".
	Source string
}
