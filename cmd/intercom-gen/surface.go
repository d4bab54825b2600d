package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
	"github.com/intercom-gen/intercom-gen/generator/surface"
)

func surfaceCommand() *cli.Command {
	return &cli.Command{
		Name:      "surface",
		Usage:     "print the public API of the package generated from a description, one sorted line per exported item",
		UsageText: "intercom-gen surface (--spec FILE | --version VERSION [--openapi-dir DIR]) [--package NAME]",
		Flags: []cli.Flag{
			specFlag, versionFlag, openapiDirFlag,
			&cli.StringFlag{Name: "package", Usage: "Go package `NAME`", Value: generator.DefaultPackage},
		},
		Action: func(c *cli.Context) error {
			path, err := descriptionPath(c)
			if err != nil {
				return err
			}
			_, res, err := generateTarget(c, target{path: path, pkg: c.String("package"), release: true})
			if err != nil {
				return err
			}
			s, err := surface.FromResult(res)
			if err != nil {
				return err
			}
			_, err = c.App.Writer.Write(s.Text())
			return err
		},
	}
}
