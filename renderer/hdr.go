package renderer

import (
	"image"
	"image/color"
	"math"
)

// HDR is a linear, scene-referred RGBA image with a float32 per channel:
// what a renderer computes before any view transform, and what an OpenEXR
// frame holds. Values above 1 are kept (highlights, light sources), so a
// compositor can still grade them; the 16-bit sRGB images elsewhere clip
// them.
type HDR struct {
	// Pix holds the pixels row by row, R, G, B, A for each.
	Pix []float32
	// Stride is the number of float32s between the starts of two rows.
	Stride int
	// Rect is the image's bounds, in frame coordinates like NRGBA64's.
	Rect image.Rectangle
}

// NewHDR returns a transparent black HDR image with bounds r.
func NewHDR(r image.Rectangle) *HDR {
	return &HDR{Pix: make([]float32, 4*r.Dx()*r.Dy()), Stride: 4 * r.Dx(), Rect: r}
}

// Bounds returns the image's rectangle.
func (m *HDR) Bounds() image.Rectangle { return m.Rect }

// PixOffset is the index in Pix of the first channel of pixel (x, y).
func (m *HDR) PixOffset(x, y int) int {
	return (y-m.Rect.Min.Y)*m.Stride + (x-m.Rect.Min.X)*4
}

// At returns the R, G, B, A values of pixel (x, y); zero outside the bounds.
func (m *HDR) At(x, y int) [4]float32 {
	if !(image.Point{x, y}.In(m.Rect)) {
		return [4]float32{}
	}
	i := m.PixOffset(x, y)
	return [4]float32(m.Pix[i : i+4])
}

// Set stores the R, G, B, A values of pixel (x, y); outside the bounds it
// does nothing.
func (m *HDR) Set(x, y int, c [4]float32) {
	if !(image.Point{x, y}.In(m.Rect)) {
		return
	}
	i := m.PixOffset(x, y)
	copy(m.Pix[i:i+4], c[:])
}

// Draw copies src into m where their bounds overlap: tiles are drawn into a
// frame at their own place, like draw.Draw with draw.Src.
func (m *HDR) Draw(src *HDR) {
	r := m.Rect.Intersect(src.Rect)
	n := 4 * r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(m.Pix[m.PixOffset(r.Min.X, y):][:n], src.Pix[src.PixOffset(r.Min.X, y):][:n])
	}
}

// Finite reports whether every value is a finite number: renderers never
// produce NaN or infinities, so a tile holding one is broken or forged.
func (m *HDR) Finite() bool {
	for _, v := range m.Pix {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return false
		}
	}
	return true
}

// Preview returns the image as opaque 16-bit sRGB, values clipped to
// [0, 1]: what a viewer shows without any view transform. It is for people
// looking at tiles arrive; the EXR holds the real values.
func (m *HDR) Preview() *image.NRGBA64 { return m.to16(func(v float64) float64 { return v }) }

// Compressed returns the image as opaque 16-bit sRGB after mapping each
// value v >= 0 to v/(1+v): monotonic over all of [0, inf), so unlike
// Preview it clips nothing, and two renders that differ anywhere (a
// highlight at 40 or at 4) still differ after the mapping. Spot checks
// compare these images, so the verifier's 16-bit metrics serve HDR jobs
// unchanged; in [0, 1] the mapping halves differences at most, which the
// near-exact and tolerant thresholds absorb.
func (m *HDR) Compressed() *image.NRGBA64 {
	return m.to16(func(v float64) float64 { return v / (1 + v) })
}

// to16 maps each colour value through f then the sRGB curve to 16 bits,
// and sets alpha opaque. Negative values and NaN become 0, +Inf 0xffff.
func (m *HDR) to16(f func(float64) float64) *image.NRGBA64 {
	out := image.NewNRGBA64(m.Rect)
	for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			i := m.PixOffset(x, y)
			var c [3]uint16
			for k := range c {
				v := float64(m.Pix[i+k])
				switch {
				case !(v > 0):
					c[k] = 0
				case math.IsInf(v, 1):
					c[k] = 0xffff
				default:
					c[k] = SRGB16(f(v))
				}
			}
			out.SetNRGBA64(x, y, color.NRGBA64{c[0], c[1], c[2], 0xffff})
		}
	}
	return out
}

// SRGB16 turns a linear value into a 16-bit sRGB one: clamp to [0, 1],
// apply the sRGB transfer curve, round. Rounding (not truncation) keeps the
// 8-bit conversion of To8 exact.
func SRGB16(v float64) uint16 {
	if !(v > 0) {
		return 0
	}
	if v >= 1 {
		return 0xffff
	}
	if v <= 0.0031308 {
		v *= 12.92
	} else {
		v = 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return uint16(math.Round(v * 0xffff))
}
