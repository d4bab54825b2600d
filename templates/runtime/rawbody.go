package runtime

import (
	"bytes"
	"io"
	"strings"
)

// rawBody is a request body sent as it is: text, or a file the caller
// hands over as an io.Reader. The caller keeps ownership of the reader
// (the client never closes it), and a reader that can seek is rewound
// for each attempt, so such a body can be retried.
type rawBody struct {
	r      io.Reader
	seeker io.Seeker
	start  int64
	// size is the number of bytes to send, -1 when unknown (the request
	// is then sent chunked).
	size int64
}

func newRawBody(r io.Reader) (*rawBody, error) {
	if isNilArg(r) {
		return nil, nil
	}
	b := &rawBody{r: r, size: -1}
	switch x := r.(type) {
	case *bytes.Reader, *strings.Reader, *bytes.Buffer:
		// net/http knows these: it sets the length (and can send them
		// again) itself.
		if s, ok := x.(io.Seeker); ok {
			b.seeker = s
		}
	case io.Seeker:
		b.seeker = x
	}
	if b.seeker != nil {
		start, err := b.seeker.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, err
		}
		end, err := b.seeker.Seek(0, io.SeekEnd)
		if err != nil {
			return nil, err
		}
		if _, err := b.seeker.Seek(start, io.SeekStart); err != nil {
			return nil, err
		}
		b.start, b.size = start, end-start
	}
	return b, nil
}

// rewindable reports whether the body can be sent more than once.
func (b *rawBody) rewindable() bool { return b.seeker != nil }

// rewind goes back to where the body started, before each attempt.
func (b *rawBody) rewind() error {
	if b.seeker == nil {
		return nil
	}
	_, err := b.seeker.Seek(b.start, io.SeekStart)
	return err
}

// reader is what an attempt sends: the reader itself when net/http
// handles its type, else the reader without its Close method, so that
// sending a file does not close the caller's file.
func (b *rawBody) reader() io.Reader {
	switch b.r.(type) {
	case *bytes.Reader, *strings.Reader, *bytes.Buffer:
		return b.r
	}
	return struct{ io.Reader }{b.r}
}
