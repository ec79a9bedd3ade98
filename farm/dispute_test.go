package farm_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"math/big"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// disputeScene is a job on the simulated chain whose requester lies: its
// coordinator (node-1, dev key 0) stalls on its own task and the worker
// renders one task and then stalls too, so the job never settles (when
// the worker rendered every task, as it could in 0.6 s, the coordinator
// settled the job before the requester's slash), and once the worker
// (node-2, dev key 1, 5 tokens staked and 10 more, the dispute bond)
// delivered its signed result, the coordinator stops
// and the requester slashes the worker's whole stake with one of them, the
// worker's own genuine signature, as a coordinator convicting it would.
type disputeScene struct {
	t       testing.TB
	ctx     context.Context
	chain   *contracts.Chain
	bank    *contracts.Client // the requester
	accused *farm.Node        // the worker, or in a check's scene the checker
	cfg     farm.NodeConfig   // the accused's, to start it again
	escrow  common.Hash
	task    int
	check   bool   // the accused is slashed for its check of task
	render  string // the check's render, by its hash
}

var (
	disputeStake = api.MustTokens("5")
	disputeBond  = api.MustTokens("10") // contracts.DefaultConfig's
)

func newDisputeScene(t testing.TB, worker renderer.Renderer) *disputeScene {
	return startDisputeScene(t, worker, nil)
}

// newCheckDisputeScene is disputeScene with a third node, the checker
// (node-3, dev key 2, staked as the worker is), which takes no tile but
// renders checks' crops with checker: every tile is checked, and the
// requester slashes the checker with its genuine signed check instead.
// The coordinator's own checks stall, as its renders do, and time out:
// the check goes to the checker.
func newCheckDisputeScene(t testing.TB, checker renderer.Renderer) *disputeScene {
	return startDisputeScene(t, farmtest.Renderers()[0], checker)
}

func startDisputeScene(t testing.TB, worker, checker renderer.Renderer) *disputeScene {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	sim := contracts.DefaultSimConfig()
	sim.MainnetRules = true // BenchmarkDisputeGas's figures compare with mainnet
	chain, bank := farmtest.SimBank(t, sim)
	mint := func(a common.Address, tokens *big.Int) {
		if _, err := bank.Mint(ctx, a, tokens); err != nil {
			t.Fatal(err)
		}
	}
	mint(bank.Address(), api.MustTokens("100").Wei())
	mint(bank.WithKey(contracts.DevKey(1)).Address(), new(big.Int).Add(disputeStake.Wei(), disputeBond.Wei()))
	n, accused := 2, 1
	if checker != nil {
		mint(bank.WithKey(contracts.DevKey(2)).Address(), new(big.Int).Add(disputeStake.Wei(), disputeBond.Wei()))
		n, accused = 3, 2
	}
	var accusedCfg farm.NodeConfig
	nodes := farmtest.Start(t, n, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = api.MustTokens("0.25")
		switch i {
		case 0:
			c.Renderers = []renderer.Renderer{stall{farmtest.Renderers()[0]}}
			if checker != nil {
				c.LeaseTimeout = 3 * time.Second // a check of its own times out, and goes to the checker
			}
		case 1:
			c.Renderers, c.Stake = []renderer.Renderer{&oneThenStall{Renderer: worker}}, disputeStake
		case 2:
			c.Renderers, c.Stake = []renderer.Renderer{checksOnly{checker}}, disputeStake
		}
		if i == accused {
			accusedCfg = *c
		}
	})
	s := &disputeScene{t: t, ctx: ctx, chain: chain, bank: bank, accused: nodes[accused], cfg: accusedCfg, check: checker != nil}
	farmtest.Submit(t, api.NewClient(nodes[0].URL()), func(sp *api.JobSpec) {
		sp.Budget, sp.Samples = api.MustTokens("10"), 8
		if checker != nil {
			sp.VerifyRate = 1
		}
	})
	farmtest.Until(t, "the accused keeps a signed result (or check)", func() bool {
		ds, err := api.NewClient(s.accused.URL()).Disputes(ctx)
		if err != nil || len(ds) != 1 {
			return false
		}
		s.escrow = common.HexToHash(ds[0].Escrow)
		if s.check {
			if len(ds[0].Checks) == 0 {
				return false
			}
			s.task, s.render = ds[0].Checks[0].Task, ds[0].Checks[0].Render
			return true
		}
		if len(ds[0].Tasks) == 0 {
			return false
		}
		s.task = ds[0].Tasks[0]
		return true
	})
	for _, n := range nodes {
		if n != s.accused {
			n.Close() // they leave: the arbiters' cluster forms without waiting out their failure
		}
	}
	return s
}

// checksOnly renders what a check asks (a crop, smaller than a tile of
// farmtest.Submit's job, liarTile) and stalls on tiles until their lease
// ends.
type checksOnly struct{ renderer.Renderer }

func (r checksOnly) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Region.Dx() < liarTile.X || t.Region.Dy() < liarTile.Y {
		return r.Renderer.Render(ctx, t)
	}
	<-ctx.Done()
	return renderer.Result{}, ctx.Err()
}

// oneThenStall renders one task, then stalls on every other until its
// lease ends.
type oneThenStall struct {
	renderer.Renderer
	rendered atomic.Bool
}

func (r *oneThenStall) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if r.rendered.CompareAndSwap(false, true) {
		return r.Renderer.Render(ctx, t)
	}
	<-ctx.Done()
	return renderer.Result{}, ctx.Err()
}

// slash is the lying requester: it takes the accused's genuine signed
// result (or check) from the accused's own evidence and slashes its whole
// stake.
func (s *disputeScene) slash() {
	t := s.t
	url := fmt.Sprintf("%s/rpc/v1/disputes/%s/bundle?task=%d", s.accused.URL(), s.escrow.Hex(), s.task)
	if s.check {
		url += "&check=" + s.render
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b struct {
		Signature string `json:"signature"`
		Tile      []byte `json:"tile"`
		Request   struct {
			Crops []image.Rectangle `json:"crops"`
		} `json:"request"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&b); err != nil || resp.StatusCode != 200 {
		t.Fatalf("bundle: %s %v", resp.Status, err)
	}
	sig, _ := hex.DecodeString(b.Signature)
	if s.check {
		chk := contracts.SignedCheck{JobID: s.escrow, Task: uint64(s.task), Crops: b.Request.Crops, RenderHash: sha256.Sum256(b.Tile), Signature: sig}
		if _, err := s.bank.SlashCheck(s.ctx, s.accused.Chain().Address(), disputeStake.Wei(), chk, common.Hash{0xe}); err != nil {
			t.Fatal(err)
		}
		return
	}
	res := contracts.SignedResult{JobID: s.escrow, Task: uint64(s.task), ResultHash: sha256.Sum256(b.Tile), Signature: sig}
	if _, err := s.bank.SlashResult(s.ctx, s.accused.Chain().Address(), disputeStake.Wei(), res, common.Hash{0xe}); err != nil {
		t.Fatal(err)
	}
}

// arbiters starts n staked nodes (dev keys 3..) that never worked on the
// job, joined to the worker's cluster.
func (s *disputeScene) arbiters(n int) []*farm.Node {
	t := s.t
	var out []*farm.Node
	for i := range n {
		key := contracts.DevKey(3 + i)
		c := farm.DefaultNodeConfig()
		c.Name = fmt.Sprintf("arbiter-%d", i+1)
		c.DataDir = filepath.Join(t.TempDir(), c.Name)
		c.Renderers, c.Gossip.Fast, c.Gossip.Join = farmtest.Renderers(), true, []string{s.accused.GossipAddr()}
		c.Identity, c.Chain, c.Stake = rpc.IdentityFromKey(key), s.bank.WithKey(key), disputeBond
		if _, err := s.bank.Mint(s.ctx, c.Chain.Address(), disputeBond.Wei()); err != nil {
			t.Fatal(err)
		}
		node, err := farm.StartNode(s.ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { node.Close() })
		out = append(out, node)
	}
	if err := farm.WaitMembers(s.ctx, append([]*farm.Node{s.accused}, out...), n+1, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	return out
}

func (s *disputeScene) balance(a common.Address) *big.Int {
	b, err := s.bank.Balance(s.ctx, a)
	if err != nil {
		s.t.Fatal(err)
	}
	return b
}

// disputeToTheEnd disputes the worker's conviction through its node's API
// and waits until the node resolved the dispute; it returns its status.
func (s *disputeScene) disputeToTheEnd() api.DisputeStatus {
	return s.waitResolved(s.dispute())
}

// dispute disputes the worker's conviction through its node's API.
func (s *disputeScene) dispute() api.DisputeStatus {
	t := s.t
	st, err := api.NewClient(s.accused.URL()).Dispute(s.ctx, s.escrow.Hex())
	if err != nil {
		t.Fatal(err)
	}
	if st.Verdict != "disputed" || st.Task != s.task || st.Check != s.check || st.Bond != api.FormatTokens(disputeBond.Wei()) {
		t.Fatalf("dispute %+v", st)
	}
	return st
}

// waitResolved mines the blocks the draw needs and waits until the worker's
// node resolved its dispute.
func (s *disputeScene) waitResolved(st api.DisputeStatus) api.DisputeStatus {
	t := s.t
	client := api.NewClient(s.accused.URL())
	// Blocks come with transactions on the simulated chain: mine the draw
	// block and one more, as time passing would.
	for range 2 {
		if err := s.chain.AdjustTime(time.Second); err != nil {
			t.Fatal(err)
		}
	}
	farmtest.Until(t, "the dispute is resolved", func() bool {
		ds, err := client.Disputes(s.ctx)
		if err != nil || len(ds) != 1 {
			return false
		}
		if fmt.Sprint(ds[0]) != fmt.Sprint(st) {
			t.Logf("dispute: %+v", ds[0])
		}
		st = ds[0]
		return st.ResolveTx != ""
	})
	return st
}

// TestDisputeOfAConviction: a convicted node disputes with `conun
// dispute`'s call; three staked nodes that never worked on the job are
// drawn, fetch the evidence from the accused, re-render and vote; the
// disputer's node resolves. An honest node wrongly slashed gets its stake
// and bond back and the requester's job bond pays the re-render; a real
// cheater (a quarter of the samples) loses its bond to the arbiters and its
// stake stays burned. So with a checker slashed for its signed check: the
// arbiters render its crops again. Every balance to the wei.
func TestDisputeOfAConviction(t *testing.T) {
	honest := func() renderer.Renderer { return farmtest.Renderers()[0] }
	tests := []struct {
		name       string
		scene      func(testing.TB, renderer.Renderer) *disputeScene
		accused    func() renderer.Renderer
		overturned bool
	}{
		{"honest node wrongly convicted", newDisputeScene, honest, true},
		{"cheater disputes and loses", newDisputeScene, func() renderer.Renderer { return &cheater{Renderer: farmtest.Renderers()[0], mode: "lazy4"} }, false},
		// A checker is held to its render of the crops: the arbiters
		// render the same crops and compare.
		{"honest checker wrongly convicted", newCheckDisputeScene, honest, true},
		{"lying checker disputes and loses", newCheckDisputeScene, func() renderer.Renderer { return &cheater{Renderer: farmtest.Renderers()[0], mode: "liar"} }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.scene(t, tc.accused())
			s.slash()
			arbiters := s.arbiters(3)
			me := s.accused.Chain().Address()
			jobBefore, err := s.bank.Job(s.ctx, s.escrow)
			if err != nil {
				t.Fatal(err)
			}
			st := s.disputeToTheEnd()
			voters := st.Guilty + st.Innocent
			wantVerdict, votes := "upheld", st.Guilty
			if tc.overturned {
				wantVerdict, votes = "overturned", st.Innocent
			}
			if st.Verdict != wantVerdict || len(st.Arbiters) == 0 || votes != len(st.Arbiters) || voters != len(st.Arbiters) {
				t.Fatalf("dispute ended %+v; want %s by every drawn arbiter", st, wantVerdict)
			}
			t.Logf("%d arbiters drew, voted guilty %d, not guilty %d: %s", len(st.Arbiters), st.Guilty, st.Innocent, st.Verdict)

			// The contract's rules (contracts/dispute_test.go), to the wei.
			bond, stake := disputeBond.Wei(), disputeStake.Wei()
			fee := new(big.Int).Set(bond) // the loser pays the re-render
			wantStake, wantBurned, wantWorker, wantJobBond := new(big.Int), stake, new(big.Int), jobBefore.Bond
			if tc.overturned {
				if jobBefore.Bond.Cmp(fee) < 0 {
					fee = jobBefore.Bond // the requester's job bond, up to one dispute bond
				}
				wantStake, wantBurned, wantWorker, wantJobBond = stake, new(big.Int), bond, new(big.Int).Sub(jobBefore.Bond, fee)
			}
			stOf, err := s.bank.StakeOf(s.ctx, me)
			if err != nil {
				t.Fatal(err)
			}
			burned, _ := s.bank.Burned(s.ctx)
			job, _ := s.bank.Job(s.ctx, s.escrow)
			if stOf.Active.Cmp(wantStake) != 0 || burned.Cmp(wantBurned) != 0 || s.balance(me).Cmp(wantWorker) != 0 || job.Bond.Cmp(wantJobBond) != 0 || job.Disputes != 0 {
				t.Errorf("stake %v burned %v worker holds %v job bond %v open disputes %d; want %v %v %v %v 0",
					stOf.Active, burned, s.balance(me), job.Bond, job.Disputes, wantStake, wantBurned, wantWorker, wantJobBond)
			}
			paid := new(big.Int)
			for _, a := range arbiters {
				paid.Add(paid, s.balance(a.Chain().Address())) // all staked: they held 0
			}
			if paid.Cmp(fee) != 0 {
				t.Errorf("arbiters got %v in all, want the fee %v", paid, fee)
			}
		})
	}
}

// TestDisputeSurvivesRestart: the disputer's node stops right after it
// disputed; started again on its data directory, it still draws the
// arbiters, serves them its kept results, and resolves: the stake comes back.
func TestDisputeSurvivesRestart(t *testing.T) {
	s := newDisputeScene(t, farmtest.Renderers()[0])
	s.slash()
	arbiters := s.arbiters(3)
	s.dispute()
	s.accused.Close()
	cfg := s.cfg
	cfg.Gossip.Join = []string{arbiters[0].GossipAddr()}
	// Its stake was burned and its tokens are in the bond: it starts with
	// its owner's --stake all the same, staking what it has left.
	again, err := farm.StartNode(s.ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	s.accused = again
	if err := farm.WaitMembers(s.ctx, append([]*farm.Node{again}, arbiters...), 4, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	st := s.waitResolved(api.DisputeStatus{})
	stake, err := s.bank.StakeOf(s.ctx, again.Chain().Address())
	if err != nil {
		t.Fatal(err)
	}
	if st.Verdict != "overturned" || stake.Active.Cmp(disputeStake.Wei()) != 0 {
		t.Fatalf("after a restart the dispute ended %+v with stake %v; want overturned, the stake back", st, stake.Active)
	}
}

// TestRequesterDrawsArbiters: the requester's node draws the arbiters of
// a dispute of its job as soon as the draw block is mined, whatever the
// accused does: an accused that never draws (here it disputed by hand, and
// its node does not follow the dispute) could otherwise wait until the
// draw block's hash was gone, and draw again, and again, until the draw
// suited it.
func TestRequesterDrawsArbiters(t *testing.T) {
	s := newDisputeScene(t, farmtest.Renderers()[0])
	s.slash()
	arbiters := s.arbiters(3)
	c := farm.DefaultNodeConfig()
	c.Name, c.DataDir = "requester", filepath.Join(t.TempDir(), "requester")
	c.Renderers, c.Gossip.Fast, c.Gossip.Join = farmtest.Renderers(), true, []string{arbiters[0].GossipAddr()}
	c.Identity, c.Chain = rpc.IdentityFromKey(contracts.DevKey(0)), s.bank
	requester, err := farm.StartNode(s.ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { requester.Close() })
	accused := s.bank.WithKey(contracts.DevKey(1))
	if _, err := accused.Dispute(s.ctx, s.escrow); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the draw block, and one more
		if err := s.chain.AdjustTime(time.Second); err != nil {
			t.Fatal(err)
		}
	}
	farmtest.Until(t, "the requester's node draws the arbiters", func() bool {
		d, err := s.bank.DisputeOf(s.ctx, s.escrow, accused.Address())
		return err == nil && !d.VotingEnds.IsZero() && len(d.Arbiters) == 3
	})
}

// TestDisputeRefusals: a dispute is refused, with the reason and nothing
// posted, for a job the node never worked on, without a conviction, with
// too few tokens for the bond, and after the window.
func TestDisputeRefusals(t *testing.T) {
	s := newDisputeScene(t, farmtest.Renderers()[0])
	client := api.NewClient(s.accused.URL())
	me := s.accused.Chain()
	tests := []struct {
		name    string
		before  func()
		job     string
		wantErr string
	}{
		{"a job it never worked on", nil, common.HexToHash("0x01").Hex(), "kept no result of job"},
		{"no conviction", nil, s.escrow.Hex(), "was never convicted in it"},
		{"too few tokens for the bond", func() {
			s.slash()
			if _, err := me.Transfer(s.ctx, s.bank.Address(), big.NewInt(1)); err != nil {
				t.Fatal(err)
			}
		}, s.escrow.Hex(), "the dispute bond is 10 tokens"},
		{"after the window", func() {
			if _, err := s.bank.Transfer(s.ctx, me.Address(), big.NewInt(1)); err != nil {
				t.Fatal(err)
			}
			if err := s.chain.AdjustTime(contracts.DefaultConfig().DisputeWindow + time.Second); err != nil {
				t.Fatal(err)
			}
		}, s.escrow.Hex(), "the window to dispute closed at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before()
			}
			before := s.balance(me.Address())
			_, err := client.Dispute(s.ctx, tc.job)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("dispute: %v, want an error containing %q", err, tc.wantErr)
			}
			if after := s.balance(me.Address()); after.Cmp(before) != 0 {
				t.Fatalf("balance %v -> %v: a refused dispute posted something", before, after)
			}
		})
	}
	// The job's short id names it as well as its escrow id.
	if _, err := client.Dispute(s.ctx, s.escrow.Hex()[2:18]); err == nil || !strings.Contains(err.Error(), "closed at") {
		t.Fatalf("dispute by the farm's job id: %v", err)
	}
}

// BenchmarkDisputeGas reports the gas of a dispute as the farm's nodes run
// it, under mainnet-like rules: the
// disputer's approve and dispute, the draw, the three arbiters' votes and
// the resolve, read from the receipts of every transaction the nodes sent.
// contracts' BenchmarkDispute has the same steps sent by hand, one vote;
// none of it is paid by a job without a dispute.
func BenchmarkDisputeGas(b *testing.B) {
	selectors := map[string]string{}
	for _, m := range []string{"approve(address,uint256)", "dispute(bytes32)", "drawArbiters(bytes32,address)", "vote(bytes32,address,bool)", "resolve(bytes32,address)"} {
		selectors[string(crypto.Keccak256([]byte(m))[:4])] = m[:strings.IndexByte(m, '(')]
	}
	gas := map[string]uint64{}
	for range b.N {
		s := newDisputeScene(b, farmtest.Renderers()[0])
		s.slash()
		s.arbiters(3)
		start, err := s.chain.Backend().HeaderByNumber(s.ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		st := s.disputeToTheEnd()
		if st.Verdict != "overturned" || st.Innocent != 3 {
			b.Fatalf("dispute ended %+v, want overturned by three arbiters", st)
		}
		clear(gas)
		reader := s.chain.Backend().(ethereum.ChainReader)
		end, _ := s.chain.Backend().HeaderByNumber(s.ctx, nil)
		for n := start.Number.Uint64() + 1; n <= end.Number.Uint64(); n++ {
			blk, err := reader.BlockByNumber(s.ctx, new(big.Int).SetUint64(n))
			if err != nil {
				b.Fatal(err)
			}
			for _, tx := range blk.Transactions() {
				r, err := s.chain.Backend().TransactionReceipt(s.ctx, tx.Hash())
				if err != nil || len(tx.Data()) < 4 {
					b.Fatalf("receipt of %s: %v", tx.Hash(), err)
				}
				gas[selectors[string(tx.Data()[:4])]] += r.GasUsed
			}
		}
	}
	var total uint64
	for name, g := range gas {
		if name == "" {
			b.Fatalf("a transaction the dispute did not need was sent (%d gas)", g)
		}
		total += g
	}
	b.ReportMetric(float64(gas["approve"]+gas["dispute"]), "dispute-gas")
	b.ReportMetric(float64(gas["drawArbiters"]), "draw-gas")
	b.ReportMetric(float64(gas["vote"]), "votes-gas")
	b.ReportMetric(float64(gas["resolve"]), "resolve-gas")
	b.ReportMetric(float64(total), "farm-dispute-gas")
}
