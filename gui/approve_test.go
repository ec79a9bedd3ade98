package gui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// TestPreviewApproveInApp: a .blend job submitted with a preview shows in
// the jobs list awaiting approval, with its preview's thumbnail, its
// contact sheet beside the list, and Approve and Reject (not Pause)
// enabled; Approve renders the real job to done, and Reject ends a second
// one cancelled.
func TestPreviewApproveInApp(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs it)")
	}
	scene := filepath.Join(t.TempDir(), "anim.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_anim.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build anim.blend: %v\n%s", err, out)
	}
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		r, err := blender.New(blender.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		c.Renderers = []renderer.Renderer{r}
	})
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	data, err := os.ReadFile(scene)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	submit := func(seed uint64) string {
		id, err := c.Submit(ctx, api.JobSpec{
			Scene: hash, SceneName: "anim.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 2, Step: 1},
			Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Seed: seed, Tiles: tiler.Grid{Cols: 1, Rows: 1},
			Depth: 8, Preview: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		farmtest.Until(t, "job "+id+"'s preview is done", func() bool {
			st, err := c.Status(ctx, id)
			return err == nil && st.Preview != nil && st.Preview.State == api.JobDone
		})
		return id
	}
	id := submit(1)

	u, th := newTestUI(t, nodes[0].URL())
	v := u.jobs
	v.refresh()
	th.until(t, "the jobs list shows the awaiting job alone, with a thumbnail", func() bool {
		return len(v.jobs) == 1 && v.jobs[0].State == api.JobAwaiting && v.thumbs[id] != nil
	})
	v.table.Select(widget.TableCellID{Row: 0, Col: 0})
	th.until(t, "the preview's contact sheet shows", func() bool { return v.sheet.Visible() && v.sheet.Image != nil })
	if !strings.Contains(v.info.Text, "awaits approval") {
		t.Errorf("info says %q", v.info.Text)
	}
	button := func(text string) *widget.Button {
		for _, b := range v.actions {
			if b.Text == text {
				return b
			}
		}
		t.Fatalf("no %s button", text)
		return nil
	}
	if button("Approve").Disabled() || button("Reject").Disabled() || !button("Pause").Disabled() {
		t.Fatal("an awaiting job: want Approve and Reject enabled, Pause disabled")
	}

	test.Tap(button("Approve"))
	th.until(t, "the app says it approved", func() bool { return strings.Contains(u.status.Text, "approved") })
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("approved job: %s %v", state, err)
	}
	th.until(t, "the list shows the job done", func() bool {
		v.refresh() // a no-op while a load is in flight
		return len(v.jobs) == 1 && v.jobs[0].State == api.JobDone
	})
	if !button("Approve").Disabled() {
		t.Fatal("Approve stays enabled on a done job")
	}

	id2 := submit(2)
	th.until(t, "the second job is listed", func() bool {
		v.refresh()
		return len(v.jobs) == 2
	})
	for i, j := range v.jobs {
		if j.ID == id2 {
			v.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
	test.Tap(button("Reject"))
	th.until(t, "the app says it rejected", func() bool { return strings.Contains(u.status.Text, "rejected") })
	if st, err := c.Status(ctx, id2); err != nil || st.State != api.JobCancelled {
		t.Fatalf("rejected job: %+v %v", st.State, err)
	}
}

// TestPreviewProgressShown: a job awaiting approval whose preview renders
// says how far the preview is, in the jobs list's State column (from its
// status) and in the live view's summary and log (from its events); once
// the preview has ended, the column says the state alone.
func TestPreviewProgressShown(t *testing.T) {
	preview := func(state api.JobState, done, total int) *api.PreviewStatus {
		return &api.PreviewStatus{ID: "p", State: state, Frames: make([]int, done), Total: total}
	}
	tests := []struct {
		name string
		j    api.JobStatus
		want string
	}{
		{"rendering", api.JobStatus{State: api.JobAwaiting, Preview: preview(api.JobRunning, 7, 24)}, "awaiting-approval (preview: 7/24 frames)"},
		{"queued", api.JobStatus{State: api.JobAwaiting, Preview: preview(api.JobQueued, 0, 1)}, "awaiting-approval (preview: 0/1 frame)"},
		{"ready", api.JobStatus{State: api.JobAwaiting, Preview: preview(api.JobDone, 24, 24)}, "awaiting-approval"},
		{"approved", api.JobStatus{State: api.JobRunning, Preview: preview(api.JobDone, 24, 24)}, "running"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := jobRow(tc.j, "")[1]; got != tc.want {
				t.Fatalf("State column %q, want %q", got, tc.want)
			}
		})
	}

	spec := api.JobSpec{Frames: tiler.Frames{Start: 1, End: 2, Step: 1}, Resolution: tiler.Resolution{Width: 8, Height: 8}, Tiles: tiler.Grid{Cols: 1, Rows: 1}}
	p := NewProgress("job", spec)
	p.Apply(api.Event{Seq: 1, Type: api.EventSubmitted, Task: -1, Total: 2, State: api.JobAwaiting})
	p.Apply(api.Event{Seq: 2, Type: api.EventPreviewProgress, Task: -1, Total: 2, State: api.JobAwaiting,
		Preview: &api.PreviewProgress{ID: "p", Done: 1, Total: 2}, Message: "preview: 1/2 frames"})
	if s := p.Summary(); !strings.Contains(s, "preview: 1/2 frames") {
		t.Fatalf("live summary %q does not count the preview's frames", s)
	}
	if last := p.Log[len(p.Log)-1]; !strings.HasSuffix(last, "preview: 1/2 frames") {
		t.Fatalf("live log's last line %q", last)
	}
}
