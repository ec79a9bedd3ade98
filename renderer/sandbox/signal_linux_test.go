package sandbox

import (
	"syscall"
	"testing"
)

// TestLinuxSIGXFSZ keeps the container's signal number in step with the
// host's own where the host is Linux.
func TestLinuxSIGXFSZ(t *testing.T) {
	if linuxSIGXFSZ != int(syscall.SIGXFSZ) {
		t.Fatalf("linuxSIGXFSZ = %d, syscall.SIGXFSZ = %d", linuxSIGXFSZ, int(syscall.SIGXFSZ))
	}
}
