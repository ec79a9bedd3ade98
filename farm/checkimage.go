package farm

// The check image of a tile of raw passes: what a spot check compares for
// a composited scene. Every channel of every pass the tile carries is
// mapped to 16 bits by a rule that fits its kind, three channels to a
// plane of the tile's size, and the planes are stacked downwards, so a
// crop of the tile is the same crop in each plane and one 16-bit
// comparison (verifier.CompareCrops) sees a lie in any pass: Depth,
// Normal, Cryptomatte and AOVs as well as Combined. A worker's tile and a
// checker's crops (worker.go renderCrops) are mapped the same way.

import (
	"fmt"
	"image"
	"math"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/verifier"
)

// maxPlanes bounds the planes of a check image: 3 channels a plane, so
// 192 channels, far more than the passes a compositor reads (a
// Cryptomatte pass of 6 levels is 12 channels).
const maxPlanes = 64

// checkImage stacks the channels of p, in name order, three to a plane,
// each mapped by checkLevel; alpha is opaque so that drawing and PNG
// round trips keep every value.
func checkImage(p *renderer.Passes) *image.NRGBA64 {
	w, h := p.Rect.Dx(), p.Rect.Dy()
	planes := max(1, (len(p.Channels)+2)/3)
	img := image.NewNRGBA64(image.Rect(p.Rect.Min.X, p.Rect.Min.Y, p.Rect.Max.X, p.Rect.Min.Y+planes*h))
	for i := 0; i < len(img.Pix); i += 8 {
		img.Pix[i+6], img.Pix[i+7] = 0xff, 0xff
	}
	for i, ch := range p.Channels {
		level := checkLevel(ch.Name)
		plane, slot := i/3, i%3
		for y := range h {
			row := img.PixOffset(p.Rect.Min.X, p.Rect.Min.Y+plane*h+y)
			for x := range w {
				v := level(ch.Pix[y*w+x])
				o := row + 8*x + 2*slot
				img.Pix[o], img.Pix[o+1] = uint8(v>>8), uint8(v)
			}
		}
	}
	return img
}

// checkLevel returns how a channel ("Layer.Pass.Channel") maps to 16-bit
// levels, so that one rule (verifier's thresholds, in levels) fits every
// pass: honest replays differ by float rounding, far below the near-exact
// tolerance of 64 levels, and a lie a compositor would show is far above
// it.
//
//   - Cryptomatte ids (channels r and b of a Crypto pass, as Blender names
//     them; R and B too) are hashes stored as floats: a float one ulp off
//     is another object, so the bits are hashed and any change moves the
//     level by thousands.
//   - Depth spans from millimetres to Cycles' 1e10 for the background:
//     log2 from 2^-10 to 2^14 scene units (1 mm to 16 km) over the 16 bits,
//     so a level is 0.025% of the distance at any distance and the
//     tolerance 1.6% of it; nearer or farther saturates.
//   - Light and colour passes (Combined, Diffuse, Glossy, ..., Mist,
//     Cryptomatte coverage) are not negative: v/(1+v) over the whole range,
//     as the Combined pass always was checked (light is unbounded).
//   - Everything else (Normal, Vector, Position, UV, AOVs, indexes) may be
//     signed: 0.5 + 0.5*v/(1+|v|).
func checkLevel(channel string) func(float32) uint16 {
	rest, comp, _ := cutLast(channel)
	_, pass, _ := cutLast(rest)
	switch {
	case strings.HasPrefix(pass, "Crypto") && (comp == "r" || comp == "b" || comp == "R" || comp == "B"):
		return func(v float32) uint16 {
			return uint16((math.Float32bits(v) * 0x9e3779b1) >> 16) // Fibonacci hashing: every bit moves the top ones
		}
	case pass == "Depth":
		return func(v float32) uint16 {
			if v <= 0 {
				return 0
			}
			return level((math.Log2(float64(v)) + 10) / 24)
		}
	case lightPass(pass):
		return func(v float32) uint16 {
			f := float64(v)
			return level(f / (1 + math.Abs(f)))
		}
	}
	return func(v float32) uint16 {
		f := float64(v)
		return level(0.5 + 0.5*f/(1+math.Abs(f)))
	}
}

// lightPass reports whether a pass (Blender's multilayer name, without
// the view layer) holds light or colour, which is never negative.
func lightPass(pass string) bool {
	switch pass {
	case "Emit", "Env", "AO", "Mist", "Denoising Albedo":
		return true // exactly: "AOV" is not "AO"
	}
	for _, p := range []string{"Combined", "Diff", "Gloss", "Trans", "Volume", "Shadow", "Noisy", "Crypto"} {
		if strings.HasPrefix(pass, p) {
			return true
		}
	}
	return false
}

// level maps [0, 1] to 16 bits, clamping.
func level(f float64) uint16 {
	return uint16(math.Round(min(max(f, 0), 1) * 65535))
}

// cutLast splits s at its last dot.
func cutLast(s string) (before, after string, found bool) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", s, false
	}
	return s[:i], s[i+1:], true
}

// compareChecks compares a worker's check image of tile with a checker's
// over the crops, in every plane. Images of another shape hold another
// set of passes: that is a mismatch the arbiter decides.
func compareChecks(worker, checker *image.NRGBA64, crops []image.Rectangle, tile image.Rectangle, mode verifier.Mode) verifier.Verdict {
	if worker.Rect != checker.Rect {
		return verifier.Verdict{Outcome: verifier.Fail, Mode: mode, Reason: fmt.Sprintf("check images of %v and %v: another set of passes", worker.Rect, checker.Rect)}
	}
	return verifier.CompareCrops(worker, checker, planeCrops(crops, tile, worker.Rect.Dy()/max(tile.Dy(), 1)), mode)
}

// planeCrops repeats each crop of tile in every plane of a check image.
func planeCrops(crops []image.Rectangle, tile image.Rectangle, planes int) []image.Rectangle {
	out := make([]image.Rectangle, 0, len(crops)*planes)
	for k := range max(planes, 1) {
		for _, r := range crops {
			out = append(out, r.Add(image.Pt(0, k*tile.Dy())))
		}
	}
	return out
}

// drawCheck draws the planes of src, a check image of crop, into the
// same crop of each plane of dst, a check image of tile.
func drawCheck(dst, src *image.NRGBA64, crop, tile image.Rectangle) error {
	planes := src.Rect.Dy() / crop.Dy()
	if src.Rect.Dx() != crop.Dx() || planes*crop.Dy() != src.Rect.Dy() || planes*tile.Dy() != dst.Rect.Dy() {
		return fmt.Errorf("check image of crop %v is %v; the tile's is %v", crop, src.Rect, dst.Rect)
	}
	for k := range planes {
		d := crop.Add(image.Pt(0, k*tile.Dy()))
		s := src.Rect.Min.Add(image.Pt(0, k*crop.Dy()))
		for y := range crop.Dy() {
			copy(dst.Pix[dst.PixOffset(d.Min.X, d.Min.Y+y):dst.PixOffset(d.Max.X, d.Min.Y+y)], src.Pix[src.PixOffset(s.X, s.Y+y):])
		}
	}
	return nil
}
