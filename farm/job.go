// Package farm is the render cluster: a Node assembles gossip membership,
// the coordinator's job state machine and scheduler, node-to-node RPC, the
// content-addressed blob store and the client API (whose types and client
// live in farm/api).
package farm

import (
	"fmt"
	"log/slog"

	"github.com/conun/conun/farm/api"
)

var jobMoves = map[api.JobState][]api.JobState{
	// Approved (queued), or rejected (cancelled) with nothing locked.
	api.JobAwaiting: {api.JobQueued, api.JobCancelled, api.JobFailed},
	api.JobQueued:   {api.JobRunning, api.JobFailed, api.JobCancelled, api.JobPaused},
	api.JobRunning:  {api.JobDone, api.JobFailed, api.JobCancelled, api.JobPaused},
	// A paused job's leases in flight may still complete it (done).
	api.JobPaused: {api.JobQueued, api.JobRunning, api.JobDone, api.JobFailed, api.JobCancelled},
	api.JobDone:   {api.JobRunning}, // its failed frames were requeued (partial.go)
}

var taskMoves = map[api.TaskState][]api.TaskState{
	api.TaskPending: {api.TaskLeased, api.TaskCancelled, api.TaskFailed},
	api.TaskFailed:  {api.TaskPending}, // requeued (partial.go)
	api.TaskLeased:  {api.TaskDone, api.TaskPending, api.TaskCancelled},
	api.TaskDone:    {api.TaskPending}, // rejected by a check: rendered again
}

// canMove reports whether the state machine allows from -> to.
func canMove[S comparable](moves map[S][]S, from, to S) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// move changes *state to to, or returns an error naming the illegal
// transition: a bug in the coordinator, never a user's mistake.
func move[S ~string](moves map[S][]S, state *S, to S) error {
	if !canMove(moves, *state, to) {
		return fmt.Errorf("illegal transition %s -> %s", *state, to)
	}
	*state = to
	return nil
}

// panicOnBug makes mustMove panic; the package's tests set it (a test
// binary only: the node does not link the testing package for it).
var panicOnBug = false

// mustMove applies a state change that the coordinator's own logic says is
// legal. An illegal one is a bug, never a user's mistake, and fails
// loudly: in the package's tests it panics; in a running node it is logged as an
// error and the state is left as it was, so one job's bug does not bring
// down a node that serves others.
func mustMove[S ~string](log *slog.Logger, moves map[S][]S, state *S, to S) {
	if err := move(moves, state, to); err != nil {
		if panicOnBug {
			panic(err)
		}
		log.Error("coordinator bug", "err", err)
	}
}
