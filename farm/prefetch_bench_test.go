package farm_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// sleepRenderer is instantRenderer that takes d per tile of tileWidth
// pixels across, as a render would, without using the cores (the nodes
// share one machine), of its own release when version is set. A spot
// check's crops (narrower) are instant: the benchmark measures fetches,
// and a random check would add a second or two to a run at random.
type sleepRenderer struct {
	instantRenderer
	d         time.Duration
	tileWidth int
	version   string
}

func (r sleepRenderer) Version() string {
	if r.version != "" {
		return r.version
	}
	return r.instantRenderer.Version()
}

func (r sleepRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Region.Dx() < r.tileWidth {
		return r.instantRenderer.Render(ctx, t)
	}
	select {
	case <-time.After(r.d):
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	return r.instantRenderer.Render(ctx, t)
}

// BenchmarkPrefetch: the makespan of 6 jobs, each of its own scene and 2
// tiles, on 2 worker nodes of one slot each (a third node only
// coordinates: its renderer is a release of its own, and the scheduler
// leases to the two that share one), where fetching a scene takes about as long as rendering a
// tile: the workers' --download-limit paces each 512 KiB scene to about
// the tile's 400 ms, over real sockets. Prefetch off, each worker fetches
// a job's scene when its lease comes, then renders; on, it fetches the next
// jobs' scenes while it renders. Reports both makespans and off/on.
func BenchmarkPrefetch(b *testing.B) {
	const (
		jobs       = 6
		sceneBytes = 512 << 10
		tile       = 400 * time.Millisecond
	)
	scenes := make([][]byte, jobs)
	for i := range scenes {
		scenes[i] = make([]byte, sceneBytes)
		for k := range scenes[i] {
			scenes[i][k] = byte(rand.Uint32())
		}
	}
	run := func(b *testing.B, prefetch bool) time.Duration {
		nodes := farmtest.Start(b, 3, func(i int, c *farm.NodeConfig) {
			c.Renderers = []renderer.Renderer{sleepRenderer{d: tile, tileWidth: 32}}
			if i == 0 {
				c.Renderers = []renderer.Renderer{sleepRenderer{d: tile, tileWidth: 32, version: "coordinator-1"}}
			}
			c.Prefetch = prefetch
			c.Verify.NewNodeRate = c.Verify.Floor // measure fetches, not checks
			if i > 0 {
				c.DownloadLimit = int64(sceneBytes * time.Second / tile)
			}
		})
		defer func() {
			for _, n := range nodes {
				n.Close()
			}
		}()
		ctx := context.Background()
		c := api.NewClient(nodes[0].URL())
		var specs []api.JobSpec
		for i, data := range scenes {
			hash, err := c.Upload(ctx, data)
			if err != nil {
				b.Fatal(err)
			}
			specs = append(specs, api.JobSpec{
				Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
				Resolution: tiler.Resolution{Width: 64, Height: 32}, Samples: 1, Tiles: tiler.Grid{Cols: 2, Rows: 1}, Depth: 8,
				Nonce: fmt.Sprint(i, prefetch),
			})
		}
		start := time.Now()
		var ids []string
		for _, spec := range specs {
			id, err := c.Submit(ctx, spec)
			if err != nil {
				b.Fatal(err)
			}
			ids = append(ids, id)
		}
		for _, id := range ids {
			if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
				b.Fatalf("job %s: %s %v", id, state, err)
			}
		}
		return time.Since(start)
	}
	var off, on time.Duration
	for b.Loop() {
		off += run(b, false)
		on += run(b, true)
	}
	b.ReportMetric(off.Seconds()/float64(b.N), "off-s")
	b.ReportMetric(on.Seconds()/float64(b.N), "on-s")
	b.ReportMetric(off.Seconds()/on.Seconds(), "off/on")
}
