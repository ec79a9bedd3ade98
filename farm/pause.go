package farm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/conun/conun/farm/api"
)

// Pausing a job stops new leases only: leases in flight finish and their
// results are accepted and paid as usual, which loses nothing and can pay
// nothing twice (a lease handed back mid-render would throw its work
// away). The state is the job's own (api.JobPaused), stored with it, so a
// restarted coordinator keeps the job paused until it is resumed.

// errJobEnded refuses pausing or resuming a job that already ended.
var errJobEnded = errors.New("job already ended")

// errEscrowExpired refuses resuming a job whose escrow deadline passed:
// workers refuse leases of such a job (their receipts would no longer be
// honoured), so it could never finish.
var errEscrowExpired = errors.New("escrow deadline passed")

// pause stops leasing the tasks of job id; pausing a paused job is a no-op.
func (c *coordinator) pause(ctx context.Context, id string) (api.PauseStatus, error) {
	return c.setPaused(ctx, id, true)
}

// resume lets the scheduler lease a paused job's tasks again; resuming a
// job that is not paused is a no-op. On a chain it refuses a job whose
// escrow deadline has passed.
func (c *coordinator) resume(ctx context.Context, id string) (api.PauseStatus, error) {
	return c.setPaused(ctx, id, false)
}

func (c *coordinator) setPaused(ctx context.Context, id string, paused bool) (api.PauseStatus, error) {
	if _, err := api.ParseJobID(id); err != nil {
		return api.PauseStatus{}, err
	}
	c.mu.Lock()
	j, ok := c.jobs[id]
	var spec api.JobSpec
	if ok {
		spec = j.spec
	}
	c.mu.Unlock()
	if !ok {
		return api.PauseStatus{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	// The chain is read off the lock: the escrow's clock keeps running
	// while a job is paused, and the requester should see how much is left.
	st := api.PauseStatus{ID: id}
	if err := c.escrowClock(ctx, spec, &st); err != nil {
		return st, err
	}
	if !paused && !st.EscrowDeadline.IsZero() && st.EscrowLeftSeconds <= 0 {
		return st, fmt.Errorf("%w: job %s's escrow deadline was %s: workers refuse its leases now; cancel it (its budget is reclaimed) and submit it again",
			errEscrowExpired, id, st.EscrowDeadline.UTC().Format(time.RFC3339))
	}

	c.mu.Lock()
	var written <-chan error
	switch {
	case j.state.Final():
		c.mu.Unlock()
		return st, fmt.Errorf("%w: job %s is %s", errJobEnded, id, j.state)
	case j.state == api.JobAwaiting:
		// Nothing of it is leased before approval: there is nothing to
		// pause, and a resume must not skip the approval.
		c.mu.Unlock()
		return st, fmt.Errorf("%w: job %s is awaiting approval: conun approve or reject it", errNotAwaiting, id)
	case paused && j.state != api.JobPaused:
		mustMove(c.log, jobMoves, &j.state, api.JobPaused)
		written = c.store.PutJob(j.id, j.record())
		c.emit(j, api.Event{Type: api.EventPaused, Task: -1, Message: fmt.Sprintf("%d leases in flight finish", j.inFlight())})
	case !paused && j.state == api.JobPaused:
		// A job that never had a task leased is queued again, as before.
		to := api.JobRunning
		if j.done == 0 && !j.leased() {
			to = api.JobQueued
		}
		mustMove(c.log, jobMoves, &j.state, to)
		written = c.store.PutJob(j.id, j.record())
		c.emit(j, api.Event{Type: api.EventResumed, Task: -1})
		c.kick()
	}
	st.State, st.InFlight = j.state, j.inFlight()
	c.mu.Unlock()
	// The answer waits for the disk, off the lock: a pause the requester
	// was told of survives a kill -9.
	if written != nil {
		if err := <-written; err != nil {
			return st, fmt.Errorf("record job %s %s: %w", id, st.State, err)
		}
	}
	return st, nil
}

// inFlight counts the job's tasks out on a lease; c.mu must be held.
func (j *job) inFlight() int {
	n := 0
	for _, t := range j.tasks {
		if t.state == api.TaskLeased {
			n++
		}
	}
	return n
}

// escrowClock fills st's escrow deadline and the time left before it, by
// the chain's clock; it leaves them zero off a chain.
func (c *coordinator) escrowClock(ctx context.Context, spec api.JobSpec, st *api.PauseStatus) error {
	if c.chain == nil {
		return nil
	}
	ej, err := c.chain.Job(ctx, jobHash(spec))
	if err != nil {
		return fmt.Errorf("%w: read the job's escrow: %w", ErrEscrow, err)
	}
	now, err := c.chain.Chain().Now(ctx)
	if err != nil {
		return fmt.Errorf("%w: read chain time: %w", ErrEscrow, err)
	}
	st.EscrowDeadline = ej.Deadline
	st.EscrowLeftSeconds = int64(ej.Deadline.Sub(now) / time.Second)
	return nil
}

// postPause and postResume answer POST /v1/jobs/{id}/pause and /resume.
func (n *Node) postPause(rw http.ResponseWriter, r *http.Request) {
	n.answerPause(rw, r, n.coord.pause)
}

func (n *Node) postResume(rw http.ResponseWriter, r *http.Request) {
	n.answerPause(rw, r, n.coord.resume)
}

func (n *Node) answerPause(rw http.ResponseWriter, r *http.Request, do func(context.Context, string) (api.PauseStatus, error)) {
	st, err := do(r.Context(), r.PathValue("id"))
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, errJobEnded) || errors.Is(err, errEscrowExpired) || errors.Is(err, errNotAwaiting) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, st)
}
