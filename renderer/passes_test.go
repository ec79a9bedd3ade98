package renderer

import (
	"errors"
	"image"
	"math"
	"slices"
	"testing"
)

func testPasses(t *testing.T, r image.Rectangle, names ...string) *Passes {
	t.Helper()
	p, err := NewPasses(r, names)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range p.Channels {
		for k := range c.Pix {
			x, y := r.Min.X+k%r.Dx(), r.Min.Y+k/r.Dx()
			c.Pix[k] = float32(i*10000 + y*100 + x) // tells channel and pixel apart
		}
	}
	return p
}

// TestPassesDrawCrop: tiles drawn into a frame land at their place in
// every channel; a crop of the frame equals the tile it came from;
// mismatched channels are refused.
func TestPassesDrawCrop(t *testing.T) {
	names := []string{"L.Combined.R", "L.Combined.G", "L.Depth.Z"}
	frame, err := NewPasses(image.Rect(0, 0, 7, 5), names)
	if err != nil {
		t.Fatal(err)
	}
	if got := frame.Names(); !slices.Equal(got, []string{"L.Combined.G", "L.Combined.R", "L.Depth.Z"}) {
		t.Fatalf("names %v: want them sorted", got)
	}
	tiles := []image.Rectangle{image.Rect(0, 0, 4, 3), image.Rect(4, 0, 7, 3), image.Rect(0, 3, 7, 5)}
	for _, r := range tiles {
		if err := frame.Draw(testPasses(t, r, names...)); err != nil {
			t.Fatal(err)
		}
	}
	whole := testPasses(t, frame.Rect, names...)
	for i, c := range frame.Channels {
		if !slices.Equal(c.Pix, whole.Channels[i].Pix) {
			t.Fatalf("channel %s: stitched %v, want %v", c.Name, c.Pix, whole.Channels[i].Pix)
		}
	}
	crop := frame.Crop(image.Rect(2, 1, 6, 4))
	want := testPasses(t, image.Rect(2, 1, 6, 4), names...)
	for i, c := range crop.Channels {
		if !slices.Equal(c.Pix, want.Channels[i].Pix) {
			t.Fatalf("crop channel %s: %v, want %v", c.Name, c.Pix, want.Channels[i].Pix)
		}
	}
	if err := frame.Draw(testPasses(t, tiles[0], "L.Combined.R")); !errors.Is(err, ErrPassesMismatch) {
		t.Fatalf("drawing a tile of other channels: %v", err)
	}
	if _, err := NewPasses(frame.Rect, []string{"a", "a"}); err == nil {
		t.Fatal("NewPasses accepted a channel twice")
	}
	frame.Channels[0].Pix[3] = float32(math.Inf(1))
	if frame.Finite() {
		t.Fatal("Finite true with an infinity")
	}
}

// TestPassesKeepCombined: Keep keeps the listed passes, Cryptomatte's
// numbered ranks under their unnumbered name; Combined turns the first
// layer's Combined into an HDR, alpha 1 when there is none.
func TestPassesKeepCombined(t *testing.T) {
	p := testPasses(t, image.Rect(0, 0, 2, 2), "B.Combined.R", "B.Combined.G", "B.Combined.B",
		"A.Combined.R", "A.Combined.G", "A.Combined.B", "A.Combined.A", "A.Depth.Z",
		"A.CryptoObject00.R", "A.CryptoObject01.G", "A.Mist.Z")
	kept := p.Keep([]string{"A.Combined", "A.CryptoObject", "B.Combined"})
	want := []string{"A.Combined.A", "A.Combined.B", "A.Combined.G", "A.Combined.R", "A.CryptoObject00.R", "A.CryptoObject01.G",
		"B.Combined.B", "B.Combined.G", "B.Combined.R"}
	if !slices.Equal(kept.Names(), want) {
		t.Fatalf("Keep: %v, want %v", kept.Names(), want)
	}
	a := kept.Combined("")
	if a == nil || a.At(1, 1) != [4]float32{kept.Channel("A.Combined.R").Pix[3], kept.Channel("A.Combined.G").Pix[3], kept.Channel("A.Combined.B").Pix[3], kept.Channel("A.Combined.A").Pix[3]} {
		t.Fatalf("Combined(\"\") = %v", a)
	}
	if b := kept.Combined("B"); b == nil || b.At(0, 0)[3] != 1 {
		t.Fatalf("Combined(B) = %v: want alpha 1", b)
	}
	if kept.Combined("C") != nil {
		t.Fatal("Combined of a missing layer")
	}
}

// TestFillOutside: outside the rectangle every channel holds what
// Blender's render result holds where nothing was rendered (measured on
// 3.4.1, 4.3.2 and 5.2.2: sandbox TestBlenderLayers), inside it what it
// held.
func TestFillOutside(t *testing.T) {
	names := []string{"Back.Depth.Z", "View.Layer.Depth.Z", "ViewLayer.Combined.A", "ViewLayer.Denoising Depth.Z", "ViewLayer.Vector.W", "ViewLayer.Vector.X"}
	for _, tc := range []struct {
		build string
		depth float32
	}{
		{"blender-3.4.1", 1e11},
		{"blender-4.3.2", 1e11},
		{"blender-5.2.2", 1e10},
		{"blender-5.0.0+oidn", 1e10},
	} {
		p, err := NewPasses(image.Rect(10, 20, 14, 23), names)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range p.Channels {
			for i := range c.Pix {
				c.Pix[i] = 7
			}
		}
		in := image.Rect(11, 21, 13, 22)
		p.FillOutside(in, ParseBuild(tc.build))
		want := map[string]float32{"Back.Depth.Z": tc.depth, "View.Layer.Depth.Z": tc.depth, "ViewLayer.Vector.W": 10000, "ViewLayer.Vector.X": 10000}
		for _, c := range p.Channels {
			for i, v := range c.Pix {
				at := image.Pt(10+i%4, 20+i/4)
				w := want[c.Name]
				if at.In(in) {
					w = 7
				}
				if v != w {
					t.Errorf("%s: %s at %v = %g, want %g", tc.build, c.Name, at, v, w)
				}
			}
		}
	}
}
