package contracts

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// TestClaimForPaysWorkerWithoutEther: a worker whose fresh key holds no
// Ether is paid its leaf to the wei by the requester's claimFor, without
// sending a transaction of its own.
func TestClaimForPaysWorkerWithoutEther(t *testing.T) {
	e := newEnv(t)
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	fresh := e.req.WithKey(key)
	if eth, err := fresh.EtherBalance(e.ctx, fresh.Address()); err != nil || eth.Sign() != 0 {
		t.Fatalf("fresh key holds %v Ether (%v), want 0", eth, err)
	}
	id := e.openJob("no ether")
	owed := new(big.Int).Add(tokens(7), big.NewInt(123)) // odd wei, to see every one arrive
	s, err := e.req.Settle(e.ctx, id, []Payout{{fresh.Address(), owed}, {e.nodes[0].Address(), tokens(3)}})
	if err != nil {
		t.Fatal(err)
	}
	// The worker's own claim cannot pay for its gas.
	if _, err := fresh.Claim(e.ctx, claimOf(t, s, fresh.Address())); err == nil {
		t.Fatal("a claim from a key with no Ether was sent")
	}
	reqBefore := e.balance(e.req.Address())
	e.must(e.req.ClaimFor(e.ctx, s.Claims))
	if got := e.balance(fresh.Address()); got.Cmp(owed) != 0 {
		t.Errorf("worker holds %v, want its leaf %v", got, owed)
	}
	if got := e.balance(e.req.Address()); got.Cmp(reqBefore) != 0 {
		t.Errorf("requester's balance moved by %v submitting claims for others", new(big.Int).Sub(got, reqBefore))
	}
	nonce, err := e.chain.Backend().PendingNonceAt(e.ctx, fresh.Address())
	if err != nil || nonce != 0 {
		t.Errorf("worker sent %d transactions (%v), want none", nonce, err)
	}
}

// TestClaimForRefuses: claimFor pays only the leaf's node, only its leaf,
// never twice, and a worker whose coordinator never submits claims itself.
func TestClaimForRefuses(t *testing.T) {
	tests := []struct {
		name    string
		claims  func(s *Settlement, a, b common.Address) []Claim
		wantErr error
	}{
		{"another node's address with a's proof", func(s *Settlement, a, b common.Address) []Claim {
			cl := claimOf(t, s, a)
			cl.Node = b
			return []Claim{cl}
		}, ErrBadProof},
		{"the caller's address with a's proof", func(s *Settlement, a, b common.Address) []Claim {
			cl := claimOf(t, s, a)
			cl.Node = common.Address{0xee}
			return []Claim{cl}
		}, ErrBadProof},
		{"a's leaf raised by one wei", func(s *Settlement, a, b common.Address) []Claim {
			cl := claimOf(t, s, a)
			cl.Amount = new(big.Int).Add(cl.Amount, big.NewInt(1))
			return []Claim{cl}
		}, ErrBadProof},
		{"a wrong proof", func(s *Settlement, a, b common.Address) []Claim {
			cl := claimOf(t, s, a)
			cl.Proof = []common.Hash{{1}}
			return []Claim{cl}
		}, ErrBadProof},
		{"one bad leaf sinks the batch", func(s *Settlement, a, b common.Address) []Claim {
			bad := claimOf(t, s, b)
			bad.Amount = big.NewInt(1)
			return []Claim{claimOf(t, s, a), bad}
		}, ErrBadProof},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			id := e.openJob("refuse")
			s := e.settle(id)
			a, b := e.nodes[0].Address(), e.nodes[1].Address()
			before := []*big.Int{e.balance(a), e.balance(b), e.balance(e.nodes[2].Address())}
			if _, err := e.nodes[2].ClaimFor(e.ctx, tc.claims(s, a, b)); !errors.Is(err, tc.wantErr) {
				t.Fatalf("claimFor: %v, want %v", err, tc.wantErr)
			}
			for i, n := range e.nodes {
				if got := e.balance(n.Address()); got.Cmp(before[i]) != 0 {
					t.Errorf("node %d balance moved by %v on a refused claimFor", i, new(big.Int).Sub(got, before[i]))
				}
			}
		})
	}
}

// TestClaimForOnce: leaves are paid once whichever way they go first: the
// coordinator's batch, the worker's own claim, or a second batch.
func TestClaimForOnce(t *testing.T) {
	e := newEnv(t)
	id := e.openJob("once")
	s := e.settle(id)
	a, b := e.nodes[0], e.nodes[1]
	aStart, bStart := e.balance(a.Address()), e.balance(b.Address())
	// b claims itself (its coordinator has not submitted): paid.
	e.must(b.Claim(e.ctx, claimOf(t, s, b.Address())))
	// The coordinator's batch then pays a and skips b's spent leaf.
	e.must(e.req.ClaimFor(e.ctx, s.Claims))
	// Nothing more moves: a's own claim and a second batch are refused or empty.
	if _, err := a.Claim(e.ctx, claimOf(t, s, a.Address())); !errors.Is(err, ErrAlreadyClaimed) {
		t.Errorf("a's own claim after claimFor: %v, want ErrAlreadyClaimed", err)
	}
	e.must(e.nodes[2].ClaimFor(e.ctx, s.Claims))
	if got := new(big.Int).Sub(e.balance(a.Address()), aStart); got.Cmp(tokens(30)) != 0 {
		t.Errorf("a earned %v, want 30 tokens once", got)
	}
	if got := new(big.Int).Sub(e.balance(b.Address()), bStart); got.Cmp(tokens(20)) != 0 {
		t.Errorf("b earned %v, want 20 tokens once", got)
	}
	if j, err := e.req.Job(e.ctx, id); err != nil || j.Unclaimed.Sign() != 0 {
		t.Errorf("job still holds %v unclaimed (%v), want 0", j.Unclaimed, err)
	}
	// After the claim window nobody can submit, not even the node's leaf.
	id2 := e.openJob("late")
	s2 := e.settle(id2)
	e.advance(25 * time.Hour)
	if _, err := e.req.ClaimFor(e.ctx, s2.Claims); !errors.Is(err, ErrClaimWindowClosed) {
		t.Errorf("claimFor after the window: %v, want ErrClaimWindowClosed", err)
	}
}

// claimForGas runs one job of tasks tasks over fresh nodes that the
// requester pays itself: settle, then one claimForMany of every leaf. It
// returns the gas of both; the workers send nothing.
func (g *gasEnv) claimForGas(tb testing.TB, tasks int) (settle, claimFor uint64) {
	tb.Helper()
	_, s := g.settledJob(tb, tasks)
	r, err := g.req.ClaimFor(g.ctx, s.Claims)
	if err != nil {
		tb.Fatal(err)
	}
	return s.Receipt.GasUsed, r.GasUsed
}
