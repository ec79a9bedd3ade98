package farm_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestWorkersRenderWithinReservations: a worker renders a paid task only
// while the escrow reserves for it, from the requester's budget, its price
// for every task it rendered in the job with this one (less the credit its
// owner allows). A coordinator reserves before it leases, so its workers
// render as before and every receipt is covered on chain; one that reserves
// nothing gets no more than the credit's worth from any worker.
func TestWorkersRenderWithinReservations(t *testing.T) {
	price := api.MustTokens("0.25")
	tests := []struct {
		name      string
		reserve   bool
		credit    api.Tokens
		maxTasks  int  // the most the worker may render; -1: no bound
		mustWork  bool // the worker rendered some
		refusalOK bool // its refusals show in the job's events
	}{
		{"coordinator reserves", true, api.Tokens{}, -1, true, false},
		{"coordinator reserves nothing", false, api.Tokens{}, 0, false, true},
		{"coordinator reserves nothing, credit for two tasks", false, api.MustTokens("0.5"), 2, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			_, bank := farmtest.FundedBank(t)
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				farmtest.OnChain(c, bank, i)
				if i == 0 && !tc.reserve {
					farm.ReserveNothing(c)
				}
				if i == 1 {
					c.Price, c.Credit, c.Slots = price, tc.credit, 2
				}
			})
			client := api.NewClient(nodes[0].URL())
			id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
			rep := farmtest.WaitDone(t, client, id)
			worker := nodes[1].Name()
			tasks := 0
			for _, n := range rep.Nodes {
				if n.Node == worker {
					tasks = n.Tasks
				}
			}
			if tc.maxTasks >= 0 && tasks > tc.maxTasks {
				t.Errorf("%s rendered %d tasks for a coordinator that reserved nothing, want at most %d (its credit)", worker, tasks, tc.maxTasks)
			}
			if tc.mustWork && tasks == 0 {
				t.Errorf("%s rendered nothing for a coordinator that reserves", worker)
			}
			reserved, err := bank.ReservedFor(ctx, common.HexToHash(rep.SpecHash), nodes[1].Chain().Address())
			if err != nil {
				t.Fatal(err)
			}
			if owed := new(big.Int).Mul(price.Wei(), big.NewInt(int64(tasks))); tc.reserve && reserved.Cmp(owed) < 0 {
				t.Errorf("%s rendered %d tasks (%s tokens) and the escrow reserves %s for it", worker, tasks, api.FormatTokens(owed), api.FormatTokens(reserved))
			}
			if !tc.reserve && reserved.Sign() != 0 {
				t.Errorf("reserved %s for %s, from a coordinator that reserves nothing", api.FormatTokens(reserved), worker)
			}
			refused := false
			if _, err := client.Events(ctx, id, func(e api.Event) error {
				if e.Type == api.EventRequeued && e.Node == worker && strings.Contains(e.Message, "not reserved for the worker") {
					refused = true
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if refused != tc.refusalOK {
				t.Errorf("%s refused a lease for want of a reservation: %v, want %v", worker, refused, tc.refusalOK)
			}
			t.Logf("%s rendered %d of %d tasks; reserved for it %s tokens", worker, tasks, len(rep.Tasks), api.FormatTokens(reserved))
		})
	}
}

// failing is a renderer whose every render fails: a worker that takes
// leases and renders nothing.
type failing struct{ renderer.Renderer }

func (failing) Render(context.Context, renderer.Task) (renderer.Result, error) {
	return renderer.Result{}, errors.New("the GPU fell off the bus")
}

// TestBudgetSpentOnFailedLeases: a lease reserves its worker's pay before
// it goes out, and a reservation stays its worker's until the job closes.
// A worker that answers that its render failed signed nothing, so the
// coordinator uncounts the lease, and the worker's next lease uses the
// reservation it left: a failing worker holds one price of the budget, not
// one a failure. With a budget of exactly the job's tasks at the price,
// that one price is a task short: it fails at once, saying it cannot be
// paid for and what to do, rather than being leased on and on to a worker
// that refuses it; every other task is rendered and reserved for within
// the budget. (The job ends done, its frame failed: a partial job.)
func TestBudgetSpentOnFailedLeases(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	price := api.MustTokens("0.25")
	_, bank := farmtest.FundedBank(t)
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = price
		if i == 1 {
			c.Renderers = []renderer.Renderer{failing{farmtest.Renderers()[0]}}
		}
	})
	client := api.NewClient(nodes[0].URL())
	if _, err := nodes[0].SetPaused(ctx, true); err != nil { // its own tasks need no reservation
		t.Fatal(err)
	}
	farmtest.Until(t, "the coordinator's pause gossiped", func() bool {
		ms, err := client.Nodes(ctx)
		if err != nil {
			return false
		}
		for _, m := range ms {
			if m.ID == nodes[0].Name() {
				return m.Away != ""
			}
		}
		return false
	})
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("4") }) // 16 tasks at 0.25
	state, err := client.Events(ctx, id, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := client.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	unpaid, done, failed := 0, 0, 0
	if _, err := client.Events(ctx, id, func(e api.Event) error {
		switch {
		case e.Type == api.EventFrameFailed && strings.Contains(e.Message, "cannot be paid for") && strings.Contains(e.Message, "--budget"):
			unpaid++
		case e.Type == api.EventRequeued && e.Reason == api.RequeueFailed && e.Node == nodes[1].Name():
			failed++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Tasks {
		if tr.State == api.TaskDone {
			done++
		}
	}
	t.Logf("job %s: %d tasks done, %d failed for want of budget; the failing worker failed %d leases; %s", state, done, unpaid, failed, rep.Error)
	if failed == 0 {
		t.Fatalf("the failing worker took no lease: nothing tried")
	}
	// One price, or up to three should a reservation take a second to be
	// mined on this loaded machine (the coordinator then reserves two
	// tasks ahead: reserveAhead).
	if unpaid < 1 || unpaid > 3 {
		t.Fatalf("job ended %s with %d tasks failed for want of budget after %d failed leases, want 1 (the failing worker's leases share one reservation)", state, unpaid, failed)
	}
	if done+unpaid != len(rep.Tasks) {
		t.Errorf("%d tasks done and %d failed for want of budget, of %d", done, unpaid, len(rep.Tasks))
	}
	worker := nodes[2].Chain().Address()
	reserved, err := bank.ReservedFor(ctx, common.HexToHash(rep.SpecHash), worker)
	if err != nil {
		t.Fatal(err)
	}
	if owed := new(big.Int).Mul(price.Wei(), big.NewInt(int64(done))); reserved.Cmp(owed) < 0 {
		t.Errorf("%d tasks done at %s and %s reserved for their worker", done, price, api.FormatTokens(reserved))
	}
}

// noisy renders differently on every node, as a scene whose renders differ
// everywhere does: every check is a mismatch of worker, checker and
// arbiter that nobody can settle.
type noisy struct {
	renderer.Renderer
	flip uint16
}

func (n noisy) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	r, err := n.Renderer.Render(ctx, t)
	if err == nil && r.Image != nil {
		b := r.Image.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := r.Image.NRGBA64At(x, y)
				c.R ^= n.flip
				c.G ^= n.flip
				r.Image.SetNRGBA64(x, y, c)
			}
		}
	}
	return r, err
}

// TestUndecidedRendersPaid: a tile whose worker, checker and arbiter all
// differ is rendered again and nobody is penalized (the scene's renders
// differ, not a cheat), and its worker's render is receipted: it did the
// work it was leased. Before, it was never paid.
func TestUndecidedRendersPaid(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		if i > 0 {
			c.Price = api.MustTokens("0.25")
			c.Renderers = []renderer.Renderer{noisy{farmtest.Renderers()[0], uint16(i) << 12}}
		}
	})
	client := api.NewClient(nodes[0].URL())
	if _, err := nodes[0].SetPaused(ctx, true); err != nil { // its own tiles are trusted
		t.Fatal(err)
	}
	farmtest.Until(t, "the coordinator's pause gossiped", func() bool {
		ms, err := client.Nodes(ctx)
		for _, m := range ms {
			if m.ID == nodes[0].Name() {
				return err == nil && m.Away != ""
			}
		}
		return false
	})
	id := farmtest.Submit(t, client, func(s *api.JobSpec) {
		s.Budget, s.Resolution, s.Tiles = api.MustTokens("40"), tiler.Resolution{Width: 64, Height: 24}, tiler.Grid{Cols: 8, Rows: 4}
	})
	rep := farmtest.WaitDone(t, client, id)
	accepted, undecided := map[string]uint64{}, map[string]uint64{}
	for _, tr := range rep.Tasks {
		accepted[tr.Node]++
	}
	if _, err := client.Events(ctx, id, func(e api.Event) error {
		switch {
		case e.Type == api.EventRequeued && e.Reason == api.RequeueRejected:
			undecided[e.Node]++
		case e.Type == api.EventVerdict && e.Convicted != "":
			t.Errorf("%s convicted: nobody cheats", e.Convicted)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(undecided) == 0 {
		t.Fatal("no tile was rendered again: the checks never disagreed")
	}
	for _, n := range nodes[1:] {
		want := accepted[n.Name()] + undecided[n.Name()]
		farmtest.Until(t, n.Name()+" holds a receipt for its accepted and undecided renders", func() bool {
			w, err := api.NewClient(n.URL()).Wallet(ctx)
			return err == nil && (want == 0 && len(w.Receipts) == 0 || len(w.Receipts) == 1 && w.Receipts[0].Tasks == want)
		})
		t.Logf("%s: %d tiles accepted, %d rendered again, all receipted", n.Name(), accepted[n.Name()], undecided[n.Name()])
	}
}
