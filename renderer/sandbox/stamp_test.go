package sandbox

import (
	"context"
	"image"
	"path/filepath"
	"slices"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// TestBlenderStamp: on each image, Blender's default scene in Cycles
// with Output > Metadata > "Burn Into Image" ticked (and a note), saved
// by that image's Blender: its inspection names the stamp's fields and
// those of one render, a tile renders without the stamp, and 2x2
// raw-pass tiles, stitched and finished, equal Blender's own render with
// the stamp drawn once, without the fields of one render.
func TestBlenderStamp(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		ctx := context.Background()
		src := nativeSceneArgs(t, s, img, "stamp", "default", true)
		// No compositor: the finish's own output tree draws the stamp
		// (the farm's tests cover a composited scene's).
		if _, err := runBlender(s, nil, filepath.Dir(src), "-b", src, "--python-exit-code", "1", "--python-expr",
			"import bpy\nr = bpy.context.scene.render\nr.use_stamp = True\nr.use_stamp_note, r.stamp_note_text = True, 'shot 010'\nr.use_compositing = False\nbpy.ops.wm.save_mainfile()"); err != nil {
			t.Fatal(err)
		}
		info, err := b.Inspect(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		u := info.Usage
		// Blender's defaults, and the note.
		if want := []string{"filename", "date", "render_time", "time", "frame", "camera", "scene", "note"}; !slices.Equal(u.Stamp, want) {
			t.Errorf("stamp %q, want %q", u.Stamp, want)
		}
		if want := []string{"filename", "date", "render_time"}; !slices.Equal(u.StampLeftOut, want) {
			t.Errorf("stamp left out %q, want %q", u.StampLeftOut, want)
		}
		task := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 16, Seed: 5,
			AdaptiveSampling: u.AdaptiveSampling}
		steady := "s.render.use_stamp_date = s.render.use_stamp_render_time = s.render.use_stamp_filename = False"

		// A tile of finished pixels: its corner is the frame's, unstamped.
		corner := task
		corner.Region = image.Rect(0, task.Height/2, task.Width/2, task.Height)
		tile := renderImage(t, b, corner).Image
		// At the tile's depth (16 bits), undithered.
		exact := "s.render.image_settings.color_depth = '16'\ns.render.dither_intensity = 0"
		plain := f12(t, s, src, task, "s.render.use_stamp = False", exact)
		stamped := f12(t, s, src, task, steady, exact)
		// Float noise at most (5.2's region renders differ from its
		// whole frame by 1/65535 in some values); a stamp's text is
		// thousands.
		if n, worst := diffValues(tile, plain.SubImage(corner.Region).(*image.NRGBA64)); worst > 64 {
			t.Errorf("a tile differs from the unstamped frame in %d values, by up to %d/65535: it drew a stamp", n, worst)
		}
		if _, worst := diffValues(stamped.SubImage(corner.Region).(*image.NRGBA64), plain.SubImage(corner.Region).(*image.NRGBA64)); worst <= 64 {
			t.Fatalf("Blender %s's own render draws no stamp in the corner: not the scene the test needs", img.version)
		}

		task.Passes = true
		frame := stitchPasses(t, b, task, task.Rect(), tiler.Split(task.Rect(), tiler.Grid{Cols: 2, Rows: 2}))
		res, err := b.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: task.Width, Height: task.Height, Passes: frame})
		if err != nil {
			t.Fatal(err)
		}
		n, worst := diffValues(res.Image, f12(t, s, src, task, steady))
		t.Logf("Blender %s: 2x2 raw tiles + finish vs blender -f, stamped: %d values differ, by up to %d/65535", img.version, n, worst)
		if allowed := max(3, task.Width*task.Height*4*5/10000); n > allowed || worst > 257 {
			t.Errorf("%d values differ (allowed %d), by up to %d/65535 (allowed one 8-bit level)", n, allowed, worst)
		}
	})
}
