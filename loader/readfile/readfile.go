// Package readfile reads files whose size the reader does not control (a
// description, a config file, a lock file named on the command line) with
// a bound: a file larger than the bound, or an endless stream such as
// /dev/zero, is an error after at most limit+1 bytes, never an
// out-of-memory crash or a read that does not end.
package readfile

import (
	"fmt"
	"io"
	"os"
)

// TooLargeError is Max's error for a file over its limit.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	size := fmt.Sprintf("%d bytes", e.Limit)
	if e.Limit%(1<<20) == 0 {
		size = fmt.Sprintf("%d MiB", e.Limit>>20)
	}
	return fmt.Sprintf("%s: larger than %s", e.Path, size)
}

// Max reads the file at path, at most limit bytes of it. A folder is an
// error; a regular file known to be too large is refused before reading.
// Errors from opening the file are returned as they are (os.ErrNotExist
// and the like can be tested with errors.Is).
func Max(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: a folder, not a file", path)
	} else if err == nil && st.Mode().IsRegular() && st.Size() > limit {
		return nil, &TooLargeError{Path: path, Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Path: path, Limit: limit}
	}
	return data, nil
}
