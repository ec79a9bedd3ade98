//go:build unix

package main

import (
	"os"
	"syscall"
	"testing"
)

// freeze stops a node process without ending it, as a hung machine would.
func freeze(t *testing.T, p *os.Process) {
	t.Helper()
	if err := p.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
}

// thaw lets a frozen process run again.
func thaw(p *os.Process) { p.Signal(syscall.SIGCONT) }
