package pathtracer

import (
	"fmt"
	"image"
	"runtime"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
)

// BenchmarkSamplesPerSecond renders each bundled scene at 160x120, 4 spp,
// on one thread and on all cores, and reports camera samples per second.
func BenchmarkSamplesPerSecond(b *testing.B) {
	dir := b.TempDir()
	for _, name := range scenes.Names() {
		path := writeScene(b, dir, name)
		for _, threads := range []int{1, runtime.NumCPU()} {
			b.Run(fmt.Sprintf("%s/threads=%d", name, threads), func(b *testing.B) {
				r := New(DefaultConfig())
				task := renderer.Task{Scene: path, Frame: 1, Width: 160, Height: 120, Samples: 4, Seed: 1, Threads: threads}
				render(b, r, task) // parse and build outside the timing
				b.ResetTimer()
				start := time.Now()
				for i := 0; i < b.N; i++ {
					render(b, r, task)
				}
				sec := time.Since(start).Seconds()
				b.ReportMetric(float64(b.N*task.Width*task.Height*task.Samples)/sec, "samples/s")
			})
		}
	}
}

// BenchmarkTiledVsWhole renders cornell.glb as a 4x4 grid of tiles (one
// Render call each, as a farm node would) and as one whole frame, and
// reports the time ratio. Near 1 means the scene cache works and tiling
// costs nothing extra.
func BenchmarkTiledVsWhole(b *testing.B) {
	path := writeScene(b, b.TempDir(), "cornell.glb")
	r := New(DefaultConfig())
	whole := renderer.Task{Scene: path, Frame: 1, Width: 160, Height: 120, Samples: 4, Seed: 1}
	render(b, r, whole)
	b.ResetTimer()
	var tiled, full time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for j := 0; j < 4; j++ {
			for k := 0; k < 4; k++ {
				task := whole
				task.Region = image.Rect(k*whole.Width/4, j*whole.Height/4, (k+1)*whole.Width/4, (j+1)*whole.Height/4)
				render(b, r, task)
			}
		}
		tiled += time.Since(start)
		start = time.Now()
		render(b, r, whole)
		full += time.Since(start)
	}
	b.ReportMetric(tiled.Seconds()/full.Seconds(), "tiled/whole")
}

// BenchmarkLoad measures parsing a scene and building its BVH, which the
// cache normally hides.
func BenchmarkLoad(b *testing.B) {
	for _, name := range scenes.Names() {
		data, _ := scenes.Bytes(name)
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				sc, err := parseScene(name, data, DefaultLimits())
				if err != nil {
					b.Fatal(err)
				}
				sc.buildWorld(0, 1)
			}
		})
	}
}
