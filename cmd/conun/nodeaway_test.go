package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestNodeAvailabilityFlags: bad --mode, --schedule and --idle-cpu stop
// the node with exit code 2 and name what is wrong.
func TestNodeAvailabilityFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		names string
	}{
		{"unknown mode", []string{"--mode", "nights"}, `"nights" is not always, idle or schedule`},
		{"always with idle", []string{"--mode", "always,idle"}, "cannot be combined"},
		{"schedule without windows", []string{"--mode", "schedule"}, "needs --schedule"},
		{"bad day", []string{"--mode", "schedule", "--schedule", "moon 22:00-08:00"}, `day "moon"`},
		{"bad time", []string{"--mode", "idle,schedule", "--schedule", "mon-fri 22:00-8"}, `time "8"`},
		{"windows without schedule mode", []string{"--schedule", "mon 10:00-11:00"}, "only with --mode schedule"},
		{"idle share", []string{"--mode", "idle", "--idle-cpu", "150%"}, `--idle-cpu "150%"`},
		{"negative grace", []string{"--grace", "-1s"}, "--grace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"node", "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--sandbox", "none"}, tc.args...)
			code, _, stderr := conun(t, args...)
			if code != 2 || !strings.Contains(stderr, tc.names) {
				t.Fatalf("exit %d, stderr %q: want 2 naming %s", code, stderr, tc.names)
			}
		})
	}
}

// nodeAway is what `conun nodes --json` at url says of node name's
// availability; ok is false while it does not list it.
func nodeAway(t *testing.T, url, name string) (away string, ok bool) {
	t.Helper()
	code, stdout, stderr := conun(t, "nodes", "--node", url, "--json")
	var members []api.Member
	if code != 0 || json.Unmarshal([]byte(stdout), &members) != nil {
		t.Fatalf("nodes: exit %d: %s %s", code, stdout, stderr)
	}
	for _, m := range members {
		if m.ID == name {
			return m.Away, true
		}
	}
	return "", false
}

// TestNodePauseAcrossRestart: conun node pause stops a node process taking
// leases, says so in conun nodes, and holds across a kill -9 and restart
// until conun node resume.
func TestNodePauseAcrossRestart(t *testing.T) {
	skipShort(t, "a node process")
	data := t.TempDir()
	n := startNode(t, "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, stdout, stderr := conun(t, "node", "pause", "--node", n.url)
	if code != 0 || strings.TrimSpace(stdout) != "node not taking leases: paused by owner (mode always)" {
		t.Fatalf("node pause: exit %d: %q %s", code, stdout, stderr)
	}
	waitFor(t, 30*time.Second, func() bool { away, _ := nodeAway(t, n.url, n.name); return away == "paused by owner" })
	code, stdout, _ = conun(t, "nodes", "--node", n.url)
	if code != 0 || !strings.Contains(stdout, "no: paused by owner") {
		t.Fatalf("conun nodes: exit %d:\n%s", code, stdout)
	}

	n.kill9(t)
	n = startNode(t, "--data", data, "--api", n.api, "--gossip", "127.0.0.1:0")
	waitFor(t, 30*time.Second, func() bool { _, ok := nodeAway(t, n.url, n.name); return ok })
	if away, _ := nodeAway(t, n.url, n.name); away != "paused by owner" {
		t.Fatalf("after a restart the node says %q, want still paused by owner", away)
	}

	code, stdout, stderr = conun(t, "node", "resume", "--node", n.url, "--json")
	var a api.Availability
	if code != 0 || json.Unmarshal([]byte(stdout), &a) != nil || !a.Available || a.Paused || a.Mode != "always" {
		t.Fatalf("node resume: exit %d: %s %s", code, stdout, stderr)
	}
	waitFor(t, 30*time.Second, func() bool { away, ok := nodeAway(t, n.url, n.name); return ok && away == "" })
}
