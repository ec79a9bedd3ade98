package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/renderer/pathtracer"
)

// TestSubmissionNotesShown: when the node says something of a submission
// (here: a member of a newer release that takes no work from it), the
// artist, taken to the live view by Render, reads it there, above the job,
// and again for a job submitted anew from the Jobs list; a job opened
// without a word from the node shows none.
func TestSubmissionNotesShown(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	meta := api.NodeMeta{ID: "newer", API: "http://127.0.0.1:9", Cores: 4, Slots: 2, Proto: farm.Protocol + 1,
		Renderers: map[string]string{"pathtracer": pathtracer.New(pathtracer.DefaultConfig()).Version()}}
	cl, err := gossip.Join(gossip.Config{Name: "newer", BindAddr: "127.0.0.1", Fast: true, Join: []string{nodes[0].GossipAddr()}}, meta, func(string) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Leave(time.Second) })
	if err := farm.WaitMembers(context.Background(), nodes, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	const note = "1 member(s) of a newer conun release take no work from this node"

	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	v.setScene(sceneFile(t, "cornell.glb"))
	th.until(t, "the form is pre-filled", func() bool { return v.entries[FieldResolution].Text != "" })
	typeInto(v.entries[FieldResolution], "32x24")
	typeInto(v.entries[FieldSamples], "1")
	shown := func(what string) {
		t.Helper()
		th.until(t, what, func() bool {
			return u.live.prog != nil && u.live.notes.Visible() && strings.Contains(u.live.notes.Text, note) && hasText(u.live.content, note)
		})
	}
	test.Tap(v.render)
	shown("the live view shows the node's note on the submission")
	if !strings.Contains(v.result.Text, note) {
		t.Errorf("New render says %q, want the note too", v.result.Text)
	}
	first := u.live.prog.JobID
	th.until(t, "the job ends", func() bool { return u.live.prog.State.Final() })

	u.showLive(first, nil)
	th.until(t, "the job reopens", func() bool { return u.live.prog != nil })
	if u.live.notes.Visible() {
		t.Errorf("job opened from its ID shows notes %q: the node said nothing", u.live.notes.Text)
	}

	u.jobs.refresh()
	th.until(t, "the jobs list shows the job", func() bool { return len(u.jobs.jobs) == 1 })
	u.jobs.table.Select(widget.TableCellID{Row: 0, Col: 0})
	u.jobs.resubmit()
	shown("the live view shows the node's note on the job submitted anew")
	if u.live.prog.JobID == first {
		t.Errorf("the live view still shows job %s, not the new one", first)
	}
}
