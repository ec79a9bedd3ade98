package farm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// ErrNoJob is returned for a job id the coordinator does not know.
var ErrNoJob = errors.New("no such job")

// job is the coordinator's state of one submitted job.
type job struct {
	id       string
	spec     JobSpec
	state    JobState
	err      string
	tasks    []*task
	done     int
	byFrame  map[int][]*task // each frame's tasks
	frames   map[int]string  // finished frames: number -> file name
	created  time.Time
	finished time.Time
	events   *eventLog
	// queue holds the pending tasks in the order they are to be leased; a
	// requeued task goes to the back. Tasks that left pending since they
	// were queued are skipped when met.
	queue []*task
	// failures counts failed leases per node; a node that fails too many
	// tasks of a job gets no more of them.
	failures map[string]int
	// settlement is what the job paid, once settled on the chain.
	settlement *SettlementRecord
	// checking counts spot checks in progress; the job is not done until
	// they are resolved.
	checking int
	// convictions are the nodes caught cheating in this job.
	convictions []Conviction
}

// task is one frame x tile of a job.
type task struct {
	index    int
	tile     tiler.Tile
	state    TaskState
	node     string
	lease    int // incremented per lease, so a stale answer is recognised
	cancel   context.CancelFunc
	attempts int
	// notBefore delays a failed task's retry, growing with its attempts.
	notBefore time.Time
	// price and addr are what the task pays and to whom: its worker's
	// advertised price and address when it was leased.
	price   float64
	addr    common.Address
	seconds float64
	hash    string // sha256 of the accepted PNG
	// verdict and evidence are the task's spot-check result; undecided
	// counts re-renders after checks nobody could settle.
	verdict   string
	evidence  *Evidence
	undecided int
}

// coordinator runs the jobs submitted to this node: it leases their tasks to
// members, collects and checks the tiles, and assembles frames.
type coordinator struct {
	cfg       NodeConfig
	self      string
	selfURL   string
	members   func() []Member
	renderers map[string]renderer.Renderer
	blobs     *Blobs
	hc        *http.Client
	store     *store
	log       *slog.Logger
	ident     *Identity
	metrics   *metrics
	chain     *contracts.Client // nil: no chain, nothing is paid
	rep       *verifier.Reputation
	secret    [32]byte // seeds crop choices; workers cannot predict them

	// ctx and wg own the goroutines the coordinator starts besides leases
	// (settlements): the node cancels ctx and waits on wg when it stops.
	ctx context.Context
	wg  *sync.WaitGroup

	leftMu       sync.Mutex
	left         []string                        // members that left, for the scheduler loop to handle
	checkCancels map[string][]context.CancelFunc // node -> its check renders in flight

	mu          sync.Mutex
	jobs        map[string]*job
	order       []string
	lastMembers []Member             // the member list of the latest scheduling pass
	inflight    map[string]int       // node -> leases held
	busy        map[string]time.Time // node -> until when to leave it alone
	wake        chan struct{}
}

func (c *coordinator) kick() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// submit validates spec against the scene and queues the job. Submitting the
// same spec twice returns the existing job.
func (c *coordinator) submit(ctx context.Context, spec JobSpec) (string, error) {
	if err := spec.Validate(); err != nil {
		return "", err
	}
	rend, ok := c.renderers[spec.Renderer]
	if !ok {
		return "", fmt.Errorf("%w: renderer %q is not available on this node", ErrBadJob, spec.Renderer)
	}
	if _, ok := c.blobs.Path(spec.Scene); !ok {
		return "", fmt.Errorf("%w: scene %s has not been uploaded", ErrBadJob, spec.Scene[:12])
	}
	scene, err := c.blobs.Linked(spec.Scene, filepath.Ext(spec.SceneName))
	if err != nil {
		return "", err
	}
	info, err := rend.Inspect(ctx, scene)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %w", ErrBadJob, spec.SceneName, err)
	}
	if spec.Denoise && !c.someoneDenoises(spec.Renderer) {
		return "", fmt.Errorf("%w: no node in the cluster can denoise with %s (Debian's Blender lacks OpenImageDenoise): submit without denoising, or add a node whose Blender has it", ErrBadJob, spec.Renderer)
	}
	if spec.Device != "" && !c.someoneRendersOn(spec.Renderer, spec.Device) {
		return "", fmt.Errorf("%w: no node in the cluster renders %s on %s", ErrBadJob, spec.Renderer, spec.Device)
	}
	if spec.Frames.Start < info.FrameStart || spec.Frames.End > info.FrameEnd {
		return "", fmt.Errorf("%w: frames %s are outside the scene's range %d-%d", ErrBadJob, spec.Frames, info.FrameStart, info.FrameEnd)
	}

	id := spec.ID()
	c.mu.Lock()
	_, known := c.jobs[id]
	c.mu.Unlock()
	if known {
		return id, nil
	}
	// The budget is locked before the job exists here, so no task can be
	// leased unpaid for.
	if err := c.openEscrow(ctx, spec); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.jobs[id]; ok {
		return id, nil
	}
	j := &job{
		id: id, spec: spec, state: JobQueued, created: time.Now(),
		byFrame: make(map[int][]*task), frames: make(map[int]string),
		failures: make(map[string]int), events: newEventLog(),
	}
	for i, t := range tiler.Plan(spec.Frames, spec.Resolution, spec.Tiles) {
		nt := &task{index: i, tile: t, state: TaskPending}
		j.tasks = append(j.tasks, nt)
		j.byFrame[t.Frame] = append(j.byFrame[t.Frame], nt)
	}
	j.queue = append(j.queue, j.tasks...)
	if err := c.store.putJob(id, j.record()); err != nil {
		return "", fmt.Errorf("record job: %w", err)
	}
	c.jobs[id] = j
	c.order = append(c.order, id)
	c.emit(j, Event{Type: "submitted", Task: -1})
	c.kick()
	return id, nil
}

// emit appends an event to the job's log; c.mu must be held.
func (c *coordinator) emit(j *job, e Event) {
	e.Done, e.Total, e.State = j.done, len(j.tasks), j.state
	j.events.append(e)
}

// run is the scheduler loop: it hands out leases whenever something may have
// changed (a submit, a finished lease, a member change) and on a slow tick,
// until ctx ends.
func (c *coordinator) run(ctx context.Context) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		c.takeBackLeft()
		c.schedule(ctx)
		select {
		case <-ctx.Done():
			c.mu.Lock()
			for _, j := range c.jobs {
				for _, t := range j.tasks {
					if t.cancel != nil {
						t.cancel()
					}
				}
			}
			c.mu.Unlock()
			return
		case <-c.wake:
		case <-tick.C:
		}
	}
}

// lease hands task t to member m; c.mu must be held.
func (c *coordinator) lease(ctx context.Context, j *job, t *task, m Member, members []Member) {
	move(taskMoves, &t.state, TaskLeased)
	t.node, t.price, t.addr = m.ID, m.Price, common.HexToAddress(m.Addr)
	t.lease++
	c.inflight[m.ID]++
	lctx, cancelCause := context.WithCancelCause(ctx)
	lctx, cancelTimeout := context.WithTimeout(lctx, c.cfg.LeaseTimeout)
	cancel := func() { cancelTimeout(); cancelCause(nil) }
	t.cancel = cancel
	c.emit(j, Event{Type: "leased", Task: t.index, Frame: t.tile.Frame, Node: m.ID})
	req := c.taskRequest(j, t, t.tile.Rect)
	req.Sources = c.sources(j, m.ID, members)
	var err error
	if req.Sig, err = c.ident.Sign(req.signedBytes()); err != nil {
		cancel()
		c.log.Error("sign task request", "err", err)
		return
	}
	go func(lease int) {
		defer cancel()
		go c.heartbeat(lctx, cancelCause, m, req.Nonce, func(p taskProgress) {
			c.progress(j, t, lease, m.ID, p)
		})
		img, secs, data, err := c.call(lctx, m, req)
		if cause := context.Cause(lctx); errors.Is(cause, errNoHeartbeat) {
			err = cause
		}
		var tileHash string
		if err == nil {
			// The tile's PNG is kept as a blob before it is accepted, so a
			// restarted coordinator can assemble the frame without asking
			// anyone to render it again.
			tileHash, err = c.blobs.Put(bytes.NewReader(data), "")
		}
		c.finish(j, t, lease, m.ID, img, secs, tileHash, err)
	}(t.lease)
}

// taskRequest is the unsigned RPC asking a worker to render region of
// task t (the whole tile for a lease, a crop for a check).
func (c *coordinator) taskRequest(j *job, t *task, region image.Rectangle) TaskRequest {
	return TaskRequest{
		JobID: j.id, Task: t.index, Sources: []string{c.selfURL},
		Renderer: j.spec.Renderer, Scene: j.spec.Scene, SceneName: j.spec.SceneName,
		Frame: t.tile.Frame, Width: j.spec.Resolution.Width, Height: j.spec.Resolution.Height,
		Samples: j.spec.Samples, Seed: j.spec.Seed, Region: region, Denoise: j.spec.Denoise,
		Coordinator: c.ident.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: newNonce(),
	}
}

// record is an accepted task as the store keeps it.
func (t *task) record() taskRecord {
	return taskRecord{
		Node: t.node, Seconds: t.seconds, Hash: t.hash, Attempts: t.attempts,
		Price: t.price, Addr: t.addr.Hex(), Verdict: t.verdict, Evidence: t.evidence,
	}
}

// saveTask rewrites an accepted task's record (after its check); c.mu must
// be held.
func (c *coordinator) saveTask(j *job, t *task) {
	if t.state != TaskDone {
		return
	}
	if err := c.store.putTask(j.id, t.index, t.record()); err != nil {
		c.log.Error("record task", "job", j.id, "task", t.index, "err", err)
	}
}

// saveReputation keeps the nodes' records across restarts, so a convicted
// cheater stays quarantined; c.mu must be held.
func (c *coordinator) saveReputation() {
	b, err := c.rep.Snapshot()
	if err == nil {
		err = c.store.putMeta("reputation", b)
	}
	if err != nil {
		c.log.Error("record reputation", "err", err)
	}
}

// progress turns a heartbeat's answer into a "progress" event while the
// lease is current.
func (c *coordinator) progress(j *job, t *task, lease int, node string, p taskProgress) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.lease != lease || t.state != TaskLeased || p.Total <= 0 {
		return
	}
	c.emit(j, Event{Type: "progress", Task: t.index, Frame: t.tile.Frame, Node: node, Progress: float64(p.Done) / float64(p.Total)})
}

// sources lists where a worker can fetch a job's scene: members that
// rendered a task of the job (they hold the scene) in random order, so the
// load spreads, then this node, which always has it.
func (c *coordinator) sources(j *job, worker string, members []Member) []string {
	urls := map[string]string{}
	for _, m := range members {
		urls[m.ID] = m.API
	}
	var peers []string
	seen := map[string]bool{worker: true, c.self: true}
	for _, t := range j.tasks {
		if t.state == TaskDone && !seen[t.node] && urls[t.node] != "" {
			seen[t.node] = true
			peers = append(peers, urls[t.node])
		}
	}
	rand.Shuffle(len(peers), func(a, b int) { peers[a], peers[b] = peers[b], peers[a] })
	if len(peers) > 3 {
		peers = peers[:3]
	}
	return append(peers, c.selfURL)
}

// errBusy marks a worker that had no free slot, and errUnreachable one that
// could not be reached (crashed, or its network is down): neither is the
// task's fault, so no attempt is counted, and the node is left alone for a
// while so a dead node does not eat the task's attempts before memberlist
// declares it dead.
var (
	errBusy        = errors.New("worker busy")
	errUnreachable = errors.New("worker unreachable")
)

// Back-off periods after errBusy and errUnreachable.
const (
	busyBackoff        = 500 * time.Millisecond
	unreachableBackoff = 3 * time.Second
)

// call sends one task to a worker and checks what comes back: a PNG of
// exactly the task's size.
func (c *coordinator) call(ctx context.Context, m Member, req TaskRequest) (*image.NRGBA64, float64, []byte, error) {
	body, _ := json.Marshal(req)
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, m.API+"/rpc/v1/render", bytes.NewReader(body))
	if err != nil {
		return nil, 0, nil, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(hreq)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, 0, nil, fmt.Errorf("lease expired after %v", c.cfg.LeaseTimeout)
		}
		return nil, 0, nil, fmt.Errorf("%w: %w", errUnreachable, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusServiceUnavailable:
		return nil, 0, nil, errBusy
	case http.StatusForbidden:
		// The worker does not know us yet: gossip about a (re)started
		// coordinator takes a moment to spread. Not the task's fault.
		return nil, 0, nil, fmt.Errorf("%w: %s", errUnreachable, readError(resp.Body))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, 0, nil, fmt.Errorf("%s: %s", resp.Status, readError(resp.Body))
	}
	r := req.Region
	// A 16-bit RGBA PNG is at most 8 bytes a pixel plus row filters and
	// headers; more is a misbehaving worker.
	limit := int64(r.Dx()*r.Dy()*8+r.Dy()) + 1<<16
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, 0, nil, fmt.Errorf("read tile: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, 0, nil, fmt.Errorf("tile is larger than %d bytes", limit)
	}
	img, err := decodeTile(data, r)
	if err != nil {
		return nil, 0, nil, err
	}
	// The worker's signature over this lease's nonce and the bytes' hash is
	// what makes it answerable for the pixels.
	sigTime, _ := strconv.ParseInt(resp.Header.Get(headerTime), 10, 64)
	sum := sha256.Sum256(data)
	if err := verify(resultMessage(req, hex.EncodeToString(sum[:]), sigTime), resp.Header.Get(headerSig), common.HexToAddress(m.Addr)); err != nil {
		c.metrics.badSignatures.Add(1)
		return nil, 0, nil, fmt.Errorf("result from %s: %w", m.ID, err)
	}
	secs, _ := strconv.ParseFloat(resp.Header.Get(headerSeconds), 64)
	return img, secs, data, nil
}

// decodeTile decodes a worker's PNG and places it at rect in frame
// coordinates; the size must match exactly.
func decodeTile(data []byte, rect image.Rectangle) (*image.NRGBA64, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("tile is not a PNG: %w", err)
	}
	if cfg.Width != rect.Dx() || cfg.Height != rect.Dy() {
		return nil, fmt.Errorf("tile is %dx%d, want %dx%d", cfg.Width, cfg.Height, rect.Dx(), rect.Dy())
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode tile: %w", err)
	}
	img := image.NewNRGBA64(rect)
	draw.Draw(img, rect, src, src.Bounds().Min, draw.Src)
	return img, nil
}

func readError(r io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(r, 4096))
	var e struct{ Error string }
	if json.Unmarshal(b, &e) == nil && e.Error != "" {
		return e.Error
	}
	return string(b)
}

// finish records the outcome of one lease.
func (c *coordinator) finish(j *job, t *task, lease int, node string, img *image.NRGBA64, secs float64, pngHash string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.kick()
	c.inflight[node]--
	if t.lease != lease || t.state != TaskLeased {
		return // the lease was taken back (cancel, requeue) before it answered
	}
	t.cancel = nil
	if err != nil {
		c.requeue(j, t)
		switch {
		case errors.Is(err, errBusy):
			c.busy[node] = time.Now().Add(busyBackoff)
			return
		case errors.Is(err, errUnreachable):
			c.busy[node] = time.Now().Add(unreachableBackoff)
			c.emit(j, Event{Type: "requeued", Task: t.index, Frame: t.tile.Frame, Node: node, Message: err.Error()})
			return
		}
		t.attempts++
		t.notBefore = time.Now().Add(retryBackoff(t.attempts))
		j.failures[node]++
		c.emit(j, Event{Type: "requeued", Task: t.index, Frame: t.tile.Frame, Node: node, Message: err.Error()})
		if t.attempts >= c.cfg.MaxAttempts {
			c.fail(j, fmt.Sprintf("task %d (frame %d, tile %v) failed %d times; last: %v", t.index, t.tile.Frame, t.tile.Rect, t.attempts, err))
		}
		return
	}
	t.seconds, t.hash, t.node, t.verdict, t.evidence = secs, pngHash, node, "", nil
	if err := c.store.putTask(j.id, t.index, t.record()); err != nil {
		// Not recorded means not accepted: the tile is rendered again.
		c.log.Error("record task", "job", j.id, "task", t.index, "err", err)
		c.requeue(j, t)
		return
	}
	move(taskMoves, &t.state, TaskDone)
	j.done++
	c.emit(j, Event{Type: "done", Task: t.index, Frame: t.tile.Frame, Node: node})
	c.maybeCheck(j, t, img)
	c.frameAccepted(j, t.tile.Frame)
}

// frameAccepted writes frame f once all its tiles are accepted, and ends
// the job once everything is accepted and checked; c.mu must be held.
func (c *coordinator) frameAccepted(j *job, f int) {
	if j.state.Final() {
		return
	}
	if _, written := j.frames[f]; !written && j.frameDone(f) {
		if err := c.assembleFrame(j, f); err != nil {
			c.fail(j, err.Error())
			return
		}
		c.emit(j, Event{Type: "frame", Task: -1, Frame: f})
	}
	if j.done == len(j.tasks) && j.checking == 0 {
		c.complete(j)
	}
}

// complete ends a job whose every task is accepted: on a chain-connected
// node it settles first (off the lock), so that "finished" means paid.
// c.mu must be held.
func (c *coordinator) complete(j *job) {
	if c.chain == nil || j.settlement != nil {
		c.markDone(j)
		return
	}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.settle(c.ctx, j)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.markDone(j)
	}()
}

// markDone moves a job to done; c.mu must be held.
func (c *coordinator) markDone(j *job) {
	if j.state.Final() {
		return
	}
	move(jobMoves, &j.state, JobDone)
	j.finished = time.Now()
	c.save(j)
	c.emit(j, Event{Type: "finished", Task: -1})
}

// fail ends a job with a reason and takes back its leases; c.mu must be held.
func (c *coordinator) fail(j *job, reason string) {
	if j.state.Final() {
		return
	}
	move(jobMoves, &j.state, JobFailed)
	j.err = reason
	c.stop(j)
	c.save(j)
	c.emit(j, Event{Type: "finished", Task: -1, Message: reason})
}

// stop cancels a job's tasks; c.mu must be held.
func (c *coordinator) stop(j *job) {
	j.finished = time.Now()
	for _, t := range j.tasks {
		if t.state == TaskPending || t.state == TaskLeased {
			if t.cancel != nil {
				t.cancel()
				t.cancel = nil
			}
			move(taskMoves, &t.state, TaskCancelled)
		}
	}
}

// cancel stops a job at the user's request.
func (c *coordinator) cancel(id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	if j.state.Final() {
		return fmt.Errorf("job %s is already %s", id, j.state)
	}
	move(jobMoves, &j.state, JobCancelled)
	c.stop(j)
	c.save(j)
	c.emit(j, Event{Type: "finished", Task: -1, Message: "cancelled"})
	return nil
}

// memberLeft is memberlist's callback for a member that left or died. It
// runs under memberlist's own lock, while the scheduler may hold c.mu and
// wait for that lock (reading the member list), so it only notes the name
// for the scheduler loop and never takes c.mu.
func (c *coordinator) memberLeft(node string) {
	c.leftMu.Lock()
	c.left = append(c.left, node)
	c.leftMu.Unlock()
	c.kick()
}

// takeBackLeft takes back every lease held by the nodes that left or died
// since the last call.
func (c *coordinator) takeBackLeft() {
	c.leftMu.Lock()
	left := c.left
	c.left = nil
	c.leftMu.Unlock()
	for _, node := range left {
		c.cancelChecks(node)
		c.takeBack(node)
	}
}

// takeBack requeues the leases held by node.
func (c *coordinator) takeBack(node string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, j := range c.jobs {
		for _, t := range j.tasks {
			if t.state == TaskLeased && t.node == node {
				if t.cancel != nil {
					t.cancel()
					t.cancel = nil
				}
				c.requeue(j, t)
				c.emit(j, Event{Type: "requeued", Task: t.index, Frame: t.tile.Frame, Node: node, Message: "node " + node + " left the cluster"})
			}
		}
	}
}

// framePath returns the file of a finished frame.
func (c *coordinator) framePath(id string, frame int) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	name, ok := j.frames[frame]
	if !ok {
		return "", fmt.Errorf("%w: job %s has no finished frame %d", ErrNoJob, id, frame)
	}
	return filepath.Join(c.cfg.DataDir, "jobs", id, name), nil
}

// status returns a job's status.
func (c *coordinator) status(id string) (JobStatus, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return JobStatus{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.status(), nil
}

// list returns every job's status, oldest first.
func (c *coordinator) list() []JobStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]JobStatus, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, c.jobs[id].status())
	}
	return out
}

func (c *coordinator) events(id string) (*eventLog, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.events, nil
}

// report returns a job's report.
func (c *coordinator) report(id string) (Report, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return Report{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.report(), nil
}

// frameList returns the finished frame numbers in order.
func (j *job) frameList() []int {
	out := make([]int, 0, len(j.frames))
	for f := range j.frames {
		out = append(out, f)
	}
	sort.Ints(out)
	return out
}
