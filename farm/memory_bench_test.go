package farm_test

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// BenchmarkFinishedJobsMemory runs 1,000 one-task jobs, one after another,
// on one coordinator and reports its heap after 100 and after 1,000 have
// finished: issue 12 wants finished jobs to age out of memory, so the two
// should be about equal however many jobs a node has run. The heap is the
// whole test process's (the node runs in it), measured after two GCs, so
// what is left is what something still points to. Goroutines are reported
// too: one left behind per job would show here first. ms/job (submit to
// finished, heap measurements included) shows what the store's writes cost
// a job.
//
// A real coordinator sees its jobs over hours, not seconds, and finished
// jobs age out on its clock: so after each job the node's clock
// (NodeConfig.Now) moves on by jobGap, and the 1,000 jobs span about 17
// hours of its life (the node only reads that clock: no wait here depends
// on it).
func BenchmarkFinishedJobsMemory(b *testing.B) {
	const early, jobs = 100, 1000
	const jobGap = time.Minute
	var heapEarly, heapLate, goEarly, goLate float64
	var running time.Duration
	for b.Loop() {
		var skew atomic.Int64 // jobGap times the jobs finished
		nodes := farmtest.Start(b, 1, func(i int, c *farm.NodeConfig) {
			c.Renderers = []renderer.Renderer{instantRenderer{}}
			c.Now = func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
		})
		c := api.NewClient(nodes[0].URL())
		ctx := context.Background()
		hash, err := c.Upload(ctx, []byte("an instant scene"))
		if err != nil {
			b.Fatal(err)
		}
		spec := api.JobSpec{
			Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
			Resolution: tiler.Resolution{Width: 32, Height: 32}, Samples: 1, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
		}
		start := time.Now()
		for i := 1; i <= jobs; i++ {
			spec.Nonce = fmt.Sprint(i)
			id, err := c.Submit(ctx, spec)
			if err != nil {
				b.Fatal(err)
			}
			if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
				b.Fatalf("job %d: %s %v", i, state, err)
			}
			skew.Add(int64(jobGap))
			switch i {
			case early:
				heapEarly += heapInuse()
				goEarly += float64(runtime.NumGoroutine())
			case jobs:
				heapLate += heapInuse()
				goLate += float64(runtime.NumGoroutine())
			}
		}
		running += time.Since(start)
		b.StopTimer()
		nodes[0].Close() // the next round starts from a fresh node
		b.StartTimer()
	}
	n := float64(b.N)
	b.ReportMetric(heapEarly/n/(1<<20), "heap-MiB-at-100")
	b.ReportMetric(heapLate/n/(1<<20), "heap-MiB-at-1000")
	b.ReportMetric(heapLate/heapEarly, "heap-1000/100")
	b.ReportMetric((heapLate-heapEarly)/n/(jobs-early)/(1<<10), "KiB/finished-job")
	b.ReportMetric(running.Seconds()*1000/n/jobs, "ms/job")
	b.ReportMetric(goEarly/n, "goroutines-at-100")
	b.ReportMetric(goLate/n, "goroutines-at-1000")
}

// heapInuse returns the bytes in in-use heap spans after two collections
// (the second frees what finalizers of the first let go).
func heapInuse() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse)
}
