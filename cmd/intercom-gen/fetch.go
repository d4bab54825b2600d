package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator/apidiff"
	"github.com/intercom-gen/intercom-gen/loader"
	"github.com/intercom-gen/intercom-gen/loader/fetch"
	"github.com/intercom-gen/intercom-gen/specs"
)

// defaultLock is where the lock file lives in this repository.
const defaultLock = "specs/descriptions.lock"

func fetchCommand() *cli.Command {
	return &cli.Command{
		Name:  "fetch",
		Usage: "download Intercom's descriptions at the pinned commit, check their sha256, store them under --openapi-dir",
		UsageText: "intercom-gen fetch [--version VERSION]... --openapi-dir DIR [--lock FILE]\n" +
			"   intercom-gen fetch --update [--version VERSION]... --openapi-dir DIR [--lock FILE]",
		Flags: []cli.Flag{
			&cli.StringSliceFlag{Name: "version", Usage: "fetch `VERSION` (repeatable; default: every pinned version)"},
			openapiDirFlag,
			&cli.StringFlag{Name: "lock", Usage: "the lock `FILE` (default: " + defaultLock + " if it exists, else the pin built into intercom-gen)"},
			&cli.BoolFlag{Name: "update", Usage: "move the pin to the latest commit of Intercom's repository, print what changed, rewrite the lock file"},
			&cli.StringFlag{Name: "raw-base", Usage: "`URL` serving repository files (for mirrors and tests)", Value: fetch.DefaultRawBase},
			&cli.StringFlag{Name: "api-base", Usage: "GitHub API `URL` (for mirrors and tests)", Value: fetch.DefaultAPIBase},
		},
		Action: fetchAction,
	}
}

// readLock reads --lock, else specs/descriptions.lock, else the built-in
// pin; it returns where an update should be written.
func readLock(c *cli.Context) (*fetch.Lock, string, error) {
	path := c.String("lock")
	if path == "" {
		path = defaultLock
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			l, err := fetch.ParseLock("built-in "+defaultLock, specs.DescriptionsLock)
			return l, path, err
		}
	}
	l, err := fetch.ReadLock(path)
	return l, path, err
}

func fetchAction(c *cli.Context) error {
	dir := c.String("openapi-dir")
	if dir == "" {
		return errors.New("no folder to store descriptions in: pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR (fetched files go to DIR/descriptions/<version>/api.intercom.io.yaml)")
	}
	lock, lockPath, err := readLock(c)
	if err != nil {
		return err
	}
	f := &fetch.Fetcher{RawBase: c.String("raw-base"), APIBase: c.String("api-base")}
	versions := c.StringSlice("version")
	if c.Bool("update") {
		return fetchUpdate(c, f, lock, lockPath, dir, versions)
	}
	if len(versions) == 0 {
		versions = lock.Versions()
	}
	for _, v := range versions {
		data, err := f.Fetch(c.Context, lock, v)
		if err != nil {
			return err
		}
		path, err := fetch.Store(dir, v, data)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.App.Writer, "intercom-gen: fetch: %s %s → %s\n", v, fetch.Hash(data), path)
	}
	return nil
}

// fetchUpdate moves the pin, prints a diff summary for each changed
// version against the copy in dir, then stores the files and the lock.
func fetchUpdate(c *cli.Context, f *fetch.Fetcher, lock *fetch.Lock, lockPath, dir string, versions []string) error {
	u, err := f.UpdatePin(c.Context, lock, versions)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "intercom-gen: fetch: %s %s → %s; %d of %d version(s) changed\n",
		u.Lock.Repository, lock.Commit, u.Lock.Commit, len(u.Changed), len(u.Files))
	tmp, err := os.MkdirTemp("", "intercom-gen-fetch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, v := range u.Changed {
		summary := "new: no local copy to compare with"
		if old, err := loader.ResolveVersion(dir, v); err == nil {
			neu := filepath.Join(tmp, v+".yaml")
			if err := os.WriteFile(neu, u.Files[v], 0o644); err != nil {
				return err
			}
			summary = diffSummary(c, v, old, neu)
		}
		fmt.Fprintf(c.App.Writer, "  %s: %s\n", v, summary)
	}
	for _, v := range u.Lock.Versions() {
		if _, err := fetch.Store(dir, v, u.Files[v]); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(lockPath, u.Lock.Marshal(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "intercom-gen: fetch: stored %d description(s) under %s; wrote %s (run `intercom-gen diff` for the details)\n",
		len(u.Lock.Versions()), dir, lockPath)
	return nil
}

// diffSummary compares two files of one version; a file that does not
// load is reported, not fatal (the pin can still move).
func diffSummary(c *cli.Context, version, oldPath, newPath string) string {
	var in [2]apidiff.Input
	for i, p := range []string{oldPath, newPath} {
		doc, res, err := generateTarget(c, target{path: p})
		if err != nil {
			return "cannot compare: " + err.Error()
		}
		in[i] = apidiff.Input{Label: []string{"local " + version, "upstream " + version}[i], Doc: doc, Result: res}
	}
	r, err := apidiff.Compare(in[0], in[1])
	if err != nil {
		return "cannot compare: " + err.Error()
	}
	return r.Summary()
}
