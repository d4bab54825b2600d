// Package testserver is the fixed part of the test package intercom-gen
// writes beside every generated package (<out>/<pkg>test): a stand-in for
// Intercom's API built on net/http/httptest that answers each operation
// with an example, checks requests the way the API does, records them and
// lets a test stub operations.
//
// Every file here except tests and this one is copied into the generated
// test package with its package clause renamed; the generator adds the
// per-version part (the operation table, NewServer and Server.Client),
// which is the only code that knows the generated package. This package's
// own tests use a small hand-written table instead.
package testserver
