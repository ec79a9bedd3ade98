package farmtest

import (
	"image"

	"github.com/conun/conun/renderer"
)

// FlatTile is an instant render of t for benchmarks that measure the
// farm's own cost per task: a flat shade per frame and 32-pixel block, so
// each tile is a blob of its own on the coordinator's disk as rendered
// tiles are, and PNG's cost stays small. A pixel's shade depends on where
// it is, never on the region asked for: a check's crop matches the tile,
// as an honest render's does (a marker at the region's corner made every
// check a mismatch and convicted honest nodes).
func FlatTile(t renderer.Task) renderer.Result {
	r := t.Rect()
	img := image.NewNRGBA64(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+2], img.Pix[i+4] = byte(t.Frame), byte(x/32), byte(y/32)
			img.Pix[i+6], img.Pix[i+7] = 0xff, 0xff
		}
	}
	return renderer.Result{Image: img}
}
