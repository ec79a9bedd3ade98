package farm

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// gateRenderer holds every render until open is closed, counting starts.
type gateRenderer struct {
	renderer.Renderer
	open    chan struct{}
	started *atomic.Int32
}

func (g gateRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	g.started.Add(1)
	select {
	case <-g.open:
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	return g.Renderer.Render(ctx, t)
}

// prefetchCluster starts a paused coordinator and a worker whose renders
// wait for open, joined and seeing the coordinator away, so every task goes
// to the worker one at a time.
func prefetchCluster(t *testing.T, open chan struct{}, started *atomic.Int32) (coord, worker *Node) {
	t.Helper()
	ctx := context.Background()
	coord = startNode(t, "coord", nil, nil)
	if _, err := coord.SetPaused(ctx, true); err != nil {
		t.Fatal(err)
	}
	worker = startNode(t, "worker", []string{coord.GossipAddr()}, func(c *NodeConfig) {
		c.Renderers = []renderer.Renderer{gateRenderer{pathtracer.New(pathtracer.DefaultConfig()), open, started}}
	})
	if err := WaitMembers(ctx, []*Node{coord, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	waitSeenAway(t, coord, "coord", "")
	return coord, worker
}

// submitScene submits a one-tile job of a bundled scene and returns its
// id and the scene's hash.
func submitScene(t *testing.T, c *api.Client, name string) (string, string) {
	t.Helper()
	ctx := context.Background()
	data, _ := scenes.Bytes(name)
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: name, Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 16, Height: 12}, Samples: 2, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8, Nonce: t.Name(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, hash
}

// taskStates is the states of job id's tasks on coordinator n.
func taskStates(n *Node, id string) []api.TaskState {
	n.coord.mu.Lock()
	defer n.coord.mu.Unlock()
	var out []api.TaskState
	for _, t := range n.coord.jobs[id].tasks {
		out = append(out, t.state)
	}
	return out
}

// TestPrefetch: while the worker's only slot renders job A, the scene of
// job B (queued behind it) lands in the worker's cache before any task of
// B is leased: the fetch overlaps the render. Both jobs then finish, and
// B's lease, when the worker's, used the prefetched scene (no longer
// marked a guess).
func TestPrefetch(t *testing.T) {
	open := make(chan struct{})
	var started atomic.Int32
	coord, worker := prefetchCluster(t, open, &started)
	c := api.NewClient(coord.URL())
	idA, _ := submitScene(t, c, "cornell.glb")
	waitFor(t, "the worker to start rendering job A", func() bool { return started.Load() == 1 })
	idB, sceneB := submitScene(t, c, "spheres.glb")

	cached := filepath.Join(worker.cfg.DataDir, "cache", sceneB)
	waitFor(t, "job B's scene in the worker's cache", func() bool {
		_, err := os.Stat(cached)
		return err == nil
	})
	if s := taskStates(coord, idB); s[0] != api.TaskPending || started.Load() != 1 {
		t.Fatalf("job B's scene was fetched with its task %s and %d renders started: want it pending behind job A's one render", s[0], started.Load())
	}
	if !worker.work.cache.Prefetched(sceneB) {
		t.Error("job B's scene is not marked prefetched (first to evict)")
	}
	if got := worker.metrics.prefetched.Load(); got != 1 {
		t.Errorf("conun_scenes_prefetched_total = %d, want 1", got)
	}
	data, _ := scenes.Bytes("spheres.glb")
	if got, _ := os.ReadFile(cached); !bytes.Equal(got, data) {
		t.Fatal("the prefetched scene's bytes differ from the uploaded scene")
	}

	// Checks of the worker's tiles need a second node: the coordinator.
	if _, err := coord.SetPaused(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	close(open)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for _, id := range []string{idA, idB} {
		if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
			t.Fatalf("job %s: %s, %v", id, state, err)
		}
	}
	// Unpaused, the coordinator may have rendered B itself; if the worker
	// did, its lease used the prefetched scene.
	coord.coord.mu.Lock()
	renderedBy := coord.coord.jobs[idB].tasks[0].node
	coord.coord.mu.Unlock()
	if renderedBy == "worker" && worker.work.cache.Prefetched(sceneB) {
		t.Error("job B's lease used the prefetched scene, yet it is still marked a guess")
	}
}

// TestPrefetchRefused: the prefetch route takes only signed hints the
// worker could act on, and a hint never passes as a lease.
func TestPrefetchRefused(t *testing.T) {
	var started atomic.Int32
	coord, worker := prefetchCluster(t, make(chan struct{}), &started)
	var me api.Member
	for _, m := range coord.Members() {
		if m.ID == "worker" {
			me = m
		}
	}
	data, _ := scenes.Bytes("cornell.glb")
	scene, err := api.NewClient(coord.URL()).Upload(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	release := renderer.ParseBuild(renderer.Advertised(pathtracer.New(pathtracer.DefaultConfig()))).Release()
	hint := func(change func(*TaskRequest)) TaskRequest {
		req := TaskRequest{
			JobID: "abcdef", Task: -1, Sources: []string{coord.RPCURL()}, Renderer: "pathtracer", Scene: scene, SceneName: "cornell.glb",
			Coordinator: coord.cfg.Identity.Address().Hex(), JobHash: "0xabcdef" + hex.EncodeToString(make([]byte, 29)),
			Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(), Prefetch: &PrefetchDemand{Release: release},
		}
		if change != nil {
			change(&req)
		}
		return req
	}
	tests := []struct {
		name, path string
		req        TaskRequest
		want       int
	}{
		{"a hint of a scene it can render", prefetchPath, hint(nil), http.StatusAccepted},
		{"another release", prefetchPath, hint(func(r *TaskRequest) { r.Prefetch.Release = "pathtracer-0.0.1" }), http.StatusBadRequest},
		{"another renderer", prefetchPath, hint(func(r *TaskRequest) { r.Renderer = "blender" }), http.StatusBadRequest},
		{"a newer minimum version", prefetchPath, hint(func(r *TaskRequest) { r.Prefetch.MinVersion = "999" }), http.StatusBadRequest},
		{"a feature it lacks", prefetchPath, hint(func(r *TaskRequest) { r.Prefetch.Needs = "gl" }), http.StatusBadRequest},
		{"no demand: a lease sent to the prefetch route", prefetchPath, hint(func(r *TaskRequest) { r.Prefetch = nil }), http.StatusBadRequest},
		{"a hint sent as a lease", "/rpc/v1/render", hint(nil), http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.req
			if err := coord.coord.signFor(&req, me); err != nil {
				t.Fatal(err)
			}
			body, _ := json.Marshal(req)
			resp, err := http.Post(worker.RPCURL()+tc.path, "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("%s: %s, want %d", tc.path, resp.Status, tc.want)
			}
		})
	}
	// Only the one hint it could act on was fetched.
	waitFor(t, "the accepted hint's scene in the cache", func() bool { return worker.work.cache.Prefetched(scene) })
	if n := worker.metrics.prefetched.Load(); n != 1 {
		t.Fatalf("%d scenes prefetched, want 1", n)
	}
	if started.Load() != 0 {
		t.Fatal("a prefetch hint started a render")
	}
}

// TestFetchGate: a prefetch waits while a lease fetches, and a lease that
// starts to fetch stops the prefetch under way.
func TestFetchGate(t *testing.T) {
	var g fetchGate
	ctx := context.Background()
	if !g.waitIdle(ctx) {
		t.Fatal("an idle gate made a prefetch wait")
	}
	pctx, stop := g.prefetching(ctx)
	end := g.begin()
	if pctx.Err() == nil {
		t.Fatal("a lease's fetch left the prefetch under way running")
	}
	stop()
	waitCtx, cancel := context.WithCancel(ctx)
	cancel()
	if g.waitIdle(waitCtx) {
		t.Fatal("a prefetch went ahead while a lease fetched")
	}
	if pctx2, stop2 := g.prefetching(ctx); pctx2.Err() == nil {
		t.Fatal("a prefetch started while a lease fetched was not stopped at once")
	} else {
		stop2()
	}
	end()
	if !g.waitIdle(ctx) {
		t.Fatal("the gate stayed shut after the lease's fetch ended")
	}
	pctx3, stop3 := g.prefetching(ctx)
	defer stop3()
	if pctx3.Err() != nil {
		t.Fatal("a prefetch on an idle gate was stopped")
	}
}
