//go:build linux && !amd64 && !386

package write

import "syscall"

// sysSyncfs is syncfs(2)'s number, as package syscall names it.
const sysSyncfs = syscall.SYS_SYNCFS
