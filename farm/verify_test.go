package farm

import (
	"image"
	"testing"

	"github.com/conun/conun/verifier"
)

// TestCropsFor: a check never re-renders more than maxCheckShare of a tile,
// whatever the tile's size, and keeps the policy's crops on big tiles.
func TestCropsFor(t *testing.T) {
	base := verifier.DefaultCropConfig()
	tests := []struct {
		tile        image.Rectangle
		count, size int
	}{
		{image.Rect(0, 0, 480, 270), base.Count, base.Size},
		{image.Rect(0, 0, 64, 64), 4, 11},
		{image.Rect(0, 0, 32, 24), 4, 4},
		{image.Rect(0, 0, 8, 6), 1, 4},
	}
	for _, tc := range tests {
		got := cropsFor(base, tc.tile)
		if got.Count != tc.count || got.Size != tc.size {
			t.Errorf("tile %v: %d crops of %d, want %d of %d", tc.tile, got.Count, got.Size, tc.count, tc.size)
		}
		area := float64(tc.tile.Dx() * tc.tile.Dy())
		if share := float64(got.Count*got.Size*got.Size) / area; share > maxCheckShare && got.Size > 4 {
			t.Errorf("tile %v: checks %.0f%% of it", tc.tile, 100*share)
		}
	}
}
