// Package durable makes a file's new name survive a power loss, not only
// a crash of the process: a rename is only in the directory until the
// directory itself is synced (about five seconds of journal on ext4), so
// a blob or frame whose record says it is there could be gone after the
// machine comes back.
package durable

import (
	"os"
	"path/filepath"
)

// SyncDir makes the renames and creations in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Rename renames oldpath to newpath and syncs newpath's directory. The
// file's own bytes must have been synced before.
func Rename(oldpath, newpath string) error {
	if err := os.Rename(oldpath, newpath); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(newpath))
}
