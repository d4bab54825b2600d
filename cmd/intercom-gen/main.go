// Command intercom-gen generates a typed, version-pinned Go client package
// from one of Intercom's OpenAPI descriptions.
//
//	intercom-gen generate --version 2.11 --out ./intercom
//	intercom-gen generate --spec api.intercom.io.yaml --out ./intercom --package intercom
//
// The command parses its flags into generator.Targets, calls the library
// (package generator) and prints what it reports. Exit codes: 0 success, 1
// failed work (a broken description, a stale folder with --check, a
// failing verify or diff --fail-on), 2 a usage error (an unknown command
// or flag, a missing or conflicting argument).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"
)

func main() {
	ownsProcess = true
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// ownsProcess is set by main: the collector is tuned for a run only when
// the command is the whole process, not when a test calls run.
var ownsProcess bool

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	// `intercom-gen help NAME` for an unknown NAME reaches this hook,
	// which cannot return an error: keep it for run to print.
	var notFound error
	app.CommandNotFound = func(c *cli.Context, name string) { notFound = unknownCommand(c.App, name) }
	err := app.Run(args)
	if err == nil {
		err = notFound
	}
	if err == nil {
		return exitOK
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(stderr, errorText(err))
	}
	return exitCode(err)
}

// exitCode is exitUsage for usage errors, exitFailed unless the error
// asks for another code.
func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	if ec, ok := err.(cli.ExitCoder); ok && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return exitFailed
}

// toolVersion is intercom-gen's own version: the module version it was
// built at, "(devel)" when built from a checkout.
func toolVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Version == "" {
		return "(devel)"
	}
	return bi.Main.Version
}

func init() {
	// The commands' --version names an Intercom version and -v is
	// --verbose: the tool's own version flag has neither's short form.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print intercom-gen's version"}
	cli.VersionPrinter = func(c *cli.Context) { printVersion(c.App.Writer) }
}

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "intercom-gen %s\n", toolVersion())
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:                 "intercom-gen",
		Usage:                "generate typed, version-pinned Go clients from Intercom's OpenAPI descriptions",
		Version:              toolVersion(),
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: false,
		// Errors are printed once, by run, with the program name.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   onUsageError,
		Commands: []*cli.Command{
			generateCommand(),
			checkCommand(),
			verifyCommand(),
			surfaceCommand(),
			diffCommand(),
			fetchCommand(),
			versionCommand(),
		},
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() == 0 {
			return cli.ShowAppHelp(c)
		}
		return unknownCommand(c.App, c.Args().First())
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = onUsageError
	}
	return app
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print intercom-gen's version",
		Action: func(c *cli.Context) error {
			printVersion(c.App.Writer)
			return nil
		},
	}
}
