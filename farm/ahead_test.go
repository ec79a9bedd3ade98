package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestNATLeaseAhead: a node behind NAT (one slot) takes one lease beyond
// its slot while it renders; the lease waiting at the worker is confirmed
// by heartbeats (it outlives the heartbeat timeout three times over),
// handed back like a render when the owner pauses the node, and once
// resumed the node renders every task the coordinator's shut gate does not
// hold, the job ending with no failed attempt.
func TestNATLeaseAhead(t *testing.T) {
	ctx := context.Background()
	coordGate, natGate := farmtest.NewGate(), farmtest.NewGate()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.BehindNAT = i == 1
		c.HeartbeatInterval, c.HeartbeatTimeout = 200*time.Millisecond, time.Second
		gate := coordGate
		if i == 1 {
			gate = natGate
		}
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
	})
	nat := nodes[1]
	for _, m := range nodes[0].Members() {
		if m.ID == nat.Name() && (m.Ahead != 1 || m.Slots != 1) {
			t.Fatalf("the NATed node gossips %d slots and %d leases ahead, want 1 and 1", m.Slots, m.Ahead)
		}
	}
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.Resolution = tiler.Resolution{Width: 64, Height: 48}
		s.Tiles = tiler.Grid{Cols: 4, Rows: 2}
	})
	// leased counts the job's leased tasks.
	leased := func() int {
		rep, err := c.Report(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, tr := range rep.Tasks {
			if tr.State == api.TaskLeased {
				n++
			}
		}
		return n
	}
	// The report names a task's node once it is done: the NATed node's
	// leases are those beyond the coordinator's one slot.
	farmtest.Until(t, "the NATed node holds a lease at its gate and one ahead", func() bool { return leased() == 3 })
	// Held for three heartbeat timeouts: a lease whose worker did not
	// confirm it would have gone back.
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if n := leased(); n != 3 {
			t.Fatalf("%d leases while the gates are shut, want 3: the coordinator's, and the NATed node's rendering and waiting (heartbeats must confirm the one waiting)", n)
		}
	}
	if _, err := nat.SetPaused(ctx, true); err != nil {
		t.Fatal(err)
	}
	farmtest.Until(t, "the paused node's two leases handed back", func() bool { return leased() == 1 })
	if _, err := nat.SetPaused(ctx, false); err != nil {
		t.Fatal(err)
	}
	// Resumed, the NATed node renders every task but the one held at
	// the coordinator's gate (and maybe that one too, as its straggler's
	// twin), with a lease ahead again.
	natGate.Open()
	farmtest.Until(t, "seven tasks done (by the NATed node: the coordinator's gate is shut)", func() bool {
		st, err := c.Status(ctx, id)
		return err == nil && st.Done >= 7
	})
	coordGate.Open()
	rep := farmtest.WaitDone(t, c, id)
	for _, tr := range rep.Tasks {
		if tr.Attempts != 0 {
			t.Errorf("task %d: %d failed attempts (%s), want none (a lease waiting or handed back is no failure)", tr.Index, tr.Attempts, tr.Reason)
		}
	}
	for _, nr := range rep.Nodes {
		if nr.Node == nat.Name() && nr.Tasks < 7 {
			t.Errorf("the NATed node rendered %d tasks, want 7 or 8: %+v", nr.Tasks, rep.Nodes)
		}
	}
}
