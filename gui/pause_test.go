package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// TestPauseButtonsAndEndNotification: the live view's Pause button stops
// a job mid-way (the jobs list then offers Resume, not Pause), Resume
// lets it finish, and its end raises a desktop notification (once: a
// reopened job's replayed end raises none).
func TestPauseButtonsAndEndNotification(t *testing.T) {
	gate := farmtest.NewGate()
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, nil)
	u, th := newTestUI(t, nodes[0].URL())
	u.showLive(id, nil)
	th.until(t, "the live view follows the job", func() bool { return u.live.prog != nil && !u.live.pause.Disabled() })

	gate.Allow(2)
	th.until(t, "two tiles are done", func() bool { return u.live.prog.Done >= 2 })
	test.Tap(u.live.pause)
	th.until(t, "the job shows paused", func() bool {
		return u.live.prog.State == api.JobPaused && u.live.pause.Text == "Resume" && strings.Contains(u.status.Text, "paused")
	})
	gate.Open() // what was leased finishes; nothing new is leased
	farmtest.Until(t, "the leases in flight finish", func() bool {
		st, err := c.Pause(context.Background(), id)
		return err == nil && st.InFlight == 0
	})
	st, err := c.Status(context.Background(), id)
	if err != nil || st.State != api.JobPaused || st.Done >= st.Total {
		t.Fatalf("after pressing Pause: %+v, %v: want paused mid-job", st, err)
	}

	u.jobs.refresh()
	th.until(t, "the jobs list shows the paused job", func() bool { return len(u.jobs.jobs) == 1 && u.jobs.jobs[0].State == api.JobPaused })
	u.jobs.table.Select(widget.TableCellID{Row: 0, Col: 0})
	pause, resume := u.jobs.actions[len(u.jobs.actions)-2], u.jobs.actions[len(u.jobs.actions)-1]
	if !pause.Disabled() || resume.Disabled() {
		t.Fatalf("jobs list on a paused job: Pause enabled %v, Resume enabled %v; want only Resume", !pause.Disabled(), !resume.Disabled())
	}

	want := &fyne.Notification{Title: "Render done: cornell.glb", Content: "Job " + id + ": 16 of 16 tasks done"}
	test.AssertNotificationSent(t, want, func() {
		test.Tap(resume)
		th.until(t, "the resumed job ends in the live view", func() bool { return u.live.prog.State.Final() })
	})
	if u.live.prog.State != api.JobDone {
		t.Fatalf("resumed job ended %s", u.live.prog.State)
	}
	// Opening the job again replays its end: no second notification.
	test.AssertNotificationSent(t, nil, func() {
		u.showLive(id, nil)
		th.until(t, "the reopened job shows its end", func() bool { return u.live.prog != nil && u.live.prog.State.Final() })
	})
}
