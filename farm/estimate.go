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
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
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

// estimateSlotWait is how long an estimate that samples on this node
// alone waits for one of its render slots, busy with leased tasks, before
// it is refused.
const estimateSlotWait = 2 * time.Minute

// maxSampledMembers bounds the members an estimate asks for samples; the
// others that may render the job are predicted from them.
const maxSampledMembers = 8

// unsampledSpread widens the rate range of a member that was not sampled:
// it is predicted from others' rates, which may not be its own.
const unsampledSpread = 0.25

// postEstimate answers what the posted job spec would take and cost
// (coordinator.estimate): a submission's checks, then sample renders on
// the members that would render it. When none may, or none answers, this
// node samples alone, in one of its render slots, so estimates never
// render beside more tasks than the node has slots for.
func (n *Node) postEstimate(rw http.ResponseWriter, r *http.Request) {
	spec, ok := readSpec(rw, r)
	if !ok {
		return
	}
	local := func(ctx context.Context, base renderer.Task, windows []SampleWindow) (SampleAnswer, error) {
		if !n.work.acquire(ctx, n.work.slots, time.After(estimateSlotWait)) {
			return SampleAnswer{}, errEstimateBusy
		}
		defer func() { <-n.work.slots }()
		return sampleHere(ctx, n.coord.renderers[spec.Renderer], base, windows, n.work.renderThreads(), n.coord.self)
	}
	est, err := n.coord.estimate(r.Context(), spec, local)
	if errors.Is(err, errEstimateBusy) {
		httpError(rw, http.StatusServiceUnavailable, err)
		return
	}
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, est)
}

// errEstimateBusy refuses an estimate this node must sample itself while
// its render slots stay busy.
var errEstimateBusy = errors.New("estimate: all render slots are busy: try again later")

// sampleHere times windows of base with rend on this node.
func sampleHere(ctx context.Context, rend renderer.Renderer, base renderer.Task, windows []SampleWindow, threads int, self string) (SampleAnswer, error) {
	ans := SampleAnswer{Node: self, Threads: threads}
	cpu := processCPU()
	for _, win := range windows {
		t := base
		t.Frame, t.Region = win.Frame, win.Rect
		start := time.Now()
		res, err := rend.Render(ctx, t)
		if err != nil {
			return ans, fmt.Errorf("estimate: sample of frame %d %v: %w", win.Frame, win.Rect, err)
		}
		// A worker encodes each tile it renders: that is part of a task's
		// time too (its pixels are dropped: an estimate returns none).
		if _, _, err := encodeTile(res, t.HDR, t.Passes); err != nil {
			return ans, fmt.Errorf("estimate: sample of frame %d %v: %w", win.Frame, win.Rect, err)
		}
		ans.Seconds = append(ans.Seconds, time.Since(start).Seconds())
	}
	ans.CPUSeconds = max(processCPU()-cpu, 0)
	return ans, nil
}

// sampleFunc times windows of a task where it is called.
type sampleFunc func(ctx context.Context, base renderer.Task, windows []SampleWindow) (SampleAnswer, error)

// estimate predicts what the job of spec would take and cost on the cluster
// now: it checks spec as a submission would, has the members that may
// render it time the same sample windows (sampleWindows), and simulates
// the tasks leased to them, each member at its own measured rate (members
// not sampled at the mean of the others, with a wider range). Without a
// member to sample, local samples on this node. Nothing is created or
// locked.
func (c *coordinator) estimate(ctx context.Context, spec api.JobSpec, local sampleFunc) (api.Estimate, error) {
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
	est := api.Estimate{Tasks: len(j.tasks)}
	base := renderer.Task{
		Scene: scene, Width: spec.Resolution.Width, Height: spec.Resolution.Height, Area: spec.RegionRect(),
		Samples: spec.Samples, Seed: spec.Seed, Threads: c.cfg.Threads,
		Denoise: spec.Denoise, HDR: hdrFormat(spec.Format), Opaque: opaqueFormat(spec.Format),
		Passes: len(j.framing.Passes) > 0, Keep: j.framing.Passes, AdaptiveSampling: j.framing.Adaptive,
	}
	frames := spec.Frames.List()
	picked := sampleFrames(len(frames))
	lay := newSampleLayout(spec.Area(), frames, picked)

	members := c.members()
	c.mu.Lock()
	cands := c.candidates(members, j, c.now())
	c.mu.Unlock()
	d := j.demand()
	var fit []api.Member
	away := 0
	for _, cand := range cands {
		switch {
		case !d.admits(cand):
		case cand.Member.Away != "":
			away++ // it renders nothing now: not asked, not counted
		default:
			fit = append(fit, cand.Member)
		}
	}
	if away > 0 {
		est.Notes = append(est.Notes, fmt.Sprintf("%d member(s) that could render it are away: not sampled, not counted", away))
	}
	if note := c.otherReleases(); note != "" {
		est.Notes = append(est.Notes, note)
	}
	answers := c.sampleMembers(ctx, spec, j, fit, lay.windows)
	models := make([]*memberModel, len(fit))
	var sampled []string
	for i, a := range answers {
		if a.err != nil {
			est.Notes = append(est.Notes, fmt.Sprintf("%s was not sampled: %v", fit[i].ID, a.err))
			continue
		}
		m := lay.model(a.ans)
		models[i] = &m
		sampled = append(sampled, fit[i].ID)
		est.Samples = append(est.Samples, lay.samples(a.ans)...)
	}
	est.Sampling = "cluster"
	if len(sampled) == 0 {
		// No member answered (or none may render it): the tasks' render
		// time still stands, as this node measures it.
		ans, err := local(ctx, base, lay.windows)
		if err != nil {
			return api.Estimate{}, err
		}
		est.Sampling, sampled = "local", []string{c.self}
		est.Samples = lay.samples(ans)
		self := lay.model(ans)
		if len(fit) == 0 {
			est.Notes = append(est.Notes, noMemberNote(j))
			me := api.Member{NodeMeta: api.NodeMeta{ID: c.self, Cores: ans.Threads, Slots: 1}}
			mid, low, high := spreadAll(j, lay, []api.Member{me}, []*memberModel{&self})
			est.RenderSeconds, est.RenderSecondsLow, est.RenderSecondsHigh = mid.renderSeconds, low.renderSeconds, high.renderSeconds
			est.CPUSeconds, est.OverheadSeconds, est.Threads = mid.cpuSeconds, self.overhead, ans.Threads
			est.SampledOn = c.self
			return est, nil
		}
		for i := range models {
			models[i] = nil // all predicted from this node's samples
		}
		est.Members = append(est.Members, api.EstimateMember{ID: c.self, Sampled: true, Threads: ans.Threads,
			SecondsPerPixel: self.meanRate(), OverheadSeconds: self.overhead})
		fillUnsampled(models, fit, []*memberModel{&self})
	} else {
		fillUnsampled(models, fit, nonNil(models))
	}
	est.SampledOn = strings.Join(sampled, ", ")

	mid, low, high := spreadAll(j, lay, fit, models)
	est.RenderSeconds, est.RenderSecondsLow, est.RenderSecondsHigh = mid.renderSeconds, low.renderSeconds, high.renderSeconds
	est.CPUSeconds = mid.cpuSeconds
	est.WallSeconds, est.WallSecondsLow, est.WallSecondsHigh = mid.wall, low.wall, high.wall
	est.Cost = api.TokensFromWei(mid.cost)
	est.Nodes = len(fit)
	var overhead float64
	for i, m := range fit {
		est.Slots += max(m.Slots, 1)
		mm := models[i]
		overhead += mm.overhead
		est.Threads = max(est.Threads, int(mm.threads))
		est.Members = append(est.Members, api.EstimateMember{ID: m.ID, Sampled: !mm.predicted, Threads: int(mm.threads),
			SecondsPerPixel: mm.meanRate(), OverheadSeconds: mm.overhead, Tasks: mid.tasks[i]})
	}
	est.OverheadSeconds = overhead / float64(len(fit))
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

// sampleAnswer is a member's answer to an estimate, or why there is none.
type sampleAnswer struct {
	ans SampleAnswer
	err error
}

// sampleMembers asks up to maxSampledMembers of fit to time windows of
// spec's job. Members on one machine are asked one after another (their
// samples would otherwise share its cores and each seem slower than it
// is alone); machines at once.
func (c *coordinator) sampleMembers(ctx context.Context, spec api.JobSpec, j *job, fit []api.Member, windows []SampleWindow) []sampleAnswer {
	out := make([]sampleAnswer, len(fit))
	hosts := map[string][]int{}
	var order []string
	for i, m := range fit {
		if i >= maxSampledMembers {
			out[i].err = fmt.Errorf("the estimate samples at most %d members", maxSampledMembers)
			continue
		}
		h := hostOf(m)
		if _, ok := hosts[h]; !ok {
			order = append(order, h)
		}
		hosts[h] = append(hosts[h], i)
	}
	req := TaskRequest{
		JobID: "estimate", Task: -1, Sources: []string{c.selfURL()},
		Renderer: spec.Renderer, Scene: spec.Scene, SceneName: spec.SceneName,
		Width: spec.Resolution.Width, Height: spec.Resolution.Height, Samples: spec.Samples, Seed: spec.Seed,
		Area: spec.RegionRect(), Denoise: spec.Denoise, Format: spec.Format, Passes: j.framing.Passes, AdaptiveSampling: j.framing.Adaptive,
		Coordinator: c.ident.Address().Hex(),
		Sample:      &SampleRequest{Demand: *prefetchDemandOf(j), Windows: windows},
	}
	var wg sync.WaitGroup
	for _, h := range order {
		wg.Go(func() {
			for _, i := range hosts[h] {
				r := req
				r.Time, r.Nonce = c.now().UnixMilli(), rpc.NewNonce()
				ans, err := c.postSample(ctx, fit[i], r)
				out[i] = sampleAnswer{ans: ans, err: err}
			}
		})
	}
	wg.Wait()
	return out
}

// sampleLayout is the windows every sampled member times, in order: a
// 1x1-pixel render of the first sampled frame twice (the first also loads
// the scene and builds the frame, which a worker does once per frame for
// a renderer that keeps built frames; the second is a task's fixed cost),
// one of each other sampled frame, then the crops of each sampled frame.
type sampleLayout struct {
	windows []SampleWindow
	frames  []int // the job's frames
	picked  []int // indexes in frames of the sampled ones
	crops   int   // crops per sampled frame
	nearest map[int]int
}

func newSampleLayout(area image.Rectangle, frames, picked []int) sampleLayout {
	l := sampleLayout{frames: frames, picked: picked}
	probe := image.Rect(0, 0, 1, 1).Add(area.Min) // in the render region, as every window
	l.windows = append(l.windows, SampleWindow{Frame: frames[picked[0]], Rect: probe})
	for _, fi := range picked {
		l.windows = append(l.windows, SampleWindow{Frame: frames[fi], Rect: probe})
	}
	centres := cropCentres
	if len(picked) > 1 {
		centres = centres[:3]
	}
	l.crops = len(centres)
	for _, fi := range picked {
		for _, at := range centres {
			l.windows = append(l.windows, SampleWindow{Frame: frames[fi], Rect: cropAt(area.Dx(), area.Dy(), at).Add(area.Min)}) // inside a render region
		}
	}
	// Each task at the rate of the sampled frame nearest its own.
	l.nearest = make(map[int]int, len(frames)) // frame -> index in picked
	for k, f := range frames {
		best := 0
		for i, fi := range picked {
			if abs(fi-k) < abs(picked[best]-k) {
				best = i
			}
		}
		l.nearest[f] = best
	}
	return l
}

// samples are the crops of an answer, as the estimate shows them.
func (l sampleLayout) samples(a SampleAnswer) []api.EstimateSample {
	var out []api.EstimateSample
	for i, win := range l.windows[1+len(l.picked):] {
		out = append(out, api.EstimateSample{Node: a.Node, Frame: win.Frame, Rect: win.Rect, Seconds: a.Seconds[1+len(l.picked)+i]})
	}
	return out
}

// model reads a member's answer: its fixed cost a task, its extra for its
// first task of the scene and of each other frame, its seconds per pixel
// per sampled frame.
func (l sampleLayout) model(a SampleAnswer) memberModel {
	n := len(l.picked)
	m := memberModel{threads: float64(a.Threads), rates: make([]pixelRate, n), warm: map[int]bool{}}
	// The cores its renders really got: its CPU time over their seconds,
	// at most its threads. A renderer in a process that outlives the
	// render (Blender's warm one) is not counted by the CPU time: then
	// every thread is taken as busy.
	m.cores = m.threads
	if busy := a.CPUSeconds / sum(a.Seconds); busy > 0.05 {
		m.cores = min(busy, m.threads)
	}
	cold := append([]float64{a.Seconds[0]}, a.Seconds[2:1+n]...) // each frame's first render
	m.overhead = min(a.Seconds[1], slices.Min(cold))
	m.sceneSetup = cold[0] - m.overhead
	for i := 1; i < n; i++ {
		m.frameSetup += (cold[i] - m.overhead) / float64(n-1)
	}
	for _, fi := range l.picked {
		m.warm[l.frames[fi]] = true
	}
	k := 1 + n
	for i := range l.picked {
		for range l.crops {
			win := l.windows[k]
			m.rates[i].add(max(a.Seconds[k]-m.overhead, 0) / float64(win.Rect.Dx()*win.Rect.Dy()))
			k++
		}
	}
	return m
}

// memberModel is how long a member takes: seconds on its own threads,
// alone on its machine.
type memberModel struct {
	threads  float64
	cores    float64 // the cores its renders used (CPU seconds a second)
	overhead float64
	// sceneSetup is the extra of its first task of the scene (a renderer
	// started, the scene loaded, its frame built), frameSetup of the first
	// of each other frame (built); a renderer that keeps neither pays them
	// in every task, and they are in its overhead instead.
	sceneSetup, frameSetup float64
	// warm are the frames its samples built: a renderer that keeps them
	// (Blender's warm process, the path tracer's frame cache) renders
	// them without a setup while nothing else evicts them. nil when not
	// sampled.
	warm      map[int]bool
	rates     []pixelRate // per sampled frame, seconds per pixel
	predicted bool        // from other members' samples
}

// meanRate is the model's seconds per pixel over its sampled frames.
func (m memberModel) meanRate() float64 {
	var s float64
	for _, r := range m.rates {
		s += r.mean()
	}
	return s / float64(max(len(m.rates), 1))
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// nonNil are the models that were sampled.
func nonNil(models []*memberModel) []*memberModel {
	var out []*memberModel
	for _, m := range models {
		if m != nil {
			out = append(out, m)
		}
	}
	return out
}

// fillUnsampled predicts each member without a model from the sampled
// ones: their CPU-seconds per pixel (seconds times threads), mean and
// range widened by unsampledSpread, over the member's cores (its threads
// cap is not gossiped), and their mean fixed costs.
func fillUnsampled(models []*memberModel, members []api.Member, from []*memberModel) {
	if len(from) == 0 {
		return
	}
	n := len(from[0].rates)
	for i, m := range members {
		if models[i] != nil {
			continue
		}
		threads := float64(max(m.Cores, 1))
		p := &memberModel{threads: threads, rates: make([]pixelRate, n), predicted: true}
		for _, f := range from {
			p.cores += threads * f.cores / f.threads / float64(len(from)) // the share of its threads it would get
			p.overhead += f.overhead / float64(len(from))
			p.sceneSetup += f.sceneSetup / float64(len(from))
			p.frameSetup += f.frameSetup / float64(len(from))
		}
		for k := range n {
			var sum, lo, hi float64
			for x, f := range from {
				r := f.rates[k]
				sum += r.mean() * f.threads
				if x == 0 || r.lo*f.threads < lo {
					lo = r.lo * f.threads
				}
				hi = max(hi, r.hi*f.threads)
			}
			mean := sum / float64(len(from)) / threads
			p.rates[k] = pixelRate{sum: mean, n: 1, lo: lo / threads * (1 - unsampledSpread), hi: hi / threads * (1 + unsampledSpread)}
		}
		models[i] = p
	}
}

// spreadAll simulates j's tasks on members at each one's mean, least and
// most rate.
func spreadAll(j *job, l sampleLayout, members []api.Member, models []*memberModel) (mid, low, high spreadResult) {
	tasks := make([]taskCost, len(j.tasks))
	for i, t := range j.tasks {
		tasks[i] = taskCost{frame: t.tile.Frame, near: l.nearest[t.tile.Frame]}
		if !t.finish { // a finish task: its renderer's start and the scene's compositor
			tasks[i].pixels = float64(t.tile.Rect.Dx() * t.tile.Rect.Dy())
		}
	}
	// The high end also takes every member cold: a job submitted long
	// after its estimate, or after other scenes, loads the scene again.
	return spread(tasks, members, models, pixelRate.mean, false), spread(tasks, members, models, pixelRate.least, false), spread(tasks, members, models, pixelRate.most, true)
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

// slowdowns is how much slower than alone each member renders when all
// slots are busy: members that share a machine (as a test cluster's do)
// share its cores, and when their slots' threads outnumber them each
// render gets its share.
func slowdowns(members []api.Member, models []*memberModel) []float64 {
	threads, cores := map[string]float64{}, map[string]float64{}
	for i, m := range members {
		h := hostOf(m)
		threads[h] += float64(max(m.Slots, 1)) * models[i].threads
		cores[h] = max(cores[h], float64(max(m.Cores, 1)))
	}
	out := make([]float64, len(members))
	for i, m := range members {
		h := hostOf(m)
		out[i] = max(threads[h]/cores[h], 1)
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
	tasks                           []int    // per member
}

// taskCost is what decides a task's time: its pixels (none for a finish
// task, which costs a render's start), its frame and the sampled frame
// nearest it.
type taskCost struct {
	pixels float64
	frame  int
	near   int
}

// spread simulates the tasks leased in order, each to the slot that frees
// first, on the members: a task takes its member's fixed cost and rate
// (picked from its range) times its pixels, slowed by the member's share
// of its machine (slowdowns); a member's first task pays its scene's setup
// and its first of each other frame the frame's, unless its samples left
// them warm (and cold is false). It returns the last task's end, the tasks' render seconds and
// CPU seconds (each task's time alone times the threads it renders with)
// and what they pay at the members' prices.
func spread(tasks []taskCost, members []api.Member, models []*memberModel, pick func(pixelRate) float64, cold bool) spreadResult {
	res := spreadResult{cost: new(big.Int), tasks: make([]int, len(members))}
	if len(members) == 0 {
		return res
	}
	slow := slowdowns(members, models)
	var free slotHeap
	for i, m := range members {
		for range max(m.Slots, 1) {
			free = append(free, slotFree{member: i, order: len(free)})
		}
	}
	heap.Init(&free)
	built := map[[2]int]bool{} // member, frame
	started := make([]bool, len(members))
	for _, t := range tasks {
		s := heap.Pop(&free).(slotFree)
		m, mm := members[s.member], models[s.member]
		secs := mm.overhead + pick(mm.rates[t.near])*t.pixels
		warm := !cold && mm.warm[t.frame]
		switch key := [2]int{s.member, t.frame}; {
		case !started[s.member] && (cold || mm.warm == nil):
			secs += mm.sceneSetup // and builds this frame
		case !built[key] && !warm:
			secs += mm.frameSetup
		}
		started[s.member], built[[2]int{s.member, t.frame}] = true, true
		took := secs * slow[s.member]
		s.at += took
		res.renderSeconds += took
		res.cpuSeconds += secs * mm.cores
		res.cost.Add(res.cost, m.Price.Wei())
		res.tasks[s.member]++
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
