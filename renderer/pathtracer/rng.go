package pathtracer

// rng is a splitmix64 stream. Each camera sample gets its own stream, seeded
// from (seed, frame, x, y, sample), so a pixel's value never depends on which
// goroutine, tile or region rendered it, nor on what was rendered before.
type rng struct{ state uint64 }

const golden = 0x9e3779b97f4a7c15

// mix64 is splitmix64's finaliser: a bijection with good avalanche, so nearby
// inputs (neighbouring pixels, consecutive samples) give unrelated outputs.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// newRNG seeds a stream for one camera sample. The inputs are chained through
// mix64 one at a time, so no two distinct tuples collide by simple arithmetic
// (as x+y*width would for different widths).
func newRNG(seed uint64, frame, x, y, sample int) rng {
	h := mix64(seed + golden)
	h = mix64(h ^ uint64(int64(frame)))
	h = mix64(h ^ uint64(int64(x)))
	h = mix64(h ^ uint64(int64(y)))
	h = mix64(h ^ uint64(int64(sample)))
	return rng{state: h}
}

func (r *rng) next() uint64 {
	r.state += golden
	return mix64(r.state)
}

// float returns a uniform number in [0, 1) with 53 random bits.
func (r *rng) float() float64 {
	return float64(r.next()>>11) * (1.0 / (1 << 53))
}
