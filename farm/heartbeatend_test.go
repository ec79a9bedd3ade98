package farm_test

import (
	"bytes"
	"context"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestHeartbeatsEndWithCall: a lease's heartbeats stop when its render
// call returns, before the tile is accepted, so none is left running once
// the job is done. (They went on, asking about tasks the worker had
// answered, until HeartbeatTimeout: ten beats a finished lease.) One node
// leasing to itself: its own tiles are not spot-checked, so no check's
// lease can still run when the job ends.
func TestHeartbeatsEndWithCall(t *testing.T) {
	node := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{instantRenderer{}}
		c.Slots = 4
	})[0]
	c := api.NewClient(node.URL())
	ctx := context.Background()
	hash, err := c.Upload(ctx, []byte("an instant scene"))
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "x.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 64, Height: 64}, Samples: 1, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	var buf bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&buf, 1)
	for _, stack := range strings.Split(buf.String(), "\n\n") {
		if strings.Contains(stack, "farm.(*coordinator).heartbeat") {
			t.Fatalf("heartbeats still run after the job is done:\n%s", stack)
		}
	}
}
