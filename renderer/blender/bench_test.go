package blender

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
// Distortion) at 640x360, at 32 spp and at the sample counts artists
// render with (128, 512), side by side in each iteration:
//   - whole_s: Blender's whole frame, composited, in a Blender of its own
//     (start-up and scene load included);
//   - tiles_s: 4x4 raw-pass tiles on one fresh warm Blender;
//   - finish_s: the finish step on the stitched passes, in that Blender;
//   - finish_next_s: the same finish run again in that Blender, which is
//     what every later frame of a job pays: the first finish in a process
//     also sets up the scene's colour management (Filmic), which Blender's
//     own render of a frame pays as well;
//   - whole_composite_cpu_s: what Blender's own whole render spends on
//     compositing, colour management and writing: its CPU time less that
//     of the same frame rendered as raw passes (compositor off) in a
//     Blender of its own. Against finish_cpu_s, it shows what the finish
//     adds beyond the work Blender itself does. At 32 spp only: at 512,
//     the render's own run-to-run CPU noise (about 2%) is larger than it.
//
// It reports finish/total, the finish step's share of the tiled frame's
// time (goal <= 3%), finish_next/total, and tiled/whole, (tiles + finish)
// / whole (goal <= 1.10), in wall-clock time (Blender renders on every
// core) and, as *_cpu, in CPU time of the Blenders and of this process
// together, which other work on the machine barely changes. The finish
// costs the same at every sample count (it composites, it does not
// render), so its share falls as samples grow.
func BenchmarkFinish(b *testing.B) {
	needBlender(b)
	src := scene(b, "composite")
	for i, spp := range []int{32, 128, 512} {
		b.Run(fmt.Sprintf("spp=%d", spp), func(b *testing.B) { benchFinish(b, src, spp, i == 0) })
	}
}

// benchFinish is BenchmarkFinish at spp samples; with splitWhole it also
// renders the raw whole frame for whole_composite_cpu_s.
func benchFinish(b *testing.B, src string, spp int, splitWhole bool) {
	base := renderer.Task{Scene: src, Frame: 1, Width: 640, Height: 360, Samples: spp}
	tiles := grid(base.Width, base.Height, 4, 4)
	ctx := context.Background()
	cold, err := New(Config{NoWarm: true})
	if err != nil {
		b.Fatal(err)
	}
	defer cold.Close()

	var whole, tiled, finish, next time.Duration
	const rawCPU, discard = 4, 5
	var cpu [6]time.Duration // whole, tiles, finish, next, whole raw, discarded
	cpuOK := true
	// lap adds the CPU time used since the last lap to cpu[i].
	last, _ := usedCPU()
	lap := func(i int) {
		now, ok := usedCPU()
		cpuOK = cpuOK && ok
		cpu[i] += now - last
		last = now
	}
	for range b.N {
		lap(discard) // what happens between iterations counts nowhere
		start := time.Now()
		if _, err := cold.Render(ctx, base); err != nil {
			b.Fatal(err)
		}
		whole += time.Since(start)
		lap(0)
		// The same whole frame as raw passes, compositor off: what
		// Blender's own render spends compositing and writing is the
		// difference, to set against the finish.
		if splitWhole {
			raw := base
			raw.Passes = true
			if _, err := cold.Render(ctx, raw); err != nil {
				b.Fatal(err)
			}
			lap(rawCPU)
		}

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
		lap(discard) // the warm Blender starts with the first tile below
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
		lap(1)
		ft := renderer.FinishTask{Scene: base.Scene, Frame: 1, Width: base.Width, Height: base.Height, Passes: frame}
		start = time.Now()
		if _, err := warm.Finish(ctx, ft); err != nil {
			b.Fatal(err)
		}
		finish += time.Since(start)
		lap(2)
		start = time.Now()
		if _, err := warm.Finish(ctx, ft); err != nil {
			b.Fatal(err)
		}
		next += time.Since(start)
		lap(3)
		b.StopTimer()
		warm.Close()
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(whole.Seconds()/n, "whole_s")
	b.ReportMetric(tiled.Seconds()/n, "tiles_s")
	b.ReportMetric(finish.Seconds()/n, "finish_s")
	b.ReportMetric(next.Seconds()/n, "finish_next_s")
	b.ReportMetric(finish.Seconds()/(tiled+finish).Seconds(), "finish/total")
	b.ReportMetric(next.Seconds()/(tiled+next).Seconds(), "finish_next/total")
	b.ReportMetric((tiled+finish).Seconds()/whole.Seconds(), "tiled/whole")
	if cpuOK {
		b.ReportMetric(cpu[0].Seconds()/n, "whole_cpu_s")
		b.ReportMetric(cpu[1].Seconds()/n, "tiles_cpu_s")
		b.ReportMetric(cpu[2].Seconds()/n, "finish_cpu_s")
		b.ReportMetric(cpu[3].Seconds()/n, "finish_next_cpu_s")
		b.ReportMetric(cpu[2].Seconds()/(cpu[1]+cpu[2]).Seconds(), "finish_cpu/total")
		b.ReportMetric(cpu[3].Seconds()/(cpu[1]+cpu[3]).Seconds(), "finish_next_cpu/total")
		b.ReportMetric((cpu[1]+cpu[2]).Seconds()/cpu[0].Seconds(), "tiled_cpu/whole")
		if splitWhole {
			b.ReportMetric((cpu[0]-cpu[rawCPU]).Seconds()/n, "whole_composite_cpu_s")
		}
	}
}

// usedCPU is the CPU time (user + system) used by this process (the Go
// side: EXR encoding, decoding, stitching) and the Blenders it started:
// the running ones read from /proc, the ended ones from the kernel's
// count of waited-for children. CPU time, unlike wall time, barely moves
// when other work shares the machine. ok is false where there is no /proc.
func usedCPU() (total time.Duration, ok bool) {
	total, ok = rusageCPU()
	if !ok {
		return 0, false
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, false
	}
	self := strconv.Itoa(os.Getpid())
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // ended meanwhile
		}
		// After "pid (command) ": state, ppid, ..., utime and stime are
		// the 14th and 15th fields of the line, in clock ticks (USER_HZ,
		// 100 on Linux).
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(stat[i+1:]))
		if len(f) < 13 || f[1] != self {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		total += time.Duration(utime+stime) * time.Second / 100
	}
	return total, true
}
