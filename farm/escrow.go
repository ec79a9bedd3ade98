package farm

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// Money: a job's budget and the requester's bond (10% of it) are locked in
// the escrow contract before any task is leased; a worker checks that before
// rendering and signs each result for the escrow; each final task accrues
// its worker's advertised price in a cumulative receipt the coordinator
// signs and hands over, which the worker can redeem alone if the job is not
// settled right; at the end the coordinator slashes its convictions (with
// the convicted node's own signed result; the stake is burned), settles one
// Merkle root for the whole job, each worker claims its leaf, and once the
// grace for receipts has passed the coordinator reclaims the unspent budget
// and the bond. Tokens have 18
// decimals; specs and prices are in whole tokens (float64) for people, wei
// (big.Int) on the chain.

// ErrEscrow is wrapped by errors that refuse a job for money reasons.
var ErrEscrow = errors.New("escrow")

// escrowDeadline is how long a requester has to settle a job before its
// budget may be reclaimed (see contracts/README.md).
const escrowDeadline = 7 * 24 * time.Hour

// jobHash is the job's id on the chain: the hash of its spec.
func jobHash(spec api.JobSpec) common.Hash { return common.HexToHash(spec.Hash()) }

// hash is jobHash(j.spec), worked out once.
func (j *job) hash() common.Hash {
	j.specHashOnce.Do(func() { j.specHash = jobHash(j.spec) })
	return j.specHash
}

// openEscrow locks the job's budget; it runs at submit, before any lease.
func (c *coordinator) openEscrow(ctx context.Context, spec api.JobSpec) error {
	if c.chain == nil {
		if !spec.Budget.IsZero() {
			// Accepting it would lock nothing and pay nobody, while the
			// requester believes the workers are paid: say so instead.
			return fmt.Errorf("%w: budget %v tokens: this node settles on no chain (it was started without --chain), so a budget would pay nobody: leave out --budget, or submit to a node started with --chain URL", api.ErrBadJob, spec.Budget)
		}
		return nil
	}
	if spec.Budget.IsZero() {
		return fmt.Errorf("%w: this node settles on a chain: the job needs a budget (--budget TOKENS)", api.ErrBadJob)
	}
	now, err := c.chain.Chain().Now(ctx)
	if err != nil {
		return fmt.Errorf("%w: read chain time: %w", ErrEscrow, err)
	}
	budget := spec.Budget.Wei()
	bond, err := c.chain.BondFor(ctx, budget)
	if err != nil {
		return fmt.Errorf("%w: read the requester bond: %w", ErrEscrow, err)
	}
	need := new(big.Int).Add(budget, bond)
	if bal, err := c.chain.Balance(ctx, c.chain.Address()); err == nil && bal.Cmp(need) < 0 {
		return fmt.Errorf("%w: a budget of %v tokens locks %s tokens with the requester bond (%s), and %s holds %s: fund it, or lower --budget",
			ErrEscrow, spec.Budget, api.FormatTokens(need), api.FormatTokens(bond), c.chain.Address().Hex(), api.FormatTokens(bal))
	}
	if _, err := c.chain.OpenJob(ctx, jobHash(spec), budget, now.Add(escrowDeadline)); err != nil {
		return fmt.Errorf("%w: lock budget of %v tokens and bond of %s: %w", ErrEscrow, spec.Budget, api.FormatTokens(bond), err)
	}
	return nil
}

// taskCap is the most one task of j may cost, so that the sum over the job
// never exceeds its budget; 0 means no cap.
func (j *job) taskCap() api.Tokens {
	capPrice := j.spec.MaxPrice
	if !j.spec.Budget.IsZero() && len(j.tasks) > 0 {
		// Rounded down to the wei, so the tasks together never pass it.
		perTask := api.TokensFromWei(new(big.Int).Quo(j.spec.Budget.Wei(), big.NewInt(int64(len(j.tasks)))))
		if capPrice.IsZero() || perTask.Cmp(capPrice) < 0 {
			capPrice = perTask
		}
	}
	return capPrice
}

// settle pays a finished job's accepted tasks: it runs off the scheduler's
// lock, and queues each worker's claim for the outbox (delivery.go): it
// returns once the chain has settled, whatever the workers do.
func (c *coordinator) settle(ctx context.Context, j *job) {
	c.mu.Lock()
	names := map[string]common.Address{}
	for _, m := range c.lastMembers {
		names[m.ID] = common.HexToAddress(m.Addr)
	}
	var payouts []contracts.Payout
	perNode := map[common.Address]*api.NodePayout{}
	for _, t := range j.tasks {
		if t.state != api.TaskDone || t.price.IsZero() {
			continue
		}
		addr := t.addr
		if addr == (common.Address{}) {
			addr = names[t.node]
		}
		payouts = append(payouts, contracts.Payout{Node: addr, Amount: t.price.Wei()})
		np := perNode[addr]
		if np == nil {
			np = &api.NodePayout{Node: t.node, Address: addr.Hex()}
			perNode[addr] = np
		}
		np.Tasks++
	}
	spec := j.spec
	convictions := slices.Clone(j.convictions)
	prev := j.settlement
	c.mu.Unlock()
	if c.reserves != nil {
		c.reserves.forget(jobHash(spec)) // nothing more is leased
	}
	if prev != nil && prev.Tx != "" {
		return // settled already
	}

	rec := &api.SettlementRecord{Budget: spec.Budget.String()}
	var landed []api.SlashRecord
	if prev != nil {
		rec.Attempts = prev.Attempts
		for _, s := range prev.Slashes {
			if s.Tx != "" {
				landed = append(landed, s)
			}
		}
	}
	rec.Slashes = append(landed, c.slash(ctx, spec, convictions, landed)...)
	st, err := c.chain.Settle(ctx, jobHash(spec), payouts)
	if err != nil {
		rec.Error = err.Error()
		rec.Attempts++
		if ctx.Err() == nil && !errors.Is(err, contracts.ErrAlreadySettled) {
			c.retry(pendingChainOp{Op: opSettle, Job: j.id, Escrow: jobHash(spec).Hex(), Attempts: rec.Attempts,
				NextTry: c.now().Add(reclaimBackoff(rec.Attempts)), Error: err.Error()})
		}
	} else {
		rec.Tx, rec.Root = st.Receipt.TxHash.Hex(), st.Root.Hex()
		// All of the budget the tree does not pay comes back, less
		// receipts it left out: after the grace, and what reservations
		// hold beyond the leaves when the claim window closes.
		rec.Paid, rec.Refund = api.FormatTokens(st.Total), api.FormatTokens(new(big.Int).Sub(spec.Budget.Wei(), st.Total))
		if ej, err := c.chain.Job(ctx, jobHash(spec)); err == nil {
			rec.Bond = api.FormatTokens(ej.Bond)
			if later := new(big.Int).Sub(ej.Reserved, st.Covered); later.Sign() > 0 {
				rec.RefundLater = api.FormatTokens(later)
			}
		}
		if _, until, err := c.chain.ReceiptWindow(ctx, jobHash(spec)); err == nil {
			rec.ReclaimAfter = until
			c.retry(pendingChainOp{Op: opReclaim, Job: j.id, Escrow: jobHash(spec).Hex(), After: until})
		}
		for _, cl := range st.Claims {
			np := perNode[cl.Node]
			np.Amount = api.FormatTokens(cl.Amount)
			rec.Payouts = append(rec.Payouts, *np)
		}
	}
	c.mu.Lock()
	j.settlement = rec
	c.save(j)
	msg := "settled: paid " + rec.Paid + ", refunded " + rec.Refund
	if rec.Error != "" {
		msg = "settlement failed: " + rec.Error
	}
	if !j.state.Final() {
		// A cancelled or failed job's stream has ended: its settlement is
		// in its report.
		c.emit(j, api.Event{Type: api.EventSettled, Task: -1, Message: msg})
	}
	c.mu.Unlock()
	if err == nil {
		c.queueClaims(j.id, st.Claims)
		c.queuePayClaims(j.id, st.Claims)
	}
}

// slash burns each convicted node's stake, up to the job's cap, with the
// node's own signature kept on chain with the evidence's hash: over its
// result of a task, or, convicted as a checker, over its render of the
// check's crops (slashCheck). The requester gains nothing from it. Each
// node is slashed once per job: for its first conviction with a signed
// result of a tile, else its first with a signed check of one (a node
// convicted as a checker and as a worker is held to its result), else
// not, and the record says why. Nodes in landed were slashed by an
// earlier attempt of the settlement.
func (c *coordinator) slash(ctx context.Context, spec api.JobSpec, convictions []api.Conviction, landed []api.SlashRecord) []api.SlashRecord {
	var out []api.SlashRecord
	jobID := jobHash(spec)
	tiles := len(tiler.Split(spec.Area(), spec.Tiles)) * len(spec.Frames.List())
	// Each node's best conviction to slash with, in the order the nodes
	// were first convicted.
	type slashable struct {
		cv     api.Conviction
		result *contracts.SignedResult
		check  *contracts.SignedCheck
	}
	rank := func(s slashable) int {
		switch {
		case s.result != nil:
			return 0
		case s.check != nil:
			return 1
		}
		return 2
	}
	best := map[string]slashable{}
	var nodes []string
	for _, s := range landed {
		best[s.Node] = slashable{} // slashed already: not again
	}
	for _, cv := range convictions {
		if cv.Local || !common.IsHexAddress(cv.Address) {
			continue
		}
		s := slashable{cv: cv}
		if cv.Task < tiles {
			// A finish and its check are signed in the zero domain
			// (answerDomain): arbiters could not judge a dispute of it.
			s.result, s.check = signedResult(jobID, cv.Result), signedCheck(jobID, cv)
		}
		prev, ok := best[cv.Node]
		switch {
		case !ok:
			nodes = append(nodes, cv.Node)
			best[cv.Node] = s
		case prev.cv.Node != "" && rank(s) < rank(prev):
			best[cv.Node] = s
		}
	}
	for _, node := range nodes {
		s := best[node]
		cv, result, check := s.cv, s.result, s.check
		addr := common.HexToAddress(cv.Address)
		evidence := common.Hash(evidenceHash(cv.Evidence))
		rec := api.SlashRecord{Node: cv.Node, Address: cv.Address, Evidence: evidence.Hex(), Amount: "0"}
		if result == nil && check == nil {
			rec.Error = "no result or check signed by the node in this job: the escrow slashes only with the node's own signature"
			if cv.Task >= tiles {
				rec.Error = "convicted over a frame's finish, which arbiters cannot run again yet: a finish and its check are signed where the escrow takes none, and the node loses its reputation and its work in the job, not its stake"
			}
			out = append(out, rec)
			continue
		}
		amount, err := c.slashAmount(ctx, jobID, addr)
		if err == nil && amount.Sign() > 0 {
			var rcpt *types.Receipt
			if result != nil {
				rcpt, err = c.chain.SlashResult(ctx, addr, amount, *result, evidence)
			} else {
				rcpt, err = c.chain.SlashCheck(ctx, addr, amount, *check, evidence)
			}
			if err == nil {
				rec.Amount, rec.Tx = api.FormatTokens(amount), rcpt.TxHash.Hex()
			}
		}
		if err != nil {
			rec.Error = err.Error()
		}
		out = append(out, rec)
	}
	return out
}

// signedCheck is the signed render of the check's crops by the node cv
// convicted as a checker (nil for a worker's conviction, or without a
// signature): what the escrow slashes a lying checker with.
func signedCheck(jobID common.Hash, cv api.Conviction) *contracts.SignedCheck {
	ev := cv.Evidence
	if cv.Node == ev.Worker || cv.Node != ev.Checker {
		return nil
	}
	for _, r := range ev.Renders {
		if !common.IsHexAddress(r.Address) || common.HexToAddress(r.Address) != common.HexToAddress(cv.Address) {
			continue
		}
		sig, err := hex.DecodeString(strings.TrimPrefix(r.Signature, "0x"))
		hash, herr := hex.DecodeString(r.Hash)
		if err != nil || herr != nil || len(sig) == 0 || len(hash) != 32 {
			return nil
		}
		return &contracts.SignedCheck{JobID: jobID, Task: uint64(cv.Task), Crops: ev.Crops, RenderHash: common.BytesToHash(hash), Signature: sig}
	}
	return nil
}

// slashAmount is all of a node's bonded stake, within what the job may
// still slash.
func (c *coordinator) slashAmount(ctx context.Context, jobID common.Hash, addr common.Address) (*big.Int, error) {
	st, err := c.chain.StakeOf(ctx, addr)
	if err != nil {
		return nil, err
	}
	capTotal, err := c.chain.SlashCap(ctx, jobID)
	if err != nil {
		return nil, err
	}
	job, err := c.chain.Job(ctx, jobID)
	if err != nil {
		return nil, err
	}
	capLeft := new(big.Int).Sub(capTotal, job.Slashed)
	amount := new(big.Int).Add(st.Active, st.Pending)
	if amount.Cmp(capLeft) > 0 {
		amount = capLeft
	}
	return amount, nil
}

// claimMessage is what a worker receives after settlement: its leaf and
// proof. Anyone could send one; the worker checks the proof against the root
// it reads from the chain before spending gas on it.
type claimMessage struct {
	JobID  string   `json:"job"`
	Node   string   `json:"node"`
	Amount string   `json:"amount"` // wei, decimal
	Proof  []string `json:"proof"`
	// Submit: the coordinator submits this claim itself and pays the gas
	// (claimfor.go); the worker leaves it DeliveryConfig.ClaimWait to.
	Submit bool `json:"submit,omitempty"`
}
