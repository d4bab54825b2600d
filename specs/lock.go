package specs

import _ "embed"

// DescriptionsLock is descriptions.lock: the commit of Intercom's
// description repository and the sha256 of each version's file that
// `intercom-gen fetch` downloads and checks when no --lock is given.
//
//go:embed descriptions.lock
var DescriptionsLock []byte
