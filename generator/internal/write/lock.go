package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockName is the file that says a Write is under way in a folder. Two
// runs pointed at one folder (two go:generate lines naming the same --out,
// say) would otherwise each discard the other's working folder as
// left over from a crash; with the lock the second fails at once and says
// why. The go command ignores files starting with ".".
const lockName = ".intercom-gen.lock"

// LockedError is a folder another live intercom-gen is writing.
type LockedError struct {
	Dir string
	PID int
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("another intercom-gen is writing %s (pid %d): wait for it to finish, or give each target its own output folder; if no intercom-gen is running, remove %s",
		e.Dir, e.PID, filepath.Join(e.Dir, lockName))
}

// lock takes dir's lock for this process and returns its release. A lock
// whose process is gone (killed mid-write) is stale: it is taken over,
// and the interrupted write is then settled as usual.
func lock(dir string) (release func(), err error) {
	path := filepath.Join(dir, lockName)
	me := strconv.Itoa(os.Getpid()) + "\n"
	for range 3 {
		err := createWhole(path, me)
		if err == nil {
			return func() {
				// Only our own lock is removed.
				if data, err := os.ReadFile(path); err == nil && string(data) == me {
					os.Remove(path)
				}
			}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released meanwhile
		}
		if err != nil {
			return nil, err
		}
		pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
		if perr == nil && pid > 0 && pid != os.Getpid() && processAlive(pid) {
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		if perr == nil && pid == os.Getpid() {
			// This process holds it: two Writes into one folder at once.
			return nil, &LockedError{Dir: dir, PID: pid}
		}
		// Stale (its process is gone) or damaged: take it over.
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%s: could not take the lock; remove it if no intercom-gen is running", path)
}

// createWhole creates path holding content, failing with fs.ErrExist when
// it exists. The content is written to a file of its own first and linked
// into place, so no other process ever reads a lock half written.
func createWhole(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), lockName+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(content)
	if err := errors.Join(werr, tmp.Close()); err != nil {
		return err
	}
	return os.Link(tmp.Name(), path)
}
