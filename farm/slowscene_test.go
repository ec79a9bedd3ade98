package farm_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// paddedGLB is the bundled scene name with a chunk of pad bytes of a type
// no reader knows appended (glTF readers skip unknown chunks): the same
// picture in a file as large as an artist's.
func paddedGLB(t testing.TB, name string, pad int) []byte {
	t.Helper()
	data, ok := scenes.Bytes(name)
	if !ok {
		t.Fatalf("no bundled scene %s", name)
	}
	out := append([]byte(nil), data...)
	out = binary.LittleEndian.AppendUint32(out, uint32(pad))
	out = append(out, "PAD\x00"...)
	out = append(out, make([]byte, pad)...)
	binary.LittleEndian.PutUint32(out[8:], uint32(len(out)))
	return out
}

// TestSlowSceneKeepsLease: a worker whose lease waits for its scene to
// come over a slow link keeps the lease while the scene arrives.
//   - heartbeats: the coordinator serves blobs at 8 KB/s, so anim.glb
//     takes over 2 s against a heartbeat timeout of 0.4 s; the worker
//     answers the lease's heartbeats meanwhile, so the lease is not ended
//     as unanswered and counted against it.
//   - stall bound: a 2 MiB scene at 512 KiB/s takes 4 s against a bound
//     without progress of 1.5 s; the pieces arriving are progress, so the
//     lease is not ended as stalled, and the worker renders it; the job's
//     events say how much of the scene it held meanwhile.
func TestSlowSceneKeepsLease(t *testing.T) {
	tests := []struct {
		name    string
		upload  int64 // the coordinator's upload limit, bytes a second
		pad     int   // bytes added to the scene
		stall   farm.StallConfig
		renders bool // the worker must render its lease (not only keep it)
	}{
		{"heartbeats", 8 << 10, 0, farm.DefaultStallConfig(), false},
		{"stall bound", 512 << 10, 2 << 20, farm.StallConfig{Default: 1500 * time.Millisecond, Min: 1500 * time.Millisecond, Factor: 8, FetchRate: 64 << 10}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.HeartbeatInterval, c.HeartbeatTimeout = 100*time.Millisecond, 400*time.Millisecond
				c.Prefetch = false // the lease fetches its scene
				c.Stall = tc.stall
				if i == 0 {
					c.UploadLimit = tc.upload
				}
			})
			worker := nodes[1].Name()
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			scene, err := c.Upload(ctx, paddedGLB(t, "anim.glb", tc.pad))
			if err != nil {
				t.Fatal(err)
			}
			id, err := c.Submit(ctx, api.JobSpec{
				Scene: scene, SceneName: "anim.glb", Renderer: "pathtracer",
				Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
				Samples: 2, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8, Nonce: t.Name(),
			})
			if err != nil {
				t.Fatal(err)
			}
			leased, rendered := false, 0
			var fetched []float64 // the scene's share the worker held, as events said
			var lost []string
			state, err := c.Events(ctx, id, func(e api.Event) error {
				if e.Node != worker {
					return nil
				}
				switch {
				case e.Type == api.EventLeased:
					leased = true
				case e.Type == api.EventDone:
					rendered++
				case e.Type == api.EventProgress && e.Fetched > 0:
					fetched = append(fetched, e.Fetched)
				case e.Type == api.EventRequeued && e.Reason != api.RequeueOvertaken:
					lost = append(lost, fmt.Sprintf("%s: %s", e.Reason, e.Message))
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
				t.Errorf("%s's lease ended while it fetched the scene: %s", worker, l)
			}
			if tc.renders && rendered == 0 {
				t.Errorf("%s rendered nothing", worker)
			}
			if tc.renders && len(fetched) == 0 {
				t.Errorf("no progress event said how much of the scene %s held", worker)
			}
			for i, f := range fetched {
				// Told once a whole percent: each share a percent above
				// the last.
				if f > 1 || i > 0 && int(100*f) <= int(100*fetched[i-1]) {
					t.Errorf("the scene's share %s held went %v", worker, fetched)
					break
				}
			}
		})
	}
}
