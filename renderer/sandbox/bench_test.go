package sandbox

import (
	"context"
	"image"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/renderer/pathtracer"
)

// BenchmarkPathTracerTile: one 32x32 tile of a 320x240 frame, rendered
// in-process and in a container of its own; the difference is the
// sandbox's overhead per task (create, start, wait, remove, PNG round trip).
func BenchmarkPathTracerTile(b *testing.B) {
	s := newSandbox(b, testConfig(b), "pathtracer")
	task := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 320, Height: 240, Samples: 16, Seed: 1, Region: image.Rect(128, 96, 160, 128)}
	for _, bc := range []struct {
		name string
		r    renderer.Renderer
	}{
		{"in-process", pathtracer.New(pathtracer.DefaultConfig())},
		{"sandbox", s.PathTracer(pathtracer.DefaultConfig())},
	} {
		b.Run(bc.name, func(b *testing.B) {
			benchTiles(b, bc.r, task, false)
		})
	}
}

// BenchmarkBlenderTile: 32x32 tiles of a 160x120 classroom_lite frame at 8
// spp: Blender on the host (warm), in one warm container for the scene, and
// in a container per task (NoWarm). The warm cases leave the first tile,
// which starts the process, out of the timing.
func BenchmarkBlenderTile(b *testing.B) {
	s := newSandbox(b, testConfig(b), "blender")
	scene := blendScene(b, "classroom_lite")
	task := renderer.Task{Scene: scene, Frame: 1, Width: 160, Height: 120, Samples: 8, Seed: 1, Region: image.Rect(64, 48, 96, 80)}
	cold := blender.DefaultConfig()
	cold.NoWarm = true
	host, err := blender.New(blender.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	defer host.Close()
	for _, bc := range []struct {
		name string
		r    func() renderer.Renderer
		warm bool
	}{
		{"host-warm", func() renderer.Renderer { return host }, true},
		{"sandbox-warm", func() renderer.Renderer { return newSandboxBlender(b, s, blender.DefaultConfig()) }, true},
		{"sandbox-cold", func() renderer.Renderer { return newSandboxBlender(b, s, cold) }, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			benchTiles(b, bc.r(), task, bc.warm)
		})
	}
}

func benchTiles(b *testing.B, r renderer.Renderer, task renderer.Task, warmUp bool) {
	ctx := context.Background()
	var first time.Duration
	if warmUp {
		start := time.Now()
		if _, err := r.Render(ctx, task); err != nil {
			b.Fatal(err)
		}
		first = time.Since(start)
	}
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if _, err := r.Render(ctx, task); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/tile")
	if first > 0 {
		b.ReportMetric(float64(first.Milliseconds()), "ms-first-tile")
	}
}

// BenchmarkBlenderTiles renders classroom_lite (saved by each image's own
// Blender) at 320x240 and 32 spp in containers, on each Blender image: the
// whole frame in a container of its own, and 4x4 tiles on one warm
// container; both start from no container running, so each pays one
// container start and scene load. It reports the seconds of each and
// warm_tiles/whole, the cost of tiling a frame on one node.
func BenchmarkBlenderTiles(b *testing.B) {
	for _, img := range blenderImages {
		b.Run("blender-"+img.version, func(b *testing.B) {
			cfg := testConfig(b)
			cfg.BlenderImage = img.image
			s := newSandbox(b, cfg, "blender")
			base := renderer.Task{Scene: nativeScene(b, s, img, "classroom_lite"), Frame: 1, Width: 320, Height: 240, Samples: 32}
			ctx := context.Background()
			var whole, warmTiles time.Duration
			for b.Loop() {
				for _, tiled := range []bool{false, true} {
					b.StopTimer()
					r, err := s.Blender(blender.DefaultConfig()) // no container yet
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					start := time.Now()
					tasks := []renderer.Task{base}
					if tiled {
						tasks = nil
						for _, tile := range grid(base.Width, base.Height, 4, 4) {
							task := base
							task.Region = tile
							tasks = append(tasks, task)
						}
					}
					for _, task := range tasks {
						if _, err := r.Render(ctx, task); err != nil {
							b.Fatal(err)
						}
					}
					if tiled {
						warmTiles += time.Since(start)
					} else {
						whole += time.Since(start)
					}
					b.StopTimer()
					r.Close()
					b.StartTimer()
				}
			}
			n := float64(b.N)
			b.ReportMetric(whole.Seconds()/n, "whole_s")
			b.ReportMetric(warmTiles.Seconds()/n, "warm_tiles_s")
			b.ReportMetric(warmTiles.Seconds()/whole.Seconds(), "warm_tiles/whole")
		})
	}
}
