package farm_test

import (
	"context"
	"image"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
)

// TestBlenderCheaterCaught: a Blender node that renders a quarter of the
// samples is convicted under the near-exact rule, and the job's frames
// match an honest Blender render near-exactly; the honest nodes pass.
func TestBlenderCheaterCaught(t *testing.T) {
	needBlender(t)
	dir := t.TempDir()
	if out, err := exec.Command("../scenes/blend/build.sh", dir).CombinedOutput(); err != nil {
		t.Fatalf("build scenes: %v\n%s", err, out)
	}
	scene := filepath.Join(dir, "anim.blend")
	nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return &cheater{Renderer: honest, mode: "lazy4"} })
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	data, _ := os.ReadFile(scene)
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{
		Scene: hash, SceneName: "anim.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 2, Step: 1},
		Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 8, Seed: 1, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 16,
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventVerdict || e.Type == api.EventRequeued {
			t.Logf("%s task %d %s: %s", e.Type, e.Task, e.Node, e.Message)
		}
		return nil
	}); err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	st, _ := c.Status(ctx, id)
	if len(st.Convicted) != 1 || st.Convicted[0] != "node-3" {
		t.Fatalf("convicted %v, want [node-3]", st.Convicted)
	}
	out := t.TempDir()
	if _, err := c.Fetch(ctx, id, out); err != nil {
		t.Fatal(err)
	}
	ref := newBlender(t)
	defer ref.(interface{ Close() error }).Close()
	for _, f := range spec.Frames.List() {
		want, err := ref.Render(ctx, renderer.Task{Scene: scene, Frame: f, Width: 64, Height: 48, Samples: 8, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		got := decode(t, filepath.Join(out, api.FrameName(f, api.FormatPNG)))
		gotNRGBA := image.NewNRGBA64(got.Bounds())
		draw.Draw(gotNRGBA, got.Bounds(), got, got.Bounds().Min, draw.Src)
		if v := verifier.Compare(gotNRGBA, want.Image, want.Image.Bounds(), verifier.NearExact); v.Outcome != verifier.Pass {
			t.Fatalf("frame %d differs from an honest render: %+v", f, v)
		}
	}
}

// needBlender skips a test that needs Blender where it is missing (loudly)
// or under -short.
func needBlender(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs it)")
	}
}

func newBlender(t *testing.T) renderer.Renderer {
	t.Helper()
	r, err := blender.New(blender.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	// The node closes its renderers, but not through a wrapper (a cheat,
	// a fault): closed here too, so no test leaves a work dir in /tmp.
	t.Cleanup(func() { r.Close() })
	return r
}

// blenderNodes starts three Blender nodes; the third renders through
// cheat, which wraps an honest Blender.
func blenderNodes(t *testing.T, cheat func(honest renderer.Renderer) renderer.Renderer) []*farm.Node {
	return farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{newBlender(t)}
		if i == 2 {
			c.Renderers = []renderer.Renderer{cheat(c.Renderers[0])}
		}
	})
}
