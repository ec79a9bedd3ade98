//go:build unix

package store

import (
	"os"
	"syscall"
)

// unlock drops bbolt's lock on a file whose Open panicked: the file's
// memory map keeps the lock alive past Close, so it is let go explicitly.
func unlock(f *os.File) { syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
