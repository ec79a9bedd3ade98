package sandbox

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// simZoneScene is Blender's default cube given, as an artist gives it, a
// Geometry Nodes modifier whose simulation zone moves it half a unit a
// frame; the scene in Cycles at 64x48, frames 1 to 3. Then bake, the
// modifier's bake: "" none, "packed" into the .blend, "disk" beside it.
const simZoneScene = `import bpy
s = bpy.context.scene
s.render.engine = 'CYCLES'
s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = 64, 48, 100
s.cycles.samples = 4
s.frame_start, s.frame_end = 1, 3
ob = bpy.data.objects['Cube']
md = ob.modifiers.new('Sim', 'NODES')
tree = bpy.data.node_groups.new('Drift', 'GeometryNodeTree')
tree.interface.new_socket('Geometry', in_out='INPUT', socket_type='NodeSocketGeometry')
tree.interface.new_socket('Geometry', in_out='OUTPUT', socket_type='NodeSocketGeometry')
gi, go = tree.nodes.new('NodeGroupInput'), tree.nodes.new('NodeGroupOutput')
si, so = tree.nodes.new('GeometryNodeSimulationInput'), tree.nodes.new('GeometryNodeSimulationOutput')
si.pair_with_output(so)
step = tree.nodes.new('GeometryNodeSetPosition')
step.inputs['Offset'].default_value = (0.5, 0, 0)
tree.links.new(gi.outputs[0], si.inputs[0])
tree.links.new(si.outputs['Geometry'], step.inputs['Geometry'])
tree.links.new(step.outputs[0], so.inputs['Geometry'])
tree.links.new(so.outputs['Geometry'], go.inputs[0])
md.node_group = tree
bake = %q
if bake == 'disk':
    md.bake_target = 'DISK'
    bpy.ops.wm.save_as_mainfile(filepath=%q)  # the bake's folder is beside the file
if bake:
    with bpy.context.temp_override(object=ob, active_object=ob):
        assert bpy.ops.object.geometry_node_bake_single(session_uid=ob.session_uid, modifier_name=md.name, bake_id=md.bakes[0].bake_id) == {'FINISHED'}
%s
s.frame_set(1)
bpy.ops.wm.save_as_mainfile(filepath=%q)
`

// Changes an artist makes to simZoneScene's zone, none of which bakes it.
const (
	// The modifier shown in renders only (a heavy simulation's often is):
	// Blender's animation render does not step it either.
	renderOnly = "md.show_viewport = False"
	// The zone's own range starting before the scene's frames.
	earlyRange = "b = md.bakes[0]\nb.use_custom_simulation_frame_range = True\nb.frame_start, b.frame_end = 0, 3"
	// The cube hidden from renders, shown by another object's Object Info.
	readByAnother = "ob.hide_render = True\n" +
		"reader = bpy.data.objects.new('Reader', bpy.data.meshes.new('Nothing'))\ns.collection.objects.link(reader)\n" +
		"rt = bpy.data.node_groups.new('Read', 'GeometryNodeTree')\nrt.interface.new_socket('Geometry', in_out='OUTPUT', socket_type='NodeSocketGeometry')\n" +
		"info = rt.nodes.new('GeometryNodeObjectInfo')\ninfo.inputs['Object'].default_value = ob\ninfo.transform_space = 'RELATIVE'\n" +
		"rt.links.new(info.outputs['Geometry'], rt.nodes.new('NodeGroupOutput').inputs[0])\nreader.modifiers.new('Read', 'NODES').node_group = rt"
)

// TestBlenderSimulationZones: on each image with simulation zones and
// packed bakes (4.2+), Blender's default scene with a zone that moves the
// cube each frame. Not baked, inspect names it and the farm refuses it
// (renderer.SceneUsage's Simulations), and so it must: the third frame
// rendered on its own, as a node renders it, is not the third frame of
// Blender's animation render. Baked into the .blend, inspect names
// nothing and the node's frame is the animation's. Baked to disk, beside
// the .blend, inspect names it; packed as submit packs a scene, the bake
// travels inside the file, and the node's frame is the animation's;
// without its folder, the pack names what is missing. A zone whose range
// starts before the scene's, whose cube only another object's nodes
// show, or whose cube is hidden in the viewport, is named too; one whose
// modifier is hidden in the viewport is not, as Blender's own animation
// render does not step it either, nor one that no render shows.
func TestBlenderSimulationZones(t *testing.T) {
	const notBaked = "Cube: simulation zone Simulation Output of Sim is not baked (frame 3 rendered on its own is not the animation's)"
	forEachBlenderSince(t, "4.2", func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		src := nativeScene(t, s, img, "startup")
		for _, tc := range []struct {
			name, bake    string
			change        string // Python run on the scene before it is saved
			usage, packed string // what inspect says of the file as saved, and packed; "" nothing
			matches       bool   // whether the packed file's frame 3, rendered on its own, is the animation's
		}{
			{"not baked", "", "", notBaked, notBaked, false},
			{"baked into the .blend", "packed", "", "", "", true},
			{"baked to disk", "disk", "", "Cube: simulation zone Simulation Output of Sim bakes to files beside the .blend (Bake Target Disk)", "", true},
			{"not baked, in renders only", "", renderOnly, "", "", true},
			{"not baked, its range from frame 0", "", earlyRange, notBaked, notBaked, false},
			{"not baked, read by another object", "", readByAnother, notBaked, notBaked, false},
			{"not baked, hidden in the viewport", "", "ob.hide_set(True)", notBaked, notBaked, false},
			{"not baked, hidden from renders", "", "ob.hide_render = True", "", "", true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "sim.blend")
				if out, err := runBlender(s, []string{filepath.Dir(src)}, dir, "-b", src, "--python-exit-code", "1", "--python-expr",
					fmt.Sprintf(simZoneScene, tc.bake, path, tc.change, path)); err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				packed := packScene(t, s, path)
				if tc.bake == "disk" {
					// The same scene sent without its bake's folder: the
					// pack says so, naming the fix.
					lost := filepath.Join(t.TempDir(), "sim.blend")
					if err := copyFile(lost, path); err != nil {
						t.Fatal(err)
					}
					_, out := packOutput(t, s, lost)
					if !strings.Contains(out, "a Geometry Nodes bake kept on disk has no files") || strings.Contains(out, `"done": true`) {
						t.Errorf("packing a scene whose disk bake is gone:\n%s", out)
					}
				}
				for _, f := range []struct{ path, want string }{{path, tc.usage}, {packed, tc.packed}} {
					info, err := b.Inspect(context.Background(), f.path)
					if err != nil {
						t.Fatal(err)
					}
					if got := strings.Join(info.Usage.Simulations, "; "); got != f.want {
						t.Errorf("%s: simulations %q, want %q", filepath.Base(f.path), got, f.want)
					}
				}
				task := renderer.Task{Scene: packed, Frame: 3, Width: 64, Height: 48, Samples: 4}
				node := renderImage(t, b, task).Image
				anim, err := renderer.ReadPNG(animRender(t, s, path, 1, task, "png", "s.render.image_settings.color_depth = '16'", "s.render.dither_intensity = 0"))
				if err != nil {
					t.Fatal(err)
				}
				n, worst := diffValues(node, anim)
				t.Logf("Blender %s, bake %q: frame 3 rendered on its own vs the animation's: %d values differ, by up to %d/65535", img.version, tc.bake, n, worst)
				if tc.matches {
					nearExact(t, "frame 3", node, anim)
				} else if worst <= 1024 {
					t.Errorf("frame 3 rendered on its own is the animation's: the refusal of an unbaked zone is not needed on %s", img.version)
				}
			})
		}
	})
}
