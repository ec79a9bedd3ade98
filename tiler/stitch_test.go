package tiler

import (
	"image"
	"image/color"
	"testing"
)

func TestCanvas(t *testing.T) {
	res := Resolution{10, 6}
	tiles := Split(res, Grid{3, 2})
	c := NewCanvas(res)
	for i, r := range tiles {
		tile := image.NewNRGBA64(r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				tile.SetNRGBA64(x, y, color.NRGBA64{uint16(i), uint16(x), uint16(y), 0xffff})
			}
		}
		if c.Complete() {
			t.Fatalf("complete after %d of %d tiles", i, len(tiles))
		}
		if err := c.Put(tile); err != nil {
			t.Fatal(err)
		}
		if err := c.Put(tile); err != nil { // a re-delivered tile is harmless
			t.Fatal(err)
		}
	}
	if !c.Complete() {
		t.Fatal("not complete after all tiles")
	}
	img := c.Image()
	for y := 0; y < res.Height; y++ {
		for x := 0; x < res.Width; x++ {
			if p := img.NRGBA64At(x, y); int(p.G) != x || int(p.B) != y {
				t.Fatalf("pixel %d,%d = %v", x, y, p)
			}
		}
	}
}

func TestCanvasRejects(t *testing.T) {
	c := NewCanvas(Resolution{8, 8})
	if err := c.Put(image.NewNRGBA64(image.Rect(4, 4, 12, 8))); err == nil {
		t.Fatal("tile outside the frame accepted")
	}
	if err := c.Put(image.NewNRGBA64(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(image.NewNRGBA64(image.Rect(2, 2, 6, 6))); err == nil {
		t.Fatal("overlapping tile accepted")
	}
	if _, err := Stitch(Resolution{8, 8}, []image.Image{image.NewNRGBA64(image.Rect(0, 0, 4, 8))}); err == nil {
		t.Fatal("partial stitch accepted")
	}
}
