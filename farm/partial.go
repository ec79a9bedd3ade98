package farm

// Failures stay local. A task that every node able to render it failed
// (nodehealth.go's hopeless) fails its frame, not the job: the job goes on,
// ends done with the frame listed as failed (api.JobStatus.Partial and
// FailedFrames), its other frames are delivered, and only accepted tasks
// are paid (settle pays tasks in state done, nothing else). A requeue puts
// the failed tasks back in the same job: same id, same output folder, same
// escrow. A requeue of named frames renders them whole again, rendered
// tiles too, but only of a finished job off a chain: a running job's
// rendered tiles may be under check or being assembled, and on a chain a
// rendered tile is paid, and would be paid twice.
//
// Money, and who gains if a party lies. The coordinator, not the
// requester, decides that a task failed, from its workers' answers; a
// worker is paid for a task only once its result was accepted, whatever
// becomes of the job's other frames. So a requester cannot keep a frame it
// does not pay for (a failed frame has no accepted result to pay), and
// cannot refuse to pay for frames that rendered by calling the job a
// failure (the coordinator pays accepted tasks when the job ends). On a
// chain a job settles when it ends, partial or not: its workers are paid
// at once and the unspent budget goes back to the requester. A requeue is
// therefore accepted on a chain only while the job still runs (its escrow
// is open); once a partial job has settled, its failed frames are a new
// job with its own escrow (a settled escrow pays no more work).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// ErrNotRequeueable is returned for a requeue the job's state forbids.
var ErrNotRequeueable = errors.New("cannot requeue")

// failTask fails task t (pending after its last failed lease) for good:
// its frame is left out and the job goes on. The failures of t were the
// task's, not its nodes', so they no longer count towards blocking those
// nodes from the job's other tasks. c.mu must be held.
func (c *coordinator) failTask(j *job, t *task, reason string) {
	if t.state != api.TaskPending {
		return
	}
	mustMove(c.log, taskMoves, &t.state, api.TaskFailed)
	j.failedTasks++
	t.reason = reason
	for node, n := range t.tries {
		j.failures[node] = max(j.failures[node]-n, 0)
	}
	t.tries, t.failedBy, t.lastErr = nil, nil, ""
	c.log.Warn("frame failed", "job", j.id, "frame", t.tile.Frame, "task", t.index, "reason", reason)
	c.emit(j, api.Event{Type: api.EventFrameFailed, Task: t.index, Frame: t.tile.Frame, Message: reason})
	if fin := j.finishes[t.tile.Frame]; fin != nil && fin != t {
		// The frame's finish can never run over a missing tile.
		c.failTask(j, fin, fmt.Sprintf("tile task %d of frame %d failed", t.index, t.tile.Frame))
	}
	if j.done == 0 && j.failedTasks == len(j.tasks) {
		// Nothing rendered and nothing left to: a failed job, as before
		// (submitting it again costs nothing that was done).
		c.fail(j, "every frame failed; "+reason)
		return
	}
	c.save(j)
	c.maybeComplete(j)
}

// partialNote says which frames a partial job lacks, for its last event;
// "" for a whole one.
func (j *job) partialNote() string {
	failed := j.failedFrames()
	if len(failed) == 0 {
		return ""
	}
	frames := make([]int, len(failed))
	for i, f := range failed {
		frames[i] = f.Frame
	}
	return "partial: frames " + joinInts(frames) + " failed"
}

// failedRecord maps the job's failed tasks to their reasons, for the
// store.
func (j *job) failedRecord() map[int]string {
	if j.failedTasks == 0 {
		return nil
	}
	out := make(map[int]string, j.failedTasks)
	for _, t := range j.tasks {
		if t.state == api.TaskFailed {
			out[t.index] = t.reason
		}
	}
	return out
}

// failedFrames lists the frames with a failed task, in order.
func (j *job) failedFrames() []api.FailedFrame {
	if j.failedTasks == 0 {
		return nil
	}
	var out []api.FailedFrame
	byFrame := map[int]int{}
	for _, t := range j.tasks {
		if t.state != api.TaskFailed {
			continue
		}
		i, ok := byFrame[t.tile.Frame]
		if !ok {
			i = len(out)
			byFrame[t.tile.Frame] = i
			out = append(out, api.FailedFrame{Frame: t.tile.Frame, Reason: t.reason})
		}
		out[i].Tasks = append(out[i].Tasks, t.index)
	}
	slices.SortFunc(out, func(a, b api.FailedFrame) int { return a.Frame - b.Frame })
	return out
}

// decodeRequeue reads a requeue request (no body: every failed frame):
// the frames it names (nil: all) and whether only their failed tasks are
// meant (always so without frames).
func decodeRequeue(r io.Reader) (want *tiler.Frames, failedOnly bool, err error) {
	var req api.RequeueRequest
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil && !errors.Is(err, io.EOF) {
		return nil, false, fmt.Errorf("%w: requeue request: %w", api.ErrBadJob, err)
	}
	if req.Frames == "" {
		return nil, true, nil
	}
	fr, err := tiler.ParseFrames(req.Frames)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %w", api.ErrBadJob, err)
	}
	return &fr, req.Failed, nil
}

// requeueFrames puts tasks of job id back in its queue, in the same job: the
// failed tasks of the frames want names (all when nil) when failedOnly,
// else every task of those frames (rendered ones too: a finished job only,
// off a chain, where nobody pays twice for a frame). A done job runs again.
func (c *coordinator) requeueFrames(id string, want *tiler.Frames, failedOnly bool) (api.RequeueResult, error) {
	if _, err := api.ParseJobID(id); err != nil {
		return api.RequeueResult{}, err
	}
	if err := c.loadBack(id); err != nil {
		return api.RequeueResult{}, err
	}
	res, written, err := c.requeueLocked(id, want, failedOnly)
	if err != nil {
		return res, err
	}
	// The requeue is on disk before the client hears it was taken, off
	// the lock: a crash right after the answer still renders the frames.
	if err := <-written; err != nil {
		return api.RequeueResult{}, fmt.Errorf("record requeue: %w", err)
	}
	return res, nil
}

// requeueLocked does requeueFrames's work under c.mu, returning the job
// record's write.
func (c *coordinator) requeueLocked(id string, want *tiler.Frames, failedOnly bool) (api.RequeueResult, <-chan error, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return api.RequeueResult{}, nil, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	switch {
	case j.state == api.JobFailed || j.state == api.JobCancelled:
		return api.RequeueResult{}, nil, fmt.Errorf("%w: job %s is %s: submit it again", ErrNotRequeueable, id, j.state)
	case j.state == api.JobDone && c.chain != nil:
		return api.RequeueResult{}, nil, fmt.Errorf("%w: job %s settled on the chain when it ended (its rendered frames paid, the rest of the budget returned): submit the frames as a new job", ErrNotRequeueable, id)
	}
	tasks, frames, rendered, err := j.requeueable(want, failedOnly)
	if err != nil {
		return api.RequeueResult{}, nil, err
	}
	if rendered && j.state != api.JobDone {
		return api.RequeueResult{}, nil, fmt.Errorf("%w: job %s is still running: its rendered frames can be rendered again once it ends (--failed takes only the failed ones now)", ErrNotRequeueable, id)
	}
	for _, t := range tasks {
		if t.state == api.TaskDone {
			// Rendered again from scratch: a restart must not take the
			// old tile as accepted, nor an old assembly the old frame.
			mustMove(c.log, taskMoves, &t.state, api.TaskPending)
			j.done--
			c.store.DeleteTask(j.id, t.index)
			t.node, t.hash, t.seconds, t.verdict, t.evidence, t.result, t.receipted, t.receiptSeq = "", "", 0, "", nil, nil, false, 0
			delete(j.frames, t.tile.Frame)
			j.frameGen[t.tile.Frame]++
		} else {
			mustMove(c.log, taskMoves, &t.state, api.TaskPending)
			j.failedTasks--
		}
		t.reason, t.attempts, t.notBefore = "", 0, time.Time{}
		j.queue = append(j.queue, t)
	}
	if j.state == api.JobDone {
		mustMove(c.log, jobMoves, &j.state, api.JobRunning)
		j.finished = time.Time{}
	}
	written := c.store.PutJob(j.id, j.record())
	c.emit(j, api.Event{Type: api.EventSubmitted, Task: -1, Message: "requeued frames " + joinInts(frames)})
	c.kick()
	return api.RequeueResult{Frames: frames, Tasks: len(tasks)}, written, nil
}

// requeueable picks the tasks a requeue of want (nil: all frames) puts
// back, with their frames in order, and whether any of them was rendered;
// c.mu must be held.
func (j *job) requeueable(want *tiler.Frames, failedOnly bool) (tasks []*task, frames []int, rendered bool, err error) {
	for _, t := range j.tasks {
		f := t.tile.Frame
		switch {
		case want != nil && !inFrames(*want, f):
			continue
		case t.state == api.TaskFailed:
			if failedOnly && j.tilesCollected && slices.ContainsFunc(j.byFrame[f], func(o *task) bool { return o.state == api.TaskDone }) {
				return nil, nil, false, fmt.Errorf("%w: the rendered tiles of frame %d were deleted by the node's retention: requeue the whole frame (--frames %d without --failed)", ErrNotRequeueable, f, f)
			}
		case t.state == api.TaskDone && !failedOnly:
			rendered = true
		default:
			continue
		}
		tasks = append(tasks, t)
		if !slices.Contains(frames, f) {
			frames = append(frames, f)
		}
	}
	if len(tasks) == 0 {
		which := "no frame"
		if failedOnly {
			which = "no failed frame"
		}
		if want != nil {
			which += " in " + want.String()
		}
		return nil, nil, false, fmt.Errorf("%w: job %s has %s", ErrNotRequeueable, j.id, which)
	}
	slices.Sort(frames)
	return tasks, frames, rendered, nil
}

// loadBack brings job id back into memory when it aged out of it
// (retention.go), with its kept events.
func (c *coordinator) loadBack(id string) error {
	c.mu.Lock()
	_, ok := c.jobs[id]
	c.mu.Unlock()
	if ok {
		return nil
	}
	sj, err := c.store.Job(id)
	if err != nil {
		return fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	j := c.jobFromStore(sj)
	if j.events, err = c.storedEvents(j); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.jobs[id]; !ok {
		c.jobs[id] = j
		c.order = append(c.order, id)
	}
	return nil
}

// inFrames reports whether frame f is one of fr.
func inFrames(fr tiler.Frames, f int) bool {
	step := max(fr.Step, 1)
	return f >= fr.Start && f <= fr.End && (f-fr.Start)%step == 0
}

// joinInts writes ns as "1, 2, 5".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// reopenedAt is the number of the event that ended the job before its
// latest requeue (0: it was never requeued): a reader that gives no start
// follows the job's latest round from there, rather than stopping at an
// end the job has left.
func (l *eventLog) reopenedAt() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(l.events) - 2; i >= 0; i-- {
		if l.events[i].Type == api.EventFinished {
			return l.events[i].Seq
		}
	}
	return 0
}

// maxRequeueBytes bounds a requeue request's JSON.
const maxRequeueBytes = 4 << 10

// postRequeue renders a job's failed (or named) frames again, in the same
// job.
func (n *Node) postRequeue(rw http.ResponseWriter, r *http.Request) {
	want, failedOnly, err := decodeRequeue(http.MaxBytesReader(rw, r.Body, maxRequeueBytes))
	if err != nil {
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	res, err := n.coord.requeueFrames(r.PathValue("id"), want, failedOnly)
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, ErrNotRequeueable) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, res)
}

// failRest ends what is left of a job that no node may render any more
// (each failed it too often): with nothing rendered the job fails; else
// its pending tasks fail their frames, and the job ends partial with the
// frames it has. c.mu must be held.
func (c *coordinator) failRest(j *job, reason string) {
	why := func(t *task) string {
		s := fmt.Sprintf("task %d (frame %d, tile %v): %s", t.index, t.tile.Frame, t.tile.Rect, reason)
		if t.lastErr != "" {
			s += "; last: " + t.lastErr
		}
		return s
	}
	if j.done == 0 {
		// Nothing rendered: the job fails, saying why with a task that
		// failed (one that was never tried says less).
		var worst *task
		for _, t := range j.tasks {
			if t.state == api.TaskPending && (worst == nil || worst.lastErr == "" && t.lastErr != "") {
				worst = t
			}
		}
		if worst != nil {
			c.fail(j, why(worst))
		}
		return
	}
	for _, t := range j.tasks {
		if t.state == api.TaskPending {
			c.failTask(j, t, why(t))
		}
	}
}
