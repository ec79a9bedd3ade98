package farm

// Leases ahead: a node behind NAT is reached through its gateway, so every
// lease crosses one more hop each way, and with one lease per slot its slot
// idles for that round trip after each task (BenchmarkNATThroughput: 0.74
// of a direct node's tasks at ~1 ms a task). Such a node takes one lease
// ahead (api.NodeMeta.Ahead): the coordinator sends it the next task while
// it renders, and the worker holds it until a slot frees. The lease is the
// same signed request; only its wait moves from the network to the worker.

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/conun/conun/farm/api"
)

// natAhead is how many leases a node behind NAT takes beyond its slots:
// one covers the relay's round trip, more would only hold tasks back
// from idle nodes at a job's end.
const natAhead = 1

// aheadFor is the leases ahead a node advertises.
func aheadFor(cfg NodeConfig) int {
	if cfg.BehindNAT {
		return natAhead
	}
	return 0
}

// leaseRoom is how many more leases member m takes now: its free slots,
// plus the leases it holds ahead (at most as many as its slots, whatever
// it gossips).
func leaseRoom(m api.Member, inflight int) int {
	return m.Slots + min(max(m.Ahead, 0), m.Slots) - inflight
}

// errQueueFull is the answer to a lease while every slot is busy and the
// worker holds as many leases ahead as it takes.
var errQueueFull = errors.New("all render slots are busy")

// waitAhead holds a lease that came while every slot was busy until one
// frees, when the worker takes leases ahead (w.ahead not nil) and has room:
// meanwhile heartbeats find it (progress 0 of 0) and an owner's pause hands
// it back like a lease in progress. It returns the HTTP status and error
// to answer when it got no slot.
func (w *worker) waitAhead(ctx context.Context, req TaskRequest, cancel context.CancelCauseFunc) (int, error) {
	select {
	case w.ahead <- struct{}{}:
	default: // nil (no leases ahead) or full
		return http.StatusServiceUnavailable, errQueueFull
	}
	defer func() { <-w.ahead }()
	w.active.start(req)
	defer w.active.end(req.Nonce) // the render registers it again
	w.held.add(req, cancel)
	select {
	case w.slots <- struct{}{}:
		return 0, nil
	case <-ctx.Done():
	}
	w.held.remove(req.Nonce)
	switch {
	case errors.Is(context.Cause(ctx), errReleased):
		return http.StatusServiceUnavailable, context.Cause(ctx)
	case w.ctx.Err() != nil:
		return http.StatusServiceUnavailable, errors.New("node is shutting down")
	}
	return http.StatusServiceUnavailable, fmt.Errorf("lease ended while it waited for a slot: %w", context.Cause(ctx))
}
