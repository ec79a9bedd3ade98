package blender

import (
	"context"
	"fmt"
	"image"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestEXR: a task asking for float pixels gets Blender's linear EXR values
// (highlights above 1 kept: the glass scene's emissive sphere has strength
// 60), a preview that is their plain sRGB encoding, and float tiles that
// stitch into the whole frame under the near-exact rule, compared the way
// the farm's spot checks compare EXR tiles (renderer.HDR.Compressed).
func TestEXR(t *testing.T) {
	r := newRenderer(t, Config{})
	base := renderer.Task{Scene: scene(t, "glass"), Frame: 1, Width: 64, Height: 48, Samples: 8, Seed: 3, HDR: true}
	whole := renderHDR(t, r, base)
	bright := 0
	for _, v := range whole.HDR.Pix {
		if v > 1 {
			bright++
		}
	}
	if bright == 0 {
		t.Fatal("no value above 1 in a frame showing a light of strength 60: the EXR is clipped or display-referred")
	}
	if !whole.HDR.Finite() {
		t.Fatal("NaN or Inf in Blender's EXR")
	}
	if d := compare(whole.Image, whole.HDR.Preview()); d.values != 0 {
		t.Fatalf("Image is not the EXR's preview: %v", d)
	}
	for _, g := range []int{2, 4} {
		frame := renderer.NewHDR(base.Rect())
		for _, tile := range grid(base.Width, base.Height, g, g) {
			task := base
			task.Region = tile
			frame.Draw(renderHDR(t, r, task).HDR)
		}
		same := 0
		for i, v := range frame.Pix {
			if v == whole.HDR.Pix[i] {
				same++
			}
		}
		t.Logf("%dx%d float tiles: %d of %d float values identical to the whole frame's", g, g, same, len(frame.Pix))
		sameRender(t, fmt.Sprintf("%dx%d EXR tiles vs whole (compressed)", g, g), frame.Compressed(), whole.HDR.Compressed())
	}
}

func renderHDR(t *testing.T, r *Renderer, task renderer.Task) renderer.Result {
	t.Helper()
	res, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatalf("render region %v: %v", task.Region, err)
	}
	if res.HDR == nil || res.HDR.Rect != task.Rect() || res.Image.Bounds() != task.Rect() {
		var hb image.Rectangle
		if res.HDR != nil {
			hb = res.HDR.Rect
		}
		t.Fatalf("result bounds: HDR %v, image %v; want %v", hb, res.Image.Bounds(), task.Rect())
	}
	return res
}
