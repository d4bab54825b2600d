//go:build goexperiment.jsonv2

package runtime

import "encoding/json/jsontext"

// With GOEXPERIMENT=jsonv2, models and unions also have the methods of
// encoding/json/v2 (MarshalJSONTo, UnmarshalJSONFrom), which v2 and the
// v1 API built on it prefer to MarshalJSON and UnmarshalJSON. They are
// these four functions, so that v2 users skip the work encoding/json does
// around the v1 methods: the decoder reads the value from v2's own
// decoder without encoding/json's validation and skip of the whole input,
// and the encoder writes into v2's buffer, which checks it as it copies.
// The semantics are the v1 methods': same values, same bytes.

// decodeObjectFrom is the UnmarshalJSONFrom of generated models.
func decodeObjectFrom(dec *jsontext.Decoder, v any) error {
	val, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return decodeObject(val, v)
}

// decodeUnionFrom is the UnmarshalJSONFrom of generated unions.
func decodeUnionFrom(dec *jsontext.Decoder, v any) error {
	val, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return decodeUnion(val, v)
}

// encodeObjectTo is the MarshalJSONTo of generated models; v is a pointer
// to one.
func encodeObjectTo(enc *jsontext.Encoder, v any) error {
	p, ct, err := encodeTarget(v, codecObject, "encodeObjectTo")
	if err != nil {
		return err
	}
	if p == nil {
		return enc.WriteToken(jsontext.Null)
	}
	b, err := appendObject(enc.AvailableBuffer(), p, ct, 0)
	if err != nil {
		return err
	}
	return enc.WriteValue(b)
}

// encodeUnionTo is the MarshalJSONTo of generated unions; v is a pointer
// to one.
func encodeUnionTo(enc *jsontext.Encoder, v any) error {
	p, ct, err := encodeTarget(v, codecUnion, "encodeUnionTo")
	if err != nil {
		return err
	}
	if p == nil {
		return enc.WriteToken(jsontext.Null)
	}
	b, err := appendUnion(enc.AvailableBuffer(), p, ct, 0)
	if err != nil {
		return err
	}
	return enc.WriteValue(b)
}
