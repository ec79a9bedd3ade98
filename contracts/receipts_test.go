package contracts

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// receipt returns the requester's signed receipt for n's tasks of job id,
// each accepted at price tokens.
func (e *env) receipt(n *Client, id common.Hash, tasks int, price int64) WorkReceipt {
	e.t.Helper()
	r := WorkReceipt{JobID: id, Worker: n.Address()}
	for i := range tasks {
		r = r.Accept(uint64(i), crypto.Keccak256Hash([]byte{byte(i)}), tokens(price))
	}
	signed, err := e.req.SignReceipt(r)
	if err != nil {
		e.t.Fatal(err)
	}
	return signed
}

// earned runs f and returns how much n's balance grew.
func (e *env) earned(n *Client, f func()) *big.Int {
	e.t.Helper()
	before := e.balance(n.Address())
	f()
	return new(big.Int).Sub(e.balance(n.Address()), before)
}

// TestSlashNeedsSignedResult: every way of slashing without the accused
// node's own signature over a result of this job reverts, and a valid slash
// pays the requester nothing.
func TestSlashNeedsSignedResult(t *testing.T) {
	tests := []struct {
		name   string
		result func(e *env, victim *Client, id, other common.Hash) SignedResult
		want   error
	}{
		{"no signature", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			return SignedResult{JobID: id}
		}, ErrBadResultSignature},
		{"node never worked on the job: another node's result", func(e *env, _ *Client, id, _ common.Hash) SignedResult {
			return e.result(e.nodes[1], id, 3)
		}, ErrBadResultSignature},
		{"forged: a key that is not the node's", func(e *env, _ *Client, id, _ common.Hash) SignedResult {
			key, _ := crypto.GenerateKey()
			r, err := SignResult(key, e.req.Domain(), id, 3, common.Hash{3})
			if err != nil {
				e.t.Fatal(err)
			}
			return r
		}, ErrBadResultSignature},
		{"the node's result of another job", func(e *env, victim *Client, id, other common.Hash) SignedResult {
			r := e.result(victim, other, 3)
			r.JobID = id
			return r
		}, ErrBadResultSignature},
		{"the node's result for another deployment", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			d := victim.Domain()
			d.Escrow = common.Address{0xee}
			r, err := SignResult(victim.key, d, id, 3, common.Hash{3})
			if err != nil {
				e.t.Fatal(err)
			}
			return r
		}, ErrBadResultSignature},
		{"the node's result with another task", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			r := e.result(victim, id, 3)
			r.Task = 4
			return r
		}, ErrBadResultSignature},
		{"the node's result with another hash", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			r := e.result(victim, id, 3)
			r.ResultHash[0] ^= 1
			return r
		}, ErrBadResultSignature},
		{"truncated signature", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			r := e.result(victim, id, 3)
			r.Signature = r.Signature[:64]
			return r
		}, ErrBadResultSignature},
		{"the node's own result of this job", func(e *env, victim *Client, id, _ common.Hash) SignedResult {
			return e.result(victim, id, 3)
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			slashAttempt(t, func(e *env, victim *Client, id, other common.Hash) error {
				_, err := e.req.SlashResult(e.ctx, victim.Address(), tokens(40), tc.result(e, victim, id, other), common.Hash{1})
				return err
			}, tc.want)
		})
	}
}

// slashAttempt stakes node 0 (the victim) 40 tokens, opens jobs "attack"
// (id) and "other", and has slash try the requester's slash of the
// victim's whole stake in id; it fails the test unless the slash is
// refused with want (the stake whole) or, want nil, lands (the stake
// gone), and unless the requester gained nothing either way. It returns
// the env, the victim and id.
func slashAttempt(t *testing.T, slash func(e *env, victim *Client, id, other common.Hash) error, want error) (*env, *Client, common.Hash) {
	t.Helper()
	e := newEnv(t)
	victim := e.nodes[0]
	e.must(victim.Stake(e.ctx, tokens(40)))
	id, other := e.openJob("attack"), e.openJob("other")
	reqBefore := e.balance(e.req.Address())
	if err := slash(e, victim, id, other); !errors.Is(err, want) {
		t.Fatalf("slash: %v, want %v", err, want)
	}
	st, err := e.req.StakeOf(e.ctx, victim.Address())
	if err != nil {
		t.Fatal(err)
	}
	wantStake := tokens(40)
	if want == nil {
		wantStake = new(big.Int)
	}
	if st.Active.Cmp(wantStake) != 0 {
		t.Errorf("victim stake %v, want %v", st.Active, wantStake)
	}
	if got := e.balance(e.req.Address()); got.Cmp(reqBefore) != 0 {
		t.Errorf("requester balance %v after the slash, want unchanged %v: the requester must never profit", got, reqBefore)
	}
	return e, victim, id
}

// TestReceipts runs the requester's ways of not paying, and the workers'
// ways of asking twice, and checks every balance to the wei.
func TestReceipts(t *testing.T) {
	tests := []struct {
		name string
		// run plays the job (budget 100, bond 10, deadline +2h, grace 1h)
		// and returns what each of nodes 0 and 1 should have earned.
		run func(e *env, id common.Hash) [2]*big.Int
		// refund is what the requester gets back in the end, of 110 locked.
		refund *big.Int
	}{
		{"requester settles total 0 after receipts", func(e *env, id common.Hash) [2]*big.Int {
			r0, r1 := e.receipt(e.nodes[0], id, 3, 10), e.receipt(e.nodes[1], id, 2, 10)
			e.must(e.req.Settle(e.ctx, id, nil))
			// Paid exactly, from what settle held back; no bonus: it settled.
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			return [2]*big.Int{tokens(30), tokens(20)}
		}, tokens(60)},
		{"requester settles a tree that leaves a worker out", func(e *env, id common.Hash) [2]*big.Int {
			r1 := e.receipt(e.nodes[1], id, 2, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(30)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			return [2]*big.Int{tokens(30), tokens(20)}
		}, tokens(60)},
		{"leaf smaller than the receipt: the difference is paid", func(e *env, id common.Hash) [2]*big.Int {
			r0 := e.receipt(e.nodes[0], id, 3, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(20)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"requester never settles: receipts and the bond pay", func(e *env, id common.Hash) [2]*big.Int {
			r0, r1 := e.receipt(e.nodes[0], id, 3, 10), e.receipt(e.nodes[1], id, 2, 10)
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}); !errors.Is(err, ErrReceiptTooEarly) {
				e.t.Fatalf("receipt before the deadline: %v, want ErrReceiptTooEarly", err)
			}
			e.advance(2*time.Hour + time.Second)
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			return [2]*big.Int{tokens(33), tokens(22)} // + 10% of the bond each
		}, tokens(55)},
		{"receipts beyond the budget: the budget is the limit", func(e *env, id common.Hash) [2]*big.Int {
			r0, r1 := e.receipt(e.nodes[0], id, 8, 10), e.receipt(e.nodes[1], id, 8, 10)
			e.advance(2*time.Hour + time.Second)
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			if _, err := e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}); !errors.Is(err, ErrBudgetExhausted) {
				e.t.Fatalf("claim on a spent budget: %v, want ErrBudgetExhausted", err)
			}
			return [2]*big.Int{tokens(88), tokens(22)} // 80 + 8, then the last 20 + 2
		}, new(big.Int)},
		{"receipts beyond a settled budget", func(e *env, id common.Hash) [2]*big.Int {
			r1 := e.receipt(e.nodes[1], id, 8, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(60)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			return [2]*big.Int{tokens(60), tokens(40)}
		}, tokens(10)},
		{"double claim: receipt after the leaf", func(e *env, id common.Hash) [2]*big.Int {
			r0 := e.receipt(e.nodes[0], id, 3, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(30)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}); !errors.Is(err, ErrAlreadyClaimed) {
				e.t.Fatalf("receipt after the leaf: %v, want ErrAlreadyClaimed", err)
			}
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"double claim: leaf after the receipt", func(e *env, id common.Hash) [2]*big.Int {
			r0 := e.receipt(e.nodes[0], id, 3, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(30)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			if _, err := e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())); !errors.Is(err, ErrAlreadyClaimed) {
				e.t.Fatalf("leaf after the receipt: %v, want ErrAlreadyClaimed", err)
			}
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}); !errors.Is(err, ErrAlreadyClaimed) {
				e.t.Fatalf("receipt twice: %v, want ErrAlreadyClaimed", err)
			}
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"an older receipt after a newer one pays nothing", func(e *env, id common.Hash) [2]*big.Int {
			old, latest := e.receipt(e.nodes[0], id, 2, 10), e.receipt(e.nodes[0], id, 3, 10)
			e.must(e.req.Settle(e.ctx, id, nil))
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{latest}))
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{old}); !errors.Is(err, ErrAlreadyClaimed) {
				e.t.Fatalf("older receipt: %v, want ErrAlreadyClaimed", err)
			}
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"forged and borrowed receipts", func(e *env, id common.Hash) [2]*big.Int {
			e.must(e.req.Settle(e.ctx, id, nil))
			// Signed by the worker itself, not the requester.
			forged, err := SignReceipt(e.nodes[0].key, e.req.Domain(), WorkReceipt{JobID: id, Worker: e.nodes[0].Address(), Amount: tokens(50)})
			if err != nil {
				e.t.Fatal(err)
			}
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{forged}); !errors.Is(err, ErrBadReceiptSignature) {
				e.t.Fatalf("self-signed receipt: %v, want ErrBadReceiptSignature", err)
			}
			// Node 0's receipt presented by node 1: the escrow pays the
			// sender, and the signature names node 0.
			borrowed := e.receipt(e.nodes[0], id, 3, 10)
			borrowed.Worker = e.nodes[1].Address()
			if _, err := e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{borrowed}); !errors.Is(err, ErrBadReceiptSignature) {
				e.t.Fatalf("another worker's receipt: %v, want ErrBadReceiptSignature", err)
			}
			// An inflated amount.
			inflated := e.receipt(e.nodes[0], id, 3, 10)
			inflated.Amount = tokens(31)
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{inflated}); !errors.Is(err, ErrBadReceiptSignature) {
				e.t.Fatalf("inflated receipt: %v, want ErrBadReceiptSignature", err)
			}
			return [2]*big.Int{new(big.Int), new(big.Int)}
		}, tokens(110)},
		{"a tree that takes the budget leaves a reservation alone", func(e *env, id common.Hash) [2]*big.Int {
			// The requester reserves 20 for node 1, then settles a tree
			// of 100 (its total is the budget) whose 80 go to node 0 (its
			// stand-in) and 20 to an address nobody claims for.
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[1].Address(), tokens(20)}}))
			r1 := e.receipt(e.nodes[1], id, 2, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(80)}, {common.Address{0xdd}, tokens(20)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			return [2]*big.Int{tokens(80), tokens(20)}
		}, tokens(10)},
		{"the same tree without a reservation keeps the receipted worker's pay", func(e *env, id common.Hash) [2]*big.Int {
			r1 := e.receipt(e.nodes[1], id, 2, 10)
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(80)}, {common.Address{0xdd}, tokens(20)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			if _, err := e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}); !errors.Is(err, ErrBudgetExhausted) {
				e.t.Fatalf("receipt against a tree that took the budget: %v, want ErrBudgetExhausted", err)
			}
			return [2]*big.Int{tokens(80), new(big.Int)}
		}, tokens(30)},
		{"receipts to other addresses beyond the budget leave a reservation alone", func(e *env, id common.Hash) [2]*big.Int {
			// Never settled: node 0 (the requester's stand-in) holds
			// receipts for 100, node 1 a receipt for 20 within its
			// reservation; node 0 redeems first.
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[1].Address(), tokens(20)}}))
			r0, r1 := e.receipt(e.nodes[0], id, 10, 10), e.receipt(e.nodes[1], id, 2, 10)
			e.advance(2*time.Hour + time.Second)
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}))
			return [2]*big.Int{tokens(88), tokens(22)} // 80 + 8 of the bond, 20 + 2
		}, new(big.Int)},
		{"a leaf beyond its reservation takes the rest from the tree", func(e *env, id common.Hash) [2]*big.Int {
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(10)}}))
			s, err := e.req.Settle(e.ctx, id, []Payout{{e.nodes[0].Address(), tokens(30)}})
			if err != nil {
				e.t.Fatal(err)
			}
			e.must(e.nodes[0].Claim(e.ctx, claimOf(e.t, s, e.nodes[0].Address())))
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"a reservation beyond the work goes back to the requester", func(e *env, id common.Hash) [2]*big.Int {
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(30)}, {e.nodes[1].Address(), tokens(20)}}))
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(20)}}))
			if got, err := e.req.ReservedFor(e.ctx, id, e.nodes[0].Address()); err != nil || got.Cmp(tokens(50)) != 0 {
				e.t.Fatalf("reserved for node 0: %v, %v; want 50 tokens", got, err)
			}
			r0 := e.receipt(e.nodes[0], id, 3, 10)
			e.must(e.req.Settle(e.ctx, id, nil))
			e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}))
			return [2]*big.Int{tokens(30), new(big.Int)}
		}, tokens(80)},
		{"receipts after the grace are refused", func(e *env, id common.Hash) [2]*big.Int {
			r0 := e.receipt(e.nodes[0], id, 3, 10)
			e.must(e.req.Settle(e.ctx, id, nil))
			e.advance(time.Hour + time.Second)
			if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{r0}); !errors.Is(err, ErrReceiptWindowClosed) {
				e.t.Fatalf("receipt after the grace: %v, want ErrReceiptWindowClosed", err)
			}
			return [2]*big.Int{new(big.Int), new(big.Int)}
		}, tokens(110)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			reqStart := e.balance(e.req.Address())
			starts := [2]*big.Int{e.balance(e.nodes[0].Address()), e.balance(e.nodes[1].Address())}
			id := e.openJob("receipts")
			want := tc.run(e, id)
			for i, w := range want {
				if got := new(big.Int).Sub(e.balance(e.nodes[i].Address()), starts[i]); got.Cmp(w) != 0 {
					t.Errorf("node %d earned %v, want %v", i, got, w)
				}
			}
			// Close the job out and check the requester got back exactly
			// the rest.
			e.advance(25 * time.Hour)
			if _, err := e.nodes[2].Reclaim(e.ctx, id); err != nil {
				t.Fatal(err)
			}
			if got, want := new(big.Int).Sub(e.balance(e.req.Address()), reqStart), new(big.Int).Sub(tc.refund, tokens(110)); got.Cmp(want) != 0 {
				t.Errorf("requester balance moved by %v, want %v", got, want)
			}
			if got := e.balance(e.req.Addresses().Escrow); got.Sign() != 0 {
				t.Errorf("escrow still holds %v after the job closed", got)
			}
		})
	}
}

// TestReserveRefuses: only the requester reserves, only while the job is
// open and its deadline not passed, and only what the job still holds.
func TestReserveRefuses(t *testing.T) {
	tests := []struct {
		name string
		try  func(e *env, id common.Hash) error
		want error
	}{
		{"by a worker", func(e *env, id common.Hash) error {
			_, err := e.nodes[0].Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(10)}})
			return err
		}, ErrNotRequester},
		{"more than the budget", func(e *env, id common.Hash) error {
			_, err := e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(60)}, {e.nodes[1].Address(), tokens(41)}})
			return err
		}, ErrOverBudget},
		{"more than the budget, in two", func(e *env, id common.Hash) error {
			e.must(e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(100)}}))
			_, err := e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[1].Address(), big.NewInt(1)}})
			return err
		}, ErrOverBudget},
		{"after settle", func(e *env, id common.Hash) error {
			e.must(e.req.Settle(e.ctx, id, nil))
			_, err := e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(10)}})
			return err
		}, ErrAlreadySettled},
		{"after the deadline", func(e *env, id common.Hash) error {
			e.advance(2*time.Hour + time.Second)
			_, err := e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), tokens(10)}})
			return err
		}, ErrDeadlinePassed},
		{"nothing", func(e *env, id common.Hash) error {
			_, err := e.req.Reserve(e.ctx, id, []Reservation{{e.nodes[0].Address(), new(big.Int)}})
			return err
		}, ErrZeroAmount},
		{"an unknown job", func(e *env, _ common.Hash) error {
			_, err := e.req.Reserve(e.ctx, common.Hash{9}, []Reservation{{e.nodes[0].Address(), tokens(10)}})
			return err
		}, ErrJobNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			id := e.openJob("reserve")
			if err := tc.try(e, id); !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// TestClaimByReceiptsBatch pays receipts of two jobs, one settled and one
// never settled, in one transaction.
func TestClaimByReceiptsBatch(t *testing.T) {
	e := newEnv(t)
	a, b := e.openJob("a"), e.openJob("b")
	ra, rb := e.receipt(e.nodes[0], a, 2, 5), e.receipt(e.nodes[0], b, 4, 5)
	e.must(e.req.Settle(e.ctx, a, nil))
	// Past b's deadline; a was settled at once, so its grace ended at +1h.
	e.advance(2*time.Hour + time.Second)
	if _, err := e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{rb, ra}); !errors.Is(err, ErrReceiptWindowClosed) {
		t.Fatalf("batch with an expired receipt: %v, want ErrReceiptWindowClosed (all or nothing)", err)
	}
	got := e.earned(e.nodes[0], func() { e.must(e.nodes[0].ClaimByReceipts(e.ctx, []WorkReceipt{rb})) })
	if want := tokens(22); got.Cmp(want) != 0 { // 20 + 10% bond share
		t.Errorf("batch paid %v, want %v", got, want)
	}

	// Two jobs inside their windows, one transaction.
	c, d := e.openJob("c"), e.openJob("d")
	rc, rd := e.receipt(e.nodes[1], c, 1, 7), e.receipt(e.nodes[1], d, 3, 7)
	e.must(e.req.Settle(e.ctx, c, nil))
	e.must(e.req.Settle(e.ctx, d, []Payout{{e.nodes[1].Address(), tokens(7)}}))
	got = e.earned(e.nodes[1], func() { e.must(e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{rc, rd})) })
	if want := tokens(28); got.Cmp(want) != 0 {
		t.Errorf("batch paid %v, want %v", got, want)
	}
	if _, err := e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{rc}); !errors.Is(err, ErrAlreadyClaimed) {
		t.Errorf("receipt claimed twice: %v, want ErrAlreadyClaimed", err)
	}
}

func TestCheckFundedAndReceiptWindow(t *testing.T) {
	e := newEnv(t)
	id := e.openJob("funded")
	j, err := e.nodes[0].CheckFunded(e.ctx, id, e.req.Address())
	if err != nil || j.Budget.Cmp(tokens(100)) != 0 {
		t.Fatalf("open job: %+v, %v", j, err)
	}
	for _, tc := range []struct {
		name      string
		job       common.Hash
		requester common.Address
	}{
		{"unknown job", common.Hash{9}, e.req.Address()},
		{"another coordinator", id, e.nodes[1].Address()},
	} {
		if _, err := e.nodes[0].CheckFunded(e.ctx, tc.job, tc.requester); !errors.Is(err, ErrJobNotFunded) {
			t.Errorf("%s: %v, want ErrJobNotFunded", tc.name, err)
		}
	}
	from, until, err := e.nodes[0].ReceiptWindow(e.ctx, id)
	if err != nil || !from.Equal(j.Deadline) || until.Sub(from) != testConfig.ReclaimGrace {
		t.Errorf("open job's receipt window %v - %v, %v; want the deadline %v and one grace after", from, until, err, j.Deadline)
	}
	e.advance(2*time.Hour + time.Second)
	if _, err := e.nodes[0].CheckFunded(e.ctx, id, e.req.Address()); !errors.Is(err, ErrJobNotFunded) {
		t.Errorf("past the deadline: %v, want ErrJobNotFunded", err)
	}
	settled := e.openJob("settled")
	e.must(e.req.Settle(e.ctx, settled, nil))
	s, err := e.req.Job(e.ctx, settled)
	if err != nil {
		t.Fatal(err)
	}
	if from, until, err := e.nodes[0].ReceiptWindow(e.ctx, settled); err != nil || !from.Equal(s.SettledAt) || until.Sub(from) != testConfig.ReclaimGrace {
		t.Errorf("settled job's receipt window %v - %v, %v", from, until, err)
	}
	if _, err := e.nodes[0].CheckFunded(e.ctx, settled, e.req.Address()); !errors.Is(err, ErrJobNotFunded) {
		t.Errorf("settled job: %v, want ErrJobNotFunded", err)
	}
	if _, _, err := e.nodes[0].ReceiptWindow(e.ctx, common.Hash{9}); !errors.Is(err, ErrNoReceiptWindow) {
		t.Errorf("unknown job: %v, want ErrNoReceiptWindow", err)
	}
}

// TestVerifyReceipt: a worker checks a receipt over the escrow's own
// receipt digest: the requester's receipt passes; one signed for another
// chain or escrow, by another key, or changed after signing (it would not
// redeem) fails.
func TestVerifyReceipt(t *testing.T) {
	e := newEnv(t)
	id := e.openJob("verify")
	good := e.receipt(e.nodes[0], id, 2, 1)
	if err := e.nodes[0].VerifyReceipt(e.ctx, good, e.req.Address()); err != nil {
		t.Fatalf("the requester's receipt: %v", err)
	}
	tests := []struct {
		name   string
		change func(r *WorkReceipt) common.Address // returns the signer to check
	}{
		{"another chain", func(r *WorkReceipt) common.Address {
			d := e.req.Domain()
			d.ChainID = big.NewInt(1)
			*r, _ = SignReceipt(e.chain.Accounts()[0], d, *r)
			return e.req.Address()
		}},
		{"another escrow", func(r *WorkReceipt) common.Address {
			d := e.req.Domain()
			d.Escrow = common.Address{1}
			*r, _ = SignReceipt(e.chain.Accounts()[0], d, *r)
			return e.req.Address()
		}},
		{"another signer", func(r *WorkReceipt) common.Address { return e.nodes[1].Address() }},
		{"amount raised", func(r *WorkReceipt) common.Address {
			r.Amount = new(big.Int).Add(r.Amount, big.NewInt(1))
			return e.req.Address()
		}},
		{"another worker", func(r *WorkReceipt) common.Address {
			r.Worker = e.nodes[1].Address()
			return e.req.Address()
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := good
			r.Amount = new(big.Int).Set(good.Amount)
			signer := tc.change(&r)
			if err := e.nodes[0].VerifyReceipt(e.ctx, r, signer); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("verify: %v, want ErrBadSignature", err)
			}
		})
	}
}

// TestLeavesAndReservations: a tree counts only what its leaves draw beyond
// their nodes' reservations, so settling an honest tree over reserved work
// locks nothing twice; a leaf that what is left cannot pay in full (the rest
// sits in another node's reservation) is still paid its own reservation, and
// claimForMany pays the others of its batch beside it.
func TestLeavesAndReservations(t *testing.T) {
	e := newEnv(t)
	n0, n1 := e.nodes[0].Address(), e.nodes[1].Address()

	id := e.openJob("honest tree over reservations")
	e.must(e.req.Reserve(e.ctx, id, []Reservation{{n0, tokens(30)}, {n1, tokens(20)}}))
	s, err := e.req.Settle(e.ctx, id, []Payout{{n0, tokens(30)}, {n1, tokens(50)}})
	if err != nil {
		t.Fatal(err)
	}
	j, err := e.req.Job(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Node 1's leaf draws 30 beyond its reservation; the rest of the
	// 100 is held for receipts, then the requester's at the grace.
	if j.Unclaimed.Cmp(tokens(30)) != 0 || j.Held.Cmp(tokens(20)) != 0 || j.Reserved.Cmp(tokens(50)) != 0 {
		t.Fatalf("after settle: tree %v, held %v, reserved %v; want 30, 20, 50", j.Unclaimed, j.Held, j.Reserved)
	}
	if got := e.earned(e.nodes[1], func() { e.must(e.nodes[1].Claim(e.ctx, claimOf(t, s, n1))) }); got.Cmp(tokens(50)) != 0 {
		t.Errorf("node 1's leaf paid %v, want 50", got)
	}
	if got := e.earned(e.nodes[0], func() { e.must(e.nodes[0].Claim(e.ctx, claimOf(t, s, n0))) }); got.Cmp(tokens(30)) != 0 {
		t.Errorf("node 0's leaf paid %v, want 30", got)
	}

	id = e.openJob("leaf beyond what is left")
	e.must(e.req.Reserve(e.ctx, id, []Reservation{{n0, tokens(60)}, {n1, tokens(40)}}))
	s, err = e.req.Settle(e.ctx, id, []Payout{{n0, tokens(20)}, {n1, tokens(50)}})
	if err != nil {
		t.Fatal(err)
	}
	// Node 1's leaf is 10 beyond its reservation of 40, and the tree
	// holds nothing: it is paid its reservation.
	if got := e.earned(e.nodes[1], func() { e.must(e.nodes[1].Claim(e.ctx, claimOf(t, s, n1))) }); got.Cmp(tokens(40)) != 0 {
		t.Errorf("node 1's leaf of 50 paid %v, want its reservation's 40", got)
	}
	if _, err := e.nodes[1].Claim(e.ctx, claimOf(t, s, n1)); !errors.Is(err, ErrClaimExceedsTotal) {
		t.Fatalf("the rest of a leaf the tree cannot pay: %v, want ErrClaimExceedsTotal", err)
	}
	got := e.earned(e.nodes[0], func() {
		e.must(e.nodes[2].ClaimFor(e.ctx, []Claim{claimOf(t, s, n1), claimOf(t, s, n0)}))
	})
	if got.Cmp(tokens(20)) != 0 {
		t.Errorf("claimForMany paid node 0 %v beside node 1's short leaf, want 20", got)
	}
	r1 := e.receipt(e.nodes[1], id, 5, 10)
	if _, err := e.nodes[1].ClaimByReceipts(e.ctx, []WorkReceipt{r1}); !errors.Is(err, ErrBudgetExhausted) {
		t.Errorf("node 1's receipt after its reservation paid its leaf: %v, want ErrBudgetExhausted", err)
	}

	// A tree that leaves a node's leaf 1 wei beyond its reservation and
	// draws nothing still pays the reservation.
	id = e.openJob("leaf one wei beyond")
	e.must(e.req.Reserve(e.ctx, id, []Reservation{{n0, tokens(30)}}))
	s, err = e.req.Settle(e.ctx, id, []Payout{{n0, new(big.Int).Add(tokens(30), big.NewInt(1))}, {e.req.Address(), tokens(70)}})
	if err != nil {
		t.Fatal(err)
	}
	e.must(e.req.Claim(e.ctx, claimOf(t, s, e.req.Address())))
	if got := e.earned(e.nodes[0], func() { e.must(e.nodes[0].Claim(e.ctx, claimOf(t, s, n0))) }); got.Cmp(tokens(30)) < 0 {
		t.Errorf("node 0's leaf paid %v after the requester took the tree, want at least its reservation's 30", got)
	}
}
