package runtime

import "context"

// Operation identifies one API operation: its operationId, HTTP method,
// path template (such as /contacts/{contact_id}) and tag.
type Operation struct {
	ID     string
	Method string
	Path   string
	Tag    string

	// jsonStatus is the success status the description documents with a
	// JSON body (0 when it documents none): an empty or non-JSON body on
	// that status is an error, on another 2xx the zero value.
	jsonStatus int
	// security is how the operation authenticates when it is not the
	// client's default (a lone empty requirement: it sends no
	// credentials); nil means the default. A pointer keeps Operation
	// comparable.
	security *[]securityRequirement
}

// operationContextKey is the context key of the Operation a request
// belongs to; it is a private type so no other package can collide with it.
type operationContextKey struct{}

// OperationFromContext returns the operation a request belongs to. Every
// request the client sends carries it in its context, so a custom
// http.RoundTripper can label metrics or choose retry policies with
// OperationFromContext(req.Context()).
func OperationFromContext(ctx context.Context) (Operation, bool) {
	if ctx == nil {
		return Operation{}, false
	}
	op, ok := ctx.Value(operationContextKey{}).(Operation)
	return op, ok
}

// OperationIDFromContext is OperationFromContext for just the operation ID.
func OperationIDFromContext(ctx context.Context) (string, bool) {
	op, ok := OperationFromContext(ctx)
	return op.ID, ok
}
