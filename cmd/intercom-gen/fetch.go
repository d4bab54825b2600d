package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/loader"
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
			&cli.StringFlag{Name: "raw-base", Usage: "`URL` serving repository files (for mirrors and tests)", Value: generator.DefaultRawBase},
			&cli.StringFlag{Name: "api-base", Usage: "GitHub API `URL` (for mirrors and tests)", Value: generator.DefaultAPIBase},
		},
		Action: action(fetchAction),
	}
}

// readLock reads --lock, else specs/descriptions.lock, else the built-in
// pin; it returns where an update should be written.
func readLock(c *cli.Context) (*generator.Lock, string, error) {
	path := c.String("lock")
	if path == "" {
		path = defaultLock
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			l, err := generator.ParseLock("built-in "+defaultLock, specs.DescriptionsLock)
			return l, path, err
		}
	}
	l, err := generator.ReadLock(path)
	return l, path, err
}

func fetchAction(c *cli.Context, o *output) error {
	dir := c.String("openapi-dir")
	if dir == "" {
		return usagef("no folder to store descriptions in: pass --openapi-dir DIR or set INTERCOM_OPENAPI_DIR (fetched files go to DIR/descriptions/<version>/api.intercom.io.yaml)")
	}
	lock, lockPath, err := readLock(c)
	if err != nil {
		return err
	}
	f := &generator.Fetcher{RawBase: c.String("raw-base"), APIBase: c.String("api-base")}
	versions := c.StringSlice("version")
	if c.Bool("update") {
		return fetchUpdate(c, o, f, lock, lockPath, dir, versions)
	}
	if len(versions) == 0 {
		versions = lock.Versions()
	}
	for _, v := range versions {
		data, err := f.Fetch(c.Context, lock, v)
		if err != nil {
			return err
		}
		path, err := generator.StoreDescription(dir, v, data)
		if err != nil {
			return err
		}
		fmt.Fprintf(o.stdout, "intercom-gen: fetch: %s %s → %s\n", v, generator.DescriptionHash(data), path)
	}
	return nil
}

// fetchUpdate moves the pin, prints a diff summary for each changed
// version against the copy in dir, then stores the files and the lock.
func fetchUpdate(c *cli.Context, o *output, f *generator.Fetcher, lock *generator.Lock, lockPath, dir string, versions []string) error {
	u, err := f.UpdatePin(c.Context, lock, versions)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.stdout, "intercom-gen: fetch: %s %s → %s; %d of %d version(s) changed\n",
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
			summary = diffSummary(v, old, neu)
		}
		fmt.Fprintf(o.stdout, "  %s: %s\n", v, summary)
	}
	for _, v := range u.Lock.Versions() {
		if _, err := generator.StoreDescription(dir, v, u.Files[v]); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(lockPath, u.Lock.Marshal(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(o.stdout, "intercom-gen: fetch: stored %d description(s) under %s; wrote %s (run `intercom-gen diff` for the details)\n",
		len(u.Lock.Versions()), dir, lockPath)
	return nil
}

// diffSummary compares two files of one version; a file that does not
// load is reported, not fatal (the pin can still move).
func diffSummary(version, oldPath, newPath string) string {
	r, _, err := generator.Diff(
		generator.DiffSide{Target: generator.Target{Spec: oldPath}, Label: "local " + version},
		generator.DiffSide{Target: generator.Target{Spec: newPath}, Label: "upstream " + version})
	if err != nil {
		return "cannot compare: " + err.Error()
	}
	return r.Summary()
}
