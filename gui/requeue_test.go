package gui

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/tiler"
)

// TestFailedFrameRequeue: a job whose frame 2 fails on every node shows
// the frame as failed in the strip, with the renderer's reason and a
// Requeue button; once a node that renders frame 2 joins, the button
// renders it in the same job and the view follows the job to its end.
func TestFailedFrameRequeue(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) { c.Renderers = farmtest.RefuseFrame(2) })
	u, th := newTestUI(t, nodes[0].URL())
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 3, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 1}
	})
	u.showLive(id, nil) // as the Jobs tab opens a job
	th.until(t, "the job ends", func() bool { return u.live.prog != nil && u.live.prog.State.Final() })
	if p := u.live.prog; p.State != api.JobDone || len(p.Failed) != 1 {
		t.Fatalf("job %s (%s), failed frames %v: want done with frame 2 failed", p.State, p.Message, p.Failed)
	}
	cells := u.live.failCells
	if !cells[2].box.Visible() || cells[1].box.Visible() || cells[3].box.Visible() || cells[2].requeue.Disabled() {
		t.Fatal("the strip does not show frame 2 alone as failed, with Requeue enabled")
	}
	if !hasText(u.live.content, "renderer refuses frame 2") {
		t.Fatalf("the strip does not say why frame 2 failed: %q", cells[2].reason.Text)
	}

	good := farm.DefaultNodeConfig()
	good.Name, good.DataDir, good.Renderers = "node-3", filepath.Join(t.TempDir(), "node-3"), farmtest.Renderers()
	good.Gossip.Fast, good.Gossip.Join = true, []string{nodes[0].GossipAddr()}
	n3, err := farm.StartNode(context.Background(), good)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n3.Close() })
	if err := farm.WaitMembers(context.Background(), append(nodes, n3), 3, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	test.Tap(cells[2].requeue)
	th.until(t, "frame 2 is rendered in the same job", func() bool {
		p := u.live.prog
		return p.State == api.JobDone && p.Assembled[2] && len(p.Failed) == 0
	})
	if cells[2].box.Visible() {
		t.Error("frame 2 is still shown as failed")
	}
	st, err := c.Status(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Partial || !slices.Equal(st.Frames, []int{1, 2, 3}) {
		t.Fatalf("after Requeue: partial %v, frames %v; want frames 1-3", st.Partial, st.Frames)
	}
}
