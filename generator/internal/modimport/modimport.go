// Package modimport finds the import path of a folder from the go.mod of
// the module it is in, as the go command would: the test package written
// beside a generated package imports it by that path.
package modimport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ImportPath returns the import path of dir (which need not exist yet):
// the module path of the nearest go.mod in dir or a folder above it,
// joined with dir's path relative to that folder.
func ImportPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		switch {
		case err == nil:
			mod, err := ModulePath(data)
			if err != nil {
				return "", fmt.Errorf("%s: %w", filepath.Join(d, "go.mod"), err)
			}
			rel, err := filepath.Rel(d, abs)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return mod, nil
			}
			return path.Join(mod, filepath.ToSlash(rel)), nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", err
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod in %s or any folder above it, so its import path is unknown", dir)
		}
		d = parent
	}
}

// ModulePath reads the module path of a go.mod file's module directive
// (quoted or not, comments allowed).
func ModulePath(gomod []byte) (string, error) {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"') {
			continue
		}
		rest = strings.TrimSpace(rest)
		if strings.HasPrefix(rest, `"`) || strings.HasPrefix(rest, "`") {
			unq, err := strconv.Unquote(rest)
			if err != nil {
				return "", fmt.Errorf("module directive %s: %w", rest, err)
			}
			rest = unq
		}
		if rest == "" {
			break
		}
		return rest, nil
	}
	return "", errors.New("no module directive")
}

// Check reports why p cannot be an import path, as the go command reads
// one: slash-separated elements of ASCII letters, digits and - . _ ~ (+
// too), none empty, none "." or "..", none starting with a dot, no
// leading or trailing slash.
func Check(p string) error {
	if p == "" {
		return errors.New("an import path cannot be empty")
	}
	for _, elem := range strings.Split(p, "/") {
		switch {
		case elem == "":
			return fmt.Errorf("import path %q has an empty element (a leading, trailing or double slash)", p)
		case elem == "." || elem == "..":
			return fmt.Errorf("import path %q has a %q element", p, elem)
		case elem[0] == '.':
			return fmt.Errorf("import path %q has an element starting with a dot", p)
		}
		for _, r := range elem {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~+", r)) {
				return fmt.Errorf("import path %q holds %q, which an import path cannot (letters, digits and - . _ ~ + only)", p, r)
			}
		}
	}
	return nil
}
