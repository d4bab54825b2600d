package verify

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/model"
	"github.com/intercom-gen/intercom-gen/generator/internal/pipeline"
	"github.com/intercom-gen/intercom-gen/golden"
	"github.com/intercom-gen/intercom-gen/loader"
)

// serveProgram runs a generated test package's server outside a test, so
// that the verify harness can call it: a stand-in for testing.TB reports
// the server's complaints on standard error, and the recorded calls are
// printed as JSON when standard input closes.
const serveProgram = `package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	"verifyharness/sdk/intercomtest"
)

type tb struct{ testing.TB }

func (tb) Helper()                       {}
func (tb) Cleanup(func())                {}
func (tb) Errorf(f string, args ...any)  { fmt.Fprintf(os.Stderr, f+"\n", args...) }
func (tb) Fatalf(f string, args ...any)  { fmt.Fprintf(os.Stderr, f+"\n", args...); os.Exit(1) }

func main() {
	srv := intercomtest.NewServer(tb{}, intercomtest.WithToken("` + token + `"),
		intercomtest.WithBasicAuth("` + user + `", "` + password + `"), SCHEMEKEYS)
	fmt.Println(srv.URL)
	io.Copy(io.Discard, os.Stdin)
	type call struct {
		Operation, Method, Path string
		Status                  int
		Answer                  string
	}
	var out []call
	for _, c := range srv.Calls() {
		out = append(out, call{Operation: c.Operation, Method: c.Method, Path: c.Path, Status: c.Status})
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`

// recordedCall is one call the test server recorded.
type recordedCall struct {
	Operation, Method, Path string
	Status                  int
}

// runOnTestServer calls every operation of the description through the
// generated client, as verify plans them, against the generated test
// package's server instead of verify's, and returns what the harness got
// and what the server recorded.
func runOnTestServer(t *testing.T, path string) (map[int]*harnessResult, []*Call, []recordedCall) {
	t.Helper()
	doc, _, err := loader.Load(path, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Generate(doc, pipeline.Options{ImportPath: "verifyharness/sdk"})
	if err != nil {
		t.Fatal(err)
	}
	var calls []*Call
	for _, op := range res.Package.Operations {
		item := doc.Spec.Paths.Value(op.Path)
		calls = append(calls, planCalls(op, item.GetOperation(op.HTTPMethod), item, res.Package.Version, len(calls)+1)...)
	}
	dir := t.TempDir()
	bin, err := buildHarness(context.Background(), dir, res)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "serve"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The server accepts the harness's key for every API key scheme.
	var keys []string
	for _, sc := range res.Package.Schemes {
		if sc.Kind == model.SchemeAPIKey {
			keys = append(keys, fmt.Sprintf("intercomtest.WithAPIKey(%q, %q)", sc.Name, apiKey))
		}
	}
	program := strings.Replace(serveProgram, "SCHEMEKEYS", strings.Join(keys, ", "), 1)
	if err := os.WriteFile(filepath.Join(dir, "serve", "main.go"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	serveBin := filepath.Join(dir, "serve-bin")
	build := exec.Command("go", "build", "-o", serveBin, "./serve")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the server: %v\n%s", err, out)
	}
	serve := exec.Command(serveBin)
	stdin, _ := serve.StdinPipe()
	stdout, _ := serve.StdoutPipe()
	var complaints bytes.Buffer
	serve.Stderr = &complaints
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	url, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("the server did not start: %v\n%s", err, complaints.String())
	}
	results, err := runHarness(context.Background(), bin, strings.TrimSpace(url), res.Package, calls)
	stdin.Close()
	if err != nil {
		serve.Process.Kill()
		t.Fatal(err)
	}
	var recorded []recordedCall
	if err := json.NewDecoder(out).Decode(&recorded); err != nil {
		t.Fatalf("reading the recorded calls: %v\n%s", err, complaints.String())
	}
	if err := serve.Wait(); err != nil || complaints.Len() > 0 {
		t.Fatalf("the server: %v\n%s", err, complaints.String())
	}
	return results, calls, recorded
}

// TestTestServerAnswersEveryOperation: each operation of every fixture
// and real version, called through the generated client as verify calls
// it, is routed to its own operation by the test package's server and
// answered: no 404, 401 or version error, and a 400 only for a request
// example the description itself documents as failing or that breaks its
// own schema.
func TestTestServerAnswersEveryOperation(t *testing.T) {
	needGo(t)
	paths := []string{filepath.Join("..", "..", "..", "specs", "fixtures", "v1.yaml"), filepath.Join("..", "..", "..", "specs", "fixtures", "v2.yaml")}
	if testing.Short() {
		paths = paths[:1]
	} else if dir := os.Getenv("INTERCOM_OPENAPI_DIR"); dir != "" || os.Getenv("INTERCOM_REQUIRE_SPECS") == "1" {
		dir = golden.OpenAPIDir(t)
		for _, v := range []string{"2.11", "preview"} {
			p, err := loader.ResolveVersion(dir, v)
			if err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
	}
	for _, path := range paths {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			results, calls, recorded := runOnTestServer(t, path)
			if len(recorded) != len(calls) {
				t.Errorf("%d calls recorded, %d made", len(recorded), len(calls))
			}
			byOp := map[string]int{}
			refused := 0
			for i, rc := range recorded {
				if i >= len(calls) {
					break
				}
				c := calls[i]
				byOp[rc.Operation]++
				if rc.Operation != c.Op.ID {
					t.Errorf("call %d (%s %s) routed to %q, want %s", c.N, c.Op.HTTPMethod, c.Op.Path, rc.Operation, c.Op.ID)
					continue
				}
				res := results[c.N]
				// A request example the description documents as failing, or
				// one that breaks the description's own schema, may be
				// refused as Intercom would refuse it.
				failing := c.Status >= 400 || c.RequestExample != "" && exampleInvalid(c) != ""
				switch {
				case rc.Status >= 400 && failing:
					refused++
				case rc.Status >= 400:
					msg := ""
					if res != nil && res.Error != nil {
						msg = res.Error.Message
					}
					t.Errorf("call %d %s (example %q): %d: %s", c.N, c.Op.ID, c.RequestExample, rc.Status, msg)
				case rc.Status < 400 && res != nil && res.Error != nil:
					t.Errorf("call %d %s: the client failed on a %d answer: %s", c.N, c.Op.ID, rc.Status, res.Error.Message)
				}
			}
			t.Logf("%d calls of %d operations answered; %d refused, each with a request example that is invalid or documented as failing", len(recorded), len(byOp), refused)
		})
	}
}
