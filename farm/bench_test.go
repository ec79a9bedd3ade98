package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// BenchmarkDemoNodes runs the demo job on 1 and on 3 in-process nodes side
// by side and reports both wall times and their ratio. In one process all
// nodes share the machine's cores, so the ratio shows the cluster's overhead
// (gossip, RPC, PNG transfer) rather than a speed-up.
func BenchmarkDemoNodes(b *testing.B) {
	data, _ := scenes.Bytes("cornell.glb")
	spec := farm.JobSpec{
		Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 160, Height: 120}, Samples: 16,
		Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8,
	}
	run := func(nodes int) time.Duration {
		start := time.Now()
		_, err := farm.RunDemo(context.Background(), farm.DemoConfig{
			Nodes: nodes, NewRenderers: farmtest.Renderers, SceneName: "cornell.glb", Scene: data,
			Spec: spec, Out: b.TempDir(),
		})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var one, three time.Duration
	for b.Loop() {
		one += run(1)
		three += run(3)
	}
	b.ReportMetric(one.Seconds()/float64(b.N), "1node-s")
	b.ReportMetric(three.Seconds()/float64(b.N), "3node-s")
	b.ReportMetric(three.Seconds()/one.Seconds(), "3node/1node")
}
