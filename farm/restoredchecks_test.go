package farm_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/internal/freeport"
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
					c.APIAddr, c.Gossip.BindPort = fmt.Sprintf("127.0.0.1:%d", freeport.Get(t)), freeport.Get(t)
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
				case tr.Node == "node-1" && tr.Verdict != api.VerdictTrusted:
					t.Errorf("the coordinator's own task %d stands %q, want trusted", tr.Index, tr.Verdict)
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

// failedChecks fails every check's render (a region smaller than tile),
// counting them: a checker in league with the workers, or a broken one.
type failedChecks struct {
	renderer.Renderer
	tile   image.Point
	failed *atomic.Int64
}

func (f failedChecks) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if r := t.Rect(); r.Dx() < f.tile.X || r.Dy() < f.tile.Y {
		f.failed.Add(1)
		return renderer.Result{}, errors.New("not today")
	}
	return f.Renderer.Render(ctx, t)
}

// TestFailingCheckerReplaced: a checker that fails a check is replaced by
// another, and the tile is checked all the same. Before, it stood
// unchecked, and paid: a checker could wave its partner's tiles through
// by failing their checks.
func TestFailingCheckerReplaced(t *testing.T) {
	var failed atomic.Int64
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Renderers = []renderer.Renderer{failedChecks{Renderer: farmtest.Renderers()[0], tile: image.Pt(8, 6), failed: &failed}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	// 64 tiles: node-3 is asked to check some of node-2's (each check of
	// them picks node-3 or the coordinator).
	rep := farmtest.RunJob(t, c, func(s *api.JobSpec) {
		s.Resolution, s.Tiles, s.Samples, s.VerifyRate = tiler.Resolution{Width: 64, Height: 48}, tiler.Grid{Cols: 8, Rows: 8}, 4, 1
	})
	checked := 0
	for _, tr := range rep.Tasks {
		if tr.Node != "node-2" {
			continue
		}
		if tr.Evidence == nil {
			t.Errorf("node-2's task %d stands %s, never checked", tr.Index, tr.Verdict)
		} else if tr.Verdict != api.VerdictPassed || tr.Evidence.Checker == "node-3" {
			t.Errorf("node-2's task %d stands %s by %s (%s), want passed by another checker than node-3", tr.Index, tr.Verdict, tr.Evidence.Checker, tr.Evidence.Verdict.Reason)
		}
		checked++
	}
	if failed.Load() == 0 || checked == 0 {
		t.Fatalf("node-3 failed %d checks, node-2 rendered %d tiles: the test proves nothing", failed.Load(), checked)
	}
	t.Logf("node-3 failed %d checks; node-2's %d tiles all passed another's", failed.Load(), checked)
}
