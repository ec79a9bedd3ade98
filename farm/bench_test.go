package farm_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/httplimit"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// BenchmarkDemoNodes runs the demo job on 1 and on 3 in-process nodes side
// by side and reports both wall times and their ratio. In one process all
// nodes share the machine's cores, so the ratio shows the cluster's overhead
// (gossip, RPC, PNG transfer) rather than a speed-up.
func BenchmarkDemoNodes(b *testing.B) {
	data, _ := scenes.Bytes("cornell.glb")
	spec := api.JobSpec{
		Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 160, Height: 120}, Samples: 16,
		Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8,
	}
	run := func(nodes int) time.Duration {
		start := time.Now()
		_, err := farm.RunDemo(context.Background(), farm.DemoConfig{
			Nodes: nodes, NewRenderers: farmtest.NewRenderers, SceneName: "cornell.glb", Scene: data,
			Spec: spec, Out: b.TempDir(),
		})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var one, three time.Duration
	for b.Loop() {
		one += run(1)
		three += run(3)
	}
	b.ReportMetric(one.Seconds()/float64(b.N), "1node-s")
	b.ReportMetric(three.Seconds()/float64(b.N), "3node-s")
	b.ReportMetric(three.Seconds()/one.Seconds(), "3node/1node")
}

// instantRenderer renders nothing: a flat tile at once (farmtest.FlatTile),
// so a benchmark measures the farm's own cost per task.
type instantRenderer struct{}

func (instantRenderer) Name() string    { return "pathtracer" }
func (instantRenderer) Version() string { return "instant" }
func (instantRenderer) Inspect(context.Context, string) (renderer.SceneInfo, error) {
	return renderer.SceneInfo{FrameStart: 1, FrameEnd: 1000, FPS: 24}, nil
}
func (instantRenderer) Render(_ context.Context, t renderer.Task) (renderer.Result, error) {
	return farmtest.FlatTile(t), nil
}

// BenchmarkDispatch: one coordinator leasing to in-process nodes that
// render instantly (instantRenderer: a flat tile at once, no path
// tracer); reports the farm's own cost per task (lease, signed RPC, PNG
// transfer, signatures, the tile's blob and its record made durable) as
// tasks per second and µs a task. "nodes=200" is the setup (200
// one-slot workers, the coordinator among them); "slots=16" the setting
// of the old figure (8 nodes, 2 slots each); "slots=200" keeps 200
// instant renders in flight on 8 nodes of 25 slots, so a change's effect
// on the per-lease path shows apart from the scheduler's per-member work.
func BenchmarkDispatch(b *testing.B) {
	tests := []struct {
		name   string
		nodes  int
		slots  int // each node's, the coordinator's own included
		frames int // of 64 tiles: enough to keep every slot busy
	}{
		{"slots=16", 8, 2, 4},
		{"slots=200", 8, 25, 16},
		{"nodes=200", 200, 1, 16},
	}
	for _, tc := range tests {
		b.Run(tc.name, func(b *testing.B) {
			run := startDispatch(b, tc.nodes, tc.slots)
			var took, cpu time.Duration
			for i := 0; b.Loop(); i++ {
				before := processCPU(b)
				took += run(i, tc.frames)
				cpu += processCPU(b) - before
			}
			tasks := float64(b.N * tc.frames * 64)
			b.ReportMetric(tasks/took.Seconds(), "tasks/s")
			b.ReportMetric(took.Seconds()/tasks*1e6, "µs/task")
			// The whole process's CPU (coordinator, workers and their
			// gossip): on a shared machine wall time follows the others'
			// load, this does not.
			b.ReportMetric(cpu.Seconds()/tasks*1e6, "cpu-µs/task")
		})
	}
}

// startDispatch starts a cluster of instant workers and returns a function
// that runs one job of frames x 64 tiles on it and says how long it took.
func startDispatch(b *testing.B, nodes, slots int) func(i, frames int) time.Duration {
	cluster := farmtest.Start(b, nodes, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{instantRenderer{}}
		c.Slots = slots
		// Every in-process node calls from 127.0.0.1: one source to the
		// listeners' per-source cap, unlike members on their own hosts.
		c.HTTP = httplimit.DefaultConfig()
		c.HTTP.MaxConnsPerSource = c.HTTP.MaxConns
		c.Verify.NewNodeRate = c.Verify.Floor // measure dispatch, not checks
	})
	c := api.NewClient(cluster[0].URL())
	ctx := context.Background()
	hash, err := c.Upload(ctx, []byte("an instant scene"))
	if err != nil {
		b.Fatal(err)
	}
	return func(i, frames int) time.Duration {
		spec := api.JobSpec{
			Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: frames, Step: 1},
			Resolution: tiler.Resolution{Width: 256, Height: 256}, Samples: 1, Tiles: tiler.Grid{Cols: 8, Rows: 8}, Depth: 8,
			Nonce: fmt.Sprint(i),
		}
		start := time.Now()
		id, err := c.Submit(ctx, spec)
		if err != nil {
			b.Fatal(err)
		}
		if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
			b.Fatalf("job: %s %v", state, err)
		}
		return time.Since(start)
	}
}

// BenchmarkBlobTransfer: a 64 MiB scene fetched node to node over loopback
// by a member's signed request, hash verified on arrival.
func BenchmarkBlobTransfer(b *testing.B) {
	nodes := farmtest.Start(b, 2, nil)
	data := make([]byte, 64<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	hash, err := api.NewClient(nodes[0].URL()).Upload(context.Background(), data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		blobs, err := blobstore.Open(b.TempDir(), 1<<30)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := blobs.Fetch(context.Background(), nodes[1].PeerClient(), []string{nodes[0].RPCURL()}, hash); err != nil {
			b.Fatal(err)
		}
	}
}
