package renderer

import (
	"image"
	"math"
)

// Dither is the noise Blender adds to a frame as it rounds it to 8 bits
// per channel (a scene's Post Processing > Dither, 1 by default): it
// breaks up the bands a smooth gradient would show. Tiles render without
// it, since Blender seeds it by the position within the image it writes
// and a tile's would not be the frame's, so the farm adds it to the
// stitched frame as the release that rendered the tiles adds it to a
// whole one (BlenderDither).
//
// The noise is a function of each pixel's position, not a random draw,
// so it is measured against Blender's own renders: each release's 8-bit
// frame differs from Blender's in about 0.1% of its values, by one level,
// where the rounding is too close to call from the 16-bit tiles (Blender
// rounds its float pixels). It is the noise of Linux x86-64 builds (as
// Debian's and the sandbox images'): another platform's C library and
// compiler (arm64, macOS, Windows) may compute Blender's sines otherwise.
type Dither struct {
	// Intensity is the scene's dither_intensity, 0 to 2; 0 adds none.
	Intensity float32
	// Hashed is Blender 5's noise (ditherHashed); before it, Blender's is
	// ditherChunked.
	Hashed bool
}

// BlenderDither is the dither of a frame rendered by build at intensity.
func BlenderDither(build Build, intensity float32) Dither {
	return Dither{Intensity: intensity, Hashed: build.AtLeast(ditherHashedSince)}
}

// ditherHashedSince is the first Blender release taken to draw its dither
// from an integer hash of the pixel: 5.2.2 does, 3.4.1 and 4.3.2 draw
// ditherChunked's, and 4.4 to 5.1 are not measured (a release of them
// whose noise is the other one writes frames as far from Blender's as no
// dither did).
const ditherHashedSince = "5.0"

// ditherAmplitude is Blender's scale of its noise at intensity 1: 0.0033
// of full scale, 0.84 of an 8-bit level, times the noise (-1 to 1 from 5.0,
// -0.5 to 1.5 before).
const ditherAmplitude = 0.0033

// Apply rounds img's colour channels to 8 bits as Blender does with d's
// noise, in place: each value becomes the 16-bit form (v*257) of the
// 8-bit v Blender writes, which an 8-bit encoder's rounding (To8) keeps.
// Alpha is left as it is (Blender does not dither it). Rows count from
// the bottom, as in Blender's image buffers, and positions from the
// image's corner: img must be the whole image written.
func (d Dither) Apply(img *image.NRGBA64) {
	if d.Intensity <= 0 {
		return
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	for row := range h {
		y := h - 1 - row // Blender's row, from the bottom
		px := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+row):img.PixOffset(b.Max.X, b.Min.Y+row)]
		for x := range w {
			var n float32
			if d.Hashed {
				n = ditherHashed(x, y)
			} else {
				n = ditherChunked(x, y, w, h)
			}
			// float32 all through, one rounding per operation, as Blender's C.
			dv := float32(float32(n*ditherAmplitude) * d.Intensity)
			p := px[8*x : 8*x+6]
			for c := 0; c < 6; c += 2 {
				v := uint16(p[c])<<8 | uint16(p[c+1])
				b8 := unitToByte(float32(dv + float32(v)/65535))
				p[c], p[c+1] = b8, b8 // b8*257
			}
		}
	}
}

// unitToByte is Blender's unit_float_to_uchar_clamp.
func unitToByte(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v > 1-0.5/255:
		return 255
	}
	return uint8(float32(255*v) + 0.5)
}

// ditherChunked is the noise of Blender before 5 (measured on 3.4.1 and
// 4.3.2): two sine hashes summed (a triangle distribution over -0.5 to
// 1.5) of the pixel's position scaled to 0-1 across the image's width and
// across the 64-row chunk of rows it is converted in (Blender converts an
// image in chunks of 64 rows from the bottom, the last one shorter, and
// seeds each chunk's noise afresh).
func ditherChunked(x, y, w, h int) float32 {
	const chunk = 64
	start := y / chunk * chunk
	rows := min(chunk, h-start)
	s := float32(x) * (1 / float32(w))
	t := float32(y-start) * (1 / float32(rows))
	// Each product rounded apart (float32(...)): Go may otherwise fuse it
	// with fract's subtraction (arm64 does), which C does not.
	h0 := fract(float32(sinf(float32(s*12.9898)+float32(t*78.233)) * 43758.5453))
	h1 := fract(float32(sinf(float32(s*19.9898)+float32(t*119.233)) * 43798.5453))
	return float32(h0+h1) - 0.5
}

// ditherHashed is the noise of Blender 5 (measured on 5.2.2): an integer
// hash of the pixel's position (iqint3, from "Hash Functions for GPU
// Rendering", JCGT 2020) remapped to a triangle distribution over -1 to 1.
func ditherHashed(x, y int) float32 {
	ux, uy := uint32(x), uint32(y)
	qx := 1103515245 * ((ux >> 1) ^ uy)
	qy := 1103515245 * ((uy >> 1) ^ ux)
	n := 1103515245 * (qx ^ (qy >> 3))
	v := float32(float32(n)*(1/float32(1<<32)))*2 - 1
	r := 1 - float32(math.Sqrt(float64(1-float32(math.Abs(float64(v))))))
	if v < 0 {
		return -r
	}
	return r
}

// sinf is glibc's sinf as near as Go has it: the float64 sine rounded to
// float32 (glibc's rounds correctly in nearly every case).
func sinf(v float32) float32 { return float32(math.Sin(float64(v))) }

// fract is v minus its floor, in float32.
func fract(v float32) float32 { return v - float32(math.Floor(float64(v))) }
