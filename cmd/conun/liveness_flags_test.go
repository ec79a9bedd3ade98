package main

import (
	"strings"
	"testing"
)

// TestLivenessFlags: a negative --stall, --blocklist or --straggler-after
// is a usage error naming the three, before the node starts.
func TestLivenessFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"stall", []string{"--stall", "-1s"}},
		{"blocklist", []string{"--blocklist", "-1h"}},
		{"straggler", []string{"--straggler-after", "-30s"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"node", "--data", t.TempDir()}, tc.args...)
			code, _, stderr := conun(t, args...)
			if code != 2 || !strings.Contains(stderr, "--stall, --blocklist and --straggler-after must be >= 0") {
				t.Fatalf("conun %s: exit %d, stderr %q; want 2 and the flags named", strings.Join(args, " "), code, stderr)
			}
		})
	}
}
