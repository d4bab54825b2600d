package build

import (
	"bytes"
	"encoding/json"
	"maps"
	"mime"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
)

// SuccessExamples maps each operation's ID to the JSON of the example of
// its documented success answer (the media type's example, else its first
// named example, else the schema's), for the test package's default
// answers. Operations without one are left out.
func SuccessExamples(spec *openapi3.T, pkg *model.Package) map[string]string {
	out := map[string]string{}
	if spec == nil || spec.Paths == nil {
		return out
	}
	for _, op := range pkg.Operations {
		item := spec.Paths.Value(op.Path)
		if item == nil {
			continue
		}
		kop := item.GetOperation(op.HTTPMethod)
		if kop == nil || kop.Responses == nil {
			continue
		}
		resp := kop.Responses.Value(op.Result.Status)
		if resp == nil || resp.Value == nil {
			continue
		}
		for _, ct := range slices.Sorted(maps.Keys(resp.Value.Content)) {
			mt := resp.Value.Content[ct]
			if mt == nil || !isJSONMedia(ct) {
				continue
			}
			if v, ok := mediaExample(mt); ok {
				// <, > and & stay as they are: the table is read by
				// people, never put into HTML.
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(false)
				if enc.Encode(v) == nil {
					out[op.ID] = strings.TrimSuffix(b.String(), "\n")
				}
			}
			break
		}
	}
	return out
}

func mediaExample(mt *openapi3.MediaType) (any, bool) {
	if mt.Example != nil {
		return mt.Example, true
	}
	names := make([]string, 0, len(mt.Examples))
	for name, ex := range mt.Examples {
		if ex != nil && ex.Value != nil && ex.Value.Value != nil {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) > 0 {
		return mt.Examples[names[0]].Value.Value, true
	}
	if mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Example != nil {
		return mt.Schema.Value.Example, true
	}
	return nil, false
}

func isJSONMedia(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = ct
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}
