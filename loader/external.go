package loader

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader/diag"
	"github.com/intercom-gen/intercom-gen/loader/readfile"
)

// External references. By default a description must be one self-contained
// file: every $ref that names another document is refused where it is
// written, and kin-openapi is given a reader that refuses everything, so
// nothing is ever read from disk or network while loading.
//
// With Options.AllowExternalRefs, a $ref may name a file inside the
// description's own folder (or below it). Still refused, each with its own
// message: URLs (nothing is fetched, whatever the scheme), absolute paths,
// paths that leave the folder through "..", and paths that leave it through
// a symbolic link. kin-openapi reads the referenced files through
// readExternal, which checks every location again (a custom reader bypasses
// kin's own IsExternalRefsAllowed, so the policy must live in the reader),
// caps their size and refuses YAML alias bombs in them too.

// maxExternalSize caps one referenced file.
const maxExternalSize = 64 << 20

// maxExternalFiles caps how many files one load may read.
const maxExternalFiles = 256

// externalHint says how to stop needing external references.
const externalHint = "bundle the description into a single file, or pass --allow-external-refs to read files inside the description's folder"

// external is the policy of one load for references to other files.
type external struct {
	allowed bool
	// root is the description's folder, absolute and with symbolic links
	// resolved; "" when it could not be determined (then nothing is read).
	root string
	// files counts the files kin-openapi asked for.
	files int
}

func newExternal(file string, allowed bool) *external {
	e := &external{allowed: allowed}
	if !allowed {
		return e
	}
	if dir, err := filepath.Abs(filepath.Dir(file)); err == nil {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			e.root = real
		}
	}
	return e
}

// checkExternal reports why the reference ref, written in the description
// (whose folder is e.root), may not be followed ("" when it may).
func (e *external) check(ref string) (code, msg, hint string) {
	return e.checkFrom(e.root, ref)
}

// checkFrom is check for a reference written in a file of folder base.
func (e *external) checkFrom(base, ref string) (code, msg, hint string) {
	target, frag, _ := strings.Cut(ref, "#")
	if !e.allowed {
		return "external-ref",
			fmt.Sprintf("$ref %q points outside the description; external references are refused unless --allow-external-refs is given, and URLs are never fetched", ref),
			externalHint
	}
	u, err := url.Parse(target)
	switch {
	case err != nil:
		return "bad-ref", fmt.Sprintf("$ref %q is not a valid reference: %v", ref, err),
			"write a relative file path such as 'common.yaml#/components/schemas/name'"
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(target, "//"):
		return "external-url", fmt.Sprintf("$ref %q is a URL; intercom-gen never fetches anything over the network", ref),
			"download the file into the description's folder and refer to it by a relative path"
	case filepath.IsAbs(target) || strings.HasPrefix(target, "/") || strings.HasPrefix(target, `\`) || filepath.VolumeName(target) != "":
		return "external-escape", fmt.Sprintf("$ref %q is an absolute path; only files inside the description's folder may be referenced", ref),
			"copy the file into the description's folder and refer to it by a relative path"
	case frag != "" && frag[0] != '/':
		return "bad-ref", fmt.Sprintf("$ref %q does not end in a JSON pointer", ref),
			"write a reference such as 'common.yaml#/components/schemas/name'"
	}
	if e.root == "" {
		return "external-ref", fmt.Sprintf("$ref %q names another file, but the description's folder is unknown", ref),
			"load the description from a file"
	}
	path, err := url.PathUnescape(u.Path)
	if err != nil {
		path = u.Path
	}
	if _, reason := e.within(filepath.Join(base, filepath.FromSlash(path))); reason != "" {
		return "external-escape", fmt.Sprintf("$ref %q %s", ref, reason),
			"only files inside the description's folder may be referenced; copy the file there"
	}
	return "", "", ""
}

// within resolves path (absolute) and reports why it may not be read: it
// leaves e.root, directly or through a symbolic link, or it is not a
// regular file.
func (e *external) within(path string) (string, string) {
	clean := filepath.Clean(path)
	if !inside(e.root, clean) {
		return "", "leaves the description's folder"
	}
	real, err := filepath.EvalSymlinks(clean)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", "names a file that does not exist"
		}
		return "", "names a file that cannot be read"
	}
	if !inside(e.root, real) {
		return "", "leaves the description's folder through a symbolic link"
	}
	fi, err := os.Stat(real)
	if err != nil || !fi.Mode().IsRegular() {
		return "", "does not name a regular file"
	}
	return real, ""
}

// inside reports whether path is root or below it (both clean, absolute).
func inside(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// errRefused is what the reader returns for a location it will not read.
var errRefused = errors.New("intercom-gen reads no file or URL outside the description's folder")

// configure sets kin-openapi's loader up for the policy, and returns the
// location to resolve the document's references against.
func (e *external) configure(kin *openapi3.Loader, l *load) *url.URL {
	kin.IsExternalRefsAllowed = e.allowed && e.root != ""
	kin.ReadFromURIFunc = func(_ *openapi3.Loader, location *url.URL) ([]byte, error) {
		return e.read(location, l)
	}
	if !kin.IsExternalRefsAllowed {
		return nil
	}
	abs, err := filepath.Abs(l.file)
	if err != nil {
		return nil
	}
	return &url.URL{Path: filepath.ToSlash(abs)}
}

// read is kin-openapi's only way to read a referenced document.
func (e *external) read(location *url.URL, l *load) ([]byte, error) {
	if !e.allowed || e.root == "" {
		return nil, fmt.Errorf("%s: %w", location, errRefused)
	}
	if location.Scheme != "" && location.Scheme != "file" || location.Host != "" || location.Opaque != "" {
		return nil, fmt.Errorf("%s: a URL: %w", location, errRefused)
	}
	if e.files++; e.files > maxExternalFiles {
		return nil, fmt.Errorf("more than %d referenced files", maxExternalFiles)
	}
	real, reason := e.within(filepath.FromSlash(location.Path))
	if reason != "" {
		return nil, fmt.Errorf("%s %s: %w", location.Path, reason, errRefused)
	}
	data, err := readfile.Max(real, maxExternalSize)
	var tl *readfile.TooLargeError
	if errors.As(err, &tl) {
		return nil, fmt.Errorf("%s is larger than %d MB", location.Path, maxExternalSize>>20)
	}
	if err != nil {
		return nil, err
	}
	// The same guards as for the description itself: kin-openapi decodes
	// the file on its own, so an alias bomb or an alias cycle must not
	// reach it.
	sub := &load{file: e.display(real, l.file), cfg: l.cfg, ext: &external{}}
	root := sub.parse(data)
	if root != nil {
		sub.prepare(root)
	}
	if root == nil || sub.diags.HasErrors() {
		l.diags = append(l.diags, sub.diags.Filter(diag.Error)...)
		return nil, fmt.Errorf("%s cannot be read safely", sub.file)
	}
	// Its own references are checked here, where they can be located,
	// before kin-openapi follows them.
	if !e.checkRefsIn(sub, filepath.Dir(real), root) {
		l.diags = append(l.diags, sub.diags.Filter(diag.Error)...)
		return nil, fmt.Errorf("%s refers to what may not be read", sub.file)
	}
	// Merge keys were expanded and keys retagged in the tree: kin-openapi
	// gets that tree, not the text.
	return yaml.Marshal(root)
}

// display names a referenced file in diagnostics relative to the
// description's folder, as the description wrote it.
func (e *external) display(real, file string) string {
	if rel, err := filepath.Rel(e.root, real); err == nil {
		return filepath.ToSlash(filepath.Join(filepath.Dir(file), rel))
	}
	return real
}

// checkRefsIn checks every $ref to another file written in the tree of a
// referenced file (whose folder is base), reporting into sub. It walks
// the whole tree rather than OpenAPI's layout: a referenced file may hold
// any fragment.
func (e *external) checkRefsIn(sub *load, base string, root *yaml.Node) bool {
	ok := true
	var path pathStack
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n == nil {
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				path.pushIdx(i)
				walk(c)
				path.pop()
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode && !strings.HasPrefix(v.Value, "#") {
					if code, msg, hint := e.checkFrom(base, v.Value); code != "" {
						sub.errorAt(v, code, path.with("$ref"), msg, hint)
						ok = false
					}
				}
				path.pushKey(k.Value)
				walk(v)
				path.pop()
			}
		}
	}
	walk(root)
	return ok
}
