package farm_test

import (
	"context"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum/common"
)

// seedCheater renders a quarter of the samples for tasks of seed (one
// job), and honestly otherwise.
type seedCheater struct {
	renderer.Renderer
	seed uint64
}

func (c seedCheater) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Seed == c.seed {
		t.Samples = max(1, t.Samples/4)
	}
	return c.Renderer.Render(ctx, t)
}

// TestEarningsAddUpToTheChain: two jobs on the simulated chain, an honest
// worker and one that cheats in the first job and is slashed. Once every
// payment is made (the leaves, and the cheater's receipts for the work
// that passed before its conviction, redeemed after half the grace), each
// worker's earnings say to the wei what the chain moved: earned - slashed
// is the change in its tokens (balance and stake); the metrics say the
// same; and a restarted node still has them.
func TestEarningsAddUpToTheChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	chain, bank := farmtest.FundedBank(t)
	stake := api.MustTokens("5")
	var workerCfg farm.NodeConfig
	for i := 1; i <= 2; i++ {
		if _, err := bank.Mint(ctx, bank.WithKey(contracts.DevKey(i)).Address(), stake.Wei()); err != nil {
			t.Fatal(err)
		}
	}
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = []api.Tokens{api.MustTokens("0.25"), api.MustTokens("0.5"), api.MustTokens("0.125")}[i]
		if i > 0 {
			c.Stake = stake
		}
		if i == 2 {
			c.Renderers = []renderer.Renderer{seedCheater{farmtest.Renderers()[0], 1}}
		}
		if i == 1 {
			workerCfg = *c
		}
	})
	client := api.NewClient(nodes[0].URL())
	leaves := make(map[common.Address]int) // per worker, the settled jobs that pay it
	asChecker := false
	for seed := uint64(1); seed <= 2; seed++ {
		id := farmtest.Submit(t, client, func(sp *api.JobSpec) {
			sp.Budget, sp.Samples, sp.Seed, sp.VerifyRate = api.MustTokens("10"), 8, seed, 1
			sp.Nonce = "earnings " + strconv.FormatUint(seed, 10)
		})
		if state, err := client.Events(ctx, id, nil); err != nil || state != api.JobDone {
			t.Fatalf("job %d: %s %v", seed, state, err)
		}
		rep, err := client.Report(ctx, id)
		if err != nil || rep.Settlement == nil || rep.Settlement.Error != "" {
			t.Fatalf("job %d: settlement %+v, %v", seed, rep.Settlement, err)
		}
		if seed == 1 {
			asChecker = slashedAsChecker(t, rep.Settlement.Slashes, nodes[2].Name())
		}
		for _, p := range rep.Settlement.Payouts {
			if p.Amount != "0" {
				leaves[common.HexToAddress(p.Address)]++
			}
		}
	}
	workers := nodes[1:]
	farmtest.Until(t, "the workers' leaves are paid", func() bool {
		for _, n := range workers {
			w, err := api.NewClient(n.URL()).Wallet(ctx)
			if err != nil || len(w.Claims) < leaves[common.HexToAddress(w.Address)] {
				return false
			}
			for _, c := range w.Claims {
				if !c.Claimed && c.Error == "" {
					return false
				}
			}
		}
		return true
	})
	// Receipts a settled tree left out are redeemed after half the grace.
	if err := chain.AdjustTime(contracts.DefaultConfig().ReclaimGrace/2 + time.Minute); err != nil {
		t.Fatal(err)
	}
	var earned [2]api.Earnings
	farmtest.Until(t, "every payment is made", func() bool {
		for i, n := range workers {
			e, err := api.NewClient(n.URL()).Earnings(ctx, time.Time{})
			if err != nil || e.Total.Claims[api.ClaimPending] > 0 {
				return false
			}
			earned[i] = e
		}
		return true
	})

	honest, cheat := earned[0], earned[1]
	switch {
	case asChecker:
		if cheat.Total.Slashes != 0 || !cheat.Total.Slashed.IsZero() || cheat.Total.ChecksFailed != 0 || !cheat.Total.Earned.IsZero() {
			t.Fatalf("cheater's earnings %+v: convicted only as a checker, want nothing earned, nothing slashed", cheat.Total)
		}
	case cheat.Total.Slashes != 1 || cheat.Total.Slashed.Cmp(stake) != 0 || cheat.Total.ChecksFailed != 1:
		t.Fatalf("cheater's earnings %+v: want one slash of its whole stake, one failed check", cheat.Total)
	}
	if honest.Total.Slashes != 0 || len(honest.Jobs) != 2 || honest.Total.ChecksPassed == 0 {
		t.Fatalf("honest worker's earnings %+v: want both jobs, checks passed, no slash", honest)
	}
	for i, n := range workers {
		e := earned[i]
		addr := common.HexToAddress(e.Address)
		bal, err := bank.Balance(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		st, err := bank.StakeOf(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		now := new(big.Int).Add(bal, st.Active)
		now.Add(now, st.Pending)
		delta := now.Sub(now, stake.Wei()) // each worker started with its stake and nothing else
		want := new(big.Int).Sub(e.Total.Earned.Wei(), e.Total.Slashed.Wei())
		t.Logf("%s: %d tasks, %d jobs, earned %v, slashed %v, checks %d/%d, claims %v; tokens moved %s wei",
			n.Name(), e.Total.Tasks, len(e.Jobs), e.Total.Earned, e.Total.Slashed, e.Total.ChecksPassed, e.Total.ChecksFailed, e.Total.Claims, delta)
		if delta.Cmp(want) != 0 {
			t.Errorf("%s: tokens moved by %s wei on the chain; earnings say %s earned - %s slashed = %s wei",
				n.Name(), delta, e.Total.Earned.Wei(), e.Total.Slashed.Wei(), want)
		}
		if e.Stake.Wei().Cmp(new(big.Int).Add(st.Active, st.Pending)) != 0 {
			t.Errorf("%s: earnings' stake %v, chain %v", n.Name(), e.Stake, st.Active)
		}
		var sum api.EarningsCount
		for _, d := range e.Days {
			sum.Add(d.EarningsCount)
		}
		if sum.Tasks != e.Total.Tasks || sum.Earned.Cmp(e.Total.Earned) != 0 || sum.Slashed.Cmp(e.Total.Slashed) != 0 {
			t.Errorf("%s: days add up to %+v, total %+v", n.Name(), sum, e.Total)
		}
		earnedF, _ := strconv.ParseFloat(e.Total.Earned.String(), 64)
		for name, want := range map[string]float64{
			"conun_tasks_total":                   float64(e.Total.Tasks),
			"conun_render_seconds_total":          e.Total.RenderSeconds,
			"conun_tokens_earned_total":           earnedF,
			"conun_slashes_total":                 float64(e.Total.Slashes),
			`conun_checks_total{result="passed"}`: float64(e.Total.ChecksPassed),
			`conun_checks_total{result="failed"}`: float64(e.Total.ChecksFailed),
			`conun_claims{status="paid"}`:         float64(e.Total.Claims[api.ClaimPaid]),
			`conun_claims{status="pending"}`:      0,
		} {
			if got := metric(t, n.URL(), name); got != want {
				t.Errorf("%s: %s = %v, earnings say %v", n.Name(), name, got, want)
			}
		}
	}
	if earned[0].Total.Earned.IsZero() {
		t.Fatal("the honest worker earned nothing: the test proves nothing")
	}

	// The work survives a restart; the chain's part is read again.
	workers[0].Close()
	again, err := farm.StartNode(ctx, workerCfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	e, err := api.NewClient(again.URL()).Earnings(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Total.Tasks != honest.Total.Tasks || e.Total.Earned.Cmp(honest.Total.Earned) != 0 || e.Total.ChecksPassed != honest.Total.ChecksPassed || len(e.Jobs) != 2 {
		t.Errorf("after a restart: %+v, before %+v", e.Total, honest.Total)
	}
}

// slashedAsChecker reports whether the first job convicted the cheater
// before it delivered a result of its own: its first render in the job was
// a check of another worker's tile (about one run in ten here). The escrow
// slashes only with the node's own signed result, so such a conviction
// costs it its reputation and the job's work but no stake; the test then
// holds its earnings to that instead. Any other slash record fails.
func slashedAsChecker(t *testing.T, slashes []api.SlashRecord, cheater string) bool {
	t.Helper()
	for _, s := range slashes {
		if s.Node != cheater {
			t.Fatalf("job 1 slashed %s (%+v); only the cheater %s cheated", s.Node, s, cheater)
		}
		if s.Tx == "" {
			if !strings.Contains(s.Error, "no result signed by the node") {
				t.Fatalf("job 1's slash of the cheater failed: %+v", s)
			}
			t.Logf("the cheater was convicted as a checker before it delivered a result: nothing to slash it with (%s)", s.Error)
			return true
		}
		return false
	}
	t.Fatalf("job 1 convicted nobody: slashes %+v", slashes)
	return false
}
