package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/renderer"
)

// lazy renders a quarter of the samples it is asked for: a cheater the
// spot checks catch.
type lazy struct{ renderer.Renderer }

func (l lazy) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	t.Samples = max(1, t.Samples/4)
	return l.Renderer.Render(ctx, t)
}

// TestEvidenceCropsReport: conun report --crops DIR writes each compared
// crop window of a real conviction (a lazy node caught by the checks) as
// one PNG, the worker's pixels beside the checker's, every pixel an 8x8
// square.
func TestEvidenceCropsReport(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Renderers = []renderer.Renderer{lazy{farmtest.Renderers()[0]}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Samples, s.Depth, s.VerifyRate = 16, 16, 1 })
	rep := farmtest.WaitDone(t, c, id)
	if len(rep.Convictions) == 0 {
		t.Fatalf("the lazy node was not convicted: %+v", rep)
	}
	dir := t.TempDir()
	code, out, stderr := conun(t, "report", "--node", nodes[0].URL(), "--crops", dir, id)
	if code != 0 {
		t.Fatalf("report --crops: exit %d: %s", code, stderr)
	}
	files := 0
	for _, cv := range rep.Convictions {
		ev := cv.Evidence
		var tile image.Rectangle
		for _, task := range rep.Tasks {
			if task.Index == cv.Task {
				tile = image.Rect(task.Rect[0], task.Rect[1], task.Rect[2], task.Rect[3])
			}
		}
		for i, crop := range ev.Crops {
			p := filepath.Join(dir, fmt.Sprintf("%s-task-%d-crop-%d.png", cv.Node, cv.Task, i+1))
			if !strings.Contains(out, p) {
				t.Fatalf("report does not name %s:\n%s", p, out)
			}
			files++
			img := farmtest.DecodePNG(t, p)
			w, h := crop.Dx()*flipbook.CropScale, crop.Dy()*flipbook.CropScale
			parties := len(ev.Hashes)
			if got, want := img.Bounds().Size(), image.Pt(parties*w+(parties-1)*4, h); got != want {
				t.Fatalf("%s is %v, want %v (%d parties of crop %v of tile %v at 8x)", p, got, want, parties, crop, tile)
			}
			// Enlarged with nearest-neighbour: each 8x8 block is one colour.
			for y := 0; y < h; y += flipbook.CropScale {
				for x := 0; x < w; x += flipbook.CropScale {
					if img.At(x+7, y+7) != img.At(x, y) {
						t.Fatalf("%s: block at (%d,%d) is not one colour: enlarged with blending", p, x, y)
					}
				}
			}
			// The worker's pixels are the tile's, from its own blob.
			var blob bytes.Buffer
			if err := c.Blob(context.Background(), ev.Hashes[0], &blob); err != nil {
				t.Fatal(err)
			}
			tilePNG, err := png.Decode(&blob)
			if err != nil {
				t.Fatal(err)
			}
			rel := crop.Min.Sub(tile.Min)
			wr, wg, wb, _ := tilePNG.At(rel.X, rel.Y).RGBA()
			gr, gg, gb, _ := img.At(0, 0).RGBA()
			if wr>>8 != gr>>8 || wg>>8 != gg>>8 || wb>>8 != gb>>8 {
				t.Fatalf("%s: top-left %v, want the worker's tile pixel %v", p, img.At(0, 0), tilePNG.At(rel.X, rel.Y))
			}
		}
	}
	if files == 0 {
		t.Fatalf("no crop written:\n%s", out)
	}
}
