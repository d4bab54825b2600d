package main

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

// rtbenchSource is the measuring half of the runtime benchmark, copied
// into the scratch module as package main.
//
//go:embed rtbench/rtbench.go
var rtbenchSource []byte

// payloadKinds are the payloads each version has under specs/payloads
// (<version>-<name>.json), the model both generators name for it, and the
// operation that answers with it: oapi-codegen's response parser is named
// after the operation.
var payloadKinds = []struct{ name, model, operation string }{
	{"contact", "Contact", "ShowContact"},
	{"contacts", "ContactList", "ListContacts"},
	{"conversation", "Conversation", "RetrieveConversation"},
}

// rtVersion is one version in the runtime benchmark program.
type rtVersion struct {
	Label      string // "2.11", "preview"
	Igen, Oapi string // import aliases
	IgenPath   string // import paths
	OapiPath   string
	Payloads   []rtPayload
	Examples   []rtExample
	Skipped    int // examples oapi-codegen has no response type for
}

type rtPayload struct {
	Name, File, Model, Parse string
	Size                     int
}

// rtExample is a success example the test package answers an operation
// with, and the types both packages decode it into.
type rtExample struct {
	ID, JSON          string // JSON as a Go string literal
	IgenType          string // e.g. *igen211.Contact
	OapiResp, OapiFld string // e.g. oapi211.ShowContactResponse, JSON200
}

// runtimeBench generates each version with intercom-gen and oapi-codegen
// into one scratch module, writes a program that measures both packages
// side by side (rtbench) and runs it.
func runtimeBench(ctx context.Context, cfg *config, tools []tool) error {
	if len(tools) < 2 {
		return fmt.Errorf("-runtime compares with oapi-codegen: leave -peers on")
	}
	igen, oapi := tools[0], tools[1]
	mod := filepath.Join(cfg.work, "runtime")
	if err := os.MkdirAll(mod, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte("module peerbench.example/runtime\n\ngo 1.25\n"), 0o644); err != nil {
		return err
	}
	var versions []rtVersion
	for _, v := range cfg.versions {
		in, err := prepareInput(cfg, v)
		if err != nil {
			return fmt.Errorf("%s: %w", v, err)
		}
		id := "v" + strings.NewReplacer(".", "", "-", "").Replace(strings.ToLower(v))
		rv := rtVersion{Label: v, Igen: "igen" + id[1:], Oapi: "oapi" + id[1:],
			IgenPath: "peerbench.example/runtime/" + id + "/igen", OapiPath: "peerbench.example/runtime/" + id + "/oapi"}
		for _, j := range []struct {
			t    tool
			file string
			dir  string
		}{{igen, in.original, "igen"}, {oapi, in.patched, "oapi"}} {
			pkgDir := filepath.Join(mod, id, j.dir)
			if err := os.RemoveAll(pkgDir); err != nil {
				return err
			}
			cmd, err := j.t.command(ctx, j.file, mod, pkgDir)
			if err != nil {
				return err
			}
			cfg.logf("%s: generating with %s", v, j.t.name)
			if _, err := measure(cmd); err != nil {
				return err
			}
		}
		prefix := strings.ToLower(v)
		for _, k := range payloadKinds {
			file := prefix + "-" + k.name + ".json"
			data, err := os.ReadFile(filepath.Join(cfg.repo, "specs", "payloads", file))
			if err != nil {
				return fmt.Errorf("%s: no payload %s under specs/payloads: %w", v, file, err)
			}
			if err := os.MkdirAll(filepath.Join(mod, "payloads"), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(mod, "payloads", file), data, 0o644); err != nil {
				return err
			}
			rv.Payloads = append(rv.Payloads, rtPayload{Name: k.name, File: file, Model: k.model, Parse: "Parse" + k.operation + "Response", Size: len(data)})
		}
		rv.Examples, rv.Skipped, err = exampleCases(filepath.Join(mod, id), rv.Igen, rv.Oapi)
		if err != nil {
			return fmt.Errorf("%s: %w", v, err)
		}
		versions = append(versions, rv)
	}

	main := bytes.Replace(rtbenchSource, []byte("package rtbench"), []byte("package main"), 1)
	if err := os.WriteFile(filepath.Join(mod, "rtbench.go"), main, 0o644); err != nil {
		return err
	}
	var cases bytes.Buffer
	if err := casesTemplate.Execute(&cases, versions); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(mod, "cases.go"), cases.Bytes(), 0o644); err != nil {
		return err
	}
	cfg.logf("building the benchmark program")
	if _, err := measure(goCmd(ctx, mod, "mod", "tidy")); err != nil {
		return err
	}
	bin := filepath.Join(cfg.bin, "rtbench")
	experiment := ""
	if cfg.jsonv2 {
		experiment = "jsonv2"
	}
	build := goCmd(ctx, mod, "build", "-o", bin, ".")
	build.Env = append(build.Env, "GOEXPERIMENT="+experiment)
	if _, err := measure(build); err != nil {
		return err
	}
	cfg.logf("measuring (%d rounds of %s per case)", cfg.runs, cfg.benchtime)
	cmd := exec.CommandContext(ctx, bin, "-rounds", strconv.Itoa(cfg.runs), "-benchtime", cfg.benchtime.String(), "-run", cfg.runFilter)
	cmd.Dir = mod
	cmd.Stdout, cmd.Stderr = cfg.out, cfg.progress
	how := "`go run ./cmd/peerbench -runtime`"
	if cfg.jsonv2 {
		how = "`go run ./cmd/peerbench -runtime -jsonv2` (GOEXPERIMENT=jsonv2: encoding/json is built on encoding/json/v2, and intercom-gen's models have its methods)"
	}
	fmt.Fprintf(cfg.out, "Measured by %s on %s.\n", how, describeMachine(ctx))
	return cmd.Run()
}

// exampleCases reads the operations of intercom-gen's test package
// (<dir>/igen/intercomtest/operations.go): each answers with a success
// example and names the type its method returns. The examples that
// oapi-codegen's package has a response type for are returned; skipped
// counts the others.
func exampleCases(dir, igenAlias, oapiAlias string) (cases []rtExample, skipped int, err error) {
	opsFile := filepath.Join(dir, "igen", "intercomtest", "operations.go")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, opsFile, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, 0, fmt.Errorf("reading the test package's examples: %w", err)
	}
	oapiSrc, err := os.ReadFile(filepath.Join(dir, "oapi", "client.gen.go"))
	if err != nil {
		return nil, 0, err
	}
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		idx, ok := lit.Type.(*ast.IndexExpr)
		if !ok || len(lit.Elts) != 1 {
			return true
		}
		if id, ok := idx.X.(*ast.Ident); !ok || id.Name != "Op" {
			return true
		}
		op, _ := lit.Elts[0].(*ast.UnaryExpr)
		if op == nil {
			return false
		}
		body, _ := op.X.(*ast.CompositeLit)
		if body == nil {
			return false
		}
		fields := map[string]ast.Expr{}
		for _, e := range body.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok {
					fields[k.Name] = kv.Value
				}
			}
		}
		result, _ := fields["result"].(*ast.Ident)
		example, _ := fields["example"].(*ast.BasicLit)
		status, _ := fields["status"].(*ast.BasicLit)
		id, _ := fields["id"].(*ast.BasicLit)
		if result == nil || result.Name != "resultJSON" || example == nil || status == nil || id == nil {
			return false
		}
		text, err1 := strconv.Unquote(example.Value)
		opID, err2 := strconv.Unquote(id.Value)
		if err1 != nil || err2 != nil || text == "" {
			return false
		}
		resp, fld := oapiResponse(oapiSrc, opID, status.Value)
		if resp == "" {
			skipped++
			return false
		}
		var typ bytes.Buffer
		if err := printer.Fprint(&typ, fset, idx.Index); err != nil {
			return false
		}
		cases = append(cases, rtExample{
			ID: opID, JSON: strconv.Quote(text),
			IgenType: strings.ReplaceAll(typ.String(), "intercom.", igenAlias+"."),
			OapiResp: oapiAlias + "." + resp, OapiFld: fld,
		})
		return false
	})
	if len(cases) == 0 {
		return nil, skipped, fmt.Errorf("no examples found in %s", opsFile)
	}
	return cases, skipped, nil
}

// oapiResponse finds oapi-codegen's response type for an operation and
// the field holding its JSON answer for status: type <OpID>Response
// struct { … JSON200 *T … }.
func oapiResponse(src []byte, opID, status string) (typ, field string) {
	name := strings.ToUpper(opID[:1]) + opID[1:] + "Response"
	m := regexp.MustCompile(`(?s)\ntype ` + regexp.QuoteMeta(name) + ` struct \{(.*?)\n\}`).FindSubmatch(src)
	if m == nil {
		return "", ""
	}
	field = "JSON" + status
	if !regexp.MustCompile(`\n\t` + field + `\s+\*`).Match(m[1]) {
		return "", ""
	}
	return name, field
}

var casesTemplate = template.Must(template.New("cases").Funcs(template.FuncMap{
	"kb":   func(n int) float64 { return float64(n) / 1024 },
	"resp": func(parse string) string { return strings.TrimPrefix(parse, "Parse") },
}).Parse(`// Code generated by peerbench. DO NOT EDIT.

package main

import (
	"context"
	"embed"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"fmt"
	"testing"
{{range .}}
	{{.Igen}} "{{.IgenPath}}"
	{{.Oapi}} "{{.OapiPath}}"{{end}}
)

//go:embed payloads
var payloads embed.FS

func payload(name string) []byte {
	data, err := payloads.ReadFile("payloads/" + name)
	if err != nil {
		panic(err)
	}
	return data
}

// server answers GET /<file> with the payload file.
var server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	data, err := payloads.ReadFile("payloads" + r.URL.Path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data)
}))

type model[T any] interface {
	*T
	json.Unmarshaler
	json.Marshaler
}

// payloadCases compares decoding and encoding one payload, and one client
// call answered with it.
func payloadCases[I any, PI model[I], O any](table, row string, data []byte,
	do func(ctx context.Context, out any) error, call func() (bool, error)) []Case {
	var in I
	var out O
	if err := json.Unmarshal(data, PI(&in)); err != nil {
		panic(fmt.Sprint(table, row, err))
	}
	if err := json.Unmarshal(data, &out); err != nil {
		panic(fmt.Sprint(table, row, err))
	}
	must := func(b *testing.B, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	bench := func(f func(b *testing.B)) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				f(b)
			}
		}
	}
	decodeOapi := bench(func(b *testing.B) { must(b, json.Unmarshal(data, new(O))) })
	encodeOapi := bench(func(b *testing.B) { _, err := json.Marshal(&out); must(b, err) })
	encoded, err := PI(&in).MarshalJSON()
	if err != nil {
		panic(fmt.Sprint(table, row, err))
	}
	return []Case{
		{table, row + ": decode, json.Unmarshal", "intercom-gen", bench(func(b *testing.B) { must(b, json.Unmarshal(data, PI(new(I)))) })},
		{table, row + ": decode, json.Unmarshal", "oapi-codegen", decodeOapi},
		{table, row + ": decode, UnmarshalJSON (oapi-codegen: json.Unmarshal)", "intercom-gen", bench(func(b *testing.B) { must(b, PI(new(I)).UnmarshalJSON(data)) })},
		{table, row + ": decode, UnmarshalJSON (oapi-codegen: json.Unmarshal)", "oapi-codegen", decodeOapi},
		{table, row + ": encode, json.Marshal", "intercom-gen", bench(func(b *testing.B) { _, err := json.Marshal(PI(&in)); must(b, err) })},
		{table, row + ": encode, json.Marshal", "oapi-codegen", encodeOapi},
		{table, row + ": encode, MarshalJSON (oapi-codegen: json.Marshal)", "intercom-gen", bench(func(b *testing.B) { _, err := PI(&in).MarshalJSON(); must(b, err) })},
		{table, row + ": encode, MarshalJSON (oapi-codegen: json.Marshal)", "oapi-codegen", encodeOapi},
		{table, row + ": client call on loopback", "intercom-gen", bench(func(b *testing.B) { must(b, do(ctx, PI(new(I)))) })},
		{table, row + ": client call on loopback", "oapi-codegen", bench(func(b *testing.B) {
			ok, err := call()
			must(b, err)
			if !ok {
				b.Fatal("no JSON answer")
			}
		})},
		// What encoding/json does around any UnmarshalJSON and
		// MarshalJSON: it validates and skips the input before calling
		// the first, and compacts what the second returns.
		{table, row + ": json.Unmarshal's scans around a no-op UnmarshalJSON", "floor", bench(func(b *testing.B) { must(b, json.Unmarshal(data, new(noop))) })},
		{table, row + ": json.Unmarshal's scans around a no-op UnmarshalJSON", "oapi-codegen", decodeOapi},
		{table, row + ": json.Marshal's compaction of what MarshalJSON returns", "floor", bench(func(b *testing.B) { _, err := json.Marshal(fixed(encoded)); must(b, err) })},
		{table, row + ": json.Marshal's compaction of what MarshalJSON returns", "oapi-codegen", encodeOapi},
	}
}

// noop is a type whose UnmarshalJSON does nothing, and fixed one whose
// MarshalJSON returns the same bytes every time: json.Unmarshal and
// json.Marshal of them measure encoding/json's own work around the
// methods.
type noop struct{}

func (*noop) UnmarshalJSON([]byte) error { return nil }

type fixed []byte

func (f fixed) MarshalJSON() ([]byte, error) { return f, nil }

// get is oapi-codegen's client call: its HTTP client, then its parser.
func get[R any](path string, parse func(*http.Response) (*R, error), json200 func(*R) bool) func() (bool, error) {
	return func() (bool, error) {
		resp, err := server.Client().Get(server.URL + path)
		if err != nil {
			return false, err
		}
		r, err := parse(resp)
		if err != nil {
			return false, err
		}
		return json200(r), nil
	}
}

// exampleCase is one success example and how each package decodes it.
type exampleCase struct {
	json       string
	igen, oapi func([]byte) error
}

func exampleCases(table string, all []exampleCase) []Case {
	// Only the examples both packages decode are compared.
	var examples []exampleCase
	size := 0
	for _, e := range all {
		if e.igen([]byte(e.json)) != nil || e.oapi([]byte(e.json)) != nil {
			continue
		}
		examples = append(examples, e)
		size += len(e.json)
	}
	run := func(igen bool) func(b *testing.B) {
		data := make([][]byte, len(examples))
		for i, e := range examples {
			data[i] = []byte(e.json)
		}
		return func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				for i, e := range examples {
					f := e.oapi
					if igen {
						f = e.igen
					}
					if err := f(data[i]); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
	row := fmt.Sprintf("the %d success examples both packages decode (of %d; %.1f KB): decode, json.Unmarshal", len(examples), len(all), float64(size)/1024)
	return []Case{
		{table, row, "intercom-gen", run(true)},
		{table, row, "oapi-codegen", run(false)},
	}
}

func main() {
	var cases []Case
{{- range $v := .}}
	{
		client := {{.Igen}}.NewClient("token", {{.Igen}}.WithBaseURL(server.URL), {{.Igen}}.WithHTTPClient(server.Client()))
		do := func(path string) func(context.Context, any) error {
			return func(ctx context.Context, out any) error { return client.Do(ctx, "GET", path, nil, out) }
		}
{{- range .Payloads}}
		cases = append(cases, payloadCases[{{$v.Igen}}.{{.Model}}, *{{$v.Igen}}.{{.Model}}, {{$v.Oapi}}.{{.Model}}]("{{$v.Label}}", "{{.Name}} ({{printf "%.1f" (kb .Size)}} KB)",
			payload("{{.File}}"), do("/{{.File}}"),
			get("/{{.File}}", {{$v.Oapi}}.{{.Parse}}, func(r *{{$v.Oapi}}.{{.Parse | resp}}) bool { return r.JSON200 != nil }))...)
{{- end}}
		cases = append(cases, exampleCases("{{.Label}}", []exampleCase{
{{- range .Examples}}
			{ {{.JSON}}, func(b []byte) error { return json.Unmarshal(b, new({{.IgenType}})) }, func(b []byte) error { var r {{.OapiResp}}; return json.Unmarshal(b, &r.{{.OapiFld}}) } }, // {{.ID}}
{{- end}}
		})...)
	}
{{- end}}
	Main(cases)
}
`))
