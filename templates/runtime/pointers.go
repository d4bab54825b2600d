package runtime

// Optional fields that are not nullable are pointers in generated models
// and parameters: nil leaves the key out, and any value pointed at, zero
// or not, is sent. These helpers make such pointers from literals.

// Ptr returns a pointer to a copy of v.
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to s.
func String(s string) *string { return &s }

// Int returns a pointer to n.
func Int(n int) *int { return &n }

// Int64 returns a pointer to n.
func Int64(n int64) *int64 { return &n }

// Float returns a pointer to f.
func Float(f float64) *float64 { return &f }

// Bool returns a pointer to b.
func Bool(b bool) *bool { return &b }
