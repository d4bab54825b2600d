package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercom-gen/intercom-gen/generator/internal/fetch"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/specs"
)

const sha1 = "1111111111111111111111111111111111111111"
const sha2 = "2222222222222222222222222222222222222222"

// upstream serves files per commit and a branch head, like GitHub's raw
// and REST endpoints.
type upstream struct {
	files map[string]string // "<commit>/<path>" → content
	head  string
	hits  []string
}

func (u *upstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u.hits = append(u.hits, r.URL.Path)
	if r.URL.Path == "/api/repos/intercom/Intercom-OpenAPI/commits/main" {
		if r.Header.Get("Accept") != "application/vnd.github.sha" {
			http.Error(w, "want the sha media type", http.StatusBadRequest)
			return
		}
		w.Write([]byte(u.head))
		return
	}
	if body, ok := u.files[strings.TrimPrefix(r.URL.Path, "/raw/intercom/Intercom-OpenAPI/")]; ok {
		w.Write([]byte(body))
		return
	}
	http.NotFound(w, r)
}

func setup(t *testing.T) (*upstream, *fetch.Fetcher, *fetch.Lock) {
	u := &upstream{files: map[string]string{
		sha1 + "/descriptions/2.15/api.intercom.io.yaml": "openapi: 3.0.1 # 2.15 at 1\n",
		sha1 + "/descriptions/0/api.intercom.io.yaml":    "openapi: 3.0.1 # preview at 1\n",
		sha2 + "/descriptions/2.15/api.intercom.io.yaml": "openapi: 3.0.1 # 2.15 at 1\n",
		sha2 + "/descriptions/0/api.intercom.io.yaml":    "openapi: 3.0.1 # preview at 2\n",
		sha2 + "/descriptions/2.16/api.intercom.io.yaml": "openapi: 3.0.1 # 2.16 at 2\n",
	}, head: sha2}
	srv := httptest.NewServer(u)
	t.Cleanup(srv.Close)
	f := &fetch.Fetcher{Client: srv.Client(), RawBase: srv.URL + "/raw", APIBase: srv.URL + "/api"}
	lock := &fetch.Lock{Repository: fetch.DefaultRepository, Commit: sha1, Branch: "main", Descriptions: map[string]string{
		"2.15":    fetch.Hash([]byte("openapi: 3.0.1 # 2.15 at 1\n")),
		"preview": fetch.Hash([]byte("openapi: 3.0.1 # preview at 1\n")),
	}}
	return u, f, lock
}

func TestFetchAndStore(t *testing.T) {
	u, f, lock := setup(t)
	data, err := f.Fetch(context.Background(), lock, "Preview")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path, err := fetch.Store(dir, "preview", data)
	if err != nil {
		t.Fatal(err)
	}
	// Stored where --openapi-dir finds it.
	if found, err := loader.ResolveVersion(dir, "preview"); err != nil || found != path {
		t.Fatalf("ResolveVersion = %q, %v; stored at %q", found, err, path)
	}
	if got, _ := os.ReadFile(path); string(got) != string(data) {
		t.Fatalf("stored %q", got)
	}
	if want := "/raw/intercom/Intercom-OpenAPI/" + sha1 + "/descriptions/0/api.intercom.io.yaml"; u.hits[len(u.hits)-1] != want {
		t.Errorf("fetched %s, want %s", u.hits[len(u.hits)-1], want)
	}

	// A hash mismatch is refused.
	lock.Descriptions["2.15"] = fetch.Hash([]byte("something else"))
	if _, err := f.Fetch(context.Background(), lock, "2.15"); err == nil || !strings.Contains(err.Error(), "the lock file pins") ||
		!strings.Contains(err.Error(), "fetch --update --version 2.15") {
		t.Errorf("mismatch: %v", err)
	}
	// An unpinned version is refused with the fix.
	if _, err := f.Fetch(context.Background(), lock, "2.16"); err == nil || !strings.Contains(err.Error(), "not pinned") {
		t.Errorf("unpinned: %v", err)
	}
}

func TestOffline(t *testing.T) {
	_, f, lock := setup(t)
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close() // nothing listens any more
	f.RawBase, f.APIBase = srv.URL, srv.URL
	for _, err := range []error{
		func() error { _, err := f.Fetch(context.Background(), lock, "2.15"); return err }(),
		func() error { _, err := f.UpdatePin(context.Background(), lock, nil); return err }(),
	} {
		if err == nil || !strings.Contains(err.Error(), "point --openapi-dir or INTERCOM_OPENAPI_DIR at it") {
			t.Errorf("offline error does not say how to use a local checkout: %v", err)
		}
	}
}

func TestUpdatePin(t *testing.T) {
	_, f, lock := setup(t)
	u, err := f.UpdatePin(context.Background(), lock, []string{"2.16"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Lock.Commit != sha2 || len(u.Lock.Descriptions) != 3 {
		t.Fatalf("new lock %+v", u.Lock)
	}
	if strings.Join(u.Changed, ",") != "2.16,preview" {
		t.Errorf("changed %v, want 2.16 (new) and preview (new content)", u.Changed)
	}
	if lock.Commit != sha1 {
		t.Error("UpdatePin modified the old lock")
	}
	// The new lock round-trips and fetches.
	again, err := fetch.ParseLock("new.lock", u.Lock.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Fetch(context.Background(), again, "preview"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(u.Lock.Marshal()), "\n  \"2.15\": sha256:") {
		t.Errorf("lock text:\n%s", u.Lock.Marshal())
	}
}

func TestParseLockErrors(t *testing.T) {
	for src, want := range map[string]string{
		"repository: a/b\ncommit: main\ndescriptions: {\"9.9\": sha256:00}\n": "unknown Intercom API version",
		"repository: a/b\ncommit: main\ndescriptions: {\"2.11\": md5:00}\n":   `does not start with "sha256:"`,
		"repository: a/b\ncommit: main\nextra: 1\n":                           "extra",
		"commit: main\n": "needs repository and commit",
		"repository: a/b\ncommit: main\ndescriptions: {\"2.11\": sha256:zz}\n": "not 64 hex digits",
	} {
		if _, err := fetch.ParseLock("x.lock", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", src, err, want)
		}
	}
}

// TestEmbeddedLock checks that the lock the binary carries parses, pins
// every version, and matches the descriptions the tests run against.
func TestEmbeddedLock(t *testing.T) {
	lock, err := fetch.ParseLock("specs/descriptions.lock", specs.DescriptionsLock)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(lock.Versions(), ",") != strings.Join(loader.Versions, ",") {
		t.Fatalf("lock pins %v", lock.Versions())
	}
	dir := os.Getenv("INTERCOM_OPENAPI_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "intercom-openapi")
	}
	if _, err := os.Stat(filepath.Join(dir, "descriptions")); err != nil {
		t.Skip("no local descriptions to compare with")
	}
	for _, v := range loader.Versions {
		p, err := loader.ResolveVersion(dir, v)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		if got := fetch.Hash(data); got != lock.Descriptions[v] {
			t.Errorf("%s: local copy %s, lock %s (run intercom-gen fetch --update, or the local copy is not the pinned one)", v, got, lock.Descriptions[v])
		}
	}
}
