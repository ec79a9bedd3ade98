package farm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestAwayNodeNotAskedToCheck: a coordinator whose owner paused it leases
// its job to the one other member, and every tile is to be checked. The
// only possible checker is the paused coordinator itself, which refuses
// work: it is not asked (each ask waited out two minutes of retries
// before), the tiles are accepted unchecked saying why, and the job ends.
func TestAwayNodeNotAskedToCheck(t *testing.T) {
	ctx := context.Background()
	coord := startNode(t, "coord", nil, nil)
	if _, err := coord.SetPaused(ctx, true); err != nil {
		t.Fatal(err)
	}
	worker := startNode(t, "worker", []string{coord.GossipAddr()}, nil)
	if err := WaitMembers(ctx, []*Node{coord, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	waitSeenAway(t, coord, "coord", "")
	id := runJob(t, coord, t.Name(), 1)
	rep, err := api.NewClient(coord.URL()).Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range rep.Tasks {
		if task.Node != "worker" {
			t.Errorf("task %d rendered by %q, want the worker (the coordinator is paused)", task.Index, task.Node)
		}
		if task.Verdict != api.VerdictUnchecked || task.Evidence == nil || !strings.Contains(task.Evidence.Verdict.Reason, "1 away") {
			t.Errorf("task %d: verdict %q, evidence %+v: want unchecked, naming the away node", task.Index, task.Verdict, task.Evidence)
		}
	}
	if n := coord.metrics.busyRefusals.Load(); n != 0 {
		t.Errorf("the paused coordinator refused %d requests: it was asked to check", n)
	}
}

// waitSeenAway waits until viewer's member list shows member id away:
// for why when it is not empty, for any reason otherwise.
func waitSeenAway(t *testing.T, viewer *Node, id, why string) {
	t.Helper()
	waitFor(t, viewer.cfg.Name+" to see "+id+" away", func() bool {
		for _, m := range viewer.Members() {
			if m.ID == id {
				return m.Away != "" && (why == "" || m.Away == why)
			}
		}
		return false
	})
}
