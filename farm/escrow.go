package farm

import (
	"bytes"
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

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
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

// openEscrow locks the job's budget; it runs at submit, before any lease.
func (c *coordinator) openEscrow(ctx context.Context, spec api.JobSpec) error {
	if c.chain == nil {
		return nil
	}
	if spec.Budget <= 0 {
		return fmt.Errorf("%w: this node settles on a chain: the job needs a budget (--budget TOKENS)", api.ErrBadJob)
	}
	now, err := c.chain.Chain().Now(ctx)
	if err != nil {
		return fmt.Errorf("%w: read chain time: %w", ErrEscrow, err)
	}
	budget := api.TokensToWei(spec.Budget)
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
func (j *job) taskCap() float64 {
	capPrice := j.spec.MaxPrice
	if j.spec.Budget > 0 {
		perTask := j.spec.Budget / float64(len(j.tasks))
		if capPrice == 0 || perTask < capPrice {
			capPrice = perTask
		}
	}
	return capPrice
}

// settle pays a finished job's accepted tasks: it runs off the scheduler's
// lock, and hands each worker its claim.
func (c *coordinator) settle(ctx context.Context, j *job) {
	c.mu.Lock()
	addrs, names := map[common.Address]string{}, map[string]common.Address{}
	for _, m := range c.lastMembers {
		names[m.ID] = common.HexToAddress(m.Addr)
	}
	var payouts []contracts.Payout
	perNode := map[common.Address]*api.NodePayout{}
	for _, t := range j.tasks {
		if t.state != api.TaskDone || t.price <= 0 {
			continue
		}
		addr := t.addr
		if addr == (common.Address{}) {
			addr = names[t.node]
		}
		addrs[addr] = t.node
		payouts = append(payouts, contracts.Payout{Node: addr, Amount: api.TokensToWei(t.price)})
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
	if prev != nil && prev.Tx != "" {
		return // settled already
	}

	rec := &api.SettlementRecord{Budget: api.FormatTokens(api.TokensToWei(spec.Budget))}
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
		rec.Paid, rec.Refund = api.FormatTokens(st.Total), api.FormatTokens(st.Refund)
		if ej, err := c.chain.Job(ctx, jobHash(spec)); err == nil {
			rec.Bond = api.FormatTokens(ej.Bond)
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
	urls := map[string]string{}
	for _, m := range c.lastMembers {
		urls[m.ID] = m.API
	}
	c.mu.Unlock()
	if err != nil {
		return
	}
	for _, cl := range st.Claims {
		if err := c.sendClaim(ctx, urls[addrs[cl.Node]], cl, st.Root); err != nil {
			c.log.Warn("hand claim to worker", "job", j.id, "node", addrs[cl.Node], "err", err)
		}
	}
}

// slash burns each convicted node's stake, up to the job's cap, with the
// node's own signed result of the job and the evidence's hash kept on
// chain: the requester gains nothing from it. Each node is slashed once per
// job, for its first conviction.
// Nodes in landed were slashed by an earlier attempt of the settlement.
func (c *coordinator) slash(ctx context.Context, spec api.JobSpec, convictions []api.Conviction, landed []api.SlashRecord) []api.SlashRecord {
	var out []api.SlashRecord
	seen := map[string]bool{}
	for _, s := range landed {
		seen[s.Node] = true
	}
	jobID := jobHash(spec)
	for _, cv := range convictions {
		if seen[cv.Node] || !common.IsHexAddress(cv.Address) {
			continue
		}
		seen[cv.Node] = true
		addr := common.HexToAddress(cv.Address)
		evidence := common.Hash(evidenceHash(cv.Evidence))
		rec := api.SlashRecord{Node: cv.Node, Address: cv.Address, Evidence: evidence.Hex(), Amount: "0"}
		result := signedResult(jobID, cv.Result)
		if result == nil {
			rec.Error = "no result signed by the node in this job: the escrow slashes only with the node's own signature"
			out = append(out, rec)
			continue
		}
		amount, err := c.slashAmount(ctx, jobID, addr)
		if err == nil && amount.Sign() > 0 {
			var rcpt *types.Receipt
			if rcpt, err = c.chain.SlashResult(ctx, addr, amount, *result, evidence); err == nil {
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
}

func (c *coordinator) sendClaim(ctx context.Context, url string, cl contracts.Claim, root common.Hash) error {
	if url == "" {
		return errors.New("worker is no longer a member; it can claim with its own copy of the proof")
	}
	msg := claimMessage{JobID: cl.JobID.Hex(), Node: cl.Node.Hex(), Amount: cl.Amount.String()}
	for _, p := range cl.Proof {
		msg.Proof = append(msg.Proof, p.Hex())
	}
	body, _ := json.Marshal(msg)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/rpc/v1/claims", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	return nil
}

// wallet is a node's side of the money: its claims, paid as they arrive,
// and kept in the node's store with their proofs, so a claim handed to a
// node that then crashes is paid when it starts again.
type wallet struct {
	chain *contracts.Client
	ident *Identity
	store *store.Store

	claimsMu sync.Mutex
	claims   []api.WalletClaim
	pending  []claimMessage // the proofs, by the index of claims
	receipts []heldReceipt  // the latest receipt per job
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
	if n.wallet.chain == nil {
		httpError(rw, http.StatusConflict, errors.New("this node is not connected to a chain"))
		return
	}
	cl, err := msg.claim()
	if err != nil || cl.Node != n.wallet.ident.Address() {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("claim is not for this node or malformed: %v", err))
		return
	}
	job, err := n.wallet.chain.Job(r.Context(), cl.JobID)
	if err != nil || !cl.Verify(job.Root) {
		n.metrics.badSignatures.Add(1)
		httpError(rw, http.StatusBadRequest, errors.New("claim's proof does not match the job's settled root"))
		return
	}
	n.wallet.claimsMu.Lock()
	for _, p := range n.wallet.pending {
		if p.JobID == msg.JobID {
			n.wallet.claimsMu.Unlock()
			writeJSON(rw, map[string]bool{"accepted": true}) // handed twice: one claim
			return
		}
	}
	idx := len(n.wallet.claims)
	n.wallet.claims = append(n.wallet.claims, api.WalletClaim{JobID: msg.JobID, Amount: api.FormatTokens(cl.Amount)})
	n.wallet.pending = append(n.wallet.pending, msg)
	n.wallet.saveLocked()
	n.wallet.claimsMu.Unlock()
	n.claimInBackground(idx, cl)
	writeJSON(rw, map[string]bool{"accepted": true})
}

// claimInBackground sends claim idx to the chain under the node's
// lifetime: the proof is all it needs.
func (n *Node) claimInBackground(idx int, cl contracts.Claim) {
	n.wg.Go(func() {
		ctx, cancel := context.WithTimeout(n.ctx, time.Minute)
		defer cancel()
		rcpt, err := n.wallet.chain.Claim(ctx, cl)
		n.wallet.claimsMu.Lock()
		defer n.wallet.claimsMu.Unlock()
		if err != nil {
			if n.ctx.Err() != nil {
				return // stopping: stays pending, retried at the next start
			}
			n.wallet.claims[idx].Error = err.Error()
		} else {
			n.wallet.claims[idx].Claimed, n.wallet.claims[idx].Tx = true, rcpt.TxHash.Hex()
		}
		n.wallet.saveLocked()
	})
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
		n.claimInBackground(i, cl)
	}
	return nil
}

func (m claimMessage) claim() (contracts.Claim, error) {
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
		}
	}
	writeJSON(rw, info)
}

// escrowID is job j's id in the escrow as a task request carries it, or ""
// when this coordinator has no chain.
func (c *coordinator) escrowID(j *job) string {
	if c.chain == nil {
		return ""
	}
	return jobHash(j.spec).Hex()
}

// checkSignedResult verifies, for a leased task of a job on a chain, the
// worker's EIP-712 signature over its result (sigHex, from headerResult)
// and hands it to the lease by the request's nonce. A missing or bad one
// fails the lease like a bad lease signature: a result the escrow could
// not hold the worker to is not accepted.
func (c *coordinator) checkSignedResult(req TaskRequest, m api.Member, sigHex string, sum [32]byte) error {
	if c.chain == nil || req.Check {
		return nil
	}
	sig, err := hex.DecodeString(strings.TrimPrefix(sigHex, "0x"))
	if err != nil || sigHex == "" {
		c.metrics.badSignatures.Add(1)
		return fmt.Errorf("result from %s: no signed result in %s (the worker must sign its result for the escrow): %w", m.ID, headerResult, ErrBadSignature)
	}
	res := contracts.SignedResult{JobID: common.HexToHash(req.Escrow), Task: uint64(req.Task), ResultHash: common.Hash(sum), Signature: sig}
	if err := res.Verify(c.chain.Domain(), common.HexToAddress(m.Addr)); err != nil {
		c.metrics.badSignatures.Add(1)
		return fmt.Errorf("result from %s: %w: %w", m.ID, ErrBadSignature, err)
	}
	c.results.Store(req.Nonce, &res)
	return nil
}

// resultRecord is r as the store and a conviction keep it (nil for nil).
func resultRecord(r *contracts.SignedResult) *api.SignedResult {
	if r == nil {
		return nil
	}
	return &api.SignedResult{Task: r.Task, ResultHash: r.ResultHash.Hex(), Signature: "0x" + hex.EncodeToString(r.Signature)}
}

// signedResult is a kept record of jobID as the escrow wants it (nil for
// nil or a malformed record).
func signedResult(jobID common.Hash, r *api.SignedResult) *contracts.SignedResult {
	if r == nil {
		return nil
	}
	sig, err := hex.DecodeString(strings.TrimPrefix(r.Signature, "0x"))
	if err != nil {
		return nil
	}
	return &contracts.SignedResult{JobID: jobID, Task: r.Task, ResultHash: common.HexToHash(r.ResultHash), Signature: sig}
}

// Receipts. The coordinator signs a cumulative contracts.WorkReceipt for a
// worker each time one of its tasks is final: accepted and its check, if it
// had one, passed (or it stood unchecked). A checked task waits for its
// verdict, so a cheat caught by its own check is never receipted. A receipt
// handed over cannot be taken back: when a later check convicts the worker,
// its earlier receipted tasks are still rendered again (their pixels are
// suspect) and the worker may still redeem what they were receipted for,
// work that passed its checks; its stake is slashed and burned all the same.
// The receipts of a job never add up to more than its budget: a task that
// would pass it is not receipted (its worker is still paid by the settled
// tree, and the escrow pays no job more than its budget either way).

// maybeReceipt receipts task t to its worker when it is final; c.mu must be
// held. The receipt is kept with the job and sent off the lock.
func (c *coordinator) maybeReceipt(j *job, t *task) {
	if c.chain == nil || t.receipted || t.state != api.TaskDone || t.price <= 0 || t.result == nil || t.addr == c.ident.Address() {
		return
	}
	switch t.verdict {
	case api.VerdictTrusted, api.VerdictUnchecked, api.VerdictPassed:
	default:
		return // checking, or rejected
	}
	price := api.TokensToWei(t.price)
	if j.receiptedWei == nil {
		j.receiptedWei = new(big.Int)
	}
	if j.receipts == nil {
		j.receipts = make(map[common.Address]contracts.WorkReceipt)
	}
	if next := new(big.Int).Add(j.receiptedWei, price); next.Cmp(api.TokensToWei(j.spec.Budget)) > 0 {
		c.log.Warn("receipt would pass the budget: not issued", "job", j.id, "task", t.index, "node", t.node)
		return
	}
	prev, ok := j.receipts[t.addr]
	if !ok {
		prev = contracts.WorkReceipt{JobID: jobHash(j.spec), Worker: t.addr}
	}
	r, err := c.chain.SignReceipt(prev.Accept(uint64(t.index), t.result.ResultHash, price))
	if err != nil {
		c.log.Error("sign receipt", "job", j.id, "task", t.index, "err", err)
		return
	}
	j.receipts[t.addr] = r
	j.receiptedWei.Add(j.receiptedWei, price)
	t.receipted = true
	c.saveTask(j, t)
	// The receipt is on disk before the worker has it, so a restarted
	// coordinator goes on from it and never counts the budget short.
	written := c.store.PutJob(j.id, j.record())
	url := ""
	for _, m := range c.lastMembers {
		if m.ID == t.node {
			url = m.API
		}
	}
	c.wg.Go(func() {
		if err := <-written; err != nil {
			c.log.Error("record receipt: not handed over", "job", j.id, "node", r.Worker, "err", err)
			return
		}
		ctx, cancel := context.WithTimeout(c.ctx, 30*time.Second)
		defer cancel()
		if err := c.sendReceipt(ctx, url, r); err != nil {
			c.log.Warn("hand receipt to worker", "job", j.id, "node", r.Worker, "err", err)
		}
	})
}

// receiptMessage is a receipt on the wire and in the stores.
func receiptMessage(r contracts.WorkReceipt) api.Receipt {
	return api.Receipt{
		JobID: r.JobID.Hex(), Worker: r.Worker.Hex(), Amount: r.Amount.String(), Tasks: r.Tasks,
		Results: r.Results.Hex(), Signature: "0x" + hex.EncodeToString(r.Signature),
	}
}

// workReceipt parses a receipt message.
func workReceipt(m api.Receipt) (contracts.WorkReceipt, error) {
	amount, ok := new(big.Int).SetString(m.Amount, 10)
	sig, err := hex.DecodeString(strings.TrimPrefix(m.Signature, "0x"))
	if !ok || amount.Sign() < 0 || !common.IsHexAddress(m.Worker) || err != nil || len(sig) != 65 {
		return contracts.WorkReceipt{}, errors.New("receipt: bad amount, worker or signature")
	}
	for _, h := range []string{m.JobID, m.Results} {
		if b, err := hex.DecodeString(strings.TrimPrefix(h, "0x")); err != nil || len(b) != 32 {
			return contracts.WorkReceipt{}, errors.New("receipt: job and results must be 0x and 64 hex digits")
		}
	}
	return contracts.WorkReceipt{
		JobID: common.HexToHash(m.JobID), Worker: common.HexToAddress(m.Worker), Amount: amount,
		Tasks: m.Tasks, Results: common.HexToHash(m.Results), Signature: sig,
	}, nil
}

// receiptRecords is the job's receipts as the store keeps them, sorted by
// worker.
func (j *job) receiptRecords() []api.Receipt {
	var out []api.Receipt
	for _, r := range j.receipts {
		out = append(out, receiptMessage(r))
	}
	slices.SortFunc(out, func(a, b api.Receipt) int { return strings.Compare(a.Worker, b.Worker) })
	return out
}

// receiptsFromRecords rebuilds a job's receipts and their sum.
func receiptsFromRecords(recs []api.Receipt) (map[common.Address]contracts.WorkReceipt, *big.Int) {
	out, sum := make(map[common.Address]contracts.WorkReceipt), new(big.Int)
	for _, m := range recs {
		if r, err := workReceipt(m); err == nil {
			out[r.Worker] = r
			sum.Add(sum, r.Amount)
		}
	}
	return out, sum
}

// sendReceipt hands r to its worker. Anyone could send one; the worker
// checks the signature against the job's requester on chain.
func (c *coordinator) sendReceipt(ctx context.Context, url string, r contracts.WorkReceipt) error {
	if url == "" {
		return errors.New("worker is no longer a member; its receipt stays in this node's store")
	}
	body, _ := json.Marshal(receiptMessage(r))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/rpc/v1/receipts", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	return nil
}

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
	Op       string    `json:"op"`                // opSettle or opReclaim
	Job      string    `json:"job"`               // the farm's job id
	Escrow   string    `json:"escrow"`            // its id in the escrow
	After    time.Time `json:"after,omitzero"`    // a reclaim: chain time after which it may be done
	Attempts int       `json:"attempts"`          // failed attempts so far
	NextTry  time.Time `json:"next_try,omitzero"` // this node's clock
	Error    string    `json:"error,omitempty"`
}

// reclaimPoll is how often the coordinator looks at the chain's clock for
// jobs whose grace has passed, and for settlements to try again.
const reclaimPoll = time.Second

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

// maybeReclaim starts, at most every reclaimPoll, an attempt at the
// reclaims that are due; it runs in the scheduler loop.
func (c *coordinator) maybeReclaim() {
	if c.chain == nil {
		return
	}
	c.reclaimMu.Lock()
	defer c.reclaimMu.Unlock()
	now := c.now()
	if c.reclaiming || len(c.reclaims) == 0 || now.Sub(c.lastReclaimPoll) < reclaimPoll {
		return
	}
	c.lastReclaimPoll = now
	c.reclaiming = true
	if !c.wg.Go(c.reclaimDue) {
		c.reclaiming = false
	}
}

// reclaimDue tries the settlements that are due again, and reclaims every
// waiting job whose grace has passed on chain.
func (c *coordinator) reclaimDue() {
	defer func() {
		c.reclaimMu.Lock()
		c.reclaiming = false
		c.reclaimMu.Unlock()
	}()
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
		jobID := common.HexToHash(p.Escrow)
		var amount *big.Int
		if ej, err := c.chain.Job(ctx, jobID); err == nil {
			amount = new(big.Int).Add(ej.Held, ej.Bond)
		}
		rcpt, err := c.chain.Reclaim(ctx, jobID)
		if ctx.Err() != nil {
			return // stopping: tried again at the next start
		}
		c.reclaimMu.Lock()
		i := slices.IndexFunc(c.reclaims, func(q pendingChainOp) bool { return q.Op == p.Op && q.Job == p.Job })
		if i < 0 {
			c.reclaimMu.Unlock()
			continue
		}
		if err != nil {
			q := &c.reclaims[i]
			q.Attempts++
			q.NextTry, q.Error = c.now().Add(reclaimBackoff(q.Attempts)), err.Error()
		} else {
			c.reclaims = slices.Delete(c.reclaims, i, i+1)
		}
		c.saveReclaimsLocked()
		c.reclaimMu.Unlock()
		c.noteReclaim(p.Job, amount, rcpt, err)
	}
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
	if c.chain == nil || j.settlement != nil {
		return
	}
	c.wg.Go(func() { c.settle(c.ctx, j) })
}

// noteReclaim records a reclaim's outcome in the job's settlement record
// when the job is still in memory (the store's "reclaims" has it anyway).
func (c *coordinator) noteReclaim(id string, amount *big.Int, rcpt *types.Receipt, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j := c.jobs[id]
	if j == nil || j.settlement == nil {
		return
	}
	if err != nil {
		j.settlement.ReclaimError = err.Error()
		c.log.Warn("reclaim", "job", id, "err", err)
	} else {
		j.settlement.ReclaimError, j.settlement.ReclaimTx = "", rcpt.TxHash.Hex()
		if amount != nil {
			j.settlement.Reclaimed = api.FormatTokens(amount)
		}
	}
	c.save(j)
}

// handleReceipt takes a coordinator's receipt for this node: it must be
// for this node's address and signed by the job's requester as the escrow
// records it; the wallet keeps the latest (largest) per job.
func (n *Node) handleReceipt(rw http.ResponseWriter, r *http.Request) {
	var msg api.Receipt
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, 64<<10))
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
	if job.Status == contracts.JobNone {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("receipt: job %s is not in the escrow", rc.JobID.Hex()))
		return
	}
	if err := rc.Verify(w.chain.Domain(), job.Requester); err != nil {
		n.metrics.badSignatures.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("receipt is not signed by the job's requester %s: %w", job.Requester.Hex(), err))
		return
	}
	msg = receiptMessage(rc) // canonical form
	w.claimsMu.Lock()
	defer w.claimsMu.Unlock()
	i := slices.IndexFunc(w.receipts, func(h heldReceipt) bool { return h.Receipt.JobID == msg.JobID })
	if i >= 0 {
		if old, err := workReceipt(w.receipts[i].Receipt); err == nil && old.Amount.Cmp(rc.Amount) >= 0 {
			writeJSON(rw, map[string]bool{"accepted": true}) // an older one, arrived late
			return
		}
	} else {
		i = len(w.receipts)
		w.receipts = append(w.receipts, heldReceipt{})
	}
	w.receipts[i] = heldReceipt{Receipt: msg, Info: api.WalletReceipt{JobID: msg.JobID, Amount: api.FormatTokens(rc.Amount), Tasks: rc.Tasks}}
	w.saveLocked()
	writeJSON(rw, map[string]bool{"accepted": true})
}

// receiptPoll is how often the wallet looks at the chain for receipts it
// may redeem.
const receiptPoll = time.Second

// redeemReceipts runs until ctx ends, redeeming receipts as their jobs
// allow (see redeemDue).
func (n *Node) redeemReceipts(ctx context.Context) {
	t := time.NewTicker(receiptPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n.redeemDue(ctx)
	}
}

// redeemDue claims by receipts what the escrow owes this node beyond what
// it was paid. Within a job's receipt window (contracts.ReceiptWindow): a
// job never settled pays receipts from its deadline on; for a settled job
// the leaf comes first (it is handed over right after settle), so the wallet
// waits while a leaf is being claimed and, holding none, for half the grace,
// then redeems what the tree left out.
func (n *Node) redeemDue(ctx context.Context) {
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
		return
	}
	now, err := w.chain.Chain().Now(ctx)
	if err != nil {
		return
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
			continue
		}
		if werr == nil && !now.After(from) {
			continue
		}
		paid, err := w.chain.Paid(ctx, rc.JobID, me)
		if err != nil {
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
			continue
		}
		if job.Status == contracts.JobSettled && (leaf[h.Receipt.JobID] == "pending" ||
			(leaf[h.Receipt.JobID] == "" && now.Before(from.Add(until.Sub(from)/2)))) {
			continue
		}
		due = append(due, rc)
	}
	if len(due) == 0 {
		return
	}
	rcpt, err := w.chain.ClaimByReceipts(ctx, due)
	if err != nil && len(due) > 1 && ctx.Err() == nil {
		// One refused receipt fails the batch: redeem them one by one.
		for _, rc := range due {
			r, err := w.chain.ClaimByReceipts(ctx, []contracts.WorkReceipt{rc})
			w.noteRedeemed(ctx, rc, r, err)
		}
		return
	}
	for _, rc := range due {
		w.noteRedeemed(ctx, rc, rcpt, err)
	}
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
