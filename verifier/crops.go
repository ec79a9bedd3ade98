package verifier

import (
	"crypto/sha256"
	"encoding/binary"
	"image"
	"math"
	"math/rand/v2"
)

// CropConfig says how many crop windows a check re-renders and how they
// are chosen.
type CropConfig struct {
	// Count is the number of windows per checked task.
	Count int
	// Size is the side of a window in pixels; windows are clamped to the
	// task's region when it is smaller.
	Size int
	// MinStdDev is the standard deviation of luminance (0 to 1) in the
	// worker's pixels below which a window counts as flat. Flat windows
	// (sky, empty background) match even for cheats, so they are avoided.
	MinStdDev float64
	// Tries is how many uniformly drawn windows are tested for content
	// before settling for the busiest one seen.
	Tries int
}

// DefaultCropConfig returns 4 windows of 32x32 with content, about 4% of a
// 1080p frame's 8x8 tile. Tolerant checks should use Size 64: their
// thresholds were measured on 64x64 blocks, and smaller blocks are noisier.
func DefaultCropConfig() CropConfig {
	return CropConfig{Count: 4, Size: 32, MinStdDev: 0.01, Tries: 8}
}

// CropSeed derives a crop seed from parts. A worker that could predict its
// crops could render only them honestly, so the parts must include
// something it cannot know before it commits to its result: the
// coordinator's secret, or the hash of the worker's signed result.
func CropSeed(parts ...[]byte) [2]uint64 {
	h := sha256.New()
	for _, p := range parts {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(p))) // so ("ab","c") != ("a","bc")
		h.Write(n[:])
		h.Write(p)
	}
	sum := h.Sum(nil)
	return [2]uint64{binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:16])}
}

// ChooseCrops picks cfg.Count windows of cfg.Size inside region,
// uniformly at random among those with content in the worker's image, and
// deterministically for a given seed and image, so that anyone holding
// the evidence can recompute them. The last window of two or more is drawn
// without regard to content, so a worker cannot steer checks away from
// regions it flattened. Windows may overlap.
func ChooseCrops(worker image.Image, region image.Rectangle, cfg CropConfig, seed [2]uint64) []image.Rectangle {
	if region.Empty() || cfg.Count < 1 || cfg.Size < 1 {
		return nil
	}
	w, h := min(cfg.Size, region.Dx()), min(cfg.Size, region.Dy())
	rng := rand.New(rand.NewPCG(seed[0], seed[1]))
	buf := make([]uint16, 4*w)
	crops := make([]image.Rectangle, 0, cfg.Count)
	for i := range cfg.Count {
		blind := cfg.Count > 1 && i == cfg.Count-1
		var best image.Rectangle
		bestStd := -1.0
		for range max(cfg.Tries, 1) {
			x := region.Min.X + rng.IntN(region.Dx()-w+1)
			y := region.Min.Y + rng.IntN(region.Dy()-h+1)
			r := image.Rect(x, y, x+w, y+h)
			if blind {
				best = r
				break
			}
			sd := lumaStdDev(worker, r, buf)
			if sd > bestStd {
				best, bestStd = r, sd
			}
			if sd >= cfg.MinStdDev {
				break
			}
		}
		crops = append(crops, best)
	}
	return crops
}

// lumaStdDev returns the standard deviation of img's luminance over r
// (clipped to its bounds), 0 for no pixels.
func lumaStdDev(img image.Image, r image.Rectangle, buf []uint16) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	var sum, sum2 float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		loadRow(buf, img, r.Min.X, r.Max.X, y)
		for x := 0; x < r.Dx(); x++ {
			p := buf[4*x : 4*x+3]
			l := (lumaR*float64(p[0]) + lumaG*float64(p[1]) + lumaB*float64(p[2])) / 65535
			sum += l
			sum2 += l * l
		}
	}
	n := float64(r.Dx() * r.Dy())
	mean := sum / n
	return math.Sqrt(max(0, sum2/n-mean*mean))
}
