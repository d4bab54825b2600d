// Command intercom-gen generates a typed, version-pinned Go client package
// from one of Intercom's OpenAPI descriptions.
//
//	intercom-gen generate --version 2.11 --out ./intercom
//	intercom-gen generate --spec api.intercom.io.yaml --out ./intercom --package intercom
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	ownsProcess = true
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	if err := app.Run(args); err != nil {
		if msg := err.Error(); msg != "" {
			fmt.Fprintln(stderr, errorText(err))
		}
		return exitCode(err)
	}
	return 0
}

// exitCode is 1 unless the error asks for another code.
func exitCode(err error) int {
	if ec, ok := err.(cli.ExitCoder); ok && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return 1
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:                 "intercom-gen",
		Usage:                "generate typed, version-pinned Go clients from Intercom's OpenAPI descriptions",
		Writer:               stdout,
		ErrWriter:            stderr,
		HideVersion:          true,
		EnableBashCompletion: false,
		// Errors are printed once, by run, with the program name.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			generateCommand(),
			verifyCommand(),
			surfaceCommand(),
			diffCommand(),
			checkCommand(),
			fetchCommand(),
		},
	}
}
