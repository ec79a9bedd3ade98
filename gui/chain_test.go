package gui

import (
	"context"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
)

// startChainCluster starts a simulated chain with the contracts deployed,
// gives DevKey(0) minted tokens, and starts a node per price that settles
// on it: node i signs with DevKey(i) and asks prices[i] per tile. change,
// if not nil, adjusts each node's config further; it may mint with the
// deployer it is given.
func startChainCluster(t *testing.T, minted float64, prices []float64, change func(i int, c *farm.NodeConfig, deployer *contracts.Client)) []*farm.Node {
	t.Helper()
	ctx := context.Background()
	chain, err := contracts.NewSimulated(contracts.DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() }) // after the nodes' own cleanups
	deployer, err := contracts.Deploy(ctx, chain, contracts.DevKey(0), contracts.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := deployer.Mint(ctx, deployer.Address(), tok(minted).Wei()); err != nil {
		t.Fatal(err)
	}
	return farmtest.Start(t, len(prices), func(i int, c *farm.NodeConfig) {
		c.Identity = rpc.IdentityFromKey(contracts.DevKey(i))
		c.Chain = deployer.WithKey(contracts.DevKey(i))
		c.Price = tok(prices[i])
		if change != nil {
			change(i, c, deployer)
		}
	})
}

// TestWalletAndCostsOnChain submits a paying job through the form to a
// chain-connected cluster and checks the money on every screen against the
// node's own report: the live view's settlement, the jobs list's cost, and
// the wallet's balance and claims.
func TestWalletAndCostsOnChain(t *testing.T) {
	const minted, budget = 100.0, 3.0
	prices := []float64{0.25, 0.5}
	nodes := startChainCluster(t, minted, prices, nil)
	u, th := newTestUI(t, nodes[0].URL())

	v := u.newRender
	v.setScene(sceneFile(t, "cornell.glb"))
	typeInto(v.entries[FieldResolution], "32x24")
	typeInto(v.entries[FieldSamples], "2")
	typeInto(v.entries[FieldTiles], "2x2")
	typeInto(v.entries[FieldBudget], "3")
	test.Tap(v.render)
	th.until(t, "the job is settled and its settlement shown", func() bool {
		return u.live.prog != nil && u.live.prog.State.Final() && u.live.money.Visible()
	})
	p := u.live.prog
	if p.State != api.JobDone {
		t.Fatalf("job %s: %s", p.State, p.Message)
	}

	// What the job should have cost: each accepted tile at its node's price.
	r, err := api.NewClient(nodes[0].URL()).Report(context.Background(), p.JobID)
	if err != nil {
		t.Fatal(err)
	}
	earned := map[string]float64{}
	for _, task := range r.Tasks {
		earned[task.Node] += prices[nodeIndex(t, task.Node)]
	}
	paid := earned["node-1"] + earned["node-2"]
	s := r.Settlement
	if s == nil || s.Error != "" || s.Paid != tokenText(paid) || s.Refund != tokenText(budget-paid) {
		t.Fatalf("settlement %+v, want paid %v of %v", s, paid, budget)
	}
	if cost, ok := p.Committed(); !ok || cost != tok(paid) {
		t.Errorf("live view committed %v (%v), want %v", cost, ok, paid)
	}

	// Live view: who was paid what, and the refund.
	wantLive := []string{"Settled: paid " + s.Paid + " of the " + s.Budget + " budget", s.Refund + " refundable after "}
	for node, amount := range earned {
		wantLive = append(wantLive, node+" (")
		wantLive = append(wantLive, "earned "+tokenText(amount))
	}
	for _, want := range wantLive {
		if !strings.Contains(u.live.money.Text, want) || !hasText(u.live.content, want) {
			t.Errorf("live view's settlement %q does not show %q", u.live.money.Text, want)
		}
	}

	// Jobs list: paid / budget, refund.
	u.tabs.SelectIndex(2)
	wantCost := "paid " + tokenText(paid) + " / " + tokenText(budget) + ", " + tokenText(budget-paid) + " refundable after "
	th.until(t, "the jobs list shows the job's cost", func() bool { return hasText(u.jobs.content, wantCost) })

	// Wallet: while the receipts' grace runs, node-1 has the budget and its
	// 10% bond in the escrow, less its own share, which came back through
	// its claim (the wallet follows it until it is paid).
	u.tabs.SelectIndex(4)
	// In wei: the bond, a tenth of 3 tokens, is no binary fraction.
	lockedWei := new(big.Int).Sub(tok(minted).Wei(), tok(budget).Wei())
	lockedWei.Sub(lockedWei, new(big.Int).Quo(tok(budget).Wei(), big.NewInt(10)))
	lockedWei.Add(lockedWei, tok(earned["node-1"]).Wei())
	locked := "Balance: " + api.FormatTokens(lockedWei) + " tokens"
	th.until(t, "the wallet shows the balance after the claim", func() bool {
		return hasText(u.wallet.content, locked)
	})
	// The artist's Reclaim during the grace says until when.
	u.reclaimJob(u.client, p.JobID)
	th.until(t, "a reclaim during the grace is refused saying when", func() bool {
		return strings.Contains(u.status.Text, "can be reclaimed after")
	})
	// Once the grace has passed, the refund and the bond come back (the
	// artist's Reclaim, or the coordinator by itself): node-1 has spent
	// what node-2 earned.
	if err := nodes[0].Chain().Chain().AdjustTime(contracts.DefaultConfig().ReclaimGrace + time.Minute); err != nil {
		t.Fatal(err)
	}
	u.reclaimJob(u.client, p.JobID)
	th.until(t, "the reclaim is done", func() bool { return strings.Contains(u.status.Text, "reclaimed ") })
	wantBalance := "Balance: " + tokenText(minted-earned["node-2"]) + " tokens"
	// node-1's own claim is submitted by its coordinator (itself) in the
	// background: the wallet shows it paid when that lands, which can be
	// after the balance is right (once in CI).
	wantClaim := []string{wantBalance}
	if earned["node-1"] > 0 {
		wantClaim = append(wantClaim, p.JobID, tokenText(earned["node-1"]), "paid by the coordinator")
	}
	th.until(t, "the wallet shows the balance after the reclaim and node-1's claim paid", func() bool {
		if !slices.ContainsFunc(wantClaim, func(w string) bool { return !hasText(u.wallet.content, w) }) {
			return true
		}
		u.wallet.refresh() // as the Refresh button does
		return false
	})
	if u.wallet.notice.Visible() {
		t.Error("the wallet of a chain-connected node says the chain is not connected")
	}
	addr := rpc.IdentityFromKey(contracts.DevKey(0)).Address().Hex()
	if !hasText(u.wallet.content, "Stake: 0 tokens") || !hasText(u.wallet.content, addr) {
		t.Errorf("wallet figures %q, account %q", u.wallet.figures.Text, u.wallet.account.Text)
	}
	t.Logf("earned %v; log:\n%s", earned, strings.Join(p.Log, "\n"))
	if earned["node-1"] > 0 {
		// Its coordinator (itself) submits the claims and pays the gas
		// (farm/claimfor.go); the worker side only watches.
		for _, want := range []string{p.JobID, tokenText(earned["node-1"]), "paid by the coordinator"} {
			if !hasText(u.wallet.content, want) {
				t.Errorf("wallet's claims do not show %q", want)
			}
		}
	}
}

// nodeIndex is the index of a farmtest node by its name (node-1 is 0).
func nodeIndex(t *testing.T, name string) int {
	t.Helper()
	switch name {
	case "node-1":
		return 0
	case "node-2":
		return 1
	}
	t.Fatalf("task rendered by %q", name)
	return -1
}
