package renderer

import (
	"image"
	"math"
	"testing"
)

func TestSRGB16(t *testing.T) {
	tests := []struct {
		in   float64
		want uint16
	}{
		{math.NaN(), 0}, {-1, 0}, {0, 0}, {1, 0xffff}, {7, 0xffff}, {math.Inf(1), 0xffff},
		{0.001, 847},      // linear segment: 0.01292 * 65535
		{0.5, 48192},      // 1.055 * 0.5^(1/2.4) - 0.055
		{0.0031308, 2651}, // the two segments meet
	}
	for _, tc := range tests {
		if got := SRGB16(tc.in); got != tc.want {
			t.Errorf("SRGB16(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestCompressedKeepsHighlights: Preview clips everything above 1 to white,
// Compressed keeps 4 and 40 apart, stays monotonic, and maps the values a
// hostile tile could hold (NaN, negatives, infinities) to fixed ends.
func TestCompressedKeepsHighlights(t *testing.T) {
	vals := []float32{0, 0.001, 0.25, 0.5, 1, 2, 4, 40, 4000}
	m := NewHDR(image.Rect(3, 5, 3+len(vals), 6))
	for i, v := range vals {
		m.Set(3+i, 5, [4]float32{v, v, v, 1})
	}
	prev, comp := m.Preview(), m.Compressed()
	if prev.Bounds() != m.Rect || comp.Bounds() != m.Rect {
		t.Fatalf("bounds %v, %v; want %v", prev.Bounds(), comp.Bounds(), m.Rect)
	}
	if a, b := prev.NRGBA64At(3+6, 5), prev.NRGBA64At(3+7, 5); a != b || a.R != 0xffff {
		t.Fatalf("Preview of 4 and 40: %v, %v; want both white", a, b)
	}
	for i := 1; i < len(vals); i++ {
		a, b := comp.NRGBA64At(3+i-1, 5).R, comp.NRGBA64At(3+i, 5).R
		if b <= a {
			t.Fatalf("Compressed(%v) = %d is not above Compressed(%v) = %d", vals[i], b, vals[i-1], a)
		}
		if c := comp.NRGBA64At(3+i, 5); c.A != 0xffff {
			t.Fatalf("alpha %d, want opaque", c.A)
		}
	}
	odd := NewHDR(image.Rect(0, 0, 3, 1))
	odd.Set(0, 0, [4]float32{float32(math.NaN()), -5, float32(math.Inf(1)), 1})
	if c := odd.Compressed().NRGBA64At(0, 0); c.R != 0 || c.G != 0 || c.B != 0xffff {
		t.Fatalf("NaN, -5, +Inf map to %v, want 0, 0, 0xffff", c)
	}
	if odd.Finite() {
		t.Fatal("Finite with NaN and Inf")
	}
	if !m.Finite() {
		t.Fatal("not Finite without NaN or Inf")
	}
}

func TestHDRDrawAndAt(t *testing.T) {
	frame := NewHDR(image.Rect(0, 0, 4, 3))
	tile := NewHDR(image.Rect(2, 1, 4, 3))
	tile.Set(3, 2, [4]float32{1.5, 2, 3, 1})
	tile.Set(9, 9, [4]float32{1, 1, 1, 1}) // outside: ignored
	frame.Draw(tile)
	if got := frame.At(3, 2); got != [4]float32{1.5, 2, 3, 1} {
		t.Fatalf("At(3,2) = %v after Draw", got)
	}
	if got := frame.At(-1, 0); got != ([4]float32{}) {
		t.Fatalf("At outside = %v, want zero", got)
	}
	n := 0
	for _, v := range frame.Pix {
		if v != 0 {
			n++
		}
	}
	if n != 4 {
		t.Fatalf("%d values set, want the 4 of one pixel", n)
	}
}
