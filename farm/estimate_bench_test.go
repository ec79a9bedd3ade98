package farm_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/tiler"
)

// BenchmarkEstimate measures how far an estimate is from the job it
// predicts: for each bundled glTF scene it estimates a small job on a
// three-node in-process cluster, renders the job for real, and reports
// predicted over actual render seconds (the tasks' own, as the report
// sums them) and wall time (the report's). The goal is within 25%: a
// ratio between 0.75 and 1.25.
func BenchmarkEstimate(b *testing.B) {
	nodes := farmtest.Start(b, 3, nil)
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	jobs := []struct {
		scene  string
		frames tiler.Frames
	}{
		{"cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}},
		{"spheres.glb", tiler.Frames{Start: 1, End: 1, Step: 1}},
		{"anim.glb", tiler.Frames{Start: 1, End: 6, Step: 1}},
	}
	runs := 0
	for _, job := range jobs {
		b.Run(job.scene, func(b *testing.B) {
			var predRender, realRender, predWall, realWall float64
			for range b.N {
				spec := estimateSpecOf(b, c, job.scene, job.frames)
				spec.Resolution, spec.Samples, spec.Tiles = tiler.Resolution{Width: 160, Height: 120}, 8, tiler.Grid{Cols: 2, Rows: 2}
				runs++ // each run its own job: the same spec again is the same job
				spec.Nonce = fmt.Sprintf("%s-%d", b.Name(), runs)
				est, err := c.Estimate(ctx, spec)
				if err != nil {
					b.Fatal(err)
				}
				id, err := c.Submit(ctx, spec)
				if err != nil {
					b.Fatal(err)
				}
				rep := farmtest.WaitDone(b, c, id)
				var secs float64
				for _, t := range rep.Tasks {
					secs += t.Seconds
				}
				predRender += est.RenderSeconds
				realRender += secs
				predWall += est.WallSeconds
				realWall += rep.WallSeconds
				b.Logf("%s: render predicted %.3fs (%.3f-%.3f), actual %.3fs; wall predicted %.3fs (%.3f-%.3f), actual %.3fs; %d tasks, overhead %.4fs",
					job.scene, est.RenderSeconds, est.RenderSecondsLow, est.RenderSecondsHigh, secs,
					est.WallSeconds, est.WallSecondsLow, est.WallSecondsHigh, rep.WallSeconds, est.Tasks, est.OverheadSeconds)
			}
			b.ReportMetric(predRender/float64(b.N), "predicted-render-s")
			b.ReportMetric(realRender/float64(b.N), "actual-render-s")
			b.ReportMetric(predRender/realRender, "render-ratio")
			b.ReportMetric(predWall/float64(b.N), "predicted-wall-s")
			b.ReportMetric(realWall/float64(b.N), "actual-wall-s")
			b.ReportMetric(predWall/realWall, "wall-ratio")
		})
	}
}
