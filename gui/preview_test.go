package gui

import (
	"image"
	"image/color"
	"testing"

	"github.com/conun/conun/tiler"
)

// TestPreviewScaling: an enlarged frame keeps its pixels crisp (every
// preview pixel is one of the frame's, in blocks), a reduced one is
// filtered (a one-pixel checkerboard averages to grey, not to black or
// white), and thumbnails keep the aspect ratio within their side.
func TestPreviewScaling(t *testing.T) {
	checker := func(w, h int) *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				v := uint8(0)
				if (x+y)%2 == 0 {
					v = 255
				}
				img.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
			}
		}
		return img
	}

	t.Run("enlarged 8x stays crisp", func(t *testing.T) {
		src := checker(4, 2)
		got := drawPreview(32, 16, tiler.Resolution{Width: 4, Height: 2}, src, nil)
		for y := range 16 {
			for x := range 32 {
				if c, want := got.NRGBAAt(x, y), src.NRGBAAt(x/8, y/8); c != want {
					t.Fatalf("pixel (%d,%d) = %v, want the frame's (%d,%d) %v", x, y, c, x/8, y/8, want)
				}
			}
		}
	})
	t.Run("reduced is filtered", func(t *testing.T) {
		src := checker(400, 200)
		got := drawPreview(40, 20, tiler.Resolution{Width: 400, Height: 200}, src, nil)
		if c := got.NRGBAAt(20, 10); c.R < 96 || c.R > 160 {
			t.Fatalf("centre of a reduced checkerboard is %v, want grey", c)
		}
	})

	tests := []struct {
		name       string
		w, h, side int
		want       image.Point
	}{
		{"wide", 300, 150, 100, image.Pt(100, 50)},
		{"tall", 120, 480, 96, image.Pt(24, 96)},
		{"small stays", 40, 30, 96, image.Pt(40, 30)},
	}
	for _, tc := range tests {
		t.Run("thumbnail "+tc.name, func(t *testing.T) {
			got := thumbnail(checker(tc.w, tc.h), tc.side).Bounds().Size()
			if got != tc.want {
				t.Fatalf("thumbnail of %dx%d at %d is %v, want %v", tc.w, tc.h, tc.side, got, tc.want)
			}
		})
	}
}
