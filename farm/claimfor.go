package farm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/core/types"
)

// Claims paid without the worker's gas. A fresh node key holds tokens
// once it is paid, but no Ether, so a claim it sends itself fails. The
// coordinator (which has Ether: it opened the escrow) therefore submits
// its workers' leaves right after settling, with the escrow's claimFor,
// which pays each leaf to its own node whoever sends it: the coordinator
// can move a worker's money only to that worker, once. The submission is a
// persisted chain operation (reclaim.go's queue), so a coordinator that
// stops before it is sent sends it at its next start.
//
// The worker still receives its claim (delivery.go) and keeps it: it
// watches the chain and, if the coordinator has not paid it within
// DeliveryConfig.ClaimWait, claims itself when its key holds Ether. A
// coordinator that never submits costs the worker that wait, never the
// payment; `conun wallet` says what each claim waits for.

// opPayClaims is a coordinator's submission of a job's claims.
const opPayClaims = "pay-claims"

// maxClaimsPerTx bounds one claimForMany: a leaf costs about 64k gas under
// mainnet rules and 243k under the simulated chain's default fork
// (BenchmarkSettle), so 100 stay within a 30M-gas block.
const maxClaimsPerTx = 100

// payClaimsAttempts is how often a failing submission is tried: the
// workers claim themselves after ClaimWait anyway.
const payClaimsAttempts = 8

// queuePayClaims queues the submission of a settled job's claims.
func (c *coordinator) queuePayClaims(job string, claims []contracts.Claim) {
	if !c.cfg.Delivery.PayClaims || len(claims) == 0 {
		return
	}
	c.retry(pendingChainOp{Op: opPayClaims, Job: job, Escrow: claims[0].JobID.Hex()})
}

// payClaims submits the claims of p's job, as queueClaims kept them, in
// batches; leaves already paid (a worker that claimed itself) are skipped
// by the escrow, so a retry after a partial success pays nothing twice.
func (c *coordinator) payClaims(ctx context.Context, p pendingChainOp) {
	claims, err := c.keptClaims(p.Escrow)
	var txs []string
	if err == nil {
		for chunk := range slices.Chunk(claims, maxClaimsPerTx) {
			var rcpt *types.Receipt
			if rcpt, err = c.chain.ClaimFor(ctx, chunk); err != nil {
				break
			}
			txs = append(txs, rcpt.TxHash.Hex())
		}
	}
	if ctx.Err() != nil {
		return // stopping: sent at the next start
	}
	c.reclaimMu.Lock()
	if i := slices.IndexFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == p.Op && q.Job == p.Job }); i >= 0 {
		q := &c.reclaims[i]
		q.Attempts++
		if err == nil || q.Attempts >= payClaimsAttempts || errors.Is(err, contracts.ErrClaimWindowClosed) {
			c.reclaims = slices.Delete(c.reclaims, i, i+1)
			if err == nil || errors.Is(err, contracts.ErrClaimWindowClosed) {
				// Every leaf is paid, or none can be any more: no
				// worker will ask for its claim. Off the list first,
				// so a restart never looks for what is gone.
				c.forgetClaims(p.Escrow)
			}
		} else {
			q.NextTry, q.Error = c.now().Add(reclaimBackoff(q.Attempts)), err.Error()
		}
		c.saveReclaimsLocked()
	}
	c.reclaimMu.Unlock()
	if err != nil {
		c.log.Warn("pay the workers' claims", "job", p.Job, "err", err)
	}
	c.updateSettlement(p.Job, func(s *api.SettlementRecord) {
		s.ClaimsTx = append(s.ClaimsTx, txs...)
		s.ClaimsError = ""
		if err != nil {
			s.ClaimsError = err.Error()
		}
	})
}

// forgetClaims drops the claims of escrow that queueClaims kept, once
// nothing more can come of them: each is paid, or the escrow's claim
// window closed (it was reclaimed). The settlement record keeps who was
// paid what, and a worker's earnings are its own store's and the chain's.
func (c *coordinator) forgetClaims(escrow string) {
	c.store.DeleteMeta(claimsPrefix + escrow)
}

// keptClaims reads the claims of escrow that queueClaims kept.
func (c *coordinator) keptClaims(escrow string) ([]contracts.Claim, error) {
	var msgs []claimMessage
	if err := json.Unmarshal(c.store.Meta(claimsPrefix+escrow), &msgs); err != nil {
		return nil, fmt.Errorf("kept claims of %s: %w", escrow, err)
	}
	out := make([]contracts.Claim, 0, len(msgs))
	for _, m := range msgs {
		cl, err := m.claim()
		if err != nil {
			return nil, fmt.Errorf("kept claim of %s for %s: %w", escrow, m.Node, err)
		}
		out = append(out, cl)
	}
	return out, nil
}

// claimInBackground follows claim idx under the node's lifetime until it
// is paid: by the coordinator when submit says it pays (within
// ClaimWait), else by this node's own claim once its key holds Ether.
func (n *Node) claimInBackground(idx int, cl contracts.Claim, submit bool) {
	n.wg.Go(func() {
		// The coordinator's batch usually lands within a block or two of
		// the claim's delivery: look soon, then less and less often.
		wait := n.cfg.Delivery.ClaimWait
		poll, most := 200*time.Millisecond, min(max(wait/4, 200*time.Millisecond), 30*time.Second)
		leaveUntil := time.Now().Add(wait)
		for {
			ctx, cancel := context.WithTimeout(n.ctx, time.Minute)
			st := n.tryClaim(ctx, cl, submit && time.Now().Before(leaveUntil))
			cancel()
			if n.ctx.Err() != nil {
				return // stopping: stays pending, followed again at the next start
			}
			n.wallet.claimsMu.Lock()
			wc := &n.wallet.claims[idx]
			wc.Waiting, wc.Error = st.waiting, st.err
			if st.paidBy != "" {
				wc.Claimed, wc.PaidBy, wc.Tx = true, st.paidBy, st.tx
			}
			n.wallet.saveLocked()
			n.wallet.claimsMu.Unlock()
			if st.paidBy != "" || st.err != "" {
				n.wallet.wakeUp() // the receipt of the job may be redeemed for the rest
				return
			}
			if st.waiting == api.ClaimWaitsGas {
				most = 10 * time.Minute // may wait for days for Ether: look less often
			}
			poll = min(2*poll, most)
			select {
			case <-n.ctx.Done():
				return
			case <-time.After(poll):
			}
		}
	})
}

// claimState is one look at a claim: paid (by whom, tx), refused (err),
// or waiting (why); all empty means a chain read failed and the next look
// tries again.
type claimState struct {
	paidBy, tx, waiting, err string
}

// tryClaim looks whether cl is paid and, unless it is left to the
// coordinator, claims it with the node's own gas when the key holds Ether.
func (n *Node) tryClaim(ctx context.Context, cl contracts.Claim, leaveToCoordinator bool) claimState {
	chain := n.wallet.chain
	paid, err := chain.Paid(ctx, cl.JobID, cl.Node)
	if err != nil {
		return claimState{}
	}
	if paid.Cmp(cl.Amount) >= 0 {
		return claimState{paidBy: api.ClaimPaidByCoordinator}
	}
	if leaveToCoordinator {
		return claimState{waiting: api.ClaimWaitsCoordinator}
	}
	eth, err := chain.EtherBalance(ctx, cl.Node)
	if err != nil {
		return claimState{}
	}
	if eth.Sign() == 0 {
		// Waiting for Ether could last for ever: it ends when the job
		// closes, after its claim window, with nothing left to claim.
		if j, err := chain.Job(ctx, cl.JobID); err == nil && j.Status == contracts.JobClosed {
			return claimState{err: "the claim window closed before anyone submitted this claim (this node's key held no Ether for gas)"}
		}
		return claimState{waiting: api.ClaimWaitsGas}
	}
	rcpt, err := chain.Claim(ctx, cl)
	switch {
	case errors.Is(err, contracts.ErrAlreadyClaimed):
		return claimState{paidBy: api.ClaimPaidByCoordinator} // its batch landed first
	case err != nil:
		return claimState{err: err.Error()}
	}
	return claimState{paidBy: api.ClaimPaidBySelf, tx: rcpt.TxHash.Hex()}
}
