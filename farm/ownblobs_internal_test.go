package farm

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// seedHold holds the renders of tasks with seed until open is closed.
type seedHold struct {
	renderer.Renderer
	seed    uint64
	open    chan struct{}
	started *atomic.Int32
}

func (h seedHold) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Seed == h.seed {
		h.started.Add(1)
		select {
		case <-h.open:
		case <-ctx.Done():
			return renderer.Result{}, ctx.Err()
		}
	}
	return h.Renderer.Render(ctx, t)
}

// TestOwnBlobsUnderCap: over --cache-max, the node's own blobs lose the
// scenes and tiles of ended jobs, and keep the scene an open job shares
// with an ended one, an upload no job names yet, and every tile of the
// open job; the open job then finishes from what was kept.
func TestOwnBlobsUnderCap(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	open := make(chan struct{})
	var started atomic.Int32
	n := startNode(t, "solo", nil, func(c *NodeConfig) {
		c.Renderers = []renderer.Renderer{seedHold{pathtracer.New(pathtracer.DefaultConfig()), 7, open, &started}}
	})
	c := api.NewClient(n.URL())
	upload := func(data []byte) string {
		h, err := c.Upload(ctx, data)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	cornell, _ := scenes.Bytes("cornell.glb")
	spheres, _ := scenes.Bytes("spheres.glb")
	sceneA, sceneA2 := upload(cornell), upload(spheres)
	unsubmitted := upload([]byte("a scene no job names yet"))
	submit := func(scene, name string, seed uint64) string {
		id, err := c.Submit(ctx, api.JobSpec{
			Scene: scene, SceneName: name, Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
			Resolution: tiler.Resolution{Width: 16, Height: 12}, Samples: 2, Seed: seed, Tiles: tiler.Grid{Cols: 2, Rows: 1}, Depth: 8,
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	tiles := func(id string) []string {
		n.coord.mu.Lock()
		defer n.coord.mu.Unlock()
		var out []string
		for _, t := range n.coord.jobs[id].tasks {
			out = append(out, t.hash)
		}
		return out
	}
	var ended []string
	for _, j := range []struct {
		scene, name string
	}{{sceneA, "cornell.glb"}, {sceneA2, "spheres.glb"}} {
		id := submit(j.scene, j.name, 1)
		if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
			t.Fatalf("job %s: %s %v", id, state, err)
		}
		ended = append(ended, tiles(id)...)
	}
	idB := submit(sceneA, "cornell.glb", 7) // open, sharing job A's scene
	waitFor(t, "job B to start rendering", func() bool { return started.Load() > 0 })

	n.coord.cfg.CacheBytes = 1 // far under what the node holds
	n.coord.capOwnBlobs()

	held := func(h string) bool {
		_, err := os.Stat(filepath.Join(n.cfg.DataDir, "blobs", h))
		return err == nil
	}
	tests := []struct {
		name string
		hash string
		want bool
	}{
		{"the scene an open job shares with an ended one", sceneA, true},
		{"an ended job's own scene", sceneA2, false},
		{"an upload no job names", unsubmitted, true},
	}
	for i, h := range ended {
		tests = append(tests, struct {
			name string
			hash string
			want bool
		}{"ended jobs' tile " + string(rune('0'+i)), h, false})
	}
	for _, tc := range tests {
		if got := held(tc.hash); got != tc.want {
			t.Errorf("%s (%.12s): held %v, want %v", tc.name, tc.hash, got, tc.want)
		}
	}
	close(open)
	if state, err := c.Events(ctx, idB, nil); err != nil || state != api.JobDone {
		t.Fatalf("the open job after the cap: %s %v", state, err)
	}
	for _, h := range tiles(idB) {
		if !held(h) {
			t.Errorf("open job's tile %.12s is gone", h)
		}
	}
}
