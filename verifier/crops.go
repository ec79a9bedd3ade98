package verifier

import (
	"crypto/sha256"
	"encoding/binary"
	"image"
	"math/rand/v2"
	"slices"
)

// CropConfig says how many crop windows a check re-renders and how they
// are chosen.
type CropConfig struct {
	// Count is the number of windows per checked task.
	Count int
	// Size is the side of a window in pixels; windows are clamped to the
	// task's region when it is smaller.
	Size int
	// MinStdDev is the standard deviation (0 to 1, summed over channels as
	// a variance) that every window counts as having at least: a window is
	// drawn with odds in proportion to its variance, so flat windows (sky,
	// empty background), which match even for cheats, are drawn rarely but
	// never never.
	MinStdDev float64
	// Planes is how many images of the region the worker's image holds,
	// stacked downwards from it (a check image of several render passes):
	// detail in any of them draws a window. 0 means 1.
	Planes int
}

// DefaultCropConfig returns 4 windows of 32x32 drawn by detail, about 4% of
// a 1080p frame's 8x8 tile. Tolerant checks should use Size 64: their
// thresholds were measured on 64x64 blocks, and smaller blocks are noisier.
// The floor of 0.001 was measured on a composited Blender scene's mostly
// flat tiles, where a lazy render differs in 14-20 edge pixels of 768: a
// floor of 0.001 caught it for 50 of 50 seeds on each such tile, 0.003 for
// 49-50, 0.01 for 16-50, 0.03 for 2-35 and uniform windows for 1-8 (flat
// background is not quite flat: its faint variance, times its many
// windows, outweighed the few windows that tell). The blind last window
// still covers the flat parts.
func DefaultCropConfig() CropConfig {
	return CropConfig{Count: 4, Size: 32, MinStdDev: 0.001}
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

// ChooseCrops picks cfg.Count windows of cfg.Size inside region, at
// random with odds in proportion to each window's variance in the
// worker's image (at least cfg.MinStdDev squared), and deterministically
// for a given seed and image, so that anyone holding the evidence can
// recompute them. Detail is where a lazy or careless render differs from
// an honest one (edges, texture, noise); on flat background both match, so
// uniform windows on a mostly flat tile miss the few pixels that tell. The
// last window of two or more is drawn uniformly, without regard to content,
// so a worker cannot steer checks away from regions it flattened. Windows
// may overlap.
func ChooseCrops(worker image.Image, region image.Rectangle, cfg CropConfig, seed [2]uint64) []image.Rectangle {
	if region.Empty() || cfg.Count < 1 || cfg.Size < 1 {
		return nil
	}
	w, h := min(cfg.Size, region.Dx()), min(cfg.Size, region.Dy())
	nx, ny := region.Dx()-w+1, region.Dy()-h+1
	rng := rand.New(rand.NewPCG(seed[0], seed[1]))
	odds := windowVariance(worker, region, max(cfg.Planes, 1), w, h)
	floor := cfg.MinStdDev * cfg.MinStdDev
	total := 0.0
	for i, v := range odds {
		total += max(v, floor)
		odds[i] = total // cumulative, for a binary search
	}
	crops := make([]image.Rectangle, 0, cfg.Count)
	for i := range cfg.Count {
		k := rng.IntN(nx * ny)
		if blind := cfg.Count > 1 && i == cfg.Count-1; !blind && total > 0 {
			k, _ = slices.BinarySearch(odds, rng.Float64()*total)
			k = min(k, nx*ny-1)
		}
		x, y := region.Min.X+k%nx, region.Min.Y+k/nx
		crops = append(crops, image.Rect(x, y, x+w, y+h))
	}
	return crops
}

// windowVariance returns, for every w x h window inside region (row by
// row of window origins), the variance of the worker's values (0 to 1) in
// it, summed over the colour channels of each of the planes stacked below
// region. Summed-area tables make it one pass over the pixels however
// large the windows. A plane outside the image's bounds adds nothing.
func windowVariance(img image.Image, region image.Rectangle, planes, w, h int) []float64 {
	nx, ny := region.Dx()-w+1, region.Dy()-h+1
	out := make([]float64, nx*ny)
	stride := region.Dx() + 1
	sum := make([]float64, stride*(region.Dy()+1))
	sum2 := make([]float64, len(sum))
	row := make([]uint16, 4*region.Dx())
	n := float64(w * h)
	for p := range planes {
		r := region.Add(image.Pt(0, p*region.Dy()))
		if !r.In(img.Bounds()) {
			continue
		}
		for c := range 3 {
			for y := range region.Dy() {
				loadRow(row, img, r.Min.X, r.Max.X, r.Min.Y+y)
				var s, s2 float64
				for x := range region.Dx() {
					v := float64(row[4*x+c]) / 65535
					s += v
					s2 += v * v
					i := (y+1)*stride + x + 1
					sum[i] = sum[i-stride] + s
					sum2[i] = sum2[i-stride] + s2
				}
			}
			for y := range ny {
				for x := range nx {
					a, b, c, d := y*stride+x, y*stride+x+w, (y+h)*stride+x, (y+h)*stride+x+w
					m := (sum[d] - sum[b] - sum[c] + sum[a]) / n
					m2 := (sum2[d] - sum2[b] - sum2[c] + sum2[a]) / n
					out[y*nx+x] += max(0, m2-m*m)
				}
			}
		}
	}
	return out
}
