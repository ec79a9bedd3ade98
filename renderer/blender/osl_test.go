package blender

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestOSLScenes: a Cycles scene shaded with Open Shading Language (Render
// > Shading System) needs "osl" of a node, which only a Blender built with
// OSL advertises; Debian's is not, and rendered such a scene with SVM, its
// Script nodes giving nothing, without a word. Such a node now refuses the
// task, saying why; the scene as Blender's defaults leave it needs nothing.
func TestOSLScenes(t *testing.T) {
	r := newRenderer(t, Config{})
	hasOSL := strings.Contains(r.Version(), "+osl")
	for _, tc := range []struct {
		name  string
		osl   bool
		needs string
	}{
		{"svm", false, ""},
		{"osl", true, "osl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.blend")
			expr := "import bpy\nbpy.context.scene.cycles.shading_system = " + map[bool]string{true: "True", false: "False"}[tc.osl] +
				"\nbpy.ops.wm.save_as_mainfile(filepath=" + strconv.Quote(path) + ")"
			if out, err := exec.Command("blender", "-b", scene(t, "default_cycles"), "--python-exit-code", "1", "--python-expr", expr).CombinedOutput(); err != nil {
				t.Fatalf("set the shading system: %v\n%s", err, out)
			}
			info, err := r.Inspect(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if info.Needs != tc.needs {
				t.Errorf("Needs %q, want %q", info.Needs, tc.needs)
			}
			_, err = r.Render(context.Background(), renderer.Task{Scene: path, Frame: 1, Width: 32, Height: 24, Samples: 1})
			switch {
			case tc.osl && !hasOSL:
				if err == nil || !strings.Contains(err.Error(), "Open Shading Language") {
					t.Fatalf("render on a Blender without OSL (%s): %v, want a refusal naming Open Shading Language", r.Version(), err)
				}
				t.Logf("refused: %v", err)
			case err != nil:
				t.Fatal(err)
			}
		})
	}
}
