package runtime

import (
	"fmt"
	"net/url"
)

// encodeURLForm encodes a form struct as an
// application/x-www-form-urlencoded body, each field as its tag's style
// says (the description's encoding of the property, OpenAPI's form style
// with explode by default): a scalar as one value, a list as one value
// per element (exploded) or joined by commas, spaces or pipes, an object
// as one field per member (exploded), as name[member] (deepObject) or as
// JSON text (a property whose encoding's content type is JSON). Nil
// pointers (the optional fields), absent or null Nullables and empty
// lists, maps and objects are left out; keys come out sorted.
func encodeURLForm(form any) ([]byte, error) {
	rv, err := structOf(form, "form")
	if err != nil || !rv.IsValid() {
		return nil, err
	}
	values := url.Values{}
	for _, f := range formLayoutOf(rv.Type()) {
		fv, ok := paramValue(rv.Field(f.index))
		if !ok || formAbsent(fv) {
			continue
		}
		if err := addValue(values, f, fv); err != nil {
			return nil, fmt.Errorf("intercom: form field %s (%q): %w", f.goName, f.name, err)
		}
	}
	return []byte(values.Encode()), nil
}
