// Package specs embeds intercom-gen's repair configuration, so the binary
// carries it: repairs.yaml (the general rules the loader applies to every
// description, each with its parameters and documentation) and
// patches/*.yaml (targeted edits for what no general rule can decide); and
// verify-exceptions.yaml, the checks of `intercom-gen verify` that are known
// to fail because of the description itself, each with its reason.
//
// The loader parses these files (loader.DefaultConfig); users with patches
// of their own point it at a folder laid out the same way
// (loader.LoadConfigDir). Intercom's descriptions themselves are never
// copied here: they are read from a checkout of Intercom's repository.
package specs

import "embed"

// FS holds repairs.yaml, patches/*.yaml, verify-exceptions.yaml and
// pagination.yaml (the paging styles of operations whose shape does not
// decide it, read by generator/internal/build).
//
//go:embed repairs.yaml patches/*.yaml verify-exceptions.yaml pagination.yaml
var FS embed.FS
