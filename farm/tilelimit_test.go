package farm

import (
	"fmt"
	"image"
	"math/rand/v2"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestTileLimitHoldsPasses: an honest tile of raw passes is never over the
// limit its coordinator reads it with, whatever the passes: noise (which
// ZIP cannot shrink) in every channel, Cryptomatte at its most levels (16:
// eight ranks of four channels) among them. The limit counted every pass
// as four channels, and a 480x270 tile (a 1080p frame in 4x4) of a
// Cryptomatte scene was refused.
func TestTileLimitHoldsPasses(t *testing.T) {
	r := image.Rect(480, 270, 960, 540)
	passes := []string{"ViewLayer.Combined", "ViewLayer.CryptoMaterial", "ViewLayer.CryptoObject", "ViewLayer.Depth", "ViewLayer.Normal", "ViewLayer.Vector"}
	var names []string
	for _, ch := range []string{"A", "B", "G", "R"} {
		names = append(names, "ViewLayer.Combined."+ch)
	}
	for _, crypto := range []string{"CryptoMaterial", "CryptoObject"} {
		for rank := range 8 {
			for _, ch := range []string{"a", "b", "g", "r"} {
				names = append(names, fmt.Sprintf("ViewLayer.%s%02d.%s", crypto, rank, ch))
			}
		}
	}
	names = append(names, "ViewLayer.Depth.Z", "ViewLayer.Normal.X", "ViewLayer.Normal.Y", "ViewLayer.Normal.Z",
		"ViewLayer.Vector.W", "ViewLayer.Vector.X", "ViewLayer.Vector.Y", "ViewLayer.Vector.Z")
	p, err := renderer.NewPasses(r, names)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range p.Channels {
		for i := range c.Pix {
			c.Pix[i] = rng.Float32()
		}
	}
	data, _, err := encodeTile(renderer.Result{Passes: p}, false, true)
	if err != nil {
		t.Fatal(err)
	}
	if limit := tileLimit(r, tileWant{passes: passes}); int64(len(data)) > limit {
		t.Fatalf("an honest %v tile of %d channels is %d bytes, over its limit of %d", r.Size(), len(names), len(data), limit)
	}
}
