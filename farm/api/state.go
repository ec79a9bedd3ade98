package api

// JobState is a job's place in its life.
type JobState string

// The job states. A job moves queued -> running -> done, or to failed or
// cancelled from either of the first two. A queued or running job may be
// paused (no new leases; leases in flight finish) and resumed to running.
// A job submitted with a preview starts awaiting-approval, and approve
// moves it to queued.
// A done job whose failed frames are requeued (POST
// /v1/jobs/{id}/requeue) runs again: done -> running.
const (
	JobQueued  JobState = "queued"
	JobRunning JobState = "running"
	JobPaused  JobState = "paused"
	// JobAwaiting: a job submitted with a preview (JobSpec.Preview) waits
	// here, nothing locked and nothing leased, until its requester
	// approves it (queued) or rejects it (cancelled).
	JobAwaiting  JobState = "awaiting-approval"
	JobDone      JobState = "done"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

// CancelledReason is a cancelled job's error: why it ended, for status,
// wait and the app, which would otherwise show a cancel as a blank failure.
const CancelledReason = "its requester cancelled it (conun cancel or the app)"

// Final reports whether the job has ended: nothing runs for it until its
// failed frames are requeued, the one way back (done -> running).
func (s JobState) Final() bool {
	switch s {
	case JobDone, JobFailed, JobCancelled:
		return true
	}
	return false
}

// TaskState is a task's place in its life.
type TaskState string

// The task states. A task moves pending -> leased -> done; a lost lease
// (expired, or its node died or failed) moves it back to pending, and so
// does a done task whose worker a spot check convicted. A task of a
// cancelled or failed job moves to cancelled. A task that every node that
// could render it failed moves from pending to failed: its frame is left
// out and the job goes on (a requeue moves it back to pending).
const (
	TaskPending   TaskState = "pending"
	TaskLeased    TaskState = "leased"
	TaskDone      TaskState = "done"
	TaskCancelled TaskState = "cancelled"
	TaskFailed    TaskState = "failed"
)
