package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator/verify"
)

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:  "verify",
		Usage: "call every operation of the generated client against the description's examples",
		Description: "Generates the client for one description, builds it with the go command, and calls every " +
			"operation against an in-process server that validates each request with kin-openapi's openapi3filter " +
			"and answers with the description's examples. Prints the counts (examples decoded and lossless, " +
			"operations called, requests valid) and one line per failure; exits 1 when anything fails outside " +
			"specs/verify-exceptions.yaml.",
		UsageText: "intercom-gen verify (--spec FILE | --version VERSION [--openapi-dir DIR]) [--show-excepted]",
		Flags: []cli.Flag{
			specFlag, versionFlag, openapiDirFlag, verboseFlag,
			&cli.BoolFlag{Name: "show-excepted", Usage: "also list the failures specs/verify-exceptions.yaml excuses"},
		},
		Action: func(c *cli.Context) error {
			doc, diags, err := loadDescription(c)
			printDiags(c, diags)
			if err != nil {
				return err
			}
			rep, err := verify.Run(c.Context, doc, verify.Options{})
			if err != nil {
				return err
			}
			rep.Print(c.App.Writer, c.Bool("show-excepted"))
			if !rep.OK() {
				return cli.Exit("", 1)
			}
			return nil
		},
	}
}
