package farm_test

import (
	"context"
	"image"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestDitheredFrames renders a scene with Blender's default dither (1) to
// 8-bit PNG frames, stitched from tiles and whole, and compares each with
// Blender's own render of it. Tiles render without dither (its noise
// follows the position in the image written), and the farm wrote the
// frame by rounding alone: 63-67% of its values differed from Blender
// 3.4's, by up to 2 levels (its noise averages 0.4 of a level up). Now the frame is
// rounded with the noise of the tiles' release (renderer.Dither): what
// still differs is a value whose rounding the 16-bit tiles cannot call.
// 80x140 is three of the 64-row chunks Blender before 5 seeds its noise
// by.
func TestDitheredFrames(t *testing.T) {
	needBlender(t)
	const w, h = 80, 140
	border := "s.render.use_border, s.render.use_crop_to_border = True, True\n" +
		"s.render.border_min_x, s.render.border_max_x, s.render.border_min_y, s.render.border_max_y = 0.1, 0.85, 0.05, 0.9"
	for _, tc := range []struct {
		name  string
		expr  string
		tiles tiler.Grid
	}{
		{"2x2", "", tiler.Grid{Cols: 2, Rows: 2}},
		{"whole", "", tiler.Grid{Cols: 1, Rows: 1}},
		{"cropped region", border, tiler.Grid{Cols: 2, Rows: 2}},
		// Blender dithers the whole frame it writes, the black outside
		// the region too: its noise lifts some of it to level 1. (Its
		// black there is Filmic's of 0, 1/65535, where the farm's is 0:
		// measured 0.40% of values differ, where 0.11% do inside.)
		{"uncropped region", strings.Replace(border, "True, True", "True, False", 1), tiler.Grid{Cols: 2, Rows: 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// make_composite's scene is Blender's default startup file in
			// Cycles, whose dither is Blender's default.
			scene := buildScene(t, "composite", "s.render.use_compositing = False\ns.render.image_settings.color_mode = 'RGB'\n"+tc.expr)
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) {
				s.Tiles, s.Depth, s.Resolution = tc.tiles, 8, tiler.Resolution{Width: w, Height: h}
				if tc.expr != "" {
					s.Region = api.BorderRegion([4]float32{0.1, 0.85, 0.05, 0.9}, strings.Contains(tc.expr, "True, True"), s.Resolution)
				}
			})
			job.wait(ctx, t)
			out := t.TempDir()
			if _, err := c.Fetch(ctx, job.id, out); err != nil {
				t.Fatal(err)
			}
			got := decode(t, filepath.Join(out, api.FrameName(1, "")))
			want := decode(t, f12(t, scene, w, h, job.spec.Samples, int(job.spec.Seed), 8, false))
			differ, most, n := diff8(got, want)
			t.Logf("%d of %d 8-bit values differ from Blender's own render (%.2f%%), by at most %d", differ, n, 100*float64(differ)/float64(n), most)
			if got.Bounds().Size() != want.Bounds().Size() || most > 1 || differ*200 > n {
				t.Fatalf("the frame differs from Blender's own dithered render in %d of %d values (by up to %d; want at most 0.5%%, by 1)", differ, n, most)
			}
		})
	}
}

// diff8 counts the 8-bit colour values that differ between a and b (by
// their top 8 bits), the largest difference, and the values compared.
func diff8(a, b image.Image) (differ, most, n int) {
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < min(ab.Dy(), bb.Dy()); y++ {
		for x := 0; x < min(ab.Dx(), bb.Dx()); x++ {
			r1, g1, b1, _ := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, _ := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			for i, v := range []uint32{r1, g1, b1} {
				d := int(v>>8) - int([]uint32{r2, g2, b2}[i]>>8)
				if d != 0 {
					differ++
					most = max(most, d, -d)
				}
				n++
			}
		}
	}
	return differ, most, n
}
