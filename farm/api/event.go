package api

import "time"

// EventType names what an Event reports.
type EventType string

// The event types, in the order a task usually meets them.
const (
	EventSubmitted EventType = "submitted" // the job was accepted
	EventLeased    EventType = "leased"    // a task went to a node
	EventProgress  EventType = "progress"  // a leased task's completed fraction
	EventDone      EventType = "done"      // a task's tile was accepted
	EventChecking  EventType = "checking"  // a spot check of an accepted tile began
	EventVerdict   EventType = "verdict"   // a spot check ended
	EventRequeued  EventType = "requeued"  // a task went back to the queue (Reason says why)
	EventFrame     EventType = "frame"     // a frame was assembled
	EventSettled   EventType = "settled"   // the job was paid on the chain
	EventFinished  EventType = "finished"  // the job ended: the stream's last event
	// EventBlocklisted: a node failed task after task that others then
	// rendered, and gets no leases (of any job) for a while.
	EventBlocklisted EventType = "blocklisted"
	// EventPaused: the requester paused the job; no task is leased until
	// EventResumed, and leases in flight finish and are accepted.
	EventPaused  EventType = "paused"
	EventResumed EventType = "resumed"
	// EventFrameFailed: a task failed on every node that could render it;
	// its frame is left out (Message says why) and the job goes on.
	EventFrameFailed EventType = "frame_failed"
)

// RequeueReason says why a task went back to the queue.
type RequeueReason string

// The requeue reasons.
const (
	RequeueFailed      RequeueReason = "failed"      // the worker's render failed
	RequeueUnreachable RequeueReason = "unreachable" // the worker could not be reached
	RequeueLeft        RequeueReason = "left"        // the worker left the cluster
	RequeueRejected    RequeueReason = "rejected"    // the tile failed its check: its worker was convicted
	RequeueStale       RequeueReason = "stale"       // a finish task whose frame's tiles were rejected: finished again over the new ones
	RequeueStalled     RequeueReason = "stalled"     // the worker's progress stopped advancing for longer than the task should take it
	RequeueOvertaken   RequeueReason = "overtaken"   // a duplicate lease of the straggling task answered first: this one is cancelled
	RequeueReleased    RequeueReason = "released"    // the worker handed the lease back: its owner needs the machine, or it is shutting down
	RequeueOverCap     RequeueReason = "over_cap"    // the worker's caps (its --cache-max) leave no room for the task now: not its fault
	RequeueUnreserved  RequeueReason = "unreserved"  // the escrow did not hold the worker's pay for it (the reservation failed, or the worker refused a lease beyond it): not the worker's fault
)

// CheckOutcome is the result of one spot check, as EventVerdict reports it.
type CheckOutcome string

// The check outcomes: the verifier's (pass, fail, uncertain), or unchecked
// when no comparison could be made (no checker, the checker failed).
const (
	CheckPass      CheckOutcome = "pass"
	CheckFail      CheckOutcome = "fail"
	CheckUncertain CheckOutcome = "uncertain"
	CheckUnchecked CheckOutcome = "unchecked"
)

// Verdict is where an accepted task stands with the spot checks, as
// JobStatus.Checks and TaskReport show it.
type Verdict string

// The task verdicts.
const (
	VerdictUnchecked Verdict = "unchecked" // accepted without a check
	VerdictTrusted   Verdict = "trusted"   // rendered by the coordinator itself
	VerdictChecking  Verdict = "checking"  // a check is running
	VerdictPassed    Verdict = "passed"
	VerdictRejected  Verdict = "rejected" // its worker was convicted; rendered again
)

// Event is one thing that happened to a job, in the order it happened. The
// CLI's progress bar and the GUI's live view are drawn from these.
type Event struct {
	Seq   int       `json:"seq"`
	Time  time.Time `json:"time"`
	Type  EventType `json:"type"`
	Task  int       `json:"task"`
	Frame int       `json:"frame,omitempty"`
	Node  string    `json:"node,omitempty"`
	// Finish marks the events of a finish task: the one step per frame
	// that runs a composited scene's compositor over its stitched tiles.
	Finish bool `json:"finish,omitempty"`
	// Progress is a leased task's completed fraction, for "progress".
	Progress float64 `json:"progress,omitempty"`
	// Fetched is the fraction of the scene that a leased task's worker
	// holds while it fetches it, for "progress" before the render begins
	// (Progress is 0 then): a large scene on a slow link takes minutes.
	Fetched float64 `json:"fetched,omitempty"`
	// Verdict is a check's outcome, for EventVerdict; Convicted names the
	// node found cheating, if any.
	Verdict   CheckOutcome `json:"verdict,omitempty"`
	Convicted string       `json:"convicted,omitempty"`
	// Reason says why a task was requeued, for EventRequeued: clients
	// branch on it, never on Message.
	Reason RequeueReason `json:"reason,omitempty"`
	// Message explains requeues and failures, for people.
	Message string `json:"message,omitempty"`
	// Preview counts the frames of the job's preview pass, for
	// EventPreviewProgress.
	Preview *PreviewProgress `json:"preview,omitempty"`
	// Done and Total count the job's finished tasks after this event.
	Done  int `json:"done"`
	Total int `json:"total"`
	// Checking counts its accepted tiles whose spot check is under way
	// after this event: a job whose tasks are all done waits for them.
	Checking int      `json:"checking,omitempty"`
	State    JobState `json:"state"`
}
