package write

import (
	"os"
	"syscall"
)

// syncFS flushes every written file of the file system dir is on with one
// syncfs(2) call, which waits for the data and the metadata of all of
// them, as one fsync per file would (Linux 5.8 and later also report a
// file's write-back error through it). ok is false when the system cannot
// (ENOSYS, a seccomp filter), and the caller then syncs file by file.
func syncFS(dir string) (ok bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	if _, _, errno := syscall.Syscall(sysSyncfs, f.Fd(), 0, 0); errno != 0 {
		if errno == syscall.ENOSYS || errno == syscall.EPERM {
			return false, nil
		}
		return true, &os.PathError{Op: "syncfs", Path: dir, Err: errno}
	}
	return true, nil
}
