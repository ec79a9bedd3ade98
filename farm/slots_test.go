package farm_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// concurrency wraps a renderer and records how many of its renders run at
// once, and the most ever.
type concurrency struct {
	renderer.Renderer
	now, peak, total atomic.Int64
}

func (c *concurrency) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	n := c.now.Add(1)
	defer c.now.Add(-1)
	c.total.Add(1)
	for p := c.peak.Load(); n > p && !c.peak.CompareAndSwap(p, n); p = c.peak.Load() {
	}
	// Long enough that leases of three jobs pile onto each node while a
	// render runs: the burst is what tests the slots.
	select {
	case <-time.After(20 * time.Millisecond):
	case <-ctx.Done():
	}
	return c.Renderer.Render(ctx, t)
}

// TestSlotsNeverExceeded: three nodes of two slots each coordinate a job
// of 64 tasks each at once, every node leasing to every other: 192 tasks
// for 6 slots. No node ever runs more renders at once than its slots, and
// the burst does fill them.
func TestSlotsNeverExceeded(t *testing.T) {
	const slots = 2
	counters := make([]*concurrency, 3)
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Slots = slots
		// Next to no spot checks (the policy takes no 0): a check renders
		// in a slot of its own, beside the task slots this counts.
		c.Verify.NewNodeRate, c.Verify.Floor, c.Verify.FailedRate = 1e-12, 1e-12, 1e-12
		counters[i] = &concurrency{Renderer: c.Renderers[0]}
		c.Renderers = []renderer.Renderer{counters[i]}
	})
	var wg sync.WaitGroup
	for _, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := api.NewClient(n.URL())
			id := farmtest.Submit(t, c, func(s *api.JobSpec) {
				s.Tiles = tiler.Grid{Cols: 8, Rows: 8}
				s.Resolution = tiler.Resolution{Width: 64, Height: 48}
			})
			farmtest.WaitDone(t, c, id)
		}()
	}
	wg.Wait()
	var total, busiest int64
	for i, c := range counters {
		t.Logf("node %d: %d renders, at most %d at once", i+1, c.total.Load(), c.peak.Load())
		if c.peak.Load() > slots {
			t.Errorf("node %d ran %d renders at once, over its %d slots", i+1, c.peak.Load(), slots)
		}
		total += c.total.Load()
		busiest = max(busiest, c.peak.Load())
	}
	if total < 3*64 {
		t.Errorf("%d renders for 3 jobs of 64 tasks", total)
	}
	if busiest < slots {
		t.Errorf("no node ever ran %d renders at once: the burst did not fill the slots, so the test proves nothing", slots)
	}
}
