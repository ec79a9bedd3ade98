package verifier

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
)

// ptRender renders task with the path tracer or fails the test.
func ptRender(t testing.TB, r renderer.Renderer, task renderer.Task) *image.NRGBA64 {
	t.Helper()
	res, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatalf("render %s frame %d region %v: %v", filepath.Base(task.Scene), task.Frame, task.Region, err)
	}
	return res.Image
}

// relabel returns img's pixels placed at r (same size), the way a worker
// returning another tile's pixels would.
func relabel(img *image.NRGBA64, r image.Rectangle) *image.NRGBA64 {
	out := image.NewNRGBA64(r)
	copy(out.Pix, img.Pix)
	return out
}

// upscale2 renders nothing: it enlarges the half-resolution img to r by
// repeating each pixel, the cheapest upscale.
func upscale2(img *image.NRGBA64, r image.Rectangle) *image.NRGBA64 {
	out := image.NewNRGBA64(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.SetNRGBA64(x, y, img.NRGBA64At(x/2, y/2))
		}
	}
	return out
}

// cheatModes renders, for an honest task, what each kind of cheating
// worker would return instead.
func cheatModes(t testing.TB, pt renderer.Renderer, honestTask renderer.Task, honest *image.NRGBA64) []struct {
	name string
	img  *image.NRGBA64
} {
	rect := honestTask.Rect()
	with := func(change func(*renderer.Task)) *image.NRGBA64 {
		task := honestTask
		change(&task)
		return ptRender(t, pt, task)
	}
	mean := func() color.NRGBA64 {
		var sum [3]uint64
		for i := 0; i < len(honest.Pix); i += 8 {
			for c := range 3 {
				sum[c] += uint64(honest.Pix[i+2*c])<<8 | uint64(honest.Pix[i+2*c+1])
			}
		}
		n := uint64(len(honest.Pix) / 8)
		return color.NRGBA64{uint16(sum[0] / n), uint16(sum[1] / n), uint16(sum[2] / n), 0xffff}
	}()
	constant := image.NewNRGBA64(rect)
	noise := image.NewNRGBA64(rect)
	rng := rand.New(rand.NewPCG(1, 1))
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			constant.SetNRGBA64(x, y, mean)
			noise.SetNRGBA64(x, y, color.NRGBA64{uint16(rng.Uint32()), uint16(rng.Uint32()), uint16(rng.Uint32()), 0xffff})
		}
	}
	other := rect.Add(image.Pt(honestTask.Width-rect.Max.X, honestTask.Height-rect.Max.Y))
	info, err := pt.Inspect(context.Background(), honestTask.Scene)
	if err != nil {
		t.Fatal(err)
	}
	neighbour := honest // a still scene has no neighbouring frame: skipped below
	if info.FrameEnd > honestTask.Frame {
		neighbour = with(func(t *renderer.Task) { t.Frame++ })
	}
	modes := []struct {
		name string
		img  *image.NRGBA64
	}{
		{"quarter samples", with(func(t *renderer.Task) { t.Samples /= 4 })},
		{"sixteenth samples", with(func(t *renderer.Task) { t.Samples /= 16 })},
		{"other seed", with(func(t *renderer.Task) { t.Seed++ })},
		{"half resolution upscaled", upscale2(with(func(t *renderer.Task) {
			t.Width, t.Height = t.Width/2, t.Height/2
			t.Region = image.Rectangle{rect.Min.Div(2), rect.Max.Div(2)}
		}), rect)},
		{"another tile", relabel(with(func(t *renderer.Task) { t.Region = other }), rect)},
		{"neighbouring frame", neighbour},
		{"constant colour", constant},
		{"noise", noise},
	}
	return slices.DeleteFunc(modes, func(m struct {
		name string
		img  *image.NRGBA64
	}) bool {
		return m.img == honest
	})
}

// TestPathTracerCheats renders real tiles honestly and as each cheat would,
// and checks them the way the farm does: a checker re-renders a few crops
// chosen on the worker's image, and Exact mode must pass the honest tile
// and fail every cheat. It logs the separation in each metric.
func TestPathTracerCheats(t *testing.T) {
	dir := t.TempDir()
	pt := pathtracer.New(pathtracer.DefaultConfig())
	for _, name := range scenes.Names() {
		data, ok := scenes.Bytes(name)
		if !ok {
			t.Fatalf("no bundled scene %s", name)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		task := renderer.Task{Scene: path, Frame: 1, Width: 64, Height: 48, Samples: 16, Seed: 1,
			Region: image.Rect(16, 12, 48, 36)}
		honest := ptRender(t, pt, task)
		cfg := CropConfig{Count: 3, Size: 16, MinStdDev: 0.01}

		// check re-renders only the chosen crops, as a checker node would.
		// Renders are deterministic, so a crop drawn twice is rendered once
		// (it keeps the test fast under -race).
		rendered := make(map[image.Rectangle]*image.NRGBA64)
		check := func(worker *image.NRGBA64, seed uint64) Verdict {
			crops := ChooseCrops(worker, task.Rect(), cfg, [2]uint64{seed, 0})
			checker := image.NewNRGBA64(task.Rect())
			for _, c := range crops {
				if rendered[c] == nil {
					ct := task
					ct.Region = c
					rendered[c] = ptRender(t, pt, ct)
				}
				copyRect(checker, rendered[c], c)
			}
			return CompareCrops(worker, checker, crops, Exact)
		}

		t.Run(name+"/honest", func(t *testing.T) {
			for seed := range uint64(3) {
				if v := check(honest, seed); v.Outcome != Pass {
					t.Errorf("honest tile: %v: %s", v.Outcome, v.Reason)
				}
			}
			replay := ptRender(t, pt, task)
			if v := Compare(honest, replay, task.Rect(), Exact); v.Outcome != Pass {
				t.Errorf("whole-tile replay: %v: %s", v.Outcome, v.Reason)
			}
		})
		for i, cheat := range cheatModes(t, pt, task, honest) {
			t.Run(name+"/"+cheat.name, func(t *testing.T) {
				if v := Compare(cheat.img, honest, task.Rect(), Exact); v.Outcome != Fail {
					t.Errorf("whole tile: %v: %s", v.Outcome, v.Reason)
				}
				if v := check(cheat.img, uint64(i)); v.Outcome != Fail {
					t.Errorf("crops: %v: %s", v.Outcome, v.Reason)
				}
				whole := Compare(cheat.img, honest, task.Rect(), Tolerant)
				t.Logf("%-12s %-25s PSNR %6.2f dB  SSIM %.4f  differing(any) %5.1f%%  differing(>128) %5.1f%%  tolerant: %v",
					name, cheat.name, whole.Metrics.PSNR, whole.Metrics.SSIM,
					100*Differing(cheat.img, honest, task.Rect(), 0).Fraction(), 100*whole.Metrics.Fraction, whole.Outcome)
			})
		}
	}
}

// FuzzCompare feeds arbitrary pixels, bounds and crops to Compare: it must
// not panic, an image compared with itself passes in every mode, and the
// metrics stay in range.
func FuzzCompare(f *testing.F) {
	f.Add([]byte("\x04\x03\x00\x00\x02\x02\x00\x01\x01\x02\x02"), uint8(0))
	f.Add(make([]byte, 200), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, modeByte uint8) {
		if len(data) < 8 {
			return
		}
		w, h := int(data[0]%24)+1, int(data[1]%24)+1
		off := image.Pt(int(int8(data[2])), int(int8(data[3])))
		bounds := image.Rect(0, 0, w, h).Add(off)
		crop := image.Rect(int(int8(data[4])), int(int8(data[5])), int(int8(data[6])), int(int8(data[7]))).Canon()
		pix := data[8:]
		a, b := image.NewNRGBA64(bounds), image.NewNRGBA64(bounds)
		for i := range a.Pix {
			if len(pix) > 0 {
				a.Pix[i] = pix[i%len(pix)]
				b.Pix[i] = pix[(i*7+3)%len(pix)]
			}
		}
		mode := Mode(modeByte % 3)
		if v := Compare(a, a, crop, mode); crop.In(bounds) && !crop.Empty() && v.Outcome != Pass {
			t.Fatalf("self-compare over %v: %v: %s", crop, v.Outcome, v.Reason)
		}
		v := Compare(a, b, crop, mode)
		m := v.Metrics
		if m.Fraction < 0 || m.Fraction > 1 || m.SSIM < -1.0001 || m.SSIM > 1.0001 || m.PSNR < 0 {
			t.Fatalf("metrics out of range: %+v", m)
		}
		var c Comparer
		c.BlurredSSIM(a, b, crop, float64(modeByte%5)/2)
		ChooseCrops(a, crop, CropConfig{Count: int(modeByte % 4), Size: int(data[0] % 9)}, [2]uint64{uint64(modeByte), 1})
		_ = fmt.Sprint(v)
	})
}
