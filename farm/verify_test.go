package farm

import (
	"image"
	"testing"

	"github.com/conun/conun/verifier"
)

// TestCropsFor: a check never re-renders more than maxCheckShare of a tile,
// whatever the tile's size, keeps the policy's crops on big tiles, and
// draws them by detail in every plane of a check image of raw passes.
func TestCropsFor(t *testing.T) {
	base := verifier.DefaultCropConfig()
	tests := []struct {
		tile                image.Rectangle
		planes, count, size int
	}{
		{image.Rect(0, 0, 480, 270), 1, base.Count, base.Size},
		{image.Rect(0, 0, 64, 64), 1, 4, 11},
		{image.Rect(0, 0, 32, 24), 1, 4, 4},
		{image.Rect(0, 0, 8, 6), 1, 1, 4},
		{image.Rect(24, 16, 48, 32), 3, 3, 4},
	}
	for _, tc := range tests {
		checked := tc.tile
		checked.Max.Y = checked.Min.Y + tc.planes*tc.tile.Dy()
		got := cropsFor(base, tc.tile, checked)
		if got.Count != tc.count || got.Size != tc.size || got.Planes != tc.planes {
			t.Errorf("tile %v: %d crops of %d in %d planes, want %d of %d in %d", tc.tile, got.Count, got.Size, got.Planes, tc.count, tc.size, tc.planes)
		}
		area := float64(tc.tile.Dx() * tc.tile.Dy())
		if share := float64(got.Count*got.Size*got.Size) / area; share > maxCheckShare && got.Size > 4 {
			t.Errorf("tile %v: checks %.0f%% of it", tc.tile, 100*share)
		}
	}
}
