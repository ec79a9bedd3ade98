package farm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// A lease lives as long as its worker says it is still rendering: the
// coordinator asks every HeartbeatInterval, and a lease whose worker has not
// answered for HeartbeatTimeout is taken back even while memberlist still
// sees the node (a wedged process, a worker that restarted and forgot the
// task). The answers carry progress, which becomes "progress" events for the
// CLI and the GUI. LeaseTimeout stays as an upper bound on any one task.

// taskProgress is a worker's answer to a heartbeat: the render's units
// done of its total, and, until the render reports a total, the bytes of
// the task's scene that have arrived (0 when it is not being fetched).
// Fetched travels apart, in headerFetched under its own word: a
// coordinator of the release before checks a relayed worker's word over
// the body as it was, and would refuse every answer with more in it.
type taskProgress struct {
	Done    int   `json:"done"`
	Total   int   `json:"total"`
	Fetched int64 `json:"-"`
}

// Headers of a heartbeat's answer while the task's scene arrives: its
// bytes so far, and the worker's word on them (fetchedMessage).
const (
	headerFetched     = "X-Conun-Fetched"
	headerFetchedSig  = "X-Conun-Fetched-Signature"
	headerFetchedSeal = "X-Conun-Fetched-Seal"
)

// activeTasks is the worker's table of tasks in progress, by lease nonce,
// and of the leases it is still looking at, by coordinator.
type activeTasks struct {
	mu    sync.Mutex
	tasks map[string]*activeTask
	// handled counts the leases of each coordinator between their
	// authentication and their answer, in progress or not yet: a lease
	// waiting on the chain's word on its funding, or a check waiting for
	// its slot, is another coordinator's work in flight too (othersThan).
	handled map[common.Address]int
}

// activeTask is a task in progress: how far it is, and whom its
// heartbeats answer (the lease's coordinator, and its key for a seal).
type activeTask struct {
	progress taskProgress
	key      string
	coord    common.Address
	arrived  func() int64 // the scene's bytes so far, while it is fetched
}

func (a *activeTasks) start(req TaskRequest) func(done, total int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tasks == nil {
		a.tasks = make(map[string]*activeTask)
	}
	t := &activeTask{key: req.Key, coord: common.HexToAddress(req.Coordinator)}
	a.tasks[req.Nonce] = t
	return func(done, total int) {
		a.mu.Lock()
		t.progress.Done, t.progress.Total = max(t.progress.Done, done), total
		a.mu.Unlock()
	}
}

// fetching says that the task of lease nonce is fetching its scene, of
// which arrived tells the bytes so far; nil when the fetch has ended.
func (a *activeTasks) fetching(nonce string, arrived func() int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if t, ok := a.tasks[nonce]; ok {
		t.arrived = arrived
	}
}

func (a *activeTasks) end(nonce string) {
	a.mu.Lock()
	delete(a.tasks, nonce)
	a.mu.Unlock()
}

// handling counts a lease of coord from its authentication on, until
// the call it returns.
func (a *activeTasks) handling(coord common.Address) (done func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.handled == nil {
		a.handled = make(map[common.Address]int)
	}
	a.handled[coord]++
	return func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.handled[coord]--; a.handled[coord] <= 0 {
			delete(a.handled, coord)
		}
	}
}

// othersThan reports whether a lease of a coordinator other than coord
// is being handled: looked at, waiting, or in progress (every task in
// progress is a lease being handled).
func (a *activeTasks) othersThan(coord common.Address) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for c := range a.handled {
		if c != coord {
			return true
		}
	}
	return false
}

func (a *activeTasks) get(nonce string) (taskProgress, bool) {
	t, ok := a.task(nonce)
	return t.progress, ok
}

// task returns the task of lease nonce, its progress with the scene's
// bytes so far while it is fetched.
func (a *activeTasks) task(nonce string) (activeTask, bool) {
	a.mu.Lock()
	t, ok := a.tasks[nonce]
	if !ok {
		a.mu.Unlock()
		return activeTask{}, false
	}
	c := *t
	a.mu.Unlock()
	if c.arrived != nil && c.progress.Total == 0 {
		c.progress.Fetched = c.arrived() // off a.mu: it takes the store's locks
	}
	return c, true
}

// progressMessage is what a worker's word on a heartbeat's answer covers:
// the lease, the progress, and the heartbeat request it answers (its
// signature header, fresh for every request), so that a gateway relaying
// for a node behind NAT can neither make up its progress nor replay an
// old answer (a stalled lease is counted against the node).
func progressMessage(nonce, request string, p taskProgress) []byte {
	sum := sha256.Sum256([]byte(request))
	return fmt.Appendf(nil, "conun-progress\n%s\n%s\n%d\n%d", nonce, hex.EncodeToString(sum[:]), p.Done, p.Total)
}

// fetchedMessage is what a worker's word on the scene's bytes so far
// covers, as progressMessage does for the render's progress.
func fetchedMessage(nonce, request string, fetched int64) []byte {
	sum := sha256.Sum256([]byte(request))
	return fmt.Appendf(nil, "conun-fetched\n%s\n%s\n%d", nonce, hex.EncodeToString(sum[:]), fetched)
}

func (w *worker) handleHeartbeat(rw http.ResponseWriter, r *http.Request) {
	nonce := r.PathValue("nonce")
	t, ok := w.active.task(nonce)
	if !ok {
		httpError(rw, http.StatusNotFound, errors.New("no such task in progress"))
		return
	}
	request := r.Header.Get(rpc.HeaderSigned)
	if err := vouch(rw.Header(), w.ident, w.sessions, t.key, t.coord, sealProgress, progressMessage(nonce, request, t.progress), headerSig, headerSeal); err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	if n := t.progress.Fetched; n > 0 {
		rw.Header().Set(headerFetched, strconv.FormatInt(n, 10))
		if err := vouch(rw.Header(), w.ident, w.sessions, t.key, t.coord, sealFetched, fetchedMessage(nonce, request, n), headerFetchedSig, headerFetchedSeal); err != nil {
			httpError(rw, http.StatusInternalServerError, err)
			return
		}
	}
	writeJSON(rw, t.progress)
}

// errNoHeartbeat ends a lease whose worker stopped answering heartbeats.
var errNoHeartbeat = errors.New("worker stopped answering heartbeats")

// heartbeat asks m about the lease until ctx ends, reporting progress to
// onProgress; when the worker has not confirmed the task for
// HeartbeatTimeout it cancels the lease with errNoHeartbeat, and when
// watch (nil: none) says its progress stalled with errNoProgress.
func (c *coordinator) heartbeat(ctx context.Context, cancel context.CancelCauseFunc, m api.Member, nonce string, watch *stallWatch, onProgress func(taskProgress)) {
	interval := c.cfg.HeartbeatInterval
	tick := time.NewTicker(interval)
	defer tick.Stop()
	lastSeen := time.Now()
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
				cancel(fmt.Errorf("%w for %v (done %d of %d, %d bytes of the scene)", errNoProgress, watch.bound, watch.last.Done, watch.last.Total, watch.last.Fetched))
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
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<10)).Decode(&p); err != nil {
		return taskProgress{}, err
	}
	request := req.Header.Get(rpc.HeaderSigned)
	if relayed(m) {
		// Through a gateway, only m's word makes it m's answer: else a
		// gateway could stall the lease in m's name (onTheWay).
		if err := wordOf(resp.Header, c.sessions, common.HexToAddress(m.Addr), sealProgress, progressMessage(nonce, request, p), headerSig, headerSeal); err != nil {
			c.metrics.badSignatures.Add(1)
			return taskProgress{}, fmt.Errorf("progress from %s: %w", m.ID, err)
		}
	}
	if v := resp.Header.Get(headerFetched); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil || n <= 0:
		case relayed(m) && wordOf(resp.Header, c.sessions, common.HexToAddress(m.Addr), sealFetched, fetchedMessage(nonce, request, n), headerFetchedSig, headerFetchedSeal) != nil:
			// Not m's word: no progress heard, the rest of the answer
			// stands (a gateway could as well have dropped the header).
			c.metrics.badSignatures.Add(1)
		default:
			p.Fetched = n
		}
	}
	return p, nil
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
