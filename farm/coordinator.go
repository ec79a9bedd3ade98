package farm

import (
	"context"
	"errors"
	"fmt"
	"image"
	"log/slog"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// ErrNoJob is returned for a job id the coordinator does not know.
var ErrNoJob = errors.New("no such job")

// job is the coordinator's state of one submitted job.
type job struct {
	id   string
	spec api.JobSpec // never changes once the job is made
	// specHash memoizes jobHash(spec): a lease names it twice, and
	// hashing the spec's JSON each time was work per task.
	specHash     common.Hash
	specHashOnce sync.Once
	state        api.JobState
	err          string
	tasks        []*task
	done         int
	byFrame      map[int][]*task // each frame's tile tasks
	// finishes are the finish tasks of a composited scene split into
	// tiles, by frame (finish.go); nil for other jobs.
	finishes map[int]*task
	frames   map[int]string // finished frames: number -> file name
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
	// speed is each node's measured speed on the job's tasks, which
	// bounds how long its leases may go without progress (liveness.go).
	speed map[speedKey]float64
	// took holds how long each accepted lease took, shortest first: a
	// lease running far longer is a straggler (stragglers.go).
	took []time.Duration
	// settlement is what the job paid, once settled on the chain.
	settlement *api.SettlementRecord
	// receipts are the latest receipt signed for each worker (on a chain),
	// and receiptedWei their sum: never more than the budget.
	receipts     map[common.Address]workerReceipt
	receiptedWei *big.Int
	// leasedWei is, for each worker, its price for every paid lease sent
	// to it in the job: what the escrow must reserve for it (reserve.go).
	leasedWei map[common.Address]*big.Int
	// receiptsTaken is, for each worker, how many tasks the latest
	// receipt it took covers: one it holds is not handed over again
	// after a restart (recoverReceipts).
	receiptsTaken map[common.Address]uint64
	// budgetWarned is set once the log said that receipts would pass
	// the budget.
	budgetWarned bool
	// checking counts spot checks in progress; the job is not done until
	// they are resolved. redo holds the accepted tiles whose check died
	// with the old process, counted in checking until they are checked
	// again (restoredchecks.go).
	checking int
	redo     []*task
	// convictions are the nodes caught cheating in this job.
	convictions []api.Conviction
	// minVersion is the oldest renderer version that can render the
	// scene (renderer.SceneInfo.MinVersion); "" when any can.
	minVersion string
	// needs is a feature the scene needs of a node's renderer
	// (renderer.SceneInfo.Needs): only versions advertising "+needs" get
	// its tasks.
	needs string
	// framing is how its frames are made (PlanFrames): for a composited
	// scene split into tiles, the raw passes its tiles carry, each frame
	// then finished by a finish task running the scene's own compositor
	// (finish.go); the scene's adaptive sampling, dither, and so on.
	framing FramePlan
	// tilesCollected is set once the finished job's tiles were deleted.
	tilesCollected bool
	// assembling maps each frame being written to the generation its
	// tiles were taken at; frameGen counts each frame's rejected tiles, so
	// an assembly that started before a rejection is known to be stale.
	assembling map[int]int
	frameGen   map[int]int
	// failedTasks counts the tasks in state failed: the job ends when
	// every task is done or failed (partial.go).
	failedTasks int
	// release is the renderer release ("blender-4.3.2") the job is bound
	// to at its first lease: tiles of two releases side by side would
	// show seams (Blender 3.4 and 4.3 differ in nearly every pixel), so
	// every task goes to nodes of that release.
	release string
	// scenes says, per member, whether it was leased a task of the job
	// or told to prefetch its scene (prefetch.go).
	scenes map[string]int
	// approving is set while approve locks the budget (preview.go);
	// approveErr is why the latest approve failed. unfunded marks a job
	// that ended before its budget was locked: nothing to settle.
	approving  bool
	approveErr string
	unfunded   bool
}

// leased reports whether any task of the job is out on a lease.
func (j *job) leased() bool {
	for _, t := range j.tasks {
		if t.state == api.TaskLeased {
			return true
		}
	}
	return false
}

// task is one frame x tile of a job, or a frame's finish step.
type task struct {
	index int
	tile  tiler.Tile // a finish task's Rect is the whole frame
	// finish marks the finish task of a frame (finish.go): it runs the
	// scene's compositor over the frame's accepted tiles.
	finish bool
	state  api.TaskState
	node   string
	lease  int // incremented per lease, so a stale answer is recognised
	cancel context.CancelFunc
	// nonce is the current lease's request nonce: its worker names the
	// lease by it to hand it back (release.go).
	nonce string
	// accepting is the lease whose answered record is being written (0:
	// none): the result is in hand, so that lease is not taken back
	// meanwhile.
	accepting int
	attempts  int
	// failedBy holds the nodes (name -> address) whose leases of the task
	// failed since it was last accepted: the task
	// goes elsewhere first, and fails its job only when enough healthy
	// nodes failed it (nodehealth.go).
	failedBy map[string]string
	// tries counts the failed leases of the task per node since it was
	// last accepted: when the task fails for good they were the task's
	// fault, and are taken off the nodes' counts (partial.go). lastErr is
	// the latest failed lease's error, and reason why a failed task failed.
	tries   map[string]int
	lastErr string
	reason  string
	// leasedAt is when the current lease was handed out (the node's
	// speed is measured from it).
	leasedAt time.Time
	// twin is the task's second lease, to another node, while its first
	// straggles (stragglers.go); nil when it has none.
	twin *twinLease
	// frameGen, for a finish task, is its frame's generation (job.frameGen)
	// when it was leased: a finish over a tile rejected since is stale.
	frameGen int
	// notBefore delays a failed task's retry, growing with its attempts.
	notBefore time.Time
	// price and addr are what the task pays and to whom: its worker's
	// advertised price and address when it was leased.
	price api.Tokens
	addr  common.Address
	// build is the worker's renderer build when it was leased: only a
	// node running the same build can check its pixels.
	build   string
	seconds float64
	hash    string // sha256 of the accepted file (tile, or finished frame)
	// verdict and evidence are the task's spot-check result; undecided
	// counts re-renders after checks nobody could settle.
	verdict   api.Verdict
	evidence  *api.Evidence
	undecided int
	// result is the worker's signed result (on a chain): what a slash of
	// it for this task needs. receipted is set once the task is in its
	// worker's receipt.
	result    *contracts.SignedResult
	receipted bool
	// receiptSeq is the task's place in its worker's receipt chain: how
	// many tasks the receipt that added it covers (recoverReceipts).
	receiptSeq uint64
}

// coordinator runs the jobs submitted to this node: it leases their tasks to
// members, collects and checks the tiles, and assembles frames.
type coordinator struct {
	cfg       NodeConfig
	self      string
	selfURL   func() string       // this node's RPC URL now (a NATed node's moves with its gateway)
	members   func() []api.Member // those it gives work: its own protocol's (Node.peers)
	everyone  func() []api.Member // every live member, for who-is-who lookups and advice
	proto     int                 // the protocol members must speak to get work (Node.proto)
	renderers map[string]renderer.Renderer
	blobs     *blobstore.Blobs
	hc        *http.Client
	store     *store.Store
	log       *slog.Logger
	ident     *rpc.Identity
	sessions  *rpc.Sessions // keys shared with the workers it met (seal.go)
	metrics   *metrics
	chain     *contracts.Client // nil: no chain, nothing is paid
	reserves  *reserver         // nil without a chain
	stakes    *stakeGate        // who meets the minimum stake for a lease
	rep       *verifier.Reputation
	previews  previewLimits // each API client's preview budget (previewbudget.go)
	secret    [32]byte      // seeds crop choices; workers cannot predict them

	// ctx and wg own the goroutines the coordinator starts besides leases
	// (settlements): the node cancels ctx and waits on wg when it stops.
	ctx context.Context
	wg  *group

	// gateways counts the answers of members behind NAT that came through
	// their gateways without their word (gatewayfaults.go).
	gateways gatewayFaults

	leftMu       sync.Mutex
	left         []string                                 // members that left, for the scheduler loop to handle
	checkCancels map[string]map[uint64]context.CancelFunc // node -> its check renders in flight
	checkSeq     uint64

	mu          sync.Mutex
	jobs        map[string]*job
	order       []string
	lastMembers []api.Member // the member list of the latest scheduling pass
	// restoredChecks counts the restored jobs' redo tiles, and restoredAt
	// is when they were restored (restoredchecks.go).
	restoredChecks int
	restoredAt     time.Time
	rates          memberRates          // members' measured paces, which outrank their calibrations (fastest.go)
	inflight       map[string]int       // node -> leases held
	busy           map[string]time.Time // node -> until when to leave it alone
	wake           chan struct{}
	// stopping is set as the node begins to stop: a check cut short from
	// then on is checked again after the restart (restoredchecks.go).
	stopping atomic.Bool
	// hasWork is whether the latest scheduling pass found a job not
	// ended, read without c.mu by memberChanged.
	hasWork atomic.Bool
	// workChanged is signalled when hasWork changes (wayask.go).
	workChanged chan struct{}
	// health is each node's record of failed and accepted leases, by
	// address (nodehealth.go).
	health map[string]*nodeHealth

	// assemblers bounds the frames assembled at once (each holds a whole
	// frame in memory and keeps a core busy).
	assemblers chan struct{}
	// lastSweep is when the retention was last applied (scheduler loop only).
	lastSweep time.Time
	// results passes a lease's verified signed result (by the request's
	// nonce) from call to the lease that made it.
	results sync.Map
	// decoded holds answered tiles, decoded, for their frame's assembly.
	decoded *decodedTiles
	// reclaimMu guards the reclaims waiting for their grace (reclaim.go).
	reclaimMu sync.Mutex
	// reclaimOne serializes reclaims on the chain (the loop's and a
	// requester's conun reclaim), so one job is never reclaimed twice.
	reclaimOne sync.Mutex
	reclaims   []pendingChainOp
	// reclaimWake tells reclaimLoop that an operation was queued.
	reclaimWake chan struct{}
	// outbox hands receipts and claims to the workers (delivery.go), and
	// notifications to the jobs' notify URLs (hooks, notify.go).
	outbox *outbox
	hooks  webhooks

	// broadcast gossips a small message to the cluster (nil: no cluster);
	// notices keeps count of the conviction notices sent and heard
	// (evidence.go, recheck.go), and cache holds the blobs of evidence
	// fetched from other coordinators.
	broadcast func(msg []byte) error
	notices   *notices
	cache     *blobstore.Blobs
}

// now is the coordinator's clock (NodeConfig.Now).
func (c *coordinator) now() time.Time { return c.cfg.Now() }

func (c *coordinator) kick() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// submit validates spec against the scene and queues the job. Submitting the
// same spec twice returns the existing job. An auto spec must have been
// bound by resolveAuto first (the job's id is its bound spec's hash), and
// release is the one it was bound to ("" for any other spec).
func (c *coordinator) submit(ctx context.Context, spec api.JobSpec, release, client string) (string, error) {
	if spec.Renderer == api.RendererAuto {
		return "", fmt.Errorf("%w: renderer auto was not resolved before submit", api.ErrBadJob)
	}
	// Pinned until the job holds it: the cap on own blobs (capOwnBlobs)
	// may not take it in between.
	defer c.blobs.Pin(spec.Scene)()
	if spec.PreviewOf != "" {
		return "", fmt.Errorf("%w: preview_of is set by a coordinator on its own preview passes, never by a client: submit with preview instead", api.ErrBadJob)
	}
	info, err := c.checkSpec(ctx, spec)
	if err != nil {
		return "", err
	}
	if spec.Preview {
		if err := c.checkPreview(spec); err != nil {
			return "", err
		}
	}

	id := spec.ID()
	c.mu.Lock()
	_, known := c.jobs[id]
	c.mu.Unlock()
	if known || c.store.Has(id) { // a job that aged out of memory is known too
		return id, nil
	}
	if spec.Preview {
		// Charged once the job is known to be new: a repeated submit
		// of the same job costs nothing.
		p := spec.PreviewSpec()
		cost := previewCost(frameCount(p.Frames), p.Resolution.Width, p.Resolution.Height, p.Samples)
		if err := c.previews.take(client, cost, c.now()); err != nil {
			return "", fmt.Errorf("submit %s with --preview: %w", spec.SceneName, err)
		}
	}
	// The budget is locked before the job exists here, so no task can be
	// leased unpaid for; a job with a preview locks it when approved.
	if !spec.Preview {
		if err := c.openEscrow(ctx, spec); err != nil {
			return "", err
		}
	}
	// The scene's piece manifest is hashed now, off c.mu, so every
	// lease can name its root and workers fetch it from each other.
	if _, err := c.blobs.Manifest(spec.Scene); err != nil {
		c.log.Warn("scene pieces: workers fetch it whole", "scene", spec.Scene[:12], "err", err)
	}
	j, err := c.planJob(spec, info)
	if err != nil {
		return "", err
	}
	j.release = release // an auto job's tiles all come from the release it was bound to
	var preview *job
	if spec.Preview {
		j.state, j.unfunded = api.JobAwaiting, true
		if preview, err = c.planPreview(spec, info); err != nil {
			return "", err
		}
	}
	// The job is on disk before anyone hears of it; the write is waited
	// for off the lock. The awaiting job goes first: a preview pass is
	// never without the job it previews.
	if err := c.addJob(j); err != nil {
		return "", err
	}
	if preview != nil {
		if err := c.addJob(preview); err != nil {
			return "", err
		}
	}
	return id, nil
}

// featureHint says, for each feature a scene may need of a node
// (renderer.SceneInfo.Needs), what its artist can do when no node has it.
var featureHint = map[string]string{
	"gl":  "an Eevee scene needs OpenGL: render it with Cycles, or add a node that has OpenGL",
	"osl": "the scene shades with Open Shading Language (Render > Shading System), which Debian's Blender lacks: turn it off, or add a node whose Blender has OSL",
}

// checkSpec validates spec against its scene and the cluster, as both a
// submission and an estimate need, and returns what the scene is.
func (c *coordinator) checkSpec(ctx context.Context, spec api.JobSpec) (renderer.SceneInfo, error) {
	if err := spec.Validate(); err != nil {
		return renderer.SceneInfo{}, err
	}
	info, err := c.inspectScene(ctx, spec.Renderer, spec.Scene, spec.SceneName)
	if err != nil {
		return renderer.SceneInfo{}, err
	}
	if spec.Denoise && !c.someoneDenoises(spec.Renderer) {
		return renderer.SceneInfo{}, c.noNode(fmt.Errorf("%w: no node in the cluster can denoise with %s (Debian's Blender lacks OpenImageDenoise): submit without denoising, or add a node whose Blender has it", api.ErrBadJob, spec.Renderer))
	}
	if info.Needs != "" && !c.someoneHas(spec.Renderer, info.Needs) {
		hint, ok := featureHint[info.Needs]
		if !ok {
			hint = "add a node whose renderer has it"
		}
		return renderer.SceneInfo{}, c.noNode(fmt.Errorf("%w: %s needs %s of a node's %s, and no node in the cluster has it (%s)", api.ErrBadJob, spec.SceneName, info.Needs, spec.Renderer, hint))
	}
	if spec.Device != "" && !c.someoneRendersOn(spec.Renderer, spec.Device) {
		return renderer.SceneInfo{}, c.noNode(fmt.Errorf("%w: no node in the cluster renders %s on %s", api.ErrBadJob, spec.Renderer, spec.Device))
	}
	if spec.Frames.Start < info.FrameStart || spec.Frames.End > info.FrameEnd {
		return renderer.SceneInfo{}, fmt.Errorf("%w: frames %s are outside the scene's range %d-%d", api.ErrBadJob, spec.Frames, info.FrameStart, info.FrameEnd)
	}
	return info, nil
}

// planJob makes the job of a checked spec, its tasks planned and queued.
func (c *coordinator) planJob(spec api.JobSpec, info renderer.SceneInfo) (*job, error) {
	id := spec.ID()
	j := &job{
		id: id, spec: spec, state: api.JobQueued, created: c.now(),
		byFrame: make(map[int][]*task), frames: make(map[int]string),
		assembling: make(map[int]int), frameGen: make(map[int]int),
		failures: make(map[string]int), events: newEventLog(), minVersion: info.MinVersion,
		needs: info.Needs,
	}
	if err := c.planPasses(j, info); err != nil {
		return nil, err
	}
	switch {
	case len(j.framing.Passes) > 0 && spec.Denoise && !c.someoneHas(spec.Renderer, renderer.FeatureDenoise):
		// A denoiser looks at its neighbours: denoised tiles would show
		// seams, so the stitched frame is denoised in the finish step.
		return nil, c.noNode(fmt.Errorf("%w: %s: a denoised frame split in tiles is denoised whole in its finish step, and no node in the cluster has a %s with a denoiser (OpenImageDenoise; Debian's Blender lacks it): submit it with --tiles 1x1, or with --denoise=false, or add such a node", api.ErrBadJob, spec.SceneName, spec.Renderer))
	case j.framing.Finishes() && !c.someoneHas(spec.Renderer, renderer.FeatureFinish):
		return nil, c.noNode(fmt.Errorf("%w: %s composites its frames, and no node in the cluster can run its compositor over stitched tiles (%s with the finish step): submit it with --tiles 1x1, or add such a node", api.ErrBadJob, spec.SceneName, spec.Renderer))
	}
	j.planTasks()
	j.queue = append(j.queue, j.tasks...)
	return j, nil
}

// whoCanOpen says which members run version need or newer of renderer
// rend, for a scene this node's own renderer is too old to open: the job
// must be submitted to one of them, which can check it against the scene.
func (c *coordinator) whoCanOpen(rend, need string) string {
	var names []string
	for _, m := range c.everyone() { // another release's node coordinates with its own
		if v := m.Renderers[rend]; v != "" && renderer.ParseBuild(v).AtLeast(need) {
			names = append(names, m.ID+" ("+renderer.ParseBuild(v).Release()+")")
		}
	}
	if len(names) == 0 {
		return "no node in the cluster runs " + rend + " " + need + " or newer"
	}
	return "submit it to a node that runs " + rend + " " + need + " or newer: " + strings.Join(names, ", ")
}

// emit appends an event to the job's log; c.mu must be held.
func (c *coordinator) emit(j *job, e api.Event) {
	e.Done, e.Total, e.State, e.Checking = j.done, len(j.tasks), j.state, j.checking
	if e.Task >= 0 && e.Task < len(j.tasks) {
		e.Finish = j.tasks[e.Task].finish
	}
	e = j.events.append(e)
	c.store.PutEvent(j.id, e)
	c.notifyEvent(j, e)
	if j.spec.PreviewOf != "" {
		switch e.Type {
		case api.EventSubmitted, api.EventFrame:
			c.previewProgress(j)
		case api.EventFinished:
			c.previewEnded(j)
		}
	}
}

// busyTick and idleTick are how often the scheduler loop runs a pass
// unasked: often while a job has work to hand out (a task's retry backoff,
// a busy member's pause and a straggler's wait end on the clock, not on an
// event), seldom when none has. Everything else (a submit, a finished
// lease, a member joining, changing or leaving) wakes the loop at once.
// Idle nodes ticking four times a second are 800 passes a second for
// nothing in a 200-node in-process cluster on 2 cores.
const (
	busyTick = 250 * time.Millisecond
	idleTick = 5 * time.Second
)

// run is the scheduler loop: it hands out leases whenever something may have
// changed (a submit, a finished lease, a member change) and on a tick, fast
// while a job has work and slow otherwise, until ctx ends.
func (c *coordinator) run(ctx context.Context) {
	tick := time.NewTimer(busyTick)
	defer tick.Stop()
	for {
		c.takeBackLeft()
		c.schedule(ctx)
		c.maybeSweep()
		busy := c.active()
		if c.hasWork.Swap(busy) != busy {
			select {
			case c.workChanged <- struct{}{}:
			default:
			}
		}
		if busy {
			tick.Reset(busyTick)
		} else {
			tick.Reset(idleTick)
		}
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

// active reports whether a job has not ended yet: the scheduler loop then
// has tasks to hand out or leases to watch.
func (c *coordinator) active() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, j := range c.jobs {
		if !j.state.Final() {
			return true
		}
	}
	return false
}

// finish records the outcome of one lease. An accepted tile's record is
// on disk before the task counts as done (a kill -9 loses no accepted
// task), and that write is waited for off the lock: the lease stays
// current meanwhile (t.accepting), so nothing takes it back.
// (Leases are numbered from 1, so 0 means none.)
func (c *coordinator) finish(j *job, t *task, lease int, node string, img *image.NRGBA64, secs float64, tileHash string, signed *contracts.SignedResult, err error) {
	c.mu.Lock()
	c.inflight[node]--
	if t.lease != lease || t.state != api.TaskLeased {
		c.mu.Unlock()
		return // the lease was taken back (cancel, requeue) before it answered
	}
	t.cancel = nil
	if err != nil {
		if !c.promoteTwin(j, t, node, err) {
			c.leaseFailed(j, t, node, err)
		}
		c.mu.Unlock()
		c.kick()
		return
	}
	t.dropTwin() // the first valid result wins; the other lease is paid nothing
	t.accepting = lease
	rec := t.record()
	rec.Node, rec.Seconds, rec.Hash, rec.Verdict, rec.Evidence = node, secs, tileHash, c.drawCheck(j, t, node, tileHash), nil
	rec.Result, rec.Receipted, rec.ReceiptSeq = resultRecord(signed), false, 0 // a tile rendered again is not the receipted one
	written := c.store.PutTask(j.id, t.index, rec)
	c.mu.Unlock()
	c.kick() // the node's slot is free already
	werr := <-written

	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.kick()
	if t.accepting == lease {
		t.accepting = 0
	}
	if t.lease != lease || t.state != api.TaskLeased {
		// Taken back meanwhile (the job ended, or the worker was convicted
		// or left): the record just written must not make a restarted
		// coordinator take the tile as accepted. Unless another lease has
		// since been accepted or is being written (its record lands after
		// this one), it is deleted; the store's writes land in order.
		if werr == nil && t.state != api.TaskDone && t.accepting == 0 {
			c.store.DeleteTask(j.id, t.index)
		}
		return
	}
	if werr != nil {
		// Not recorded means not accepted: the tile is rendered again.
		c.log.Error("record task", "job", j.id, "task", t.index, "err", werr)
		c.requeue(j, t)
		return
	}
	if t.finish && t.frameGen != j.frameGen[t.tile.Frame] {
		// A tile of the frame was rejected while this finish ran.
		c.store.DeleteTask(j.id, t.index)
		c.requeue(j, t)
		c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: api.RequeueStale, Message: "a tile of the frame was rejected while it was finished: finishing again"})
		return
	}
	t.seconds, t.hash, t.node, t.verdict, t.evidence = secs, tileHash, node, rec.Verdict, nil
	t.result, t.receipted, t.receiptSeq = signed, false, 0
	mustMove(c.log, taskMoves, &t.state, api.TaskDone)
	j.done++
	j.recordSpeed(node, t, time.Since(t.leasedAt))
	if !t.finish {
		c.rates.observe(node, j.spec.Renderer, j.work(t), time.Since(t.leasedAt))
	}
	j.recordTook(time.Since(t.leasedAt))
	c.taskAccepted(j, t, node, t.addr.Hex())
	c.emit(j, api.Event{Type: api.EventDone, Task: t.index, Frame: t.tile.Frame, Node: node})
	c.maybeCheck(j, t, img)
	c.maybeReceipt(j, t)
	c.frameAccepted(j, t.tile.Frame)
}

// leaseFailed requeues a task whose lease ended in err, counts the failure
// against the node, and fails the task (its frame, not the job) when no
// node that could still render it is left (nodehealth.go, partial.go);
// c.mu must be held.
func (c *coordinator) leaseFailed(j *job, t *task, node string, err error) {
	c.requeue(j, t)
	if c.convictForwarder(j, t, node, err) {
		return // the forwarder's fault, not the task's: no attempt counted
	}
	if errors.Is(err, errBudgetReserved) {
		// No worker that risks nothing renders it now: say so rather
		// than lease it on and on.
		c.failTask(j, t, fmt.Sprintf("task %d (frame %d, tile %v) cannot be paid for: %v (when the budget ran out, leases that failed or were rendered again took it: submit it again with a larger --budget)", t.index, t.tile.Frame, t.tile.Rect, err))
		return
	}
	if !c.nodeFault(node, err) {
		switch {
		case errors.Is(err, errUnreserved) && !errors.Is(err, errNotSent): // a failed reservation is logged (reserve.go), not told per lease
			c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: api.RequeueUnreserved, Message: err.Error()})
		case errors.Is(err, errUnreachable):
			c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: api.RequeueUnreachable, Message: err.Error()})
		case errors.Is(err, errOverCap):
			c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: api.RequeueOverCap, Message: err.Error()})
		}
		return
	}
	j.failures[node]++
	if t.tries == nil {
		t.tries = make(map[string]int)
	}
	t.tries[node]++
	t.lastErr = err.Error()
	c.taskFailed(t, node, t.addr.Hex())
	reason := api.RequeueStalled
	if !errors.Is(err, errNoProgress) { // a stalled lease is the node's fault alone
		reason = api.RequeueFailed
		t.attempts++
		// The retry waits longer only as healthy nodes fail the task:
		// failures of nodes that fail everything say nothing about it.
		t.notBefore = c.now().Add(retryBackoff(c.witnesses(t)))
	}
	c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: reason, Message: err.Error()})
	if why := c.hopeless(j, t); why != "" {
		c.failTask(j, t, fmt.Sprintf("task %d (frame %d, tile %v) %s; last: %v", t.index, t.tile.Frame, t.tile.Rect, why, err))
	}
}

// nodeFault reports whether a lease's failure err is its node's, and
// leaves a node that was only busy or unreachable alone for a while;
// c.mu must be held.
func (c *coordinator) nodeFault(node string, err error) bool {
	switch {
	case errors.Is(err, errBusy), errors.Is(err, errNotSent), errors.Is(err, errUnreserved):
		// Refused for want of a reservation, it is reserved at the next
		// lease (that lease's count has this one).
		c.busy[node] = c.now().Add(busyBackoff)
	case errors.Is(err, errUnreachable), errors.Is(err, errOverCap):
		c.busy[node] = c.now().Add(unreachableBackoff) // longer at a gateway that keeps failing it: gatewayFaults.holds
	}
	return !notAFault(err)
}

// notAFault reports whether a lease's failure err is nobody's fault: the
// node was busy, unreachable or over a cap, or the lease was not sent.
func notAFault(err error) bool {
	return errors.Is(err, errBusy) || errors.Is(err, errNotSent) || errors.Is(err, errUnreachable) || errors.Is(err, errOverCap)
}

// complete ends a job whose every task is accepted: on a chain-connected
// node it settles first (off the lock), so that "finished" means paid.
// c.mu must be held.
func (c *coordinator) complete(j *job) {
	if c.chain == nil || j.settlement != nil || j.unpaid() {
		c.markDone(j)
		return
	}
	c.wg.Go(func() {
		c.settle(c.ctx, j)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.markDone(j)
	})
}

// markDone moves a job to done; c.mu must be held.
func (c *coordinator) markDone(j *job) {
	if j.state.Final() {
		return
	}
	mustMove(c.log, jobMoves, &j.state, api.JobDone)
	j.finished = c.now()
	c.save(j)
	c.emit(j, api.Event{Type: api.EventFinished, Task: -1, Message: j.partialNote()})
}

// fail ends a job with a reason and takes back its leases; c.mu must be held.
func (c *coordinator) fail(j *job, reason string) {
	if j.state.Final() {
		return
	}
	mustMove(c.log, jobMoves, &j.state, api.JobFailed)
	j.err = reason
	c.stop(j)
	c.save(j)
	c.emit(j, api.Event{Type: api.EventFinished, Task: -1, Message: reason})
	c.settleEnded(j)
}

// stop cancels a job's tasks; c.mu must be held.
func (c *coordinator) stop(j *job) {
	j.finished = c.now()
	for _, t := range j.tasks {
		if t.state == api.TaskPending || t.state == api.TaskLeased {
			if t.cancel != nil {
				t.cancel()
				t.cancel = nil
			}
			t.dropTwin()
			mustMove(c.log, taskMoves, &t.state, api.TaskCancelled)
		}
	}
}

// cancel stops a job at the user's request.
func (c *coordinator) cancel(id string) error {
	if _, err := api.ParseJobID(id); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	if j.state.Final() {
		return fmt.Errorf("job %s is already %s", id, j.state)
	}
	if j.approving {
		// Its budget is being locked on the chain: cancelled now, it
		// would hold the lock with nothing to settle and reclaim it.
		return fmt.Errorf("%w: job %s is being approved (its budget is being locked): cancel it once approve answers", errNotAwaiting, id)
	}
	if j.state == api.JobAwaiting {
		j.unfunded = true // nothing was locked: nothing to settle
		if pj, ok := c.jobs[j.spec.PreviewSpec().ID()]; ok && !pj.state.Final() {
			c.endJob(pj, api.CancelledReason)
		}
	}
	c.endJob(j, api.CancelledReason)
	return nil
}

// endJob cancels j with reason; c.mu must be held.
func (c *coordinator) endJob(j *job, reason string) {
	mustMove(c.log, jobMoves, &j.state, api.JobCancelled)
	j.err = reason // so status and wait say why it ended
	c.stop(j)
	c.save(j)
	c.emit(j, api.Event{Type: api.EventFinished, Task: -1, Message: reason})
	c.settleEnded(j)
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

// memberChanged is the gossip layer's callback for a member that joined or
// changed its metadata (came back from away, freed its slots). Like
// memberLeft it runs under memberlist's lock and never takes c.mu; it wakes
// the loop only while a job has work: an idle coordinator has nothing to
// match the member against, and 200 members joining must not mean 200
// passes on each of them.
func (c *coordinator) memberChanged(string) {
	if c.hasWork.Load() {
		c.kick()
	}
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
			if t.twin != nil && t.twin.node == node {
				t.dropTwin()
			}
			if t.state == api.TaskLeased && t.node == node && t.accepting == 0 {
				if t.cancel != nil {
					t.cancel()
					t.cancel = nil
				}
				c.requeue(j, t)
				c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: node, Reason: api.RequeueLeft, Message: "node " + node + " left the cluster"})
			}
		}
	}
}
