package farm

// Estimate samples on the cluster: the coordinator of an estimate asks the
// members that would render the job to time a few small windows of it at
// the job's settings (POST /rpc/v1/estimate/sample, a signed TaskRequest
// with Sample set), so each member's own speed predicts the tasks it would
// get (estimate.go).
//
// A sample is unpaid work on another's behalf, so it is kept small and
// useless as a way to have frames rendered for free: a request times at
// most maxSampleWindows windows of at most estimateCrop x estimateCrop
// pixels, maxSamplePixels in all, and bounded in time (sampleTimeout); a
// member spends at most samplePixelRate pixels a second on any one
// requester (a burst of sampleBurst); and the answer carries only the
// seconds each window took, never its pixels. It is refused, like a lease,
// by a member that is away, lacks the job's renderer or release, or has no
// slot free soon.
//
// Who gains if a member lies about its times? Nobody is paid from them:
// an estimate locks nothing and pay follows rendered, checked tiles and
// the member's advertised price. A lying member only moves the estimate
// its requester sees (and the estimate names each member's rate, so an
// odd one shows).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/time/rate"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
)

// estimateSamplePath is a member's route for an estimate's sample windows.
const estimateSamplePath = "/rpc/v1/estimate/sample"

// Bounds of the samples a member renders for one requester.
const (
	maxSampleWindows = 16
	maxSamplePixels  = maxSampleWindows * estimateCrop * estimateCrop
	// samplePixelRate and sampleBurst: a few estimates in a row are
	// answered at once, then about one full request every 30 seconds.
	samplePixelRate = maxSamplePixels / 30
	sampleBurst     = 4 * maxSamplePixels
	// sampleTimeout bounds the renders of one request (a scene at
	// production samples may not finish its windows in it: refused).
	sampleTimeout = 90 * time.Second
	// sampleSlotWait is how long a request waits for a render slot.
	sampleSlotWait = 30 * time.Second
	// maxSampleRequesters bounds the limiters a member keeps; past it
	// they start afresh (requesters must be members: few).
	maxSampleRequesters = 1024
)

// SampleRequest is what an estimate asks a member to time.
type SampleRequest struct {
	// Demand is what the member must run to take the job's tasks.
	Demand PrefetchDemand `json:"demand"`
	// Windows are rendered in order, each timed on its own.
	Windows []SampleWindow `json:"windows"`
}

// SampleWindow is one timed render: a region of a frame.
type SampleWindow struct {
	Frame int             `json:"frame"`
	Rect  image.Rectangle `json:"rect"`
}

// SampleAnswer is a member's answer: the seconds each window took, in
// order, the threads it rendered them with, and the CPU time its process
// (and its renderer's processes that ended) spent meanwhile: over the
// seconds, the cores a render really gets on that machine now.
type SampleAnswer struct {
	Node       string    `json:"node"`
	Threads    int       `json:"threads"`
	Seconds    []float64 `json:"seconds"`
	CPUSeconds float64   `json:"cpu_seconds,omitempty"`
}

// check says what is wrong with req's windows for a w x h frame.
func (s SampleRequest) check(w, h int) error {
	if len(s.Windows) == 0 || len(s.Windows) > maxSampleWindows {
		return fmt.Errorf("estimate sample: %d windows: want 1 to %d", len(s.Windows), maxSampleWindows)
	}
	frame := image.Rect(0, 0, w, h)
	total := 0
	for _, win := range s.Windows {
		r := win.Rect
		if r.Empty() || !r.In(frame) || r.Dx() > estimateCrop || r.Dy() > estimateCrop {
			return fmt.Errorf("estimate sample: window %v: want a non-empty window of at most %dx%d inside the %dx%d frame", r, estimateCrop, estimateCrop, w, h)
		}
		total += r.Dx() * r.Dy()
	}
	if total > maxSamplePixels {
		return fmt.Errorf("estimate sample: %d pixels: at most %d a request", total, maxSamplePixels)
	}
	return nil
}

// pixels is how many pixels req's windows hold.
func (s SampleRequest) pixels() int {
	n := 0
	for _, win := range s.Windows {
		n += win.Rect.Dx() * win.Rect.Dy()
	}
	return n
}

// sampleLimits holds a pixel budget per requester.
type sampleLimits struct {
	mu  sync.Mutex
	per map[common.Address]*rate.Limiter
}

// allow takes n pixels from who's budget; false when it has not that many.
func (l *sampleLimits) allow(who common.Address, n int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.per == nil || len(l.per) >= maxSampleRequesters {
		l.per = make(map[common.Address]*rate.Limiter)
	}
	lim, ok := l.per[who]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(samplePixelRate), sampleBurst)
		l.per[who] = lim
	}
	return lim.AllowN(now, n)
}

// handleSample is POST /rpc/v1/estimate/sample: a member times an
// estimate's windows and answers the seconds (SampleAnswer), no pixels.
func (w *worker) handleSample(rw http.ResponseWriter, r *http.Request) {
	var req TaskRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxTaskRequest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("estimate sample: %w", err))
		return
	}
	if req.Sample == nil || req.Prefetch != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, errors.New("estimate sample: the request names no windows (sample): a lease goes to /rpc/v1/render"))
		return
	}
	if status, err := w.authenticate(req); err != nil {
		httpError(rw, status, err)
		return
	}
	w.metrics.estimateSamples.Add(1)
	if why := w.awayReason(); why != "" {
		httpError(rw, http.StatusServiceUnavailable, fmt.Errorf("this node takes no work now: %s", why))
		return
	}
	if err := req.Sample.check(req.Width, req.Height); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	if err := checkSources(req.Sources); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("estimate sample: %w", err))
		return
	}
	var err error
	if req.Sources, err = w.sceneSources(req); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("estimate sample: %w", err))
		return
	}
	if why, no := w.refused[req.Renderer]; no {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("this node refuses %q tasks: %s", req.Renderer, why))
		return
	}
	if err := w.canRender(req.Renderer, req.Sample.Demand); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("estimate sample: %w", err))
		return
	}
	if !w.samples.allow(common.HexToAddress(req.Coordinator), req.Sample.pixels(), time.Now()) {
		httpError(rw, http.StatusTooManyRequests, fmt.Errorf("estimate sample: %s asked for more than %d sample pixels a second: try again later", req.Coordinator, samplePixelRate))
		return
	}
	if !w.acquire(r.Context(), w.slots, time.After(sampleSlotWait)) {
		w.metrics.busyRefusals.Add(1)
		httpError(rw, http.StatusServiceUnavailable, errors.New("estimate sample: all render slots are busy"))
		return
	}
	defer func() { <-w.slots }()
	ctx, cancel := context.WithTimeout(r.Context(), sampleTimeout)
	defer cancel()
	stop := context.AfterFunc(w.ctx, cancel)
	defer stop()

	store := w.blobs
	if _, ok := store.Path(req.Scene); !ok {
		store = w.cache
		endFetch := w.leaseFetches.begin()
		_, unpin, err := store.FetchPinned(ctx, w.hc, req.Sources, req.Scene)
		endFetch()
		if err != nil {
			httpError(rw, http.StatusBadGateway, fmt.Errorf("estimate sample: scene: %w", err))
			return
		}
		defer unpin()
	}
	scene, err := store.Linked(req.Scene, filepath.Ext(req.SceneName))
	if err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	base := req.task(scene)
	base.Threads = w.threads
	// canRender made sure the renderer is here.
	ans, err := sampleHere(ctx, w.renderers[req.Renderer], base, req.Sample.Windows, w.renderThreads(), w.id)
	if err != nil {
		httpError(rw, http.StatusUnprocessableEntity, err)
		return
	}
	writeJSON(rw, ans)
}

// postSample asks member m to time req's windows.
func (c *coordinator) postSample(ctx context.Context, m api.Member, req TaskRequest) (SampleAnswer, error) {
	var ans SampleAnswer
	if err := c.signFor(&req, m); err != nil {
		return ans, err
	}
	body, _ := json.Marshal(req)
	target, err := rpcaddr.Join(m.API, estimateSamplePath)
	if err != nil {
		return ans, err
	}
	ctx, cancel := context.WithTimeout(ctx, sampleTimeout+sampleSlotWait+time.Minute) // and the scene's fetch
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return ans, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return ans, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ans, fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&ans); err != nil {
		return ans, fmt.Errorf("estimate sample answer: %w", err)
	}
	if len(ans.Seconds) != len(req.Sample.Windows) || ans.Threads < 1 {
		return ans, fmt.Errorf("estimate sample answer: %d times for %d windows, %d threads", len(ans.Seconds), len(req.Sample.Windows), ans.Threads)
	}
	for _, s := range ans.Seconds {
		if !(s > 0 && s < sampleTimeout.Seconds()) {
			return ans, fmt.Errorf("estimate sample answer: a window took %v seconds", s)
		}
	}
	if !(ans.CPUSeconds >= 0 && ans.CPUSeconds < sampleTimeout.Seconds()*1024) {
		return ans, fmt.Errorf("estimate sample answer: %v CPU seconds", ans.CPUSeconds)
	}
	return ans, nil
}
