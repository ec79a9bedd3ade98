package contracts

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

const benchNodes = 5

// gasEnv is a deployment on a chain under either rule set, with a requester
// rich enough for any job.
type gasEnv struct {
	ctx   context.Context
	chain *Chain
	req   *Client
	jobs  int
}

func newGasEnv(tb testing.TB, mainnet bool) *gasEnv {
	tb.Helper()
	cfg := DefaultSimConfig()
	cfg.Accounts = 1
	cfg.MainnetRules = mainnet
	chain, err := NewSimulated(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { chain.Close() })
	ctx := context.Background()
	req, err := Deploy(ctx, chain, chain.Accounts()[0], DefaultConfig())
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := req.Mint(ctx, req.Address(), tokens(1_000_000_000)); err != nil {
		tb.Fatal(err)
	}
	return &gasEnv{ctx: ctx, chain: chain, req: req}
}

// freshNodes makes node keys that hold no tokens yet, with Ether for gas.
// Paying an address that holds no tokens costs the most (a new storage slot),
// so both ways of paying are measured in that worst case.
func (g *gasEnv) freshNodes(tb testing.TB) []*Client {
	tb.Helper()
	nodes := make([]*Client, benchNodes)
	for i := range nodes {
		key, err := crypto.GenerateKey()
		if err != nil {
			tb.Fatal(err)
		}
		g.sendEther(tb, crypto.PubkeyToAddress(key.PublicKey), big.NewInt(1e18))
		nodes[i] = g.req.WithKey(key)
	}
	return nodes
}

func (g *gasEnv) sendEther(tb testing.TB, to common.Address, wei *big.Int) {
	tb.Helper()
	if _, err := g.req.SendEther(g.ctx, to, wei); err != nil {
		tb.Fatal(err)
	}
}

func taskPayouts(nodes []*Client, tasks int) []Payout {
	payouts := make([]Payout, tasks)
	for i := range payouts {
		payouts[i] = Payout{Node: nodes[i%len(nodes)].Address(), Amount: tokens(1)}
	}
	return payouts
}

// settleGas runs one job of tasks tasks over fresh nodes and returns the gas of
// settle and of all claims together (opening the job is left out: paying by
// transfer needs the tokens set aside too).
func (g *gasEnv) settleGas(tb testing.TB, tasks int) (settle, claims uint64) {
	tb.Helper()
	nodes, s := g.settledJob(tb, tasks)
	for _, n := range nodes {
		cl, ok := pickClaim(s.Claims, n.Address())
		if !ok {
			tb.Fatalf("no claim for %s", n.Address())
		}
		r, err := n.Claim(g.ctx, cl)
		if err != nil {
			tb.Fatal(err)
		}
		claims += r.GasUsed
	}
	return s.Receipt.GasUsed, claims
}

// settledJob opens a job of tasks tasks over fresh nodes and settles it,
// each task paid to its node: what the settle and claim benchmarks share.
func (g *gasEnv) settledJob(tb testing.TB, tasks int) ([]*Client, *Settlement) {
	tb.Helper()
	nodes, id := g.openJob(tb, tasks)
	s, err := g.req.Settle(g.ctx, id, taskPayouts(nodes, tasks))
	if err != nil {
		tb.Fatal(err)
	}
	return nodes, s
}

// receiptGas runs one job of tasks tasks over fresh nodes whose requester
// signs a cumulative receipt per accepted task and then settles total 0 (the
// unhappy path): it returns the gas of every node's claimByReceipts. The
// receipts are signed off chain and cost no gas.
func (g *gasEnv) receiptGas(tb testing.TB, tasks int) uint64 {
	tb.Helper()
	nodes, id := g.openJob(tb, tasks)
	latest := make([]WorkReceipt, len(nodes))
	for i, n := range nodes {
		latest[i] = WorkReceipt{JobID: id, Worker: n.Address()}
	}
	for task := range tasks {
		i := task % len(nodes)
		latest[i] = latest[i].Accept(uint64(task), crypto.Keccak256Hash([]byte{byte(task)}), tokens(1))
	}
	if _, err := g.req.Settle(g.ctx, id, nil); err != nil {
		tb.Fatal(err)
	}
	var gas uint64
	for i, n := range nodes {
		r, err := g.req.SignReceipt(latest[i])
		if err != nil {
			tb.Fatal(err)
		}
		rcpt, err := n.ClaimByReceipts(g.ctx, []WorkReceipt{r})
		if err != nil {
			tb.Fatal(err)
		}
		gas += rcpt.GasUsed
	}
	return gas
}

// openJob opens a job of tasks tokens over fresh nodes.
func (g *gasEnv) openJob(tb testing.TB, tasks int) ([]*Client, common.Hash) {
	tb.Helper()
	nodes := g.freshNodes(tb)
	g.jobs++
	id := crypto.Keccak256Hash([]byte(fmt.Sprintf("bench job %d", g.jobs)))
	now, err := g.chain.Now(g.ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := g.req.OpenJob(g.ctx, id, tokens(int64(tasks)), now.Add(time.Hour)); err != nil {
		tb.Fatal(err)
	}
	return nodes, id
}

// reserveGas returns the gas of reserving each task's price for its node
// before it is leased, as the farm does when every node has one slot: one
// transaction per round of benchNodes leases, one share each (a new
// storage slot for a node's first). The requester pays it, on top of
// settle.
func (g *gasEnv) reserveGas(tb testing.TB, tasks int) uint64 {
	tb.Helper()
	nodes, id := g.openJob(tb, tasks)
	var gas uint64
	for start := 0; start < tasks; start += len(nodes) {
		var shares []Reservation
		for task := start; task < min(start+len(nodes), tasks); task++ {
			shares = append(shares, Reservation{Worker: nodes[task%len(nodes)].Address(), Amount: tokens(1)})
		}
		r, err := g.req.Reserve(g.ctx, id, shares)
		if err != nil {
			tb.Fatal(err)
		}
		gas += r.GasUsed
	}
	return gas
}

// reclaimGas returns the gas of returning a settled job's bond to its
// requester once the receipt grace is over (one transaction per job).
func (g *gasEnv) reclaimGas(tb testing.TB) uint64 {
	tb.Helper()
	if err := g.chain.AdjustTime(DefaultConfig().ReclaimGrace + time.Second); err != nil {
		tb.Fatal(err)
	}
	id := crypto.Keccak256Hash([]byte(fmt.Sprintf("bench job %d", g.jobs)))
	r, err := g.req.Reclaim(g.ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	return r.GasUsed
}

// transferGas pays every task with its own ERC-20 transfer to fresh nodes.
func (g *gasEnv) transferGas(tb testing.TB, tasks int) uint64 {
	tb.Helper()
	nodes := g.freshNodes(tb)
	var gas uint64
	for _, p := range taskPayouts(nodes, tasks) {
		r, err := g.req.Transfer(g.ctx, p.Node, p.Amount)
		if err != nil {
			tb.Fatal(err)
		}
		gas += r.GasUsed
	}
	return gas
}

func pickClaim(claims []Claim, node common.Address) (Claim, bool) {
	for _, c := range claims {
		if c.Node == node {
			return c, true
		}
	}
	return Claim{}, false
}

// BenchmarkSettle reports gas per settled task (settle + every node's claim)
// for jobs of 10, 100 and 1000 tasks over 5 nodes, next to paying each task
// with a plain ERC-20 transfer, under mainnet-like rules and under the
// simulated chain's default rules (a future fork with ~5x storage gas).
// It also reports the requester's reclaim of its bond after the receipt
// grace (once per job: gas/task+reclaim counts it too), and the unhappy
// path: a requester that settles nothing and workers paid by their
// cumulative receipts, one claimByReceipts per worker. claimfor-gas/task is
// the farm's path: settle, then the requester pays every leaf to its node in
// one claimForMany (the workers need no Ether).
func BenchmarkSettle(b *testing.B) {
	for _, tasks := range []int{10, 100, 1000} {
		for _, rules := range []struct {
			name    string
			mainnet bool
		}{{"mainnet", true}, {"default", false}} {
			b.Run(fmt.Sprintf("tasks=%d/rules=%s", tasks, rules.name), func(b *testing.B) {
				g := newGasEnv(b, rules.mainnet)
				// The transfer baseline is deterministic and costs one
				// transaction per task: measure it once, outside the timing.
				transfer := g.transferGas(b, tasks)
				b.ResetTimer()
				var settle, claims, reclaim, receipts, forSettle, claimFor, reserve uint64
				for range b.N {
					settle, claims = g.settleGas(b, tasks)
					forSettle, claimFor = g.claimForGas(b, tasks)
					reclaim = g.reclaimGas(b)
					receipts = g.receiptGas(b, tasks)
					reserve = g.reserveGas(b, tasks)
				}
				b.ReportMetric(float64(settle+claims)/float64(tasks), "gas/task")
				b.ReportMetric(float64(settle+claims+reclaim)/float64(tasks), "gas/task+reclaim")
				b.ReportMetric(float64(reclaim), "reclaim-gas")
				b.ReportMetric(float64(receipts)/float64(tasks), "receipt-claim-gas/task")
				b.ReportMetric(float64(receipts)/benchNodes, "receipt-claim-gas")
				b.ReportMetric(float64(transfer)/float64(tasks), "transfer-gas/task")
				b.ReportMetric(float64(settle), "settle-gas")
				b.ReportMetric(float64(claims)/benchNodes, "claim-gas")
				b.ReportMetric(float64(forSettle+claimFor)/float64(tasks), "claimfor-gas/task")
				b.ReportMetric(float64(claimFor), "claimfor-batch-gas")
				b.ReportMetric(float64(reserve)/float64(tasks), "reserve-gas/task")
			})
		}
	}
}

// TestSettleGasGoal keeps settlement within the goal: at most 5000 gas
// per task for a 1000-task job over 5 nodes under mainnet-like rules. Gas is
// deterministic, so this is not a timing assertion.
func TestSettleGasGoal(t *testing.T) {
	const tasks, goal = 1000, 5000
	g := newGasEnv(t, true)
	settle, claims := g.settleGas(t, tasks)
	perTask := float64(settle+claims) / tasks
	t.Logf("1000 tasks over %d nodes, mainnet rules: settle %d gas, claims %d gas, %.0f gas/task", benchNodes, settle, claims, perTask)
	if perTask > goal {
		t.Errorf("%.0f gas/task, goal <= %d", perTask, goal)
	}
}

// BenchmarkDispute reports the gas of the dispute path under mainnet-like
// rules, none of which a job without a dispute pays: the slash (with its
// on-chain check of the node's signed result), the dispute, the draw of three
// arbiters, one vote, and the resolution paying three voters.
func BenchmarkDispute(b *testing.B) {
	g := newGasEnv(b, true)
	var slash, dispute, draw, vote, resolve uint64
	for range b.N {
		nodes := g.freshNodes(b) // nodes[0] is accused, the rest may judge
		for _, n := range nodes {
			if _, err := g.req.Mint(g.ctx, n.Address(), tokens(40)); err != nil {
				b.Fatal(err)
			}
			if _, err := n.Stake(g.ctx, tokens(20)); err != nil {
				b.Fatal(err)
			}
		}
		g.jobs++
		id := crypto.Keccak256Hash([]byte(fmt.Sprintf("bench job %d", g.jobs)))
		now, err := g.chain.Now(g.ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := g.req.OpenJob(g.ctx, id, tokens(100), now.Add(time.Hour)); err != nil {
			b.Fatal(err)
		}
		accused := nodes[0]
		res, err := accused.SignResult(id, 7, crypto.Keccak256Hash([]byte("tile")))
		if err != nil {
			b.Fatal(err)
		}
		gas := func(r *types.Receipt, err error) uint64 {
			b.Helper()
			if err != nil {
				b.Fatal(err)
			}
			return r.GasUsed
		}
		slash = gas(g.req.SlashResult(g.ctx, accused.Address(), tokens(20), res, common.Hash{1}))
		dispute = gas(accused.Dispute(g.ctx, id))
		for range 2 { // the draw block, and one more for the estimate to see it
			if err := g.chain.AdjustTime(time.Second); err != nil {
				b.Fatal(err)
			}
		}
		draw = gas(g.req.DrawArbiters(g.ctx, id, accused.Address()))
		info, err := g.req.DisputeOf(g.ctx, id, accused.Address())
		if err != nil {
			b.Fatal(err)
		}
		for i, a := range info.Arbiters {
			for _, n := range nodes {
				if n.Address() == a {
					v := gas(n.Vote(g.ctx, id, accused.Address(), false))
					if i == 0 {
						vote = v
					}
				}
			}
		}
		resolve = gas(g.req.Resolve(g.ctx, id, accused.Address()))
	}
	b.ReportMetric(float64(slash), "slash-gas")
	b.ReportMetric(float64(dispute), "dispute-gas")
	b.ReportMetric(float64(draw), "draw-gas")
	b.ReportMetric(float64(vote), "vote-gas")
	b.ReportMetric(float64(resolve), "resolve-gas")
}
