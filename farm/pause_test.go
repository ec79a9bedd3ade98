package farm_test

import (
	"bytes"
	"context"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestPauseRestartResume: a job paused mid-way on the simulated chain
// leases nothing while paused (its leases in flight finish and are
// accepted), stays paused across a coordinator restart, and once resumed
// completes with the same pixels as a job never paused, each task paid
// once to the wei.
func TestPauseRestartResume(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	price := api.MustTokens("0.125")
	gate := farmtest.NewGate()
	var cfg0 farm.NodeConfig
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = price
		c.Slots = 2
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
		if i == 0 {
			cfg0 = *c
		}
	})
	c := api.NewClient(nodes[0].URL())
	spec := func(s *api.JobSpec) {
		s.Resolution = tiler.Resolution{Width: 64, Height: 48}
		s.Tiles = tiler.Grid{Cols: 8, Rows: 4}
		s.Budget = api.MustTokens("10")
	}
	id := farmtest.Submit(t, c, spec)
	total := 8 * 4

	// Mid-job: four renders allowed, then pause while more leases wait
	// at the gate.
	gate.Allow(4)
	farmtest.Until(t, "four tasks accepted", func() bool {
		st, err := c.Status(ctx, id)
		return err == nil && st.Done >= 4
	})
	st, err := c.Pause(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != api.JobPaused || st.EscrowDeadline.IsZero() || st.EscrowLeftSeconds <= 0 {
		t.Fatalf("pause answered %+v: want paused, with the escrow deadline ahead", st)
	}
	t.Logf("paused with %d leases in flight; escrow deadline %s, %ds left", st.InFlight, st.EscrowDeadline, st.EscrowLeftSeconds)
	gate.Open() // the leases in flight finish; nothing new starts
	farmtest.Until(t, "the leases in flight finish", func() bool {
		st, err := c.Pause(ctx, id) // pausing again only reports
		return err == nil && st.InFlight == 0
	})
	before, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if before.State != api.JobPaused || before.Done >= total {
		t.Fatalf("after the leases in flight: %s with %d of %d tasks: want paused mid-job", before.State, before.Done, total)
	}

	// Restart the coordinator while paused.
	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	n := farmtest.Restart(t, ctx, cfg0, nodes[1])
	if err := farm.WaitMembers(ctx, []*farm.Node{n}, 3, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	c = api.NewClient(n.URL())
	// Absence cannot be waited for: the scheduler (a pass every 250 ms)
	// gets a second with every member in sight to lease wrongly.
	time.Sleep(time.Second)
	after, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if after.State != api.JobPaused || after.Done != before.Done {
		t.Fatalf("after the restart: %s with %d tasks: want still paused with %d", after.State, after.Done, before.Done)
	}
	if st, err = c.Resume(ctx, id); err != nil || st.State != api.JobRunning {
		t.Fatalf("resume: %+v, %v", st, err)
	}
	rep := farmtest.WaitDone(t, c, id)

	// No lease while paused, each task accepted once.
	paused, leasedWhilePaused, doneTwice := false, 0, 0
	accepted := map[int]bool{}
	if _, err := c.Events(ctx, id, func(e api.Event) error {
		switch e.Type {
		case api.EventPaused:
			paused = true
		case api.EventResumed:
			paused = false
		case api.EventLeased:
			if paused {
				leasedWhilePaused++
			}
		case api.EventDone:
			if accepted[e.Task] {
				doneTwice++
			}
			accepted[e.Task] = true
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if leasedWhilePaused != 0 || doneTwice != 0 || len(accepted) != total {
		t.Fatalf("%d leases while paused, %d tasks accepted twice, %d of %d accepted", leasedWhilePaused, doneTwice, len(accepted), total)
	}

	// Paid once per task, to the wei.
	if rep.Settlement == nil {
		t.Fatal("the job was not settled")
	}
	byNode := map[string]int{}
	for _, tr := range rep.Tasks {
		if tr.State == api.TaskDone {
			byNode[tr.Node]++
		}
	}
	paidTasks := 0
	for _, p := range rep.Settlement.Payouts {
		want := api.FormatTokens(new(big.Int).Mul(price.Wei(), big.NewInt(int64(byNode[p.Node]))))
		if p.Tasks != byNode[p.Node] || p.Amount != want {
			t.Errorf("%s rendered %d tasks; paid %+v, want %s tokens", p.Node, byNode[p.Node], p, want)
		}
		paidTasks += p.Tasks
	}
	if paidTasks != total {
		t.Fatalf("settlement pays %d tasks, want %d", paidTasks, total)
	}

	// The same pixels as a job that was never paused.
	ref := farmtest.RunJob(t, c, func(s *api.JobSpec) { spec(s); s.Nonce = t.Name() + "-unpaused" })
	for f := 1; f <= 1; f++ {
		var got, want bytes.Buffer
		if err := c.Frame(ctx, id, f, &got); err != nil {
			t.Fatal(err)
		}
		if err := c.Frame(ctx, ref.JobID, f, &want); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("frame %d of the paused job differs from the unpaused job's", f)
		}
	}
	t.Logf("paused at %d of %d tasks, restarted, resumed: %d renders in all, %d nodes paid", before.Done, total, gate.Renders(), len(rep.Settlement.Payouts))
}

// TestPauseRefusals: pausing or resuming what cannot be is refused with
// the status a client can act on, and the node keeps serving.
func TestPauseRefusals(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	done := farmtest.RunJob(t, c, nil).JobID
	unknown := strings.Repeat("ab", 8)
	tests := []struct {
		name, path string
		status     int
	}{
		{"bad id", "/v1/jobs/not-a-job/pause", http.StatusBadRequest},
		{"unknown job", "/v1/jobs/" + unknown + "/pause", http.StatusNotFound},
		{"pause a done job", "/v1/jobs/" + done + "/pause", http.StatusConflict},
		{"resume a done job", "/v1/jobs/" + done + "/resume", http.StatusConflict},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, nodes[0].URL()+tc.path, strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("POST %s: %d, want %d", tc.path, resp.StatusCode, tc.status)
			}
		})
	}
	if _, err := c.Status(ctx, done); err != nil {
		t.Fatalf("the node stopped serving: %v", err)
	}
}

// TestResumeAfterEscrowDeadline: the escrow's clock runs while a job is
// paused; once its deadline has passed, resume is refused with the reason
// and the fix.
func TestResumeAfterEscrowDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	chain, bank := farmtest.FundedBank(t)
	gate := farmtest.NewGate() // never opened: the job stays mid-way
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Budget = api.MustTokens("5") })
	st, err := c.Pause(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.EscrowLeftSeconds <= 0 {
		t.Fatalf("pause answered %+v: want the escrow deadline ahead", st)
	}
	if err := chain.AdjustTime(time.Duration(st.EscrowLeftSeconds+60) * time.Second); err != nil {
		t.Fatal(err)
	}
	_, err = c.Resume(ctx, id)
	if err == nil || !strings.Contains(err.Error(), "escrow deadline") || !strings.Contains(err.Error(), "cancel it") {
		t.Fatalf("resume after the deadline: %v; want a refusal naming the escrow deadline and the fix", err)
	}
	if s, err := c.Status(ctx, id); err != nil || s.State != api.JobPaused {
		t.Fatalf("after the refused resume: %+v, %v: want still paused", s.State, err)
	}
}
