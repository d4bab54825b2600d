package write

// sysSyncfs is syncfs(2)'s number, which package syscall does not name on
// 386 (its table predates the call).
const sysSyncfs = 344
