package farm_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/internal/freeport"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum/common"
)

// stall renders nothing: it holds every task until its context ends, so the
// coordinator's own share of a job never finishes and the job never settles
// by itself.
type stall struct{ renderer.Renderer }

func (s stall) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	<-ctx.Done()
	return renderer.Result{}, ctx.Err()
}

// TestReceiptsPayWhenRequesterSettlesNothing: the workers of a job on the
// simulated chain hold the coordinator's signed receipts for their accepted
// tasks; the requester's coordinator then dies and the requester settles
// the job with a total of 0, or never settles it. Each worker's wallet
// redeems its receipt alone and is paid exactly its receipted tasks at its
// price (and, from a job never settled, the requester's bond share on top);
// the requester gets back only the rest, and no token is lost. A requester
// that settles a tree taking the whole budget for itself, and claims its
// leaf before the workers redeem, still pays them: their coordinator
// reserved their pay before it leased (reserve.go), and a tree cannot reach
// a reservation.
func TestReceiptsPayWhenRequesterSettlesNothing(t *testing.T) {
	tests := []struct {
		name     string
		settle   bool  // settle (a tree of 0, or one that takes the budget), or never settle
		takeAll  bool  // the tree takes the budget
		bonusBps int64 // the requester's bond share each worker gets on top
	}{
		{"settles 0", true, false, 0},
		{"never settles", false, false, int64(contracts.DefaultConfig().RequesterBondBps)},
		{"settles a tree that takes the budget", true, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			chain, err := contracts.NewSimulated(contracts.DefaultSimConfig())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { chain.Close() }) // after the nodes' own cleanups
			cfg := contracts.DefaultConfig()
			bank, err := contracts.Deploy(ctx, chain, contracts.DevKey(0), cfg)
			if err != nil {
				t.Fatal(err)
			}
			minted, budget := api.MustTokens("100"), api.MustTokens("10")
			if _, err := bank.Mint(ctx, bank.Address(), minted.Wei()); err != nil {
				t.Fatal(err)
			}
			// Node 1, the requester's coordinator, is the cheapest, so it takes a
			// task, and stalls on it.
			prices := []api.Tokens{api.MustTokens("0.125"), api.MustTokens("0.25"), api.MustTokens("0.5")}
			nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				farmtest.OnChain(c, bank, i)
				c.Price = prices[i]
				if i == 0 {
					c.Renderers = []renderer.Renderer{stall{farmtest.Renderers()[0]}}
				} else {
					c.Slots = 2
				}
			})
			client := api.NewClient(nodes[0].URL())
			id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = budget })

			// Wait until both workers hold a receipt.
			wallet := func(n *farm.Node) api.WalletInfo {
				w, err := api.NewClient(n.URL()).Wallet(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return w
			}
			farmtest.Until(t, "both workers hold a receipt", func() bool {
				return len(wallet(nodes[1]).Receipts) == 1 && len(wallet(nodes[2]).Receipts) == 1
			})
			rep, err := client.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if rep.State.Final() {
				t.Fatalf("job %s ended (%s) before the test could settle it: the coordinator never took a task", id, rep.State)
			}
			jobID := common.HexToHash(wallet(nodes[1]).Receipts[0].JobID)

			// The requester's coordinator dies; the requester settles nothing, or
			// never settles.
			nodes[0].Kill()
			advance := cfg.ReclaimGrace/2 + time.Minute // the first half is left for the tree's leaves
			if tc.settle {
				var tree []contracts.Payout
				if tc.takeAll {
					// All the tree can draw on to the requester itself,
					// the rest of the budget to an address nobody claims.
					ej, err := bank.Job(ctx, jobID)
					if err != nil {
						t.Fatal(err)
					}
					tree = []contracts.Payout{{Node: bank.Address(), Amount: ej.Held}, {Node: common.Address{0xde, 0xad}, Amount: new(big.Int).Sub(budget.Wei(), ej.Held)}}
				}
				s, err := bank.Settle(ctx, jobID, tree)
				if err != nil {
					t.Fatalf("settle: %v", err)
				}
				for _, cl := range s.Claims {
					if cl.Node == bank.Address() {
						if _, err := bank.Claim(ctx, cl); err != nil {
							t.Fatalf("the requester's own leaf: %v", err)
						}
					}
				}
			} else {
				ej, err := bank.Job(ctx, jobID)
				if err != nil {
					t.Fatal(err)
				}
				now, _ := chain.Now(ctx)
				advance = ej.Deadline.Sub(now) + time.Minute
			}
			if err := chain.AdjustTime(advance); err != nil {
				t.Fatal(err)
			}
			paid := new(big.Int)
			for i, n := range nodes[1:] {
				var w api.WalletInfo
				farmtest.Until(t, n.Name()+" redeems its receipt", func() bool {
					w = wallet(n)
					return w.Receipts[0].Redeemed || w.Receipts[0].Error != ""
				})
				r := w.Receipts[0]
				amount := new(big.Int).Mul(prices[i+1].Wei(), big.NewInt(int64(r.Tasks)))
				want := api.FormatTokens(amount)
				bonus := new(big.Int).Div(new(big.Int).Mul(amount, big.NewInt(tc.bonusBps)), big.NewInt(10_000))
				balance := api.FormatTokens(new(big.Int).Add(amount, bonus))
				// An honest coordinator's receipt passes the worker's own
				// check against the results it signed and its price.
				if !r.Redeemed || r.Tasks == 0 || r.Amount != want || r.Paid != want || w.Balance != balance || r.Flag != "" {
					t.Errorf("%s: receipt %+v, balance %s; want %d tasks at %v = %s paid by the receipt alone, %s with the requester's bond share", n.Name(), r, w.Balance, r.Tasks, prices[i+1], want, balance)
				}
				t.Logf("%s: %d tasks receipted, %s tokens, redeemed in %s", n.Name(), r.Tasks, r.Amount, r.Tx)
				bal, err := bank.Balance(ctx, n.Chain().Address())
				if err != nil {
					t.Fatal(err)
				}
				// conun earnings says the same to the wei, the bond's
				// share included (the worker started with no tokens).
				e, err := api.NewClient(n.URL()).Earnings(ctx, time.Time{})
				if err != nil || e.Total.Earned.Wei().Cmp(bal) != 0 || len(e.Jobs) != 1 || e.Jobs[0].Claim != api.ClaimPaid {
					t.Errorf("%s: earnings %+v, %v; want %s earned, the job paid", n.Name(), e, err, api.FormatTokens(bal))
				}
				paid.Add(paid, bal)
			}
			// After the grace the requester reclaims the rest and its bond (less
			// the workers' share of it when it never settled).
			if err := chain.AdjustTime(cfg.ReclaimGrace + time.Minute); err != nil {
				t.Fatal(err)
			}
			if _, err := bank.Reclaim(ctx, jobID); err != nil {
				t.Fatal(err)
			}
			if tc.settle {
				// What was reserved for the leases the dead coordinator
				// never receipted stays for leaves until the claim window
				// closes, then comes back too.
				if err := chain.AdjustTime(cfg.ClaimWindow); err != nil {
					t.Fatal(err)
				}
				if _, err := bank.Reclaim(ctx, jobID); err != nil {
					t.Fatal(err)
				}
			}
			left, err := bank.Balance(ctx, bank.Address())
			if err != nil {
				t.Fatal(err)
			}
			if sum := new(big.Int).Add(left, paid); sum.Cmp(minted.Wei()) != 0 {
				t.Errorf("requester %s + workers %s = %s, want the %v minted", api.FormatTokens(left), api.FormatTokens(paid), api.FormatTokens(sum), minted)
			}
			var rev *contracts.RevertError
			if _, err := bank.Reclaim(ctx, jobID); !errors.As(err, &rev) {
				t.Errorf("second reclaim: %v, want a refusal", err)
			}
		})
	}
}

// TestCancelledJobSettles: a job cancelled part way on the simulated chain
// settles what it accepted: each worker is paid its accepted tasks at its
// price through its leaf, and the rest of the budget and the bond wait for
// the grace; the coordinator, restarted meanwhile, then reclaims them.
func TestCancelledJobSettles(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	chain, bank := farmtest.FundedBank(t)
	prices := []api.Tokens{api.MustTokens("0.125"), api.MustTokens("0.25")}
	var coordCfg farm.NodeConfig
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = prices[i]
		if i == 0 {
			c.Renderers = []renderer.Renderer{stall{farmtest.Renderers()[0]}} // the job cannot finish
			coordCfg = *c
		}
	})
	client := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
	farmtest.Until(t, "the worker has a task accepted", func() bool {
		rep, err := client.Report(ctx, id)
		return err == nil && slices.ContainsFunc(rep.Tasks, func(tr api.TaskReport) bool { return tr.State == api.TaskDone })
	})
	if err := client.Cancel(ctx, id); err != nil {
		t.Fatal(err)
	}
	var rep api.Report
	farmtest.Until(t, "the cancelled job is settled", func() bool {
		var err error
		rep, err = client.Report(ctx, id)
		return err == nil && rep.Settlement != nil && (rep.Settlement.Tx != "" || rep.Settlement.Error != "")
	})
	n := 0
	for _, tr := range rep.Tasks {
		if tr.State == api.TaskDone {
			if tr.Node != "node-2" {
				t.Fatalf("task %d done by %s, which stalls", tr.Index, tr.Node)
			}
			n++
		}
	}
	st := rep.Settlement
	paid := new(big.Int).Mul(prices[1].Wei(), big.NewInt(int64(n)))
	if st.Error != "" || n == 0 || st.Paid != api.FormatTokens(paid) || rep.State != api.JobCancelled {
		t.Fatalf("job %s with %d tasks accepted: settlement %+v, want %s paid", rep.State, n, st, api.FormatTokens(paid))
	}
	farmtest.Until(t, "the worker claims its leaf", func() bool {
		bal, err := bank.Balance(ctx, nodes[1].Chain().Address())
		return err == nil && bal.Cmp(paid) == 0
	})
	// Restarted before the grace ends, the coordinator still reclaims the
	// refund and the bond once it has.
	locked := new(big.Int).Sub(api.MustTokens("100").Wei(), api.MustTokens("11").Wei())
	if bal, _ := bank.Balance(ctx, bank.Address()); bal.Cmp(locked) != 0 {
		t.Fatalf("requester holds %s during the grace, want %s", api.FormatTokens(bal), api.FormatTokens(locked))
	}
	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	coordCfg.Gossip.Join = nil
	restarted, err := farm.StartNode(context.Background(), coordCfg)
	if err != nil {
		t.Fatal(err)
	}
	defer restarted.Close()
	if err := chain.AdjustTime(contracts.DefaultConfig().ReclaimGrace + time.Minute); err != nil {
		t.Fatal(err)
	}
	// What was reserved for the leases the cancel cut short comes back
	// when the claim window closes, the rest after the grace.
	later := new(big.Int)
	if st.RefundLater != "" {
		later = api.MustTokens(st.RefundLater).Wei()
	}
	want := new(big.Int).Sub(api.MustTokens("100").Wei(), paid)
	farmtest.Until(t, "the restarted coordinator reclaims refund and bond", func() bool {
		bal, err := bank.Balance(ctx, bank.Address())
		return err == nil && bal.Cmp(new(big.Int).Sub(want, later)) == 0
	})
	if later.Sign() > 0 {
		if err := chain.AdjustTime(contracts.DefaultConfig().ClaimWindow); err != nil {
			t.Fatal(err)
		}
		farmtest.Until(t, "the restarted coordinator reclaims what reservations held beyond the work", func() bool {
			bal, err := bank.Balance(ctx, bank.Address())
			return err == nil && bal.Cmp(want) == 0
		})
	}
	t.Logf("refunded %s, %s of it when the claim window closed", api.FormatTokens(new(big.Int).Sub(api.MustTokens("10").Wei(), paid)), api.FormatTokens(later))
}

// stallTiles is stall for whole tiles (tile, the test job's) alone: checks,
// of smaller crops, it renders.
type stallTiles struct {
	renderer.Renderer
	tile image.Point
}

func (s stallTiles) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if r := t.Rect(); r.Dx() >= s.tile.X && r.Dy() >= s.tile.Y {
		return stall{s.Renderer}.Render(ctx, t)
	}
	return s.Renderer.Render(ctx, t)
}

// TestReceiptedAfterRestart: a coordinator that went down between its
// workers' tasks' records and their receipts (held here for every task)
// receipts them when it starts again, and one that went down between its
// receipts' records and their messages (dropped here) hands them over.
// Before, those tasks stood accepted and unreceipted for good, and those
// receipts were never sent: their workers held nothing to redeem should
// the job never settle.
func TestReceiptedAfterRestart(t *testing.T) {
	for _, tc := range []struct {
		name string
		kill func(*farm.NodeConfig)
	}{
		{"killed before the receipts", farm.HoldReceipts},
		{"killed before their messages", farm.DropReceiptMessages},
	} {
		t.Run(tc.name, func(t *testing.T) { receiptedAfterRestart(t, tc.kill) })
	}
}

func receiptedAfterRestart(t *testing.T, kill func(*farm.NodeConfig)) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	var cfg0 farm.NodeConfig
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = api.MustTokens([]string{"0.125", "0.25", "0.5"}[i])
		if i == 0 {
			// The cheapest, it takes a task and stalls on it, so the
			// job stays open (its checks, of crops, it renders); started
			// again where it ran, as a node restarted with its flags is.
			c.Renderers = []renderer.Renderer{stallTiles{farmtest.Renderers()[0], image.Pt(8, 6)}}
			c.StragglerAfter = time.Hour // no twin takes the stalled task over
			c.APIAddr, c.Gossip.BindPort = fmt.Sprintf("127.0.0.1:%d", freeport.Get(t)), freeport.Get(t)
			cfg0 = *c
			kill(c)
		}
	})
	client := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })

	// owed counts each worker's tasks that are final: accepted, and
	// passed their check or stood without one; settled says that every
	// other task is the one the coordinator stalls on.
	owed := func() (map[string]uint64, bool) {
		rep, err := client.Report(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		n, leased, settled := map[string]uint64{}, 0, true
		for _, tr := range rep.Tasks {
			switch {
			case tr.State == api.TaskLeased:
				leased++
			case tr.State == api.TaskPending || tr.Verdict == api.VerdictChecking:
				settled = false
			case tr.State == api.TaskDone && tr.Verdict != api.VerdictRejected:
				n[tr.Node]++
			}
		}
		return n, settled && leased <= 1
	}
	var before map[string]uint64
	farmtest.Until(t, "every worker task final", func() bool {
		var ok bool
		before, ok = owed()
		return ok && len(before) == 2
	})
	wallet := func(n *farm.Node) api.WalletInfo {
		w, err := api.NewClient(n.URL()).Wallet(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	for _, n := range nodes[1:] {
		if w := wallet(n); len(w.Receipts) != 0 {
			t.Fatalf("%s holds %+v before the restart: the receipts were handed over", n.Name(), w.Receipts)
		}
	}

	nodes[0].Kill() // Close would hand its stalled task to a worker first
	restarted := farmtest.Restart(t, ctx, cfg0, nodes[1])
	client = api.NewClient(restarted.URL())
	for _, n := range nodes[1:] {
		var w api.WalletInfo
		farmtest.Until(t, n.Name()+" holds a receipt for every task it rendered", func() bool {
			// Those of before the restart and any it rendered since.
			now, _ := owed()
			w = wallet(n)
			return len(w.Receipts) == 1 && w.Receipts[0].Tasks == now[n.Name()] && now[n.Name()] >= before[n.Name()]
		})
		if r := w.Receipts[0]; r.Flag != "" || r.Error != "" {
			t.Errorf("%s: receipt %+v flagged", n.Name(), r)
		}
		t.Logf("%s: %d tasks receipted after the restart, %s tokens", n.Name(), w.Receipts[0].Tasks, w.Receipts[0].Amount)
	}
}
