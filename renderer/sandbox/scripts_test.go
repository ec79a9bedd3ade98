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

// driverScene is Blender's default scene in Cycles at 64x48 whose cube a
// driver moves along x by the expression given (an artist's Python
// expression), whose driver variable "t", the scene's frame, reads the
// scene when the second value is not empty (else nothing: a broken
// driver), and whose cube is hidden in the viewport when the third is not.
const driverScene = `import bpy
s = bpy.context.scene
s.render.engine = 'CYCLES'
s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = 64, 48, 100
s.cycles.samples = 4
d = bpy.data.objects['Cube'].driver_add('location', 0).driver
d.type, d.expression = 'SCRIPTED', %q
v = d.variables.new()
v.name, v.type = 't', 'SINGLE_PROP'
v.targets[0].id_type = 'SCENE'
if %q:
    v.targets[0].id = s
v.targets[0].data_path = 'frame_current'
if %q:
    bpy.data.objects['Cube'].hide_viewport = True
bpy.ops.wm.save_as_mainfile(filepath=%q)
`

// TestBlenderScriptDrivers: on each image, a driver whose Python does not
// run with the scene's scripts off, as every node opens scenes, is named
// (renderer.SceneUsage.Scripts, which the farm refuses): the node's frame
// 5 of it is not Blender's with scripts on, where the artist made it. A
// simple expression, a Python one Blender runs restricted, and a driver
// broken in any Blender are not named, and render as Blender's own.
func TestBlenderScriptDrivers(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		for _, tc := range []struct {
			name, expr string
			target     bool
			named      bool // in Scripts, and the node's frame is not the scripted one
		}{
			{"simple expression", "t * 0.3", true, false},
			{"restricted python", "round(t * 0.3, 2)", true, false}, // not simple: Blender runs it as restricted Python
			{"lambda", "(lambda f: f * 0.3)(t)", true, true},
			{"broken variable", "(lambda f: f * 0.3)(t)", false, false},
			{"syntax error", "t * ", true, false},
			// Not evaluated until rendered: named all the same.
			{"lambda, hidden in the viewport", "(lambda f: f * 0.3)(t)", true, true},
		} {
			t.Run(strings.NewReplacer(" ", "_", ",", "").Replace(tc.name), func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "driven.blend")
				target, hidden := "", ""
				if tc.target {
					target = "yes"
				}
				if strings.HasSuffix(tc.name, "hidden in the viewport") {
					hidden = "yes"
				}
				if out, err := runBlender(s, nil, dir, "-b", "--factory-startup", "--python-exit-code", "1", "--python-expr",
					fmt.Sprintf(driverScene, tc.expr, target, hidden, path)); err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				info, err := b.Inspect(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				want := ""
				if tc.named {
					want = fmt.Sprintf("Cube: the driver of location[0] (%s) does not run", tc.expr)
				}
				if got := strings.Join(info.Usage.Scripts, "; "); got != want {
					t.Errorf("Blender %s: scripts %q, want %q", img.version, got, want)
				}
				task := renderer.Task{Scene: path, Frame: 5, Width: 64, Height: 48, Samples: 4}
				node := renderImage(t, b, task).Image
				// Blender's own render with the scene's scripts on (-y),
				// as on the artist's machine with Auto Run on.
				out := t.TempDir()
				expr := "import bpy\ns = bpy.context.scene\ns.cycles.use_denoising = False\ns.cycles.use_animated_seed = False\n" +
					"s.render.image_settings.color_depth = '16'\ns.render.dither_intensity = 0"
				if o, err := runBlender(s, []string{dir}, out, "-b", "-y", path, "--python-expr", expr, "-o", filepath.Join(out, "f_####"), "-f", "5"); err != nil {
					t.Fatalf("%v\n%s", err, o)
				}
				own, err := renderer.ReadPNG(filepath.Join(out, "f_0005.png"))
				if err != nil {
					t.Fatal(err)
				}
				n, worst := diffValues(node, own)
				t.Logf("Blender %s: frame 5 on a node vs with scripts on: %d values differ, by up to %d/65535", img.version, n, worst)
				if tc.named {
					if worst <= 1024 {
						t.Errorf("the node's frame is the scripted one: naming %q is not needed on %s", tc.expr, img.version)
					}
				} else {
					nearExact(t, "frame 5 on a node vs Blender's own with scripts on", node, own)
				}
			})
		}
	})
}
