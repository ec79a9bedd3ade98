//go:build linux && cgo

package farm_test

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
	"github.com/conun/conun/scenes"
)

// TestClusterRendersWithGL: a job asking for the gl renderer is tiled
// across two nodes running the GPU tracer (Mesa's llvmpipe here), and the
// stitched frame equals the same tracer's whole-frame render bit for bit.
func TestClusterRendersWithGL(t *testing.T) {
	r, err := gl.New(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer r.Close()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{r} // one context serves both: renders take turns
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.Renderer, s.Depth, s.Samples = "gl", 16, 4
	})
	rep := farmtest.WaitDone(t, c, id)
	if len(rep.Tasks) != 16 {
		t.Fatalf("%d tasks, want 16", len(rep.Tasks))
	}
	var buf bytes.Buffer
	if err := c.Frame(context.Background(), id, 1, &buf); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}

	scene := filepath.Join(t.TempDir(), "cornell.glb")
	data, _ := scenes.Bytes("cornell.glb")
	if err := os.WriteFile(scene, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := r.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 32, Height: 24, Samples: 4})
	if err != nil {
		t.Fatal(err)
	}
	if n, p := farmtest.DiffPixels(want.Image, got); n > 0 {
		t.Fatalf("stitched frame differs from the whole-frame render in %d pixels, the first at %v", n, p)
	}
}

// TestGLCheaterCaught: a lazy gl worker (a quarter of the samples) is
// convicted by gl checkers of its stack; a node that only has the CPU
// tracer never renders, checks or arbitrates a gl tile; the frames equal an
// honest gl render.
func TestGLCheaterCaught(t *testing.T) {
	r, err := gl.New(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer r.Close()
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		switch c.Name {
		case "node-3":
			c.Renderers = []renderer.Renderer{&cheater{Renderer: r, mode: "lazy4"}}
		case "node-4": // the CPU tracer only
		default:
			c.Renderers = []renderer.Renderer{r}
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName, s.Renderer, s.Depth, s.Samples, s.Seed, s.VerifyRate = "anim.glb", "gl", 16, 16, 3, 1
	})
	rep := farmtest.WaitDone(t, c, id)
	convicted := false
	for _, cv := range rep.Convictions {
		if cv.Node != "node-3" {
			t.Fatalf("honest node %s convicted", cv.Node)
		}
		convicted = true
		for _, cr := range cv.Evidence.Renders {
			if cr.Node == "node-4" || !strings.HasPrefix(cr.Build, "gl-") {
				t.Fatalf("gl tile checked by %s with build %s", cr.Node, cr.Build)
			}
		}
	}
	if !convicted {
		t.Fatal("the lazy gl worker was not convicted")
	}
	for _, tr := range rep.Tasks {
		if tr.Node == "node-4" || tr.Node == "node-3" {
			t.Fatalf("task %d accepted from %s", tr.Index, tr.Node)
		}
	}
	var buf bytes.Buffer
	if err := c.Frame(context.Background(), id, 1, &buf); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	scene := filepath.Join(t.TempDir(), "anim.glb")
	data, _ := scenes.Bytes("anim.glb")
	if err := os.WriteFile(scene, data, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := r.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 32, Height: 24, Samples: 16, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n, p := farmtest.DiffPixels(want.Image, got); n > 0 {
		t.Fatalf("%d pixels differ from the honest gl render, the first at %v: a cheat got through", n, p)
	}
}
