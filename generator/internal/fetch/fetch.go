// Package fetch downloads Intercom's descriptions from Intercom's public
// repository (github.com/intercom/Intercom-OpenAPI) at a pinned commit,
// checks each against the sha256 recorded in a lock file, and stores it
// where --openapi-dir finds it: <dir>/descriptions/<version dir>/api.intercom.io.yaml.
//
// The lock file (specs/descriptions.lock in this repository, embedded in
// the binary as the default pin) records the repository, the commit and one
// sha256 per version. Update moves the pin to the branch's latest commit
// and records the new hashes.
package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v4"

	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/readfile"
)

// Defaults for Fetcher.
const (
	DefaultRepository = "intercom/Intercom-OpenAPI"
	DefaultBranch     = "main"
	DefaultRawBase    = "https://raw.githubusercontent.com"
	DefaultAPIBase    = "https://api.github.com"
)

// MaxSize bounds a downloaded description (the largest is about 4 MB).
const MaxSize = 64 << 20

// Lock is the content of a lock file.
type Lock struct {
	// Repository is "owner/name" on GitHub.
	Repository string `yaml:"repository"`
	// Commit is the commit the descriptions are read at: a full SHA, or a
	// branch name when the exact commit is not known (the hashes then still
	// pin the content: a download whose hash differs is refused).
	Commit string `yaml:"commit"`
	// Branch is what Update follows.
	Branch string `yaml:"branch,omitempty"`
	// Descriptions maps a version (as --version takes it) to
	// "sha256:<hex>" of its file.
	Descriptions map[string]string `yaml:"descriptions"`
}

// ParseLock reads a lock file's content; name labels errors.
func ParseLock(name string, data []byte) (*Lock, error) {
	var l Lock
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if l.Repository == "" || l.Commit == "" {
		return nil, fmt.Errorf("%s: a lock needs repository and commit", name)
	}
	for v, h := range l.Descriptions {
		if _, err := loader.VersionDir(v); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if _, err := parseHash(h); err != nil {
			return nil, fmt.Errorf("%s: version %s: %w", name, v, err)
		}
	}
	if l.Branch == "" {
		l.Branch = DefaultBranch
	}
	return &l, nil
}

// maxLockFile bounds a lock file (a few hundred bytes a version).
const maxLockFile = 1 << 20

// ReadLock reads the lock file at path.
func ReadLock(path string) (*Lock, error) {
	data, err := readfile.Max(path, maxLockFile)
	var tl *readfile.TooLargeError
	if errors.As(err, &tl) {
		return nil, fmt.Errorf("%w, so it is not a descriptions lock file (check the path given to --lock)", err)
	}
	if err != nil {
		return nil, err
	}
	return ParseLock(path, data)
}

// Marshal renders the lock, versions in release order.
func (l *Lock) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString("# Pinned copies of Intercom's OpenAPI descriptions, read by `intercom-gen fetch`.\n")
	b.WriteString("# `intercom-gen fetch --update` moves the pin; do not edit the hashes by hand.\n")
	fmt.Fprintf(&b, "repository: %s\ncommit: %s\n", l.Repository, l.Commit)
	if l.Branch != "" {
		fmt.Fprintf(&b, "branch: %s\n", l.Branch)
	}
	b.WriteString("descriptions:\n")
	for _, v := range l.versions() {
		fmt.Fprintf(&b, "  %q: %s\n", v, l.Descriptions[v])
	}
	return b.Bytes()
}

// versions lists the lock's versions in loader.Versions order.
func (l *Lock) versions() []string {
	var out []string
	for _, v := range loader.Versions {
		if _, ok := l.Descriptions[v]; ok {
			out = append(out, v)
		}
	}
	return out
}

// Versions lists the versions the lock pins, in release order.
func (l *Lock) Versions() []string { return l.versions() }

// Hash is the "sha256:<hex>" of data.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func parseHash(h string) ([]byte, error) {
	hexPart, ok := strings.CutPrefix(h, "sha256:")
	if !ok {
		return nil, fmt.Errorf("hash %q does not start with \"sha256:\"", h)
	}
	b, err := hex.DecodeString(hexPart)
	if err != nil || len(b) != sha256.Size {
		return nil, fmt.Errorf("hash %q is not 64 hex digits", h)
	}
	return b, nil
}

// Fetcher downloads from GitHub. The zero value uses the defaults.
type Fetcher struct {
	Client *http.Client
	// RawBase serves files: RawBase/<repository>/<commit>/<path>.
	RawBase string
	// APIBase is the GitHub REST API, asked for a branch's latest commit.
	APIBase string
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return &http.Client{Timeout: 2 * time.Minute}
}

func or(s, def string) string {
	if s != "" {
		return strings.TrimSuffix(s, "/")
	}
	return def
}

// offline explains how to do without the network.
const offline = "without network access, clone github.com/intercom/Intercom-OpenAPI elsewhere (or copy its descriptions/ folder) and point --openapi-dir or INTERCOM_OPENAPI_DIR at it instead of fetching"

func (f *Fetcher) get(ctx context.Context, url, accept string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	req.Header.Set("User-Agent", "intercom-gen-fetch")
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w; %s", url, err, offline)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s; %s", url, resp.Status, offline)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w; %s", url, err, offline)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("GET %s: larger than %d bytes, refusing it", url, MaxSize)
	}
	return data, nil
}

// DescriptionPath is a version's path inside Intercom's repository.
func DescriptionPath(version string) (string, error) {
	dir, err := loader.VersionDir(version)
	if err != nil {
		return "", err
	}
	return "descriptions/" + dir + "/" + loader.DescriptionFile, nil
}

// Download returns a version's description at a commit, unverified.
func (f *Fetcher) Download(ctx context.Context, repository, commit, version string) ([]byte, error) {
	p, err := DescriptionPath(version)
	if err != nil {
		return nil, err
	}
	return f.get(ctx, or(f.RawBase, DefaultRawBase)+"/"+repository+"/"+commit+"/"+p, "")
}

// Latest returns the SHA of a branch's latest commit.
func (f *Fetcher) Latest(ctx context.Context, repository, branch string) (string, error) {
	data, err := f.get(ctx, or(f.APIBase, DefaultAPIBase)+"/repos/"+repository+"/commits/"+branch, "application/vnd.github.sha")
	if err != nil {
		return "", err
	}
	sha := strings.TrimSpace(string(data))
	if len(sha) != 40 || strings.Trim(sha, "0123456789abcdef") != "" {
		return "", fmt.Errorf("latest commit of %s %s: %q is not a commit SHA", repository, branch, sha)
	}
	return sha, nil
}

// Fetch downloads a pinned version and checks its hash.
func (f *Fetcher) Fetch(ctx context.Context, l *Lock, version string) ([]byte, error) {
	v := canonical(version)
	want, ok := l.Descriptions[v]
	if !ok {
		return nil, fmt.Errorf("version %s is not pinned in the lock file (pinned: %s); run `intercom-gen fetch --update --version %s` to pin it",
			version, strings.Join(l.versions(), ", "), version)
	}
	data, err := f.Download(ctx, l.Repository, l.Commit, v)
	if err != nil {
		return nil, err
	}
	if got := Hash(data); got != want {
		return nil, fmt.Errorf("version %s at %s@%s has %s, the lock file pins %s: the file changed upstream; review the change with `intercom-gen fetch --update --version %s` (it prints what changed) or keep using your local copy",
			v, l.Repository, l.Commit, got, want, v)
	}
	return data, nil
}

// canonical spells a version as the lock does ("preview" in lower case).
func canonical(version string) string {
	if strings.EqualFold(strings.TrimSpace(version), "preview") {
		return "preview"
	}
	return strings.TrimSpace(version)
}

// Store writes a description where --openapi-dir finds it and returns the
// path. The file is replaced atomically.
func Store(openapiDir, version string, data []byte) (string, error) {
	if openapiDir == "" {
		return "", errors.New("no folder to store descriptions in: pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR")
	}
	p, err := DescriptionPath(version)
	if err != nil {
		return "", err
	}
	path := filepath.Join(openapiDir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fetch-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", err
	}
	return path, nil
}

// Update is the result of moving a pin.
type Update struct {
	// Lock is the new lock (the old one is not modified).
	Lock *Lock
	// Files holds the downloaded descriptions by version.
	Files map[string][]byte
	// Changed lists the versions whose hash differs from the old pin (or
	// that were not pinned).
	Changed []string
}

// UpdatePin finds the branch's latest commit and downloads every pinned
// version there, plus the versions asked for (all known versions when the
// lock pins none), returning the lock that pins them all at that commit.
func (f *Fetcher) UpdatePin(ctx context.Context, old *Lock, versions []string) (*Update, error) {
	sha, err := f.Latest(ctx, old.Repository, old.Branch)
	if err != nil {
		return nil, err
	}
	all := old.versions()
	for _, v := range versions {
		if _, err := loader.VersionDir(v); err != nil {
			return nil, err
		}
		if v = canonical(v); !slices.Contains(all, v) {
			all = append(all, v)
		}
	}
	if len(all) == 0 {
		all = loader.Versions
	}
	versions = all
	u := &Update{Lock: &Lock{Repository: old.Repository, Commit: sha, Branch: old.Branch, Descriptions: map[string]string{}}, Files: map[string][]byte{}}
	for _, v := range versions {
		data, err := f.Download(ctx, old.Repository, sha, v)
		if err != nil {
			return nil, err
		}
		h := Hash(data)
		if old.Descriptions[v] != h {
			u.Changed = append(u.Changed, v)
		}
		u.Lock.Descriptions[v] = h
		u.Files[v] = data
	}
	slices.SortFunc(u.Changed, func(a, b string) int {
		return slices.Index(loader.Versions, a) - slices.Index(loader.Versions, b)
	})
	return u, nil
}
