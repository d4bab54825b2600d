package write

// sysSyncfs is syncfs(2)'s number, which package syscall does not name on
// amd64 (its table predates the call).
const sysSyncfs = 306
