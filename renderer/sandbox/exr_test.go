package sandbox

import (
	"context"
	"image"
	"math"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

// TestPathTracerHDR: float pixels rendered in the sandbox (ptrender writes
// an EXR beside its PNG) equal the in-process path tracer's bit for bit.
func TestPathTracerHDR(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	ref := pathtracer.New(pathtracer.DefaultConfig())
	box := newPathTracer(t, s)
	task := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 64, Height: 48, Samples: 4, Seed: 7,
		Region: image.Rect(8, 0, 56, 30), HDR: true}
	want, err := ref.Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	got, err := box.Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	if got.HDR == nil || got.HDR.Rect != task.Rect() {
		t.Fatalf("HDR result %v, want bounds %v", got.HDR, task.Rect())
	}
	for i, v := range want.HDR.Pix {
		if math.Float32bits(got.HDR.Pix[i]) != math.Float32bits(v) {
			t.Fatalf("float value %d: %v in the box, %v in-process", i, got.HDR.Pix[i], v)
		}
	}
	if n, worst := diffValues(got.Image, want.Image); n > 0 {
		t.Fatalf("%d 16-bit values differ (by up to %d/65535)", n, worst)
	}
}
