package runtime

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// memTransport answers every request in memory, so a benchmark measures
// the client's own work per call rather than the network.
type memTransport struct{ body func(r *http.Request) string }

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	h := http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Limit": {"10000"}, "X-Ratelimit-Remaining": {"9999"}}
	return &http.Response{StatusCode: 200, Status: "200 OK", Header: h, Body: io.NopCloser(strings.NewReader(m.body(r))), Request: r}, nil
}

const benchTag = `{"type":"tag","id":"17","name":"vip"}`

func benchCall(b *testing.B, opts ...Option) {
	hc := &http.Client{Transport: memTransport{body: func(*http.Request) string { return benchTag }}}
	core := newClientCore("tok", "2.11", append([]Option{WithRegion(RegionUS), WithHTTPClient(hc)}, opts...))
	r := &request{op: postOp, path: "/tags", body: &testTag{ID: "17", Name: String("vip")}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		var out testTag
		if err := callJSON(ctx, core, r, &out, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallRetriesEnabled and BenchmarkCallRetriesDisabled compare a
// call with the default retry policy against one with retries off: the
// policy only costs when a retry happens.
func BenchmarkCallRetriesEnabled(b *testing.B)  { benchCall(b) }
func BenchmarkCallRetriesDisabled(b *testing.B) { benchCall(b, WithMaxRetries(0)) }

// threePages answers a cursor-paginated list of three pages of ten items.
func threePages(r *http.Request) string {
	next := map[string]string{"": "c1", "c1": "c2", "c2": ""}[r.URL.Query().Get("starting_after")]
	var items []string
	for range 10 {
		items = append(items, `{"id":"x"}`)
	}
	pages := `{"next":null}`
	if next != "" {
		pages = `{"next":{"starting_after":"` + next + `"}}`
	}
	return `{"data":[` + strings.Join(items, ",") + `],"pages":` + pages + `}`
}

// BenchmarkIterateAll walks three pages with the item iterator;
// BenchmarkIterateByHand does the same with plain calls and a cursor, as
// a caller would without iterators.
func BenchmarkIterateAll(b *testing.B) {
	core := newClientCore("tok", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(&http.Client{Transport: memTransport{body: threePages}})})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range itemSeq(pageSeq[*testPage](ctx, core, &request{op: getOp, path: "/things"}, cursorPaging, nil), listOf) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 30 {
			b.Fatal(n)
		}
	}
}

func BenchmarkIterateByHand(b *testing.B) {
	core := newClientCore("tok", "2.11", []Option{WithRegion(RegionUS), WithHTTPClient(&http.Client{Transport: memTransport{body: threePages}})})
	ctx := context.Background()
	type params struct {
		StartingAfter *string `query:"starting_after"`
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		var cursor *string
		for {
			var page testPage
			if err := callJSON(ctx, core, &request{op: getOp, path: "/things", params: &params{StartingAfter: cursor}}, &page, nil); err != nil {
				b.Fatal(err)
			}
			n += len(page.Data)
			next, _ := page.Pages["next"].(map[string]any)
			c, _ := next["starting_after"].(string)
			if c == "" {
				break
			}
			cursor = &c
		}
		if n != 30 {
			b.Fatal(n)
		}
	}
}
