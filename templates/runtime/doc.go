// Package runtime is the fixed runtime that intercom-gen copies into every
// generated client package. It is a real package only so that it can be
// compiled and tested here; the generator copies every file except this
// one and the tests, renames the package clause, starts its messages with
// the package's profile's word ("intercom: …", else the package name) and
// adds a "Code generated" header, so the runtime and the generated code
// form one package and the generated code calls the unexported helpers
// directly. Some files are copied only when the package's model asks for
// them (templates.Parts): Intercom's regions, OAuth flow, search helpers,
// webhooks and error codes; WithVersion; the options of the token, basic
// authentication, API key and server variables; the OAuth 2.0 client.
//
// What it provides:
//
//   - The JSON codec of generated models and unions (decodeObject,
//     encodeObject, decodeUnion, encodeUnion, objectMeta, unionMeta).
//     Intercom's responses contradict their schemas in many small ways, so
//     decoding is lenient — unknown keys and enum values, nulls in
//     non-nullable fields, numbers for strings and so on never fail — and
//     lossless: what a value did not fit is remembered, and a decoded value
//     re-encodes to the JSON it came from unless it was changed.
//     The codec reads JSON itself, in one pass that validates as it goes
//     (decoder; the client decodes response bodies with it directly, not
//     through encoding/json), and reads and writes fields through the
//     offsets of a cached description of each type (codecType) rather
//     than reflect.Value. What a decoded model keeps of its input is
//     copied into blocks of a few KB shared by the values of one decode,
//     so one kept value holds its block in memory. The encoder writes
//     compact JSON with object keys in a fixed order, so its output is
//     deterministic and encoding/json, which compacts what a MarshalJSON
//     returns, has nothing to change.
//   - ExtraFields and SetExtraField, the functions that read and add the
//     members a model's type does not declare.
//   - Nullable, UnixTime, File: the value types generated fields use, and
//     Ptr, String, Int, Int64, Float and Bool, which make the pointers of
//     optional fields that are not nullable.
//   - The HTTP core (clientCore, request, callJSON and friends, doRaw
//     behind the generated Client.Do), options, TokenSource, APIError with
//     its errors.Is sentinels and error codes, and the Operation carried in
//     every request's context.
//   - Authentication as the description declares it (auth.go: the security
//     schemes and requirements, credentials chosen per call, kept out of
//     logs and errors), Intercom's OAuth for public apps (OAuthConfig) and
//     OAuth 2.0 of a description's scheme (OAuth2Config, a renewing
//     TokenSource), the state helpers.
//   - Form bodies sent URL-encoded as the description's encoding says
//     (urlform.go), multipart forms, and the server template of a
//     description whose server URL has variables.
//   - Retries (retry.go: 429 waits for X-RateLimit-Reset, 5xx and
//     connection errors only for requests safe to repeat, context-aware
//     waits through a replaceable clock), RateLimit, the raw Response,
//     Middleware and debug logging.
//   - Pagination (pageSeq and itemSeq behind the generated Pages and All
//     methods; their type parameters are pointers so one compiled body
//     serves every operation), the SearchQuery builder behind the
//     generated SetQuery methods, and webhook notifications and signatures.
//
// Generated packages have hundreds of model types, so the runtime is built
// to keep their compiled size proportional to what they declare: a model
// costs its own UnmarshalJSON and MarshalJSON and nothing more. Hence
// objectMeta and unionMeta have no methods (they would be promoted into
// every model), the codec works by reflection rather than generics, and
// the only generic types and functions are the ones users instantiate
// (Nullable, for nullable fields; Some, Null, Ptr).
//
// Rules the generator relies on: no file but this one has a package doc
// comment, and no package-level name starts with "op" followed by an upper
// case letter or ends in "Service", nor is Client, NewClient, Version or
// Operations (those are generated). templates.Identifiers lists the names
// declared here so the generator can avoid them.
package runtime
