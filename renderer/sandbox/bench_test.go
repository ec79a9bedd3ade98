package sandbox

import (
	"context"
	"fmt"
	"image"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/renderer/pathtracer"
	"golang.org/x/sync/errgroup"
)

// BenchmarkPathTracerTile: one 32x32 tile of a 320x240 frame, rendered
// in-process, in the scene's warm container, and in a container of its own
// (cold: create, start, render, kill, remove, as every task paid before the
// containers were kept warm), in turns in one loop. It reports each one's
// ms/tile and the sandbox's as ratios to in-process; the difference is the
// sandbox's overhead per task. The first tile of each, which parses the
// scene and starts the warm container, is left out.
func BenchmarkPathTracerTile(b *testing.B) {
	s := newSandbox(b, testConfig(b), "pathtracer")
	task := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 320, Height: 240, Samples: 16, Seed: 1, Region: image.Rect(128, 96, 160, 128)}
	ctx := context.Background()
	inProcess := pathtracer.New(pathtracer.DefaultConfig())
	warm := newPathTracer(b, s)
	ways := []func() error{
		func() error { _, err := inProcess.Render(ctx, task); return err },
		func() error { _, err := warm.Render(ctx, task); return err },
		func() error {
			cold := s.PathTracer(pathtracer.DefaultConfig())
			defer cold.Close()
			_, err := cold.Render(ctx, task)
			return err
		},
	}
	for _, render := range ways[:2] {
		if err := render(); err != nil {
			b.Fatal(err)
		}
	}
	var took [3]time.Duration
	for b.Loop() {
		for i, render := range ways {
			start := time.Now()
			if err := render(); err != nil {
				b.Fatal(err)
			}
			took[i] += time.Since(start)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(b.N) }
	b.ReportMetric(ms(took[0]), "in-process-ms/tile")
	b.ReportMetric(ms(took[1]), "warm-ms/tile")
	b.ReportMetric(ms(took[2]), "cold-ms/tile")
	b.ReportMetric(took[1].Seconds()/took[0].Seconds(), "warm/in-process")
	b.ReportMetric(took[2].Seconds()/took[0].Seconds(), "cold/in-process")
}

// BenchmarkPathTracerConcurrent: 32x32 tiles of one scene rendered by
// several callers at once, as a node with several slots renders a job:
// in-process, in one warm container whose tasks take turns (perScene 1),
// and in up to one warm container per caller. It reports the wall-clock
// ms per tile, so the better way on this machine is the one with fewer.
func BenchmarkPathTracerConcurrent(b *testing.B) {
	s := newSandbox(b, testConfig(b), "pathtracer")
	ctx := context.Background()
	for _, callers := range []int{2, 4} {
		var tasks []renderer.Task
		for i := range callers {
			x := 32 * (i + 3)
			tasks = append(tasks, renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 320, Height: 240, Samples: 16, Seed: 1, Region: image.Rect(x, 96, x+32, 128)})
		}
		for _, bc := range []struct {
			name     string
			perScene int // 0: in-process
		}{
			{"in-process", 0},
			{"turns", 1},
			{"per-caller", callers},
		} {
			b.Run(fmt.Sprintf("callers=%d/%s", callers, bc.name), func(b *testing.B) {
				var r renderer.Renderer = pathtracer.New(pathtracer.DefaultConfig())
				if bc.perScene > 0 {
					p := newPathTracer(b, s)
					p.perScene = bc.perScene
					r = p
				}
				round := func() {
					var g errgroup.Group
					for _, task := range tasks {
						g.Go(func() error { _, err := r.Render(ctx, task); return err })
					}
					if err := g.Wait(); err != nil {
						b.Fatal(err)
					}
				}
				round() // starts the containers
				start := time.Now()
				for b.Loop() {
					round()
				}
				b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N*callers), "ms/tile")
				if p, ok := r.(*PathTracer); ok {
					b.ReportMetric(float64(p.starts.Load()), "containers")
					p.Close()
				}
			})
		}
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
