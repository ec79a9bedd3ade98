package verifier

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"testing"
)

func TestIdentical(t *testing.T) {
	r := image.Rect(10, 20, 74, 68) // not at the origin on purpose
	a := gradient(r)
	b := clone(a)
	var c Comparer
	if !c.Equal(a, b, r) {
		t.Fatal("Equal = false for identical images")
	}
	if p := c.PSNR(a, b, r); !math.IsInf(p, 1) {
		t.Errorf("PSNR = %v, want +Inf", p)
	}
	if s := c.SSIM(a, b, r); math.Abs(s-1) > 1e-6 {
		t.Errorf("SSIM = %v, want 1", s)
	}
	if p := c.BlurredPSNR(a, b, r, 2); !math.IsInf(p, 1) {
		t.Errorf("BlurredPSNR = %v, want +Inf", p)
	}
	if d := c.Diff(a, b, r, 0); d.Differing != 0 || d.MaxDiff != 0 || d.Pixels != r.Dx()*r.Dy() {
		t.Errorf("Diff = %+v", d)
	}
}

func TestPSNRKnownValues(t *testing.T) {
	r := image.Rect(0, 0, 96, 64)
	base := gradient(r)
	tests := []struct {
		name string
		b    *image.NRGBA64
		want float64
		tol  float64
	}{
		// Every G value off by 257 levels: MSE = (257/65535)^2 / 3 over R,G,B.
		{"constant offset", func() *image.NRGBA64 { b := clone(base); shiftPixels(b, r, -257); return b }(),
			-10 * math.Log10(math.Pow(257.0/65535, 2)/3), 1e-9},
		{"noise 0.01", withNoise(base, 0.01, 1), 40, 0.15},
		{"noise 0.001", withNoise(base, 0.001, 2), 60, 0.15},
		{"noise 0.05", withNoise(base, 0.05, 3), 26.02, 0.2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := PSNR(base, tc.b, r)
			if math.Abs(got-tc.want) > tc.tol {
				t.Errorf("PSNR = %.4f dB, want %.4f ± %v", got, tc.want, tc.tol)
			}
			if sym := PSNR(tc.b, base, r); sym != got {
				t.Errorf("PSNR not symmetric: %v vs %v", got, sym)
			}
		})
	}
}

func TestSSIM(t *testing.T) {
	r := image.Rect(5, 5, 69, 53)
	base := gradient(r)
	tests := []struct {
		name string
		b    image.Image
		r    image.Rectangle
	}{
		{"light noise", withNoise(base, 0.005, 1), r},
		{"heavy noise", withNoise(base, 0.05, 2), r},
		{"offset", func() image.Image { b := clone(base); shiftPixels(b, r, 3000); return b }(), r},
		{"small crop", withNoise(base, 0.02, 3), image.Rect(10, 10, 17, 14)},
		{"one pixel", withNoise(base, 0.02, 4), image.Rect(10, 10, 11, 11)},
		{"flat", image.NewUniform(color.Gray{128}), r},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var c Comparer
			got := c.SSIM(base, tc.b, tc.r)
			if want := refSSIM(base, tc.b, tc.r); math.Abs(got-want) > 1e-4 {
				t.Errorf("SSIM = %.6f, reference %.6f", got, want)
			}
			if sym := c.SSIM(tc.b, base, tc.r); math.Abs(sym-got) > 1e-6 {
				t.Errorf("SSIM not symmetric: %v vs %v", got, sym)
			}
			if got >= 1 || got < -1 {
				t.Errorf("SSIM = %v, want in [-1, 1) for different images", got)
			}
		})
	}
	light, heavy := SSIM(base, withNoise(base, 0.005, 1), r), SSIM(base, withNoise(base, 0.05, 2), r)
	if !(heavy < light) {
		t.Errorf("SSIM heavy noise %v >= light noise %v", heavy, light)
	}
}

func TestBlurAveragesNoiseAway(t *testing.T) {
	r := image.Rect(0, 0, 64, 64)
	base := gradient(r)
	noisy := withNoise(base, 0.02, 7)
	var c Comparer
	plain, blurred := c.BlurredPSNR(base, noisy, r, 0), c.BlurredPSNR(base, noisy, r, 2)
	if blurred < plain+10 {
		t.Errorf("luminance PSNR %.1f dB, blurred %.1f dB: blur should remove most noise", plain, blurred)
	}
	if s, bs := c.SSIM(base, noisy, r), c.BlurredSSIM(base, noisy, r, 2); bs <= s {
		t.Errorf("SSIM %.4f, blurred %.4f: blur should raise it", s, bs)
	}
}

func TestDiffTolerance(t *testing.T) {
	r := image.Rect(0, 0, 10, 10)
	a := gradient(r)
	b := clone(a)
	shiftPixels(b, image.Rect(0, 0, 10, 1), 6)   // 10 pixels off by 6
	shiftPixels(b, image.Rect(0, 1, 5, 2), -300) // 5 pixels off by 300
	tests := []struct {
		tolerance, differing int
	}{{0, 15}, {5, 15}, {6, 5}, {299, 5}, {300, 0}}
	for _, tc := range tests {
		d := Differing(a, b, r, tc.tolerance)
		if d.Differing != tc.differing || d.MaxDiff != 300 || d.Pixels != 100 {
			t.Errorf("tolerance %d: %+v, want %d differing, max 300", tc.tolerance, d, tc.differing)
		}
	}
}

// TestImageTypes checks that every pixel layout measures the same.
func TestImageTypes(t *testing.T) {
	r := image.Rect(3, 2, 40, 30)
	a16 := gradient(r)
	b16 := withNoise(a16, 0.01, 3)
	to8 := func(src image.Image) *image.NRGBA {
		out := image.NewNRGBA(r)
		draw.Draw(out, r, src, r.Min, draw.Src)
		return out
	}
	a8, b8 := to8(a16), to8(b16)
	rgba := func(src image.Image) *image.RGBA {
		out := image.NewRGBA(r)
		draw.Draw(out, r, src, r.Min, draw.Src)
		return out
	}
	rgba64 := func(src image.Image) *image.RGBA64 {
		out := image.NewRGBA64(r)
		draw.Draw(out, r, src, r.Min, draw.Src)
		return out
	}
	type pair struct {
		name string
		a, b image.Image
	}
	// The 8-bit forms all hold the same values; each must measure like
	// NRGBA, whatever the path through loadRow.
	pairs := []pair{
		{"NRGBA", a8, b8},
		{"RGBA", rgba(a8), rgba(b8)},
		{"RGBA64", rgba64(a8), rgba64(b8)},
		{"mixed", a8, rgba64(b8)},
		{"generic", opaqueWrapper{a8}, opaqueWrapper{b8}},
	}
	want := Differing(a8, b8, r, 0)
	wantSSIM := SSIM(a8, b8, r)
	for _, p := range pairs {
		if got := Differing(p.a, p.b, r, 0); got != want {
			t.Errorf("%s: Diff %+v, want %+v", p.name, got, want)
		}
		if got := SSIM(p.a, p.b, r); got != wantSSIM {
			t.Errorf("%s: SSIM %v, want %v", p.name, got, wantSSIM)
		}
		if !Equal(p.a, p.a, r) || Equal(p.a, p.b, r) {
			t.Errorf("%s: Equal wrong", p.name)
		}
	}
	if !Equal(a8, rgba64(a8), r) {
		t.Error("NRGBA and RGBA64 of the same pixels differ")
	}
}

// opaqueWrapper hides an image's type, forcing the generic path.
type opaqueWrapper struct{ image.Image }

func TestNoAllocations(t *testing.T) {
	r := image.Rect(0, 0, 128, 96)
	a, b := gradient(r), withNoise(gradient(r), 0.01, 1)
	var c Comparer
	c.BlurredSSIM(a, b, r, 2) // grow the buffers
	tests := []struct {
		name string
		f    func()
	}{
		{"Equal", func() { c.Equal(a, b, r) }},
		{"Diff", func() { c.Diff(a, b, r, 64) }},
		{"SSIM", func() { c.SSIM(a, b, r) }},
		{"BlurredSSIM", func() { c.BlurredSSIM(a, b, r, 2) }},
		{"BlurredPSNR", func() { c.BlurredPSNR(a, b, r, 2) }},
	}
	for _, tc := range tests {
		if n := testing.AllocsPerRun(10, tc.f); n != 0 {
			t.Errorf("%s allocates %v times per call", tc.name, n)
		}
	}
}
