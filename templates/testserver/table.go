package testserver

import (
	"encoding/json"
	"strings"
)

// api is what the generated table says about one version of the API:
// every operation and the shapes their request bodies are checked against.
type api struct {
	// version is the generated package's Version, the Intercom-Version
	// every request must carry unless its operation names another.
	version    string
	operations []*operation
	// security is how operations authenticate unless they say otherwise
	// (nil: a bearer token), and schemes every scheme of the API.
	security []requirement
	schemes  []*scheme
	// schemas holds the objects, enums and unions request bodies refer
	// to, by name; a name it does not hold is not checked.
	schemas map[string]*schema
}

// operation is one row of the generated table.
type operation struct {
	id, method, path string
	// status is the documented success status; result says how a success
	// body is written.
	status int
	result resultKind
	// example is the default success answer: the description's example,
	// or the smallest value of the result's schema. For a redirect it is
	// the Location; it is empty when the answer has no body.
	example string
	// version is the Intercom-Version this operation requires when it
	// differs from the API's ("preview").
	version string
	// security is how this operation authenticates when it is not the
	// API's way (a lone empty requirement: no credentials); nil means the
	// API's.
	security *[]requirement
	// body is the request body's type expression (see check), "" when the
	// operation takes none or a form: multipart (form) or URL-encoded
	// (urlForm, whose fields formFields lists as query parameters are).
	body       string
	form       bool
	urlForm    bool
	formFields []queryParam
	// raw is the Content-Type of a body sent as it is (text, a file):
	// the server checks the header and keeps the bytes (Call.RawBody).
	raw string
	// query lists the query parameters the server checks (those sent as
	// plain values or comma-separated lists).
	query []queryParam
	// decode decodes a request body into a new value of the generated
	// request type, exactly as the generated package would.
	decode func([]byte) (any, error)
	paging *paging
}

// queryParam is one checked query parameter; typ is a type expression
// of a scalar, an enum or a list of them.
type queryParam struct {
	name     string
	required bool
	typ      string
}

// resultKind is how an operation's success body is written.
type resultKind uint8

const (
	resultNone resultKind = iota
	resultJSON
	resultText
	resultStream
	resultRedirect
)

// paging says how a paginated operation pages (the runtime's paging,
// seen from the server's side): param is where the cursor or page number
// arrives (a query parameter, or a dotted path in the JSON body for
// pageSearch; for pageLink the query parameter that numbers the pages of
// the server's Link headers), next is the dotted path of the next cursor
// in the answer, items the dotted path of the page's items ("" when the
// answer is the list).
type paging struct {
	style              pageStyle
	param, next, items string
}

type pageStyle uint8

const (
	pageCursor pageStyle = iota + 1
	pageSearch
	pageNumber
	pageScroll
	pageLink
)

// schema is the shape of a named request type. Properties and elements
// are type expressions: "string", "integer", "number", "boolean", "any",
// "[]E", "map[string]E" or the name of another schema.
type schema struct {
	kind     schemaKind
	required []string
	props    map[string]string
	enum     []string
	variants []string
}

type schemaKind uint8

const (
	kindObject schemaKind = iota + 1
	kindEnum
	kindUnion
)

// segments splits a path at its slashes, without the leading one.
func segments(path string) []string {
	return strings.Split(strings.TrimPrefix(path, "/"), "/")
}

// decodeAs decodes a request body into a new T, with T's own decoding
// (the generated types' UnmarshalJSON): the table's decode functions.
func decodeAs[T any](data []byte) (any, error) {
	v := new(T)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, err
	}
	return v, nil
}
