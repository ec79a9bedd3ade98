package farm

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/availability"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// holdRenderer renders nothing until its context ends: a worker holds its
// lease for as long as the test needs.
type holdRenderer struct {
	renderer.Renderer
	started *atomic.Int32
}

func (h holdRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	h.started.Add(1)
	<-ctx.Done()
	return renderer.Result{}, ctx.Err()
}

// leaseOf is the nonce and holder of job id's task 0 while it is leased.
func leaseOf(n *Node, id string) (nonce, node string) {
	n.coord.mu.Lock()
	defer n.coord.mu.Unlock()
	j := n.coord.jobs[id]
	if j == nil || len(j.tasks) == 0 || j.tasks[0].state != api.TaskLeased {
		return "", ""
	}
	return j.tasks[0].nonce, j.tasks[0].node
}

// postRelease asks n to release the lease nonce, signed by id.
func postRelease(t *testing.T, n *Node, id *rpc.Identity, nonce string) int {
	t.Helper()
	path := "/rpc/v1/leases/" + nonce + "/release"
	req, _ := http.NewRequest(http.MethodPost, n.RPCURL()+path, nil)
	req.Header.Set("Content-Type", "application/json")
	if err := id.SignRequest(req, path, n.cfg.Identity.Address()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestAwayWorkerHandsLeaseBack: a worker whose owner takes the machine
// back mid-task hands its lease back; only it could; the task goes to the
// other node at once, the job completes, and nothing is held against the
// worker: no failure, no attempt, no mark on its health record.
func TestAwayWorkerHandsLeaseBack(t *testing.T) {
	ctx := context.Background()
	coord, worker, c, id := leasedToWorker(t)
	nonce, holder := leaseOf(coord, id)
	if holder != "worker" || nonce == "" {
		t.Fatalf("task 0 is leased to %q (nonce %q), want the worker", holder, nonce)
	}

	// Who gains if the caller lies: another node releasing the worker's
	// lease would take its work away. Refused.
	stranger, _ := rpc.NewIdentity()
	if code := postRelease(t, coord, stranger, nonce); code != http.StatusForbidden {
		t.Fatalf("release of the worker's lease by a stranger: %d, want 403", code)
	}
	if code := postRelease(t, coord, worker.cfg.Identity, "no-such-lease"); code != http.StatusNotFound {
		t.Fatalf("release of an unknown lease: %d, want 404", code)
	}
	if n, h := leaseOf(coord, id); n != nonce || h != "worker" {
		t.Fatalf("after refused releases the lease is %q by %q, want still the worker's", n, h)
	}

	// The owner takes the worker's machine back; the coordinator's owner
	// lets it render.
	if _, err := coord.SetPaused(ctx, false); err != nil {
		t.Fatal(err)
	}
	a, err := worker.SetPaused(ctx, true)
	if err != nil || a.Available || !a.Paused {
		t.Fatalf("pause the worker: %+v %v", a, err)
	}
	var released []api.Event
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	state, err := c.Events(wctx, id, func(e api.Event) error {
		if e.Type == api.EventRequeued {
			released = append(released, e)
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	if len(released) != 1 || released[0].Reason != api.RequeueReleased || released[0].Node != "worker" {
		t.Fatalf("requeues %+v, want one released by the worker", released)
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Tasks) != 1 || rep.Tasks[0].Node != "coord" {
		t.Fatalf("tasks %+v, want the one rendered by coord", rep.Tasks)
	}
	coord.coord.mu.Lock()
	h := coord.coord.health[repKey(worker.cfg.Identity.Address().Hex())]
	j := coord.coord.jobs[id]
	failures, attempts := j.failures["worker"], j.tasks[0].attempts
	coord.coord.mu.Unlock()
	if h != nil && (h.Failed != 0 || h.Refuted != 0 || !h.Until.IsZero()) {
		t.Errorf("the worker's health record %+v, want clean", *h)
	}
	if failures != 0 || attempts != 0 {
		t.Errorf("job counts %d failures of the worker and %d attempts, want none", failures, attempts)
	}
	for _, m := range coord.Members() {
		if m.ID == "worker" && !strings.Contains(m.Away, "paused by owner") {
			waitSeenAway(t, coord, "worker", "paused by owner")
		}
	}
}

// switchCPU is a CPU sampler whose others' share the test sets.
type switchCPU struct {
	busy atomic.Bool
	s    availability.CPUSample
	mu   sync.Mutex
}

func (c *switchCPU) SampleCPU() (availability.CPUSample, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s.Total += 100
	if c.busy.Load() {
		c.s.Busy += 90
	}
	return c.s, nil
}

// TestIdleModeNodeGoesAway: a node in idle mode takes leases once the
// machine was idle for --idle-after, stops (and says why to the cluster)
// when the owner's use goes over --idle-cpu, and takes them again after.
// Its CPU reading is injected: TestIdleWithRealLoad reads a real one.
func TestIdleModeNodeGoesAway(t *testing.T) {
	cpu := &switchCPU{}
	n := startNode(t, "idler", nil, func(c *NodeConfig) {
		c.Availability.Mode = availability.Mode{Idle: true}
		c.Availability.IdleAfter, c.Availability.Interval = 300*time.Millisecond, 50*time.Millisecond
		c.Availability.CPU = cpu
		c.Availability.InputIdle = func(context.Context) (time.Duration, error) { return 0, availability.ErrNoInputIdle }
		c.Availability.OnBattery = func() (bool, error) { return false, nil }
	})
	away := func() string {
		for _, m := range n.Members() {
			if m.ID == "idler" {
				return m.Away
			}
		}
		return "not listed"
	}
	waitFor(t, "the idle machine to let the node render", func() bool { return away() == "" && n.Availability().Available })
	cpu.busy.Store(true)
	waitFor(t, "the owner's use to stop the node", func() bool { return away() == "owner active: CPU 90% > 25%" })
	if why := n.work.awayReason(); why == "" {
		t.Fatal("the worker still takes leases")
	}
	cpu.busy.Store(false)
	waitFor(t, "the node to render again", func() bool { return away() == "" && n.work.awayReason() == "" })
}

// TestClosingWorkerHandsLeaseBack: a worker stopped gracefully (SIGTERM)
// hands its lease back as a release, not a failure.
func TestClosingWorkerHandsLeaseBack(t *testing.T) {
	ctx := context.Background()
	coord, worker, c, id := leasedToWorker(t)
	if err := worker.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := coord.SetPaused(ctx, false); err != nil {
		t.Fatal(err)
	}
	var requeues []api.Event
	wctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if state, err := c.Events(wctx, id, func(e api.Event) error {
		if e.Type == api.EventRequeued {
			requeues = append(requeues, e)
		}
		return nil
	}); err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	if len(requeues) != 1 || requeues[0].Reason != api.RequeueReleased {
		t.Fatalf("requeues %+v, want one release", requeues)
	}
}

// leasedToWorker starts a coordinator paused by its owner and a worker
// whose renderer holds its task until its context ends, submits a one-task
// job to the coordinator and returns once the worker renders it (the
// paused coordinator leases to the worker alone).
func leasedToWorker(t *testing.T) (coord, worker *Node, c *api.Client, id string) {
	t.Helper()
	ctx := context.Background()
	coord = startNode(t, "coord", nil, nil)
	if a, err := coord.SetPaused(ctx, true); err != nil || a.Available || a.Reason != "paused by owner" {
		t.Fatalf("pause: %+v %v", a, err)
	}
	var started atomic.Int32
	worker = startNode(t, "worker", []string{coord.GossipAddr()}, func(c *NodeConfig) {
		c.Renderers = []renderer.Renderer{holdRenderer{pathtracer.New(pathtracer.DefaultConfig()), &started}}
	})
	if err := WaitMembers(ctx, []*Node{coord, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	waitSeenAway(t, worker, "coord", "paused by owner")
	c = api.NewClient(coord.URL())
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err = c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 16, Height: 12}, Samples: 2, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8, Nonce: t.Name(),
	})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the worker to render the task", func() bool { return started.Load() == 1 })
	return coord, worker, c, id
}
