// Package generator is intercom-gen's library: it turns an OpenAPI
// description (Intercom's, or any other) into the files of a typed Go
// client package, writes them, and runs the tools built on that.
//
// A Target names one package to generate: its description (a file, or one
// of Intercom's versions in a checkout of Intercom's description
// repository), its output folder, its package name, its operation filter
// and the loader's options. Command-line flags and intercom-gen.yaml
// (ConfigTargets) both produce Targets; Generate, Run, Check, Surface,
// Diff and Verify take them. Run generates many targets concurrently and
// writes them in order, telling a Reporter about each.
//
// Beside each package goes its test package, <out>/<pkg>test, which
// imports the package by the output folder's import path (Target's
// ImportPath, else derived from the enclosing go.mod; without either it is
// left out with a warning); NoTestPackage leaves it out.
//
// # Layers
//
// Each stage is a package with one job; a stage imports only those before
// it, and no package imports its parent:
//
//	load      loader                        read, repair and decode the description (kin-openapi)
//	          loader/blockyaml              the YAML parse: go-yaml's node tree, five times faster
//	          loader/diag                   located diagnostics, shared by every stage
//	model     generator/internal/build      description → Go-shaped model: every naming and type decision
//	          generator/internal/model      the model itself (types, services, operations, webhooks)
//	          generator/internal/naming     identifiers, initialisms, the collision ladder, package names
//	          generator/internal/filter     the operations a target keeps
//	render    generator/internal/render     model → Go source (jennifer), plus the runtime from templates/;
//	                                        the test package <pkg>test (its table, plus templates/testserver)
//	          generator/internal/modimport  the import path of an output folder, from its go.mod
//	          generator/internal/pipeline   the chain build → filter → render, shared by the tools
//	write     generator/internal/write      all-or-nothing writer that never touches a user's file
//	          generator/internal/gofile     the one File type and the generated-file header
//	          generator/internal/parallel   the worker pool of rendering and writing
//
// and the tools built on the stages:
//
//	check     generator/internal/check      a fresh generation compared with the folder (unified diff)
//	surface   generator/internal/surface    the public API of a package, one sorted line per item
//	diff      generator/internal/apidiff    classified Go-API and wire changes between two descriptions
//	verify    generator/internal/verify     every operation called against a validating example server
//	fetch     generator/internal/fetch      pinned, hash-checked downloads of Intercom's descriptions
//	          generator/internal/textdiff   unified diffs for check
//	config    generator/config              intercom-gen.yaml and its JSON Schema
//
// The internal packages are intercom-gen's own; this package names the
// types of theirs a caller needs (File, Result, Model, CheckResult,
// DiffReport, VerifyReport, Lock, …).
//
// # Where kin-openapi is read
//
// kin-openapi's document model is read by the loader and the model
// builder (generator/internal/build, which also picks the success
// examples the test package answers with) only. Later stages read the
// Go-shaped model, except where the description itself is the subject:
// the wire layer of diff (generator/internal/apidiff, file wire.go only)
// compares the two descriptions, and verify's example server and plan
// (generator/internal/verify, files server.go, form.go, plan.go and
// sample.go) validate requests against the description and answer with
// its examples. cmd/peerbench measures kin-openapi's own loader as a
// baseline. A test (TestLayers) fails when any other package or file
// imports kin-openapi, when a package imports its parent, or when the
// loader imports the generator.
package generator
