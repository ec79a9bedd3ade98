//go:build linux && cgo

package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/tiler"
)

// TestFlipbookApproval: a glTF job submitted with a preview (gl-raster on
// Mesa's llvmpipe: this test binary, which the Xvfb tests start as the
// app, so links renderer/gl as `conun gui` does, and they prove Fyne's GL
// still starts beside it) shows in the jobs list with its preview's progress in
// the State column while it renders; once it is ready, selecting it plays
// the preview's frames, as the node serves them, next to Approve and
// Reject; Approve renders the job, and once done the player plays the
// job's own frames.
func TestFlipbookApproval(t *testing.T) {
	r, err := gl.NewRaster(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl-raster renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	defer r.Close()
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{pathtracer.New(pathtracer.DefaultConfig()), r}
	})
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	const n = 4
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName, s.Frames, s.Tiles = "anim.glb", tiler.Frames{Start: 1, End: n, Step: 1}, tiler.Grid{Cols: 1, Rows: 1}
		s.Resolution, s.Preview = tiler.Resolution{Width: 24, Height: 16}, true
	})

	u, th := newTestUI(t, nodes[0].URL())
	v := u.jobs
	clock := newStepClock()
	v.ticker = clock.ticker
	// The State column says "awaiting-approval (preview: k/4 frames)"
	// while the preview renders; it may be done before the first list.
	v.refresh()
	th.until(t, "the job is listed awaiting approval", func() bool { return len(v.jobs) == 1 && v.jobs[0].State == api.JobAwaiting })
	if j := v.jobs[0]; j.Preview == nil || j.Preview.Total != n {
		t.Fatalf("listed preview %+v: want %d frames in all", j.Preview, n)
	} else if row := jobRow(j, "")[1]; !j.Preview.State.Final() && !strings.HasPrefix(row, fmt.Sprintf("awaiting-approval (preview: %d/%d frames)", len(j.Preview.Frames), n)) {
		t.Fatalf("State column of a job whose preview renders: %q", row)
	}
	th.until(t, "the list shows the preview done", func() bool {
		v.refresh() // a no-op while a load is in flight; the list polls too while a preview renders
		return len(v.jobs) == 1 && v.jobs[0].Preview != nil && v.jobs[0].Preview.State == api.JobDone
	})
	if row := jobRow(v.jobs[0], "")[1]; row != string(api.JobAwaiting) {
		t.Fatalf("State column once the preview is done: %q", row)
	}
	served := servedFrames(t, c, v.jobs[0].Preview.ID, n)

	v.table.Select(widget.TableCellID{Row: 0, Col: 0})
	plays := func(f int) func() bool {
		return func() bool {
			p := v.player
			return p != nil && v.playerBox.Visible() && p.shown && p.frames[p.pos] == f && sameImage(p.image.Image, served[f])
		}
	}
	th.until(t, "the preview's flipbook shows frame 1", plays(1))
	approve := actionButton(t, v, "Approve")
	if approve.Disabled() || actionButton(t, v, "Reject").Disabled() {
		t.Fatal("Approve and Reject are not both enabled beside the preview")
	}
	test.Tap(v.player.play)
	for _, f := range []int{2, 3, 4, 1} {
		clock.tick(t)
		th.until(t, fmt.Sprintf("the preview plays frame %d", f), plays(f))
	}
	test.Tap(v.player.play)

	test.Tap(approve)
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("approved job: %s %v", state, err)
	}
	th.until(t, "the list shows the job done", func() bool {
		v.refresh()
		return len(v.jobs) == 1 && v.jobs[0].State == api.JobDone
	})
	served = servedFrames(t, c, id, n)
	th.until(t, "the done job's own frames play", plays(1))
	if v.player.frames[0] != 1 || v.playerOf != fmt.Sprintf("%s/%d", id, n) {
		t.Fatalf("the player plays %s, want job %s's own %d frames", v.playerOf, id, n)
	}
}
