package parallel

// The shared -update flag, so that `go test ./... -update` (which passes the
// flag to every test binary) also runs this package's tests.
import _ "github.com/intercom-gen/intercom-gen/golden"
