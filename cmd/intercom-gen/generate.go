package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
)

func generateCommand() *cli.Command {
	return &cli.Command{
		Name:      "generate",
		Usage:     "generate a Go client package from one description",
		UsageText: "intercom-gen generate (--spec FILE | --version VERSION [--openapi-dir DIR]) --out DIR [--package NAME] [--import-path PATH | --no-testpkg] [--check]\n   intercom-gen generate --config intercom-gen.yaml [--no-testpkg] [--check]",
		Flags: []cli.Flag{
			specFlag, versionFlag, openapiDirFlag,
			&cli.StringFlag{Name: "out", Usage: "write the package into `DIR` (created if missing; required unless --config)"},
			packageFlag, importPathFlag, noTestPkgFlag,
			validateFlag, verboseFlag, strictFlag, configFlag, checkFlag, jsonFlag, allowExternalRefsFlag, maxSizeFlag, forceFlag,
		},
		Action: action(func(c *cli.Context, o *output) error {
			return runTargets(c, o, c.Bool("check"))
		}),
	}
}

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "compare generated folders with a fresh generation; exit 1 with a unified diff when they differ",
		UsageText: "intercom-gen check (--config FILE | (--spec FILE | --version VERSION [--openapi-dir DIR]) --out DIR [--package NAME] [--import-path PATH | --no-testpkg])",
		Flags: []cli.Flag{
			configFlag, specFlag, versionFlag, openapiDirFlag,
			&cli.StringFlag{Name: "out", Usage: "the generated package's `DIR`"},
			packageFlag, importPathFlag, noTestPkgFlag,
			verboseFlag, strictFlag, jsonFlag, allowExternalRefsFlag, maxSizeFlag, forceFlag,
		},
		Action: action(func(c *cli.Context, o *output) error {
			return runTargets(c, o, true)
		}),
	}
}

// runTargets generates (or checks) the targets of --config or the flags.
func runTargets(c *cli.Context, o *output, check bool) error {
	ts, err := targets(c)
	if err != nil {
		return err
	}
	return generator.Run(c.Context, ts, generator.RunOptions{Check: check, Reporter: o, TuneMemory: ownsProcess, Force: c.Bool("force")})
}
