package blender

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

// TestClearOutside: a finished frame of an uncropped render region is
// rewritten with nothing outside the region, as Blender before 5.0 writes
// it, keeping the file's kind: its pixels inside, its channels and depth
// (an RGB file stays RGB, black outside; an RGBA one, 16-bit TIFF's
// associated alpha included, turns transparent there; grey stays grey).
func TestClearOutside(t *testing.T) {
	full, region := image.Rect(0, 0, 8, 6), image.Rect(2, 1, 6, 5)
	fill := func(m interface{ Set(x, y int, c color.Color) }) {
		for y := 0; y < full.Dy(); y++ {
			for x := 0; x < full.Dx(); x++ {
				m.Set(x, y, color.NRGBA64{R: uint16(1000 * (x + 1)), G: uint16(2000 * (y + 1)), B: 30000, A: 0xffff})
			}
		}
	}
	encode := func(m image.Image, ext string) []byte {
		var b bytes.Buffer
		var err error
		if ext == ".tif" {
			err = tiff.Encode(&b, m, nil)
		} else {
			err = png.Encode(&b, m)
		}
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	rgb8, rgba8, rgb16, rgba16, grey := image.NewRGBA(full), image.NewNRGBA(full), image.NewRGBA64(full), image.NewRGBA64(full), image.NewGray16(full)
	for _, m := range []interface{ Set(x, y int, c color.Color) }{rgb8, rgba8, rgb16, rgba16, grey} {
		fill(m)
	}
	rgba8.Set(3, 2, color.NRGBA{R: 9, A: 128}) // an RGBA file (Go writes an opaque one as RGB)
	for _, tc := range []struct {
		name  string
		data  []byte
		ext   string
		alpha bool
	}{
		{"png 8-bit RGB", encode(rgb8, ".png"), ".png", false},
		{"png 8-bit RGBA", encode(rgba8, ".png"), ".png", true},
		{"png 16-bit RGB", encode(rgb16, ".png"), ".png", false},
		{"png 16-bit grey", encode(grey, ".png"), ".png", false},
		{"tiff 16-bit RGBA, associated alpha", encode(rgba16, ".tif"), ".tif", true},
		{"tiff 8-bit RGB", encode(rgb8, ".tif"), ".tif", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, _, err := image.Decode(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			out, err := clearOutside(tc.data, tc.ext, renderer.FinishTask{Width: 8, Height: 6, Region: region}, tc.alpha)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := image.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%T", got) != fmt.Sprintf("%T", src) && tc.ext == ".png" {
				t.Errorf("decodes as %T, the frame as %T: its channels or depth changed", got, src)
			}
			for y := 0; y < full.Dy(); y++ {
				for x := 0; x < full.Dx(); x++ {
					r, g, b, a := got.At(x, y).RGBA()
					switch {
					case image.Pt(x, y).In(region):
						if sr, sg, sb, sa := src.At(x, y).RGBA(); r != sr || g != sg || b != sb || a != sa {
							t.Fatalf("%d,%d inside: %v, want %v", x, y, got.At(x, y), src.At(x, y))
						}
					case r|g|b != 0 || (a == 0) != tc.alpha:
						t.Fatalf("%d,%d outside: (%d,%d,%d,%d), want black, transparent %v", x, y, r, g, b, a, tc.alpha)
					}
				}
			}
		})
	}
	t.Run("exr", func(t *testing.T) {
		for _, alpha := range []bool{false, true} {
			m := renderer.NewHDR(full)
			for i := range m.Pix {
				m.Pix[i] = 0.5
			}
			var b bytes.Buffer
			if err := exr.Encode(&b, m, exr.Options{}); err != nil {
				t.Fatal(err)
			}
			out, err := clearOutside(b.Bytes(), ".exr", renderer.FinishTask{Width: 8, Height: 6, Region: region}, alpha)
			if err != nil {
				t.Fatal(err)
			}
			got, err := exr.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range []image.Point{{0, 0}, {7, 5}, {1, 3}} {
				if v := got.At(p.X, p.Y); v[0]+v[1]+v[2] != 0 || (v[3] == 0) != alpha {
					t.Errorf("alpha %v: %v outside: %v", alpha, p, v)
				}
			}
			if v := got.At(3, 2); v != [4]float32{0.5, 0.5, 0.5, 0.5} {
				t.Errorf("inside: %v", v)
			}
		}
	})
}
