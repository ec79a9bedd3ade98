package blender

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestOpaqueTasks: Blender's default scene in Cycles whose compositor
// makes every pixel half transparent (Set Alpha), its film opaque and
// its colour mode RGBA (Blender's default), rendered whole as a node
// renders a frame in place: as the scene writes it, the task's pixels are
// Blender's own RGBA file's (straight colour, alpha one half); asked for
// an opaque frame (a JPEG job), they are Blender's own RGB file's, whose
// colour is premultiplied: another value, not the RGBA one's.
func TestOpaqueTasks(t *testing.T) {
	r := newRenderer(t, Config{})
	path := filepath.Join(t.TempDir(), "s.blend")
	expr := "import bpy\ns = bpy.context.scene\ns.use_nodes = True\nt = s.node_tree\n" +
		"rl = next(n for n in t.nodes if n.type == 'R_LAYERS')\ncomp = next(n for n in t.nodes if n.type == 'COMPOSITE')\n" +
		"a = t.nodes.new('CompositorNodeSetAlpha')\na.inputs[1].default_value = 0.5\n" +
		"t.links.new(rl.outputs['Image'], a.inputs[0])\nt.links.new(a.outputs[0], comp.inputs[0])\n" +
		"bpy.ops.wm.save_as_mainfile(filepath=" + strconv.Quote(path) + ")"
	if out, err := exec.Command("blender", "-b", scene(t, "default_cycles"), "--python-exit-code", "1", "--python-expr", expr).CombinedOutput(); err != nil {
		t.Fatalf("set the alpha: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		opaque bool
		mode   string // the colour mode of Blender's own file to match
	}{
		{false, "RGBA"},
		{true, "RGB"},
	} {
		t.Run(tc.mode, func(t *testing.T) {
			task := renderer.Task{Scene: path, Frame: 1, Width: 64, Height: 48, Samples: 4, Seed: 1, Opaque: tc.opaque}
			got := render(t, r, task)
			want, err := renderer.ReadPNG(f12File(t, task, ".png", "s.render.image_settings.color_depth = '16'",
				"s.render.dither_intensity = 0", "s.render.image_settings.color_mode = '"+tc.mode+"'"))
			if err != nil {
				t.Fatal(err)
			}
			if a := got.NRGBA64At(32, 24).A; (a == 0xffff) != tc.opaque {
				t.Errorf("alpha %#x at the centre: want opaque %v", a, tc.opaque)
			}
			sameRender(t, "the task vs Blender's own "+tc.mode+" file", got, want)
		})
	}
}
