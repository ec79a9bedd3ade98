package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestPartialJobNotification: a watched job whose frame 2 fails on every
// node ends done with a frame missing; its desktop notification says
// "partial" and names the failed frame, with the node's own task counts.
// The failed frame's Log button in the strip shows why its tasks failed.
func TestPartialJobNotification(t *testing.T) {
	gate := farmtest.NewGate()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.RefuseFrame(2)[0])}
	})
	u, th := newTestUI(t, nodes[0].URL())
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 3, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 1}
	})
	u.showLive(id, nil)
	th.until(t, "the live view follows the job", func() bool { return u.live.prog != nil })

	want := &fyne.Notification{Title: "Render partial: anim.glb"}
	test.AssertNotificationSent(t, want, func() {
		gate.Open() // the job may only end once the view watches it
		th.until(t, "the job ends in the live view", func() bool { return u.live.prog.State.Final() })
		st, err := c.Status(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Partial {
			t.Fatalf("job %s ended %s, not partial", id, st.State)
		}
		want.Content = fmt.Sprintf("Job %s: %d of %d tasks done; failed frames 2", id, st.Done, st.Total)
	})

	test.Tap(u.live.failCells[2].logs)
	th.until(t, "frame 2's logs are shown", func() bool { return u.live.logDialog != nil })
	for _, s := range []string{"Task 2, frame 2, lease ", "exit failed: ", "refuses frame 2"} {
		if !strings.Contains(u.live.logText, s) {
			t.Errorf("frame 2's log dialog %q does not say %q", u.live.logText, s)
		}
	}
}
