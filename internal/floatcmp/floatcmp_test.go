package floatcmp

import (
	"math"
	"testing"
)

// TestCompare: bits, rounding and the largest difference, relative above 1.
func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		name string
		a, b []float32
		want Diff
	}{
		{"equal", []float32{0, 1, 1e10}, []float32{0, 1, 1e10}, Diff{}},
		{"negative zero", []float32{float32(math.Copysign(0, -1))}, []float32{0}, Diff{Unequal: 1}},
		{"rounding far away", []float32{1e10}, []float32{1e10 + 1024}, Diff{Unequal: 1, Most: 1024.0 / (1e10 + 1024)}},
		{"beyond", []float32{0.5, 4}, []float32{0.25, 4}, Diff{Unequal: 1, Beyond: 1, Most: 0.25}},
		{"relative above 1", []float32{2}, []float32{4}, Diff{Unequal: 1, Beyond: 1, Most: 0.5}},
	} {
		if got := Compare(tc.a, tc.b); got.Unequal != tc.want.Unequal || got.Beyond != tc.want.Beyond || math.Abs(got.Most-tc.want.Most) > 1e-9 {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
