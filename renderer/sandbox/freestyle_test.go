package sandbox

import (
	"context"
	"image"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// TestBlenderFreestyleWhole: on each image, Blender's default scene in
// Cycles with Freestyle lines says its tiles cannot equal its whole frame,
// and that is so: a quarter of the frame rendered alone differs from the
// same pixels of the whole render by more than float noise.
func TestBlenderFreestyleWhole(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		src := nativeSceneArgs(t, s, img, "freestyle", "default", true)
		if _, err := runBlender(s, nil, filepath.Dir(src), "-b", src, "--python-exit-code", "1", "--python-expr",
			"import bpy\nr = bpy.context.scene.render\nr.use_freestyle = True\nr.line_thickness_mode, r.line_thickness = 'ABSOLUTE', 2.0\nr.use_compositing = False\nbpy.ops.wm.save_mainfile()"); err != nil {
			t.Fatal(err)
		}
		info, err := b.Inspect(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(info.Usage.WholeFrame, func(r string) bool { return strings.Contains(r, "Freestyle") }) {
			t.Errorf("whole-frame reasons %q: want Freestyle's", info.Usage.WholeFrame)
		}
		task := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 16, Seed: 5}
		quarter := task
		quarter.Region = image.Rect(0, 0, task.Width/2, task.Height/2)
		tile := renderImage(t, b, quarter).Image
		whole := f12(t, s, src, task, "s.render.image_settings.color_depth = '16'\ns.render.dither_intensity = 0")
		n, worst := diffValues(tile, whole.SubImage(quarter.Region).(*image.NRGBA64))
		t.Logf("Blender %s: a quarter rendered alone vs the whole frame: %d values differ, by up to %d/65535", img.version, n, worst)
		if worst <= 64 {
			t.Errorf("the quarter equals the whole frame's: Freestyle's reason is not so on %s", img.version)
		}
	})
}
