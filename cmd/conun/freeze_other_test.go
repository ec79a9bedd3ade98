//go:build !unix

package main

import (
	"os"
	"testing"
)

// freeze has no SIGSTOP to send off Unix.
func freeze(t *testing.T, p *os.Process) {
	t.Helper()
	t.Skip("NOT TESTED: needs SIGSTOP to freeze a node process (Unix)")
}

// thaw has nothing to undo off Unix.
func thaw(*os.Process) {}
