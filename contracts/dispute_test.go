package contracts

import (
	"context"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// disputeEnv is env with a pool of arbiters: four outside stakers (dev
// accounts 4-7) with 10 tokens of stake each, plus two stakers that are party
// to the job and must never be drawn: the requester and node 1, paid a leaf.
// Node 0 (40 staked) is slashed its whole stake for job id.
type disputeEnv struct {
	*env
	id       common.Hash
	victim   *Client
	arbiters []*Client
}

func newDisputeEnv(t *testing.T) *disputeEnv {
	t.Helper()
	return newDisputeEnvAs(t, false)
}

// newDisputeEnvAs is newDisputeEnv with node 0 slashed as a checker, for
// its signed check (slashCheck), where checker is set.
func newDisputeEnvAs(t *testing.T, checker bool) *disputeEnv {
	t.Helper()
	e := newEnv(t)
	d := &disputeEnv{env: e, victim: e.nodes[0]}
	for _, k := range e.chain.Accounts()[4:8] {
		a := e.req.WithKey(k)
		e.must(e.req.Mint(e.ctx, a.Address(), tokens(10)))
		e.must(a.Stake(e.ctx, tokens(10)))
		d.arbiters = append(d.arbiters, a)
	}
	e.must(e.req.Stake(e.ctx, tokens(10)))
	e.must(e.nodes[1].Stake(e.ctx, tokens(10)))
	e.must(d.victim.Stake(e.ctx, tokens(40)))
	d.id = e.openJob("disputed")
	if checker {
		e.must(e.req.SlashCheck(e.ctx, d.victim.Address(), tokens(40), e.check(d.victim, d.id, 2), common.Hash{0xe}))
	} else {
		e.must(e.req.SlashResult(e.ctx, d.victim.Address(), tokens(40), e.result(d.victim, d.id, 2), common.Hash{0xe}))
	}
	s, err := e.req.Settle(e.ctx, d.id, []Payout{{e.nodes[1].Address(), tokens(10)}})
	if err != nil {
		t.Fatal(err)
	}
	e.must(e.nodes[1].Claim(e.ctx, claimOf(t, s, e.nodes[1].Address())))
	return d
}

// draw disputes and draws the arbiters, and returns them as clients.
func (d *disputeEnv) draw() []*Client {
	d.t.Helper()
	d.must(d.victim.Dispute(d.ctx, d.id))
	// The arbiters come from the block after the dispute: not yet mined.
	if _, err := d.req.DrawArbiters(d.ctx, d.id, d.victim.Address()); !errors.Is(err, ErrDrawTooEarly) {
		d.t.Fatalf("draw in the dispute's own next block: %v, want ErrDrawTooEarly", err)
	}
	// Gas estimates run against the latest block: the draw block must be
	// mined and one more (blockhash is zero for the current block).
	d.advance(time.Second)
	d.advance(time.Second)
	d.must(d.nodes[2].DrawArbiters(d.ctx, d.id, d.victim.Address()))
	info, err := d.req.DisputeOf(d.ctx, d.id, d.victim.Address())
	if err != nil {
		d.t.Fatal(err)
	}
	if len(info.Arbiters) == 0 {
		d.t.Fatal("no arbiters drawn")
	}
	var out []*Client
	for _, a := range info.Arbiters {
		if a == d.req.Address() || a == d.victim.Address() || a == d.nodes[1].Address() {
			d.t.Fatalf("arbiter %s is party to the job (requester %s, accused %s, paid node %s)", a, d.req.Address(), d.victim.Address(), d.nodes[1].Address())
		}
		i := slices.IndexFunc(d.arbiters, func(c *Client) bool { return c.Address() == a })
		if i < 0 {
			d.t.Fatalf("arbiter %s is not an outside staker", a)
		}
		out = append(out, d.arbiters[i])
	}
	return out
}

func TestDispute(t *testing.T) {
	tests := []struct {
		name  string
		votes []bool // guilty, by the drawn arbiters in order; fewer than drawn: the rest abstain
		// what the dispute ends with
		overturned bool
		fee        *big.Int // paid to the voters, shared
		bondBack   bool     // the victim's dispute bond comes back
	}{
		{"won: every arbiter finds the result honest", []bool{false, false, false}, true, tokens(5), true},
		{"won by majority", []bool{false, true, false}, true, tokens(5), true},
		{"lost by majority", []bool{true, false, true}, false, tokens(5), false},
		{"tie upholds the slash", []bool{true, false}, false, tokens(5), false},
		{"nobody votes: the slash stands, the bond comes back", nil, false, new(big.Int), true},
		// A checker's conviction is disputed as a worker's is.
		{"a checker won", []bool{false, false, false}, true, tokens(5), true},
		{"a checker lost", []bool{true, true, false}, false, tokens(5), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDisputeEnvAs(t, strings.HasPrefix(tc.name, "a checker"))
			victimBefore := d.balance(d.victim.Address())
			arbiters := d.draw()
			if len(arbiters) < len(tc.votes) {
				t.Fatalf("%d arbiters drawn, the case needs %d", len(arbiters), len(tc.votes))
			}
			if _, err := d.req.Reclaim(d.ctx, d.id); !errors.Is(err, ErrDisputeOpen) {
				t.Errorf("reclaim during a dispute: %v, want ErrDisputeOpen", err)
			}
			voters := arbiters[:len(tc.votes)]
			before := make([]*big.Int, len(arbiters))
			for i, a := range arbiters {
				before[i] = d.balance(a.Address())
			}
			for i, guilty := range tc.votes {
				d.must(voters[i].Vote(d.ctx, d.id, d.victim.Address(), guilty))
			}
			if len(tc.votes) < len(arbiters) {
				if _, err := d.nodes[2].Resolve(d.ctx, d.id, d.victim.Address()); !errors.Is(err, ErrResolveTooEarly) {
					t.Fatalf("resolve while arbiters may still vote: %v, want ErrResolveTooEarly", err)
				}
				d.advance(time.Hour + time.Second)
			}
			d.must(d.nodes[2].Resolve(d.ctx, d.id, d.victim.Address()))

			cv, err := d.req.ConvictionOf(d.ctx, d.id, d.victim.Address())
			if err != nil {
				t.Fatal(err)
			}
			st, err := d.req.StakeOf(d.ctx, d.victim.Address())
			if err != nil {
				t.Fatal(err)
			}
			burned, err := d.req.Burned(d.ctx)
			if err != nil {
				t.Fatal(err)
			}
			j, err := d.req.Job(d.ctx, d.id)
			if err != nil {
				t.Fatal(err)
			}
			wantStake, wantBurned, wantVerdict, wantJobBond := new(big.Int), tokens(40), VerdictUpheld, tokens(10)
			if tc.overturned {
				wantStake, wantBurned, wantVerdict, wantJobBond = tokens(40), new(big.Int), VerdictOverturned, new(big.Int).Sub(tokens(10), tc.fee)
			}
			if cv.Verdict != wantVerdict || st.Active.Cmp(wantStake) != 0 || burned.Cmp(wantBurned) != 0 || j.Bond.Cmp(wantJobBond) != 0 || j.Disputes != 0 {
				t.Errorf("verdict %v stake %v burned %v job bond %v open disputes %d; want %v %v %v %v 0",
					cv.Verdict, st.Active, burned, j.Bond, j.Disputes, wantVerdict, wantStake, wantBurned, wantJobBond)
			}
			wantVictim := new(big.Int).Set(victimBefore)
			if !tc.bondBack {
				wantVictim.Sub(wantVictim, tokens(5))
			}
			if got := d.balance(d.victim.Address()); got.Cmp(wantVictim) != 0 {
				t.Errorf("victim holds %v, want %v", got, wantVictim)
			}
			// The fee is shared by the voters to the wei; abstainers get nothing.
			paid := new(big.Int)
			share := new(big.Int)
			if len(tc.votes) > 0 {
				share.Div(tc.fee, big.NewInt(int64(len(tc.votes))))
			}
			for i, a := range arbiters {
				got := new(big.Int).Sub(d.balance(a.Address()), before[i])
				paid.Add(paid, got)
				switch {
				case i >= len(tc.votes) && got.Sign() != 0:
					t.Errorf("abstaining arbiter %d got %v", i, got)
				case i < len(tc.votes) && (got.Cmp(share) < 0 || got.Cmp(new(big.Int).Add(share, big.NewInt(int64(len(tc.votes))))) > 0):
					t.Errorf("voter %d got %v, want the share %v (+ at most the indivisible rest)", i, got, share)
				}
			}
			if paid.Cmp(tc.fee) != 0 {
				t.Errorf("voters got %v in all, want the fee %v", paid, tc.fee)
			}
			// The escrow holds the stakes, the burned tokens and what the job
			// still holds (held 90, bond): nothing of the dispute is left.
			want := new(big.Int).Add(tokens(10*4+10+10), wantStake)
			want.Add(want, wantBurned)
			want.Add(want, tokens(90))
			want.Add(want, wantJobBond)
			if got := d.balance(d.req.Addresses().Escrow); got.Cmp(want) != 0 {
				t.Errorf("escrow holds %v, want %v", got, want)
			}
			// The job can be closed out now.
			d.advance(25 * time.Hour)
			d.must(d.nodes[2].Reclaim(d.ctx, d.id))
		})
	}
}

func TestDisputeRejects(t *testing.T) {
	tests := []struct {
		name string
		run  func(d *disputeEnv) error
		want error
	}{
		{"dispute after the window", func(d *disputeEnv) error {
			d.advance(time.Hour + time.Second)
			_, err := d.victim.Dispute(d.ctx, d.id)
			return err
		}, ErrDisputeWindowClosed},
		{"dispute by a node never convicted", func(d *disputeEnv) error {
			_, err := d.nodes[2].Dispute(d.ctx, d.id)
			return err
		}, ErrNotDisputable},
		{"dispute twice", func(d *disputeEnv) error {
			d.must(d.victim.Dispute(d.ctx, d.id))
			_, err := d.victim.Dispute(d.ctx, d.id)
			return err
		}, ErrNotDisputable},
		{"draw twice", func(d *disputeEnv) error {
			d.draw()
			_, err := d.req.DrawArbiters(d.ctx, d.id, d.victim.Address())
			return err
		}, ErrArbitersDrawn},
		{"vote by the requester", func(d *disputeEnv) error {
			d.draw()
			_, err := d.req.Vote(d.ctx, d.id, d.victim.Address(), true)
			return err
		}, ErrNotArbiter},
		{"vote by the accused", func(d *disputeEnv) error {
			d.draw()
			_, err := d.victim.Vote(d.ctx, d.id, d.victim.Address(), false)
			return err
		}, ErrNotArbiter},
		{"vote twice", func(d *disputeEnv) error {
			a := d.draw()[0]
			d.must(a.Vote(d.ctx, d.id, d.victim.Address(), false))
			_, err := a.Vote(d.ctx, d.id, d.victim.Address(), false)
			return err
		}, ErrAlreadyVoted},
		{"vote after voting ends", func(d *disputeEnv) error {
			a := d.draw()[0]
			d.advance(time.Hour + time.Second)
			_, err := a.Vote(d.ctx, d.id, d.victim.Address(), false)
			return err
		}, ErrVotingClosed},
		{"resolve before anyone voted", func(d *disputeEnv) error {
			d.draw()
			_, err := d.req.Resolve(d.ctx, d.id, d.victim.Address())
			return err
		}, ErrResolveTooEarly},
		{"resolve without a dispute", func(d *disputeEnv) error {
			_, err := d.req.Resolve(d.ctx, d.id, d.victim.Address())
			return err
		}, ErrNoOpenDispute},
		{"dispute again after it was resolved", func(d *disputeEnv) error {
			for _, a := range d.draw() {
				d.must(a.Vote(d.ctx, d.id, d.victim.Address(), true))
			}
			d.must(d.req.Resolve(d.ctx, d.id, d.victim.Address()))
			_, err := d.victim.Dispute(d.ctx, d.id)
			return err
		}, ErrNotDisputable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := newDisputeEnv(t)
			if err := tc.run(d); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// TestDisputeWithoutArbiters: with no staker outside the job, no arbiter can
// be drawn; the dispute still ends (the slash stands, the bond comes back)
// so the job's money is not held forever.
func TestDisputeWithoutArbiters(t *testing.T) {
	e := newEnv(t)
	victim := e.nodes[0]
	e.must(victim.Stake(e.ctx, tokens(40)))
	id := e.openJob("lonely")
	e.must(e.req.SlashResult(e.ctx, victim.Address(), tokens(40), e.result(victim, id, 0), common.Hash{1}))
	before := e.balance(victim.Address())
	e.must(victim.Dispute(e.ctx, id))
	e.advance(time.Second)
	e.advance(time.Second)
	if _, err := e.req.DrawArbiters(e.ctx, id, victim.Address()); !errors.Is(err, ErrNoArbiters) {
		t.Fatalf("draw with only the accused staked: %v, want ErrNoArbiters", err)
	}
	if _, err := e.req.Resolve(e.ctx, id, victim.Address()); !errors.Is(err, ErrResolveTooEarly) {
		t.Fatalf("resolve before dispute and vote windows: %v, want ErrResolveTooEarly", err)
	}
	e.advance(2*time.Hour + time.Second)
	e.must(e.req.Resolve(e.ctx, id, victim.Address()))
	if got := e.balance(victim.Address()); got.Cmp(before) != 0 {
		t.Errorf("victim holds %v, want its bond back: %v", got, before)
	}
	if cv, err := e.req.ConvictionOf(e.ctx, id, victim.Address()); err != nil || cv.Verdict != VerdictUpheld {
		t.Errorf("verdict %v, %v; want upheld", cv.Verdict, err)
	}
}

// TestManyDisputesOfOneJob: a job's open disputes are not bounded by a
// byte. A requester could slash 256 sybils of its own by a wei each, have
// them dispute (their bonds come back when nobody votes), and then slash
// an honest node: the job's 256th open dispute overflowed the counter and
// the honest node's dispute reverted for its whole window.
func TestManyDisputesOfOneJob(t *testing.T) {
	if testing.Short() {
		t.Skip("NOT TESTED in -short: 257 disputes take about 2,000 transactions")
	}
	const disputes = 257
	cfg := DefaultSimConfig()
	cfg.Accounts = disputes + 1
	chain, err := NewSimulated(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	ctx := context.Background()
	req, err := Deploy(ctx, chain, chain.Accounts()[0], testConfig)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, chain: chain, req: req}
	e.must(req.Mint(ctx, req.Address(), tokens(1000)))
	id := e.openJob("many disputes")
	for i, k := range chain.Accounts()[1 : disputes+1] {
		n := req.WithKey(k)
		e.must(req.Mint(ctx, n.Address(), testConfig.DisputeBond))
		e.must(req.Mint(ctx, n.Address(), big.NewInt(1)))
		e.must(n.Stake(ctx, big.NewInt(1)))
		e.must(req.SlashResult(ctx, n.Address(), big.NewInt(1), e.result(n, id, uint64(i)), common.Hash{1}))
		if _, err := n.Dispute(ctx, id); err != nil {
			t.Fatalf("dispute %d of the job: %v", i+1, err)
		}
	}
	j, err := req.Job(ctx, id)
	if err != nil || j.Disputes != disputes {
		t.Fatalf("job: %d open disputes (%v), want %d", j.Disputes, err, disputes)
	}
}
