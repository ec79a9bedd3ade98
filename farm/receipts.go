package farm

import (
	"cmp"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

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

// escrowID is job j's id in the escrow as a task request carries it, or ""
// when this coordinator has no chain.
func (c *coordinator) escrowID(j *job) string {
	if c.chain == nil || j.spec.PreviewOf != "" {
		return "" // a preview pass has no escrow: its workers render it unpaid
	}
	return j.hash().Hex()
}

// checkSignedResult verifies the worker's EIP-712 signature (sigHex) over
// what it answered req with (sha256 sum): for a leased task its signed
// result (headerResult), for a check its signed crops (headerCheck). The
// verified signature is handed to whoever made the call by the request's
// nonce. A missing or bad one fails the call like a bad lease signature: a
// result or crops nobody could hold their node to are not used.
func (c *coordinator) checkSignedResult(req TaskRequest, m api.Member, sigHex string, sum [32]byte) error {
	sig, err := hex.DecodeString(strings.TrimPrefix(sigHex, "0x"))
	if err != nil || sigHex == "" {
		c.metrics.badSignatures.Add(1)
		return fmt.Errorf("answer from %s: no signature in %s (the node must sign what it rendered): %w", m.ID, signatureHeader(req), rpc.ErrBadSignature)
	}
	jobID, d, addr := common.HexToHash(req.JobHash), answerDomain(c.chain, req), common.HexToAddress(m.Addr)
	if req.Check {
		chk := contracts.SignedCheck{JobID: jobID, Task: uint64(req.Task), Crops: req.Crops, RenderHash: common.Hash(sum), Signature: sig}
		err = chk.Verify(d, addr)
		c.results.Store(req.Nonce, &chk)
	} else {
		res := contracts.SignedResult{JobID: jobID, Task: uint64(req.Task), ResultHash: common.Hash(sum), Signature: sig}
		err = res.Verify(d, addr)
		c.results.Store(req.Nonce, &res)
	}
	if err != nil {
		c.results.Delete(req.Nonce)
		c.metrics.badSignatures.Add(1)
		return fmt.Errorf("answer from %s: %w: %w", m.ID, rpc.ErrBadSignature, err)
	}
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

// maybeReceipt receipts task t to its worker when it is final; c.mu must be
// held. The receipt is kept with the job and queued for the outbox
// (delivery.go) off the lock.
func (c *coordinator) maybeReceipt(j *job, t *task) {
	if c.chain == nil || c.cfg.receiptsHeld || j.unpaid() || t.receipted || t.state != api.TaskDone || t.price.IsZero() || t.result == nil || t.addr == c.ident.Address() {
		return
	}
	switch t.verdict {
	case api.VerdictTrusted, api.VerdictUnchecked, api.VerdictPassed:
	default:
		return // checking, or rejected
	}
	price := t.price.Wei()
	if j.receiptedWei == nil {
		j.receiptedWei = new(big.Int)
	}
	if j.receipts == nil {
		j.receipts = make(map[common.Address]workerReceipt)
	}
	if next := new(big.Int).Add(j.receiptedWei, price); next.Cmp(j.spec.Budget.Wei()) > 0 {
		if !j.budgetWarned {
			// Once a run: the job's settlement pays these tasks, and a
			// restart finds every one of them unreceipted again.
			j.budgetWarned = true
			c.log.Warn("receipts would pass the budget: not issued for the job's further tasks (its settlement pays them)", "job", j.id, "task", t.index, "node", t.node)
		}
		return
	}
	r, ok := j.receipts[t.addr]
	if !ok {
		r.WorkReceipt = contracts.WorkReceipt{JobID: j.hash(), Worker: t.addr}
		r.base = r.WorkReceipt
	}
	signed, err := c.chain.SignReceipt(r.Accept(uint64(t.index), t.result.ResultHash, price))
	if err != nil {
		c.log.Error("sign receipt", "job", j.id, "task", t.index, "err", err)
		return
	}
	r.WorkReceipt = signed
	r.tasks = append(r.tasks, api.ReceiptTask{Task: uint64(t.index), ResultHash: t.result.ResultHash.Hex(), Checked: t.verdict == api.VerdictPassed})
	r.chain = append(r.chain, signed.Results)
	j.receipts[t.addr] = r
	msg, taken := receiptMessage(r), c.receiptTaken(j, r)
	j.receiptedWei.Add(j.receiptedWei, price)
	t.receipted, t.receiptSeq = true, signed.Tasks
	c.saveTask(j, t)
	// The receipt is on disk before the worker has it, so a restarted
	// coordinator goes on from it and never counts the budget short. A
	// stop after the records and before the queue below loses the
	// message, which the restart sends again (recoverReceipts).
	written := c.store.PutJob(j.id, j.record())
	c.wg.Go(func() {
		if err := <-written; err != nil {
			c.log.Error("record receipt: not handed over", "job", j.id, "node", r.Worker, "err", err)
			return
		}
		if c.cfg.receiptMessagesDropped {
			return
		}
		// Queued, not sent here: the outbox retries it and a newer
		// receipt of the worker replaces it (it covers every earlier one).
		if err := c.outbox.addReceipt(j.id, msg, taken); err != nil {
			c.log.Error("queue receipt", "job", j.id, "node", r.Worker, "err", err)
		}
	})
}

// receiptTaken is what runs once the worker of r took it: the next receipt
// lists only the tasks after it, and the job's record keeps that the worker
// holds it, so a restart does not hand it over again (recoverReceipts).
func (c *coordinator) receiptTaken(j *job, r workerReceipt) func() {
	covered := len(r.tasks)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		if cur, ok := j.receipts[r.Worker]; ok && covered > cur.taken && covered <= len(cur.tasks) {
			cur.taken = covered
			j.receipts[r.Worker] = cur
		}
		if j.tookReceipt(r.Worker, r.Tasks) && c.jobs[j.id] == j {
			c.save(j)
		}
	}
}

// tookReceipt records that worker took a receipt covering tasks of job j,
// reporting whether that is more than it held.
func (j *job) tookReceipt(worker common.Address, tasks uint64) bool {
	if tasks <= j.receiptsTaken[worker] {
		return false
	}
	if j.receiptsTaken == nil {
		j.receiptsTaken = make(map[common.Address]uint64)
	}
	j.receiptsTaken[worker] = tasks
	return true
}

// receiptsTakenRecord is receiptsTaken as the store keeps it.
func (j *job) receiptsTakenRecord() map[string]uint64 {
	if len(j.receiptsTaken) == 0 {
		return nil
	}
	out := make(map[string]uint64, len(j.receiptsTaken))
	for w, n := range j.receiptsTaken {
		out[w.Hex()] = n
	}
	return out
}

// recoverReceipts mends, after a restart, what a stop between a receipt's
// writes lost (maybeReceipt records the task, then the job, and queues the
// message once both are on disk); c.mu must be held, after resumeReceipts.
//   - A task recorded as receipted that its worker's stored receipt does
//     not cover (the job's record was lost) is receipted again: the
//     worker never had that receipt.
//   - A worker's stored receipt that is neither queued nor taken (the
//     message was lost) is queued again, listing its tasks after the
//     last receipt the worker took (from the start if none) in the order
//     of its chain (each task's ReceiptSeq), which the worker checks
//     against its own results. Before, it got no receipt for its last
//     tasks, and the next receipt listed its tasks after one it never
//     saw, which it flagged.
//
// A chain that the task records no longer give (a receipted task since
// rejected and rendered again, records from before ReceiptSeq) is left as
// it was: the worker's next receipt is flagged, and the job's settlement
// pays it.
func (c *coordinator) recoverReceipts(j *job) {
	byWorker := map[common.Address][]*task{}
	for _, t := range j.tasks {
		if t.receipted && t.state == api.TaskDone && t.result != nil {
			byWorker[t.addr] = append(byWorker[t.addr], t)
		}
	}
	for w, ts := range byWorker {
		r, ok := j.receipts[w]
		for _, t := range ts {
			if t.receiptSeq > 0 && (!ok || t.receiptSeq > r.Tasks) {
				t.receipted, t.receiptSeq = false, 0 // maybeReceipt receipts it again
				c.saveTask(j, t)                     // even where it does not (a budget reached)
			}
		}
		if !ok || r.Tasks == 0 || j.receiptsTaken[w] >= r.Tasks {
			continue
		}
		if m, queued := c.outbox.pendingReceipt(r.JobID.Hex(), w.Hex()); queued && m.Tasks >= r.Tasks {
			continue
		}
		ts = slices.DeleteFunc(ts, func(t *task) bool { return !t.receipted })
		slices.SortFunc(ts, func(a, b *task) int { return cmp.Compare(a.receiptSeq, b.receiptSeq) })
		if len(ts) == 0 || ts[0].receiptSeq == 0 {
			continue // none left, or recorded before ReceiptSeq: its chain is not known
		}
		base := contracts.WorkReceipt{JobID: r.JobID, Worker: w}
		tasks, chain, prev := make([]api.ReceiptTask, 0, len(ts)), make([]common.Hash, 0, len(ts)), base.Results
		for i, t := range ts {
			if t.receiptSeq != uint64(i+1) {
				break
			}
			prev = contracts.NextResults(prev, uint64(t.index), t.result.ResultHash)
			tasks = append(tasks, api.ReceiptTask{Task: uint64(t.index), ResultHash: t.result.ResultHash.Hex(), Checked: t.verdict == api.VerdictPassed})
			chain = append(chain, prev)
		}
		if uint64(len(tasks)) != r.Tasks || prev != r.Results {
			c.log.Warn("a receipt not handed over before the restart cannot be listed again (a task of it was rendered again since): the worker will flag its next receipt, and the job's settlement pays it", "job", j.id, "worker", w)
			continue
		}
		// Listed after the receipt the worker took: a chain from the
		// start can be long (a worker away for a while).
		r.base, r.tasks, r.chain, r.taken = base, tasks, chain, int(j.receiptsTaken[w])
		j.receipts[w] = r
		msg, taken := receiptMessage(r), c.receiptTaken(j, r)
		if err := c.outbox.addReceipt(j.id, msg, taken); err != nil {
			c.log.Error("queue receipt", "job", j.id, "node", w, "err", err)
		}
	}
}

// resumeReceipts starts each worker's receipt in job j, after a restart,
// from the one the outbox still holds for it undelivered, when that is the
// stored one; c.mu must be held. The next receipt then lists every task
// since the last receipt the worker took, as without the restart. Started
// from the stored receipt alone, it listed only the tasks after it, and the
// worker, which never saw those before, flagged it (receiptcheck.go).
func (c *coordinator) resumeReceipts(j *job) {
	for w, r := range j.receipts {
		m, ok := c.outbox.pendingReceipt(r.JobID.Hex(), w.Hex())
		if !ok || m.Tasks != r.Tasks || common.HexToHash(m.Results) != r.Results || m.Since+uint64(len(m.Accepted)) != m.Tasks {
			continue
		}
		base := contracts.WorkReceipt{JobID: r.JobID, Worker: w, Tasks: m.Since, Results: common.HexToHash(m.SinceResults)}
		chain, prev := make([]common.Hash, 0, len(m.Accepted)), base.Results
		for _, a := range m.Accepted {
			prev = contracts.NextResults(prev, a.Task, common.HexToHash(a.ResultHash))
			chain = append(chain, prev)
		}
		if prev != r.Results {
			continue // not the tasks it says: started from the stored receipt, as before
		}
		r.base, r.tasks, r.chain, r.taken = base, slices.Clone(m.Accepted), chain, 0
		j.receipts[w] = r
		// Its delivery is recorded as before the restart, so a later one
		// does not hand it over again (recoverReceipts).
		c.outbox.onReceiptDone(r.JobID.Hex(), w.Hex(), r.Tasks, c.receiptTaken(j, r))
	}
}

// workerReceipt is a worker's latest receipt in a job, with what the
// worker needs to check it: the tasks added since base (the receipt this
// coordinator started from: none, or the stored one after a restart) in
// the order its result chain adds them, the chain after each, and how many
// of them the worker has taken (answered a receipt covering them).
type workerReceipt struct {
	contracts.WorkReceipt
	base  contracts.WorkReceipt
	tasks []api.ReceiptTask
	chain []common.Hash
	taken int
}

// receiptMessage is r on the wire: its tasks since the last receipt the
// worker took.
func receiptMessage(r workerReceipt) api.Receipt {
	m := receiptRecord(r.WorkReceipt)
	m.Accepted = r.tasks[min(r.taken, len(r.tasks)):]
	m.Since, m.SinceResults = r.base.Tasks, r.base.Results.Hex()
	if r.taken > 0 {
		m.Since, m.SinceResults = r.base.Tasks+uint64(r.taken), r.chain[r.taken-1].Hex()
	}
	if m.Since == 0 {
		m.SinceResults = "" // from the start
	}
	return m
}

// receiptRecord is a receipt as the stores keep it.
func receiptRecord(r contracts.WorkReceipt) api.Receipt {
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
	if _, err := api.ParseEscrowID(m.JobID); err != nil {
		return contracts.WorkReceipt{}, fmt.Errorf("receipt: %w", err)
	}
	if b, err := hex.DecodeString(strings.TrimPrefix(m.Results, "0x")); err != nil || len(b) != 32 {
		return contracts.WorkReceipt{}, errors.New("receipt: results must be 0x and 64 hex digits")
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
		out = append(out, receiptRecord(r.WorkReceipt))
	}
	slices.SortFunc(out, func(a, b api.Receipt) int { return strings.Compare(a.Worker, b.Worker) })
	return out
}

// receiptsFromRecords rebuilds a job's receipts and their sum.
func receiptsFromRecords(recs []api.Receipt) (map[common.Address]workerReceipt, *big.Int) {
	out, sum := make(map[common.Address]workerReceipt), new(big.Int)
	for _, m := range recs {
		if r, err := workReceipt(m); err == nil {
			out[r.Worker] = workerReceipt{WorkReceipt: r, base: r}
			sum.Add(sum, r.Amount)
		}
	}
	return out, sum
}
