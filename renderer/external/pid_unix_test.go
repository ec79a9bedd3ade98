//go:build unix

package external

import (
	"errors"
	"syscall"
)

// alive reports whether a process pid exists (a zombie still does).
func alive(pid int) bool { return !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) }

// kill stops a process a test left behind.
func kill(pid int) { syscall.Kill(pid, syscall.SIGKILL) }
