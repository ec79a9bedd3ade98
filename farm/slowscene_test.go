package farm_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// TestSlowSceneKeepsLease: a worker whose lease waits for its scene to
// come over a slow link (here the coordinator serves blobs at 8 KB/s, so
// anim.glb takes over 2 s against a heartbeat timeout of 0.4 s) answers
// the lease's heartbeats meanwhile, so the lease is not ended as
// unanswered and counted against it.
func TestSlowSceneKeepsLease(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.HeartbeatInterval, c.HeartbeatTimeout = 100*time.Millisecond, 400*time.Millisecond
		c.Prefetch = false // the lease fetches its scene
		if i == 0 {
			c.UploadLimit = 8 << 10
		}
	})
	worker := nodes[1].Name()
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.SceneName = "anim.glb" })
	leased := false
	var lost []string
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Node != worker {
			return nil
		}
		switch {
		case e.Type == api.EventLeased:
			leased = true
		case e.Type == api.EventRequeued && e.Reason != api.RequeueOvertaken:
			lost = append(lost, string(e.Reason)+": "+e.Message)
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	if !leased {
		t.Fatalf("%s was never leased a task: the test proves nothing", worker)
	}
	for _, l := range lost {
		if strings.Contains(l, "heartbeats") {
			t.Errorf("%s's lease ended while it fetched the scene: %s", worker, l)
		}
	}
}
