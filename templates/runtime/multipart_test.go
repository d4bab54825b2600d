package runtime

import (
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// testForm is shaped like a generated multipart form: optional fields are
// pointers, nullable ones Nullables.
type testForm struct {
	File     File             `form:"file"`
	Optional *File            `form:"attachment"`
	Missing  *File            `form:"missing"`
	Many     []File           `form:"many"`
	Name     string           `form:"name"`
	Count    *int             `form:"count"`
	Zero     *bool            `form:"zero"`
	Skipped  *string          `form:"skipped"`
	Cleared  Nullable[string] `form:"cleared"`
	Note     Nullable[string] `form:"note"`
	Labels   []string         `form:"labels"`
	Meta     map[string]any   `form:"meta"`
	Role     *contactRole     `form:"role"`
	When     *UnixTime        `form:"when"`
	Raw      []byte           `form:"raw"`
	Ignored  string
}

type receivedPart struct {
	name, filename, contentType, content string
}

func TestMultipartUpload(t *testing.T) {
	var mu sync.Mutex
	var parts []receivedPart
	var contentType string
	var contentLength int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		contentType, contentLength = r.Header.Get("Content-Type"), r.ContentLength
		_, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		mr := multipart.NewReader(r.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			b, _ := io.ReadAll(p)
			parts = append(parts, receivedPart{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(b)})
		}
		_, _ = w.Write([]byte(`{"id":"up1"}`))
	}))
	defer srv.Close()

	form := &testForm{
		File:     File{Name: "report \"q1\".csv", ContentType: "text/csv", Content: strings.NewReader("a,b\n1,2\n")},
		Optional: &File{Content: strings.NewReader("opt")},
		Many:     []File{{Name: "1.txt", Content: strings.NewReader("one")}, {Name: "2.txt"}},
		Name:     "Ann",
		Count:    Int(3),
		Zero:     Bool(false),
		Cleared:  Null[string](),
		Note:     Some("n"),
		Labels:   []string{"x", "y"},
		Meta:     map[string]any{"k": 1},
		Role:     Ptr(contactRoleUser),
		When:     Ptr(UnixTime(5)),
		Raw:      []byte{0, 1, 2},
	}
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	var got testTag
	if err := callJSON(context.Background(), core, &request{op: testOp, path: "/upload", form: form}, &got, nil); err != nil {
		t.Fatal(err)
	}
	if got.ID != "up1" {
		t.Errorf("response %+v", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if !strings.HasPrefix(contentType, "multipart/form-data; boundary=") {
		t.Errorf("Content-Type = %q", contentType)
	}
	if contentLength != -1 {
		t.Errorf("Content-Length = %d: the body should be streamed, not buffered", contentLength)
	}
	want := []receivedPart{
		{"file", `report "q1".csv`, "text/csv", "a,b\n1,2\n"},
		{"attachment", "attachment", "application/octet-stream", "opt"},
		{"many", "1.txt", "application/octet-stream", "one"},
		{"many", "2.txt", "application/octet-stream", ""},
		{"name", "", "", "Ann"},
		{"count", "", "", "3"},
		{"zero", "", "", "false"},
		{"note", "", "", "n"},
		{"labels", "", "", "x"},
		{"labels", "", "", "y"},
		{"meta", "", "", `{"k":1}`},
		{"role", "", "", "user"},
		{"when", "", "", "5"},
		{"raw", "raw", "application/octet-stream", "\x00\x01\x02"},
	}
	if len(parts) != len(want) {
		t.Fatalf("got %d parts, want %d: %+v", len(parts), len(want), parts)
	}
	for i := range want {
		g := parts[i]
		if g != want[i] {
			t.Errorf("part %d = %+v, want %+v", i, g, want[i])
		}
	}
}

// failingReader fails mid-upload, which must fail the call rather than
// send a truncated form as if it were complete.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestMultipartReaderErrorFailsTheCall(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	core := newClientCore("t", "2.11", []Option{WithBaseURL(srv.URL)})
	err := callNoContent(context.Background(), core, &request{op: testOp, path: "/upload", form: &testForm{File: File{Content: failingReader{}}}}, nil)
	if err == nil {
		t.Error("a failed upload reported success")
	}
}

func TestMultipartUnsupportedField(t *testing.T) {
	type bad struct {
		Ch chan int `form:"ch"`
	}
	_, err := formParts(&bad{Ch: make(chan int)})
	if err == nil || !strings.Contains(err.Error(), "Ch") {
		t.Errorf("err = %v", err)
	}
	if parts, err := formParts((*testForm)(nil)); parts != nil || err != nil {
		t.Errorf("nil form: %v, %v", parts, err)
	}
}

// TestMultipartOmitsZeroComposites: optional files, objects, lists and maps
// are plain values in generated forms, so their zero value means "leave the
// part out" (finalizing a catalog upload sends no file at all).
func TestMultipartOmitsZeroComposites(t *testing.T) {
	parts, err := formParts(&testForm{Name: "only"})
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 1 || parts[0].name != "name" || parts[0].text != "only" {
		t.Fatalf("want just the required name part, got %+v", parts)
	}
}
