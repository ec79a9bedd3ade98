package farm_test

import (
	"fmt"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// BenchmarkNATThroughput runs a job of many small tiles on a coordinator,
// a node reached directly and a node behind NAT (its RPC relayed through
// a gateway), each with one slot, and reports the tasks the NATed node
// rendered per task of the direct one: a worker takes its next task as
// soon as it answers, so the ratio is their throughput's (goal >= 0.95).
func BenchmarkNATThroughput(b *testing.B) {
	for _, tc := range []struct {
		name            string
		cols, rows, spp int
	}{
		{"8px-tiles-4spp", 16, 12, 4},  // ~1 ms a task: the relay's hop shows
		{"16px-tiles-64spp", 8, 6, 64}, // tens of ms a task
	} {
		b.Run(tc.name, func(b *testing.B) {
			natThroughput(b, tc.cols, tc.rows, tc.spp)
		})
	}
}

func natThroughput(b *testing.B, cols, rows, spp int) {
	nodes := farmtest.Start(b, 3, func(i int, c *farm.NodeConfig) {
		c.BehindNAT = i == 2
	})
	direct, nat := 0, 0
	for i := 0; i < b.N; i++ {
		rep := farmtest.RunJob(b, api.NewClient(nodes[0].URL()), func(s *api.JobSpec) {
			s.Resolution.Width, s.Resolution.Height = 128, 96
			s.Tiles.Cols, s.Tiles.Rows = cols, rows
			s.Samples = spp
			s.Nonce = fmt.Sprintf("%s-%d", b.Name(), i)
		})
		for _, nr := range rep.Nodes {
			switch nr.Node {
			case nodes[1].Name():
				direct += nr.Tasks
			case nodes[2].Name():
				nat += nr.Tasks
			}
		}
	}
	if direct == 0 {
		b.Fatal("the direct node rendered nothing")
	}
	b.ReportMetric(float64(nat)/float64(direct), "nat/direct")
	b.ReportMetric(float64(nat)/float64(b.N), "nat-tasks/job")
	b.ReportMetric(float64(direct)/float64(b.N), "direct-tasks/job")
}
