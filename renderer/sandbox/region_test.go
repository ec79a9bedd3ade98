package sandbox

import (
	"context"
	"fmt"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// TestBlenderRegion: on each image, the composited scene (Glare, Lens
// Distortion) saved by that image's Blender, with a render region, is
// rendered as the farm renders it (farm/region.go): 2x2 raw-pass tiles of
// the region alone, with the scene's adaptive sampling kept inside it,
// and finished as api.JobSpec.FinishRect says: a cropped region alone, an
// uncropped one within its whole frame, nothing rendered outside the
// region. The frame equals that Blender's own render of the scene
// (blender -b FILE -f 1) near-exactly: the compositor's canvas is the
// region when cropped and the frame when not (Lens Distortion centres on
// it), and outside an uncropped region 3.4 and 4.3 write nothing, 5.2 the
// composite's spill (regionKeptSince).
func TestBlenderRegion(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		ctx := context.Background()
		src := nativeSceneArgs(t, s, img, "composite", "composite", false)
		info, err := b.Inspect(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		border := [4]float32{0.15, 0.7, 0.2, 0.85}
		res := tiler.Resolution{Width: info.Width, Height: info.Height}
		for _, crop := range []bool{true, false} {
			t.Run(fmt.Sprintf("crop=%v", crop), func(t *testing.T) {
				spec := api.JobSpec{Resolution: res, Region: api.BorderRegion(border, crop, res)}
				area, fin := spec.Area(), spec.FinishRect()
				task := renderer.Task{Scene: src, Frame: 1, Width: res.Width, Height: res.Height, Samples: 16, Seed: 5, Passes: true,
					AdaptiveSampling: info.Usage.AdaptiveSampling, Area: area}
				frame := stitchPasses(t, b, task, fin, tiler.Split(area, tiler.Grid{Cols: 2, Rows: 2}))
				ft := renderer.FinishTask{Scene: src, Frame: 1, Width: fin.Dx(), Height: fin.Dy(), Passes: frame}
				if !crop {
					ft.Region = area
				}
				done, err := b.Finish(ctx, ft)
				if err != nil {
					t.Fatal(err)
				}
				ref := f12(t, s, src, task, "s.render.use_border, s.render.use_crop_to_border = True, "+map[bool]string{true: "True", false: "False"}[crop],
					fmt.Sprintf("s.render.border_min_x, s.render.border_max_x, s.render.border_min_y, s.render.border_max_y = %g, %g, %g, %g", border[0], border[1], border[2], border[3]))
				if got, want := ref.Bounds().Size(), spec.FrameSize(); got.X != want.Width || got.Y != want.Height {
					t.Fatalf("Blender %s renders the region %v as a %v frame; the farm writes %v", img.version, area, got, want)
				}
				n, worst := diffValues(done.Image, ref)
				allowed := max(3, fin.Dx()*fin.Dy()*4*5/10000)
				t.Logf("Blender %s, region %v (crop %v): 2x2 raw tiles + finish vs blender -f: %d values differ, by up to %d/65535", img.version, area, crop, n, worst)
				if n > allowed || worst > 257 {
					t.Errorf("%d values differ (allowed %d), by up to %d/65535 (allowed one 8-bit level)", n, allowed, worst)
				}
			})
		}
	})
}
