package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestCalibProcesses: two node processes offering pathtracer and gl
// calibrate both at start and gossip them (`conun nodes --json`: sp;
// the table: "calibrated"); `submit --renderer auto` is bound to whichever
// tracer the nodes' gossiped speeds x slots favour, and renders to the end.
func TestCalibProcesses(t *testing.T) {
	skipShort(t, "a cluster of node processes")
	nodes := startCluster(t, 2, "--renderers", "pathtracer,gl", "--sandbox", "none", "--calibrate")
	var members []api.Member
	waitFor(t, 60*time.Second, func() bool {
		code, out, _ := conun(t, "nodes", "--node", nodes[0].url, "--json")
		if code != 0 || json.Unmarshal([]byte(out), &members) != nil || len(members) != 2 {
			return false
		}
		for _, m := range members {
			if m.Speed["pathtracer"] <= 0 || m.Renderers["gl"] != "" && m.Speed["gl"] <= 0 {
				return false
			}
		}
		return true
	})
	if _, out, _ := conun(t, "nodes", "--node", nodes[0].url); strings.Count(out, "calibrated") < 2 {
		t.Fatalf("conun nodes shows no calibration:\n%s", out)
	}
	total := map[string]float64{}
	for _, m := range members {
		for kind, v := range m.Speed {
			total[kind] += float64(v) * float64(m.Slots)
		}
	}
	want := "pathtracer"
	if total["gl"] > total["pathtracer"] {
		want = "gl"
	}
	code, out, stderr := conun(t, "submit", "--node", nodes[0].url, "cornell", "--renderer", "auto", "--res", "32x24", "--samples", "2", "--tiles", "2x2", "--json")
	if code != 0 {
		t.Fatalf("submit --renderer auto: %s", stderr)
	}
	var sub struct{ IDs []string }
	if err := json.Unmarshal([]byte(out), &sub); err != nil || len(sub.IDs) != 1 {
		t.Fatalf("submit printed %q", out)
	}
	waitFor(t, 2*time.Minute, func() bool {
		_, out, _ := conun(t, "status", "--node", nodes[0].url, "--json", sub.IDs[0])
		var st api.JobStatus
		if json.Unmarshal([]byte(out), &st) != nil {
			return false
		}
		if st.Spec.Renderer != want {
			t.Fatalf("auto job bound to %q, want %q (speeds x slots %v)", st.Spec.Renderer, want, total)
		}
		return st.State == api.JobDone
	})
}
