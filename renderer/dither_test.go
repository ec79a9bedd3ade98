package renderer

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// TestDitherApply: the dither leaves a frame alone at intensity 0, leaves
// alpha alone always, and puts every colour value on an 8-bit level
// (v*257), which To8 then writes unchanged. (Its noise is measured against
// Blender's own renders in renderer/sandbox's TestBlenderDither and farm's
// TestDitheredFrames.)
func TestDitherApply(t *testing.T) {
	src := image.NewNRGBA64(image.Rect(3, 5, 3+40, 5+150))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range src.Pix {
		src.Pix[i] = byte(rng.Uint32())
	}
	for _, d := range []Dither{{}, {Intensity: 1}, {Intensity: 1, Hashed: true}, {Intensity: 2}, {Intensity: 0.5, Hashed: true}} {
		img := image.NewNRGBA64(src.Rect)
		copy(img.Pix, src.Pix)
		d.Apply(img)
		changed := 0
		for i := 0; i < len(img.Pix); i += 2 {
			v, was := uint16(img.Pix[i])<<8|uint16(img.Pix[i+1]), uint16(src.Pix[i])<<8|uint16(src.Pix[i+1])
			switch {
			case i%8 == 6:
				if v != was {
					t.Fatalf("%+v changed an alpha value: %d to %d", d, was, v)
				}
			case d.Intensity == 0:
				if v != was {
					t.Fatalf("%+v changed a value: %d to %d", d, was, v)
				}
			case v%257 != 0:
				t.Fatalf("%+v left %d off the 8-bit levels", d, v)
			}
			if v != was {
				changed++
			}
		}
		if d.Intensity > 0 {
			// Some values must round otherwise than To8 alone rounds them.
			plain, dithered := To8(src), To8(img)
			differ := 0
			for i := range plain.Pix {
				if plain.Pix[i] != dithered.Pix[i] {
					differ++
				}
			}
			if differ == 0 {
				t.Errorf("%+v rounds as To8 does: no noise", d)
			}
		}
	}
}

// TestDitherNoise: each release's noise has the range and the seeding
// measured on Blender: before 5, a triangle over -0.5 to 1.5 seeded
// afresh in each 64-row chunk (from the bottom, the last one shorter);
// from 5, a triangle over -1 to 1 of the pixel's position alone.
func TestDitherNoise(t *testing.T) {
	const w, h = 50, 150 // chunks of rows 0-63, 64-127, 128-149
	for x := range w {
		for y := range h {
			if n := ditherChunked(x, y, w, h); n < -0.5 || n >= 1.5 {
				t.Fatalf("chunked noise %v at %d,%d: want -0.5 to 1.5", n, x, y)
			}
			if n := ditherHashed(x, y); n < -1 || n > 1 {
				t.Fatalf("hashed noise %v at %d,%d: want -1 to 1", n, x, y)
			}
		}
		if a, b := ditherChunked(x, 3, w, h), ditherChunked(x, 64+3, w, h); a != b {
			t.Errorf("row 3 and row 67 (the same row of two whole chunks) have noise %v and %v", a, b)
		}
		if a, b := ditherHashed(x, 3), ditherHashed(x, 64+3); a == b && x > 0 {
			t.Errorf("the hashed noise repeats every 64 rows at column %d", x)
		}
	}
	for _, tc := range []struct {
		version string
		hashed  bool
	}{{"3.4.1", false}, {"4.3.2", false}, {"5.2.2", true}, {"", false}} {
		if d := BlenderDither(Build{Name: "blender", Version: tc.version}, 1); d.Hashed != tc.hashed || d.Intensity != 1 {
			t.Errorf("BlenderDither(%q) = %+v, want hashed %v", tc.version, d, tc.hashed)
		}
	}
}

// TestDitherNoiseBits pins the noise to the bit: these are the values
// this code gives on linux/amd64, whose frames TestBlenderDither measured
// against Blender's own. A platform where Go computes them otherwise (a
// product fused with the next operation, another sine) fails here, where
// the frame tests, which allow the few values the 16-bit tiles cannot
// call, might not notice.
func TestDitherNoiseBits(t *testing.T) {
	for _, tc := range []struct {
		x, y, w, h      int
		chunked, hashed uint32
	}{
		{0, 0, 72, 136, 0xbf000000, 0xbf800000},
		{1, 0, 72, 136, 0x3f550000, 0x3f234fa4},
		{17, 63, 72, 136, 0x3e460000, 0x3ea5d6e0},
		{71, 64, 72, 136, 0x3f77c000, 0x3eb1e23e},
		{5, 130, 72, 136, 0x3efb8000, 0x3e93c354},
		{1919, 1079, 1920, 1080, 0xbed20000, 0x3f46ad0b},
	} {
		if got := math.Float32bits(ditherChunked(tc.x, tc.y, tc.w, tc.h)); got != tc.chunked {
			t.Errorf("chunked noise at %d,%d of %dx%d: %#08x, want %#08x", tc.x, tc.y, tc.w, tc.h, got, tc.chunked)
		}
		if got := math.Float32bits(ditherHashed(tc.x, tc.y)); got != tc.hashed {
			t.Errorf("hashed noise at %d,%d: %#08x, want %#08x", tc.x, tc.y, got, tc.hashed)
		}
	}
}
