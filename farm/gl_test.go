//go:build linux && cgo

package farm_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/tiler"
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

	scene := farmtest.SceneFile(t, "cornell.glb")
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
	scene := farmtest.SceneFile(t, "anim.glb")
	want, err := r.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 32, Height: 24, Samples: 16, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if n, p := farmtest.DiffPixels(want.Image, got); n > 0 {
		t.Fatalf("%d pixels differ from the honest gl render, the first at %v: a cheat got through", n, p)
	}
}

// TestPreviewGLTF: a glTF job submitted with a preview gets it drawn by
// gl-raster on the members that offer it (the kind the coordinator asks
// for is the one the renderer registers), waits for approval with its
// frames fetchable, and once approved renders with its own path tracer.
func TestPreviewGLTF(t *testing.T) {
	if api.RendererGLRaster != gl.RasterName {
		t.Fatalf("previews ask for %q, the raster registers as %q", api.RendererGLRaster, gl.RasterName)
	}
	r, err := gl.NewRaster(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl-raster renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer r.Close()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig()), r}
	})
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName, s.Frames = "anim.glb", tiler.Frames{Start: 1, End: 3, Step: 1}
		s.Preview, s.Samples = true, 2
	})
	var st api.JobStatus
	farmtest.Until(t, "the preview pass is done", func() bool {
		st, err = c.Status(ctx, id)
		return err == nil && st.Preview != nil && st.Preview.State.Final()
	})
	if st.State != api.JobAwaiting || st.Preview.State != api.JobDone || len(st.Preview.Frames) != 3 {
		t.Fatalf("after the preview: %s, preview %+v: want awaiting-approval with a done 3-frame preview", st.State, st.Preview)
	}
	prep, err := c.Report(ctx, st.Preview.ID)
	if err != nil {
		t.Fatal(err)
	}
	if prep.Spec.Renderer != gl.RasterName || len(prep.Tasks) != 3 {
		t.Fatalf("preview pass: renderer %q, %d tasks; want %s, one task a frame", prep.Spec.Renderer, len(prep.Tasks), gl.RasterName)
	}
	frames, err := c.Fetch(ctx, st.Preview.ID, t.TempDir())
	if err != nil || len(frames) != 3 {
		t.Fatalf("fetch the preview: %v %v", frames, err)
	}
	// The preview frame is the raster's own drawing of that frame.
	scene := farmtest.SceneFile(t, "anim.glb")
	got := farmtest.DecodePNG(t, frames[1])
	b := got.Bounds()
	want, err := r.Render(ctx, renderer.Task{Scene: scene, Frame: 2, Width: b.Dx(), Height: b.Dy(), Samples: 1})
	if err != nil {
		t.Fatal(err)
	}
	if d := meanDiff8(want.Image, got); d > 1 {
		t.Fatalf("preview frame 2 differs from gl-raster's own render by %.2f levels on average", d)
	}
	if _, err := c.Approve(ctx, id); err != nil {
		t.Fatal(err)
	}
	rep := farmtest.WaitDone(t, c, id)
	if len(rep.Frames) != 3 {
		t.Fatalf("approved job: %d frames, want 3", len(rep.Frames))
	}
	if rep.Spec.Renderer != "pathtracer" || len(rep.Tasks) != 3*16 {
		t.Fatalf("approved job: renderer %q, %d tasks; want pathtracer, 4x4 tiles a frame", rep.Spec.Renderer, len(rep.Tasks))
	}
}

// TestPreviewProgressGLTF: while gl-raster draws a job's preview, the job
// itself (awaiting approval, none of its own tasks running) streams
// preview_progress events counting the preview's frames, 0/4 when the pass
// is queued up to 4/4, in order and before preview_ready; its status
// counts them too, and its own tasks stay untouched.
func TestPreviewProgressGLTF(t *testing.T) {
	r, err := gl.NewRaster(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl-raster renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer r.Close()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig()), r}
	})
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	const frames = 4
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName, s.Frames = "anim.glb", tiler.Frames{Start: 1, End: frames, Step: 1}
		s.Preview, s.Samples = true, 2
	})
	errReady := errors.New("preview ready")
	var got []api.Event
	_, err = c.Events(ctx, id, func(e api.Event) error {
		switch e.Type {
		case api.EventPreviewProgress:
			got = append(got, e)
		case api.EventPreviewReady:
			return errReady
		case api.EventFinished:
			return fmt.Errorf("job ended %s before its preview was ready", e.State)
		}
		return nil
	})
	if !errors.Is(err, errReady) {
		t.Fatalf("events: %v", err)
	}
	if len(got) != frames+1 {
		t.Fatalf("%d preview_progress events before preview_ready, want %d (0/%d, then one a frame): %+v", len(got), frames+1, frames, got)
	}
	for i, e := range got {
		want := fmt.Sprintf("preview: %d/%d frames", i, frames)
		if e.Preview == nil || e.Preview.Done != i || e.Preview.Total != frames || e.Message != want {
			t.Fatalf("preview_progress event %d: %+v %q, want %d of %d frames, %q", i, e.Preview, e.Message, i, frames, want)
		}
		if e.State != api.JobAwaiting || e.Done != 0 || e.Total != frames*16 {
			t.Fatalf("preview_progress event %d: job %s at %d/%d tasks, want awaiting-approval at 0/%d", i, e.State, e.Done, e.Total, frames*16)
		}
	}
	st, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Preview == nil || st.Preview.ID != got[0].Preview.ID || st.Preview.Progress() != (api.PreviewProgress{ID: st.Preview.ID, Done: frames, Total: frames}) {
		t.Fatalf("status's preview: %+v, want %d of %d frames done, id %s", st.Preview, frames, frames, got[0].Preview.ID)
	}
}

// meanDiff8 is the mean absolute difference of two images' channels, in
// 8-bit levels.
func meanDiff8(a, b image.Image) float64 {
	if a.Bounds().Size() != b.Bounds().Size() {
		return math.Inf(1)
	}
	var sum float64
	n := 0
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}} {
				sum += math.Abs(float64(d[0]>>8) - float64(d[1]>>8))
				n++
			}
		}
	}
	return sum / float64(n)
}
