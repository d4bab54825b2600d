package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"sync"

	"github.com/intercom-gen/intercom-gen/generator/internal/stamp"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/readfile"
)

// A run skips the work for a target whose folder holds a stamp of the
// same inputs with every file as it was written (see package stamp): a
// no-op `go generate ./...` over many targets then costs a read and a
// hash of each description and each generated file, not a generation.

// executableSum is the hash of the running program: any change to the
// generator (a new version, a rebuilt checkout) changes the inputs. It is
// "" when the program cannot be read, which turns stamps off.
var executableSum = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// stampInputs hashes what the target's output depends on: the generator,
// the description's bytes and the options. ok is false when that is not
// all there is (a repair configuration of the caller's, external
// references to other files) or cannot be read: such a target always
// does the full work.
func stampInputs(t Target) (sum string, ok bool) {
	if t.Load.Config != nil || t.Load.AllowExternalRefs {
		return "", false
	}
	exe := executableSum()
	if exe == "" {
		return "", false
	}
	path, err := t.Description()
	if err != nil {
		return "", false
	}
	// Only a regular file within the loader's limit: anything else (a
	// device, an endless stream, a huge file) goes to the loader, which
	// refuses it properly.
	limit := t.Load.MaxSize
	if limit <= 0 {
		limit = loader.DefaultMaxSize
	}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > limit {
		return "", false
	}
	data, err := readfile.Max(path, limit)
	if err != nil {
		return "", false
	}
	importPath := ""
	if !t.NoTestPackage {
		importPath, _ = t.importPath()
	}
	opts, err := json.Marshal(struct {
		Package, Version, ImportPath string
		Filter                       Filter
		Strict, Validate             bool
		MaxSize                      int64
		NoTestPackage                bool
	}{t.Package, t.Version, importPath, t.Filter, t.Strict, t.Load.Validate, t.Load.MaxSize, t.NoTestPackage})
	if err != nil {
		return "", false
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(exe), opts, data} {
		// Each part's length first, so parts cannot run into one another.
		var n [8]byte
		for i, l := 0, uint64(len(part)); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// freshStamp returns the folder's stamp when it vouches for these inputs.
func freshStamp(t Target, inputs string) *stamp.Stamp {
	s := stamp.Read(t.Out)
	if !s.Fresh(t.Out, inputs, t.TestPackageName()) {
		return nil
	}
	return s
}

// writeStamp records a successful write of res.
func writeStamp(t Target, inputs string, res *Result) error {
	s := stamp.New(inputs, res.Files)
	s.Version, s.Types, s.Operations = res.Package.Version, len(res.Package.Types), len(res.Package.Operations)
	s.Diagnostics = res.Diags
	return stamp.Write(t.Out, s)
}
