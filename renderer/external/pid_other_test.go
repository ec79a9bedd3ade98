//go:build !unix

package external

import "os"

// alive reports whether a process pid exists: off Unix, whether it can
// still be opened.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// kill stops a process a test left behind.
func kill(pid int) {
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}
