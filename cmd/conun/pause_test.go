package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestPauseKillCoordinatorResume: `conun pause` mid-job, kill -9 the
// coordinator and start it again on the same --data: the job is still
// paused and nothing is leased until `conun resume`; then it completes
// with the frames of a local render.
func TestPauseKillCoordinatorResume(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	ref := reference(t)
	data := t.TempDir()
	slow := []string{"CONUN_TEST_SLOW=1"} // a second per task: the job is surely mid-way
	coord := startNodeEnv(t, slow, "--data", data, "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	worker := startNodeEnv(t, slow, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", coord.gossip)
	c := api.NewClient(coord.url)
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", coord.url}, job...)...)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s", code, stderr)
	}
	id := strings.TrimSpace(stdout)
	waitFor(t, time.Minute, func() bool {
		st, err := c.Status(context.Background(), id)
		return err == nil && st.Done >= 3
	})

	code, stdout, stderr = conun(t, "pause", "--node", coord.url, id)
	if code != 0 || !strings.HasPrefix(stdout, "job "+id+" paused") {
		t.Fatalf("pause: exit %d: %q %s", code, stdout, stderr)
	}
	coord.kill9(t)
	// --listen: the RPC port its --gossip port implies (that port + 1) was
	// never this node's, and another process may hold it (a CI flake).
	coord = startNodeEnv(t, slow, "--data", data, "--api", coord.api, "--gossip", coord.gossip, "--listen", "127.0.0.1:0", "--join", worker.gossip)
	code, stdout, stderr = conun(t, "status", "--node", coord.url, "--json", id)
	var st api.JobStatus
	if code != 0 || json.Unmarshal([]byte(stdout), &st) != nil || st.State != api.JobPaused {
		t.Fatalf("status after the restart: exit %d: %s %s: want paused", code, stdout, stderr)
	}
	// Absence cannot be waited for: the restarted scheduler gets two
	// seconds, with the worker in sight, to lease wrongly.
	time.Sleep(2 * time.Second)

	code, stdout, stderr = conun(t, "resume", "--node", coord.url, "--json", id)
	var ps api.PauseStatus
	if code != 0 || json.Unmarshal([]byte(stdout), &ps) != nil || ps.State != api.JobRunning || ps.ID != id {
		t.Fatalf("resume: exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, stderr := conun(t, "wait", "--node", coord.url, id); code != 0 {
		t.Fatalf("wait: exit %d: %s", code, stderr)
	}
	restarted, leasedWhilePaused := false, 0
	if _, err := c.Events(context.Background(), id, func(e api.Event) error {
		switch {
		case e.Type == api.EventSubmitted && e.Message == "resumed after restart":
			restarted = true
		case e.Type == api.EventResumed:
			restarted = false
		case restarted && e.Type == api.EventLeased:
			leasedWhilePaused++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if leasedWhilePaused != 0 {
		t.Fatalf("%d tasks leased after the restart before resume", leasedWhilePaused)
	}
	out := t.TempDir()
	if code, _, stderr := conun(t, "fetch", "--node", coord.url, "--out", out, id); code != 0 {
		t.Fatalf("fetch: %s", stderr)
	}
	compareFrames(t, ref, out)
}

// TestPauseUsage: the commands refuse what they cannot act on with the
// usual exit codes.
func TestPauseUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"no job", []string{"pause"}, 2, "job id"},
		{"bad job id", []string{"resume", "--node", "http://127.0.0.1:1", "nothex"}, 2, "job id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := conun(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.says) {
				t.Fatalf("conun %v: exit %d, %q; want %d naming %q", tc.args, code, stderr, tc.code, tc.says)
			}
		})
	}
}
