//go:build unix

package availability

import "syscall"

// processGroup is the node's process group: its render children share it,
// so their CPU time is the node's own, not the owner's.
func processGroup() int { return syscall.Getpgrp() }
