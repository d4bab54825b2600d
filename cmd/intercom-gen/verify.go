package main

import (
	"github.com/urfave/cli/v2"

	"github.com/intercom-gen/intercom-gen/generator"
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
			specFlag, versionFlag, openapiDirFlag, verboseFlag, allowExternalRefsFlag, maxSizeFlag,
			&cli.BoolFlag{Name: "show-excepted", Usage: "also list the failures specs/verify-exceptions.yaml excuses"},
		},
		Action: action(func(c *cli.Context, o *output) error {
			t, err := flagTarget(c, false)
			if err != nil {
				return err
			}
			rep, diags, err := generator.Verify(c.Context, t)
			o.diagnostics(diags)
			if err != nil {
				return err
			}
			rep.Print(o.stdout, c.Bool("show-excepted"))
			if !rep.OK() {
				return cli.Exit("", exitFailed)
			}
			return nil
		}),
	}
}
