package loader

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func flat(err error) []error {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flat(e)...)
		}
		return out
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

func TestProbe2(t *testing.T) {
	for _, v := range []string{"2.7", "2.11", "preview"} {
		p, _ := ResolveVersion("../../shared/intercom-openapi", v)
		doc, _, _ := Load(p, Options{})
		for name, opts := range map[string][]openapi3.ValidationOption{
			"default": {openapi3.EnableMultiError()},
			"noex":    {openapi3.EnableMultiError(), openapi3.DisableExamplesValidation()},
		} {
			errs := flat(doc.Spec.Validate(context.Background(), opts...))
			fmt.Println(v, name, len(errs))
			for i, e := range errs {
				if i < 400 && (v == "preview" || name == "noex") {
					fmt.Printf("   %T %.300s\n", e, e.Error())
				}
			}
		}
	}
}
