package contracts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// The escrow fuzz: random sequences of calls by random actors (two
// requesters, three nodes) against a fresh deployment on the simulated chain,
// with the escrow's invariants checked after every step. Each step is four
// bytes: kind, a, b, c (see fuzzEnv.step).

// fuzzOp builds one step of a seed.
type fuzzOp struct{ kind, a, b, c byte }

const (
	opOpen byte = iota
	opReceipt
	opSettle
	opClaim
	opClaimReceipts
	opSlash
	opStake
	opUnstake
	opReclaim
	opAdvance
	opDispute
	opDraw
	opVote
	opResolve
	opClaimFor
	opReserve
	opKinds
)

func fuzzSeed(ops ...fuzzOp) []byte {
	var b []byte
	for _, o := range ops {
		b = append(b, o.kind, o.a, o.b, o.c)
	}
	return b
}

// fuzzJob is the model's view of a job: what each node is entitled to.
type fuzzJob struct {
	id        common.Hash
	requester int
	budget    *big.Int
	bond      *big.Int
	receipts  [3]WorkReceipt // latest receipt signed by the requester, per node
	forged    [3]WorkReceipt // latest receipt signed by someone else
	settled   *Settlement
	reserved  [3]*big.Int // what the requester reserved for each node
	// payable: the tree holds what its leaves draw beyond their
	// reservations, so every node's leaf must pay in full.
	payable   bool
	reclaimed *big.Int
	bonus     [3]*big.Int
	// disputeFees is what the requester's bond paid arbiters of disputes it lost.
	disputeFees *big.Int
}

type fuzzEnv struct {
	t        *testing.T
	ctx      context.Context
	chain    *Chain
	reqs     [2]*Client
	nodes    [3]*Client
	minted   *big.Int
	initial  map[common.Address]*big.Int
	jobs     []*fuzzJob
	staked   [3]*big.Int    // deposited minus withdrawn, per node (slashes stay inside)
	opened   [2]*big.Int    // budget + bond locked, per requester
	returned [2]*big.Int    // reclaimed, per requester
	hits     map[string]int // successful calls by kind, to see how deep a run went
	// extra is what disputes moved in or out of each node's balance: bonds
	// posted and returned, fees earned as an arbiter.
	extra    [3]*big.Int
	disputes map[fuzzDisputeKey]*fuzzDispute
}

type fuzzDisputeKey struct {
	job  common.Hash
	node int
}

// fuzzDispute is the model's view of an open dispute: who voted how.
type fuzzDispute struct {
	votes map[common.Address]bool // guilty, by arbiter
}

const fuzzMaxSteps = 48

func newFuzzEnv(t *testing.T) *fuzzEnv {
	cfg := DefaultSimConfig()
	cfg.Accounts = 5
	chain, err := NewSimulated(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { chain.Close() })
	ctx := context.Background()
	deployer, err := Deploy(ctx, chain, chain.Accounts()[0], testConfig)
	if err != nil {
		t.Fatal(err)
	}
	f := &fuzzEnv{t: t, ctx: ctx, chain: chain, minted: new(big.Int), initial: map[common.Address]*big.Int{}, hits: map[string]int{}}
	f.reqs[0], f.reqs[1] = deployer, deployer.WithKey(chain.Accounts()[4])
	for i := range f.nodes {
		f.nodes[i] = deployer.WithKey(chain.Accounts()[1+i])
		f.staked[i] = new(big.Int)
		f.extra[i] = new(big.Int)
	}
	f.disputes = map[fuzzDisputeKey]*fuzzDispute{}
	for i := range f.reqs {
		f.opened[i], f.returned[i] = new(big.Int), new(big.Int)
	}
	for _, c := range f.actors() {
		amount := tokens(300)
		if _, err := deployer.Mint(ctx, c.Address(), amount); err != nil {
			t.Fatal(err)
		}
		f.minted.Add(f.minted, amount)
		f.initial[c.Address()] = amount
	}
	return f
}

func (f *fuzzEnv) actors() []*Client {
	return []*Client{f.reqs[0], f.reqs[1], f.nodes[0], f.nodes[1], f.nodes[2]}
}

// expect accepts a contract's refusal (a decoded revert: the fuzz tries many
// calls the rules forbid) and fails on anything else.
func (f *fuzzEnv) expect(what string, err error) bool {
	f.t.Helper()
	if err == nil {
		return true
	}
	var re *RevertError
	if !errors.As(err, &re) {
		f.t.Fatalf("%s: not a contract refusal: %v", what, err)
	}
	return false
}

func (f *fuzzEnv) job(a byte) *fuzzJob {
	if len(f.jobs) == 0 {
		return nil
	}
	return f.jobs[int(a)%len(f.jobs)]
}

func (f *fuzzEnv) step(o fuzzOp) {
	t := f.t
	switch o.kind % opKinds {
	case opOpen:
		r := int(o.a % 2)
		id := crypto.Keccak256Hash([]byte(fmt.Sprintf("fuzz job %d", len(f.jobs))))
		budget := tokens(1 + int64(o.b%50))
		now, err := f.chain.Now(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		bond, err := f.reqs[r].BondFor(f.ctx, budget)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.reqs[r].OpenJob(f.ctx, id, budget, now.Add(time.Duration(1+o.c%4)*time.Hour)); f.expect("open", err) {
			j := &fuzzJob{id: id, requester: r, budget: budget, bond: bond, reclaimed: new(big.Int), disputeFees: new(big.Int)}
			for i := range j.receipts {
				j.receipts[i] = WorkReceipt{JobID: id, Worker: f.nodes[i].Address()}
				j.forged[i] = j.receipts[i]
				j.bonus[i] = new(big.Int)
				j.reserved[i] = new(big.Int)
			}
			f.jobs = append(f.jobs, j)
			f.opened[r].Add(f.opened[r], new(big.Int).Add(budget, bond))
		}
	case opReceipt:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		price := tokens(int64(o.c % 20))
		if o.c >= 240 { // signed by the worker itself: must never pay
			next, err := SignReceipt(f.nodes[n].key, f.nodes[n].Domain(), j.forged[n].Accept(uint64(o.b), common.Hash{o.c}, tokens(5)))
			if err != nil {
				t.Fatal(err)
			}
			j.forged[n] = next
			return
		}
		next, err := f.reqs[j.requester].SignReceipt(j.receipts[n].Accept(uint64(o.b), common.Hash{o.c}, price))
		if err != nil {
			t.Fatal(err)
		}
		j.receipts[n] = next
	case opSettle:
		j := f.job(o.a)
		if j == nil {
			return
		}
		caller := f.reqs[j.requester]
		if o.b >= 240 {
			caller = f.nodes[0]
		}
		var payouts []Payout
		switch o.b % 4 {
		case 0: // honest: what the receipts say
			for i, r := range j.receipts {
				if r.Amount != nil {
					payouts = append(payouts, Payout{f.nodes[i].Address(), r.Amount})
				}
			}
		case 1: // nothing at all
		case 2: // one node, any amount
			payouts = []Payout{{f.nodes[o.c%3].Address(), tokens(int64(o.c % 30))}}
		case 3: // the whole budget, to a requester: nothing held for receipts beyond reservations
			payouts = []Payout{{f.reqs[o.c%2].Address(), j.budget}}
		}
		if s, err := caller.Settle(f.ctx, j.id, payouts); f.expect("settle", err) {
			j.settled = s
			f.hits["settle"]++
			rec, err := f.reqs[0].Job(f.ctx, j.id)
			if err != nil {
				t.Fatal(err)
			}
			draw := new(big.Int)
			for _, cl := range s.Claims {
				res, err := f.reqs[0].ReservedFor(f.ctx, j.id, cl.Node)
				if err != nil {
					t.Fatal(err)
				}
				if cl.Amount.Cmp(res) > 0 {
					draw.Add(draw, new(big.Int).Sub(cl.Amount, res))
				}
			}
			j.payable = rec.Unclaimed.Cmp(draw) == 0
		}
	case opClaim:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		cl := Claim{JobID: j.id, Node: f.nodes[n].Address(), Amount: tokens(int64(o.c % 10))}
		if j.settled != nil {
			if c, ok := pickClaim(j.settled.Claims, cl.Node); ok {
				cl = c
				if o.c%4 == 0 {
					cl.Amount = new(big.Int).Add(cl.Amount, big.NewInt(1))
				}
			}
		}
		_, err := f.nodes[n].Claim(f.ctx, cl)
		if j.settled != nil && j.payable && o.c%4 != 0 && errors.Is(err, ErrClaimExceedsTotal) {
			t.Fatalf("node %d's leaf of job %s refused as beyond the tree, which holds what its leaves draw beyond their reservations: %v", n, j.id, err)
		}
		if f.expect("claim", err) {
			f.hits["claim leaf"]++
		}
	case opClaimFor:
		// Any actor submits leaves on the nodes' behalf: honest, with the
		// amount raised, or with one node's proof sent for another node.
		j := f.job(o.b)
		if j == nil || j.settled == nil {
			return
		}
		caller := f.actors()[o.a%5]
		var batch []Claim
		for _, cl := range j.settled.Claims {
			if f.node(cl.Node) < 0 {
				continue // a requester's own leaf (settle's case 3): the model books nodes' pay
			}
			if o.c%3 == 0 || cl.Node == f.nodes[o.c%3].Address() {
				batch = append(batch, cl)
			}
		}
		if len(batch) == 0 {
			return
		}
		switch o.c / 3 % 4 {
		case 1:
			batch[0].Amount = new(big.Int).Add(batch[0].Amount, big.NewInt(1))
		case 2:
			batch[0].Node = f.nodes[(o.c+1)%3].Address()
		}
		if _, err := caller.ClaimFor(f.ctx, batch); f.expect("claim for", err) {
			f.hits["claim for"]++
		}
	case opClaimReceipts:
		n := int(o.a % 3)
		var batch []WorkReceipt
		seen := map[common.Hash]bool{}
		for _, pick := range []byte{o.b, o.c} {
			j := f.job(pick)
			if j == nil || seen[j.id] {
				continue
			}
			seen[j.id] = true
			r := j.receipts[n]
			if pick >= 250 {
				r = j.forged[n]
			}
			if r.Amount != nil {
				batch = append(batch, r)
			}
		}
		if len(batch) == 0 {
			return
		}
		// What each receipt's job could pay before: what it was paid, what
		// its reservation still holds for it, and what the job still holds
		// for receipts (outside its tree and the reservations).
		could, before := map[common.Hash]*big.Int{}, map[common.Hash]*big.Int{}
		fromReserve := false
		for _, r := range batch {
			rec, err := f.nodes[n].Job(f.ctx, r.JobID)
			if err != nil {
				t.Fatal(err)
			}
			p, err := f.nodes[n].Paid(f.ctx, r.JobID, f.nodes[n].Address())
			if err != nil {
				t.Fatal(err)
			}
			could[r.JobID], before[r.JobID] = new(big.Int).Add(p, rec.Held), p
			if j := f.jobByID(r.JobID); j.reserved[n].Cmp(p) > 0 {
				could[r.JobID].Add(could[r.JobID], new(big.Int).Sub(j.reserved[n], p))
				fromReserve = fromReserve || r.Amount.Cmp(p) > 0 && bytes.Equal(r.Signature, j.receipts[n].Signature)
			}
		}
		rcpt, err := f.nodes[n].ClaimByReceipts(f.ctx, batch)
		if len(batch) == 1 && errors.Is(err, ErrBudgetExhausted) && could[batch[0].JobID].Cmp(before[batch[0].JobID]) > 0 {
			t.Fatalf("node %d's receipt of job %s refused as beyond the budget, while the job could pay it %v more", n, batch[0].JobID, new(big.Int).Sub(could[batch[0].JobID], before[batch[0].JobID]))
		}
		if f.expect("claim by receipts", err) {
			f.bonuses(rcpt, n)
			if fromReserve {
				f.hits["receipt paid from a reservation"]++
			}
			// A receipt pays all it says, or all its job held for receipts.
			for _, r := range batch {
				p, err := f.nodes[n].Paid(f.ctx, r.JobID, f.nodes[n].Address())
				if err != nil {
					t.Fatal(err)
				}
				if want := minBig(r.Amount, could[r.JobID]); p.Cmp(want) < 0 {
					t.Fatalf("node %d paid %v of job %s on a receipt of %v, while the job could pay %v", n, p, r.JobID, r.Amount, could[r.JobID])
				}
			}
		}
	case opSlash:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		signer := f.nodes[n]
		if o.c%3 == 0 {
			signer = f.nodes[(n+1)%3] // a node that is not the accused
		}
		amount := tokens(1 + int64(o.c%30))
		var err error
		if o.c%5 == 1 {
			// As a checker, for its signed render of a check's crops.
			chk, serr := SignCheck(signer.key, signer.Domain(), j.id, uint64(o.c), []image.Rectangle{image.Rect(0, 0, 8, 8)}, common.Hash{o.b})
			if serr != nil {
				t.Fatal(serr)
			}
			_, err = f.reqs[j.requester].SlashCheck(f.ctx, f.nodes[n].Address(), amount, chk, common.Hash{1})
		} else {
			res, serr := signer.SignResult(j.id, uint64(o.c), common.Hash{o.b})
			if serr != nil {
				t.Fatal(serr)
			}
			_, err = f.reqs[j.requester].SlashResult(f.ctx, f.nodes[n].Address(), amount, res, common.Hash{1})
		}
		if f.expect("slash", err) {
			if signer != f.nodes[n] {
				t.Fatalf("slash of node %d with node %d's signature succeeded", n, (n+1)%3)
			}
			f.hits["slash"]++
		}
	case opStake:
		n := int(o.a % 3)
		amount := tokens(1 + int64(o.b%30))
		if _, err := f.nodes[n].Stake(f.ctx, amount); f.expect("stake", err) {
			f.staked[n].Add(f.staked[n], amount)
		}
	case opUnstake:
		n := int(o.a % 3)
		if o.b%2 == 0 {
			_, err := f.nodes[n].RequestUnstake(f.ctx, tokens(1+int64(o.c%30)))
			f.expect("request unstake", err)
			return
		}
		if rcpt, err := f.nodes[n].Unstake(f.ctx); f.expect("unstake", err) {
			f.hits["unstake"]++
			for _, l := range rcpt.Logs {
				if ev, err := f.nodes[n].escB.UnpackUnstakedEvent(l); err == nil {
					f.staked[n].Sub(f.staked[n], ev.Amount)
				}
			}
		}
	case opReclaim:
		j := f.job(o.a)
		if j == nil {
			return
		}
		if rcpt, err := f.nodes[o.b%3].Reclaim(f.ctx, j.id); f.expect("reclaim", err) {
			for _, l := range rcpt.Logs {
				if ev, err := f.nodes[0].escB.UnpackReclaimedEvent(l); err == nil {
					if ev.Closed {
						f.hits["reclaim closing the job"]++
					} else {
						f.hits["reclaim of the held rest"]++
					}
					j.reclaimed.Add(j.reclaimed, ev.Amount)
					f.returned[j.requester].Add(f.returned[j.requester], ev.Amount)
				}
			}
		}
	case opDispute:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		if _, err := f.nodes[n].Dispute(f.ctx, j.id); f.expect("dispute", err) {
			f.extra[n].Sub(f.extra[n], testConfig.DisputeBond)
			f.disputes[fuzzDisputeKey{j.id, n}] = &fuzzDispute{votes: map[common.Address]bool{}}
			f.hits["dispute"]++
		}
	case opDraw:
		j := f.job(o.a)
		if j == nil {
			return
		}
		if _, err := f.nodes[o.c%3].DrawArbiters(f.ctx, j.id, f.nodes[o.b%3].Address()); f.expect("draw arbiters", err) {
			f.hits["draw"]++
		}
	case opVote:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		voter := f.actors()[o.c%5]
		guilty := o.c&8 != 0
		if _, err := voter.Vote(f.ctx, j.id, f.nodes[n].Address(), guilty); f.expect("vote", err) {
			if voter.Address() == f.nodes[n].Address() || voter == f.reqs[j.requester] {
				t.Fatalf("a party to job %s voted on node %d's dispute", j.id, n)
			}
			f.disputes[fuzzDisputeKey{j.id, n}].votes[voter.Address()] = guilty
			f.hits["vote"]++
		}
	case opResolve:
		j := f.job(o.a)
		if j == nil {
			return
		}
		n := int(o.b % 3)
		node := f.nodes[n].Address()
		info, err := f.reqs[0].DisputeOf(f.ctx, j.id, node)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := f.reqs[0].Job(f.ctx, j.id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.nodes[o.c%3].Resolve(f.ctx, j.id, node); !f.expect("resolve", err) {
			return
		}
		f.hits["resolve"]++
		// The model's verdict and payments, from the votes it saw.
		d := f.disputes[fuzzDisputeKey{j.id, n}]
		delete(f.disputes, fuzzDisputeKey{j.id, n})
		guilty, innocent := 0, 0
		for _, g := range d.votes {
			if g {
				guilty++
			} else {
				innocent++
			}
		}
		bond := testConfig.DisputeBond
		fee, back := new(big.Int), new(big.Int).Set(bond)
		if innocent > guilty {
			f.hits["dispute won"]++
			fee.Set(bond)
			if rec.Bond.Cmp(fee) < 0 {
				fee.Set(rec.Bond)
			}
			j.disputeFees.Add(j.disputeFees, fee)
		} else if guilty+innocent > 0 {
			fee.Set(bond)
			back.SetInt64(0)
		}
		f.extra[n].Add(f.extra[n], back)
		if voters := int64(guilty + innocent); voters > 0 {
			share := new(big.Int).Div(fee, big.NewInt(voters))
			rest := new(big.Int).Sub(fee, new(big.Int).Mul(share, big.NewInt(voters)))
			for _, a := range info.Arbiters {
				if _, ok := d.votes[a]; !ok {
					continue
				}
				for i, c := range f.nodes {
					if c.Address() == a {
						f.extra[i].Add(f.extra[i], share)
						f.extra[i].Add(f.extra[i], rest)
					}
				}
				rest = new(big.Int)
			}
		}
	case opReserve:
		// The requester (or, refused, a node) sets aside part of a job's
		// budget for a node, or for a requester's own address.
		j := f.job(o.a)
		if j == nil {
			return
		}
		caller := f.reqs[j.requester]
		if o.b >= 240 {
			caller = f.nodes[o.b%3]
		}
		n := int(o.b % 3)
		worker := f.nodes[n].Address()
		if o.c >= 250 {
			worker, n = f.reqs[o.c%2].Address(), -1
		}
		amount := tokens(1 + int64(o.c%30))
		if _, err := caller.Reserve(f.ctx, j.id, []Reservation{{worker, amount}}); f.expect("reserve", err) {
			if caller != f.reqs[j.requester] {
				t.Fatalf("a node reserved job %s's budget", j.id)
			}
			if n >= 0 {
				j.reserved[n].Add(j.reserved[n], amount)
			}
			f.hits["reserve"]++
		}
	case opAdvance:
		step := time.Duration(1+o.a%48) * 30 * time.Minute
		if o.a >= 200 { // minutes: into a window's second half, not past it
			step = time.Duration(o.a-199) * time.Minute
		}
		if err := f.chain.AdjustTime(step); err != nil {
			t.Fatal(err)
		}
	}
}

// bonuses books the requester-bond shares a receipts claim paid.
func (f *fuzzEnv) bonuses(rcpt *types.Receipt, n int) {
	for _, l := range rcpt.Logs {
		ev, err := f.nodes[n].escB.UnpackReceiptPaidEvent(l)
		if err != nil {
			continue
		}
		f.hits["receipt paid"]++
		if ev.Bonus.Sign() > 0 {
			f.hits["receipt paid with bond share"]++
		}
		for _, j := range f.jobs {
			if j.id == ev.JobId {
				j.bonus[n].Add(j.bonus[n], ev.Bonus)
				if j.settled != nil {
					f.hits["receipt paid on a settled job"]++
				}
			}
		}
	}
}

// check verifies the invariants: tokens are conserved, the escrow holds
// exactly what it owes (solvent), no node was paid more than its leaf or
// its requester-signed receipt for a job, no job paid more than its budget
// and bond, and every balance equals what the model says flowed to it.
func (f *fuzzEnv) check(step int) {
	t := f.t
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("after step %d: "+format, append([]any{step}, args...)...)
	}
	c := f.reqs[0]
	escrow, err := c.Balance(f.ctx, c.Addresses().Escrow)
	if err != nil {
		t.Fatal(err)
	}
	sum := new(big.Int).Set(escrow)
	balances := map[common.Address]*big.Int{}
	for _, a := range f.actors() {
		b, err := c.Balance(f.ctx, a.Address())
		if err != nil {
			t.Fatal(err)
		}
		balances[a.Address()] = b
		sum.Add(sum, b)
	}
	if sum.Cmp(f.minted) != 0 {
		fail("tokens not conserved: %v held, %v minted", sum, f.minted)
	}

	owed, err := c.Burned(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.nodes {
		st, err := c.StakeOf(f.ctx, n.Address())
		if err != nil {
			t.Fatal(err)
		}
		owed.Add(owed, st.Active)
		owed.Add(owed, st.Pending)
	}
	earned := [3]*big.Int{new(big.Int), new(big.Int), new(big.Int)}
	for _, j := range f.jobs {
		rec, err := c.Job(f.ctx, j.id)
		if err != nil {
			t.Fatal(err)
		}
		inJob := new(big.Int).Add(rec.Held, rec.Bond)
		inJob.Add(inJob, rec.Unclaimed)
		inJob.Add(inJob, rec.Reserved)
		// What the reservations still hold is exactly what each reserved
		// address was reserved beyond what it was paid: nobody else's
		// payment took any of it.
		left := new(big.Int)
		for _, a := range f.actors() {
			res, err := c.ReservedFor(f.ctx, j.id, a.Address())
			if err != nil {
				t.Fatal(err)
			}
			if i := f.node(a.Address()); i >= 0 && res.Cmp(j.reserved[i]) != 0 {
				fail("job %s reserved %v for node %d, the model says %v", j.id, res, i, j.reserved[i])
			}
			p, err := c.Paid(f.ctx, j.id, a.Address())
			if err != nil {
				t.Fatal(err)
			}
			if res.Cmp(p) > 0 {
				left.Add(left, res.Sub(res, p))
			}
		}
		if rec.Status != JobClosed && left.Cmp(rec.Reserved) != 0 {
			fail("job %s's reservations hold %v, their workers are owed %v of them", j.id, rec.Reserved, left)
		}
		owed.Add(owed, inJob)
		if rec.Status == JobClosed && inJob.Sign() != 0 {
			fail("closed job %s still holds %v", j.id, inJob)
		}
		if rec.Bond.Cmp(j.bond) > 0 {
			fail("job %s bond %v above the %v locked", j.id, rec.Bond, j.bond)
		}
		// Every token the job took is held, paid, returned or paid for a
		// re-render the requester lost.
		out := new(big.Int).Add(inJob, j.reclaimed)
		out.Add(out, j.disputeFees)
		paidBudget := new(big.Int)
		for i, n := range f.nodes {
			p, err := c.Paid(f.ctx, j.id, n.Address())
			if err != nil {
				t.Fatal(err)
			}
			entitled := new(big.Int)
			if j.receipts[i].Amount != nil {
				entitled.Set(j.receipts[i].Amount)
			}
			if j.settled != nil {
				if cl, ok := pickClaim(j.settled.Claims, n.Address()); ok && cl.Amount.Cmp(entitled) > 0 {
					entitled.Set(cl.Amount)
				}
			}
			if p.Cmp(entitled) > 0 {
				fail("node %d paid %v from job %s, entitled to %v (leaf or requester-signed receipt)", i, p, j.id, entitled)
			}
			if maxBonus := new(big.Int).Mul(p, big.NewInt(int64(testConfig.RequesterBondBps))); new(big.Int).Mul(j.bonus[i], big.NewInt(10_000)).Cmp(maxBonus) > 0 {
				fail("node %d got bond share %v from job %s on %v paid: above %d bps", i, j.bonus[i], j.id, p, testConfig.RequesterBondBps)
			}
			paidBudget.Add(paidBudget, p)
			out.Add(out, p)
			out.Add(out, j.bonus[i])
			earned[i].Add(earned[i], p)
			earned[i].Add(earned[i], j.bonus[i])
		}
		if paidBudget.Cmp(j.budget) > 0 {
			fail("job %s paid %v to workers, above its budget %v", j.id, paidBudget, j.budget)
		}
		if want := new(big.Int).Add(j.budget, j.bond); out.Cmp(want) != 0 {
			fail("job %s: held+paid+returned %v, locked %v", j.id, out, want)
		}
	}
	for range f.disputes {
		owed.Add(owed, testConfig.DisputeBond)
	}
	if escrow.Cmp(owed) != 0 {
		fail("escrow holds %v, owes %v (jobs, stakes, burned, dispute bonds)", escrow, owed)
	}
	for i, n := range f.nodes {
		want := new(big.Int).Sub(f.initial[n.Address()], f.staked[i])
		want.Add(want, earned[i])
		want.Add(want, f.extra[i])
		if got := balances[n.Address()]; got.Cmp(want) != 0 {
			fail("node %d holds %v, the model says %v", i, got, want)
		}
	}
	for i, r := range f.reqs {
		want := new(big.Int).Sub(f.initial[r.Address()], f.opened[i])
		want.Add(want, f.returned[i])
		if got := balances[r.Address()]; got.Cmp(want) != 0 {
			fail("requester %d holds %v, the model says %v (it must never gain from a slash)", i, got, want)
		}
	}
}

// fuzzSeeds reach the deep states: receipts redeemed on settled and
// unsettled jobs, trees that leave workers out, slashes, unstakes, budgets
// exhausted, and jobs closed out.
func fuzzSeeds() [][]byte {
	return [][]byte{
		// Open, receipts for two nodes, honest settle, claims, grace, reclaim, close.
		fuzzSeed(fuzzOp{opOpen, 0, 40, 1}, fuzzOp{opReceipt, 0, 0, 5}, fuzzOp{opReceipt, 0, 1, 7}, fuzzOp{opReceipt, 0, 0, 3},
			fuzzOp{opSettle, 0, 0, 0}, fuzzOp{opClaim, 0, 0, 1}, fuzzOp{opClaim, 0, 1, 1}, fuzzOp{opClaim, 0, 1, 1},
			fuzzOp{opAdvance, 2, 0, 0}, fuzzOp{opReclaim, 0, 2, 0}, fuzzOp{opAdvance, 47, 0, 0}, fuzzOp{opReclaim, 0, 1, 0}),
		// Requester settles 0 after receipts; workers redeem; a forged receipt fails.
		fuzzSeed(fuzzOp{opOpen, 1, 30, 2}, fuzzOp{opReceipt, 0, 2, 9}, fuzzOp{opReceipt, 0, 1, 11}, fuzzOp{opReceipt, 0, 1, 245},
			fuzzOp{opSettle, 0, 1, 0}, fuzzOp{opClaimReceipts, 2, 0, 0}, fuzzOp{opClaimReceipts, 1, 250, 0}, fuzzOp{opClaimReceipts, 1, 0, 0},
			fuzzOp{opClaimReceipts, 1, 0, 0}, fuzzOp{opAdvance, 3, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// Never settled: two jobs, receipts beyond one budget, batch redemption after the deadlines, bond shares.
		fuzzSeed(fuzzOp{opOpen, 0, 9, 0}, fuzzOp{opOpen, 1, 20, 0}, fuzzOp{opReceipt, 0, 0, 19}, fuzzOp{opReceipt, 1, 0, 4},
			fuzzOp{opReceipt, 0, 1, 15}, fuzzOp{opAdvance, 2, 0, 0}, fuzzOp{opClaimReceipts, 0, 0, 3}, fuzzOp{opClaimReceipts, 1, 0, 0},
			fuzzOp{opClaimReceipts, 1, 0, 0}, fuzzOp{opSettle, 1, 0, 0}, fuzzOp{opAdvance, 10, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}, fuzzOp{opReclaim, 1, 1, 0}),
		// A tree that leaves a worker out and overpays another; the short worker redeems; the leaf is claimed after.
		fuzzSeed(fuzzOp{opOpen, 0, 49, 3}, fuzzOp{opReceipt, 0, 0, 10}, fuzzOp{opReceipt, 0, 1, 12}, fuzzOp{opSettle, 0, 2, 29},
			fuzzOp{opClaimReceipts, 0, 0, 0}, fuzzOp{opClaimReceipts, 1, 0, 0}, fuzzOp{opClaim, 0, 2, 1}, fuzzOp{opClaim, 0, 0, 4},
			fuzzOp{opAdvance, 47, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// Stakes, slashes with the node's own and another node's signature, unstake after the delay.
		fuzzSeed(fuzzOp{opStake, 0, 29, 0}, fuzzOp{opStake, 1, 10, 0}, fuzzOp{opOpen, 0, 45, 2}, fuzzOp{opSlash, 0, 0, 3},
			fuzzOp{opSlash, 0, 1, 4}, fuzzOp{opSlash, 0, 0, 5}, fuzzOp{opSlash, 0, 1, 1}, fuzzOp{opUnstake, 0, 0, 2}, fuzzOp{opAdvance, 2, 0, 0},
			fuzzOp{opUnstake, 0, 1, 0}, fuzzOp{opUnstake, 1, 1, 0}, fuzzOp{opReceipt, 0, 2, 8}, fuzzOp{opAdvance, 6, 0, 0}, fuzzOp{opClaimReceipts, 2, 0, 0}),
		// Disputes: node 0 slashed in job 0 and node 1 in job 1; nodes 1 and 2
		// are drawn for node 0 and vote innocent (won, the requester's bond
		// pays); node 1's dispute is judged guilty by node 2 (lost, its bond pays).
		fuzzSeed(fuzzOp{opStake, 0, 29, 0}, fuzzOp{opStake, 1, 29, 0}, fuzzOp{opStake, 2, 29, 0}, fuzzOp{opOpen, 0, 40, 3}, fuzzOp{opOpen, 1, 40, 3},
			fuzzOp{opSlash, 0, 0, 5}, fuzzOp{opSlash, 1, 1, 4}, fuzzOp{opDispute, 0, 0, 0}, fuzzOp{opDispute, 1, 1, 0}, fuzzOp{opResolve, 0, 0, 0},
			fuzzOp{opAdvance, 0, 0, 0}, fuzzOp{opAdvance, 0, 0, 0}, fuzzOp{opDraw, 0, 0, 1}, fuzzOp{opDraw, 1, 1, 2},
			fuzzOp{opVote, 0, 0, 3}, fuzzOp{opVote, 0, 0, 4}, fuzzOp{opVote, 0, 0, 2}, fuzzOp{opVote, 1, 1, 12}, fuzzOp{opVote, 1, 1, 4},
			fuzzOp{opResolve, 0, 0, 1}, fuzzOp{opAdvance, 2, 0, 0}, fuzzOp{opResolve, 1, 1, 0}, fuzzOp{opAdvance, 47, 0, 0},
			fuzzOp{opReclaim, 0, 0, 0}, fuzzOp{opReclaim, 1, 0, 0}),
		// Leaves paid on the nodes' behalf: node 1 claims itself first (the
		// batch skips its leaf), a raised amount and another node's proof are
		// refused, a second batch pays nothing twice.
		fuzzSeed(fuzzOp{opOpen, 0, 45, 2}, fuzzOp{opReceipt, 0, 0, 6}, fuzzOp{opReceipt, 0, 1, 9}, fuzzOp{opReceipt, 0, 2, 4},
			fuzzOp{opSettle, 0, 0, 0}, fuzzOp{opClaim, 0, 1, 1}, fuzzOp{opClaimFor, 4, 0, 4}, fuzzOp{opClaimFor, 2, 0, 8},
			fuzzOp{opClaimFor, 0, 0, 0}, fuzzOp{opClaimFor, 3, 0, 0}, fuzzOp{opClaimFor, 0, 0, 1}, fuzzOp{opClaim, 0, 0, 1},
			fuzzOp{opAdvance, 47, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// A tree that takes the whole budget for the requester: nothing is
		// held for receipts beyond reservations (a known limit:
		// contracts/README.md), and node 1's reservation pays its receipt.
		fuzzSeed(fuzzOp{opOpen, 0, 40, 1}, fuzzOp{opReserve, 0, 1, 9}, fuzzOp{opReceipt, 0, 0, 5}, fuzzOp{opReceipt, 0, 1, 7}, fuzzOp{opReceipt, 0, 1, 7},
			fuzzOp{opReserve, 0, 241, 3}, fuzzOp{opSettle, 0, 3, 0}, fuzzOp{opReserve, 0, 1, 2}, fuzzOp{opClaimReceipts, 0, 0, 0},
			fuzzOp{opClaimReceipts, 1, 0, 0}, fuzzOp{opClaimReceipts, 1, 0, 0}, fuzzOp{opAdvance, 47, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// Never settled: receipts the requester signs to a node beyond the
		// budget take what is held, not node 2's reservation; a requester's
		// own reservation pays nobody else; reclaim returns the rest.
		fuzzSeed(fuzzOp{opOpen, 1, 29, 0}, fuzzOp{opReserve, 0, 2, 4}, fuzzOp{opReserve, 0, 0, 251}, fuzzOp{opReceipt, 0, 0, 19}, fuzzOp{opReceipt, 0, 0, 19},
			fuzzOp{opReceipt, 0, 2, 3}, fuzzOp{opReceipt, 0, 2, 3}, fuzzOp{opAdvance, 2, 0, 0}, fuzzOp{opReserve, 0, 2, 4}, fuzzOp{opClaimReceipts, 0, 0, 0},
			fuzzOp{opClaimReceipts, 2, 0, 0}, fuzzOp{opAdvance, 10, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// A tree that takes the whole budget for the requester: nothing is
		// held for receipts (a known limit: contracts/README.md).
		fuzzSeed(fuzzOp{opOpen, 0, 40, 1}, fuzzOp{opReceipt, 0, 0, 5}, fuzzOp{opReceipt, 0, 1, 7}, fuzzOp{opSettle, 0, 3, 0},
			fuzzOp{opClaimReceipts, 0, 0, 0}, fuzzOp{opAdvance, 239, 0, 0}, fuzzOp{opClaimReceipts, 0, 0, 0}, fuzzOp{opClaimReceipts, 1, 0, 0},
			fuzzOp{opAdvance, 47, 0, 0}, fuzzOp{opReclaim, 0, 0, 0}),
		// Misuse: settle by a node, settle twice, claims before settle, reclaim too early.
		fuzzSeed(fuzzOp{opOpen, 1, 10, 0}, fuzzOp{opSettle, 0, 241, 0}, fuzzOp{opClaim, 0, 0, 2}, fuzzOp{opReclaim, 0, 0, 0},
			fuzzOp{opReceipt, 0, 0, 2}, fuzzOp{opSettle, 0, 0, 0}, fuzzOp{opSettle, 0, 1, 0}, fuzzOp{opClaim, 0, 0, 0}, fuzzOp{opClaim, 0, 0, 1}),
	}
}

// FuzzEscrow drives random sequences of calls by random actors against the
// escrow on the simulated chain and checks the invariants after each step.
func FuzzEscrow(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		env := newFuzzEnv(t)
		for i := 0; i+4 <= len(data) && i/4 < fuzzMaxSteps; i += 4 {
			env.step(fuzzOp{data[i], data[i+1], data[i+2], data[i+3]})
			env.check(i / 4)
		}
	})
}

// TestFuzzSeedsReachDeep runs the seed corpus and checks that, together, the
// seeds make every kind of payment succeed at least once: a seed corpus that
// only collects reverts would check the invariants on an empty escrow.
func TestFuzzSeedsReachDeep(t *testing.T) {
	hits := map[string]int{}
	for i, s := range fuzzSeeds() {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			env := newFuzzEnv(t)
			for k := 0; k+4 <= len(s); k += 4 {
				env.step(fuzzOp{s[k], s[k+1], s[k+2], s[k+3]})
				env.check(k / 4)
			}
			for k, v := range env.hits {
				hits[k] += v
			}
		})
	}
	for _, want := range []string{"settle", "claim leaf", "receipt paid", "receipt paid with bond share", "receipt paid on a settled job",
		"slash", "unstake", "reclaim closing the job", "reclaim of the held rest", "dispute", "draw", "vote", "resolve", "dispute won", "claim for",
		"reserve", "receipt paid from a reservation"} {
		if hits[want] == 0 {
			t.Errorf("no seed reaches %q (hits %v)", want, hits)
		}
	}
	t.Logf("seed hits: %v", hits)
}

// jobByID is the model's job id.
func (f *fuzzEnv) jobByID(id common.Hash) *fuzzJob {
	for _, j := range f.jobs {
		if j.id == id {
			return j
		}
	}
	f.t.Fatalf("no job %s in the model", id)
	return nil
}

// node is the index of the node with address a, or -1.
func (f *fuzzEnv) node(a common.Address) int {
	for i, n := range f.nodes {
		if n.Address() == a {
			return i
		}
	}
	return -1
}
