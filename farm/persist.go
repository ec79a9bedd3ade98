package farm

import (
	"fmt"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
	"github.com/ethereum/go-ethereum/common"
)

// record is the job as the store keeps it.
func (j *job) record() store.JobRecord {
	return store.JobRecord{Spec: j.spec, State: j.state, Error: j.err, Created: j.created, Finished: j.finished, Frames: j.frameList(), Settlement: j.settlement, MinVersion: j.minVersion, Release: j.release, Needs: j.needs, TilesCollected: j.tilesCollected, PassNames: j.framing.Passes, Adaptive: j.framing.Adaptive, Dither: j.framing.Dither, Layers: j.framing.Layers, WholeChecks: j.framing.WholeChecks, Alpha: j.framing.Alpha, Denoise: j.framing.Denoise, Receipts: j.receiptRecords(), ReceiptsTaken: j.receiptsTakenRecord(), Convictions: j.convictions, Failed: j.failedRecord(), Unfunded: j.unfunded, ApproveError: j.approveErr}
}

// save queues the job's record for the store; c.mu must be held. It does
// not wait for the disk (the store logs a failed write): the in-memory
// state stays right, and the worst a crash can then cost is rendering
// some tiles again.
func (c *coordinator) save(j *job) { c.store.PutJob(j.id, j.record()) }

// restore loads the unfinished jobs after a (re)start: accepted tasks stay
// accepted and their tiles are drawn again from the blob store (a tile a
// power loss took is rendered again), leases that were in flight go back
// in the queue. Finished jobs stay in the store and are read from it when
// asked for (lookup).
func (c *coordinator) restore() error {
	c.loadWebhooks()
	stored, err := c.store.LoadActive()
	if err != nil {
		return fmt.Errorf("load jobs: %w", err)
	}
	if b := c.store.Meta("reputation"); len(b) > 0 {
		if err := c.rep.Restore(b); err != nil {
			return fmt.Errorf("load reputation: %w", err)
		}
	}
	if err := c.loadHealth(); err != nil {
		return err
	}
	if err := c.loadReclaims(); err != nil {
		return err
	}
	for _, sj := range stored {
		// As at submit, off c.mu: resumed leases name the scene's
		// pieces, so workers still fetch it from each other.
		if _, err := c.blobs.Manifest(sj.Rec.Spec.Scene); err != nil {
			c.log.Warn("scene pieces: workers fetch it whole", "job", sj.ID, "err", err)
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.restoredAt = c.now()
	for _, sj := range stored {
		j := c.jobFromStore(sj)
		c.restoredChecks += len(j.redo)
		if j.events, err = c.storedEvents(j); err != nil {
			return err
		}
		for _, t := range j.tasks {
			if t.state == api.TaskPending {
				j.queue = append(j.queue, t)
			}
		}
		c.jobs[j.id] = j
		c.order = append(c.order, j.id)
		c.emit(j, api.Event{Type: api.EventSubmitted, Task: -1, Message: "resumed after restart"})
		c.resumeReceipts(j)
		c.recoverReceipts(j)
		for _, t := range j.tasks {
			// Final but not receipted: the coordinator went down
			// between the task's record and its receipt.
			c.maybeReceipt(j, t)
		}
		c.reassemble(j)
		c.maybeComplete(j)
	}
	return nil
}

// jobFromStore rebuilds a job from its stored record and accepted tasks;
// its events are read apart (storedEvents), only where they are wanted.
func (c *coordinator) jobFromStore(sj store.Job) *job {
	j := &job{
		id: sj.ID, spec: sj.Rec.Spec, state: sj.Rec.State, err: sj.Rec.Error,
		created: sj.Rec.Created, finished: sj.Rec.Finished, settlement: sj.Rec.Settlement, minVersion: sj.Rec.MinVersion,
		release: sj.Rec.Release, needs: sj.Rec.Needs, tilesCollected: sj.Rec.TilesCollected,
		framing:     FramePlan{Passes: sj.Rec.PassNames, Adaptive: sj.Rec.Adaptive, Dither: sj.Rec.Dither, Layers: sj.Rec.Layers, WholeChecks: sj.Rec.WholeChecks, Alpha: sj.Rec.Alpha, Denoise: sj.Rec.Denoise},
		convictions: sj.Rec.Convictions,
		unfunded:    sj.Rec.Unfunded, approveErr: sj.Rec.ApproveError,
		byFrame: make(map[int][]*task), frames: make(map[int]string),
		assembling: make(map[int]int), frameGen: make(map[int]int),
		failures: make(map[string]int),
	}
	j.receipts, j.receiptedWei = receiptsFromRecords(sj.Rec.Receipts)
	for w, n := range sj.Rec.ReceiptsTaken {
		if common.IsHexAddress(w) {
			j.tookReceipt(common.HexToAddress(w), n)
		}
	}
	for _, f := range sj.Rec.Frames {
		j.frames[f] = api.FrameName(f, j.spec.Format)
	}
	j.planTasks()
	for _, t := range j.tasks {
		tr, ok := sj.Tasks[t.index]
		if ok && t.finish && tr.Verdict == api.VerdictChecking && !j.state.Final() {
			// Its check died with the old process: a finish is cheap,
			// so it runs again (and is checked) rather than stand
			// unchecked.
			ok = false
		}
		if _, written := j.frames[t.tile.Frame]; ok && !written && !c.blobs.Intact(tr.Hash) {
			// Its tile was kept without a sync (keepTile) and the
			// machine, not only the process, went down: rendered again,
			// so the frame is never assembled short of a tile.
			// What is left of it goes: the new render's bytes are
			// the same, and would otherwise be taken as kept (Keep).
			c.log.Warn("accepted tile lost from the disk: rendering it again", "job", j.id, "task", t.index, "blob", tr.Hash)
			c.blobs.Remove(tr.Hash)
			ok = false
		}
		if ok {
			t.state, t.node, t.seconds, t.hash, t.attempts = api.TaskDone, tr.Node, tr.Seconds, tr.Hash, tr.Attempts
			t.price, t.addr, t.build = tr.Price, common.HexToAddress(tr.Addr), tr.Build
			if t.build == "" {
				t.build = j.release // a record from before builds were kept: its release is the job's
			}
			t.verdict, t.evidence = tr.Verdict, tr.Evidence
			t.result, t.receipted, t.receiptSeq = signedResult(j.hash(), tr.Result), tr.Receipted, tr.ReceiptSeq
			switch {
			case t.verdict == "" && t.addr == c.ident.Address():
				t.verdict = api.VerdictTrusted // as check says, never kept
			case t.verdict != api.VerdictChecking:
			case j.state.Final():
				t.verdict = api.VerdictUnchecked // the check died with the old process
			default:
				// Its check died with the old process: it runs again
				// (restoredchecks.go), and the job waits for it.
				j.redo = append(j.redo, t)
				j.checking++
			}
			j.done++
		} else if why, failed := sj.Rec.Failed[t.index]; failed {
			t.state, t.reason = api.TaskFailed, why
			j.failedTasks++
		} else if j.state.Final() {
			t.state = api.TaskCancelled
		}
	}
	return j
}

// storedEvents reads a stored job's kept events as its event log.
func (c *coordinator) storedEvents(j *job) (*eventLog, error) {
	kept, err := c.store.Events(j.id)
	if err != nil {
		return nil, fmt.Errorf("load events: %w", err)
	}
	log := restoredEventLog(kept)
	if j.state.Final() {
		// A crash right after the job ended may have cost its last
		// events; the stream must still end.
		if last, ok := log.last(); !ok || last.Type != api.EventFinished {
			log.append(api.Event{Type: api.EventFinished, Task: -1, Message: j.err, Done: j.done, Total: len(j.tasks), State: j.state})
		}
	}
	return log, nil
}

// record is an accepted task as the store keeps it.
func (t *task) record() store.TaskRecord {
	return store.TaskRecord{
		Node: t.node, Seconds: t.seconds, Hash: t.hash, Attempts: t.attempts,
		Price: t.price, Addr: t.addr.Hex(), Verdict: t.verdict, Evidence: t.evidence,
		Result: resultRecord(t.result), Receipted: t.receipted, ReceiptSeq: t.receiptSeq, Build: t.build,
	}
}

// saveTask queues an accepted task's new record (after its check); c.mu
// must be held.
func (c *coordinator) saveTask(j *job, t *task) {
	if t.state == api.TaskDone {
		c.store.PutTask(j.id, t.index, t.record())
	}
}

// saveReputation keeps the nodes' records across restarts, so a convicted
// cheater stays quarantined; c.mu must be held.
func (c *coordinator) saveReputation() {
	b, err := c.rep.Snapshot()
	if err != nil {
		c.log.Error("record reputation", "err", err)
		return
	}
	c.store.PutMeta("reputation", b)
}
