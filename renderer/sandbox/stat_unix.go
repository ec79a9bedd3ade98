//go:build unix

package sandbox

import (
	"os"
	"syscall"
)

// fileOwner returns the owner and group of a file, so the sandbox can tell
// whether its container user may read it; ok is false where the system
// does not say.
func fileOwner(fi os.FileInfo) (uid, gid int, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), int(st.Gid), true
}

// fileID returns the device and inode of a file: with its size and time,
// they tell a scene apart from another one written at the same path.
func fileID(fi os.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}
