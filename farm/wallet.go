package farm

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// The worker's side of the money: the claims and receipts this node is
// handed as a worker, kept in its store and redeemed on the chain, and the
// wallet the client API shows.

// wallet is a node's side of the money: its claims, paid as they arrive,
// and kept in the node's store with their proofs, so a claim handed to a
// node that then crashes is paid when it starts again.
type wallet struct {
	chain *contracts.Client
	ident *rpc.Identity
	store *store.Store

	claimsMu sync.Mutex
	claims   []api.WalletClaim
	pending  []claimMessage // the proofs, by the index of claims
	receipts []heldReceipt  // the latest receipt per job
	wake     chan struct{}  // a receipt or leaf arrived, or a claim ended
	// checked are, per job, the result chains of receipts this node
	// checked and found right (chain -> tasks covered): a receipt that
	// lists its tasks after one of them is checked from there (receipts
	// are sent concurrently, so one may start before the latest held).
	checked map[string]map[common.Hash]uint64
}

// heldReceipt is the latest receipt a worker holds for one job, and what
// became of it; Done is set once nothing more is to be done with it (paid
// in full, by its leaf or by itself, or its window closed).
type heldReceipt struct {
	Receipt api.Receipt       `json:"receipt"`
	Info    api.WalletReceipt `json:"info"`
	Done    bool              `json:"done,omitempty"`
}

func (n *Node) handleClaim(rw http.ResponseWriter, r *http.Request) {
	var msg claimMessage
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&msg); err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("claim: %w", err))
		return
	}
	if status, err := n.takeClaim(r.Context(), msg); err != nil {
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, map[string]bool{"accepted": true})
}

// takeClaim checks a claim handed to this node (or fetched by it), keeps
// it and claims it on the chain in the background; a claim of a job it
// holds one of already is the same claim (ids have one spelling), taken
// once. On error it returns the HTTP status that says why.
func (n *Node) takeClaim(ctx context.Context, msg claimMessage) (int, error) {
	if n.wallet.chain == nil {
		return http.StatusConflict, errors.New("this node is not connected to a chain")
	}
	cl, err := msg.claim()
	if err == nil && cl.Node != n.wallet.ident.Address() {
		err = fmt.Errorf("it is for %s, not this node's %s", cl.Node.Hex(), n.wallet.ident.Address().Hex())
	}
	if err != nil {
		n.metrics.badRequests.Add(1)
		return http.StatusBadRequest, fmt.Errorf("claim is not for this node or malformed: %w", err)
	}
	job, err := n.wallet.chain.Job(ctx, cl.JobID)
	if err != nil || !cl.Verify(job.Root) {
		n.metrics.badSignatures.Add(1)
		return http.StatusBadRequest, errors.New("claim's proof does not match the job's settled root")
	}
	n.wallet.claimsMu.Lock()
	for _, p := range n.wallet.pending {
		if p.JobID == msg.JobID {
			n.wallet.claimsMu.Unlock()
			return 0, nil // handed twice: one claim
		}
	}
	idx := len(n.wallet.claims)
	n.wallet.claims = append(n.wallet.claims, api.WalletClaim{JobID: msg.JobID, Amount: api.FormatTokens(cl.Amount)})
	n.wallet.pending = append(n.wallet.pending, msg)
	n.wallet.saveLocked()
	n.wallet.claimsMu.Unlock()
	n.claimInBackground(idx, cl, msg.Submit)
	n.wallet.wakeUp() // the job is settled: its receipts' window is open
	return 0, nil
}

// holdsClaim reports whether the wallet holds a claim of escrow.
func (w *wallet) holdsClaim(escrow string) bool {
	w.claimsMu.Lock()
	defer w.claimsMu.Unlock()
	return slices.ContainsFunc(w.pending, func(p claimMessage) bool { return p.JobID == escrow })
}

// storedClaims is the wallet as the store keeps it.
type storedClaims struct {
	Claims   []api.WalletClaim `json:"claims"`
	Pending  []claimMessage    `json:"pending"`
	Receipts []heldReceipt     `json:"receipts,omitempty"`
}

// saveLocked writes the claims to the store; claimsMu must be held.
func (w *wallet) saveLocked() {
	if w.store == nil {
		return
	}
	b, _ := json.Marshal(storedClaims{Claims: w.claims, Pending: w.pending, Receipts: w.receipts})
	w.store.PutMeta("wallet", b)
}

// resumeClaims loads the stored claims and sends again those that were
// neither paid nor refused before the node stopped.
func (n *Node) resumeClaims() error {
	b := n.wallet.store.Meta("wallet")
	if len(b) == 0 {
		return nil
	}
	var sc storedClaims
	if err := json.Unmarshal(b, &sc); err != nil || len(sc.Claims) != len(sc.Pending) {
		return fmt.Errorf("stored wallet is corrupt: %v", err)
	}
	n.wallet.claims, n.wallet.pending, n.wallet.receipts = sc.Claims, sc.Pending, sc.Receipts
	if n.wallet.chain == nil {
		return nil
	}
	for i, wc := range sc.Claims {
		if wc.Claimed || wc.Error != "" {
			continue
		}
		cl, err := sc.Pending[i].claim()
		if err != nil {
			continue
		}
		n.claimInBackground(i, cl, sc.Pending[i].Submit)
	}
	return nil
}

func (m claimMessage) claim() (contracts.Claim, error) {
	// One spelling of the job, so that the wallet holds (and sends to the
	// chain) one claim per job however the sender spelled it.
	if _, err := api.ParseEscrowID(m.JobID); err != nil {
		return contracts.Claim{}, err
	}
	amount, ok := new(big.Int).SetString(m.Amount, 10)
	if !ok || amount.Sign() <= 0 || !common.IsHexAddress(m.Node) || len(m.Proof) > 64 {
		return contracts.Claim{}, errors.New("bad amount, node or proof")
	}
	cl := contracts.Claim{JobID: common.HexToHash(m.JobID), Node: common.HexToAddress(m.Node), Amount: amount}
	for _, p := range m.Proof {
		b, err := hex.DecodeString(strings.TrimPrefix(p, "0x"))
		if err != nil || len(b) != 32 {
			return contracts.Claim{}, errors.New("bad proof element")
		}
		cl.Proof = append(cl.Proof, common.BytesToHash(b))
	}
	return cl, nil
}

func (n *Node) getWallet(rw http.ResponseWriter, r *http.Request) {
	info := api.WalletInfo{Address: n.cfg.Identity.Address().Hex()}
	n.wallet.claimsMu.Lock()
	info.Claims = append([]api.WalletClaim{}, n.wallet.claims...)
	for _, h := range n.wallet.receipts {
		info.Receipts = append(info.Receipts, h.Info)
	}
	n.wallet.claimsMu.Unlock()
	if n.wallet.chain != nil {
		info.Connected = true
		if bal, err := n.wallet.chain.Balance(r.Context(), n.cfg.Identity.Address()); err == nil {
			info.Balance = api.FormatTokens(bal)
		}
		if st, err := n.wallet.chain.StakeOf(r.Context(), n.cfg.Identity.Address()); err == nil {
			info.Stake = api.FormatTokens(st.Active)
			if st.Pending.Sign() > 0 {
				info.PendingStake, info.UnlockAt = api.FormatTokens(st.Pending), st.UnlockAt
			}
		}
		if eth, err := n.wallet.chain.EtherBalance(r.Context(), n.cfg.Identity.Address()); err == nil {
			info.Ether = api.FormatTokens(eth) // Ether has 18 decimals too
		}
	}
	writeJSON(rw, info)
}

// maxReceiptBytes bounds a receipt message. It lists the tasks since the
// last receipt the worker took, about 110 bytes each: a few as a job runs,
// but every task of a worker away for the outbox's tries, or of a receipt
// handed over again after the coordinator's restart (recoverReceipts).
// 64 KiB (590 tasks) refused those, for good; 8 MiB is 75,000 tasks.
const maxReceiptBytes = 8 << 20

// handleReceipt takes a coordinator's receipt for this node: it must be
// for this node's address, of a job open or settled in the escrow, and
// signed by the job's requester over the escrow's own receipt digest (else
// it would not redeem, and is refused); one that pays less than this
// node's work in it is flagged (receiptcheck.go). The wallet keeps the
// latest (largest) per job.
func (n *Node) handleReceipt(rw http.ResponseWriter, r *http.Request) {
	var msg api.Receipt
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxReceiptBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&msg); err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("receipt: %w", err))
		return
	}
	w := n.wallet
	if w.chain == nil {
		httpError(rw, http.StatusConflict, errors.New("this node is not connected to a chain"))
		return
	}
	rc, err := workReceipt(msg)
	if err == nil && rc.Worker != w.ident.Address() {
		err = fmt.Errorf("receipt is for %s, not this node's %s", rc.Worker.Hex(), w.ident.Address().Hex())
	}
	if err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	job, err := w.chain.Job(r.Context(), rc.JobID)
	if err != nil {
		httpError(rw, http.StatusBadGateway, fmt.Errorf("receipt: read job %s from the escrow: %w", rc.JobID.Hex(), err))
		return
	}
	if job.Status == contracts.JobNone || job.Status == contracts.JobClosed {
		where := "not in the escrow"
		if job.Status == contracts.JobClosed {
			where = "closed in the escrow"
		}
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("receipt: job %s is %s: the receipt would not redeem", rc.JobID.Hex(), where))
		return
	}
	switch err := w.chain.VerifyReceipt(r.Context(), rc, job.Requester); {
	case err == nil:
	case !errors.Is(err, contracts.ErrBadSignature) && !errors.Is(err, contracts.ErrBadPayout):
		// The escrow's digest could not be read: the receipt may be
		// good, and a 4xx would have its sender drop it for good.
		httpError(rw, http.StatusBadGateway, fmt.Errorf("receipt: %w", err))
		return
	default:
		n.metrics.badSignatures.Add(1)
		n.cfg.Logger.Warn("receipt refused: it would not redeem", "job", rc.JobID.Hex(), "err", err)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("receipt is not signed by the job's requester %s as the escrow reads receipts: it would not redeem: %w", job.Requester.Hex(), err))
		return
	}
	flag := w.checkAgainstHeld(rc, msg, n.work.rendered.results(rc.JobID), n.work.price)
	if flag != "" {
		n.metrics.receiptsFlagged.Add(1)
		n.cfg.Logger.Warn("receipt flagged: the coordinator may be cheating this node", "job", rc.JobID.Hex(), "requester", job.Requester.Hex(), "flag", flag)
	}
	answer := map[string]any{"accepted": true}
	if flag != "" {
		answer["flag"] = flag
	}
	n.earned.passed(msg.JobID, msg.Accepted)
	msg = receiptRecord(rc) // canonical form
	w.claimsMu.Lock()
	defer w.claimsMu.Unlock()
	i := slices.IndexFunc(w.receipts, func(h heldReceipt) bool { return h.Receipt.JobID == msg.JobID })
	if i >= 0 {
		if old, err := workReceipt(w.receipts[i].Receipt); err == nil && old.Amount.Cmp(rc.Amount) >= 0 {
			writeJSON(rw, answer) // an older one, arrived late, or a smaller one
			return
		}
	} else {
		i = len(w.receipts)
		w.receipts = append(w.receipts, heldReceipt{})
	}
	w.receipts[i] = heldReceipt{Receipt: msg, Info: api.WalletReceipt{JobID: msg.JobID, Amount: api.FormatTokens(rc.Amount), Tasks: rc.Tasks, Flag: flag}}
	w.saveLocked()
	w.wakeUp()
	writeJSON(rw, answer)
}

// redeemReceipts runs until ctx ends, redeeming receipts as their jobs
// allow (see redeemDue), and sleeping in between until the chain time the
// next one may be due (waitChainTime), or until a receipt or a leaf
// arrives or a leaf's claim ends (wake).
func (n *Node) redeemReceipts(ctx context.Context) {
	var last time.Time
	for ctx.Err() == nil {
		if !throttle(ctx, &last) {
			return
		}
		next := n.redeemDue(ctx)
		wctx, cancel := context.WithCancel(ctx)
		go func() { // ends with wctx, at the latest at cancel below
			select {
			case <-n.wallet.wake:
				cancel()
			case <-wctx.Done():
			}
		}()
		if next.IsZero() {
			<-wctx.Done()
		} else {
			waitChainTime(wctx, n.wallet.chain.Chain(), next)
		}
		cancel()
	}
}

// wakeUp tells redeemReceipts to look at its receipts again.
func (w *wallet) wakeUp() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// redeemDue claims by receipts what the escrow owes this node beyond what
// it was paid. Within a job's receipt window (contracts.ReceiptWindow): a
// job never settled pays receipts from its deadline on; for a settled job
// the leaf comes first (it is handed over right after settle), so the wallet
// waits while a leaf is being claimed and, holding none, for half the grace,
// then redeems what the tree left out.
//
// It returns the chain time at which to look again: the earliest a held
// receipt may be due (zero: none held). A job still open may be settled
// before its deadline, opening a window that ends a grace after; looking
// every quarter grace (and whenever a leaf arrives) cannot miss its second
// half, and costs a few calls a quarter grace however long that is.
func (n *Node) redeemDue(ctx context.Context) time.Time {
	w := n.wallet
	w.claimsMu.Lock()
	var held []heldReceipt
	for _, h := range w.receipts {
		if !h.Done {
			held = append(held, h)
		}
	}
	leaf := map[string]string{} // job -> "pending" or "done"
	for _, cl := range w.claims {
		leaf[cl.JobID] = "done"
		if !cl.Claimed && cl.Error == "" {
			leaf[cl.JobID] = "pending"
		}
	}
	w.claimsMu.Unlock()
	if len(held) == 0 {
		return time.Time{}
	}
	soon := time.Unix(1, 0) // a chain read failed: look again shortly
	now, err := w.chain.Chain().Now(ctx)
	if err != nil {
		return soon
	}
	var next time.Time
	later := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	me := w.ident.Address()
	var due []contracts.WorkReceipt
	for _, h := range held {
		rc, err := workReceipt(h.Receipt)
		if err != nil {
			w.updateReceipt(h.Receipt.JobID, func(x *heldReceipt) { x.Done, x.Info.Error = true, err.Error() })
			continue
		}
		// The window first: before it opens (a job still running) nothing
		// else needs reading.
		from, until, werr := w.chain.ReceiptWindow(ctx, rc.JobID)
		if werr != nil && !errors.Is(werr, contracts.ErrNoReceiptWindow) {
			later(soon)
			continue
		}
		quarter := until.Sub(from) / 4
		if werr == nil && !now.After(from) {
			later(from)
			later(now.Add(quarter))
			continue
		}
		paid, err := w.chain.Paid(ctx, rc.JobID, me)
		if err != nil {
			later(soon)
			continue
		}
		if paid.Cmp(rc.Amount) >= 0 {
			w.updateReceipt(h.Receipt.JobID, func(x *heldReceipt) { x.Done, x.Info.Paid = true, api.FormatTokens(paid) })
			continue
		}
		if werr != nil || now.After(until) {
			msg := "the job's receipt window has closed"
			if werr != nil {
				msg = werr.Error()
			}
			w.updateReceipt(h.Receipt.JobID, func(x *heldReceipt) { x.Done, x.Info.Paid, x.Info.Error = true, api.FormatTokens(paid), msg })
			continue
		}
		job, err := w.chain.Job(ctx, rc.JobID)
		if err != nil {
			later(soon)
			continue
		}
		half := from.Add(until.Sub(from) / 2)
		if job.Status == contracts.JobSettled && leaf[h.Receipt.JobID] == "pending" {
			later(now.Add(quarter)) // and woken when the claim ends
			continue
		}
		if job.Status == contracts.JobSettled && leaf[h.Receipt.JobID] == "" && now.Before(half) {
			later(half)
			continue
		}
		due = append(due, rc)
	}
	if len(due) == 0 {
		return next
	}
	rcpt, err := w.chain.ClaimByReceipts(ctx, due)
	if err != nil && len(due) > 1 && ctx.Err() == nil {
		// One refused receipt fails the batch: redeem them one by one.
		for _, rc := range due {
			r, err := w.chain.ClaimByReceipts(ctx, []contracts.WorkReceipt{rc})
			w.noteRedeemed(ctx, rc, r, err)
		}
		return soon // what is left (a failed send) is tried again
	}
	for _, rc := range due {
		w.noteRedeemed(ctx, rc, rcpt, err)
	}
	return soon
}

// noteRedeemed records a claim by receipts of rc.
func (w *wallet) noteRedeemed(ctx context.Context, rc contracts.WorkReceipt, rcpt *types.Receipt, err error) {
	if ctx.Err() != nil {
		return // stopping: tried again at the next start
	}
	paid, perr := w.chain.Paid(ctx, rc.JobID, w.ident.Address())
	w.updateReceipt(rc.JobID.Hex(), func(x *heldReceipt) {
		if perr == nil {
			x.Info.Paid = api.FormatTokens(paid)
		}
		if err != nil {
			// A refusal by the escrow will not change by trying again.
			var rev *contracts.RevertError
			x.Info.Error, x.Done = err.Error(), errors.As(err, &rev)
			return
		}
		x.Info.Redeemed, x.Info.Tx, x.Info.Error, x.Done = true, rcpt.TxHash.Hex(), "", true
	})
}

// updateReceipt changes the held receipt of job and saves the wallet.
func (w *wallet) updateReceipt(job string, f func(*heldReceipt)) {
	w.claimsMu.Lock()
	defer w.claimsMu.Unlock()
	i := slices.IndexFunc(w.receipts, func(h heldReceipt) bool { return h.Receipt.JobID == job })
	if i < 0 {
		return
	}
	f(&w.receipts[i])
	w.saveLocked()
}
