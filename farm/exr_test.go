package farm_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// highlightCheater renders honestly, then clips every float value above 1
// to 1: the 16-bit preview is untouched, only what an EXR keeps is wrong.
// A checker comparing clipped sRGB would pass it.
type highlightCheater struct {
	renderer.Renderer
	clipped *atomic.Int64 // values changed, so the test knows it cheated
}

func (c highlightCheater) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	res, err := c.Renderer.Render(ctx, t)
	if err == nil && res.HDR != nil {
		for i, v := range res.HDR.Pix {
			if v > 1 {
				res.HDR.Pix[i] = 1
				c.clipped.Add(1)
			}
		}
	}
	return res, err
}

// TestEXRJob: a job asking for EXR frames across three in-process nodes
// gives frame_0001.exr whose float values are bit-identical to the path
// tracer's whole-frame render, including values above 1; a worker that
// cheats in the floats alone (lazy samples, clipped highlights) is
// convicted, and its tiles are rendered again.
func TestEXRJob(t *testing.T) {
	data, _ := scenes.Bytes("anim.glb")
	scenePath := farmtest.SceneFile(t, "anim.glb")
	spec := api.JobSpec{
		SceneName: "anim.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 8, Seed: 2,
		Tiles: tiler.Grid{Cols: 4, Rows: 3}, Depth: 16, Format: api.FormatEXR,
	}
	// A sky of 4 puts most of the frame above 1, so whatever crops a check
	// picks, clipped highlights are in them; in the cornell box only the
	// lamp itself is, and a check's crops can miss it.
	cfg := pathtracer.DefaultConfig()
	cfg.Sky = [3]float64{4, 4, 4}
	ref, err := pathtracer.New(cfg).Render(context.Background(), renderer.Task{
		Scene: scenePath, Frame: 1, Width: 32, Height: 24, Samples: 8, Seed: 2, HDR: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	bright := 0
	for _, v := range ref.HDR.Pix {
		if v > 1 {
			bright++
		}
	}
	if bright < len(ref.HDR.Pix)/2 {
		t.Fatalf("only %d of %d values above 1: the highlight cheat would go unseen by chance", bright, len(ref.HDR.Pix))
	}

	var clipped atomic.Int64
	for _, tc := range []struct {
		name  string
		cheat func(renderer.Renderer) renderer.Renderer
	}{
		{"honest", nil},
		{"lazy", func(r renderer.Renderer) renderer.Renderer { return &cheater{Renderer: r, mode: "lazy4"} }},
		{"highlights", func(r renderer.Renderer) renderer.Renderer { return highlightCheater{r, &clipped} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				c.Renderers = []renderer.Renderer{pathtracer.New(cfg)}
				if tc.cheat != nil && c.Name == "node-3" {
					c.Renderers = []renderer.Renderer{tc.cheat(pathtracer.New(cfg))}
					// The scheduler fills the node with the most free
					// slots first: the cheater gets work however fast
					// the others are.
					c.Slots = 8
				}
			})
			c := api.NewClient(ns[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			s := spec
			s.Nonce = tc.name
			if s.Scene, err = c.Upload(ctx, data); err != nil {
				t.Fatal(err)
			}
			id, err := c.Submit(ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
				t.Fatalf("job: %s %v", state, err)
			}
			rep, err := c.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if tc.name == "highlights" && clipped.Load() == 0 {
				t.Fatal("the cheater clipped nothing: nothing was tested")
			}
			convicted := map[string]bool{}
			for _, cv := range rep.Convictions {
				convicted[cv.Node] = true
			}
			if want := tc.cheat != nil; convicted["node-3"] != want || len(convicted) > 1 {
				t.Fatalf("convicted %v; want node-3 convicted: %v, no one else", convicted, want)
			}
			dir := t.TempDir()
			paths, err := c.Fetch(ctx, id, dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != 1 || filepath.Base(paths[0]) != "frame_0001.exr" {
				t.Fatalf("fetched %v, want frame_0001.exr", paths)
			}
			f, err := os.Open(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := exr.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Rect != ref.HDR.Rect {
				t.Fatalf("frame is %v, want %v", got.Rect, ref.HDR.Rect)
			}
			for i, v := range ref.HDR.Pix {
				if math.Float32bits(got.Pix[i]) != math.Float32bits(v) {
					p := i / 4
					t.Fatalf("pixel (%d,%d) channel %d: %v, want %v: a cheat got through or tiles do not stitch",
						p%32, p/32, i%4, got.Pix[i], v)
				}
			}
		})
	}
}
