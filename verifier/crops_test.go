package verifier

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

func TestChooseCrops(t *testing.T) {
	region := image.Rect(100, 50, 300, 150)
	img := gradient(image.Rect(0, 0, 400, 200))
	cfg := DefaultCropConfig()
	tests := []struct {
		name   string
		region image.Rectangle
		cfg    CropConfig
		count  int
		size   image.Point
	}{
		{"default", region, cfg, 4, image.Pt(32, 32)},
		{"region narrower than a crop", image.Rect(10, 10, 30, 90), cfg, 4, image.Pt(20, 32)},
		{"region smaller than a crop", image.Rect(10, 10, 15, 12), cfg, 4, image.Pt(5, 2)},
		{"one crop", region, CropConfig{Count: 1, Size: 8, MinStdDev: 0.01}, 1, image.Pt(8, 8)},
		{"no crops", region, CropConfig{Count: 0, Size: 8}, 0, image.Point{}},
		{"empty region", image.Rectangle{}, cfg, 0, image.Point{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seed := CropSeed([]byte("job"), []byte{1})
			crops := ChooseCrops(img, tc.region, tc.cfg, seed)
			if len(crops) != tc.count {
				t.Fatalf("%d crops, want %d", len(crops), tc.count)
			}
			for _, c := range crops {
				if !c.In(tc.region) || c.Size() != tc.size {
					t.Errorf("crop %v: want size %v inside %v", c, tc.size, tc.region)
				}
			}
			if again := ChooseCrops(img, tc.region, tc.cfg, seed); !slices.Equal(crops, again) {
				t.Errorf("not deterministic: %v then %v", crops, again)
			}
		})
	}
	a := ChooseCrops(img, region, cfg, CropSeed([]byte("job"), []byte{1}))
	b := ChooseCrops(img, region, cfg, CropSeed([]byte("job"), []byte{2}))
	if slices.Equal(a, b) {
		t.Error("another seed chose the same crops")
	}
	if CropSeed([]byte("ab"), []byte("c")) == CropSeed([]byte("a"), []byte("bc")) {
		t.Error("CropSeed is ambiguous about where parts end")
	}
}

// TestCropsPreferContent puts a small textured patch on a flat image: the
// content-seeking crops must land on it, the blind last one anywhere.
func TestCropsPreferContent(t *testing.T) {
	r := image.Rect(0, 0, 256, 256)
	img := image.NewNRGBA64(r)
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	patch := image.Rect(128, 128, 192, 192)
	tex := gradient(patch)
	copyRect(img, withNoise(tex, 0.05, 1), patch)
	cfg := CropConfig{Count: 4, Size: 16, MinStdDev: 0.01}
	onPatch := 0
	for s := range uint64(50) {
		crops := ChooseCrops(img, r, cfg, [2]uint64{s, 0})
		for _, c := range crops[:3] {
			if c.Overlaps(patch) {
				onPatch++
			}
		}
	}
	// Windows touching the patch are 1 in ~9 of all, but with odds in
	// proportion to variance nearly all content crops find it.
	if onPatch < 140 {
		t.Errorf("%d of 150 content crops touch the textured patch", onPatch)
	}
	flat := image.NewUniform(color.Gray{90})
	if crops := ChooseCrops(flat, r, cfg, [2]uint64{1, 2}); len(crops) != 4 {
		t.Errorf("a flat image got %d crops, want 4 anyway", len(crops))
	}
}
