package farm

// Prefetch: a worker fetches a job's scene while it still renders other
// work, so fetch and render overlap instead of adding up per job.
//
// The coordinator drives it, because only it knows what comes next: after
// each scheduling pass, a job that still has tasks waiting for a slot is
// announced to the members that could render it and were never leased a
// task of it (at most prefetchAhead such jobs per member, in the order
// the scheduler will lease them), as a signed TaskRequest with Prefetch
// set, posted to /rpc/v1/prefetch. The worker answers at once and fetches
// in the background, one scene at a time and only while no lease of its
// own is fetching (a lease's scene comes first: it is needed now; one that
// starts stops the prefetch, which resumes from the bytes it kept), into
// its capped cache (blobstore.Prefetch: unpinned, and evicted before any
// blob a task has used), through the node's download cap. It refuses the
// hint, and fetches nothing, when its renderer could not take the job's
// tasks (another renderer, release, minimum version or feature: the same
// demand.admits the scheduler applies), when it is away, or, on a chain,
// when the job is not funded. A hint is only a guess: the lease that
// follows fetches whatever is missing, as it always did.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/renderer"
)

// prefetchPath is the worker's route for prefetch hints.
const prefetchPath = "/rpc/v1/prefetch"

// prefetchAhead is how many queued jobs' scenes a member is told to fetch
// ahead of their leases: enough to hide the next fetch behind the current
// render, few enough that guesses do not crowd the cache.
const prefetchAhead = 2

// prefetchQueue bounds the hints a worker holds; more are refused (the
// coordinator hints each job once, so this is only reached under a flood).
const prefetchQueue = 16

// prefetchTimeout bounds the coordinator's post of one hint.
const prefetchTimeout = 10 * time.Second

// PrefetchDemand is what a prefetch hint says a node must run to take the
// job's tasks, so the worker can refuse a scene it could never render.
type PrefetchDemand struct {
	Version    string `json:"version,omitempty"`
	MinVersion string `json:"min_version,omitempty"`
	Release    string `json:"release,omitempty"`
	Needs      string `json:"needs,omitempty"`
	Device     string `json:"device,omitempty"`
	Denoise    bool   `json:"denoise,omitempty"`
}

// demand is the scheduler's demand the hint carries (its price cap is the
// coordinator's business, not the worker's).
func (p PrefetchDemand) demand(rendererName string) demand {
	return demand{Renderer: rendererName, Version: p.Version, MinVersion: p.MinVersion,
		Release: p.Release, Needs: p.Needs, Device: p.Device, Denoise: p.Denoise}
}

// prefetchDemandOf is the part of j's demand a worker checks itself.
func prefetchDemandOf(j *job) *PrefetchDemand {
	d := j.demand()
	return &PrefetchDemand{Version: d.Version, MinVersion: d.MinVersion, Release: d.Release,
		Needs: d.Needs, Device: d.Device, Denoise: d.Denoise}
}

// sceneHinted and sceneLeased are what a job knows of a member and its
// scene: told to prefetch it, or leased a task (which fetches it).
const (
	sceneHinted = 1
	sceneLeased = 2
)

// markLeased records that m was leased a task of j; c.mu must be held.
func (j *job) markLeased(member string) {
	if j.scenes == nil {
		j.scenes = make(map[string]int)
	}
	j.scenes[member] = sceneLeased
}

// waiting reports whether a task of j is pending in its queue.
func (j *job) waiting() bool {
	for _, t := range j.queue {
		if t.state == api.TaskPending {
			return true
		}
	}
	return false
}

// hintPrefetches tells members the scenes of the jobs they are likely to
// be leased next; jobs are in scheduling order and c.mu must be held.
func (c *coordinator) hintPrefetches(ctx context.Context, jobs []*job, members []api.Member, now time.Time) {
	if !c.cfg.Prefetch {
		return
	}
	for _, m := range members {
		if m.ID == c.self || m.Away != "" {
			continue // the coordinator holds its jobs' scenes
		}
		ahead := 0
		for _, j := range jobs {
			if ahead >= prefetchAhead {
				break
			}
			if j.state.Final() || j.state == api.JobPaused || !j.waiting() {
				continue
			}
			switch j.scenes[m.ID] {
			case sceneLeased:
				continue
			case sceneHinted:
				ahead++
				continue
			}
			if !j.demand().admits(c.candidates([]api.Member{m}, j, now)[0]) {
				continue
			}
			if j.scenes == nil {
				j.scenes = make(map[string]int)
			}
			j.scenes[m.ID] = sceneHinted
			ahead++
			req := TaskRequest{
				JobID: j.id, Task: -1, Sources: c.sources(j, m.ID, members),
				Renderer: j.spec.Renderer, Scene: j.spec.Scene, SceneName: j.spec.SceneName,
				Coordinator: c.ident.Address().Hex(), Escrow: c.escrowID(j), JobHash: j.hash().Hex(),
				Time: now.UnixMilli(), Nonce: rpc.NewNonce(), Prefetch: prefetchDemandOf(j),
			}
			c.wg.Go(func() {
				// Signed off c.mu, like a lease (send).
				if err := c.signFor(&req, m); err != nil {
					c.log.Error("sign prefetch hint", "err", err)
					return
				}
				if err := c.postPrefetch(ctx, m, req); err != nil {
					c.log.Debug("prefetch hint", "job", j.id, "node", m.ID, "err", err)
				}
			})
		}
	}
}

// postPrefetch sends one hint to m.
func (c *coordinator) postPrefetch(ctx context.Context, m api.Member, req TaskRequest) error {
	ctx, cancel := context.WithTimeout(ctx, prefetchTimeout)
	defer cancel()
	body, _ := json.Marshal(req)
	target, err := rpcaddr.Join(m.API, prefetchPath)
	if err != nil {
		return err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	return nil
}

// handlePrefetch is POST /rpc/v1/prefetch: a coordinator's hint of a
// scene this node will likely need soon. It is checked like a lease, then
// queued; 202 Accepted says it was queued, not fetched.
func (w *worker) handlePrefetch(rw http.ResponseWriter, r *http.Request) {
	var req TaskRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxTaskRequest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("prefetch request: %w", err))
		return
	}
	if req.Prefetch == nil || req.Sample != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, errors.New("prefetch request: it names no demand (prefetch): a lease goes to /rpc/v1/render"))
		return
	}
	if status, err := w.authenticate(req); err != nil {
		httpError(rw, status, err)
		return
	}
	if w.prefetch == nil {
		httpError(rw, http.StatusServiceUnavailable, errors.New("this node does not prefetch (--prefetch=false)"))
		return
	}
	if why := w.awayReason(); why != "" {
		httpError(rw, http.StatusServiceUnavailable, fmt.Errorf("this node takes no work now: %s", why))
		return
	}
	if err := checkSources(req.Sources); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("job %s prefetch: %w", req.JobID, err))
		return
	}
	var err error
	if req.Sources, err = w.sceneSources(req); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("prefetch: %w", err))
		return
	}
	if err := w.canRender(req.Renderer, *req.Prefetch); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("job %s prefetch: %w", req.JobID, err))
		return
	}
	if _, status, err := w.checkFunded(r.Context(), req); err != nil {
		httpError(rw, status, err)
		return
	}
	select {
	case w.prefetch <- req:
		rw.WriteHeader(http.StatusAccepted)
	default:
		httpError(rw, http.StatusServiceUnavailable, errors.New("prefetch queue is full"))
	}
}

// canRender says why this node could not take tasks of the given demand,
// or nil when it could.
func (w *worker) canRender(name string, p PrefetchDemand) error {
	rend, ok := w.renderers[name]
	if !ok {
		return fmt.Errorf("this node has no %q renderer", name)
	}
	build := renderer.Advertised(rend)
	me := candidate{Member: api.Member{NodeMeta: api.NodeMeta{Renderers: map[string]string{name: build}}}}
	if !p.demand(name).admits(me) {
		return fmt.Errorf("this node's %s does not meet the job's demand %+v", build, p)
	}
	return nil
}

// runPrefetch fetches hinted scenes one at a time until ctx ends.
func (w *worker) runPrefetch(ctx context.Context) {
	for {
		var req TaskRequest
		select {
		case <-ctx.Done():
			return
		case req = <-w.prefetch:
		}
		if _, ok := w.blobs.Path(req.Scene); ok {
			continue // one of this node's own jobs
		}
		fetched, err := w.prefetchOne(ctx, req)
		switch {
		case err != nil:
			w.log.Debug("prefetch", "job", req.JobID, "scene", req.Scene, "err", err)
		case fetched:
			w.metrics.prefetched.Add(1)
		}
	}
}

// prefetchOne fetches req's scene while no lease fetches one: a lease
// that starts to fetch stops it (the bytes that arrived are kept, and the
// prefetch resumes from them once the lease has its scene), so a scene
// needed now never shares the download cap with a guess.
func (w *worker) prefetchOne(ctx context.Context, req TaskRequest) (bool, error) {
	for {
		if !w.leaseFetches.waitIdle(ctx) {
			return false, ctx.Err()
		}
		pctx, stop := w.leaseFetches.prefetching(ctx)
		fetched, err := w.cache.Prefetch(pctx, w.hc, req.Sources, req.Scene)
		stopped := pctx.Err() != nil && ctx.Err() == nil
		stop()
		if err == nil || !stopped {
			return fetched, err
		}
	}
}

// fetchGate counts a worker's leases fetching their scene, so prefetches
// wait until none does, and stops a prefetch under way when one starts.
type fetchGate struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed while n is 0
	// stopPrefetch cancels the prefetch under way; nil when none is.
	stopPrefetch context.CancelFunc
}

// prefetching returns the context of a prefetch that a lease's fetch
// cancels, and the func that ends it.
func (g *fetchGate) prefetching(ctx context.Context) (context.Context, context.CancelFunc) {
	pctx, cancel := context.WithCancel(ctx)
	g.mu.Lock()
	if g.n > 0 {
		cancel() // a lease began to fetch since waitIdle
	}
	g.stopPrefetch = cancel
	g.mu.Unlock()
	return pctx, func() {
		g.mu.Lock()
		g.stopPrefetch = nil
		g.mu.Unlock()
		cancel()
	}
}

// begin counts a lease's fetch, stopping any prefetch under way; the
// returned func ends it.
func (g *fetchGate) begin() (end func()) {
	g.mu.Lock()
	if g.n == 0 {
		g.idle = make(chan struct{})
	}
	g.n++
	if g.stopPrefetch != nil {
		g.stopPrefetch()
	}
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		if g.n--; g.n == 0 {
			close(g.idle)
		}
		g.mu.Unlock()
	}
}

// waitIdle waits until no lease is fetching; false when ctx ended first.
func (g *fetchGate) waitIdle(ctx context.Context) bool {
	g.mu.Lock()
	idle := g.idle
	g.mu.Unlock()
	if idle == nil {
		return true
	}
	select {
	case <-idle:
		return true
	case <-ctx.Done():
		return false
	}
}
