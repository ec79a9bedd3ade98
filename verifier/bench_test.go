package verifier

import (
	"fmt"
	"image"
	"math/rand/v2"
	"testing"
)

// frame4K returns a worker's and a checker's 3840x2160 frame that differ
// by noise, so no metric can stop early.
func frame4K(b *testing.B) (*image.NRGBA64, *image.NRGBA64, image.Rectangle) {
	b.Helper()
	r := image.Rect(0, 0, 3840, 2160)
	a := gradient(r)
	c := clone(a)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < len(c.Pix); i += 8 {
		c.Pix[i+3] ^= byte(rng.IntN(4)) // low bits of G
	}
	return a, c, r
}

func report(b *testing.B, r image.Rectangle) {
	ms := float64(b.Elapsed().Milliseconds()) / float64(b.N)
	b.ReportMetric(ms, "ms/frame")
	// Both images are read: 8 bytes a pixel each.
	b.ReportMetric(float64(2*8*r.Dx()*r.Dy())/1e6/(b.Elapsed().Seconds()/float64(b.N)), "MB/s")
}

func BenchmarkEqual4K(b *testing.B) {
	a, _, r := frame4K(b)
	same := clone(a)
	var c Comparer
	b.ResetTimer()
	for b.Loop() {
		if !c.Equal(a, same, r) {
			b.Fatal("not equal")
		}
	}
	report(b, r)
}

func BenchmarkPSNR4K(b *testing.B) {
	a, d, r := frame4K(b)
	var c Comparer
	c.PSNR(a, d, r)
	b.ResetTimer()
	for b.Loop() {
		c.PSNR(a, d, r)
	}
	report(b, r)
}

func BenchmarkPSNR4K_NRGBA(b *testing.B) {
	a16, d16, r := frame4K(b)
	a, d := toNRGBA(a16), toNRGBA(d16)
	var c Comparer
	c.PSNR(a, d, r)
	b.ResetTimer()
	for b.Loop() {
		c.PSNR(a, d, r)
	}
	report(b, r)
}

func BenchmarkSSIM4K(b *testing.B) {
	a, d, r := frame4K(b)
	var c Comparer
	c.SSIM(a, d, r)
	b.ResetTimer()
	for b.Loop() {
		c.SSIM(a, d, r)
	}
	report(b, r)
}

func BenchmarkBlurredSSIM4K(b *testing.B) {
	a, d, r := frame4K(b)
	var c Comparer
	c.BlurredSSIM(a, d, r, 1.5)
	b.ResetTimer()
	for b.Loop() {
		c.BlurredSSIM(a, d, r, 1.5)
	}
	report(b, r)
}

// BenchmarkCompareCrop is the cost of one check: a 32x32 crop in
// tolerant mode (diff plus SSIM).
func BenchmarkCompareCrop(b *testing.B) {
	r := image.Rect(100, 100, 132, 132)
	a := gradient(image.Rect(0, 0, 256, 256))
	d := withNoise(a, 0.01, 1)
	for b.Loop() {
		Compare(a, d, r, Tolerant)
	}
}

func toNRGBA(img *image.NRGBA64) *image.NRGBA {
	out := image.NewNRGBA(img.Rect)
	for i := range out.Pix {
		out.Pix[i] = img.Pix[2*i]
	}
	return out
}

// BenchmarkSpotCheck simulates a node that cheats on a fraction c of its
// tasks, each checked with probability q, and reports the fraction of
// runs caught within n tasks next to 1-(1-qc)^n.
func BenchmarkSpotCheck(b *testing.B) {
	for _, c := range []float64{1, 0.1} {
		for _, q := range []float64{0.05, 0.1, 0.2, 0.5} {
			for _, n := range []int{10, 20, 50, 100} {
				b.Run(fmt.Sprintf("c=%g/q=%g/n=%d", c, q, n), func(b *testing.B) {
					rng := rand.New(rand.NewPCG(uint64(n), uint64(q*1000)))
					caught, runs := 0, 0
					for b.Loop() {
						for range 1000 {
							if simulateCaught(rng, q, c, n) {
								caught++
							}
							runs++
						}
					}
					b.ReportMetric(float64(caught)/float64(runs), "measured")
					b.ReportMetric(DetectionProbability(q, c, n), "formula")
				})
			}
		}
	}
}

// BenchmarkPolicyDetection runs cheaters through the default adaptive
// policy and reports the mean number of tasks until the first failed
// check and the fraction caught within 100 tasks.
func BenchmarkPolicyDetection(b *testing.B) {
	cheaters := []struct {
		name   string
		honest int     // tasks rendered honestly first
		c      float64 // then the fraction cheated
	}{
		{"always", 0, 1},
		{"honest20-then-lazy", 20, 1},
		{"honest200-then-lazy", 200, 1},
		{"cheat-10pct", 0, 0.1},
	}
	for _, ch := range cheaters {
		b.Run(ch.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(7, 7))
			p := DefaultPolicy()
			var tasks, caught, runs int
			for b.Loop() {
				for range 200 {
					n, ok := simulatePolicy(rng, p, ch.honest, ch.c, ch.honest+100)
					runs++
					if ok {
						caught++
						tasks += n - ch.honest
					}
				}
			}
			b.ReportMetric(float64(caught)/float64(runs), "caught-in-100")
			if caught > 0 {
				b.ReportMetric(float64(tasks)/float64(caught), "tasks-to-catch")
			}
		})
	}
}
