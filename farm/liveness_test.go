package farm_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// coarseProgress reports progress the way Blender 3.4 does (measured: the
// first sample, then nothing until the last), so a lease's whole render is
// one gap without progress.
type coarseProgress struct{ renderer.Renderer }

func (c coarseProgress) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	report := t.Progress
	t.Progress = nil
	if report != nil {
		report(0, t.Samples)
	}
	res, err := c.Renderer.Render(ctx, t)
	if err == nil && report != nil {
		report(t.Samples, t.Samples)
	}
	return res, err
}

// followJob follows job id's events into a slice until it ends.
func followJob(t *testing.T, c *api.Client, id string) (api.JobState, []api.Event) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var events []api.Event
	state, err := c.Events(ctx, id, func(e api.Event) error {
		events = append(events, e)
		return nil
	})
	if err != nil {
		t.Fatalf("job %s: %v", id, err)
	}
	return state, events
}

// blocklistedNodes returns the members the node c talks to has
// blocklisted.
func blocklistedNodes(t *testing.T, c *api.Client) map[string]bool {
	t.Helper()
	members, err := c.Nodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range members {
		if m.Reputation != nil && !m.Reputation.BlocklistedUntil.IsZero() {
			out[m.ID] = true
		}
	}
	return out
}

// TestSybilSwarm: six members answering every render with HTTP 500 and
// two honest ones. A small job and a large one complete on the honest
// ones, each sybil ends up blocklisted (by key, shown by `conun nodes`), no
// honest node is, and the blocklist outlives the jobs: a later job leases
// nothing to a sybil.
func TestSybilSwarm(t *testing.T) {
	const honest = 2
	nodes := farmtest.Start(t, honest+6, func(i int, c *farm.NodeConfig) {
		if i >= honest {
			// Many slots: the scheduler prefers the member with the
			// most free ones, so the swarm draws most leases.
			c.Slots = 8
			c.Renderers = farmtest.Broken()
		}
	})
	c := api.NewClient(nodes[0].URL())
	jobs := []struct {
		name  string
		tiles tiler.Grid
	}{
		// Two tasks: each is offered to the swarm again and again (it
		// used to fail after 5 failed leases).
		{"small", tiler.Grid{Cols: 2, Rows: 1}},
		// Enough tasks for each sybil to fail several that honest
		// nodes then render.
		{"large", tiler.Grid{Cols: 8, Rows: 8}},
	}
	failed := map[string]int{}
	for _, job := range jobs {
		id := farmtest.Submit(t, c, func(s *api.JobSpec) {
			s.Resolution = tiler.Resolution{Width: 64, Height: 48}
			s.Tiles, s.Nonce = job.tiles, t.Name()+job.name
		})
		start := time.Now()
		state, events := followJob(t, c, id)
		rep, _ := c.Report(context.Background(), id)
		if state != api.JobDone {
			t.Fatalf("%s job ended %s: %s", job.name, state, rep.Error)
		}
		t.Logf("%s job (%d tasks) done in %v", job.name, len(rep.Tasks), time.Since(start).Round(time.Millisecond))
		for _, e := range events {
			if e.Type == api.EventRequeued && e.Reason == api.RequeueFailed {
				failed[e.Node]++
			}
		}
		for _, tr := range rep.Tasks {
			if tr.Node != "node-1" && tr.Node != "node-2" {
				t.Fatalf("%s job: task %d accepted from %s", job.name, tr.Index, tr.Node)
			}
		}
	}
	t.Logf("failed leases per node: %v", failed)
	got := blocklistedNodes(t, c)
	for i := range nodes {
		name := nodes[i].Name()
		switch {
		case i < honest && got[name]:
			t.Errorf("honest %s is blocklisted", name)
		case i >= honest && !got[name]:
			t.Errorf("sybil %s is not blocklisted (it failed %d leases)", name, failed[name])
		}
	}
	if t.Failed() {
		return
	}

	// A later job: no sybil gets a lease.
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Nonce = t.Name() + "after" })
	state, events := followJob(t, c, id)
	if state != api.JobDone {
		t.Fatalf("later job ended %s", state)
	}
	for _, e := range events {
		if e.Type == api.EventLeased && e.Node != "node-1" && e.Node != "node-2" {
			t.Fatalf("blocklisted %s got task %d of the second job", e.Node, e.Task)
		}
	}
}

// TestHangingWorkerTakenBack: a member that accepts a task, answers
// heartbeats and never gets past its first progress report loses the
// lease at the stall bound (the lease timeout is the default two hours);
// the task completes elsewhere, and the failure counts against the node,
// not the task.
func TestHangingWorkerTakenBack(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.HeartbeatInterval = 50 * time.Millisecond
		c.Stall = farm.StallConfig{Default: time.Second, Min: 200 * time.Millisecond, Factor: 8}
		if i == 1 {
			c.Renderers = []renderer.Renderer{hangingRenderer{farmtest.Renderers()[0]}}
		}
	})
	if lt := farm.DefaultNodeConfig().LeaseTimeout; lt < time.Hour {
		t.Fatalf("the default lease timeout is %v: the test needs a long one", lt)
	}
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, nil)
	state, events := followJob(t, c, id)
	if state != api.JobDone {
		t.Fatalf("job ended %s", state)
	}
	stalled := 0
	for _, e := range events {
		switch {
		case e.Type == api.EventRequeued && e.Node == "node-2" && e.Reason == api.RequeueStalled:
			stalled++
			if !strings.Contains(e.Message, "no progress") {
				t.Errorf("stalled requeue says %q", e.Message)
			}
		case e.Type == api.EventRequeued && e.Reason == api.RequeueFailed:
			t.Errorf("a lease failed: %+v", e)
		}
	}
	if stalled == 0 {
		t.Fatal("the hanging worker's lease was never taken back for lack of progress")
	}
	rep, _ := c.Report(context.Background(), id)
	for _, tr := range rep.Tasks {
		if tr.Node != "node-1" || tr.Attempts != 0 {
			t.Errorf("task %d: node %s, %d attempts counted against it; want node-1, 0", tr.Index, tr.Node, tr.Attempts)
		}
	}
	if got := blocklistedNodes(t, c); got["node-1"] {
		t.Errorf("honest node-1 blocklisted")
	}
}

// TestHonestSlowNodeKept: a node limited to one thread, whose progress is
// as coarse as Blender's, beside a faster one, under a tight stall bound
// (eight times the node's own measured time, at least 10 ms, where its
// tasks take tens of milliseconds): none of its
// leases is taken back, because the bound follows its own speed.
func TestHonestSlowNodeKept(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.HeartbeatInterval = 20 * time.Millisecond
		c.Stall = farm.StallConfig{Default: time.Minute, Min: 10 * time.Millisecond, Factor: 8}
		if i == 1 {
			c.Threads = 1
			c.Renderers = []renderer.Renderer{coarseProgress{farmtest.Renderers()[0]}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.Resolution = tiler.Resolution{Width: 256, Height: 192}
		s.Tiles = tiler.Grid{Cols: 4, Rows: 2}
		s.Samples = 12
	})
	state, events := followJob(t, c, id)
	if state != api.JobDone {
		t.Fatalf("job ended %s", state)
	}
	for _, e := range events {
		// (A node starved of CPU on a loaded machine may be declared
		// dead by gossip for a moment: not this test's business.)
		if e.Type == api.EventRequeued && e.Reason == api.RequeueStalled {
			t.Errorf("honest lease taken back: %+v", e)
		}
	}
	rep, _ := c.Report(context.Background(), id)
	slow := 0
	for _, tr := range rep.Tasks {
		if tr.Node == "node-2" {
			slow++
		}
	}
	if slow < 2 {
		t.Fatalf("the slow node rendered %d tasks; the test needs it to render after its speed is known", slow)
	}
	if got := blocklistedNodes(t, c); len(got) > 0 {
		t.Errorf("honest nodes blocklisted: %v", got)
	}
}

// TestHonestSlowBlenderKept is TestHonestSlowNodeKept with real Blender,
// whose progress is coarse by itself (the first sample, then the last): a
// node limited to one thread beside one with every core, under a bound of
// eight times each node's own measured time and at least 20 ms (a warm
// tile takes about a tenth of a second; with the minimum alone as the
// bound, its leases are taken back). None of its leases is taken back.
func TestHonestSlowBlenderKept(t *testing.T) {
	needBlender(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{newBlender(t)}
		c.HeartbeatInterval = 50 * time.Millisecond
		c.Stall = farm.StallConfig{Default: 2 * time.Minute, Min: 20 * time.Millisecond, Factor: 8}
		if i == 1 {
			c.Threads = 1
		}
	})
	c := api.NewClient(nodes[0].URL())
	job := submitComposited(ctx, t, c, "texture", func(s *api.JobSpec) {
		s.Resolution = tiler.Resolution{Width: 128, Height: 96}
		s.Tiles = tiler.Grid{Cols: 4, Rows: 4}
		s.Samples = 256 // tenths of a second a tile, warm: progress only at its ends
		s.VerifyRate = 0.01
	})
	state, events := followJob(t, c, job.id)
	if state != api.JobDone {
		t.Fatalf("job ended %s", state)
	}
	slow := 0
	for _, e := range events {
		switch {
		case e.Type == api.EventRequeued && e.Reason == api.RequeueStalled:
			t.Errorf("honest Blender lease taken back: %+v", e)
		case e.Type == api.EventDone && e.Node == "node-2":
			slow++
		}
	}
	if slow < 2 {
		for _, e := range events {
			t.Logf("%s %s task %d %s %s", e.Time.Format("05.000"), e.Type, e.Task, e.Node, e.Message)
		}
		t.Fatalf("the one-thread node rendered %d tasks; the test needs it to render after its speed is known", slow)
	}
	t.Logf("the one-thread node rendered %d of %d tasks, none taken back", slow, job.spec.Tiles.Cols*job.spec.Tiles.Rows)
}
