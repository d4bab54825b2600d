package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
)

func surfaceCommand() *cli.Command {
	return &cli.Command{
		Name:      "surface",
		Usage:     "print the public API of the package generated from a description, one sorted line per exported item",
		UsageText: "intercom-gen surface (--spec FILE | --version VERSION [--openapi-dir DIR]) [--package NAME]",
		Flags: []cli.Flag{
			specFlag, versionFlag, openapiDirFlag, packageFlag, verboseFlag, allowExternalRefsFlag, maxSizeFlag,
		},
		Action: action(func(c *cli.Context, o *output) error {
			t, err := flagTarget(c, false)
			if err != nil {
				return err
			}
			text, diags, err := generator.Surface(t)
			o.diagnostics(diags)
			if err != nil {
				return err
			}
			_, err = o.stdout.Write(text)
			return err
		}),
	}
}
