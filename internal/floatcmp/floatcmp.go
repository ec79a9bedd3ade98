// Package floatcmp compares planes of float values, as tests compare a
// farm's frames with a renderer's own: bit for bit, and beyond float
// rounding.
package floatcmp

import "math"

// Diff is how two planes of floats differ.
type Diff struct {
	// Unequal counts the values whose bits differ.
	Unequal int
	// Beyond counts the values that differ by more than float rounding:
	// 1e-5, relative to the larger value above 1 (a depth of 1e10 is
	// far).
	Beyond int
	// Most is the largest difference, relative as Beyond measures it.
	Most float64
}

// Compare compares a with b, value by value; b is at least as long as a.
func Compare(a, b []float32) Diff {
	var d Diff
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			d.Unequal++
		}
		x, y := float64(a[i]), float64(b[i])
		v := math.Abs(x - y)
		if s := math.Max(math.Abs(x), math.Abs(y)); s > 1 {
			v /= s
		}
		if v > 1e-5 {
			d.Beyond++
		}
		d.Most = math.Max(d.Most, v)
	}
	return d
}
