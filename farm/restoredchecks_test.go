package farm_test

import (
	"context"
	"fmt"
	"image"
	"net"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// heldChecks holds every check's render (a region smaller than tile)
// until gate is closed: the checks are in flight when the test stops
// their coordinator.
type heldChecks struct {
	renderer.Renderer
	tile image.Point
	gate <-chan struct{}
}

func (h heldChecks) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if r := t.Rect(); r.Dx() < h.tile.X || r.Dy() < h.tile.Y {
		select {
		case <-h.gate:
		case <-ctx.Done():
			return renderer.Result{}, ctx.Err()
		}
	}
	return h.Renderer.Render(ctx, t)
}

// TestCheckResumedAfterRestart: a coordinator stopped (or killed) while
// its spot checks run checks those tiles again when it starts again. A
// lazy worker, every tile of which was under check when the coordinator
// went down, is still caught and its tiles are rendered again; before,
// they stood as unchecked after the restart, in the frame and paid.
func TestCheckResumedAfterRestart(t *testing.T) {
	for _, stop := range []string{"closed", "killed"} {
		t.Run(stop, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			tile := image.Pt(16, 12) // 64x48 in 4x4 tiles
			gate := make(chan struct{})
			var cfg0 farm.NodeConfig
			nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				r := farmtest.Renderers()[0]
				if i == 1 {
					r = &cheater{Renderer: r, mode: "lazy16"}
				}
				c.Renderers = []renderer.Renderer{heldChecks{Renderer: r, tile: tile, gate: gate}}
				if i == 0 {
					id, err := rpc.NewIdentity()
					if err != nil {
						t.Fatal(err)
					}
					c.Identity = id
					// Started again where it ran, as a node restarted
					// with the same flags is: the others know it there.
					c.APIAddr, c.Gossip.BindPort = fmt.Sprintf("127.0.0.1:%d", freePort(t)), freePort(t)
					cfg0 = *c
				}
			})
			c := api.NewClient(nodes[0].URL())
			id := farmtest.Submit(t, c, func(s *api.JobSpec) {
				s.Resolution, s.Tiles, s.Samples, s.VerifyRate = tiler.Resolution{Width: 64, Height: 48}, tiler.Grid{Cols: 4, Rows: 4}, 16, 1
			})
			lazy := 0
			farmtest.Until(t, "every tile accepted, node-2's under check", func() bool {
				rep, err := c.Report(ctx, id)
				lazy = 0
				done := 0
				for _, tr := range rep.Tasks {
					if tr.State == api.TaskDone {
						done++
					}
					if tr.Node == "node-2" && tr.State == api.TaskDone && tr.Verdict == api.VerdictChecking {
						lazy++
					}
				}
				return err == nil && done == len(rep.Tasks) && lazy > 0
			})
			var err error
			if stop == "closed" {
				err = nodes[0].Close()
			} else {
				err = nodes[0].Kill()
			}
			if err != nil {
				t.Fatal(err)
			}
			close(gate)
			c = api.NewClient(farmtest.Restart(t, ctx, cfg0, nodes[2]).URL())
			rep := farmtest.WaitDone(t, c, id)

			convicted := false
			for _, cv := range rep.Convictions {
				convicted = convicted || cv.Node == "node-2"
			}
			for _, tr := range rep.Tasks {
				switch {
				case tr.Node == "node-2":
					t.Errorf("task %d stands as node-2's (%s, %s): the lazy worker's tiles were to be rendered again", tr.Index, tr.State, tr.Verdict)
				case tr.Node != "node-1" && tr.Verdict != api.VerdictPassed:
					why := ""
					if tr.Evidence != nil {
						why = tr.Evidence.Verdict.Reason
					}
					t.Errorf("task %d by %s stands %s (%s), want passed: every tile of the job is checked", tr.Index, tr.Node, tr.Verdict, why)
				}
			}
			if !convicted {
				t.Errorf("node-2 not convicted (convictions %+v): %d of its tiles were under check at the stop", rep.Convictions, lazy)
			}
			t.Logf("%d of node-2's tiles under check when the coordinator was %s; convictions %d", lazy, stop, len(rep.Convictions))
		})
	}
}

// freePort returns a loopback port free for TCP and UDP (memberlist binds
// both) a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	for range 20 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := l.Addr().(*net.TCPAddr).Port
		u, err := net.ListenPacket("udp", fmt.Sprintf("127.0.0.1:%d", port))
		l.Close()
		if err == nil {
			u.Close()
			return port
		}
	}
	t.Fatal("no free loopback port for TCP and UDP")
	return 0
}
