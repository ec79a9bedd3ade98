package farm_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// deaths counts memberlist's declarations that a member failed, from the
// log lines every node's gossip writes to it.
type deaths struct{ n atomic.Int64 }

func (d *deaths) Write(b []byte) (int, error) {
	if strings.Contains(string(b), "as failed, suspect timeout reached") {
		d.n.Add(1)
	}
	return len(b), nil
}

// startCluster starts n nodes as farmtest.StartNodes does (fast gossip
// timing, each joined through a few earlier ones), logging gossip to d, and
// returns them with how long after the last start every node saw all n,
// and how long from the first start (formation within two minutes, else
// the test fails).
func startCluster(t testing.TB, n int, d *deaths) (nodes []*farm.Node, afterLast, fromFirst time.Duration) {
	t.Helper()
	begun := time.Now()
	nodes = farmtest.StartNodes(t, n, func(_ int, c *farm.NodeConfig) {
		c.Gossip.Logger = log.New(d, "", 0)
	})
	started := time.Now()
	if err := farm.WaitMembers(context.Background(), nodes, n, 2*time.Minute); err != nil {
		t.Fatalf("%v (%d dead declarations of honest members)", err, d.n.Load())
	}
	return nodes, time.Since(started), time.Since(begun)
}

// TestBigClusterForms: 50, 100 and 200 in-process nodes (real memberlist
// sockets on loopback) form a cluster and run a job, 200 three times in a
// row, and failure detection declares none of them dead on the way, on a
// 2-core machine. The fast timing used to declare 50 such honest nodes
// dead 2,200 times in 30 s and never form (a 100 ms probe timeout,
// compressing every packet), 200 nodes joined through one seed timed out
// joining, and with the local preset's retransmits a few members missed a
// wave of new ones until a full state sync 48 s later.
//
// make test runs it without -race, after the rest (SCALE in the
// Makefile): the race detector multiplies memberlist's message handling
// about tenfold, and 200 nodes' worth of it is more than two cores hold.
func TestBigClusterForms(t *testing.T) {
	for _, tc := range []struct{ nodes, runs int }{{50, 1}, {100, 1}, {200, 3}} {
		t.Run(fmt.Sprintf("nodes=%d", tc.nodes), func(t *testing.T) {
			if testing.Short() {
				t.Skipf("NOT TESTED: -short: needs %d in-process nodes, a minute or more on a loaded 2-core machine", tc.nodes)
			}
			if raceDetector && tc.nodes > 50 {
				t.Skipf("NOT TESTED under -race: %d in-process nodes need a binary without the race detector (make test runs this test so, after the rest)", tc.nodes)
			}
			// Runs in a row, each its own cluster: formation that
			// succeeds only now and then is what this test is for.
			for run := range tc.runs {
				t.Run(fmt.Sprintf("run=%d", run+1), func(t *testing.T) {
					var d deaths
					nodes, took, all := startCluster(t, tc.nodes, &d)
					t.Logf("%d nodes all saw each other %v after the last one started, %v after the first", tc.nodes, took.Round(time.Millisecond), all.Round(time.Millisecond))
					rep := farmtest.RunJob(t, api.NewClient(nodes[0].URL()), nil)
					if len(rep.Nodes) == 0 {
						t.Fatalf("job done but no node rendered: %+v", rep)
					}
					if n := d.n.Load(); n > 0 {
						t.Errorf("%d declarations that an honest member failed while the cluster formed and ran a job", n)
					}
				})
			}
		})
	}
}

// BenchmarkConvergence: how long after the last of N in-process nodes
// started every node sees all N (the goal: 200 within 5 s), and
// how long from the first start, the starting included (in doubling
// waves, each node's store created and synced).
func BenchmarkConvergence(b *testing.B) {
	for _, n := range []int{50, 100, 200} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			var afterLast, fromFirst time.Duration
			var d deaths
			for range b.N {
				nodes, last, first := startCluster(b, n, &d)
				afterLast += last
				fromFirst += first
				// Closed before the next: one cluster of n at a time.
				var wg sync.WaitGroup
				for _, node := range nodes {
					wg.Go(func() { node.Close() })
				}
				wg.Wait()
			}
			b.ReportMetric(afterLast.Seconds()/float64(b.N), "s/converge")
			b.ReportMetric(fromFirst.Seconds()/float64(b.N), "s/start+converge")
			b.ReportMetric(float64(d.n.Load())/float64(b.N), "deaths/op")
		})
	}
}
