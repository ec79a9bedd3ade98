package tiler

import (
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCanvas(t *testing.T) {
	res := Resolution{10, 6}
	tiles := Split(res.Rect(), Grid{3, 2})
	c := NewCanvas(res.Rect())
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
	c := NewCanvas(Resolution{8, 8}.Rect())
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

// TestCover: Cover keeps a canvas's books without pixels, for frames whose
// pixels live elsewhere: fit, overlap and coverage are checked as by Put.
func TestCover(t *testing.T) {
	c := NewCanvas(Resolution{Width: 4, Height: 2}.Rect())
	steps := []struct {
		r       image.Rectangle
		wantErr string
	}{
		{image.Rect(0, 0, 2, 2), ""},
		{image.Rect(0, 0, 2, 2), ""}, // again: counted once
		{image.Rect(1, 0, 3, 2), "overlaps"},
		{image.Rect(2, 0, 5, 2), "does not fit"},
		{image.Rect(2, 0, 4, 2), ""},
	}
	for i, s := range steps {
		err := c.Cover(s.r)
		if (err == nil) != (s.wantErr == "") || err != nil && !strings.Contains(err.Error(), s.wantErr) {
			t.Fatalf("step %d Cover(%v) = %v, want %q", i, s.r, err, s.wantErr)
		}
		if got, want := c.Complete(), i == len(steps)-1; got != want {
			t.Fatalf("step %d: Complete() = %v, want %v", i, got, want)
		}
	}
}

// TestCoverMatchesPairwise: Cover's row bitmap refuses exactly the tiles
// that overlap one already placed, compared pair by pair, and names one of
// those; on a frame whose rows span several 64-bit words, with tiles
// starting and ending inside and across words.
func TestCoverMatchesPairwise(t *testing.T) {
	for _, res := range []Resolution{{Width: 150, Height: 40}, {Width: 64, Height: 9}, {Width: 1, Height: 3}} {
		rng := rand.New(rand.NewPCG(uint64(res.Width), uint64(res.Height)))
		c := NewCanvas(res.Rect())
		var placed []image.Rectangle
		for range 2000 {
			x0, y0 := rng.IntN(res.Width), rng.IntN(res.Height)
			r := image.Rect(x0, y0, x0+1+rng.IntN(min(70, res.Width-x0)), y0+1+rng.IntN(res.Height-y0))
			var hit []image.Rectangle
			for _, p := range placed {
				if p.Overlaps(r) && p != r {
					hit = append(hit, p)
				}
			}
			err := c.Cover(r)
			switch {
			case len(hit) == 0 && err != nil:
				t.Fatalf("%v: Cover(%v) = %v, but it overlaps nothing of %v", res, r, err, placed)
			case len(hit) > 0 && err == nil:
				t.Fatalf("%v: Cover(%v) accepted over %v", res, r, hit)
			case len(hit) > 0 && !namesOneOf(err.Error(), hit):
				t.Fatalf("%v: Cover(%v) = %v, naming none of %v", res, r, err, hit)
			case err == nil && !slices.Contains(placed, r):
				placed = append(placed, r)
			}
		}
		area := 0
		for _, p := range placed {
			area += p.Dx() * p.Dy()
		}
		if got := c.Complete(); got != (area == res.Width*res.Height) {
			t.Fatalf("%v: Complete() = %v with %d of %d pixels placed", res, got, area, res.Width*res.Height)
		}
	}
}

// namesOneOf reports whether msg names one of rs as the tile overlapped.
func namesOneOf(msg string, rs []image.Rectangle) bool {
	for _, r := range rs {
		if strings.Contains(msg, fmt.Sprintf("overlaps tile %v", r)) {
			return true
		}
	}
	return false
}
