// Package stamp records what a generated folder was made from, so that a
// run whose inputs have not changed can skip the work: the folder's
// .intercom-gen.stamp holds a hash of the inputs (the generator itself,
// the description, the options) and of every file written, plus what the
// run reported. A stamp is trusted only when the inputs hash the same and
// every file still has the content it was written with; anything else
// (an edited, missing or extra generated file, another generator, a stamp
// that does not parse) means the full work.
package stamp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/intercom-gen/intercom-gen/generator/internal/gofile"
	"github.com/intercom-gen/intercom-gen/loader/diag"
)

// FileName is the stamp's name in the output folder; the go command
// ignores files starting with ".".
const FileName = ".intercom-gen.stamp"

// format changes when the stamp's meaning does.
const format = 1

// A Stamp is what one run wrote into a folder.
type Stamp struct {
	Format int    `json:"format"`
	Inputs string `json:"inputs"`
	// Version, Types and Operations describe the package, for the report
	// of a run that skips the work.
	Version    string `json:"version"`
	Types      int    `json:"types"`
	Operations int    `json:"operations"`
	// Files maps each generated file (slash-separated, relative to the
	// folder) to the hex SHA-256 of its content.
	Files map[string]string `json:"files"`
	// Diagnostics are the run's, reported again when the work is skipped.
	Diagnostics diag.List `json:"diagnostics"`
}

// New makes the stamp of files generated from inputs.
func New(inputs string, files []gofile.File) *Stamp {
	s := &Stamp{Format: format, Inputs: inputs, Files: make(map[string]string, len(files))}
	for _, f := range files {
		s.Files[f.Name] = Sum(f.Source)
	}
	return s
}

// Sum is the hex SHA-256 of data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// fileSum is Sum of the file at path, read through buf into h (reset
// first) rather than into memory of its own. Only a regular file is read,
// and no further than the size it had: something else put in a generated
// file's place (a pipe, a link to a device) is an error, not a read
// that waits or never ends.
func fileSum(path string, h hash.Hash, buf []byte) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h.Reset()
	r := io.LimitReader(f, st.Size()+1)
	for {
		n, err := r.Read(buf)
		h.Write(buf[:n])
		if err == io.EOF {
			return hex.EncodeToString(h.Sum(buf[:0])), nil
		} else if err != nil {
			return "", err
		}
	}
}

// Read returns the folder's stamp, or nil when there is none or it does
// not parse (an old format, a torn write): either means the full work.
func Read(dir string) *Stamp {
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		return nil
	}
	var s Stamp
	if json.Unmarshal(data, &s) != nil || s.Format != format || s.Inputs == "" || s.Files == nil {
		return nil
	}
	return &s
}

// Intact reports whether every stamped file has its stamped content and
// no other generated file sits in the folder or in the sub-folders named.
// The stamp vouches for the folder when Intact holds and its Inputs are
// the hash of this run's inputs (the caller hashes them meanwhile). The files are read and hashed by as many workers
// as there are cores: hashing them is most of a run that skips the work.
func (s *Stamp) Intact(dir string, subdirs ...string) bool {
	if s == nil {
		return false
	}
	names := make([]string, 0, len(s.Files))
	for name := range s.Files {
		names = append(names, name)
	}
	var next atomic.Int64
	var changed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			h, buf := sha256.New(), make([]byte, 64<<10)
			for i := int(next.Add(1)) - 1; i < len(names) && !changed.Load(); i = int(next.Add(1)) - 1 {
				sum, err := fileSum(filepath.Join(dir, filepath.FromSlash(names[i])), h, buf)
				if err != nil || sum != s.Files[names[i]] {
					changed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	if changed.Load() {
		return false
	}
	for _, sub := range append([]string{""}, subdirs...) {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			if sub != "" && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return false
		}
		for _, e := range entries {
			name := path.Join(sub, e.Name())
			if _, ok := s.Files[name]; ok || !e.Type().IsRegular() || filepath.Ext(name) != ".go" {
				continue
			}
			if gen, _ := gofile.FileIsGenerated(filepath.Join(dir, filepath.FromSlash(name))); gen {
				return false // a generated file the stamp does not know
			}
		}
	}
	return true
}

// Write stores the stamp in dir, whole or not at all (a temporary file
// renamed into place).
func Write(dir string, s *Stamp) error {
	data, err := json.MarshalIndent(s, "", "\t")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, FileName+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, FileName))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
