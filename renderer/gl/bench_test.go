//go:build linux && cgo

package gl

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
)

// BenchmarkGLvsGo renders the same task with the GL tracer and the Go
// tracer on all cores in the same run, and reports both speeds in samples
// (camera paths) per second and their ratio:
//
//	go test -run '^$' -bench GL ./renderer/gl/
func BenchmarkGLvsGo(b *testing.B) {
	for _, name := range []string{"cornell.glb", "spheres.glb"} {
		b.Run(name, func(b *testing.B) {
			r := newTestRenderer(b)
			task := renderer.Task{Scene: sceneFile(b, b.TempDir(), name), Frame: 1, Width: 96, Height: 96, Samples: 32, Seed: 1}
			// Warm both: scene parse, BVH build, shader upload.
			if _, err := r.Render(context.Background(), task); err != nil {
				b.Fatal(err)
			}
			cpuRender(b, task)
			var glTime, goTime time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if _, err := r.Render(context.Background(), task); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				cpuRender(b, task)
				glTime += t1.Sub(t0)
				goTime += time.Since(t1)
			}
			paths := float64(b.N * task.Width * task.Height * task.Samples)
			glRate, goRate := paths/glTime.Seconds(), paths/goTime.Seconds()
			b.ReportMetric(glRate, "gl-samples/s")
			b.ReportMetric(goRate, "go-samples/s")
			b.ReportMetric(glRate/goRate, "gl/go")
			b.Logf("%s on %s vs Go on %d cores: %.0f vs %.0f samples/s, %.2fx", name, r.Device(), runtime.NumCPU(), glRate, goRate, glRate/goRate)
		})
	}
}

// BenchmarkRasterVsTracer draws whole frames at the preview's default
// resolution with the raster and with the GL tracer (at submit's default
// samples) on the same GL stack, and reports frames per second and their
// ratio:
//
//	go test -run '^$' -bench RasterVsTracer ./renderer/gl/
func BenchmarkRasterVsTracer(b *testing.B) {
	for _, name := range []string{"cornell.glb", "anim.glb"} {
		b.Run(name, func(b *testing.B) {
			tracer, raster := newTestRenderer(b), newTestRaster(b)
			task := renderer.Task{Scene: sceneFile(b, b.TempDir(), name), Frame: 1, Width: 320, Height: 240, Samples: 32, Seed: 1}
			// Warm both: scene parse, BVH build, shader compile and upload.
			for _, r := range []renderer.Renderer{tracer, raster} {
				if _, err := r.Render(context.Background(), task); err != nil {
					b.Fatal(err)
				}
			}
			var rasterTime, tracerTime time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				if _, err := raster.Render(context.Background(), task); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if _, err := tracer.Render(context.Background(), task); err != nil {
					b.Fatal(err)
				}
				rasterTime += t1.Sub(t0)
				tracerTime += time.Since(t1)
			}
			rasterFPS, tracerFPS := float64(b.N)/rasterTime.Seconds(), float64(b.N)/tracerTime.Seconds()
			b.ReportMetric(rasterFPS, "raster-frames/s")
			b.ReportMetric(tracerFPS, "traced-frames/s")
			b.ReportMetric(rasterFPS/tracerFPS, "raster/traced")
			b.Logf("%s at %dx%d on %s: raster %.2f frames/s, traced (%d spp) %.3f frames/s: %.0fx", name, task.Width, task.Height, raster.Device(), rasterFPS, task.Samples, tracerFPS, rasterFPS/tracerFPS)
		})
	}
}
