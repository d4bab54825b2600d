package runtime

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// The codec's benchmarks decode and encode the payloads under
// specs/payloads (a contact, a list of 50 contacts and a conversation with
// 50 parts, shaped like Intercom 2.11's answers) with the models generated
// for them (benchmodels_test.go), beside the baseline a hand-written
// program would use: plain structs of the same shape (every model field,
// optional ones as pointers with omitempty) through encoding/json alone.
// Each benchmark runs its variants one after another in the same process,
// so their ratios hold on a noisy machine:
//
//	go test -run '^$' -bench 'Decode|Encode|Client' -benchmem ./templates/runtime/
//
// cmd/peerbench -runtime measures the packages generated from the real
// descriptions against oapi-codegen's, in the same way.
var benchCases = []struct {
	name, file string
	typ        reflect.Type
}{
	{"contact", "2.11-contact.json", reflect.TypeFor[v211Contact]()},
	{"contacts", "2.11-contacts.json", reflect.TypeFor[v211ContactList]()},
	{"conversation", "2.11-conversation.json", reflect.TypeFor[v211Conversation]()},
}

// benchPayload reads a payload from specs/payloads.
func benchPayload(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "specs", "payloads", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range benchCases {
		data := benchPayload(b, c.file)
		plain := plainType(c.typ)
		b.Run(c.name+"/json.Unmarshal", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(data, reflect.New(c.typ).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/UnmarshalJSON", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := reflect.New(c.typ).Interface().(json.Unmarshaler).UnmarshalJSON(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/plain", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(data, reflect.New(plain).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, c := range benchCases {
		data := benchPayload(b, c.file)
		model, plain := reflect.New(c.typ), reflect.New(plainType(c.typ))
		for _, v := range []reflect.Value{model, plain} {
			if err := json.Unmarshal(data, v.Interface()); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(c.name+"/json.Marshal", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.Marshal(model.Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/MarshalJSON", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			m := model.Interface().(json.Marshaler)
			for b.Loop() {
				if _, err := m.MarshalJSON(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/plain", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := json.Marshal(plain.Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkClient is a whole call on loopback: the client's request, the
// server's answer of the payload, and decoding it; the baseline is
// net/http with io.ReadAll and json.Unmarshal into the plain struct.
func BenchmarkClient(b *testing.B) {
	payloads := map[string][]byte{}
	for _, c := range benchCases {
		payloads["/"+c.name] = benchPayload(b, c.file)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(payloads[r.URL.Path])
	}))
	defer srv.Close()
	core := newClientCore("tok", "2.11", []Option{WithBaseURL(srv.URL), WithHTTPClient(srv.Client())})
	ctx := context.Background()
	for _, c := range benchCases {
		op := Operation{ID: "get", Method: http.MethodGet, Path: "/" + c.name, jsonStatus: http.StatusOK}
		plain := plainType(c.typ)
		b.Run(c.name+"/client", func(b *testing.B) {
			b.SetBytes(int64(len(payloads[op.Path])))
			b.ReportAllocs()
			for b.Loop() {
				if err := callJSON(ctx, core, &request{op: op, path: op.Path}, reflect.New(c.typ).Interface(), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/net-http-plain", func(b *testing.B) {
			b.SetBytes(int64(len(payloads[op.Path])))
			b.ReportAllocs()
			hc := srv.Client()
			for b.Loop() {
				resp, err := hc.Get(srv.URL + op.Path)
				if err != nil {
					b.Fatal(err)
				}
				data, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					b.Fatal(err)
				}
				if err := json.Unmarshal(data, reflect.New(plain).Interface()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var plainTypes sync.Map // reflect.Type → reflect.Type

// plainType returns the plain struct a hand-written program would decode
// a model's JSON into: the same fields and keys, Nullable and optional
// values as pointers with omitempty, no metadata and no methods.
func plainType(t reflect.Type) reflect.Type {
	if p, ok := plainTypes.Load(t); ok {
		return p.(reflect.Type)
	}
	var p reflect.Type
	ct := codecOf(t)
	switch ct.kind {
	case codecNullable:
		p = reflect.PointerTo(plainType(ct.elem))
		if ct.elem.Kind() == reflect.Pointer {
			p = plainType(ct.elem)
		}
	case codecPointer:
		p = reflect.PointerTo(plainType(ct.elem))
	case codecSlice:
		p = reflect.SliceOf(plainType(ct.elem))
	case codecMap:
		p = reflect.MapOf(t.Key(), plainType(ct.elem))
	case codecUnixTime:
		p = reflect.TypeFor[int64]()
	case codecObject:
		var fields []reflect.StructField
		for i := range ct.fields {
			f := &ct.fields[i]
			sf := t.Field(f.index)
			tag := f.name
			if !f.required() {
				tag += ",omitempty"
			}
			fields = append(fields, reflect.StructField{Name: sf.Name, Type: plainType(f.typ), Tag: reflect.StructTag(`json:"` + tag + `"`)})
		}
		p = reflect.StructOf(fields)
	default:
		if strings.HasPrefix(t.String(), "runtime.") && t.Kind() == reflect.String {
			p = reflect.TypeFor[string]()
		} else {
			p = t
		}
	}
	plainTypes.Store(t, p)
	return p
}

func TestPlainTypeDecodesThePayloads(t *testing.T) {
	// The baseline must decode what the models decode, or the benchmarks
	// would compare unequal work.
	for _, c := range benchCases {
		data := benchPayload(t, c.file)
		plain := reflect.New(plainType(c.typ))
		if err := json.Unmarshal(data, plain.Interface()); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		model := reflect.New(c.typ)
		if err := json.Unmarshal(data, model.Interface()); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if m := Mismatches(model.Interface()); len(m) > 0 {
			t.Errorf("%s: the model does not fit the payload at %v", c.name, m)
		}
		out, err := json.Marshal(model.Interface())
		if err != nil {
			t.Fatal(err)
		}
		var in, again any
		if json.Unmarshal(data, &in) != nil || json.Unmarshal(out, &again) != nil || !reflect.DeepEqual(in, again) {
			t.Errorf("%s does not re-encode to the payload", c.name)
		}
	}
}
