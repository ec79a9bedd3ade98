package farm

// Handing a lease back. A worker whose owner needs the machine (idle or
// schedule mode, a pause by hand) or that is shutting down asks the lease's
// coordinator, in a request signed with its node key, to take the lease
// back: POST /rpc/v1/leases/{nonce}/release. The coordinator puts the task
// back in the queue at once, as it does for a worker that left: no attempt
// counted, no mark on the node's health record, nothing convicted. The
// worker then stops the render.
//
// Only the lease's holder can release it: a node that lied to release
// another's lease would throw that worker's render away and might take the
// task itself, so the signer must be the address the lease was given to
// (and the nonce, known only to the coordinator and that worker, names
// which). The holder gains nothing by lying: a released task pays it
// nothing, and the coordinator leaves it alone for releaseBackoff.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// releasePath is the release RPC's route; {nonce} names the lease.
const releasePath = "/rpc/v1/leases/{nonce}/release"

// releaseBackoff is how long a coordinator leases nothing to a node that
// handed a lease back: its gossip says it is away soon after.
const releaseBackoff = 10 * time.Second

// Why a release is refused.
var (
	errNoLease   = errors.New("no such lease in progress")
	errNotHolder = errors.New("the lease is not the caller's")
	errAnswered  = errors.New("the lease's result is being accepted")
)

// errReleased is the cause a worker's render is cancelled with when it
// hands its lease back.
var errReleased = errors.New("lease handed back")

// handleRelease is POST /rpc/v1/leases/{nonce}/release, signed by the
// lease's worker.
func (n *Node) handleRelease(rw http.ResponseWriter, r *http.Request) {
	from, ok := n.signedRequest(rw, r, "a lease is released by its worker")
	if !ok {
		return
	}
	err := n.coord.release(r.PathValue("nonce"), from)
	switch {
	case errors.Is(err, errNoLease):
		httpError(rw, http.StatusNotFound, err)
	case errors.Is(err, errNotHolder):
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusForbidden, err)
	case errors.Is(err, errAnswered):
		httpError(rw, http.StatusConflict, err)
	case err != nil:
		httpError(rw, http.StatusInternalServerError, err)
	default:
		writeJSON(rw, map[string]bool{"released": true})
	}
}

// release takes back the lease named nonce for its holder from: the task
// goes back to the queue, counted against nothing.
func (c *coordinator) release(nonce string, from common.Address) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if nonce == "" {
		return errNoLease
	}
	for _, j := range c.jobs {
		for _, t := range j.tasks {
			if tw := t.twin; tw != nil && tw.nonce == nonce {
				if tw.addr != from {
					return fmt.Errorf("%w: lease of task %d of job %s is %s's", errNotHolder, t.index, j.id, tw.node)
				}
				c.busy[tw.node] = c.now().Add(releaseBackoff)
				c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: tw.node, Reason: api.RequeueReleased, Message: "duplicate lease handed back by " + tw.node})
				t.dropTwin()
				return nil
			}
			if t.state != api.TaskLeased || t.nonce != nonce {
				continue
			}
			if t.addr != from {
				return fmt.Errorf("%w: lease of task %d of job %s is %s's", errNotHolder, t.index, j.id, t.node)
			}
			if t.accepting != 0 {
				return errAnswered
			}
			if t.cancel != nil {
				t.cancel()
				t.cancel = nil
			}
			c.busy[t.node] = c.now().Add(releaseBackoff)
			c.requeue(j, t)
			c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: t.node, Reason: api.RequeueReleased, Message: "lease handed back by " + t.node})
			c.kick()
			return nil
		}
	}
	return errNoLease
}

// heldLease is a lease a worker is rendering, as much as it needs to hand
// it back.
type heldLease struct {
	req     TaskRequest
	started time.Time
	cancel  context.CancelCauseFunc
	// keptSince is when an unavailable node first chose to finish the
	// lease within its grace rather than hand it back.
	keptSince time.Time
}

// heldLeases is the worker's table of leases in progress, by nonce.
type heldLeases struct {
	mu     sync.Mutex
	leases map[string]*heldLease
}

func (h *heldLeases) add(req TaskRequest, cancel context.CancelCauseFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.leases == nil {
		h.leases = make(map[string]*heldLease)
	}
	h.leases[req.Nonce] = &heldLease{req: req, started: time.Now(), cancel: cancel}
}

func (h *heldLeases) remove(nonce string) {
	h.mu.Lock()
	delete(h.leases, nonce)
	h.mu.Unlock()
}

// due picks the leases to hand back now: those not expected to end
// within grace (from their progress and time so far), and those kept
// longer than grace already.
func (w *worker) due(grace time.Duration, now time.Time) []*heldLease {
	w.held.mu.Lock()
	defer w.held.mu.Unlock()
	var out []*heldLease
	for nonce, l := range w.held.leases {
		p, _ := w.active.get(nonce)
		left, known := remaining(p, now.Sub(l.started))
		if known && left <= grace && (l.keptSince.IsZero() || now.Sub(l.keptSince) < grace) {
			if l.keptSince.IsZero() {
				l.keptSince = now
			}
			continue
		}
		out = append(out, l)
	}
	return out
}

// remaining estimates a render's time left from its progress so far; false
// when its progress says nothing yet.
func remaining(p taskProgress, elapsed time.Duration) (time.Duration, bool) {
	if p.Total <= 0 || p.Done <= 0 {
		return 0, false
	}
	if p.Done >= p.Total {
		return 0, true
	}
	return time.Duration(float64(elapsed) * float64(p.Total-p.Done) / float64(p.Done)), true
}

// releaseLeases hands back the leases that will not end within grace (all
// of them for a grace of 0): it tells each lease's coordinator, then stops
// the render. A coordinator that cannot be told still gets the render's
// "busy" answer, which costs the task nothing either.
func (w *worker) releaseLeases(ctx context.Context, grace time.Duration, why string) int {
	return w.handBack(ctx, w.due(grace, time.Now()), why)
}

// releaseRenderers hands back every lease of the renderers named in
// changed, at once: they were taken under a build the node no longer
// offers (reprobe.go).
func (w *worker) releaseRenderers(ctx context.Context, changed map[string]string, why string) int {
	w.held.mu.Lock()
	var leases []*heldLease
	for _, l := range w.held.leases {
		if _, ok := changed[l.req.Renderer]; ok {
			leases = append(leases, l)
		}
	}
	w.held.mu.Unlock()
	return w.handBack(ctx, leases, why)
}

// handBack tells each lease's coordinator it is handed back, then stops
// its render.
func (w *worker) handBack(ctx context.Context, leases []*heldLease, why string) int {
	var wg sync.WaitGroup
	for _, l := range leases {
		wg.Go(func() {
			if err := w.sendRelease(ctx, l.req); err != nil {
				w.log.Warn("hand lease back", "job", l.req.JobID, "task", l.req.Task, "err", err)
			}
			l.cancel(fmt.Errorf("%w: %s", errReleased, why))
		})
	}
	wg.Wait()
	return len(leases)
}

// sendRelease asks req's coordinator to take its lease back.
func (w *worker) sendRelease(ctx context.Context, req TaskRequest) error {
	coord := common.HexToAddress(req.Coordinator)
	base := ""
	members := w.members()
	for _, m := range members {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == coord {
			base = m.API
		}
	}
	if base == "" && len(req.Sources) > 0 {
		base = req.Sources[len(req.Sources)-1] // the coordinator's own URL
	}
	if base == "" {
		return fmt.Errorf("coordinator %s is not a member", coord.Hex())
	}
	path := "/rpc/v1/leases/" + url.PathEscape(req.Nonce) + "/release"
	target, err := rpcaddr.Join(base, path)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, target, nil)
	if err != nil {
		return err
	}
	hreq.Header.Set("Content-Type", "application/json")
	to, seen, ok := recipientOf(members, hreq.URL)
	if !ok || to != coord {
		to, seen = coord, hreq.URL.Path
	}
	if err := w.ident.SignRequest(hreq, seen, to); err != nil {
		return err
	}
	resp, err := w.hc.Do(hreq)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	return nil
}
