package write

import (
	"fmt"
	"os"
	"path/filepath"
)

// checkDir refuses output folders that cannot be meant: a file, or the
// root of a file system, where a generated package would be scattered
// among the system's own folders. It runs before anything is created.
func checkDir(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("write: output folder %s: %w", dir, err)
	}
	if filepath.Dir(abs) == abs {
		return fmt.Errorf("write: refusing to write into %s, the root of a file system: give --out a folder of its own, such as ./intercom", dir)
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("write: output folder %s is a file, not a folder: give --out a folder (it is created when missing)", dir)
	}
	return nil
}
