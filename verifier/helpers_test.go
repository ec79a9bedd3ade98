package verifier

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// gradient returns a smooth test image over r with some texture, so SSIM
// has structure to measure.
func gradient(r image.Rectangle) *image.NRGBA64 {
	img := image.NewNRGBA64(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			fx, fy := float64(x-r.Min.X)/float64(r.Dx()), float64(y-r.Min.Y)/float64(r.Dy())
			v := 0.5 + 0.25*math.Sin(fx*9)*math.Cos(fy*7)
			img.SetNRGBA64(x, y, color.NRGBA64{
				R: uint16(65535 * (0.2 + 0.6*fx)),
				G: uint16(65535 * v),
				B: uint16(65535 * (0.8 - 0.6*fy)),
				A: 0xffff,
			})
		}
	}
	return img
}

// withNoise returns a copy of img with Gaussian noise of standard
// deviation sigma (in [0, 1] units) added to R, G and B.
func withNoise(img *image.NRGBA64, sigma float64, seed uint64) *image.NRGBA64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := image.NewNRGBA64(img.Rect)
	copy(out.Pix, img.Pix)
	r := img.Rect
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := out.NRGBA64At(x, y)
			ch := []*uint16{&c.R, &c.G, &c.B}
			for _, p := range ch {
				v := float64(*p) + rng.NormFloat64()*sigma*65535
				*p = uint16(math.Round(min(max(v, 0), 65535)))
			}
			out.SetNRGBA64(x, y, c)
		}
	}
	return out
}

// clone copies an image.
func clone(img *image.NRGBA64) *image.NRGBA64 {
	out := image.NewNRGBA64(img.Rect)
	copy(out.Pix, img.Pix)
	return out
}

// shiftPixels moves channel values of the pixels in r by delta levels
// (saturating), the way a tamper or a rounding difference would.
func shiftPixels(img *image.NRGBA64, r image.Rectangle, delta int) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := img.NRGBA64At(x, y)
			c.G = uint16(min(max(int(c.G)+delta, 0), 65535))
			img.SetNRGBA64(x, y, c)
		}
	}
}

// refSSIM is a direct, slow SSIM with a 2-D window and clamped edges, in
// float64, to check the fast separable one against.
func refSSIM(a, b image.Image, r image.Rectangle) float64 {
	w, h := r.Dx(), r.Dy()
	lum := func(img image.Image) []float64 {
		out := make([]float64, w*h)
		for y := range h {
			for x := range w {
				c := color.NRGBA64Model.Convert(img.At(r.Min.X+x, r.Min.Y+y)).(color.NRGBA64)
				out[y*w+x] = (lumaR*float64(c.R) + lumaG*float64(c.G) + lumaB*float64(c.B)) / 65535
			}
		}
		return out
	}
	la, lb := lum(a), lum(b)
	const radius = 5
	var k [2*radius + 1]float64
	var sum float64
	for i := range k {
		d := float64(i - radius)
		k[i] = math.Exp(-d * d / (2 * ssimSigma * ssimSigma))
		sum += k[i]
	}
	for i := range k {
		k[i] /= sum
	}
	var total float64
	for y := range h {
		for x := range w {
			var ma, mb, aa, bb, ab float64
			for j := -radius; j <= radius; j++ {
				for i := -radius; i <= radius; i++ {
					yy, xx := clamp(y+j, 0, h-1), clamp(x+i, 0, w-1)
					wt := k[j+radius] * k[i+radius]
					pa, pb := la[yy*w+xx], lb[yy*w+xx]
					ma += wt * pa
					mb += wt * pb
					aa += wt * pa * pa
					bb += wt * pb * pb
					ab += wt * pa * pb
				}
			}
			va, vb, cov := aa-ma*ma, bb-mb*mb, ab-ma*mb
			total += (2*ma*mb + ssimC1) * (2*cov + ssimC2) / ((ma*ma + mb*mb + ssimC1) * (va + vb + ssimC2))
		}
	}
	return total / float64(w*h)
}
