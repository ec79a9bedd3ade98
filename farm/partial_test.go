package farm_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// startNode starts one node named name with its data in dir, joined to
// join (when set), stopped when the test ends.
func startNode(t *testing.T, name, dir string, join string, rends []renderer.Renderer) *farm.Node {
	t.Helper()
	c := farm.DefaultNodeConfig()
	c.Name, c.DataDir, c.Renderers = name, dir, rends
	c.Gossip.Fast = true
	if join != "" {
		c.Gossip.Join = []string{join}
	}
	n, err := farm.StartNode(context.Background(), c)
	if err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// waitEnd follows job id's events to its end and returns its status.
func waitEnd(t *testing.T, c *api.Client, id string) api.JobStatus {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := c.Events(ctx, id, nil); err != nil {
		t.Fatalf("job %s: %v", id, err)
	}
	st, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// framesOnDisk lists the frame files in a job's output folder.
func framesOnDisk(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

// TestFrameFailsAlone: frame 2 fails on every node, so it fails alone:
// the job ends done and partial with the reason, frames 1 and 3 are
// delivered, a restarted coordinator still lists the failed frame, and
// once a node that can render frame 2 joins, requeue --failed renders just
// its tasks in the same job (across another restart), whose output folder
// then holds every frame.
func TestFrameFailsAlone(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	coordDir := filepath.Join(root, "node-1")
	a := startNode(t, "node-1", coordDir, "", farmtest.RefuseFrame(2))
	b := startNode(t, "node-2", filepath.Join(root, "node-2"), a.GossipAddr(), farmtest.RefuseFrame(2))
	if err := farm.WaitMembers(ctx, []*farm.Node{a, b}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	c := api.NewClient(a.URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 3, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 1}
	})
	st := waitEnd(t, c, id)
	if st.State != api.JobDone || !st.Partial || !slices.Equal(st.Frames, []int{1, 3}) {
		t.Logf("error: %s", st.Error)
		t.Fatalf("job ended %s, partial %v, frames %v: want done, partial, frames 1 and 3", st.State, st.Partial, st.Frames)
	}
	if len(st.FailedFrames) != 1 || st.FailedFrames[0].Frame != 2 || len(st.FailedFrames[0].Tasks) != 2 ||
		!strings.Contains(st.FailedFrames[0].Reason, "renderer refuses frame 2") {
		t.Fatalf("failed frames %+v: want frame 2, both its tiles, with the renderer's reason", st.FailedFrames)
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tasks {
		if want := map[bool]api.TaskState{true: api.TaskFailed, false: api.TaskDone}[tr.Frame == 2]; tr.State != want || (tr.Reason != "") != (want == api.TaskFailed) {
			t.Fatalf("task %d of frame %d: %s, reason %q; want %s", tr.Index, tr.Frame, tr.State, tr.Reason, want)
		}
	}
	out := t.TempDir()
	files, err := c.Fetch(ctx, id, out)
	if err != nil || len(files) != 2 {
		t.Fatalf("fetch of the partial job: %v, %v; want frames 1 and 3", files, err)
	}

	// A restart keeps the failed frame and its reason.
	a.Close()
	a = startNode(t, "node-1", coordDir, b.GossipAddr(), farmtest.RefuseFrame(2))
	c = api.NewClient(a.URL())
	again, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Partial || fmt.Sprint(again.FailedFrames) != fmt.Sprint(st.FailedFrames) {
		t.Fatalf("after a restart: partial %v, failed %+v; want %+v", again.Partial, again.FailedFrames, st.FailedFrames)
	}

	// The cause is fixed: a node that renders frame 2 joins (slowly, so
	// that the coordinator restarts while it renders).
	good := startNode(t, "node-3", filepath.Join(root, "node-3"), a.GossipAddr(), []renderer.Renderer{slowRenderer{farmtest.Renderers()[0]}})
	if err := farm.WaitMembers(ctx, []*farm.Node{a, b, good}, 3, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	res, err := c.Requeue(ctx, id, api.RequeueRequest{Failed: true})
	if err != nil || !slices.Equal(res.Frames, []int{2}) || res.Tasks != 2 {
		t.Fatalf("requeue: %+v, %v; want frame 2's 2 tasks", res, err)
	}
	// A restart keeps the requeue: the job runs on to its end.
	a.Kill()
	a = startNode(t, "node-1", coordDir, b.GossipAddr(), farmtest.RefuseFrame(2))
	c = api.NewClient(a.URL())
	if st, err := c.Status(ctx, id); err != nil || st.State != api.JobRunning {
		t.Fatalf("after a restart mid-requeue: %s, %v; want the job running", st.State, err)
	}
	st = waitEnd(t, c, id)
	if st.State != api.JobDone || st.Partial || !slices.Equal(st.Frames, []int{1, 2, 3}) || st.Done != st.Total {
		t.Fatalf("after the requeue: %s, partial %v, frames %v, %d/%d tasks; want done with frames 1-3", st.State, st.Partial, st.Frames, st.Done, st.Total)
	}
	if got := framesOnDisk(t, filepath.Join(coordDir, "jobs", id)); len(got) != 3 {
		t.Fatalf("the job's output folder holds %v: want its 3 frames", got)
	}
	rep2, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range rep2.Tasks {
		switch {
		case tr.Frame == 2 && tr.Node != "node-3":
			t.Fatalf("frame 2's task %d was accepted from %s: only node-3 renders it", tr.Index, tr.Node)
		case tr.Frame != 2 && tr.Hash != rep.Tasks[i].Hash:
			t.Fatalf("task %d of frame %d was rendered again by the requeue", tr.Index, tr.Frame)
		}
	}

	// A rendered frame can be rendered again whole, in the same job: the
	// same seed makes the same pixels.
	res, err = c.Requeue(ctx, id, api.RequeueRequest{Frames: "1"})
	if err != nil || !slices.Equal(res.Frames, []int{1}) || res.Tasks != 2 {
		t.Fatalf("requeue of rendered frame 1: %+v, %v; want its 2 tasks", res, err)
	}
	var redone []int
	if _, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventDone {
			redone = append(redone, e.Task)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(redone)
	if st = waitEnd(t, c, id); st.State != api.JobDone || !slices.Equal(st.Frames, []int{1, 2, 3}) || !slices.Equal(redone, []int{0, 1}) {
		t.Fatalf("after frame 1 was rendered again: %s, frames %v, tasks %v accepted; want done, frames 1-3, frame 1's tasks 0 and 1", st.State, st.Frames, redone)
	}
	rep3, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range rep3.Tasks {
		if tr.State != api.TaskDone || tr.Hash != rep2.Tasks[i].Hash {
			t.Fatalf("task %d of frame %d after frame 1 was rendered again: %s, hash %.12s, was %.12s", tr.Index, tr.Frame, tr.State, tr.Hash, rep2.Tasks[i].Hash)
		}
	}

	// Nothing left to requeue; a bad range is named.
	for _, tc := range []struct {
		name   string
		req    api.RequeueRequest
		status int
		says   string
	}{
		{"nothing failed", api.RequeueRequest{Failed: true}, http.StatusConflict, "no failed frame"},
		{"bad range", api.RequeueRequest{Frames: "3-1"}, http.StatusBadRequest, "frames"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Requeue(ctx, id, tc.req)
			var ae *api.APIError
			if !errors.As(err, &ae) || ae.Status != tc.status || !strings.Contains(ae.Message, tc.says) {
				t.Fatalf("requeue %+v: %v; want HTTP %d saying %q", tc.req, err, tc.status, tc.says)
			}
		})
	}
}

// TestPartialJobPaid: on the simulated chain a job whose frame 2 fails on
// every node settles when it ends: each worker is paid, to the wei, for
// the tasks it rendered and nothing for the failed ones, the rest of the
// budget is refunded, and a requeue of the settled job is refused.
func TestPartialJobPaid(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	price, budget := api.MustTokens("0.25"), api.MustTokens("10")
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = price
		c.Renderers = farmtest.RefuseFrame(2)
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 3, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 1}
		s.Budget = budget
	})
	st := waitEnd(t, c, id)
	if st.State != api.JobDone || !st.Partial {
		t.Fatalf("job ended %s, partial %v: want done and partial", st.State, st.Partial)
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Settlement == nil || rep.Settlement.Tx == "" {
		t.Fatalf("the partial job was not settled: %+v", rep.Settlement)
	}
	done := map[string]int{}
	for _, tr := range rep.Tasks {
		if tr.State == api.TaskDone {
			done[tr.Node]++
		}
	}
	total := new(big.Int)
	for _, p := range rep.Settlement.Payouts {
		want := new(big.Int).Mul(price.Wei(), big.NewInt(int64(done[p.Node])))
		if p.Tasks != done[p.Node] || p.Amount != api.FormatTokens(want) {
			t.Fatalf("%s rendered %d tasks; paid %+v, want %s", p.Node, done[p.Node], p, api.FormatTokens(want))
		}
		total.Add(total, want)
	}
	if accepted := done["node-1"] + done["node-2"]; accepted != 4 {
		t.Fatalf("%d tasks accepted; want frames 1 and 3's 4 tiles", accepted)
	}
	wantPaid := new(big.Int).Mul(price.Wei(), big.NewInt(4))
	refund := new(big.Int).Sub(budget.Wei(), wantPaid)
	if total.Cmp(wantPaid) != 0 || rep.Settlement.Paid != api.FormatTokens(wantPaid) || rep.Settlement.Refund != api.FormatTokens(refund) {
		t.Fatalf("settlement paid %s (payouts sum %s), refund %s; want %s paid and %s refunded", rep.Settlement.Paid, api.FormatTokens(total), rep.Settlement.Refund, api.FormatTokens(wantPaid), api.FormatTokens(refund))
	}
	_, err = c.Requeue(ctx, id, api.RequeueRequest{Failed: true})
	var ae *api.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusConflict || !strings.Contains(ae.Message, "settled") {
		t.Fatalf("requeue of a settled job: %v; want 409 saying it settled", err)
	}
}

// TestEveryFrameFailed: when no frame renders, the job fails as a whole
// (there is nothing to deliver or pay), with the reason, and cannot be
// requeued: it is submitted again.
func TestEveryFrameFailed(t *testing.T) {
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) { c.Renderers = farmtest.RefuseFrame(2) })
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 2, End: 2, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 1}
	})
	st := waitEnd(t, c, id)
	if st.State != api.JobFailed || st.Partial || !strings.Contains(st.Error, "renderer refuses frame 2") {
		t.Fatalf("job %s, partial %v, error %q: want failed with the renderer's reason", st.State, st.Partial, st.Error)
	}
	_, err := c.Requeue(context.Background(), id, api.RequeueRequest{Failed: true})
	var ae *api.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusConflict || !strings.Contains(ae.Message, "submit it again") {
		t.Fatalf("requeue of a failed job: %v; want 409 saying to submit it again", err)
	}
}
