package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A tool generates a Go package from one description.
type tool struct {
	name string
	// bin is the tool's executable.
	bin string
	// patched says the tool reads the patched description (patch.go).
	patched bool
	// needsDeps says the output imports modules: go mod tidy before building.
	needsDeps bool
	// command returns the generating command for input, writing package
	// "intercom" into pkgDir (inside module dir modDir).
	command func(ctx context.Context, input, modDir, pkgDir string) (*exec.Cmd, error)
}

// An input is one description as each tool reads it.
type input struct {
	version  string
	original string
	patched  string
	size     int64
}

func setupTools(ctx context.Context, cfg *config) ([]tool, error) {
	igen := filepath.Join(cfg.bin, "intercom-gen")
	cfg.logf("building intercom-gen")
	build := exec.CommandContext(ctx, "go", "build", "-o", igen, "./cmd/intercom-gen")
	build.Dir = cfg.repo
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building intercom-gen: %v\n%s", err, out)
	}
	tools := []tool{{
		name: "intercom-gen", bin: igen,
		command: func(ctx context.Context, in, _, pkgDir string) (*exec.Cmd, error) {
			return exec.CommandContext(ctx, igen, "generate", "--spec", in, "--out", pkgDir, "--package", "intercom"), nil
		},
	}}
	if !cfg.peers {
		return tools, nil
	}
	peers := []string{
		"github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@" + cfg.oapiVersion,
		"github.com/ogen-go/ogen/cmd/ogen@" + cfg.ogenVersion,
	}
	if cfg.runtime {
		peers = peers[:1] // the runtime comparison is with oapi-codegen's models alone
	}
	for _, pkg := range peers {
		cfg.logf("installing %s", pkg)
		inst := exec.CommandContext(ctx, "go", "install", pkg)
		inst.Env = append(os.Environ(), "GOBIN="+cfg.bin, "GOWORK=off", "GOFLAGS=")
		inst.Dir = cfg.work
		if out, err := inst.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go install %s: %v\n%s", pkg, err, out)
		}
	}
	cfgDir := filepath.Join(cfg.work, "cfg")
	if err := os.MkdirAll(cfgDir, 0o755); err != nil {
		return nil, err
	}
	// The flags that got furthest on these descriptions: see the notes in
	// the README's performance section.
	ogenCfg := filepath.Join(cfgDir, "ogen.yml")
	if err := os.WriteFile(ogenCfg, []byte(`generator:
  features:
    disable_all: true
    enable: [paths/client]
  ignore_not_implemented: ["all"]
`), 0o644); err != nil {
		return nil, err
	}
	oapi := filepath.Join(cfg.bin, "oapi-codegen")
	ogen := filepath.Join(cfg.bin, "ogen")
	tools = append(tools,
		tool{
			name: "oapi-codegen " + cfg.oapiVersion, patched: true, needsDeps: true,
			command: func(ctx context.Context, in, _, pkgDir string) (*exec.Cmd, error) {
				if err := os.MkdirAll(pkgDir, 0o755); err != nil {
					return nil, err
				}
				c := filepath.Join(cfgDir, "oapi-"+strings.ReplaceAll(filepath.Base(filepath.Dir(pkgDir)), string(filepath.Separator), "_")+".yaml")
				body := fmt.Sprintf(`package: intercom
generate:
  models: true
  client: true
output: %q
output-options:
  resolve-type-name-collisions: true
compatibility:
  always-prefix-enum-values: true
`, filepath.Join(pkgDir, "client.gen.go"))
				if err := os.WriteFile(c, []byte(body), 0o644); err != nil {
					return nil, err
				}
				return exec.CommandContext(ctx, oapi, "-config", c, in), nil
			},
		},
		tool{
			name: "ogen " + cfg.ogenVersion, patched: true, needsDeps: true,
			command: func(ctx context.Context, in, modDir, pkgDir string) (*exec.Cmd, error) {
				cmd := exec.CommandContext(ctx, ogen, "--target", pkgDir, "--package", "intercom", "--clean", "--config", ogenCfg, in)
				cmd.Dir = modDir
				return cmd, nil
			},
		},
	)
	if cfg.runtime {
		tools = tools[:2]
	}
	return tools, nil
}

// prepareInput resolves a version's description and writes the peers'
// patched copy.
func prepareInput(cfg *config, version string) (input, error) {
	dir := version
	if strings.EqualFold(version, "preview") {
		dir = "0"
	}
	in := input{version: version, original: filepath.Join(cfg.openapiDir, "descriptions", dir, "api.intercom.io.yaml")}
	st, err := os.Stat(in.original)
	if err != nil {
		return in, fmt.Errorf("%v (is -openapi-dir a checkout of Intercom's description repository?)", err)
	}
	in.size = st.Size()
	if !cfg.peers {
		return in, nil
	}
	pdir := filepath.Join(cfg.work, "patched", dir)
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		return in, err
	}
	in.patched = filepath.Join(pdir, "api.intercom.io.yaml")
	self, err := os.Executable()
	if err != nil {
		return in, err
	}
	applied, err := exec.Command(self, "-patch", in.original, in.patched).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("%v: %s", err, ee.Stderr)
		}
		return in, fmt.Errorf("patching for the peers: %w", err)
	}
	cfg.logf("%s: patched for the peers: %s", version, strings.TrimSpace(string(applied)))
	return in, nil
}
