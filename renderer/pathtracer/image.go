package pathtracer

import "math"

// toSRGB16 turns linear radiance into a 16-bit sRGB value: clamp to [0, 1],
// encode, round. Rounding (not truncation) keeps 8-bit conversion exact.
func toSRGB16(v float64) uint16 {
	if !(v > 0) {
		return 0
	}
	if v >= 1 {
		return 0xffff
	}
	return uint16(math.Round(linearToSRGB(v) * 0xffff))
}
