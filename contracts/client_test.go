package contracts

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// testConfig shortens the escrow's delays so tests can step over them.
var testConfig = Config{
	UnstakeDelay:     time.Hour,
	ReclaimGrace:     time.Hour,
	ClaimWindow:      24 * time.Hour,
	SlashCapBps:      5_000, // half the budget, so a cap is reachable with test stakes
	RequesterBondBps: 1_000, // 10%: a 100-token job locks 110
	DisputeBond:      tokens(5),
	DisputeWindow:    time.Hour,
	VoteWindow:       time.Hour,
}

// env is one simulated chain with a fresh deployment: a requester (deployer and
// token owner) holding 1000 tokens and three nodes holding 100 each.
type env struct {
	t     *testing.T
	ctx   context.Context
	chain *Chain
	req   *Client
	nodes []*Client
}

func tokens(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	chain, err := NewSimulated(DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := chain.Close(); err != nil {
			t.Errorf("close chain: %v", err)
		}
	})
	req, err := Deploy(ctx, chain, chain.Accounts()[0], testConfig)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, ctx: ctx, chain: chain, req: req}
	e.must(req.Mint(ctx, req.Address(), tokens(1000)))
	for _, k := range chain.Accounts()[1:4] {
		n := req.WithKey(k)
		e.must(req.Mint(ctx, n.Address(), tokens(100)))
		e.nodes = append(e.nodes, n)
	}
	return e
}

// must fails the test on a transaction error.
func (e *env) must(_ any, err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) balance(a common.Address) *big.Int {
	e.t.Helper()
	b, err := e.req.Balance(e.ctx, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

func (e *env) now() time.Time {
	e.t.Helper()
	now, err := e.chain.Now(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return now
}

func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if err := e.chain.AdjustTime(d); err != nil {
		e.t.Fatal(err)
	}
}

// result returns n's signature over a result of task in job id, as a worker
// signs what it delivers.
func (e *env) result(n *Client, id common.Hash, task uint64) SignedResult {
	e.t.Helper()
	r, err := n.SignResult(id, task, crypto.Keccak256Hash([]byte(fmt.Sprintf("tile %s %d", id, task))))
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// openJob opens a job with a 100-token budget (plus a 10-token bond) and a
// deadline two hours away.
func (e *env) openJob(name string) common.Hash {
	e.t.Helper()
	id := crypto.Keccak256Hash([]byte(name))
	e.must(e.req.OpenJob(e.ctx, id, tokens(100), e.now().Add(2*time.Hour)))
	return id
}

// settle pays 10 tokens per task: node 0 did 3 tasks, node 1 did 2.
func (e *env) settle(id common.Hash) *Settlement {
	e.t.Helper()
	payouts := []Payout{
		{e.nodes[0].Address(), tokens(10)}, {e.nodes[1].Address(), tokens(10)},
		{e.nodes[0].Address(), tokens(10)}, {e.nodes[1].Address(), tokens(10)},
		{e.nodes[0].Address(), tokens(10)},
	}
	s, err := e.req.Settle(e.ctx, id, payouts)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

func claimOf(t *testing.T, s *Settlement, node common.Address) Claim {
	t.Helper()
	for _, c := range s.Claims {
		if c.Node == node {
			return c
		}
	}
	t.Fatalf("no claim for %s", node)
	return Claim{}
}

func TestHappyPath(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	cheater := e.nodes[2]
	for _, n := range e.nodes {
		e.must(n.Stake(ctx, tokens(50)))
	}
	reqStart := e.balance(e.req.Address())

	id := e.openJob("happy")
	// Convictions first: a slash comes before settle.
	e.must(e.req.SlashResult(ctx, cheater.Address(), tokens(20), e.result(cheater, id, 4), crypto.Keccak256Hash([]byte("verdict"))))
	s := e.settle(id)
	if s.Total.Cmp(tokens(50)) != 0 || s.Refund.Cmp(tokens(50)) != 0 {
		t.Fatalf("settle total %v refund %v, want 50 and 50 tokens", s.Total, s.Refund)
	}
	if len(s.Claims) != 2 {
		t.Fatalf("%d claims, want one per paid node (2)", len(s.Claims))
	}
	if _, err := e.req.SlashResult(ctx, e.nodes[0].Address(), tokens(1), e.result(e.nodes[0], id, 0), common.Hash{}); !errors.Is(err, ErrAlreadySettled) {
		t.Errorf("slash after settle: %v, want ErrAlreadySettled", err)
	}

	for i, want := range []*big.Int{tokens(30), tokens(20)} {
		n := e.nodes[i]
		before := e.balance(n.Address())
		e.must(n.Claim(ctx, claimOf(t, s, n.Address())))
		if got := new(big.Int).Sub(e.balance(n.Address()), before); got.Cmp(want) != 0 {
			t.Errorf("node %d earned %v, want %v", i, got, want)
		}
		if ok, err := n.Claimed(ctx, id, n.Address()); err != nil || !ok {
			t.Errorf("node %d claimed = %v, %v; want true", i, ok, err)
		}
	}

	// Budget and bond stay locked until the receipt grace is over; the slash
	// paid the requester nothing.
	if got, want := new(big.Int).Sub(e.balance(e.req.Address()), reqStart), tokens(-110); got.Cmp(want) != 0 {
		t.Errorf("requester balance moved by %v before reclaim, want %v (budget and bond locked)", got, want)
	}
	if _, err := e.req.Reclaim(ctx, id); !errors.Is(err, ErrReclaimTooEarly) {
		t.Fatalf("reclaim inside the grace: %v, want ErrReclaimTooEarly", err)
	}
	e.advance(time.Hour + time.Second)
	e.must(e.req.Reclaim(ctx, id))
	if got, want := new(big.Int).Sub(e.balance(e.req.Address()), reqStart), tokens(-50); got.Cmp(want) != 0 {
		t.Errorf("requester balance moved by %v, want %v (paid 50, refund and bond back, nothing from the slash)", got, want)
	}
	st, err := e.req.StakeOf(ctx, cheater.Address())
	if err != nil {
		t.Fatal(err)
	}
	if st.Active.Cmp(tokens(30)) != 0 {
		t.Errorf("cheater stake %v, want 30 tokens after a 20-token slash", st.Active)
	}
	if burned, err := e.req.Burned(ctx); err != nil || burned.Cmp(tokens(20)) != 0 {
		t.Errorf("burned %v, %v; want the 20 slashed tokens", burned, err)
	}
	// The escrow holds exactly the remaining stakes and the burned tokens.
	if got, want := e.balance(e.req.Addresses().Escrow), tokens(150); got.Cmp(want) != 0 {
		t.Errorf("escrow holds %v, want %v (130 stake + 20 burned)", got, want)
	}
	j, err := e.req.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if j.Status != JobSettled || j.Unclaimed.Sign() != 0 || j.Held.Sign() != 0 || j.Bond.Sign() != 0 || j.Slashed.Cmp(tokens(20)) != 0 || j.Root != s.Root {
		t.Errorf("job record %+v", j)
	}
}

func TestClaimMany(t *testing.T) {
	e := newEnv(t)
	ids := []common.Hash{e.openJob("a"), e.openJob("b")}
	var claims []Claim
	for _, id := range ids {
		claims = append(claims, claimOf(t, e.settle(id), e.nodes[0].Address()))
	}
	before := e.balance(e.nodes[0].Address())
	e.must(e.nodes[0].ClaimMany(e.ctx, claims))
	if got := new(big.Int).Sub(e.balance(e.nodes[0].Address()), before); got.Cmp(tokens(60)) != 0 {
		t.Errorf("batch claim paid %v, want 60 tokens", got)
	}
	// All or nothing: a batch with one spent leaf pays none.
	fresh := claimOf(t, e.settle(e.openJob("c")), e.nodes[0].Address())
	_, err := e.nodes[0].ClaimMany(e.ctx, []Claim{fresh, claims[0]})
	if !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("batch with a spent leaf: %v, want ErrAlreadyClaimed", err)
	}
	e.must(e.nodes[0].Claim(e.ctx, fresh))
}

func TestReclaim(t *testing.T) {
	tests := []struct {
		name      string
		settle    bool
		advance   time.Duration // after opening (deadline at +2h)
		wantErr   error
		want      *big.Int // returned to the requester
		wantClose bool
	}{
		{name: "unsettled before deadline", advance: time.Hour, wantErr: ErrReclaimTooEarly},
		{name: "unsettled in grace", advance: 2*time.Hour + 30*time.Minute, wantErr: ErrReclaimTooEarly},
		{name: "unsettled after grace", advance: 3*time.Hour + time.Minute, want: tokens(110), wantClose: true},
		{name: "settled in receipt grace", settle: true, advance: 30 * time.Minute, wantErr: ErrReclaimTooEarly},
		// budget 100 - total 50 + bond 10; node 1's leaf stays claimable.
		{name: "settled after grace", settle: true, advance: 2 * time.Hour, want: tokens(60)},
		{name: "settled after claim window", settle: true, advance: 25 * time.Hour, want: tokens(80), wantClose: true}, // + node 1's unclaimed 20
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			id := e.openJob("reclaim")
			var s *Settlement
			if tc.settle {
				s = e.settle(id)
				e.must(e.nodes[0].Claim(e.ctx, claimOf(t, s, e.nodes[0].Address())))
			}
			e.advance(tc.advance)
			before := e.balance(e.req.Address())
			// Anyone may trigger a reclaim; the tokens go to the requester.
			_, err := e.nodes[2].Reclaim(e.ctx, id)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("reclaim: %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got := new(big.Int).Sub(e.balance(e.req.Address()), before); got.Cmp(tc.want) != 0 {
				t.Errorf("reclaim returned %v, want %v", got, tc.want)
			}
			_, err = e.nodes[2].Reclaim(e.ctx, id)
			switch {
			case tc.wantClose && !errors.Is(err, ErrJobClosed):
				t.Errorf("second reclaim: %v, want ErrJobClosed", err)
			case !tc.wantClose && !errors.Is(err, ErrReclaimTooEarly):
				t.Errorf("second reclaim before the claim window closes: %v, want ErrReclaimTooEarly", err)
			}
			switch {
			case tc.settle && tc.wantClose:
				if _, err := e.nodes[1].Claim(e.ctx, claimOf(t, s, e.nodes[1].Address())); !errors.Is(err, ErrClaimWindowClosed) {
					t.Errorf("claim after sweep: %v, want ErrClaimWindowClosed", err)
				}
			case tc.settle:
				e.must(e.nodes[1].Claim(e.ctx, claimOf(t, s, e.nodes[1].Address())))
			default:
				if _, err := e.req.Settle(e.ctx, id, nil); !errors.Is(err, ErrJobClosed) {
					t.Errorf("settle after reclaim: %v, want ErrJobClosed", err)
				}
			}
		})
	}
}

// TestRejects runs each misuse on a fresh chain and checks the sentinel error
// the client decodes from the contract's custom error.
func TestRejects(t *testing.T) {
	tests := []struct {
		name string
		run  func(e *env) error
		want error
	}{
		{"double claim", func(e *env) error {
			c := claimOf(e.t, e.settle(e.openJob("j")), e.nodes[0].Address())
			e.must(e.nodes[0].Claim(e.ctx, c))
			_, err := e.nodes[0].Claim(e.ctx, c)
			return err
		}, ErrAlreadyClaimed},
		{"wrong proof", func(e *env) error {
			c := claimOf(e.t, e.settle(e.openJob("j")), e.nodes[0].Address())
			c.Proof = []common.Hash{crypto.Keccak256Hash([]byte("nonsense"))}
			_, err := e.nodes[0].Claim(e.ctx, c)
			return err
		}, ErrBadProof},
		{"inflated amount", func(e *env) error {
			c := claimOf(e.t, e.settle(e.openJob("j")), e.nodes[0].Address())
			c.Amount = new(big.Int).Add(c.Amount, big.NewInt(1))
			_, err := e.nodes[0].Claim(e.ctx, c)
			return err
		}, ErrBadProof},
		{"another node's leaf", func(e *env) error {
			c := claimOf(e.t, e.settle(e.openJob("j")), e.nodes[0].Address())
			_, err := e.nodes[2].Claim(e.ctx, c)
			return err
		}, ErrBadProof},
		{"claim before settle", func(e *env) error {
			_, err := e.nodes[0].Claim(e.ctx, Claim{JobID: e.openJob("j"), Amount: tokens(1)})
			return err
		}, ErrNotSettled},
		{"settle by non-requester", func(e *env) error {
			_, err := e.nodes[0].Settle(e.ctx, e.openJob("j"), []Payout{{e.nodes[0].Address(), tokens(100)}})
			return err
		}, ErrNotRequester},
		{"settle twice", func(e *env) error {
			id := e.openJob("j")
			e.settle(id)
			_, err := e.req.Settle(e.ctx, id, nil)
			return err
		}, ErrAlreadySettled},
		{"total above budget", func(e *env) error {
			_, err := e.req.Settle(e.ctx, e.openJob("j"), []Payout{{e.nodes[0].Address(), tokens(60)}, {e.nodes[1].Address(), tokens(41)}})
			return err
		}, ErrOverBudget},
		{"settle after deadline", func(e *env) error {
			id := e.openJob("j")
			e.advance(2*time.Hour + time.Second)
			_, err := e.req.Settle(e.ctx, id, nil)
			return err
		}, ErrDeadlinePassed},
		{"open the same job twice", func(e *env) error {
			id := e.openJob("j")
			_, err := e.req.OpenJob(e.ctx, id, tokens(1), e.now().Add(time.Hour))
			return err
		}, ErrJobExists},
		{"deadline in the past", func(e *env) error {
			_, err := e.req.OpenJob(e.ctx, common.Hash{1}, tokens(1), e.now().Add(-time.Minute))
			return err
		}, ErrBadDeadline},
		{"settle unknown job", func(e *env) error {
			_, err := e.req.Settle(e.ctx, common.Hash{9}, nil)
			return err
		}, ErrJobNotFound},
		{"unstake before the delay", func(e *env) error {
			n := e.nodes[0]
			e.must(n.Stake(e.ctx, tokens(10)))
			e.must(n.RequestUnstake(e.ctx, tokens(10)))
			e.advance(30 * time.Minute)
			_, err := n.Unstake(e.ctx)
			return err
		}, ErrUnstakeTooEarly},
		{"unstake with nothing pending", func(e *env) error {
			_, err := e.nodes[0].Unstake(e.ctx)
			return err
		}, ErrNothingToUnstake},
		{"request unstake above stake", func(e *env) error {
			e.must(e.nodes[0].Stake(e.ctx, tokens(10)))
			_, err := e.nodes[0].RequestUnstake(e.ctx, tokens(11))
			return err
		}, ErrInsufficientStake},
		{"slash above the cap", func(e *env) error {
			id := e.openJob("j") // budget 100, cap 50%
			e.must(e.nodes[0].Stake(e.ctx, tokens(40)))
			e.must(e.nodes[1].Stake(e.ctx, tokens(40)))
			e.must(e.req.SlashResult(e.ctx, e.nodes[0].Address(), tokens(30), e.result(e.nodes[0], id, 1), common.Hash{1}))
			_, err := e.req.SlashResult(e.ctx, e.nodes[1].Address(), tokens(21), e.result(e.nodes[1], id, 2), common.Hash{2})
			return err
		}, ErrSlashCap},
		{"slash a node twice for one job", func(e *env) error {
			id := e.openJob("j")
			e.must(e.nodes[0].Stake(e.ctx, tokens(40)))
			e.must(e.req.SlashResult(e.ctx, e.nodes[0].Address(), tokens(10), e.result(e.nodes[0], id, 1), common.Hash{1}))
			_, err := e.req.SlashResult(e.ctx, e.nodes[0].Address(), tokens(10), e.result(e.nodes[0], id, 2), common.Hash{2})
			return err
		}, ErrAlreadyConvicted},
		{"slash by non-requester", func(e *env) error {
			id := e.openJob("j")
			e.must(e.nodes[0].Stake(e.ctx, tokens(10)))
			_, err := e.nodes[1].SlashResult(e.ctx, e.nodes[0].Address(), tokens(1), e.result(e.nodes[0], id, 1), common.Hash{1})
			return err
		}, ErrNotRequester},
		{"slash above stake", func(e *env) error {
			id := e.openJob("j")
			e.must(e.nodes[0].Stake(e.ctx, tokens(10)))
			_, err := e.req.SlashResult(e.ctx, e.nodes[0].Address(), tokens(11), e.result(e.nodes[0], id, 1), common.Hash{1})
			return err
		}, ErrInsufficientStake},
		{"slash after deadline", func(e *env) error {
			id := e.openJob("j")
			e.must(e.nodes[0].Stake(e.ctx, tokens(10)))
			e.advance(3 * time.Hour)
			_, err := e.req.SlashResult(e.ctx, e.nodes[0].Address(), tokens(1), e.result(e.nodes[0], id, 1), common.Hash{1})
			return err
		}, ErrDeadlinePassed},
		{"open job without allowance", func(e *env) error {
			_, err := e.req.openJob(e.ctx, common.Hash{1}, tokens(1), e.now().Add(time.Hour))
			return err
		}, ErrInsufficientAllowance},
		{"token transferFrom without allowance", func(e *env) error {
			_, err := e.nodes[0].transact(e.ctx, e.nodes[0].token,
				e.nodes[0].tokenB.PackTransferFrom(e.req.Address(), e.nodes[0].Address(), tokens(1)))
			return err
		}, ErrInsufficientAllowance},
		{"transfer above balance", func(e *env) error {
			_, err := e.nodes[0].Transfer(e.ctx, e.req.Address(), tokens(101))
			return err
		}, ErrInsufficientBalance},
		{"mint by non-owner", func(e *env) error {
			_, err := e.nodes[0].Mint(e.ctx, e.nodes[0].Address(), tokens(1))
			return err
		}, ErrNotOwner},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			err := tc.run(e)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var re *RevertError
			if !errors.As(err, &re) || re.Name == "" {
				t.Fatalf("error %v does not name the contract's custom error", err)
			}
		})
	}
}

func TestUnstakeAfterDelay(t *testing.T) {
	e := newEnv(t)
	n := e.nodes[0]
	e.must(n.Stake(e.ctx, tokens(40)))
	e.must(n.RequestUnstake(e.ctx, tokens(15)))
	st, err := n.StakeOf(e.ctx, n.Address())
	if err != nil {
		t.Fatal(err)
	}
	if st.Active.Cmp(tokens(25)) != 0 || st.Pending.Cmp(tokens(15)) != 0 || st.UnlockAt.IsZero() {
		t.Fatalf("stake after request %+v", st)
	}
	// Pending stake stays slashable: active goes first, then pending.
	id := e.openJob("j")
	e.must(e.req.SlashResult(e.ctx, n.Address(), tokens(30), e.result(n, id, 0), common.Hash{7}))
	e.advance(time.Hour + time.Second)
	before := e.balance(n.Address())
	e.must(n.Unstake(e.ctx))
	if got := new(big.Int).Sub(e.balance(n.Address()), before); got.Cmp(tokens(10)) != 0 {
		t.Errorf("unstake returned %v, want 10 tokens (15 pending - 5 slashed)", got)
	}
}

func TestRevertErrorMessage(t *testing.T) {
	e := newEnv(t)
	id := e.openJob("j")
	_, err := e.nodes[0].Settle(e.ctx, id, nil)
	msg := err.Error()
	for _, want := range []string{"settle job", "only the job's requester", "NotRequester", strings.ToLower(e.nodes[0].Address().Hex())} {
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(want)) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
}

func TestNewClientChecksCode(t *testing.T) {
	e := newEnv(t)
	if _, err := NewClient(e.ctx, e.chain, DevKey(5), e.req.Addresses()); err != nil {
		t.Fatalf("attach to deployment: %v", err)
	}
	bad := Addresses{Token: e.req.Addresses().Token, Escrow: common.Address{1}}
	if _, err := NewClient(e.ctx, e.chain, DevKey(5), bad); err == nil || !strings.Contains(err.Error(), "no code") {
		t.Fatalf("attach to empty address: %v, want a no-code error", err)
	}
}

func TestLeafMatchesContract(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		node   common.Address
		amount *big.Int
	}{
		{common.Address{}, big.NewInt(0)},
		{e.nodes[0].Address(), tokens(30)},
		{common.HexToAddress("0xffffffffffffffffffffffffffffffffffffffff"), maxAmount},
	} {
		got, err := bind.Call(e.req.escrow, e.req.callOpts(e.ctx), e.req.escB.PackLeafOf(tc.node, tc.amount), e.req.escB.UnpackLeafOf)
		if err != nil {
			t.Fatal(err)
		}
		if want := Leaf(tc.node, tc.amount); common.Hash(got) != want {
			t.Errorf("leafOf(%s, %v) = %x on chain, Leaf = %s", tc.node, tc.amount, got, want)
		}
	}
}

// TestDeployRejectsBadConfig: rules that would break the escrow's promises
// are refused before anything is deployed, naming the rule.
func TestDeployRejectsBadConfig(t *testing.T) {
	chain, err := NewSimulated(DefaultSimConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	tests := []struct {
		name   string
		change func(c *Config)
		want   string
	}{
		{"slash cap above 100%", func(c *Config) { c.SlashCapBps = 10_001 }, "slash cap"},
		{"bond above 100%", func(c *Config) { c.RequesterBondBps = 10_001 }, "requester bond"},
		{"claim window shorter than the receipt grace", func(c *Config) { c.ClaimWindow = c.ReclaimGrace - time.Second }, "claim window"},
		{"dispute window longer than the receipt grace", func(c *Config) { c.DisputeWindow = c.ReclaimGrace + time.Second }, "dispute window"},
		{"negative dispute bond", func(c *Config) { c.DisputeBond = big.NewInt(-1) }, "dispute bond"},
		{"negative vote window", func(c *Config) { c.VoteWindow = -time.Second }, "must not be negative"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.change(&cfg)
			if _, err := Deploy(context.Background(), chain, chain.Accounts()[0], cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("deploy: %v, want an error naming %q", err, tc.want)
			}
		})
	}
}
