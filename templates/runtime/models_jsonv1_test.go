//go:build !goexperiment.jsonv2

package runtime

// codecMethods are the methods of a model or union: with
// GOEXPERIMENT=jsonv2, models_jsonv2_test.go adds encoding/json/v2's.
const codecMethods = "MarshalJSON,UnmarshalJSON"
