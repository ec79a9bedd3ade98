package farm_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
)

// TestPaidClaimsForgotten: once nothing more can come of the claims a
// coordinator kept for its workers to ask for ("claims/<escrow>" in its
// store), they are gone: after it paid them itself (claimFor), or, when
// the worker claimed itself, after the escrow was reclaimed (its claim
// window closed). After both nodes restart, the coordinator's report
// still names the payout, and the worker's earnings still count it, to
// the wei.
func TestPaidClaimsForgotten(t *testing.T) {
	tests := []struct {
		name      string
		payClaims bool // the coordinator pays; else the worker claims, and the escrow is reclaimed
	}{
		{"coordinator paid the claims", true},
		{"worker claimed, escrow reclaimed", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { testClaimsForgotten(t, tc.payClaims) })
	}
}

func testClaimsForgotten(t *testing.T, payClaims bool) {
	price := api.MustTokens("0.25")
	var cfgs [2]farm.NodeConfig
	chain, bank, nodes := chainCluster(t, 2, func(i int, c *farm.NodeConfig) {
		c.Delivery.PayClaims = payClaims
		c.Delivery.ClaimWait = time.Second
		c.Price = price
		cfgs[i] = *c
	})
	ctx := context.Background()
	client := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
	rep := farmtest.WaitDone(t, client, id)
	escrow := escrowOf(t, client, id)
	worker := nodes[1].Name()
	want, tasks := owed(t, rep, worker, price)
	if tasks == 0 {
		t.Fatalf("the worker rendered nothing (%+v): the test proves nothing", rep.Settlement.Payouts)
	}
	farmtest.Until(t, "the worker's wallet says its claim is paid", func() bool {
		c, ok := walletClaim(t, nodes[1], escrow)
		return ok && c.Claimed
	})
	if payClaims {
		farmtest.Until(t, "the coordinator's claims are paid", func() bool {
			r, err := client.Report(ctx, id)
			return err == nil && r.Settlement != nil && len(r.Settlement.ClaimsTx) > 0
		})
	} else {
		if err := chain.AdjustTime(contracts.DefaultConfig().ClaimWindow + time.Hour); err != nil {
			t.Fatal(err)
		}
		farmtest.Until(t, "the coordinator reclaimed the escrow", func() bool {
			r, err := client.Report(ctx, id)
			return err == nil && r.Settlement != nil && r.Settlement.ReclaimTx != ""
		})
	}
	nodes[0].Close()
	nodes[1].Close()

	st, err := store.Open(farm.StorePath(cfgs[0].DataDir), nil)
	if err != nil {
		t.Fatal(err)
	}
	kept := st.MetaKeys("claims/")
	st.Close()
	if len(kept) != 0 {
		t.Errorf("the coordinator still keeps %v when nothing more can come of them", kept)
	}

	coord, err := farm.StartNode(ctx, cfgs[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coord.Close() })
	cfgs[1].Gossip.Join = []string{coord.GossipAddr()}
	again, err := farm.StartNode(ctx, cfgs[1])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })

	r, err := api.NewClient(coord.URL()).Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Settlement == nil || !slices.ContainsFunc(r.Settlement.Payouts, func(p api.NodePayout) bool {
		return p.Node == worker && p.Amount == api.FormatTokens(want)
	}) {
		t.Errorf("restarted, the coordinator's settlement is %+v: want %s paid to %s", r.Settlement, api.FormatTokens(want), worker)
	}
	e, err := api.NewClient(again.URL()).Earnings(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Total.Earned.Wei().Cmp(want) != 0 || e.Total.Tasks != int64(tasks) {
		t.Errorf("restarted, the worker's earnings are %s for %d tasks: want %s for %d", e.Total.Earned, e.Total.Tasks, api.FormatTokens(want), tasks)
	}
	if paid, err := bank.Paid(ctx, common.HexToHash(escrow), again.Chain().Address()); err != nil || paid.Cmp(want) != 0 {
		t.Errorf("the chain paid the worker %v wei (%v), want %v", paid, err, want)
	}
}
