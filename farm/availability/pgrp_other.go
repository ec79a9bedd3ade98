//go:build !unix

package availability

// processGroup has no meaning without Unix process groups; -1 matches no
// process, so only the node's own pid counts as its own there (and
// ProcCPU needs /proc, which such a platform lacks anyway: idle mode then
// reads the owner as active, which is the safe side).
func processGroup() int { return -1 }
