package generator

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"regexp"
	"sync"

	"github.com/intercom-gen/intercom-gen/generator/internal/stamp"
	"github.com/intercom-gen/intercom-gen/loader"
)

// A run skips the work for a target whose folder holds a stamp of the
// same inputs with every file as it was written (see package stamp): a
// no-op `go generate ./...` over many targets then costs a read and a
// hash of each description and each generated file, not a generation.

// executableSum identifies the running program: any change to the
// generator (a new version, a rebuilt checkout) changes it. It is "" when
// the program cannot be read, which turns stamps off.
var executableSum = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return programSum(exe)
})

// programSum is the Go build ID of the executable at path when it has
// one, else the SHA-256 of its bytes. The build ID ends with a hash of
// the executable's content, written by the go command at link time, so
// it changes whenever the program does; reading it costs a few
// kilobytes, where hashing the 20 MB executable cost about a fifth of
// what loading Preview does, on every run (BenchmarkProgramSum).
func programSum(path string) string {
	if id := goBuildID(path); id != "" {
		return "go-build-id:" + id
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goBuildID reads the build ID the Go linker writes into an ELF
// executable's .note.go.buildid section. It is "" for any other file, and
// for an ID the go command would not have made (empty, as -buildid=
// leaves it, or not its slash-separated hashes), which the caller then
// does not trust to change with the program.
func goBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil || sec.Size > 1<<10 {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: name size, value size, type, then the name "Go" and
	// the value, the ID.
	bo := f.ByteOrder
	size := uint64(bo.Uint32(note[4:]))
	if bo.Uint32(note) != 4 || bo.Uint32(note[8:]) != 4 || string(note[12:16]) != "Go\x00\x00" || 16+size > uint64(len(note)) {
		return ""
	}
	id := string(note[16 : 16+size])
	if !goBuildIDShape.MatchString(id) {
		return ""
	}
	return id
}

// goBuildIDShape is an ID as the go command writes it: hashes (20 or more
// URL-safe base64 characters) joined by slashes, the last one the
// content's.
var goBuildIDShape = regexp.MustCompile(`^[A-Za-z0-9_-]{20,}(/[A-Za-z0-9_-]{20,})+$`)

// stampInputs hashes what the target's output depends on: the generator,
// the description's bytes and the options. ok is false when that is not
// all there is (see stampable) or cannot be read: such a target always
// does the full work.
func stampInputs(t Target) (sum string, ok bool) {
	if !stampable(t) {
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
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > limit {
		return "", false
	}
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
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
	// Each part's length first, so parts cannot run into one another.
	length := func(l uint64) {
		var n [8]byte
		for i := range n {
			n[i], l = byte(l), l>>8
		}
		h.Write(n[:])
	}
	for _, part := range [][]byte{[]byte(exe), opts} {
		length(uint64(len(part)))
		h.Write(part)
	}
	// The description is hashed as it is read, not held in memory; a
	// file whose size changes meanwhile (one being rewritten) is not
	// stamped.
	length(uint64(st.Size()))
	if n, err := io.Copy(h, io.LimitReader(f, st.Size()+1)); err != nil || n != st.Size() {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// stampable reports whether the description and the options are all the
// target's output depends on, besides the generator: a repair
// configuration of the caller's, or external references to other files,
// are not in the stamp, so such a target always does the full work.
func stampable(t Target) bool {
	return t.Load.Config == nil && !t.Load.AllowExternalRefs
}

// upToDate hashes the target's inputs and, at the same time, checks the
// files its folder's stamp lists: both are reads and hashes of a few
// megabytes, which is all a run that skips the work does beyond starting.
// inputs is "" when stamps are off for the target (see stampInputs); s is
// the stamp when it vouches for these inputs, else nil.
func upToDate(t Target) (inputs string, s *stamp.Stamp) {
	if !stampable(t) {
		return "", nil
	}
	var ok bool
	hashed := make(chan struct{})
	go func() {
		defer close(hashed)
		inputs, ok = stampInputs(t)
	}()
	s = stamp.Read(t.Out)
	intact := s.Intact(t.Out, t.TestPackageName())
	<-hashed
	switch {
	case !ok:
		return "", nil
	case !intact || s.Inputs != inputs:
		return inputs, nil
	}
	return inputs, s
}

// writeStamp records a successful write of res.
func writeStamp(t Target, inputs string, res *Result) error {
	s := stamp.New(inputs, res.Files)
	s.Version, s.Types, s.Operations = res.Package.Version, len(res.Package.Types), len(res.Package.Operations)
	s.Diagnostics = res.Diags
	return stamp.Write(t.Out, s)
}
