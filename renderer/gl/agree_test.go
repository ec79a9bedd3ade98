//go:build linux && cgo

package gl

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/verifier"
)

// Agreement floors, measured on llvmpipe (Mesa 22.3.6) against the Go
// tracer at 64x64 and 64 samples: cornell 60.6 dB, spheres 56.3 dB, anim
// 62.7 dB; per-material means within 0.06%. The two tracers draw the same
// random numbers, so most paths match and the images differ only by
// single-precision drift where a path branches the other way: the PSNR is
// far above what two independent 64-sample renders reach (about 30 dB), so
// even this small render is a sharp test. The floors sit 5 dB, and the mean
// tolerance 15x, beyond what was measured, for other drivers' rounding; a
// shading bug (a lobe, a light, a texture lookup gone wrong) decorrelates
// paths and falls far below them.
const (
	agreeSize    = 64
	agreeSamples = 64
)

var psnrFloor = map[string]float64{
	"cornell.glb": 55,
	"spheres.glb": 51,
	"anim.glb":    57,
	"spot.glb":    70, // lights_test.go's spot and point lights: 76.8 dB measured
}

// meanTolerance is the relative difference allowed between the two
// tracers' mean linear colours over the pixels of one material (by the CPU
// tracer's ID pass), per channel, for materials covering at least
// minMaterialPixels pixels.
const (
	meanTolerance     = 0.01
	minMaterialPixels = 32
)

func TestAgreesWithCPU(t *testing.T) {
	r := newTestRenderer(t)
	dir := t.TempDir()
	for _, name := range scenes.Names() {
		scene := sceneFile(t, dir, name)
		info, err := r.Inspect(context.Background(), scene)
		if err != nil {
			t.Fatal(err)
		}
		// Frame 1, and an animation's middle frame: node animation moves
		// the world the GPU gets.
		frames := []int{info.FrameStart}
		if mid := (info.FrameStart + info.FrameEnd) / 2; mid != info.FrameStart {
			frames = append(frames, mid)
		}
		for _, frame := range frames {
			agree(t, r, name, renderer.Task{Scene: scene, Frame: frame, Width: agreeSize, Height: agreeSize, Samples: agreeSamples, Seed: 3, HDR: true})
		}
	}
}

// agree renders task with both tracers and checks the PSNR floor and the
// mean colour per material.
func agree(t *testing.T, r *Renderer, name string, task renderer.Task) {
	t.Run(fmt.Sprintf("%s/frame%d", name, task.Frame), func(t *testing.T) {
		g, err := r.Render(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		c := cpuRender(t, task)
		full := task.Rect()
		p := verifier.PSNR(g.Image, c.Image, full)
		floor, ok := psnrFloor[name]
		if !ok {
			t.Fatalf("no PSNR floor measured for bundled scene %s: measure one and add it", name)
		}
		t.Logf("%s frame %d: PSNR GL vs Go %.2f dB (floor %.1f)", name, task.Frame, p, floor)
		if p < floor {
			t.Errorf("%s: PSNR GL vs Go %.2f dB, want >= %.1f", name, p, floor)
		}

		ids, err := pathtracer.New(pathtracer.DefaultConfig()).MaterialMap(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		type acc struct {
			n    int
			g, c [3]float64
		}
		per := map[int32]*acc{}
		for i, id := range ids {
			a := per[id]
			if a == nil {
				a = &acc{}
				per[id] = a
			}
			a.n++
			x, y := i%task.Width, i/task.Width
			gp, cp := g.HDR.At(x, y), c.HDR.At(x, y)
			for k := 0; k < 3; k++ {
				a.g[k] += float64(gp[k])
				a.c[k] += float64(cp[k])
			}
		}
		for id, a := range per {
			if a.n < minMaterialPixels {
				continue
			}
			worst := 0.0
			for k := 0; k < 3; k++ {
				gm, cm := a.g[k]/float64(a.n), a.c[k]/float64(a.n)
				worst = math.Max(worst, math.Abs(gm-cm)/math.Max(cm, 1e-3))
			}
			t.Logf("%s material %d (%d px): mean GL %.4f Go %.4f, worst channel off by %.2f%%", name, id, a.n, mean3(a.g, a.n), mean3(a.c, a.n), 100*worst)
			if worst > meanTolerance {
				t.Errorf("%s material %d: mean colour GL %v vs Go %v: off by %.2f%%, want <= %.1f%%", name, id, scale3(a.g, a.n), scale3(a.c, a.n), 100*worst, 100*meanTolerance)
			}
		}
	})
}

func mean3(v [3]float64, n int) float64 { return (v[0] + v[1] + v[2]) / 3 / float64(n) }

func scale3(v [3]float64, n int) [3]float64 {
	return [3]float64{v[0] / float64(n), v[1] / float64(n), v[2] / float64(n)}
}
