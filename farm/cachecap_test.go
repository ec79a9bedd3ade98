package farm_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// TestCacheCapRefusesLease: a worker whose cache cap cannot take a job's
// scene refuses its leases, saying why, and stores nothing over the cap;
// the job is done by the node that can, and the refusal reaches the job's
// events.
func TestCacheCapRefusesLease(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		if i == 1 {
			c.CacheBytes = 4000 // cornell.glb is 6468 bytes
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, nil)
	var mu sync.Mutex
	var refusals []string
	state, err := c.Events(context.Background(), id, func(e api.Event) error {
		if e.Type == api.EventRequeued && e.Reason == api.RequeueOverCap {
			mu.Lock()
			refusals = append(refusals, e.Node+": "+e.Message)
			mu.Unlock()
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s, %v", id, state, err)
	}
	if len(refusals) == 0 {
		t.Fatal("no requeue said the worker's cache cap refused the scene")
	}
	t.Logf("%d refusals, the first: %s", len(refusals), refusals[0])
	if !strings.Contains(refusals[0], "node-2") || !strings.Contains(refusals[0], "over the blob cache cap") || !strings.Contains(refusals[0], "--cache-max") {
		t.Errorf("refusal %q: want node-2's, over the blob cache cap, naming --cache-max", refusals[0])
	}
	if total, _ := nodes[1].Cache().Usage(); total > 4000 {
		t.Errorf("node-2's cache holds %d bytes, over its 4000-byte cap", total)
	}
}
