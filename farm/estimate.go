package farm

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"image"
	"math/big"
	"net/http"
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// Sample crops of an estimate: small windows spread over the frame, at the
// job's own samples and settings, so their time per pixel is the job's.
const (
	estimateCrop = 32 // pixels a side (less in a smaller frame)
	// estimateFrames is how many frames are sampled: the first, middle and
	// last of the job's (distinct ones), which stand for their thirds.
	estimateFrames = 3
)

// cropCentres are where the crops of a frame sit, as fractions of its width
// and height: five for a one-frame job, the first three for each of several
// frames (the centre and two opposite quarters).
var cropCentres = [][2]float64{{0.5, 0.5}, {0.25, 0.25}, {0.75, 0.75}, {0.75, 0.25}, {0.25, 0.75}}

// estimateSlotWait is how long an estimate waits for one of this node's
// render slots, busy with leased tasks, before it is refused.
const estimateSlotWait = 2 * time.Minute

// postEstimate answers what the posted job spec would take and cost
// (coordinator.estimate): a submission's checks, then sample renders in one
// of this node's render slots, so estimates never render beside more tasks
// than the node has slots for.
func (n *Node) postEstimate(rw http.ResponseWriter, r *http.Request) {
	spec, ok := readSpec(rw, r)
	if !ok {
		return
	}
	if !n.work.acquire(r.Context(), n.work.slots, time.After(estimateSlotWait)) {
		httpError(rw, http.StatusServiceUnavailable, errors.New("estimate: all render slots are busy: try again later"))
		return
	}
	est, err := n.coord.estimate(r.Context(), spec)
	<-n.work.slots
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, est)
}

// estimate predicts what the job of spec would take and cost on the cluster
// now: it checks spec as a submission would, renders sample crops and a
// 1x1-pixel task on this node (the caller holds a render slot for it), and
// spreads the predicted tasks over the members that may take them. Nothing
// is created or locked.
func (c *coordinator) estimate(ctx context.Context, spec api.JobSpec) (api.Estimate, error) {
	spec, _, err := c.resolveAuto(spec)
	if err != nil {
		return api.Estimate{}, err
	}
	info, err := c.checkSpec(ctx, spec)
	if err != nil {
		return api.Estimate{}, err
	}
	j, err := c.planJob(spec, info)
	if err != nil {
		return api.Estimate{}, err
	}
	scene, err := c.blobs.Linked(spec.Scene, filepath.Ext(spec.SceneName))
	if err != nil {
		return api.Estimate{}, err
	}
	threads := c.cfg.Threads
	if threads <= 0 || threads > runtime.NumCPU() {
		threads = runtime.NumCPU()
	}
	est := api.Estimate{Tasks: len(j.tasks), SampledOn: c.self, Sampling: "local", Threads: threads}
	base := renderer.Task{
		Scene: scene, Width: spec.Resolution.Width, Height: spec.Resolution.Height,
		Samples: spec.Samples, Seed: spec.Seed, Threads: c.cfg.Threads,
		Denoise: spec.Denoise, HDR: spec.Format == api.FormatEXR,
		Passes: len(j.passNames) > 0, AdaptiveSampling: j.adaptive,
	}
	rend := c.renderers[spec.Renderer] // checkSpec made sure it is here
	timed := func(frame int, region image.Rectangle) (float64, error) {
		t := base
		t.Frame, t.Region = frame, region
		start := time.Now()
		if _, err := rend.Render(ctx, t); err != nil {
			return 0, fmt.Errorf("estimate: sample of frame %d %v: %w", frame, region, err)
		}
		return time.Since(start).Seconds(), nil
	}

	frames := spec.Frames.List()
	picked := sampleFrames(len(frames))
	// The fixed cost comes first, twice: the first render also loads the
	// scene and builds the frame, which a worker does once (per frame, for
	// a renderer that keeps built frames), the second is a task's own.
	cold := make([]float64, len(picked))
	if cold[0], err = timed(frames[picked[0]], image.Rect(0, 0, 1, 1)); err != nil {
		return api.Estimate{}, err
	}
	if est.OverheadSeconds, err = timed(frames[picked[0]], image.Rect(0, 0, 1, 1)); err != nil {
		return api.Estimate{}, err
	}
	for i, fi := range picked[1:] {
		if cold[i+1], err = timed(frames[fi], image.Rect(0, 0, 1, 1)); err != nil {
			return api.Estimate{}, err
		}
	}
	est.OverheadSeconds = min(est.OverheadSeconds, slices.Min(cold))
	setups := make([]float64, len(picked)) // a frame's first task's extra, on each worker
	for i := range picked {
		setups[i] = cold[i] - est.OverheadSeconds
	}
	crops := cropCentres
	if len(picked) > 1 {
		crops = crops[:3]
	}
	rates := make([]pixelRate, len(picked)) // per sampled frame
	for i, fi := range picked {
		for _, at := range crops {
			r := cropAt(spec.Resolution.Width, spec.Resolution.Height, at)
			secs, err := timed(frames[fi], r)
			if err != nil {
				return api.Estimate{}, err
			}
			est.Samples = append(est.Samples, api.EstimateSample{Frame: frames[fi], Rect: r, Seconds: secs})
			rates[i].add(max(secs-est.OverheadSeconds, 0) / float64(r.Dx()*r.Dy()))
		}
	}

	// Each task at the rate of the sampled frame nearest its own.
	nearest := make(map[int]int, len(frames)) // frame -> index in picked
	for k, f := range frames {
		best := 0
		for i, fi := range picked {
			if abs(fi-k) < abs(picked[best]-k) {
				best = i
			}
		}
		nearest[f] = best
	}
	costs := func(pick func(pixelRate) float64) []taskCost {
		out := make([]taskCost, len(j.tasks))
		for i, t := range j.tasks {
			near := nearest[t.tile.Frame]
			// A finish task: its renderer's start and the scene's compositor.
			out[i] = taskCost{seconds: est.OverheadSeconds, setup: setups[near], frame: t.tile.Frame}
			if !t.finish {
				out[i].seconds += pick(rates[near]) * float64(t.tile.Rect.Dx()*t.tile.Rect.Dy())
			}
		}
		return out
	}

	members := c.members()
	c.mu.Lock()
	cands := c.candidates(members, j, c.now())
	c.mu.Unlock()
	d := j.demand()
	var fit []api.Member
	for _, cand := range cands {
		if d.admits(cand) {
			fit = append(fit, cand.Member)
		}
	}
	local := float64(threads) // the samples rendered alone, on this many threads
	mid := spread(costs(pixelRate.mean), fit, local)
	low := spread(costs(pixelRate.least), fit, local)
	high := spread(costs(pixelRate.most), fit, local)
	est.RenderSeconds, est.RenderSecondsLow, est.RenderSecondsHigh = mid.renderSeconds, low.renderSeconds, high.renderSeconds
	est.CPUSeconds = mid.cpuSeconds
	est.WallSeconds, est.WallSecondsLow, est.WallSecondsHigh = mid.wall, low.wall, high.wall
	est.Cost = api.TokensFromWei(mid.cost)
	est.Nodes = len(fit)
	for _, m := range fit {
		est.Slots += max(m.Slots, 1)
	}
	if len(fit) == 0 {
		est.Notes = append(est.Notes, noMemberNote(j))
		// The render time of the tasks still stands, as this node
		// measured it: all on one slot of it.
		self := []api.Member{{NodeMeta: api.NodeMeta{ID: c.self, Cores: threads, Slots: 1}}}
		mid, low, high := spread(costs(pixelRate.mean), self, local), spread(costs(pixelRate.least), self, local), spread(costs(pixelRate.most), self, local)
		est.RenderSeconds, est.RenderSecondsLow, est.RenderSecondsHigh = mid.renderSeconds, low.renderSeconds, high.renderSeconds
		est.CPUSeconds = mid.cpuSeconds
		return est, nil
	}
	cheap, dear := fit[0].Price, fit[0].Price
	for _, m := range fit[1:] {
		if m.Price.Cmp(cheap) < 0 {
			cheap = m.Price
		}
		if m.Price.Cmp(dear) > 0 {
			dear = m.Price
		}
	}
	n := big.NewInt(int64(len(j.tasks)))
	est.CostLow = api.TokensFromWei(new(big.Int).Mul(cheap.Wei(), n))
	est.CostHigh = api.TokensFromWei(new(big.Int).Mul(dear.Wei(), n))
	switch {
	case c.chain == nil && !spec.Budget.IsZero():
		est.Notes = append(est.Notes, "this node settles on no chain: a submission with a budget is refused (leave out --budget)")
	case c.chain != nil && spec.Budget.IsZero():
		est.Notes = append(est.Notes, fmt.Sprintf("this node settles on a chain: a submission needs a budget (--budget %s covers it)", est.CostHigh))
	}
	if spec.VerifyRate > 0 {
		est.Notes = append(est.Notes, fmt.Sprintf("spot checks (%.0f%% of tasks) re-render small crops on other nodes: not in the render time, not paid from the budget", spec.VerifyRate*100))
	}
	return est, nil
}

// noMemberNote says why no member may render job j now.
func noMemberNote(j *job) string {
	if limit := j.taskCap(); !limit.IsZero() {
		return fmt.Sprintf("no member of the cluster may render it now: none runs %s at %s or less a task (the budget or --max-price)", j.spec.Renderer, limit)
	}
	return fmt.Sprintf("no member of the cluster may render it now (none runs a %s it fits); the wall time and cost are unknown", j.spec.Renderer)
}

// sampleFrames returns the indexes of the frames to sample among n: the
// first, middle and last, distinct.
func sampleFrames(n int) []int {
	out := []int{0}
	for _, i := range []int{(n - 1) / 2, n - 1} {
		if i != out[len(out)-1] && len(out) < estimateFrames {
			out = append(out, i)
		}
	}
	return out
}

// cropAt is the sample crop centred at the fraction at of a w x h frame,
// kept inside it.
func cropAt(w, h int, at [2]float64) image.Rectangle {
	cw, ch := min(estimateCrop, w), min(estimateCrop, h)
	x := min(max(int(at[0]*float64(w))-cw/2, 0), w-cw)
	y := min(max(int(at[1]*float64(h))-ch/2, 0), h-ch)
	return image.Rect(x, y, x+cw, y+ch)
}

// pixelRate is a sampled frame's render seconds per pixel, beyond a task's
// fixed cost, over its crops.
type pixelRate struct {
	sum, lo, hi float64
	n           int
}

func (r *pixelRate) add(v float64) {
	if r.n == 0 || v < r.lo {
		r.lo = v
	}
	if r.n == 0 || v > r.hi {
		r.hi = v
	}
	r.sum += v
	r.n++
}

func (r pixelRate) mean() float64 {
	if r.n == 0 {
		return 0
	}
	return r.sum / float64(r.n)
}

func (r pixelRate) least() float64 { return r.lo }
func (r pixelRate) most() float64  { return r.hi }

// coresPerSlot is the cores a task of each member gets when all slots are
// busy: its machine's cores over the slots of every member on that machine
// (nodes that share a host, as a test cluster's do, share its cores).
func coresPerSlot(members []api.Member) []float64 {
	slots := map[string]int{}
	for _, m := range members {
		slots[hostOf(m)] += max(m.Slots, 1)
	}
	out := make([]float64, len(members))
	for i, m := range members {
		out[i] = max(float64(m.Cores), 1) / float64(slots[hostOf(m)])
	}
	return out
}

// hostOf names m's machine: the host of its RPC URL, or, without one, the
// member itself.
func hostOf(m api.Member) string {
	if u, err := url.Parse(m.API); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "member " + m.ID
}

// spreadResult is a simulated run of a job's tasks on members.
type spreadResult struct {
	wall, renderSeconds, cpuSeconds float64
	cost                            *big.Int // wei
}

// taskCost is a task's predicted render seconds where the samples were
// rendered, and the extra seconds of a worker's first task of its frame
// (loading the scene, building the frame).
type taskCost struct {
	seconds, setup float64
	frame          int
}

// spread simulates the tasks (their render seconds here, where a render
// had local cores) leased in order, each to the slot that frees first, on
// the members: a task takes local/coresPerSlot times as long on a member,
// and a member's first task of each frame pays its setup. A worker's own
// threads setting is not gossiped: every member is taken to render with
// all its cores. It returns the last task's end, the tasks' render and
// CPU seconds there and what they pay at the members' prices.
func spread(tasks []taskCost, members []api.Member, local float64) spreadResult {
	res := spreadResult{cost: new(big.Int)}
	if len(members) == 0 {
		return res
	}
	cores := coresPerSlot(members)
	var free slotHeap
	for i, m := range members {
		for range max(m.Slots, 1) {
			free = append(free, slotFree{member: i, order: len(free)})
		}
	}
	heap.Init(&free)
	built := map[[2]int]bool{} // member, frame
	for _, t := range tasks {
		s := heap.Pop(&free).(slotFree)
		m := members[s.member]
		secs := t.seconds
		if key := [2]int{s.member, t.frame}; !built[key] {
			built[key] = true
			secs += t.setup
		}
		took := secs * local / cores[s.member]
		s.at += took
		res.renderSeconds += took
		res.cpuSeconds += took * cores[s.member]
		res.cost.Add(res.cost, m.Price.Wei())
		res.wall = max(res.wall, s.at)
		heap.Push(&free, s)
	}
	return res
}

// slotFree is when one render slot of a member frees.
type slotFree struct {
	at     float64
	member int
	order  int // breaks ties, so the simulation is deterministic
}

// slotHeap is the slots by when they free.
type slotHeap []slotFree

func (h slotHeap) Len() int { return len(h) }
func (h slotHeap) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].order < h[j].order
}
func (h slotHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *slotHeap) Push(x any)   { *h = append(*h, x.(slotFree)) }
func (h *slotHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
