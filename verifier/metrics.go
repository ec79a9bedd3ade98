package verifier

import (
	"image"
	"math"
	"sync"
)

// Luminance weights (Rec. 709, the primaries of sRGB), applied to the
// encoded values as SSIM's reference implementation applies them to Y'.
const (
	lumaR = 0.2126
	lumaG = 0.7152
	lumaB = 0.0722
)

// SSIM's stabilising constants for values in [0, 1]: (0.01 L)² and (0.03 L)²
// with L = 1, as in Wang et al. 2004.
const (
	ssimC1 = 0.01 * 0.01
	ssimC2 = 0.03 * 0.03
)

// ssimSigma is the standard deviation of SSIM's 11x11 Gaussian window.
const ssimSigma = 1.5

// Diff counts how two images differ over a region, in 16-bit levels.
type Diff struct {
	// Pixels is the number of pixels compared.
	Pixels int
	// Differing is the number of pixels whose largest channel difference
	// (alpha included) exceeds the tolerance.
	Differing int
	// MaxDiff is the largest difference of any channel.
	MaxDiff int
	// SSE is the sum of squared R, G and B differences, for PSNR.
	SSE uint64
}

// Fraction returns the fraction of pixels that differ, 0 for no pixels.
func (d Diff) Fraction() float64 {
	if d.Pixels == 0 {
		return 0
	}
	return float64(d.Differing) / float64(d.Pixels)
}

// PSNR returns the peak signal-to-noise ratio in dB of the R, G and B
// channels, +Inf when they are equal.
func (d Diff) PSNR() float64 {
	if d.Pixels == 0 || d.SSE == 0 {
		return math.Inf(1)
	}
	mse := float64(d.SSE) / (3 * float64(d.Pixels)) / (65535.0 * 65535.0)
	return -10 * math.Log10(mse)
}

// Comparer measures images. It keeps its buffers between calls so that,
// once they have grown to the largest region it has seen, measuring
// allocates nothing. The zero value is ready to use; a Comparer is not
// safe for concurrent use (the package-level functions share a pool).
type Comparer struct {
	rowA, rowB []uint16
	lumA, lumB []float32 // luminance planes of the region, row-major
	tmp        []float32 // a blur's intermediate plane
	sq         []float32 // one row of squares or products for SSIM
	pad        [5][]float32
	ring       [5][]float32 // 11 horizontally filtered rows of each SSIM moment
	vert       [5][]float32
	kernels    map[float64][]float32
}

var comparers = sync.Pool{New: func() any { return new(Comparer) }}

// withComparer runs f with a pooled Comparer.
func withComparer[T any](f func(c *Comparer) T) T {
	c := comparers.Get().(*Comparer)
	defer comparers.Put(c)
	return f(c)
}

// Equal reports whether a and b have the same pixels over r (clipped to
// both images). Two images of the same type are compared byte for byte.
func Equal(a, b image.Image, r image.Rectangle) bool {
	return withComparer(func(c *Comparer) bool { return c.Equal(a, b, r) })
}

// PSNR returns the PSNR in dB of a against b over r; see Comparer.PSNR.
func PSNR(a, b image.Image, r image.Rectangle) float64 {
	return withComparer(func(c *Comparer) float64 { return c.PSNR(a, b, r) })
}

// SSIM returns the mean SSIM of a and b over r; see Comparer.SSIM.
func SSIM(a, b image.Image, r image.Rectangle) float64 {
	return withComparer(func(c *Comparer) float64 { return c.SSIM(a, b, r) })
}

// Differing returns how a and b differ over r with the given per-channel
// tolerance in 16-bit levels; see Comparer.Diff.
func Differing(a, b image.Image, r image.Rectangle, tolerance int) Diff {
	return withComparer(func(c *Comparer) Diff { return c.Diff(a, b, r, tolerance) })
}

// rows returns the two row buffers, grown to n pixels.
func (c *Comparer) rows(n int) ([]uint16, []uint16) {
	c.rowA = grow(c.rowA, 4*n)
	c.rowB = grow(c.rowB, 4*n)
	return c.rowA, c.rowB
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// Equal reports whether a and b have the same pixels over r, clipped to
// both images' bounds.
func (c *Comparer) Equal(a, b image.Image, r image.Rectangle) bool {
	return c.equalRows(a, b, common(a, b, r))
}

// Diff compares a and b over r (clipped to both images) in one pass. A
// pixel counts as differing when any channel, alpha included, differs by
// more than tolerance 16-bit levels; tolerance 0 counts every difference.
func (c *Comparer) Diff(a, b image.Image, r image.Rectangle, tolerance int) Diff {
	r = common(a, b, r)
	d := Diff{Pixels: r.Dx() * r.Dy()}
	if d.Pixels == 0 {
		return d
	}
	tol := uint32(min(max(tolerance, 0), 65535)) // keeps tol-m below 2^31 in the rows
	var maxDiff uint32
	a64, ok1 := a.(*image.NRGBA64)
	b64, ok2 := b.(*image.NRGBA64)
	if ok1 && ok2 {
		// The frames the farm handles: read the big-endian bytes in place
		// instead of converting rows first.
		for y := r.Min.Y; y < r.Max.Y; y++ {
			pa := a64.Pix[a64.PixOffset(r.Min.X, y):a64.PixOffset(r.Max.X, y)]
			pb := b64.Pix[b64.PixOffset(r.Min.X, y):b64.PixOffset(r.Max.X, y)]
			sse, differing, m := diffRow64(pa, pb, tol)
			d.SSE += sse
			d.Differing += differing
			maxDiff = max(maxDiff, m)
		}
		d.MaxDiff = int(maxDiff)
		return d
	}
	ra, rb := c.rows(r.Dx())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		loadRow(ra, a, r.Min.X, r.Max.X, y)
		loadRow(rb, b, r.Min.X, r.Max.X, y)
		sse, differing, m := diffRow(ra, rb, tol)
		d.SSE += sse
		d.Differing += differing
		maxDiff = max(maxDiff, m)
	}
	d.MaxDiff = int(maxDiff)
	return d
}

// diffRow compares two rows of 16-bit RGBA values.
func diffRow(ra, rb []uint16, tol uint32) (sse uint64, differing int, maxDiff uint32) {
	rb = rb[:len(ra)]
	for i := 0; i+3 < len(ra); i += 4 {
		pa, pb := ra[i:i+4:i+4], rb[i:i+4:i+4]
		dr := absDiff(pa[0], pb[0])
		dg := absDiff(pa[1], pb[1])
		db := absDiff(pa[2], pb[2])
		da := absDiff(pa[3], pb[3])
		sse += uint64(dr*dr) + uint64(dg*dg) + uint64(db*db)
		m := max(dr, dg, db, da)
		differing += int((tol - m) >> 31) // 1 when m > tol, without a branch to mispredict
		maxDiff = max(maxDiff, m)
	}
	return sse, differing, maxDiff
}

// diffRow64 is diffRow on the big-endian bytes of *image.NRGBA64 rows.
func diffRow64(ra, rb []byte, tol uint32) (sse uint64, differing int, maxDiff uint32) {
	rb = rb[:len(ra)]
	for i := 0; i+7 < len(ra); i += 8 {
		pa, pb := ra[i:i+8:i+8], rb[i:i+8:i+8]
		dr := absDiff(uint16(pa[0])<<8|uint16(pa[1]), uint16(pb[0])<<8|uint16(pb[1]))
		dg := absDiff(uint16(pa[2])<<8|uint16(pa[3]), uint16(pb[2])<<8|uint16(pb[3]))
		db := absDiff(uint16(pa[4])<<8|uint16(pa[5]), uint16(pb[4])<<8|uint16(pb[5]))
		da := absDiff(uint16(pa[6])<<8|uint16(pa[7]), uint16(pb[6])<<8|uint16(pb[7]))
		sse += uint64(dr*dr) + uint64(dg*dg) + uint64(db*db)
		m := max(dr, dg, db, da)
		differing += int((tol - m) >> 31) // 1 when m > tol, without a branch to mispredict
		maxDiff = max(maxDiff, m)
	}
	return sse, differing, maxDiff
}

func absDiff(a, b uint16) uint32 {
	if a > b {
		return uint32(a - b)
	}
	return uint32(b - a)
}

// PSNR returns the peak signal-to-noise ratio in dB of a against b over r
// (clipped to both images), from the R, G and B channels with the peak at
// full scale; +Inf when they are equal.
func (c *Comparer) PSNR(a, b image.Image, r image.Rectangle) float64 {
	return c.Diff(a, b, r, 0).PSNR()
}

// BlurredPSNR returns the PSNR of the luminance of a and b over r after a
// Gaussian blur of standard deviation sigma pixels, which averages away
// sampling noise and leaves differences in content. A sigma <= 0 measures
// the luminance unblurred.
func (c *Comparer) BlurredPSNR(a, b image.Image, r image.Rectangle, sigma float64) float64 {
	r = common(a, b, r)
	if r.Empty() {
		return math.Inf(1)
	}
	c.luminance(a, b, r, sigma)
	var sse float64
	w := r.Dx()
	for y := 0; y < r.Dy(); y++ {
		la, lb := c.lumA[y*w:(y+1)*w], c.lumB[y*w:(y+1)*w]
		var row float32
		for x := range la {
			d := la[x] - lb[x]
			row += d * d
		}
		sse += float64(row)
	}
	if sse == 0 {
		return math.Inf(1)
	}
	return -10 * math.Log10(sse/float64(len(c.lumA)))
}

// SSIM returns the mean structural similarity of a and b over r (clipped
// to both images): SSIM on luminance with an 11x11 Gaussian window of
// sigma 1.5 (Wang et al. 2004). Windows are clamped at the region's edges
// rather than dropped, so that small crops keep every pixel. 1 means
// identical.
func (c *Comparer) SSIM(a, b image.Image, r image.Rectangle) float64 {
	return c.BlurredSSIM(a, b, r, 0)
}

// BlurredSSIM is SSIM after a Gaussian blur of standard deviation sigma
// pixels; sigma <= 0 is plain SSIM.
func (c *Comparer) BlurredSSIM(a, b image.Image, r image.Rectangle, sigma float64) float64 {
	r = common(a, b, r)
	if r.Empty() {
		return 1
	}
	c.luminance(a, b, r, sigma)
	return c.ssim(r.Dx(), r.Dy())
}

// luminance fills lumA and lumB with the region's luminance in [0, 1],
// blurred when sigma > 0.
func (c *Comparer) luminance(a, b image.Image, r image.Rectangle, sigma float64) {
	w, h := r.Dx(), r.Dy()
	c.lumA = grow(c.lumA, w*h)
	c.lumB = grow(c.lumB, w*h)
	ra, rb := c.rows(w)
	for y := 0; y < h; y++ {
		loadRow(ra, a, r.Min.X, r.Max.X, r.Min.Y+y)
		loadRow(rb, b, r.Min.X, r.Max.X, r.Min.Y+y)
		lumaRow(c.lumA[y*w:(y+1)*w], ra)
		lumaRow(c.lumB[y*w:(y+1)*w], rb)
	}
	if sigma > 0 {
		k := c.kernel(sigma)
		c.blur(c.lumA, w, h, k)
		c.blur(c.lumB, w, h, k)
	}
}

func lumaRow(dst []float32, src []uint16) {
	const s = 1.0 / 65535
	for x := range dst {
		p := src[4*x : 4*x+3]
		dst[x] = (lumaR*s)*float32(p[0]) + (lumaG*s)*float32(p[1]) + (lumaB*s)*float32(p[2])
	}
}
