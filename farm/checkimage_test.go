package farm

import (
	"image"
	"math"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/verifier"
)

// TestCheckImageEveryPass: a lie in any one channel of any pass shows in
// the check image beyond the near-exact tolerance, and a change of float
// rounding (an honest replay) does not, except in a Cryptomatte id, where
// a float one ulp off names another object.
func TestCheckImageEveryPass(t *testing.T) {
	names := []string{
		"ViewLayer.Combined.R", "ViewLayer.Combined.G", "ViewLayer.Combined.B", "ViewLayer.Combined.A",
		"ViewLayer.Depth.Z", "ViewLayer.Normal.X", "ViewLayer.Normal.Y", "ViewLayer.Normal.Z",
		"ViewLayer.CryptoObject00.R", "ViewLayer.CryptoObject00.G", "Layer 2.Combined.R", "ViewLayer.AOV.V",
		// Blender's own names of a rank's id and coverage (lowercase),
		// an id negative as half of all ids are.
		"ViewLayer.CryptoMaterial00.b", "ViewLayer.CryptoMaterial00.a",
	}
	values := map[string]float32{"Depth.Z": 7.5, "Normal.X": -0.3, "Normal.Y": 0.9, "Normal.Z": 0.33, "CryptoObject00.R": 3.1e-12, "CryptoObject00.G": 0.6, "AOV.V": -2,
		"CryptoMaterial00.b": -4.7e-31, "CryptoMaterial00.a": 0.4}
	rect := image.Rect(8, 4, 12, 7)
	honest := func() *renderer.Passes {
		p, err := renderer.NewPasses(rect, names)
		if err != nil {
			t.Fatal(err)
		}
		for i, ch := range p.Channels {
			_, pass, _ := cutLast(ch.Name[:len(ch.Name)-2])
			for j := range ch.Pix {
				v, ok := values[pass+ch.Name[len(ch.Name)-2:]]
				if !ok {
					v = 0.25 + float32(j)/20
				}
				p.Channels[i].Pix[j] = v
			}
		}
		return p
	}
	base := checkImage(honest())
	if got, want := base.Rect, image.Rect(8, 4, 12, 4+5*3); got != want {
		t.Fatalf("check image of 14 channels is %v, want 5 planes: %v", got, want)
	}
	tol := verifier.DefaultThresholds(verifier.NearExact).Tolerance
	tests := []struct {
		name   string
		change func(float32) float32
		shows  bool
	}{
		{"2% more", func(v float32) float32 { return v * 1.02 }, true},
		{"negated", func(v float32) float32 { return -v }, true},
		{"one ulp", func(v float32) float32 { return math.Nextafter32(v, 1e30) }, false},
	}
	for _, tc := range tests {
		for _, name := range names {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				p := honest()
				ch := p.Channel(name)
				ch.Pix[4] = tc.change(ch.Pix[4])
				got := checkImage(p)
				d := new(verifier.Comparer).Diff(base, got, base.Rect, tol)
				shows := tc.shows || name == "ViewLayer.CryptoObject00.R" || name == "ViewLayer.CryptoMaterial00.b"
				if (d.Differing > 0) != shows {
					t.Errorf("%d pixels differ by more than %d levels (max %d), want a difference: %v", d.Differing, tol, d.MaxDiff, shows)
				}
			})
		}
	}
}

// TestPlaneCrops: a crop is compared in every plane, and images of
// another shape (another set of passes) fail.
func TestPlaneCrops(t *testing.T) {
	tile := image.Rect(10, 20, 20, 30)
	got := planeCrops([]image.Rectangle{image.Rect(11, 21, 13, 23)}, tile, 3)
	want := []image.Rectangle{image.Rect(11, 21, 13, 23), image.Rect(11, 31, 13, 33), image.Rect(11, 41, 13, 43)}
	if len(got) != len(want) {
		t.Fatalf("planeCrops = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("planeCrops = %v, want %v", got, want)
		}
	}
	a := image.NewNRGBA64(image.Rect(10, 20, 20, 50))
	b := image.NewNRGBA64(image.Rect(10, 20, 20, 40))
	if v := compareChecks(a, b, want[:1], tile, verifier.NearExact); v.Outcome != verifier.Fail {
		t.Errorf("3 planes vs 2: %v, want fail", v)
	}
	if v := compareChecks(a, a, want[:1], tile, verifier.NearExact); v.Outcome != verifier.Pass {
		t.Errorf("same image: %v, want pass", v)
	}
}
