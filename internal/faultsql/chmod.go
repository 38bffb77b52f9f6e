package faultsql

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ChmodDatabase sets the mode of the SQLite file at path, of its -wal and
// -shm files if they exist, and of its folder: a read-only database is
// ChmodDatabase(path, 0o400, 0o500).
func ChmodDatabase(path string, file, folder os.FileMode) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, file); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.Chmod(filepath.Dir(path), folder)
}
