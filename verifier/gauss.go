package verifier

import "math"

// kernel returns the normalised 1-D Gaussian of standard deviation sigma,
// with radius ceil(3 sigma) (11 taps for SSIM's 1.5), cached per sigma.
func (c *Comparer) kernel(sigma float64) []float32 {
	if k, ok := c.kernels[sigma]; ok {
		return k
	}
	radius := max(1, int(math.Ceil(3*sigma)))
	k := make([]float32, 2*radius+1)
	var sum float64
	for i := range k {
		d := float64(i - radius)
		sum += math.Exp(-d * d / (2 * sigma * sigma))
	}
	for i := range k {
		d := float64(i - radius)
		k[i] = float32(math.Exp(-d*d/(2*sigma*sigma)) / sum)
	}
	if c.kernels == nil {
		c.kernels = make(map[float64][]float32)
	}
	c.kernels[sigma] = k
	return k
}

// convolveRow filters src with the symmetric kernel k into dst, repeating
// the edge values beyond the ends. pad is scratch of at least
// len(src)+len(k)-1; dst may be src.
func convolveRow(dst, src, pad, k []float32) {
	n, radius := len(src), len(k)/2
	pad = pad[:n+2*radius]
	for i := range radius {
		pad[i] = src[0]
		pad[radius+n+i] = src[n-1]
	}
	copy(pad[radius:], src)
	mid := k[radius]
	for x := range dst[:n] {
		win := pad[x : x+2*radius+1]
		s := mid * win[radius]
		for j := range radius {
			s += k[j] * (win[j] + win[2*radius-j])
		}
		dst[x] = s
	}
}

// convolveRows sets dst to the vertical filter of the rows row(i), where
// the kernel's tap j reads row(y-radius+j) clamped by the caller.
func convolveRows(dst []float32, k []float32, row func(tap int) []float32) {
	radius := len(k) / 2
	centre := row(radius)[:len(dst)]
	mid := k[radius]
	for x := range dst {
		dst[x] = mid * centre[x]
	}
	for j := range radius {
		above, below := row(j)[:len(dst)], row(2*radius - j)[:len(dst)]
		kj := k[j]
		for x := range dst {
			dst[x] += kj * (above[x] + below[x])
		}
	}
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }

// blur filters the w x h plane p in place with the separable kernel k.
func (c *Comparer) blur(p []float32, w, h int, k []float32) {
	radius := len(k) / 2
	c.pad[0] = grow(c.pad[0], w+2*radius)
	for y := range h {
		row := p[y*w : (y+1)*w]
		convolveRow(row, row, c.pad[0], k)
	}
	c.tmp = grow(c.tmp, w*h)
	for y := range h {
		convolveRows(c.tmp[y*w:(y+1)*w], k, func(tap int) []float32 {
			r := clamp(y-radius+tap, 0, h-1)
			return p[r*w : (r+1)*w]
		})
	}
	copy(p, c.tmp)
}

// ssim returns the mean SSIM of the w x h planes lumA and lumB. The five
// local moments (means, second moments, cross moment) are filtered
// horizontally into a ring of 11 rows and vertically one output row at a
// time, so the extra memory is a few rows, not five planes.
func (c *Comparer) ssim(w, h int) float64 {
	k := c.kernel(ssimSigma)
	radius := len(k) / 2
	taps := len(k)
	for m := range c.ring {
		c.ring[m] = grow(c.ring[m], taps*w)
		c.vert[m] = grow(c.vert[m], w)
		c.pad[m] = grow(c.pad[m], w+2*radius)
	}
	c.sq = grow(c.sq, w)
	sq := c.sq
	produced := 0
	produce := func(r int) {
		la, lb := c.lumA[r*w:(r+1)*w], c.lumB[r*w:(r+1)*w]
		off := (r % taps) * w
		convolveRow(c.ring[0][off:off+w], la, c.pad[0], k)
		convolveRow(c.ring[1][off:off+w], lb, c.pad[1], k)
		for x := range sq {
			sq[x] = la[x] * la[x]
		}
		convolveRow(c.ring[2][off:off+w], sq, c.pad[2], k)
		for x := range sq {
			sq[x] = lb[x] * lb[x]
		}
		convolveRow(c.ring[3][off:off+w], sq, c.pad[3], k)
		for x := range sq {
			sq[x] = la[x] * lb[x]
		}
		convolveRow(c.ring[4][off:off+w], sq, c.pad[4], k)
	}
	var total float64
	for y := range h {
		for ; produced <= min(y+radius, h-1); produced++ {
			produce(produced)
		}
		for m := range c.ring {
			ring := c.ring[m]
			convolveRows(c.vert[m], k, func(tap int) []float32 {
				r := clamp(y-radius+tap, 0, h-1) % taps
				return ring[r*w : (r+1)*w]
			})
		}
		total += ssimRow(c.vert[0], c.vert[1], c.vert[2], c.vert[3], c.vert[4])
	}
	return total / float64(w*h)
}

// ssimRow sums the SSIM index over one row of local moments.
func ssimRow(muA, muB, aa, bb, ab []float32) float64 {
	n := len(muA)
	muB, aa, bb, ab = muB[:n], aa[:n], bb[:n], ab[:n]
	var sum float64
	for x := range muA {
		ma, mb := muA[x], muB[x]
		// E[x²]-μ² cancels in float32, leaving errors of ~1e-7 against
		// C2 = 9e-4: clamping keeps the index within its true range.
		varA := max(aa[x]-ma*ma, 0)
		varB := max(bb[x]-mb*mb, 0)
		cov := ab[x] - ma*mb
		num := (2*ma*mb + ssimC1) * (2*cov + ssimC2)
		den := (ma*ma + mb*mb + ssimC1) * (varA + varB + ssimC2)
		sum += float64(min(max(num/den, -1), 1))
	}
	return sum
}
