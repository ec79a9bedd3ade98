package farm

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"maps"
	"math/rand/v2"
	"slices"
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

// TestPassesTileChannels: a multilayer job's tile must hold exactly the
// channels its plan lists; a worker that adds, drops or renames a channel
// inside a pass the job carries is refused at its answer, where its pass
// names alone passed (and the odd tile failed the whole job at assembly,
// or put its channel in the user's file).
func TestPassesTileChannels(t *testing.T) {
	r := image.Rect(8, 4, 12, 7)
	passes := []string{"ViewLayer.Combined", "ViewLayer.Depth"}
	want := []string{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R", "ViewLayer.Depth.Z"}
	for _, tc := range []struct {
		name     string
		channels []string
		ok       bool
	}{
		{"the plan's", want, true},
		{"one more in a pass", append(slices.Clone(want), "ViewLayer.Depth.ZZ"), false},
		{"one fewer", want[1:], false},
		{"renamed", []string{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R", "ViewLayer.Depth.Q"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			channels := slices.Sorted(slices.Values(tc.channels))
			p, err := renderer.NewPasses(r, channels)
			if err != nil {
				t.Fatal(err)
			}
			data, _, err := encodeTile(renderer.Result{Passes: p}, false, true)
			if err != nil {
				t.Fatal(err)
			}
			_, err = decodeTile(data, r, tileWant{passes: passes, channels: want})
			if (err == nil) != tc.ok {
				t.Errorf("decode: %v, want accepted %v", err, tc.ok)
			}
			// By pass name alone (a job whose plan has no channel list),
			// a channel added or renamed inside a pass is not seen.
			if _, err := decodeTile(data, r, tileWant{passes: passes}); err != nil {
				t.Errorf("by pass name: %v", err)
			}
		})
	}
}

// TestLayerMeta: a multilayer frame keeps the metadata Blender writes of
// the scene, each key at the value more than half its tiles give; a
// worker's own key, and a value one worker alone changes or drops, do
// not reach the user's file.
func TestLayerMeta(t *testing.T) {
	manifest := `{"Cube":"a8fce865"}`
	honest := map[string]string{"cryptomatte/542cafa/manifest": manifest, "Note": "shot 12", "cycles.ViewLayer.samples": "8", "RenderTime": "00:00.04"}
	liar := map[string]string{"cryptomatte/542cafa/manifest": `{"Cube":"00000000"}`, "Note": "shot 12", "cycles.ViewLayer.samples": "8", "evil": "x"}
	dropper := map[string]string{"Note": "shot 12"}
	for _, tc := range []struct {
		name  string
		metas []map[string]string
		want  map[string]string
	}{
		{"one tile", []map[string]string{honest}, map[string]string{"cryptomatte/542cafa/manifest": manifest, "Note": "shot 12", "cycles.ViewLayer.samples": "8"}},
		{"a liar among three", []map[string]string{honest, liar, honest}, map[string]string{"cryptomatte/542cafa/manifest": manifest, "Note": "shot 12", "cycles.ViewLayer.samples": "8"}},
		{"a dropper among three", []map[string]string{honest, dropper, honest}, map[string]string{"cryptomatte/542cafa/manifest": manifest, "Note": "shot 12", "cycles.ViewLayer.samples": "8"}},
		{"split in two", []map[string]string{honest, liar}, map[string]string{"Note": "shot 12", "cycles.ViewLayer.samples": "8"}},
		{"none", []map[string]string{{}, {}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := layerMeta(tc.metas); !maps.Equal(got, tc.want) {
				t.Errorf("meta %v, want %v", got, tc.want)
			}
		})
	}
}

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
