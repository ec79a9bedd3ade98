package farm

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// gpuTracer is the path tracer dressed as a renderer on a GPU that a
// probe may or may not find. No GPU can appear or vanish on the machine
// the tests run on, so the probe's answer is injected here (gpu); the
// real probe, Blender's, is TestReprobeBlenderFindsNoCUDA's.
type gpuTracer struct {
	renderer.Renderer
	gpu    atomic.Bool  // what the next probe finds
	on     atomic.Bool  // what the last probe found: what it renders on
	probes atomic.Int32 // Reprobe calls
	// renders counts Render calls; the first blocks until its context
	// ends (fail nil) or until fail is closed, then fails as a render on
	// a GPU that fell off the bus does.
	renders atomic.Int32
	fail    chan struct{}
}

func newGPUTracer(gpu bool, fail chan struct{}) *gpuTracer {
	g := &gpuTracer{Renderer: pathtracer.New(pathtracer.DefaultConfig()), fail: fail}
	g.gpu.Store(gpu)
	g.on.Store(gpu)
	return g
}

func (g *gpuTracer) Version() string {
	b := renderer.ParseBuild(g.Renderer.Version())
	b.Device = "cycles-cpu-avx2"
	if g.on.Load() {
		b.Device = "cycles-cuda"
	}
	return b.String()
}

func (g *gpuTracer) Device() string {
	if g.on.Load() {
		return "CUDA"
	}
	return "CPU"
}

func (g *gpuTracer) Reprobe(ctx context.Context) (bool, error) {
	g.probes.Add(1)
	now := g.gpu.Load()
	return g.on.Swap(now) != now, nil
}

func (g *gpuTracer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if g.renders.Add(1) > 1 {
		return g.Renderer.Render(ctx, t)
	}
	select {
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	case <-g.fail:
		return renderer.Result{}, errors.New("CUDA error: an illegal memory access was encountered (device lost)")
	}
}

// seenBuild is the build of rend that n's gossip says member advertises.
func seenBuild(n *Node, member, rend string) string {
	for _, m := range n.Members() {
		if m.ID == member {
			return m.Renderers[rend]
		}
	}
	return ""
}

// gpuLeased starts a paused coordinator and a worker whose path tracer
// renders on an injected GPU (watching dev every 20 ms when watch), and
// leases it a job's one task.
func gpuLeased(t *testing.T, dev string, watch bool, fail chan struct{}) (coord, worker *Node, g *gpuTracer, c *api.Client, id string, log *logBuffer) {
	t.Helper()
	ctx := context.Background()
	coord = startNode(t, "coord", nil, nil)
	if _, err := coord.SetPaused(ctx, true); err != nil {
		t.Fatal(err)
	}
	g = newGPUTracer(true, fail)
	log = new(logBuffer)
	worker = startNode(t, "worker", []string{coord.GossipAddr()}, func(c *NodeConfig) {
		c.Renderers = []renderer.Renderer{g}
		c.Logger = slog.New(slog.NewTextHandler(log, nil))
		c.Reprobe = ReprobeConfig{Paths: []string{filepath.Join(dev, "*")}}
		if watch {
			c.Reprobe.Every = 20 * time.Millisecond
		}
	})
	if err := WaitMembers(ctx, []*Node{coord, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	waitSeenAway(t, worker, "coord", "paused by owner")
	if b := seenBuild(coord, "worker", "pathtracer"); !strings.Contains(b, "/cycles-cuda") {
		t.Fatalf("coord sees the worker's path tracer as %q, want it on cycles-cuda", b)
	}
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
	waitFor(t, "the worker to render the task", func() bool { return g.renders.Load() == 1 })
	return coord, worker, g, c, id, log
}

// handedBack waits for job id to end done, rendered by coord once it
// resumes, and checks that the worker handed its lease back: one requeue,
// released, and no failure, attempt or health mark against the worker.
func handedBack(t *testing.T, coord, worker *Node, c *api.Client, id string, log *logBuffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var requeues []api.Event
	resumed := false
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventRequeued {
			requeues = append(requeues, e)
			if !resumed {
				resumed = true
				if _, err := coord.SetPaused(ctx, false); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Log(log.String())
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	if len(requeues) != 1 || requeues[0].Reason != api.RequeueReleased || requeues[0].Node != "worker" {
		t.Log(log.String())
		t.Fatalf("requeues %+v, want one lease handed back by the worker", requeues)
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
}

// TestReprobeDeviceGone: a GPU falls off the bus while the worker renders
// on it. The device file goes, the node's watch sees it and probes again;
// the other member, through real gossip, sees the worker offer the CPU
// build instead; the lease taken under the GPU build goes back, released,
// with no mark on the worker's record; the log says what went.
func TestReprobeDeviceGone(t *testing.T) {
	dev := t.TempDir()
	card := filepath.Join(dev, "nvidia0")
	if err := os.WriteFile(card, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	coord, worker, g, c, id, log := gpuLeased(t, dev, true, nil)

	g.gpu.Store(false)
	if err := os.Remove(card); err != nil {
		t.Fatal(err)
	}
	until(t, "coord to see the worker offer its CPU build", func() bool {
		return strings.Contains(seenBuild(coord, "worker", "pathtracer"), "/cycles-cpu-avx2")
	}, log)
	handedBack(t, coord, worker, c, id, log)
	for _, want := range []string{"devices changed: probing them again", "gone: " + card, "CUDA device gone: cycles-cuda no longer offered", "handed leases back"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the worker's log lacks %q:\n%s", want, log)
		}
	}

	// The GPU comes back: offered again, and said so.
	g.gpu.Store(true)
	if err := os.WriteFile(card, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, "coord to see the worker offer cycles-cuda again", func() bool {
		return strings.Contains(seenBuild(coord, "worker", "pathtracer"), "/cycles-cuda")
	}, log)
	if !strings.Contains(log.String(), "GPU appeared: cycles-cuda now offered") {
		t.Errorf("the worker's log lacks the GPU appearing:\n%s", log)
	}
}

// TestReprobeAfterGPURenderFails: with no watch (interval 0), a render on
// the GPU that fails because the device is gone makes the node probe at
// once: the device is found gone, and the task goes back released, not as
// the worker's failure.
func TestReprobeAfterGPURenderFails(t *testing.T) {
	dev := t.TempDir()
	fail := make(chan struct{})
	coord, worker, g, c, id, log := gpuLeased(t, dev, false, fail)
	if p := g.probes.Load(); p != 0 {
		t.Fatalf("%d re-probes before the render failed, want none (interval 0 watches nothing)", p)
	}
	g.gpu.Store(false)
	close(fail)
	handedBack(t, coord, worker, c, id, log)
	if p := g.probes.Load(); p != 1 {
		t.Errorf("%d re-probes, want the one the failed render asked for", p)
	}
	if b := seenBuild(coord, "worker", "pathtracer"); !strings.Contains(b, "/cycles-cpu-avx2") {
		t.Errorf("coord sees the worker's path tracer as %q, want the CPU build", b)
	}
}

// TestReprobeTracerOnly: a node whose renderers probe nothing (the path
// tracer alone) watches nothing, and a re-probe by hand finds nothing to
// ask and changes nothing it advertises.
func TestReprobeTracerOnly(t *testing.T) {
	dev := t.TempDir()
	n := startNode(t, "tracer", nil, func(c *NodeConfig) {
		c.Reprobe = ReprobeConfig{Every: 20 * time.Millisecond, Paths: []string{filepath.Join(dev, "*")}}
	})
	before := seenBuild(n, "tracer", "pathtracer")
	if err := os.WriteFile(filepath.Join(dev, "card0"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	res := n.Reprobe(context.Background())
	if len(res.Renderers) != 0 {
		t.Errorf("re-probe of a path-tracer node: %+v, want no renderer probed", res)
	}
	if after := seenBuild(n, "tracer", "pathtracer"); after != before || before == "" {
		t.Errorf("path tracer advertised %q, then %q: want it unchanged", before, after)
	}
}

// TestReprobeConfigRefused: a negative interval or a malformed path is
// refused at start, naming it.
func TestReprobeConfigRefused(t *testing.T) {
	tests := []struct {
		name string
		cfg  ReprobeConfig
		want string
	}{
		{"negative interval", ReprobeConfig{Every: -time.Second}, "re-probe interval -1s"},
		{"malformed path", ReprobeConfig{Every: time.Second, Paths: []string{"/dev/[nvidia"}}, `"/dev/[nvidia"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultNodeConfig()
			cfg.DataDir = t.TempDir()
			cfg.Reprobe = tc.cfg
			n, err := StartNode(context.Background(), cfg)
			if err == nil {
				n.Close()
				t.Fatal("started")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to name %s", err, tc.want)
			}
		})
	}
}
