package farm

import (
	"log/slog"
	"math/big"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/common"
)

// TestRecoverReceipts: a coordinator that stops between a receipt's
// record and its message (maybeReceipt) hands the receipt over after the
// restart, listing the worker's tasks from the start, and the worker's
// own check of it (receiptFlag) passes, whichever receipt it took last.
// Before, the receipt was never sent: the worker had no receipt for its
// last tasks, and the next one listed tasks after a receipt it never saw,
// which it flagged. A receipt the worker took, or still queued, is left
// alone; a task whose job record was lost is receipted again.
func TestRecoverReceipts(t *testing.T) {
	jobID, worker := common.HexToHash("0x"+strings.Repeat("cd", 32)), common.HexToAddress("0x00000000000000000000000000000000000000b2")
	price := big.NewInt(3)
	// The worker's tasks 4, 1, 7 in the order their receipts came.
	order := []int{4, 1, 7}
	mine := map[uint64]common.Hash{}
	var results common.Hash
	for i, idx := range order {
		mine[uint64(idx)] = common.BigToHash(big.NewInt(int64(100 + i)))
		results = contracts.NextResults(results, uint64(idx), mine[uint64(idx)])
	}
	stored := contracts.WorkReceipt{JobID: jobID, Worker: worker, Amount: big.NewInt(9), Tasks: 3, Results: results, Signature: make([]byte, 65)}
	tests := []struct {
		name    string
		taken   uint64 // the tasks of the receipt the worker took, as recorded
		pending uint64 // the tasks of the receipt still queued, 0: none
		extra   bool   // task 9 recorded as receipted 4th, the job's record lost
		gap     bool   // task 1's record gone (rejected since)
		listed  int    // tasks the queued receipt lists after the taken one; -1: none queued by the recovery
	}{
		{"lost message", 0, 0, false, false, 3},
		{"lost message, an older receipt taken", 2, 0, false, false, 1},
		{"lost message, an older one queued", 0, 2, false, false, 3},
		{"taken", 3, 0, false, false, -1},
		{"queued", 0, 3, false, false, -1},
		{"lost job record", 3, 0, true, false, -1},
		{"a receipted task rendered again", 0, 0, false, true, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := newOutbox(DefaultDeliveryConfig(), openTestStore(t, filepath.Join(t.TempDir(), "db")), slog.New(slog.DiscardHandler), nil)
			t.Cleanup(func() { o.store.Close() })
			c := &coordinator{outbox: o, store: o.store, log: slog.New(slog.DiscardHandler), jobs: map[string]*job{}}
			j := &job{id: "job"}
			c.jobs[j.id] = j
			j.receipts, j.receiptedWei = receiptsFromRecords([]api.Receipt{receiptRecord(stored)})
			if tc.taken > 0 {
				j.tookReceipt(worker, tc.taken)
			}
			for i, idx := range order {
				if tc.gap && idx == 1 {
					continue
				}
				j.tasks = append(j.tasks, &task{index: idx, state: api.TaskDone, addr: worker, verdict: api.VerdictPassed, receipted: true, receiptSeq: uint64(i + 1),
					result: &contracts.SignedResult{JobID: jobID, Task: uint64(idx), ResultHash: mine[uint64(idx)]}})
			}
			extra := &task{index: 9, state: api.TaskDone, addr: worker, receipted: true, receiptSeq: 4,
				result: &contracts.SignedResult{JobID: jobID, Task: 9, ResultHash: common.BigToHash(big.NewInt(9))}}
			if tc.extra {
				j.tasks = append(j.tasks, extra)
				c.saveTask(j, extra) // on disk as receipted, as the lost job record left it
			}
			if tc.pending > 0 {
				m := receiptRecord(stored)
				m.Tasks = tc.pending
				if err := o.addReceipt(j.id, m, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := <-c.store.PutJob(j.id, j.record()); err != nil {
				t.Fatal(err)
			}
			c.resumeReceipts(j)
			c.recoverReceipts(j)
			if tc.extra {
				if extra.receipted || extra.receiptSeq != 0 {
					t.Errorf("task 9, which the stored receipt does not cover, stays receipted: it would never be receipted again")
				}
				if err := <-c.store.PutMeta("sync", nil); err != nil { // written after the task's record
					t.Fatal(err)
				}
				if sj, err := c.store.Job(j.id); err != nil || sj.Tasks[9].Receipted {
					t.Errorf("task 9's record %+v (%v): still receipted on disk", sj.Tasks[9], err)
				}
			}
			m, queued := o.pendingReceipt(jobID.Hex(), worker.Hex())
			if tc.listed < 0 {
				if queued && m.Tasks != tc.pending {
					t.Fatalf("queued %+v; want nothing new", m)
				}
				return
			}
			if !queued || m.Since != tc.taken || len(m.Accepted) != tc.listed || m.Tasks != stored.Tasks {
				t.Fatalf("queued %v %+v; want the stored receipt listing its %d tasks after the first %d", queued, m, tc.listed, tc.taken)
			}
			r, err := workReceipt(m)
			if err != nil {
				t.Fatal(err)
			}
			// The worker took the receipt of the first tc.taken tasks.
			var since common.Hash
			for _, idx := range order[:tc.taken] {
				since = contracts.NextResults(since, uint64(idx), mine[uint64(idx)])
			}
			if flag := receiptFlag(r, m.Since, since, m.Accepted, mine, price); flag != "" {
				t.Fatalf("the worker flags the receipt handed over again: %s", flag)
			}
			o.mu.Lock()
			done := o.pending[(&delivery{Path: rpcReceipts, Escrow: jobID.Hex(), Worker: worker.Hex()}).key()].onDone
			o.mu.Unlock()
			done()
			<-c.store.PutMeta("sync", nil)
			if sj, err := c.store.Job(j.id); err != nil || sj.Rec.ReceiptsTaken[worker.Hex()] != stored.Tasks {
				t.Errorf("the job's record says %v taken (%v); want %d", sj.Rec.ReceiptsTaken, err, stored.Tasks)
			} else if back := c.jobFromStore(sj); back.receiptsTaken[worker] != stored.Tasks {
				t.Errorf("restored, %v taken; want %d", back.receiptsTaken, stored.Tasks)
			}
			if j.receiptsTaken[worker] != stored.Tasks || receiptMessage(j.receipts[worker]).Since != stored.Tasks {
				t.Errorf("once taken: recorded %d taken, next receipt since %d; want %d and %d", j.receiptsTaken[worker], receiptMessage(j.receipts[worker]).Since, stored.Tasks, stored.Tasks)
			}
		})
	}
}
