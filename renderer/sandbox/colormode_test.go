package sandbox

import (
	"path/filepath"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// TestBlenderColorModes: on each image, Blender's default scene in Cycles,
// as it writes its frames (RGBA, the default, and RGB), rendered by a
// node equals Blender's own render of the frame, 16-bit, value for value.
// Measured on 5.2.2 with the default AgX view: tiles written as RGB
// differed from Blender's RGBA file in 3,502 of 12,288 values (by up to
// 2/65535), as Blender's colour management maps RGBA pixels another way;
// so a node renders in the scene's colour mode.
func TestBlenderColorModes(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		src := nativeScene(t, s, img, "startup")
		for _, mode := range []string{"RGBA", "RGB"} {
			t.Run(mode, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "c.blend")
				if out, err := runBlender(s, []string{filepath.Dir(src)}, dir, "-b", src, "--python-exit-code", "1", "--python-expr",
					"import bpy\ns = bpy.context.scene\ns.render.engine = 'CYCLES'\ns.render.image_settings.color_mode = '"+mode+"'\nbpy.ops.wm.save_as_mainfile(filepath='"+path+"')"); err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				task := renderer.Task{Scene: path, Frame: 1, Width: 64, Height: 48, Samples: 4}
				node := renderImage(t, b, task).Image
				own := f12(t, s, path, task, "s.render.image_settings.color_depth = '16'", "s.render.dither_intensity = 0")
				nearExact(t, "Blender "+img.version+" "+mode, node, own)
			})
		}
	})
}
