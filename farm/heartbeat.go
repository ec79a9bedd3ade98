package farm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// A lease lives as long as its worker says it is still rendering: the
// coordinator asks every HeartbeatInterval, and a lease whose worker has not
// answered for HeartbeatTimeout is taken back even while memberlist still
// sees the node (a wedged process, a worker that restarted and forgot the
// task). The answers carry progress, which becomes "progress" events for the
// CLI and the GUI. LeaseTimeout stays as an upper bound on any one task.

// taskProgress is a worker's answer to a heartbeat.
type taskProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// activeTasks is the worker's table of tasks in progress, by lease nonce.
type activeTasks struct {
	mu    sync.Mutex
	tasks map[string]*taskProgress
}

func (a *activeTasks) start(nonce string) func(done, total int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tasks == nil {
		a.tasks = make(map[string]*taskProgress)
	}
	p := &taskProgress{}
	a.tasks[nonce] = p
	return func(done, total int) {
		a.mu.Lock()
		p.Done, p.Total = max(p.Done, done), total
		a.mu.Unlock()
	}
}

func (a *activeTasks) end(nonce string) {
	a.mu.Lock()
	delete(a.tasks, nonce)
	a.mu.Unlock()
}

func (a *activeTasks) get(nonce string) (taskProgress, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	p, ok := a.tasks[nonce]
	if !ok {
		return taskProgress{}, false
	}
	return *p, true
}

func (w *worker) handleHeartbeat(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.active.get(r.PathValue("nonce"))
	if !ok {
		httpError(rw, http.StatusNotFound, errors.New("no such task in progress"))
		return
	}
	writeJSON(rw, p)
}

// errNoHeartbeat ends a lease whose worker stopped answering heartbeats.
var errNoHeartbeat = errors.New("worker stopped answering heartbeats")

// heartbeat asks m about the lease until ctx ends, reporting progress to
// onProgress; when the worker has not confirmed the task for
// HeartbeatTimeout it cancels the lease with errNoHeartbeat, and when its
// progress has not advanced for stall (0: never) with errNoProgress.
func (c *coordinator) heartbeat(ctx context.Context, cancel context.CancelCauseFunc, m api.Member, nonce string, stall time.Duration, onProgress func(taskProgress)) {
	interval := c.cfg.HeartbeatInterval
	tick := time.NewTicker(interval)
	defer tick.Stop()
	lastSeen := time.Now()
	watch := newStallWatch(stall, lastSeen)
	var last taskProgress
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		p, err := c.askProgress(ctx, m, nonce)
		switch {
		case err == nil:
			lastSeen = time.Now()
			if p != last {
				last = p
				onProgress(p)
			}
			if watch.seen(p, lastSeen) {
				cancel(fmt.Errorf("%w for %v (done %d of %d)", errNoProgress, stall, watch.last.Done, watch.last.Total))
				return
			}
		case ctx.Err() != nil:
			return
		case time.Since(lastSeen) >= c.cfg.HeartbeatTimeout:
			cancel(fmt.Errorf("%w for %v: %v", errNoHeartbeat, c.cfg.HeartbeatTimeout, err))
			return
		}
	}
}

func (c *coordinator) askProgress(ctx context.Context, m api.Member, nonce string) (taskProgress, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.HeartbeatInterval)
	defer cancel()
	req, err := c.signedGet(ctx, m, "/rpc/v1/tasks/"+nonce)
	if err != nil {
		return taskProgress{}, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return taskProgress{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return taskProgress{}, fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	var p taskProgress
	err = json.NewDecoder(resp.Body).Decode(&p)
	return p, err
}

// signedGet is a GET of path on member m, signed here for m. Left to the
// node's signing transport (peerblobs.go), each request would look its
// recipient up among all members (gossip's member list copied under its
// lock, then scanned): a coordinator heartbeating hundreds of leases paid
// that on every beat, and its beats queued on gossip's lock. A member
// without an address is left to the transport, as before.
func (c *coordinator) signedGet(ctx context.Context, m api.Member, path string) (*http.Request, error) {
	target, err := rpcaddr.Join(m.API, path)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	if common.IsHexAddress(m.Addr) {
		if err := c.ident.SignRequest(req, path, common.HexToAddress(m.Addr)); err != nil {
			return nil, fmt.Errorf("sign %s: %w", path, err)
		}
	}
	return req, nil
}
