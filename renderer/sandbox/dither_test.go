package sandbox

import (
	"context"
	"image"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// TestBlenderDither: on each image, Blender's default scene in Cycles
// (dither 1, Blender's default), saved by that image's Blender, is
// rendered as the farm renders it (2x2 tiles without dither, 16 bits),
// stitched and rounded to 8 bits with renderer.BlenderDither of that
// release, and equals the release's own 8-bit render (blender -b FILE -f
// 1) but for the values whose rounding the 16-bit tiles cannot call:
// measured 0.1-0.2%, by one level. 3.4 and 4.3 seed their noise per
// 64-row chunk and 5.2 by the pixel alone, so the frame is three chunks
// tall; rounded without dither, 23-67% of its values differ.
func TestBlenderDither(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		ctx := context.Background()
		src := nativeSceneArgs(t, s, img, "default_cycles", "default", true)
		info, err := b.Inspect(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		if info.Usage.Dither == nil || *info.Usage.Dither != 1 {
			t.Fatalf("the default scene's dither reads %v, want Blender's default 1", info.Usage.Dither)
		}
		task := renderer.Task{Scene: src, Frame: 1, Width: 72, Height: 136, Samples: 8, Seed: 3}
		canvas := tiler.NewCanvas(task.Rect())
		for _, r := range tiler.Split(task.Rect(), tiler.Grid{Cols: 2, Rows: 2}) {
			tt := task
			tt.Region = r
			if err := canvas.Put(renderImage(t, b, tt).Image); err != nil {
				t.Fatal(err)
			}
		}
		ref := f12(t, s, src, task, "s.render.image_settings.color_depth = '8'", "s.render.image_settings.color_mode = 'RGB'")
		for _, tc := range []struct {
			name   string
			dither renderer.Dither
			most   int // per 10,000 values
		}{
			{"release's dither", renderer.BlenderDither(renderer.ParseBuild(b.Version()), *info.Usage.Dither), 30},
			{"no dither", renderer.Dither{}, -1}, // must differ widely: the test can tell
		} {
			f := image.NewNRGBA64(canvas.Image().Rect)
			copy(f.Pix, canvas.Image().Pix)
			tc.dither.Apply(f)
			frame := renderer.To8(f)
			n, worst, total := 0, 0, 0
			for i := range frame.Pix {
				if i%4 == 3 {
					continue
				}
				got, want := int(frame.Pix[i]), int(ref.Pix[2*i])
				if got != want {
					n++
					worst = max(worst, got-want, want-got)
				}
				total++
			}
			t.Logf("Blender %s, %s: %d of %d 8-bit values differ from its own render (%.2f%%), by up to %d", img.version, tc.name, n, total, 100*float64(n)/float64(total), worst)
			switch {
			case tc.most >= 0 && (n*10000 > tc.most*total || worst > 1):
				t.Errorf("%s: %d values differ, by up to %d (allowed %d per 10,000, by 1)", tc.name, n, worst, tc.most)
			case tc.most < 0 && n*10 < total:
				t.Errorf("%s: only %d of %d values differ: the scene shows too little of the dither for the test to tell", tc.name, n, total)
			}
		}
	})
}
