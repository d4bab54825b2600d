package runtime

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// uploadServer records each request's body and Content-Type, and answers
// 503 to the first fail requests.
type uploadServer struct {
	mu     sync.Mutex
	bodies []string
	types  []string
	length []int64
	fail   int
}

func (s *uploadServer) handler(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(b))
	s.types = append(s.types, r.Header.Get("Content-Type"))
	s.length = append(s.length, r.ContentLength)
	n := len(s.bodies)
	s.mu.Unlock()
	if n <= s.fail {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

var putFile = Operation{ID: "putFile", Method: http.MethodPut, Path: "/files"}

func TestRawBodies(t *testing.T) {
	t.Run("text goes as it is, with its type and length", func(t *testing.T) {
		rs := &uploadServer{}
		srv := httptest.NewServer(http.HandlerFunc(rs.handler))
		defer srv.Close()
		core := newClientCore("t", "", []Option{WithBaseURL(srv.URL)})
		r := &request{op: testOp, path: "/render", raw: strings.NewReader("# Hello\n"), rawType: "text/x-markdown"}
		if err := callNoContent(context.Background(), core, r, nil); err != nil {
			t.Fatal(err)
		}
		if rs.bodies[0] != "# Hello\n" || rs.types[0] != "text/x-markdown" || rs.length[0] != 8 {
			t.Errorf("received %q as %q, length %d", rs.bodies[0], rs.types[0], rs.length[0])
		}
	})
	t.Run("a file is retried from where it started, and left open", func(t *testing.T) {
		rs := &uploadServer{fail: 1}
		srv := httptest.NewServer(http.HandlerFunc(rs.handler))
		defer srv.Close()
		path := filepath.Join(t.TempDir(), "photo.jpg")
		if err := os.WriteFile(path, []byte("HEADER\xff\xd8jpeg bytes"), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Seek(6, io.SeekStart); err != nil { // skip a header the caller read
			t.Fatal(err)
		}
		core := newClientCore("t", "", []Option{WithBaseURL(srv.URL), withClock(newFakeClock()), WithMaxRetries(2)})
		r := &request{op: putFile, path: "/files", raw: f, rawType: "image/jpeg"}
		if err := callNoContent(context.Background(), core, r, nil); err != nil {
			t.Fatal(err)
		}
		if len(rs.bodies) != 2 || rs.bodies[0] != "\xff\xd8jpeg bytes" || rs.bodies[1] != rs.bodies[0] {
			t.Errorf("attempts sent %q", rs.bodies)
		}
		if rs.length[1] != int64(len("\xff\xd8jpeg bytes")) || rs.types[1] != "image/jpeg" {
			t.Errorf("length %d, type %q", rs.length[1], rs.types[1])
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			t.Errorf("the caller's file was closed: %v", err)
		}
	})
	t.Run("a stream that cannot seek is sent once", func(t *testing.T) {
		rs := &uploadServer{fail: 1}
		srv := httptest.NewServer(http.HandlerFunc(rs.handler))
		defer srv.Close()
		core := newClientCore("t", "", []Option{WithBaseURL(srv.URL), withClock(newFakeClock()), WithMaxRetries(2)})
		pr, pw := io.Pipe()
		go func() {
			pw.Write([]byte("streamed"))
			pw.Close()
		}()
		r := &request{op: putFile, path: "/files", raw: pr, rawType: "application/octet-stream"}
		err := callNoContent(context.Background(), core, r, nil)
		if err == nil || len(rs.bodies) != 1 || rs.bodies[0] != "streamed" || rs.length[0] != -1 {
			t.Errorf("err %v, bodies %q, length %v", err, rs.bodies, rs.length)
		}
	})
	t.Run("a caller's Content-Type wins", func(t *testing.T) {
		rs := &uploadServer{}
		srv := httptest.NewServer(http.HandlerFunc(rs.handler))
		defer srv.Close()
		core := newClientCore("t", "", []Option{WithBaseURL(srv.URL)})
		r := &request{op: putFile, path: "/files", raw: bytes.NewReader([]byte{1, 2}), rawType: "application/octet-stream"}
		if err := callNoContent(context.Background(), core, r, []Option{WithHeader("Content-Type", "image/png")}); err != nil {
			t.Fatal(err)
		}
		if rs.types[0] != "image/png" || rs.bodies[0] != "\x01\x02" {
			t.Errorf("received %q as %q", rs.bodies[0], rs.types[0])
		}
	})
}
