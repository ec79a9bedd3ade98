package api

// JobState is a job's place in its life.
type JobState string

// The job states. A job moves queued -> running -> done, or to failed or
// cancelled from either of the first two.
const (
	JobQueued    JobState = "queued"
	JobRunning   JobState = "running"
	JobDone      JobState = "done"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

// Final reports whether the state is one a job never leaves.
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
// cancelled or failed job moves to cancelled.
const (
	TaskPending   TaskState = "pending"
	TaskLeased    TaskState = "leased"
	TaskDone      TaskState = "done"
	TaskCancelled TaskState = "cancelled"
)
