//go:build !unix

package external

import "os/exec"

// setProcessGroup does nothing where there are no process groups:
// cancellation kills the command itself (exec.CommandContext's default).
func setProcessGroup(cmd *exec.Cmd) {}

// killGroup does nothing where there are no process groups.
func killGroup(cmd *exec.Cmd) {}
