package verifier

import (
	"encoding/json"
	"image"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// tamper returns a copy of img with n random pixels' G moved by delta.
func tamper(img *image.NRGBA64, n, delta int, seed uint64) *image.NRGBA64 {
	out := clone(img)
	rng := rand.New(rand.NewPCG(seed, 9))
	r := img.Rect
	for range n {
		x, y := r.Min.X+rng.IntN(r.Dx()), r.Min.Y+rng.IntN(r.Dy())
		shiftPixels(out, image.Rect(x, y, x+1, y+1), delta)
	}
	return out
}

func TestCompareSynthetic(t *testing.T) {
	r := image.Rect(64, 32, 128, 96) // a 64x64 crop
	honest := gradient(r)
	patch := clone(honest)
	shiftPixels(patch, image.Rect(80, 40, 88, 48), 257) // one 8-bit level over 8x8
	tests := []struct {
		name   string
		worker *image.NRGBA64
		want   map[Mode]Outcome
	}{
		{"identical", clone(honest), map[Mode]Outcome{Exact: Pass, NearExact: Pass, Tolerant: Pass}},
		// The glass scene's replay noise: a few values off by <= 6 levels.
		{"float-level noise", tamper(honest, 3, 6, 1), map[Mode]Outcome{Exact: Fail, NearExact: Pass, Tolerant: Pass}},
		{"one 8-bit level, one pixel", tamper(honest, 1, 257, 2), map[Mode]Outcome{Exact: Fail, NearExact: Pass, Tolerant: Pass}},
		{"8x8 tamper of one 8-bit level", patch, map[Mode]Outcome{Exact: Fail, NearExact: Fail, Tolerant: Pass}},
		// Another CPU kernel: ~1% of pixels off by a few 8-bit levels.
		{"kernel-level differences 1%", tamper(honest, 35, 1000, 3), map[Mode]Outcome{Exact: Fail, NearExact: Uncertain, Tolerant: Pass}},
		{"5% differing", tamper(honest, 215, 1000, 4), map[Mode]Outcome{Exact: Fail, NearExact: Fail, Tolerant: Uncertain}},
		{"noise everywhere", withNoise(honest, 0.02, 5), map[Mode]Outcome{Exact: Fail, NearExact: Fail, Tolerant: Fail}},
	}
	for _, tc := range tests {
		for _, mode := range []Mode{Exact, NearExact, Tolerant} {
			t.Run(tc.name+"/"+mode.String(), func(t *testing.T) {
				v := Compare(tc.worker, honest, r, mode)
				if v.Outcome != tc.want[mode] {
					t.Errorf("outcome %v, want %v: %s", v.Outcome, tc.want[mode], v.Reason)
				}
				if v.Mode != mode || v.Rect != r || v.Metrics.Pixels != 64*64 {
					t.Errorf("verdict %+v", v)
				}
			})
		}
	}
}

func TestCompareBounds(t *testing.T) {
	r := image.Rect(0, 0, 32, 32)
	img := gradient(r)
	tests := []struct {
		name            string
		worker, checker image.Image
		rect            image.Rectangle
		want            Outcome
	}{
		{"worker misses the crop", img, gradient(image.Rect(0, 0, 64, 64)), image.Rect(16, 16, 48, 48), Fail},
		{"checker misses the crop", gradient(image.Rect(0, 0, 64, 64)), img, image.Rect(16, 16, 48, 48), Uncertain},
		{"empty crop", img, img, image.Rectangle{}, Uncertain},
		{"crop in both", img, clone(img), image.Rect(8, 8, 24, 24), Pass},
	}
	for _, tc := range tests {
		if v := Compare(tc.worker, tc.checker, tc.rect, Exact); v.Outcome != tc.want {
			t.Errorf("%s: %v (%s), want %v", tc.name, v.Outcome, v.Reason, tc.want)
		}
	}
}

func TestSummarizeAndJSON(t *testing.T) {
	r := image.Rect(0, 0, 64, 64)
	honest := gradient(r)
	cheat := withNoise(honest, 0.05, 1)
	crops := []image.Rectangle{image.Rect(0, 0, 16, 16), image.Rect(40, 40, 56, 56)}
	if v := CompareCrops(honest, clone(honest), crops, Exact); v.Outcome != Pass || !math.IsInf(v.Metrics.PSNR, 1) || v.Metrics.Pixels != 512 {
		t.Errorf("honest summary %+v", v)
	}
	mixed := clone(honest)
	copyRect(mixed, cheat, crops[1])
	v := CompareCrops(mixed, honest, crops, Exact)
	if v.Outcome != Fail || !strings.Contains(v.Reason, crops[1].String()) || v.Rect != image.Rect(0, 0, 56, 56) {
		t.Errorf("one bad crop: %+v", v)
	}
	if s := Summarize(nil); s.Outcome != Uncertain {
		t.Errorf("no crops: %v", s.Outcome)
	}

	for _, in := range []Verdict{v, CompareCrops(honest, honest, crops, Tolerant)} {
		data, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		var out Verdict
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("%s: %v", data, err)
		}
		if out.Outcome != in.Outcome || out.Mode != in.Mode || out.Rect != in.Rect || out.Metrics != in.Metrics {
			t.Errorf("JSON round trip:\n%+v\n%+v\n%s", in, out, data)
		}
	}
}

func copyRect(dst, src *image.NRGBA64, r image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dst.SetNRGBA64(x, y, src.NRGBA64At(x, y))
		}
	}
}

func TestParseMode(t *testing.T) {
	for _, m := range []Mode{Exact, NearExact, Tolerant} {
		got, err := ParseMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseMode(%q) = %v, %v", m, got, err)
		}
	}
	if _, err := ParseMode("fuzzy"); err == nil {
		t.Error("ParseMode accepted fuzzy")
	}
}
