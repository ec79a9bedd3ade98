package sandbox

import (
	"context"
	"image"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// TestTaskLogInSandbox: a task rendered in a container has its log: the
// warm Blender's own output for the task ("Fra:", "Saved:"), and the
// path tracer's summary as the host saw it.
func TestTaskLogInSandbox(t *testing.T) {
	tests := []struct {
		name string
		new  func(t *testing.T) (renderer.Renderer, string)
		want []string
	}{
		{"blender", func(t *testing.T) (renderer.Renderer, string) {
			s := newSandbox(t, testConfig(t), "blender")
			return newSandboxBlender(t, s, blender.DefaultConfig()), blendScene(t, "texture")
		}, []string{"Fra:1 ", "Saved: "}},
		{"pathtracer", func(t *testing.T) (renderer.Renderer, string) {
			s := newSandbox(t, testConfig(t), "pathtracer")
			return newPathTracer(t, s), bundled("cornell.glb")
		}, []string{"pathtracer in the sandbox: cornell.glb frame 1 region (0,0)-(16,12) of 32x24: 2 samples per pixel"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, scene := tc.new(t)
			res, err := r.Render(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 32, Height: 24, Samples: 2, Region: image.Rect(0, 0, 16, 12)})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(res.Log, w) {
					t.Errorf("log lacks %q:\n%s", w, res.Log)
				}
			}
		})
	}
}
