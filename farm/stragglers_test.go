package farm_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
)

// TestStragglerDuplicated: on the simulated chain, a node that takes two
// seconds a tile straggles at the tail of a job; its task is leased a
// second time to an idle node, the first valid result wins, the straggler's
// lease is cancelled, and each task is paid once, to its winner: every
// worker's token balance grows by its price times the tasks accepted from
// it, to the wei, and the gains add up to the job's tasks times the price.
func TestStragglerDuplicated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	price := api.MustTokens("0.25")
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = price
		c.StragglerAfter = 300 * time.Millisecond
		switch i {
		case 0: // the requester's node asks more than the job pays: it renders nothing
			c.Price = api.MustTokens("10")
		case 2:
			c.Renderers = []renderer.Renderer{slowRenderer{farmtest.Renderers()[0]}}
		}
	})
	workers := nodes[1:]
	before := make([]*big.Int, len(workers))
	for i, n := range workers {
		var err error
		if before[i], err = bank.Balance(ctx, n.Chain().Address()); err != nil {
			t.Fatal(err)
		}
	}
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Budget, s.MaxPrice = api.MustTokens("10"), api.MustTokens("1") })
	state, events := followJob(t, c, id)
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if state != api.JobDone || rep.Settlement == nil {
		t.Fatalf("job ended %s, settlement %+v: %s", state, rep.Settlement, rep.Error)
	}
	overtaken := 0
	for _, e := range events {
		if e.Type == api.EventRequeued && e.Reason == api.RequeueOvertaken {
			overtaken++
			if e.Node != "node-3" {
				t.Errorf("%s's lease was overtaken; only node-3 straggles", e.Node)
			}
		}
	}
	if overtaken == 0 {
		t.Fatal("no straggling lease was duplicated and overtaken")
	}

	accepted := map[string]int64{}
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone {
			t.Fatalf("task %d: %s", tr.Index, tr.State)
		}
		accepted[tr.Node]++
	}
	total := new(big.Int)
	for i, n := range workers {
		want := new(big.Int).Mul(price.Wei(), big.NewInt(accepted[n.Name()]))
		var got *big.Int
		farmtest.Until(t, n.Name()+" claims its pay", func() bool {
			bal, err := bank.Balance(ctx, n.Chain().Address())
			if err != nil {
				return false
			}
			got = bal.Sub(bal, before[i])
			return got.Cmp(want) >= 0
		})
		if got.Cmp(want) != 0 {
			t.Errorf("%s holds %s wei for %d tasks at %v; want %s", n.Name(), got, accepted[n.Name()], price, want)
		}
		total.Add(total, got)
	}
	if want := new(big.Int).Mul(price.Wei(), big.NewInt(int64(len(rep.Tasks)))); total.Cmp(want) != 0 {
		t.Errorf("the workers hold %s wei for %d tasks; want %s", total, len(rep.Tasks), want)
	}
	t.Logf("%d leases overtaken; tasks accepted per node %v; paid %s tokens in all", overtaken, accepted, api.FormatTokens(total))
}
