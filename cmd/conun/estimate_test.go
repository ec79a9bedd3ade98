package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestEstimateCommand runs conun estimate and conun submit --dry-run as
// processes against a two-node cluster of node processes: both predict
// from sample crops, neither creates a job, and bad input is refused
// naming it.
func TestEstimateCommand(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	nodes := startCluster(t, 2, "--price", "0.01")
	job := []string{"--node", nodes[0].url, "--res", "64x48", "--samples", "4", "--tiles", "2x2"}

	code, stdout, stderr := conunProcess(t, append([]string{"estimate", "--json", "cornell"}, job...)...)
	if code != 0 {
		t.Fatalf("estimate: exit %d: %s", code, stderr)
	}
	var est api.Estimate
	if err := json.Unmarshal([]byte(stdout), &est); err != nil {
		t.Fatalf("estimate --json: %v: %s", err, stdout)
	}
	if est.Tasks != 4 || est.Nodes != 2 || est.Slots != 2 || len(est.Samples) != 10 || est.Sampling != "cluster" || len(est.Members) != 2 || est.RenderSeconds <= 0 || est.WallSeconds <= 0 ||
		est.Cost.String() != "0.04" || est.CostHigh.String() != "0.04" {
		t.Fatalf("estimate %+v: want 4 tasks on 2 nodes, 5 samples from each, positive times, 0.04 tokens", est)
	}

	code, stdout, stderr = conunProcess(t, append([]string{"submit", "--dry-run", "cornell"}, job...)...)
	if code != 0 {
		t.Fatalf("submit --dry-run: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"4 tasks", "sampled cluster on", "render time", "wall time", "on 2 nodes, 2 slots", "cost         0.04 tokens", "--budget 0.04"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("submit --dry-run said %q, want %q in it", stdout, want)
		}
	}
	if code, out, _ := conun(t, "jobs", "--node", nodes[0].url, "--json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("jobs after estimates: %s: want none", out)
	}

	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no such scene", []string{"estimate", "no-such-scene.glb"}, 1, "no-such-scene.glb"},
		{"negative frames", []string{"estimate", "cornell", "--frames", "-1"}, 2, "frames"},
		{"frame 0 of a scene from 1", []string{"estimate", "cornell", "--frames", "0"}, 1, "outside the scene's range 1-1"},
		{"frames outside the scene", []string{"submit", "--dry-run", "cornell", "--frames", "1-5"}, 1, "outside the scene's range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := conunProcess(t, append(tc.args, job...)...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, %q; want exit %d naming %q", code, stderr, tc.code, tc.want)
			}
		})
	}
}
