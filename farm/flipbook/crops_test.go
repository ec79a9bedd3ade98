package flipbook

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

// TestEvidenceCrops: each crop comes out as the parties' pixels side by
// side, every source pixel an 8x8 square of its own colour (no blending),
// and crops or images that do not fit the tile are refused with the reason.
func TestEvidenceCrops(t *testing.T) {
	tile := func(shift uint8) *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, 16, 12))
		for y := range 12 {
			for x := range 16 {
				img.SetNRGBA(x, y, color.NRGBA{uint8(x * 16), uint8(y * 20), shift, 255})
			}
		}
		return img
	}
	worker, checker := tile(0), tile(200)
	at := image.Rect(32, 24, 48, 36) // the tile's place in its frame
	crop := image.Rect(3, 2, 7, 5)   // in the tile
	got, err := EvidenceCrops(at, []image.Rectangle{crop.Add(at.Min)}, worker, checker)
	if err != nil {
		t.Fatal(err)
	}
	w, h := crop.Dx()*CropScale, crop.Dy()*CropScale
	if len(got) != 1 || got[0].Bounds().Size() != image.Pt(2*w+cropGap, h) {
		t.Fatalf("got %d pictures of %v, want 1 of %v", len(got), got[0].Bounds().Size(), image.Pt(2*w+cropGap, h))
	}
	for i, party := range []*image.NRGBA{worker, checker} {
		x0 := i * (w + cropGap)
		for y := range h {
			for x := range w {
				want := party.NRGBAAt(crop.Min.X+x/CropScale, crop.Min.Y+y/CropScale)
				if c := got[0].NRGBAAt(x0+x, y); c != want {
					t.Fatalf("party %d pixel (%d,%d) = %v, want the tile's %v", i, x, y, c, want)
				}
			}
		}
	}

	tests := []struct {
		name    string
		crops   []image.Rectangle
		parties []image.Image
		want    string
	}{
		{"no party", []image.Rectangle{crop.Add(at.Min)}, nil, "no party"},
		{"crop outside", []image.Rectangle{image.Rect(46, 24, 50, 28)}, []image.Image{worker}, "not inside"},
		{"crop in tile coordinates", []image.Rectangle{crop}, []image.Image{worker}, "not inside"},
		{"sizes differ", []image.Rectangle{crop.Add(at.Min)}, []image.Image{worker, image.NewNRGBA(image.Rect(0, 0, 8, 8))}, "party 1's image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := EvidenceCrops(at, tc.crops, tc.parties...); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one saying %q", err, tc.want)
			}
		})
	}
}
