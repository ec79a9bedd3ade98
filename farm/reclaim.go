package farm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Retries. A settlement that fails is tried again, with a growing
// back-off, until it lands. A settled job's budget outside the tree and the
// requester's bond stay in the escrow for ReclaimGrace, to pay receipts the
// tree left out; then the coordinator reclaims them, tried again the same
// way. What is waiting is kept in the store's meta ("escrow-retries"), so a
// restarted coordinator still does it.

// Operations of pendingChainOp.
const (
	opSettle  = "settle"
	opReclaim = "reclaim"
)

// pendingChainOp is one job's settlement or reclaim waiting to be (tried
// again).
type pendingChainOp struct {
	Op       string    `json:"op"`                // opSettle, opReclaim or opPayClaims
	Job      string    `json:"job"`               // the farm's job id
	Escrow   string    `json:"escrow"`            // its id in the escrow
	After    time.Time `json:"after,omitzero"`    // a reclaim: chain time after which it may be done
	Attempts int       `json:"attempts"`          // failed attempts so far
	NextTry  time.Time `json:"next_try,omitzero"` // this node's clock
	Error    string    `json:"error,omitempty"`
	// Closing marks the reclaim at the end of the claim window, after the
	// one at the end of the receipts' grace.
	Closing bool `json:"closing,omitempty"`
}

// reclaimBackoff is the wait after the attempts'th failed try.
func reclaimBackoff(attempts int) time.Duration {
	return min(time.Second<<min(attempts, 12), time.Hour)
}

// retry queues op, replacing one of the same kind for the same job.
func (c *coordinator) retry(op pendingChainOp) {
	c.reclaimMu.Lock()
	defer c.reclaimMu.Unlock()
	c.reclaims = slices.DeleteFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == op.Op && q.Job == op.Job })
	c.reclaims = append(c.reclaims, op)
	c.saveReclaimsLocked()
	select { // reclaimLoop looks at its due times again
	case c.reclaimWake <- struct{}{}:
	default:
	}
}

// saveReclaimsLocked keeps the waiting operations; reclaimMu must be held.
func (c *coordinator) saveReclaimsLocked() {
	b, _ := json.Marshal(c.reclaims)
	c.store.PutMeta("escrow-retries", b)
}

// loadReclaims reads the operations a previous run left waiting.
func (c *coordinator) loadReclaims() error {
	b := c.store.Meta("escrow-retries")
	if len(b) == 0 {
		return nil
	}
	c.reclaimMu.Lock()
	defer c.reclaimMu.Unlock()
	if err := json.Unmarshal(b, &c.reclaims); err != nil {
		return fmt.Errorf("stored escrow retries are corrupt: %w", err)
	}
	return nil
}

// reclaimLoop does the waiting settlements and reclaims as they fall due,
// until ctx ends. Between them it sleeps: until the earliest retry by this
// node's clock, or until the first block past the earliest grace on chain
// (waitChainTime: a pushed head, or one look at the due time and then a
// backing-off poll), never looking at the chain every second for days.
func (c *coordinator) reclaimLoop(ctx context.Context) {
	var last time.Time
	for ctx.Err() == nil {
		if !throttle(ctx, &last) {
			return
		}
		c.reclaimDue()
		c.reclaimMu.Lock()
		waiting := slices.Clone(c.reclaims)
		c.reclaimMu.Unlock()
		c.waitReclaims(ctx, waiting)
	}
}

// waitReclaims returns when one of waiting may be due, a new operation is
// queued (retry), or ctx ends.
func (c *coordinator) waitReclaims(ctx context.Context, waiting []pendingChainOp) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { // ends with ctx, at the latest when this returns
		select {
		case <-c.reclaimWake:
			cancel()
		case <-ctx.Done():
		}
	}()
	if len(waiting) == 0 {
		<-ctx.Done()
		return
	}
	now := c.now()
	var nextTry, after time.Time
	ready := false // an operation whose retry time has come
	for _, p := range waiting {
		if now.Before(p.NextTry) {
			if nextTry.IsZero() || p.NextTry.Before(nextTry) {
				nextTry = p.NextTry
			}
			continue
		}
		if !ready || p.After.Before(after) {
			after = p.After
		}
		ready = true
	}
	if !ready {
		select {
		case <-ctx.Done():
		case <-time.After(nextTry.Sub(now)):
		}
		return
	}
	if nextTry.IsZero() {
		waitChainTime(ctx, c.chain.Chain(), after)
		return
	}
	// Both: a retry by this clock, and a grace on chain.
	tctx, stop := context.WithDeadline(ctx, nextTry)
	defer stop()
	waitChainTime(tctx, c.chain.Chain(), after)
}

// reclaimDue tries the settlements that are due again, and reclaims every
// waiting job whose grace has passed on chain.
func (c *coordinator) reclaimDue() {
	ctx, cancel := context.WithTimeout(c.ctx, time.Minute)
	defer cancel()
	chainNow, err := c.chain.Chain().Now(ctx)
	if err != nil {
		return
	}
	c.reclaimMu.Lock()
	waiting := slices.Clone(c.reclaims)
	c.reclaimMu.Unlock()
	for _, p := range waiting {
		if c.now().Before(p.NextTry) || !chainNow.After(p.After) {
			continue
		}
		if p.Op == opSettle {
			c.settleAgain(ctx, p)
			continue
		}
		if p.Op == opPayClaims {
			c.payClaims(ctx, p)
			continue
		}
		if !c.reclaimDueOne(ctx, p) {
			return // stopping: tried again at the next start
		}
	}
}

// reclaimDueOne does p, a reclaim that is due, and updates the list; it
// reports false when the node is stopping with p left to do. It holds
// reclaimOne until the list says what became of p, so that a requester's
// conun reclaim at the same moment finds it done rather than sending it
// again (a transaction the escrow refuses).
func (c *coordinator) reclaimDueOne(ctx context.Context, p pendingChainOp) bool {
	c.reclaimOne.Lock()
	defer c.reclaimOne.Unlock()
	if cur, ok := c.waitingReclaim(p.Job); !ok || cur.Closing != p.Closing {
		// A requester's conun reclaim did it meanwhile (the closing one
		// that may have followed waits for its own time).
		return true
	}
	rcpt, err := c.chain.Reclaim(ctx, common.HexToHash(p.Escrow))
	amount, closing, done := c.reclaimed(ctx, p, rcpt, err)
	if done {
		err = nil // closed by anyone's reclaim: nothing is left to do
	}
	if ctx.Err() != nil && !done {
		return false
	}
	c.reclaimMu.Lock()
	i := slices.IndexFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == p.Op && q.Job == p.Job })
	if i < 0 {
		c.reclaimMu.Unlock()
		return true
	}
	switch {
	case err != nil:
		q := &c.reclaims[i]
		q.Attempts++
		q.NextTry, q.Error = c.now().Add(reclaimBackoff(q.Attempts)), err.Error()
	case closing != nil:
		c.reclaims[i] = *closing
	default:
		c.reclaims = slices.Delete(c.reclaims, i, i+1)
		c.forgetClaims(p.Escrow) // the claim window closed with the reclaim
	}
	c.saveReclaimsLocked()
	c.reclaimMu.Unlock()
	if err != nil || amount != nil {
		c.noteReclaim(p.Job, amount, p.Closing, rcpt, err)
	}
	return true
}

// reclaimed reads what p's reclaim (rcpt, err) came to: the amount it
// returned (nil: none known), the reclaim that closes the job when the
// claim window ends, when this one left the job open (leaves nobody
// claimed, and what reservations hold beyond the work, wait for that
// window), and done when the job is closed, whoever closed it.
func (c *coordinator) reclaimed(ctx context.Context, p pendingChainOp, rcpt *types.Receipt, err error) (amount *big.Int, closing *pendingChainOp, done bool) {
	if errors.Is(err, contracts.ErrJobClosed) {
		return nil, nil, true
	}
	if err != nil {
		return nil, nil, false
	}
	amount, closed, ok := c.chain.Reclaimed(rcpt)
	if closed || !ok {
		return amount, nil, true
	}
	// Left open: the claim window's end, from the chain; if it cannot be
	// read now, tried at the grace's end again (the escrow says too early).
	next := &pendingChainOp{Op: opReclaim, Job: p.Job, Escrow: p.Escrow, After: p.After, Closing: true}
	ej, jerr := c.chain.Job(ctx, common.HexToHash(p.Escrow))
	window, werr := c.chain.ClaimWindow(ctx)
	if jerr == nil && werr == nil {
		if ej.Status != contracts.JobSettled || ej.Unclaimed.Sign()+ej.Reserved.Sign() == 0 {
			return amount, nil, true // nothing more will come of it
		}
		next.After = ej.SettledAt.Add(window)
	}
	return amount, next, false
}

// settleAgain takes p off the list and settles its job again (which puts
// it back on a failure). The job is read from the store when it is no
// longer in memory.
func (c *coordinator) settleAgain(ctx context.Context, p pendingChainOp) {
	c.reclaimMu.Lock()
	c.reclaims = slices.DeleteFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == p.Op && q.Job == p.Job })
	c.saveReclaimsLocked()
	c.reclaimMu.Unlock()
	c.mu.Lock()
	j := c.jobs[p.Job]
	c.mu.Unlock()
	if j == nil {
		sj, err := c.store.Job(p.Job)
		if err != nil {
			c.log.Error("settle again: job is gone", "job", p.Job, "err", err)
			return
		}
		j = c.jobFromStore(sj)
		if j.events, err = c.storedEvents(j); err != nil {
			c.log.Error("settle again", "job", p.Job, "err", err)
			return
		}
	}
	c.settle(ctx, j)
}

// settleEnded settles what a cancelled or failed job accepted (off the
// lock); c.mu must be held.
func (c *coordinator) settleEnded(j *job) {
	if c.chain == nil || j.settlement != nil || j.unpaid() {
		return
	}
	c.wg.Go(func() { c.settle(c.ctx, j) })
}

// noteReclaim records a reclaim's outcome in the job's settlement record
// when the job is still in memory (the store's "reclaims" has it anyway).
func (c *coordinator) noteReclaim(id string, amount *big.Int, closing bool, rcpt *types.Receipt, err error) {
	note := func(s *api.SettlementRecord) {
		if err != nil {
			s.ReclaimError = err.Error()
			c.log.Warn("reclaim", "job", id, "err", err)
			return
		}
		s.ReclaimError, s.ReclaimTx = "", rcpt.TxHash.Hex()
		if amount != nil {
			if before, err := api.ParseTokens(s.Reclaimed); closing && err == nil {
				amount = new(big.Int).Add(amount, before.Wei()) // both reclaims together
			}
			s.Reclaimed = api.FormatTokens(amount)
			if closing {
				s.RefundLater = "" // returned now
			}
		}
	}
	c.updateSettlement(id, note)
}

// updateSettlement applies note to job id's settlement record, in memory
// or, for a job that aged out of memory (Retention), in the store.
func (c *coordinator) updateSettlement(id string, note func(*api.SettlementRecord)) {
	c.mu.Lock()
	if j := c.jobs[id]; j != nil {
		defer c.mu.Unlock()
		if j.settlement != nil {
			// Changed on a copy that replaces the record: a report or
			// a save may be encoding the old one off the lock.
			s := *j.settlement
			s.ClaimsTx = slices.Clone(s.ClaimsTx)
			note(&s)
			j.settlement = &s
			c.save(j)
		}
		return
	}
	c.mu.Unlock()
	sj, serr := c.store.Job(id)
	if serr != nil || sj.Rec.Settlement == nil {
		c.log.Error("note on a settlement", "job", id, "err", serr)
		return
	}
	note(sj.Rec.Settlement)
	c.store.PutJob(id, sj.Rec)
}

// pendingReclaim reports whether job id's reclaim is waiting.
func (c *coordinator) pendingReclaim(id string) bool {
	_, ok := c.waitingReclaim(id)
	return ok
}

// waitingReclaim is job id's reclaim in the list, if one waits.
func (c *coordinator) waitingReclaim(id string) (pendingChainOp, bool) {
	c.reclaimMu.Lock()
	defer c.reclaimMu.Unlock()
	i := slices.IndexFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == opReclaim && q.Job == id })
	if i < 0 {
		return pendingChainOp{}, false
	}
	return c.reclaims[i], true
}

// ErrNotYet is wrapped by a refusal to do now what can only be done later
// (a reclaim before its grace has passed): the client API answers 409.
var ErrNotYet = errors.New("not yet")

// reclaimNow reclaims job id's unspent budget and bond for the requester
// now, if the grace has passed (the coordinator also does it by itself),
// and returns the job's settlement record.
func (c *coordinator) reclaimNow(ctx context.Context, id string) (*api.SettlementRecord, error) {
	if _, err := api.ParseJobID(id); err != nil {
		return nil, err // a bad id is the caller's mistake whatever this node is
	}
	if c.chain == nil {
		return nil, fmt.Errorf("%w: this node is not connected to a chain: nothing was locked", ErrNotYet)
	}
	var st *api.SettlementRecord
	var spec api.JobSpec
	if err := c.lookup(id, func(j *job) { st, spec = j.settlement, j.spec }); err != nil {
		return nil, err
	}
	if st == nil {
		return nil, fmt.Errorf("%w: job %s is not settled yet: its budget is reclaimed after its settlement's grace", ErrNotYet, id)
	}
	c.reclaimOne.Lock()
	defer c.reclaimOne.Unlock()
	if !c.pendingReclaim(id) {
		// Done already (by the coordinator's own loop, maybe just now),
		// or not due: the record says which.
		var out *api.SettlementRecord
		if err := c.lookup(id, func(j *job) { out = j.settlement }); err != nil {
			return nil, err
		}
		if out.ReclaimTx != "" {
			return out, nil
		}
		return nil, fmt.Errorf("%w: job %s has no reclaim waiting (its settlement: %s)", ErrNotYet, id, cmp.Or(out.Error, "pending"))
	}
	jobID := jobHash(spec)
	c.reclaimMu.Lock()
	p := pendingChainOp{Op: opReclaim, Job: id, Escrow: jobID.Hex(), After: st.ReclaimAfter}
	if i := slices.IndexFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == opReclaim && q.Job == id }); i >= 0 {
		p = c.reclaims[i]
	}
	c.reclaimMu.Unlock()
	rcpt, err := c.chain.Reclaim(ctx, jobID)
	amount, closing, done := c.reclaimed(ctx, p, rcpt, err)
	if done {
		err = nil
	}
	if errors.Is(err, contracts.ErrReclaimTooEarly) {
		if p.Closing {
			return nil, fmt.Errorf("%w: job %s's unclaimed leaves and what its reservations hold beyond the work can be reclaimed after %s (chain time), when its claim window closes", ErrNotYet, id, p.After.UTC().Format(time.RFC3339))
		}
		return nil, fmt.Errorf("%w: job %s's budget and bond can be reclaimed after %s (chain time): until then they pay receipts the settlement left out", ErrNotYet, id, st.ReclaimAfter.UTC().Format(time.RFC3339))
	}
	if err != nil {
		return nil, fmt.Errorf("reclaim job %s: %w", id, err)
	}
	c.reclaimMu.Lock()
	c.reclaims = slices.DeleteFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == opReclaim && q.Job == id })
	if closing != nil {
		c.reclaims = append(c.reclaims, *closing)
	} else {
		c.forgetClaims(jobID.Hex()) // the claim window closed with the reclaim
	}
	c.saveReclaimsLocked()
	c.reclaimMu.Unlock()
	if amount != nil {
		c.noteReclaim(id, amount, p.Closing, rcpt, nil)
	}
	var out *api.SettlementRecord
	err = c.lookup(id, func(j *job) { out = j.settlement })
	return out, err
}
