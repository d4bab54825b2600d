package naming

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// The go command reads meaning into file names: x_test.go is a test,
// x_windows.go and x_arm64.go build only on that system or architecture,
// and files starting with "." or "_" are ignored. A tag named "windows" or
// "test" must not make its service vanish from the package.

// buildSuffixes are the GOOS and GOARCH values go/build knows, and "test".
var buildSuffixes = map[string]bool{
	"test": true,
	// GOOS
	"aix": true, "android": true, "darwin": true, "dragonfly": true, "freebsd": true, "hurd": true,
	"illumos": true, "ios": true, "js": true, "linux": true, "nacl": true, "netbsd": true,
	"openbsd": true, "plan9": true, "solaris": true, "wasip1": true, "windows": true, "zos": true,
	// GOARCH
	"386": true, "amd64": true, "amd64p32": true, "arm": true, "armbe": true, "arm64": true,
	"arm64be": true, "loong64": true, "mips": true, "mipsle": true, "mips64": true,
	"mips64le": true, "mips64p32": true, "mips64p32le": true, "ppc": true, "ppc64": true,
	"ppc64le": true, "riscv": true, "riscv64": true, "s390": true, "s390x": true,
	"sparc": true, "sparc64": true, "wasm": true,
}

// SafeFileStem makes stem (lower-case letters, digits and underscores) a
// file name stem the go command reads as a plain source file: it never
// starts with "_" or ".", and when its last underscore-separated word is a
// GOOS, a GOARCH or "test", "_tag" is appended.
func SafeFileStem(stem string) string {
	stem = strings.TrimLeft(stem, "_.")
	if stem == "" {
		return "file"
	}
	if i := strings.LastIndexByte(stem, '_'); i >= 0 && buildSuffixes[stem[i+1:]] {
		return stem + "_tag"
	}
	return stem
}

// MaxTypeName is the longest name Bounded lets through. Inline types are
// named after the path that leads to them (ContactLocationCity), which in
// a description nested thousands deep would make every name, and so the
// output, grow with the square of the depth.
const MaxTypeName = 80

// Bounded returns name unchanged when it is at most MaxTypeName bytes long,
// else its first part followed by a hash of the whole, so that distinct
// long names stay distinct and the same name always gets the same result.
func Bounded(name string) string {
	if len(name) <= MaxTypeName {
		return name
	}
	const keep = MaxTypeName - 9
	cut := keep
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return fmt.Sprintf("%s_%08x", name[:cut], h.Sum32())
}
