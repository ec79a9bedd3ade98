package farm_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// estimateJob is a job BenchmarkEstimate predicts and then runs.
type estimateJob struct {
	scene    string // a bundled glTF scene, or a .blend built by scenes/blend
	frames   tiler.Frames
	res      tiler.Resolution
	samples  int
	tiles    tiler.Grid
	renderer string
}

// BenchmarkEstimate measures how far an estimate is from the job it
// predicts: for each bundled glTF scene (and, with Blender on PATH, the
// .blend scenes scenes/blend builds) it estimates a job on a three-node
// in-process cluster (the nodes sample it themselves), renders the job for
// real on the same cluster, and reports predicted against actual wall
// time (the report's) and CPU-seconds (this process's and its children's,
// Blender's included, over the job), and the error of each in percent. The goal is within 25%.
func BenchmarkEstimate(b *testing.B) {
	gltf := []estimateJob{
		{"cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}, tiler.Resolution{Width: 320, Height: 240}, 16, tiler.Grid{Cols: 4, Rows: 4}, "pathtracer"},
		{"spheres.glb", tiler.Frames{Start: 1, End: 1, Step: 1}, tiler.Resolution{Width: 320, Height: 240}, 16, tiler.Grid{Cols: 4, Rows: 4}, "pathtracer"},
		{"anim.glb", tiler.Frames{Start: 1, End: 6, Step: 1}, tiler.Resolution{Width: 160, Height: 120}, 16, tiler.Grid{Cols: 2, Rows: 2}, "pathtracer"},
	}
	b.Run("pathtracer", func(b *testing.B) {
		nodes := farmtest.Start(b, 3, nil)
		for _, job := range gltf {
			data, _ := os.ReadFile(filepath.Join("..", "scenes", job.scene))
			benchEstimate(b, nodes[0], job, data)
		}
	})
	b.Run("blender", func(b *testing.B) {
		if _, err := exec.LookPath("blender"); err != nil {
			b.Skip("NOT TESTED: needs blender on PATH")
		}
		dir := b.TempDir()
		blend := []estimateJob{
			{"classroom_lite.blend", tiler.Frames{Start: 1, End: 1, Step: 1}, tiler.Resolution{Width: 320, Height: 180}, 16, tiler.Grid{Cols: 2, Rows: 2}, "blender"},
			{"glass.blend", tiler.Frames{Start: 1, End: 1, Step: 1}, tiler.Resolution{Width: 320, Height: 180}, 16, tiler.Grid{Cols: 2, Rows: 2}, "blender"},
			{"anim.blend", tiler.Frames{Start: 1, End: 4, Step: 1}, tiler.Resolution{Width: 160, Height: 90}, 8, tiler.Grid{Cols: 1, Rows: 1}, "blender"},
		}
		nodes := farmtest.Start(b, 3, func(i int, c *farm.NodeConfig) {
			r, err := blender.New(blender.DefaultConfig())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { r.Close() })
			c.Renderers = []renderer.Renderer{r}
		})
		for _, job := range blend {
			name := job.scene[:len(job.scene)-len(".blend")]
			out := filepath.Join(dir, job.scene)
			script := filepath.Join("..", "scenes", "blend", "make_"+name+".py")
			if msg, err := exec.Command("blender", "-b", "--factory-startup", "--python", script, "--", out).CombinedOutput(); err != nil {
				b.Fatalf("build %s: %v\n%s", job.scene, err, msg)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				b.Fatal(err)
			}
			benchEstimate(b, nodes[0], job, data)
		}
	})
}

// benchEstimate estimates job on the cluster of n, runs it, and reports
// how far the prediction was.
func benchEstimate(b *testing.B, n *farm.Node, job estimateJob, scene []byte) {
	c := api.NewClient(n.URL())
	ctx := context.Background()
	hash, err := c.Upload(ctx, scene)
	if err != nil {
		b.Fatal(err)
	}
	b.Run(job.scene, func(b *testing.B) {
		var predWall, realWall, predCPU, realCPU float64
		for i := range b.N {
			spec := api.JobSpec{
				Scene: hash, SceneName: job.scene, Renderer: job.renderer, Frames: job.frames,
				Resolution: job.res, Samples: job.samples, Tiles: job.tiles, Depth: 8,
				Seed: 1, Nonce: fmt.Sprintf("%s-%d-%d", b.Name(), i, time.Now().UnixNano()), // each run its own job
			}
			est, err := c.Estimate(ctx, spec)
			if err != nil {
				b.Fatal(err)
			}
			before := farm.ProcessCPU()
			id, err := c.Submit(ctx, spec)
			if err != nil {
				b.Fatal(err)
			}
			rep := farmtest.WaitDone(b, c, id)
			cpu := farm.ProcessCPU() - before
			predWall += est.WallSeconds
			realWall += rep.WallSeconds
			predCPU += est.CPUSeconds
			realCPU += cpu
			b.Logf("%s: wall predicted %.2fs (%.2f-%.2f), actual %.2fs; CPU predicted %.2fs, actual %.2fs; %d tasks on %d nodes; members %+v",
				job.scene, est.WallSeconds, est.WallSecondsLow, est.WallSecondsHigh, rep.WallSeconds, est.CPUSeconds, cpu, est.Tasks, est.Nodes, est.Members)
		}
		wallErr, cpuErr := 100*(predWall/realWall-1), 100*(predCPU/realCPU-1)
		b.ReportMetric(predWall/float64(b.N), "predicted-wall-s")
		b.ReportMetric(realWall/float64(b.N), "actual-wall-s")
		b.ReportMetric(wallErr, "wall-err-%")
		b.ReportMetric(predCPU/float64(b.N), "predicted-cpu-s")
		b.ReportMetric(realCPU/float64(b.N), "actual-cpu-s")
		b.ReportMetric(cpuErr, "cpu-err-%")
		fmt.Printf("estimate %-22s wall predicted %7.2fs actual %7.2fs error %+5.0f%%   CPU predicted %7.2fs actual %7.2fs error %+5.0f%%\n",
			job.scene, predWall/float64(b.N), realWall/float64(b.N), wallErr, predCPU/float64(b.N), realCPU/float64(b.N), cpuErr)
	})
}
