package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestRequeueProcesses: a `conun node` process whose renderer fails frame
// 2 ends the job partial: `submit --wait` exits 3 with frames 1 and 3
// fetched, `status` shows why frame 2 failed, `wait` exits 3 too; once a
// node that renders frame 2 joins, `requeue --failed --wait` renders it in
// the same job and exits 0 with every frame in the folder.
func TestRequeueProcesses(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	a := startNodeEnv(t, []string{"CONUN_TEST_REFUSE_FRAME=2"}, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", a.url, "--wait", "--json", "--out", out, "anim", "--frames", "1-3", "--tiles", "1x1", "--res", "32x24", "--samples", "2")
	var st struct {
		api.JobStatus
		Files []string
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("submit --wait --json: exit %d, output %q (%v): %s", code, stdout, err, stderr)
	}
	if code != 3 || !st.Partial || len(st.Files) != 2 || !strings.Contains(stderr, "requeue "+st.ID+" --failed") {
		t.Fatalf("submit --wait of a job whose frame 2 fails: exit %d, partial %v, files %v, stderr %q; want exit 3, partial, frames 1 and 3, the requeue command", code, st.Partial, st.Files, stderr)
	}
	tests := []struct {
		name string
		args []string
		code int
		says string
	}{
		{"status", []string{"status", "--node", a.url, st.ID}, 0, "frame 2 failed: "},
		{"status names the cause", []string{"status", "--node", a.url, st.ID}, 0, "renderer refuses frame 2"},
		{"status --json", []string{"status", "--node", a.url, "--json", st.ID}, 0, `"failed_frames"`},
		{"wait", []string{"wait", "--node", a.url, st.ID}, 3, "partial"},
		{"requeue needs a choice", []string{"requeue", "--node", a.url, st.ID}, 2, "--failed"},
		{"no failed frame in range", []string{"requeue", "--node", a.url, "--failed", "--frames", "3", st.ID}, 1, "no failed frame in 3"},
		{"a frame outside the job", []string{"requeue", "--node", a.url, "--frames", "7", st.ID}, 1, "no frame in 7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := conun(t, tc.args...)
			if code != tc.code || !strings.Contains(stdout+stderr, tc.says) {
				t.Fatalf("conun %s: exit %d, %q %q; want exit %d saying %q", strings.Join(tc.args, " "), code, stdout, stderr, tc.code, tc.says)
			}
		})
	}

	startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--join", a.gossip)
	waitFor(t, 20*time.Second, func() bool {
		code, out, _ := conun(t, "nodes", "--node", a.url)
		return code == 0 && strings.Count(out, "\n") == 3
	})
	code, stdout, stderr = conun(t, "requeue", "--node", a.url, "--failed", "--wait", "--out", out, st.ID)
	if code != 0 {
		t.Fatalf("requeue --failed --wait: exit %d: %s %s", code, stdout, stderr)
	}
	for f := 1; f <= 3; f++ {
		if _, err := os.Stat(filepath.Join(out, api.FrameName(f, api.FormatPNG))); err != nil {
			t.Fatalf("after the requeue: %v", err)
		}
	}
	if code, _, _ := conun(t, "wait", "--node", a.url, st.ID); code != 0 {
		t.Fatalf("wait on the requeued job: exit %d, want 0", code)
	}
}

// TestLogsProcess: `conun logs` against a `conun node` process whose
// renderer fails frame 2 prints each task's header (task, frame, tile,
// node, renderer and release, lease, seconds, exit) and its log: the path
// tracer's summary for frame 1, the failure's reason for frame 2. Each
// `conun logs` runs as a process of its own.
func TestLogsProcess(t *testing.T) {
	skipShort(t, "a node process")
	a := startNodeEnv(t, []string{"CONUN_TEST_REFUSE_FRAME=2"}, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, stdout, stderr := conun(t, "submit", "--node", a.url, "--wait", "--json", "--out", t.TempDir(), "anim", "--frames", "1-2", "--tiles", "1x1", "--res", "32x24", "--samples", "2")
	var st api.JobStatus
	if err := json.Unmarshal([]byte(stdout), &st); err != nil || code != 3 {
		t.Fatalf("submit --wait: exit %d, %q (%v): %s", code, stdout, err, stderr)
	}
	// Logs are written after the task's answer, off the job's path.
	waitFor(t, 20*time.Second, func() bool {
		code, out, _ := conun(t, "logs", "--node", a.url, "--frame", "2", st.ID)
		return code == 0 && strings.Contains(out, "exit failed")
	})
	tests := []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"all", []string{st.ID}, 0, []string{"=== task 0  frame 1  tile 0,0-32,24  node ", "pathtracer ", "lease 1", "exit ok", "pathtracer: ", "samples per pixel", "=== task 1  frame 2"}},
		{"failed frame", []string{"--frame", "2", st.ID}, 0, []string{"frame 2", "exit failed: ", "renderer refuses frame 2", "(the worker sent no log)"}},
		{"one task as JSON", []string{"--task", "0", "--json", st.ID}, 0, []string{`"task": 0`, `"exit": "ok"`, `"log": "pathtracer: `}},
		{"task and frame", []string{"--task", "0", "--frame", "1", st.ID}, 2, []string{"give one"}},
		{"no such task", []string{"--task", "9", st.ID}, 1, []string{"not task 9"}},
		{"bad job id", []string{"nope"}, 2, []string{"nope"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"logs", "--node", a.url}, tc.args...)
			code, stdout, stderr := conunProcess(t, args...)
			for _, s := range tc.says {
				if code != tc.code || !strings.Contains(stdout+stderr, s) {
					t.Fatalf("conun %s: exit %d, %q %q; want exit %d saying %q", strings.Join(args, " "), code, stdout, stderr, tc.code, s)
				}
			}
		})
	}
}
