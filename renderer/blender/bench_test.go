package blender

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
)

// BenchmarkTiles renders the classroom scene at 320x240 and 32 spp three
// ways, side by side in each iteration, every way starting from no Blender
// running (so each pays one scene load at least):
//   - whole_s: one Blender renders the whole frame;
//   - cold_tiles_s: 4x4 tiles, one Blender per tile, one after another;
//   - warm_tiles_s: 4x4 tiles on one warm Blender.
//
// It reports the seconds of each and the ratios to the whole frame; the goal
// is warm_tiles/whole <= 1.10.
func BenchmarkTiles(b *testing.B) {
	needBlender(b)
	base := renderer.Task{Scene: scene(b, "classroom_lite"), Frame: 1, Width: 320, Height: 240, Samples: 32}
	tiles := grid(base.Width, base.Height, 4, 4)
	ctx := context.Background()
	cold, err := New(Config{NoWarm: true})
	if err != nil {
		b.Fatal(err)
	}
	defer cold.Close()

	var whole, coldTiles, warmTiles time.Duration
	for range b.N {
		start := time.Now()
		if _, err := cold.Render(ctx, base); err != nil {
			b.Fatal(err)
		}
		whole += time.Since(start)

		start = time.Now()
		for _, tile := range tiles {
			task := base
			task.Region = tile
			if _, err := cold.Render(ctx, task); err != nil {
				b.Fatal(err)
			}
		}
		coldTiles += time.Since(start)

		b.StopTimer()
		warm, err := New(Config{}) // a fresh renderer: no warm Blender yet
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start = time.Now()
		for _, tile := range tiles {
			task := base
			task.Region = tile
			if _, err := warm.Render(ctx, task); err != nil {
				b.Fatal(err)
			}
		}
		warmTiles += time.Since(start)
		b.StopTimer()
		warm.Close()
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(whole.Seconds()/n, "whole_s")
	b.ReportMetric(coldTiles.Seconds()/n, "cold_tiles_s")
	b.ReportMetric(warmTiles.Seconds()/n, "warm_tiles_s")
	b.ReportMetric(coldTiles.Seconds()/whole.Seconds(), "cold_tiles/whole")
	b.ReportMetric(warmTiles.Seconds()/whole.Seconds(), "warm_tiles/whole")
}

// BenchmarkFinish renders a composited scene (composite: Glare then Lens
// Distortion) at 640x360 and 32 spp, side by side in each iteration:
//   - whole_s: Blender's whole frame, composited, in a Blender of its own
//     (start-up and scene load included);
//   - tiles_s: 4x4 raw-pass tiles on one fresh warm Blender;
//   - finish_s: the finish step on the stitched passes, in that Blender.
//
// It reports finish/total, the finish step's share of the tiled frame's
// time (goal <= 3%), and tiled/whole, (tiles + finish) / whole (goal
// <= 1.10). Times are wall-clock: Blender renders on every core.
func BenchmarkFinish(b *testing.B) {
	needBlender(b)
	base := renderer.Task{Scene: scene(b, "composite"), Frame: 1, Width: 640, Height: 360, Samples: 32}
	tiles := grid(base.Width, base.Height, 4, 4)
	ctx := context.Background()
	cold, err := New(Config{NoWarm: true})
	if err != nil {
		b.Fatal(err)
	}
	defer cold.Close()

	var whole, tiled, finish time.Duration
	for range b.N {
		start := time.Now()
		if _, err := cold.Render(ctx, base); err != nil {
			b.Fatal(err)
		}
		whole += time.Since(start)

		b.StopTimer()
		warm, err := New(Config{})
		if err != nil {
			b.Fatal(err)
		}
		frame, err := renderer.NewPasses(base.Rect(), []string{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start = time.Now()
		for _, tile := range tiles {
			task := base
			task.Region, task.Passes = tile, true
			res, err := warm.Render(ctx, task)
			if err != nil {
				b.Fatal(err)
			}
			if err := frame.Draw(res.Passes); err != nil {
				b.Fatal(err)
			}
		}
		tiled += time.Since(start)
		start = time.Now()
		if _, err := warm.Finish(ctx, renderer.FinishTask{Scene: base.Scene, Frame: 1, Width: base.Width, Height: base.Height, Passes: frame}); err != nil {
			b.Fatal(err)
		}
		finish += time.Since(start)
		b.StopTimer()
		warm.Close()
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(whole.Seconds()/n, "whole_s")
	b.ReportMetric(tiled.Seconds()/n, "tiles_s")
	b.ReportMetric(finish.Seconds()/n, "finish_s")
	b.ReportMetric(finish.Seconds()/(tiled+finish).Seconds(), "finish/total")
	b.ReportMetric((tiled+finish).Seconds()/whole.Seconds(), "tiled/whole")
}
