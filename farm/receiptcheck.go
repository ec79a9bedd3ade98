package farm

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"sync"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
)

// A worker does not take a coordinator's word for what it is owed. It
// remembers the results it signed for each escrow job, and checks each
// receipt it is handed against them: the tasks the receipt lists must give
// its signed result chain, be tasks this node rendered with those results,
// and be paid at least this node's price each. A receipt lists only the
// tasks added since the last one the worker took (receipts grow with every
// task and would otherwise travel whole each time), so the check goes on
// from the receipt the worker holds. A receipt that fails this is flagged
// (logged, counted, shown in the wallet) but kept when it is the largest:
// it is still what the chain will pay. One that would not redeem at all
// (another signer, another chain or escrow, a closed job) is refused
// (wallet.go).

// maxRenderedJobs bounds the jobs a worker remembers its results of.
const maxRenderedJobs = 1024

// renderedLog is what a worker signed, per escrow job: task -> result
// hash. It is kept in the node's store too (one record per job, rewritten
// as it grows), so a restarted worker still knows its work; memory holds
// the latest maxRenderedJobs jobs.
type renderedLog struct {
	store *store.Store // nil: memory only
	mu    sync.Mutex
	jobs  map[common.Hash]map[uint64]common.Hash
	order []common.Hash // oldest first
}

func newRenderedLog(st *store.Store) *renderedLog {
	return &renderedLog{store: st, jobs: make(map[common.Hash]map[uint64]common.Hash)}
}

// renderedKey is the store's key for what this node signed in job.
func renderedKey(job common.Hash) string { return "rendered/" + job.Hex() }

// add records the result this node signed for task of job.
func (l *renderedLog) add(job common.Hash, task uint64, result common.Hash) {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := l.loadLocked(job)
	if m == nil {
		m = make(map[uint64]common.Hash)
		l.keepLocked(job, m)
	}
	m[task] = result
	if l.store != nil {
		b, _ := json.Marshal(m)
		l.store.PutMeta(renderedKey(job), b) // the writer keeps the order: the last one lands last
	}
}

// keepLocked holds m for job in memory, dropping the oldest job beyond
// the bound; l.mu must be held.
func (l *renderedLog) keepLocked(job common.Hash, m map[uint64]common.Hash) {
	if len(l.order) == maxRenderedJobs {
		delete(l.jobs, l.order[0])
		l.order = l.order[1:]
	}
	l.jobs[job] = m
	l.order = append(l.order, job)
}

// loadLocked returns job's results from memory or the store (nil: none);
// l.mu must be held.
func (l *renderedLog) loadLocked(job common.Hash) map[uint64]common.Hash {
	if m, ok := l.jobs[job]; ok {
		return m
	}
	if l.store == nil {
		return nil
	}
	var m map[uint64]common.Hash
	if b := l.store.Meta(renderedKey(job)); len(b) == 0 || json.Unmarshal(b, &m) != nil || m == nil {
		return nil
	}
	l.keepLocked(job, m)
	return m
}

// countWith is how many tasks of job this node signed a result of or has
// in extra, with task: the paid tasks it rendered or renders (reserve.go).
func (l *renderedLog) countWith(job common.Hash, extra map[uint64]int, task uint64) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	signed := l.loadLocked(job)
	n := len(signed)
	for t := range extra {
		if _, ok := signed[t]; !ok && t != task {
			n++
		}
	}
	if _, ok := signed[task]; !ok {
		n++
	}
	return n
}

// results returns a copy of what this node signed in job (empty: nothing
// it knows of).
func (l *renderedLog) results(job common.Hash) map[uint64]common.Hash {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.loadLocked(job))
}

// checkAgainstHeld is receiptFlag for receipt r as it came (m): its
// tasks are listed after the first m.Since, whose result chain must be one
// this node checked already (a receipt it found right, or the unflagged
// receipt it holds for the job), or none: from the start. A receipt found
// right adds its chains to those checked.
func (w *wallet) checkAgainstHeld(r contracts.WorkReceipt, m api.Receipt, mine map[uint64]common.Hash, price *big.Int) string {
	job := r.JobID.Hex()
	since := common.HexToHash(m.SinceResults)
	if m.Since > 0 {
		w.claimsMu.Lock()
		n, ok := w.checked[job][since]
		if i := slices.IndexFunc(w.receipts, func(h heldReceipt) bool { return h.Receipt.JobID == job }); i >= 0 && !ok {
			h := w.receipts[i]
			n, ok = h.Receipt.Tasks, h.Info.Flag == "" && common.HexToHash(h.Receipt.Results) == since
		}
		w.claimsMu.Unlock()
		if !ok || n != m.Since {
			return fmt.Sprintf("the receipt lists its tasks after the first %d, but this node checked no receipt of those: they could not be checked", m.Since)
		}
	}
	flag := receiptFlag(r, m.Since, since, m.Accepted, mine, price)
	if flag == "" {
		w.claimsMu.Lock()
		defer w.claimsMu.Unlock()
		if w.checked == nil || len(w.checked) > maxRenderedJobs {
			w.checked = make(map[string]map[common.Hash]uint64) // a restart's worth of forgetting
		}
		if w.checked[job] == nil {
			w.checked[job] = make(map[common.Hash]uint64)
		}
		chain := since
		for i, a := range m.Accepted {
			chain = contracts.NextResults(chain, a.Task, common.HexToHash(a.ResultHash))
			w.checked[job][chain] = m.Since + uint64(i) + 1
		}
	}
	return flag
}

// receiptFlag says what is wrong with receipt r, whose tasks after its
// first since (with result chain sinceResults, already checked) are
// accepted, for a worker that signed mine in its job and asks price wei a
// task; "" when nothing is.
func receiptFlag(r contracts.WorkReceipt, since uint64, sinceResults common.Hash, accepted []api.ReceiptTask, mine map[uint64]common.Hash, price *big.Int) string {
	if len(mine) == 0 {
		return fmt.Sprintf("this node signed no result in job %s that it knows of", r.JobID.Hex())
	}
	if since+uint64(len(accepted)) != r.Tasks {
		return fmt.Sprintf("the receipt lists %s after the first %d but is signed for %d", api.Count(len(accepted), "task"), since, r.Tasks)
	}
	chain := sinceResults
	for _, a := range accepted {
		h := common.HexToHash(a.ResultHash)
		if got, ok := mine[a.Task]; !ok || got != h {
			return fmt.Sprintf("the receipt covers task %d with result %s, which this node did not sign", a.Task, a.ResultHash)
		}
		chain = contracts.NextResults(chain, a.Task, h)
	}
	if chain != r.Results {
		return "the receipt's tasks do not give the result chain it is signed over"
	}
	if want := new(big.Int).Mul(price, new(big.Int).SetUint64(r.Tasks)); r.Amount.Cmp(want) < 0 {
		return fmt.Sprintf("the receipt underpays: %s at this node's price of %s tokens earn %s, it says %s",
			api.Count(int(r.Tasks), "task"), api.FormatTokens(price), api.FormatTokens(want), api.FormatTokens(r.Amount))
	}
	return ""
}
