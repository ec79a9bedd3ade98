//go:build !unix

package store

import "os"

// unlock is a no-op where bbolt's lock is not flock(2): closing the file
// lets it go.
func unlock(f *os.File) {}
