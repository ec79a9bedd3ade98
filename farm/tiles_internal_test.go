package farm

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestEncodeTileReusesNothingVisible: tiles written through the pooled
// encoder are byte for byte what png.Encode writes, whatever tile was
// written before (the pool hands a compressor from one tile to the next).
func TestEncodeTileReusesNothingVisible(t *testing.T) {
	tests := []struct {
		name string
		rect image.Rectangle
		seed int
	}{
		{"flat 1x1", image.Rect(0, 0, 1, 1), 0},
		{"noisy 64x48 at an offset", image.Rect(64, 48, 128, 96), 7},
		{"flat 32x32", image.Rect(0, 0, 32, 32), 0},
		{"noisy 33x17", image.Rect(5, 3, 38, 20), 3},
	}
	for round := range 2 { // the second round reuses the first's buffers
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				img := image.NewNRGBA64(tc.rect)
				for i := range img.Pix {
					img.Pix[i] = byte(i * tc.seed * (round + 1))
				}
				got, ctype, err := encodeTile(renderer.Result{Image: img}, false, false)
				if err != nil || ctype != "image/png" {
					t.Fatalf("encodeTile: %q, %v", ctype, err)
				}
				var want bytes.Buffer
				if err := png.Encode(&want, shiftToOrigin(img)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("round %d: the pooled encoder wrote %d bytes unlike png.Encode's %d", round, len(got), want.Len())
				}
			})
		}
	}
}
