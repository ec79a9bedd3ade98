//go:build linux && cgo

package gl

import (
	"context"
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/verifier"
)

// newTestRaster brings up the raster or fails, as newTestRenderer does.
func newTestRaster(t testing.TB) *Raster {
	t.Helper()
	r, err := NewRaster(DefaultConfig())
	if err != nil {
		t.Fatalf("gl raster (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// Agreement of the raster with the tracer, measured on llvmpipe (Mesa
// 22.3.6) at 64x64 against the Go tracer at 64 samples:
//
// The silhouette (raster coverage over half a pixel vs the tracer's
// centre-ray ID pass hitting anything) is the same geometry through the
// same camera, so it differs only at edges, where multisampling and a
// centre ray disagree about partly covered pixels: IoU measured 0.995
// (spheres) to 1.000 (cornell). These scenes fill most of the frame, so
// the sharper test is per material (rasterMinMaterialIoU).
//
// Colours differ by design (no shadows, no bounces, a constant ambient):
// the ratio of the raster's to the tracer's mean luminance per material
// was measured within rasterMeanBand's bounds (see the t.Logf lines); a
// material drawn black, unlit or with the wrong texture or emission falls
// outside them.
const rasterMinIoU = 0.97

// rasterMinMaterialIoU bounds, per material, the IoU of the pixels the
// raster's ID pass and the tracer's give it: both look through pixel
// centres, so they differ only where float rounding puts a centre on the
// other side of an edge. Measured: 0.9865 the least (cornell's short box),
// 1.0000 in most; a field of view 3% too wide already drops the spheres'
// materials to 0.85-0.90.
const rasterMinMaterialIoU = 0.95

// rasterMeanBand bounds raster/tracer mean luminance per material. Measured
// (64 samples): 0.62-0.78 in the open scenes (spheres, anim: the ambient
// is less than the sky and the bounces the tracer gathers), 1.56-2.16 for
// the Cornell box's walls (the ambient reaches into a closed box the sky
// does not), 0.78 for its light. The band is that range widened by half
// each way; an unlit, black, untextured or unemissive material falls to a
// small fraction of the tracer's mean.
var rasterMeanBand = [2]float64{0.4, 3.2}

func TestRasterAgreesWithTracer(t *testing.T) {
	r := newTestRaster(t)
	dir := t.TempDir()
	const size = 64
	for _, name := range scenes.Names() {
		scene := sceneFile(t, dir, name)
		info, err := r.Inspect(context.Background(), scene)
		if err != nil {
			t.Fatal(err)
		}
		frames := []int{info.FrameStart}
		if mid := (info.FrameStart + info.FrameEnd) / 2; mid != info.FrameStart {
			frames = append(frames, mid)
		}
		for _, frame := range frames {
			task := renderer.Task{Scene: scene, Frame: frame, Width: size, Height: size, Samples: 64, Seed: 3, HDR: true}
			t.Run(fmt.Sprintf("%s/frame%d", name, frame), func(t *testing.T) {
				rasterAgrees(t, r, task)
			})
		}
	}
}

func rasterAgrees(t *testing.T, r *Raster, task renderer.Task) {
	pix, _, _, err := r.draw(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	traced := cpuRender(t, task)
	ids, err := pathtracer.New(pathtracer.DefaultConfig()).MaterialMap(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	var inter, union int
	type acc struct {
		n      int
		ra, tr float64
	}
	per := map[int32]*acc{}
	for i, id := range ids {
		covered := pix[4*i+3] > 0.5
		if covered && id >= 0 {
			inter++
		}
		if covered || id >= 0 {
			union++
		}
		if id < 0 {
			continue
		}
		a := per[id]
		if a == nil {
			a = &acc{}
			per[id] = a
		}
		a.n++
		x, y := i%task.Width, i/task.Width
		tp := traced.HDR.At(x, y)
		a.ra += lum(pix[4*i], pix[4*i+1], pix[4*i+2])
		a.tr += lum(tp[0], tp[1], tp[2])
	}
	iou := 1.0
	if union > 0 {
		iou = float64(inter) / float64(union)
	}
	t.Logf("coverage IoU raster vs tracer: %.4f (%d of %d pixels)", iou, inter, union)
	if iou < rasterMinIoU {
		t.Errorf("coverage IoU %.4f, want >= %.2f: the raster's silhouettes are not the tracer's", iou, rasterMinIoU)
	}
	rids, err := r.MaterialMap(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	inBoth, inEither := map[int32]int{}, map[int32]int{}
	for i, id := range ids {
		if rids[i] == id {
			same++
			inBoth[id]++
			inEither[id]++
			continue
		}
		inEither[id]++
		inEither[rids[i]]++
	}
	t.Logf("ID pass: %d of %d pixels show the same material", same, len(ids))
	for id, a := range per {
		if a.n < minMaterialPixels {
			continue
		}
		miou := float64(inBoth[id]) / float64(inEither[id])
		t.Logf("material %d: IoU of its pixels, raster vs tracer, %.4f", id, miou)
		if miou < rasterMinMaterialIoU {
			t.Errorf("material %d: IoU of its pixels %.4f, want >= %.2f: the raster draws it elsewhere than the tracer", id, miou, rasterMinMaterialIoU)
		}
	}
	for id, a := range per {
		if a.n < minMaterialPixels {
			continue
		}
		ratio := (a.ra / float64(a.n)) / math.Max(a.tr/float64(a.n), 1e-4)
		t.Logf("material %d (%d px): mean luminance raster %.4f tracer %.4f, ratio %.3f", id, a.n, a.ra/float64(a.n), a.tr/float64(a.n), ratio)
		if ratio < rasterMeanBand[0] || ratio > rasterMeanBand[1] {
			t.Errorf("material %d: mean luminance raster/tracer %.3f, want within %v", id, ratio, rasterMeanBand)
		}
	}
}

func lum(r, g, b float32) float64 { return 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b) }

// TestRasterGolden compares one scene's preview with testdata's, written
// by this renderer on llvmpipe (go test -run TestRasterGolden -update).
// Another driver rasterizes edges and rounds a little differently: rasterGoldenPSNR
// allows that, not a change of shading (which moves whole surfaces' colours).
const rasterGoldenPSNR = 35

var update = flag.Bool("update", false, "rewrite testdata/raster_cornell.png")

func TestRasterGolden(t *testing.T) {
	r := newTestRaster(t)
	task := renderer.Task{Scene: sceneFile(t, t.TempDir(), "cornell.glb"), Frame: 1, Width: 96, Height: 72, Samples: 1}
	res, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "raster_cornell.png")
	if *update {
		os.MkdirAll("testdata", 0o755)
		f, err := os.Create(golden)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, res.Image); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatalf("%v (write it with -update)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	p := verifier.PSNR(res.Image, want, image.Rect(0, 0, task.Width, task.Height))
	t.Logf("PSNR vs golden %.2f dB on %s", p, r.Device())
	if p < rasterGoldenPSNR {
		t.Errorf("raster of cornell.glb: PSNR vs %s %.2f dB, want >= %d", golden, p, rasterGoldenPSNR)
	}
}

// TestRasterAnimates: frames of the animated scene differ, a still scene's
// do not.
func TestRasterAnimates(t *testing.T) {
	r := newTestRaster(t)
	dir := t.TempDir()
	tests := []struct {
		scene   string
		a, b    int
		animate bool
	}{
		{"anim.glb", 1, 12, true},
		{"cornell.glb", 1, 1, false}, // a still scene: one frame, drawn twice the same
	}
	for _, tc := range tests {
		t.Run(tc.scene, func(t *testing.T) {
			task := renderer.Task{Scene: sceneFile(t, dir, tc.scene), Width: 48, Height: 36, Samples: 1}
			task.Frame = tc.a
			a, err := r.Render(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			task.Frame = tc.b
			b, err := r.Render(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			same := verifier.Equal(a.Image, b.Image, task.Rect())
			if same == tc.animate {
				t.Errorf("frames %d and %d equal: %v, want %v", tc.a, tc.b, same, !tc.animate)
			}
		})
	}
}

// TestRasterTileEqualsFrame: a region renders the pixels of the whole
// frame, so a preview job tiles like any other. Not bit for bit: llvmpipe
// interpolates attributes from the buffer's origin, so a tile's float
// rounding differs (measured: one pixel of 27x25 off by 1/65535); within
// tileTolerance a seam cannot be seen, while a misplaced viewport moves
// whole edges by thousands.
func TestRasterTileEqualsFrame(t *testing.T) {
	const tileTolerance = 4 // of 65535, per channel
	r := newTestRaster(t)
	task := renderer.Task{Scene: sceneFile(t, t.TempDir(), "spheres.glb"), Frame: 1, Width: 40, Height: 30, Samples: 1}
	whole, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	for _, reg := range []image.Rectangle{image.Rect(0, 0, 13, 11), image.Rect(13, 5, 40, 30), image.Rect(7, 19, 8, 20)} {
		tt := task
		tt.Region = reg
		tile, err := r.Render(context.Background(), tt)
		if err != nil {
			t.Fatal(err)
		}
		n, worst := 0, 0
		for y := reg.Min.Y; y < reg.Max.Y; y++ {
			for x := reg.Min.X; x < reg.Max.X; x++ {
				a, b := tile.Image.NRGBA64At(x, y), whole.Image.NRGBA64At(x, y)
				if a != b {
					n++
					worst = max(worst, absInt(int(a.R)-int(b.R)), absInt(int(a.G)-int(b.G)), absInt(int(a.B)-int(b.B)))
				}
			}
		}
		t.Logf("tile %v: %d pixels differ from the whole frame's, by up to %d/65535", reg, n, worst)
		if worst > tileTolerance {
			t.Errorf("tile %v differs from the same pixels of the whole frame: %d pixels, by up to %d/65535, want <= %d", reg, n, worst, tileTolerance)
		}
	}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func TestRasterNameVersion(t *testing.T) {
	r := newTestRaster(t)
	if r.Name() != "gl-raster" {
		t.Errorf("Name() = %q, want gl-raster", r.Name())
	}
	if v, want := r.Version(), rasterVersion+"-"+stack(r.ctx.renderer, r.ctx.version); v != want {
		t.Errorf("Version() = %q, want %q", v, want)
	}
	if b := renderer.ParseBuild(r.Version()); !strings.HasPrefix(b.String(), "glr-") {
		t.Errorf("ParseBuild(%q) = %q", r.Version(), b)
	}
}

func TestRasterBadTask(t *testing.T) {
	r := newTestRaster(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.glb")
	os.WriteFile(bad, []byte("not a scene"), 0o644)
	tests := []struct {
		name string
		task renderer.Task
	}{
		{"no size", renderer.Task{Scene: sceneFile(t, dir, "cornell.glb"), Frame: 1, Samples: 1}},
		{"frame 0", renderer.Task{Scene: sceneFile(t, dir, "cornell.glb"), Width: 8, Height: 8, Samples: 1}},
		{"not glTF", renderer.Task{Scene: bad, Frame: 1, Width: 8, Height: 8, Samples: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := r.Render(context.Background(), tc.task); err == nil {
				t.Fatal("no error")
			}
		})
	}
}
