package farm

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// Spot checks. Once a worker's signed tile is accepted, the coordinator
// decides with probability q (the worker's reputation, and at least the
// job's verify rate) to check it: it picks a few crop windows with content
// (chosen from a seed the worker could not know: the coordinator's secret
// and the tile's hash), asks a different node to render just those windows
// with the same seed and samples, and compares. A mismatch goes to an
// arbiter: the coordinator itself when it is neither party (it is the
// requester's own node, trusted by the requester), otherwise a third node.
// The side that disagrees with the other two is convicted: its reputation
// falls, it is quarantined, every task it rendered for the job is rendered
// again elsewhere, and at settlement it earns nothing for them and its stake
// is slashed with the evidence's hash. The coordinator's own tiles are not
// checked: the requester trusts its own node.

// evidenceHash is the evidence's sha256, the value recorded on chain.
func evidenceHash(e api.Evidence) [32]byte {
	b, _ := json.Marshal(e)
	return sha256.Sum256(b)
}

// newSecret returns the coordinator's secret for crop seeds.
func newSecret() [32]byte {
	var s [32]byte
	rand.Read(s[:])
	return s
}

// maybeCheck starts the check of an accepted task when its draw said so
// (drawCheck); c.mu must be held.
func (c *coordinator) maybeCheck(j *job, t *task, img *image.NRGBA64) {
	c.check(j, t, img, false)
}

// drawCheck returns the verdict a tile task t of j answered by node, the
// tile's hash being hash, starts with: checking when it is to be checked
// (every finish; a tile by its node's reputation and the job's rate, drawn
// from the coordinator's secret), trusted for the coordinator's own,
// unchecked otherwise; c.mu must be held. It is drawn before the tile's
// record is written and kept in it, so that a coordinator killed before
// the check could start still runs it at its restart (restoredchecks.go).
func (c *coordinator) drawCheck(j *job, t *task, node, hash string) api.Verdict {
	switch {
	case j.spec.PreviewOf != "":
		return api.VerdictUnchecked // a preview pass is unchecked (preview.go)
	case node == c.self:
		return api.VerdictTrusted
	case t.finish:
		return api.VerdictChecking
	}
	seed := verifier.CropSeed(c.secret[:], []byte(j.id), []byte(hash))
	q := max(c.rep.CheckProbability(repKey(t.addr.Hex())), j.spec.VerifyRate)
	if mrand.New(mrand.NewPCG(seed[0], seed[1])).Float64() >= q {
		return api.VerdictUnchecked
	}
	return api.VerdictChecking
}

// check starts the check of accepted task t when its verdict, as drawn
// (drawCheck), says checking; sure checks a tile task whatever was drawn
// (restoredchecks.go). It reports whether the tile awaits a
// check (verdict checking), or has its verdict now.
func (c *coordinator) check(j *job, t *task, img *image.NRGBA64, sure bool) bool {
	if j.spec.PreviewOf != "" {
		t.verdict = api.VerdictUnchecked // a preview pass is unchecked (preview.go)
		return false
	}
	if t.node == c.self {
		t.verdict = api.VerdictTrusted
		return false
	}
	seed := verifier.CropSeed(c.secret[:], []byte(j.id), []byte(t.hash))
	rnd := mrand.New(mrand.NewPCG(seed[0], seed[1]))
	req := c.taskRequest(j, t, t.tile.Rect)
	req.Check = true
	var crops []image.Rectangle
	if t.finish {
		// Every finish is checked, whole (finishtask.go says why).
		crops, req.FinishTiles = []image.Rectangle{t.tile.Rect}, j.finishTiles(t.tile.Frame)
	} else {
		rnd.Float64() // drawCheck's draw: the checker is drawn from what follows it
		if t.verdict != api.VerdictChecking && !sure {
			t.verdict = api.VerdictUnchecked
			return false
		}
		if j.framing.WholeChecks {
			// Its regions rendered alone differ from the whole
			// (FramePlan.WholeChecks): the checker renders it whole.
			crops = []image.Rectangle{t.tile.Rect}
		} else {
			crops = verifier.ChooseCrops(img, t.tile.Rect, cropsFor(c.rep.Policy().Crops, t.tile.Rect, img.Rect), seed)
		}
		if len(crops) == 0 {
			t.verdict = api.VerdictUnchecked // nothing in it to check (its record said checking)
			c.saveTask(j, t)
			return false
		}
		req.Crops = crops
	}
	t.verdict = api.VerdictChecking
	j.checking++
	c.metrics.checks.Add(1)
	c.emit(j, api.Event{Type: api.EventChecking, Task: t.index, Frame: t.tile.Frame, Node: t.node})
	members := c.lastMembers
	lease, worker, addr, build, hash, finish := t.lease, t.node, t.addr.Hex(), t.build, t.hash, t.finish // t changes under c.mu meanwhile
	spec := j.spec
	result := resultRecord(t.result)
	// Not started when the node is stopping: the check is left to the
	// restart (the tile's record says checking: restoredchecks.go), and
	// the job stays open here, as for a check cut short (resolveCheck).
	c.wg.Go(func() {
		ev, convicted := c.runCheck(c.ctx, spec, finish, req, worker, build, hash, img, crops, members, rnd)
		ev.WorkerAddress, ev.Build, ev.Result = addr, build, result
		c.mu.Lock()
		defer c.mu.Unlock()
		c.resolveCheck(j, t, lease, addr, ev, convicted)
	})
	return true
}

// maxCheckers is how many checkers one check asks in turn while they fail.
const maxCheckers = 3

// maxCheckShare bounds the pixels a check re-renders, as a share of the
// tile: small tiles get smaller crops, so that checking a new node's every
// task costs it at most this much extra work.
const maxCheckShare = 0.125

// cropsFor shrinks the policy's crop windows to fit a tile's check budget
// (never below 4x4 pixels: fewer pixels than that say little), and has
// them drawn by detail in every plane of the tile's check image checked.
func cropsFor(cfg verifier.CropConfig, tile, checked image.Rectangle) verifier.CropConfig {
	cfg.Planes = max(1, checked.Dy()/max(tile.Dy(), 1))
	budget := maxCheckShare * float64(tile.Dx()*tile.Dy())
	for cfg.Count > 1 && float64(cfg.Count*4*4) > budget {
		cfg.Count--
	}
	for cfg.Size > 4 && float64(cfg.Count*cfg.Size*cfg.Size) > budget {
		cfg.Size--
	}
	return cfg
}

// runCheck has the crops of req rendered by a checker (and, on a
// mismatch, an arbiter) and returns the evidence and who, if anyone, is
// convicted; for a finish task (finish set) the one crop is the whole
// frame, finished again, and only nodes that can finish take part. It runs
// without c.mu.
//
// Only nodes of the worker's renderer release (renderer.Build.Release) may
// check or arbitrate: another release draws other pixels (Blender 3.4 and
// 4.3 differ in nearly every pixel of the same scene and seed), so
// comparing across releases would convict honest nodes. Within a release,
// the worker's exact build is preferred; another device or CPU kernel of
// the release differs by float noise and is compared tolerantly. Without
// any such node the task stays unchecked; the scheduler sees to it that,
// where it can, work goes only to nodes whose release another node shares.
func (c *coordinator) runCheck(ctx context.Context, spec api.JobSpec, finish bool, req TaskRequest, workerNode, build, tileHash string, worker *image.NRGBA64, crops []image.Rectangle, members []api.Member, rnd *mrand.Rand) (api.Evidence, string) {
	ev := api.Evidence{Worker: workerNode, Crops: crops, Hashes: []string{tileHash}}
	var rendered [][]byte // the crops' PNGs, kept as blobs if someone is convicted
	build = renderer.ParseBuild(build).Drawn()
	buildOf := func(m api.Member) string { return renderer.ParseBuild(m.Renderers[spec.Renderer]).Drawn() }
	modeFor := func(a, b string) verifier.Mode { return checkMode(spec, len(req.Passes) > 0, a, b) }
	compare := func(a, b *image.NRGBA64, mode verifier.Mode) verifier.Verdict {
		if finish {
			// One crop, the whole frame: its verdict keeps the metrics
			// (how many pixels differ, by how much) as the evidence.
			return verifier.Compare(a, b, crops[0], mode)
		}
		return compareChecks(a, b, crops, req.Region, mode)
	}
	candidates := make([]api.Member, 0, len(members))
	var self *api.Member
	away := 0
	release := renderer.ParseBuild(build).Release()
	blocked := c.blocklistedMembers(members)
	for i, m := range members {
		if m.ID == workerNode || build == "" || renderer.ParseBuild(buildOf(m)).Release() != release || c.quarantined(m.Addr) {
			continue
		}
		if m.Away != "" || c.gateways.of(m) >= leaveAfter {
			// Its owner took the machine back (or paused it, even the
			// coordinator's own): it refuses checks as it refuses leases,
			// and asking would only wait out callCheckRetry. Or its
			// gateway failed it twice in a row: a check would fail there
			// too (its next lease, or its word, tells).
			away++
			continue
		}
		if !c.stakes.meets(m) {
			continue // a checker's word can convict a bonded worker: it bonds too
		}
		if blocked[i] {
			continue // it fails the renders others do: its check would too
		}
		if finish && !renderer.ParseBuild(m.Renderers[spec.Renderer]).Has(finishFeature(spec)) {
			continue
		}
		if m.ID == c.self {
			self = &members[i]
		}
		candidates = append(candidates, m)
	}
	if len(candidates) == 0 {
		reason := fmt.Sprintf("no other node runs the worker's release %s", release)
		if away > 0 {
			reason = fmt.Sprintf("no other node that runs the worker's release %s takes work now (%d away or unreachable)", release, away)
		}
		ev.Verdict = verifier.Verdict{Outcome: verifier.Uncertain, Reason: reason}
		ev.Unchecked = true
		return ev, ""
	}
	pool := slices.DeleteFunc(slices.Clone(candidates), func(m api.Member) bool { return buildOf(m) != build })
	if len(pool) == 0 {
		pool = slices.Clone(candidates) // not shared: a failed checker is deleted from both
	}
	// A checker that fails (it left, or does not know this coordinator
	// yet after a restart) is replaced by another, maxCheckers in all: a
	// failed check lets the tile stand unchecked, and a checker in league
	// with the worker could fail on purpose.
	var (
		checker api.Member
		checked *image.NRGBA64
		render  api.CheckRender
		data    []byte
		failed  []string
	)
	for {
		checker = pool[rnd.IntN(len(pool))]
		ev.Checker = checker.ID
		var err error
		if checked, render, data, err = c.renderCrops(ctx, checker, req, crops); err == nil {
			break
		}
		failed = append(failed, err.Error())
		gone := func(m api.Member) bool { return m.ID == checker.ID }
		pool, candidates = slices.DeleteFunc(pool, gone), slices.DeleteFunc(candidates, gone)
		if self != nil && self.ID == checker.ID {
			self = nil // nor is it asked to arbitrate
		}
		if len(pool) == 0 {
			pool = slices.Clone(candidates)
		}
		if len(failed) == maxCheckers || len(pool) == 0 || ctx.Err() != nil {
			ev.Verdict = verifier.Verdict{Outcome: verifier.Uncertain, Reason: "checker failed: " + strings.Join(failed, "; ")}
			ev.Unchecked = true
			return ev, ""
		}
	}
	ev.Hashes, ev.Renders, rendered = append(ev.Hashes, render.Hash), append(ev.Renders, render), append(rendered, data)
	ev.Verdict = compare(worker, checked, modeFor(build, buildOf(checker)))
	if ev.Verdict.Outcome == verifier.Pass {
		return ev, ""
	}

	// A second opinion before anyone is penalized.
	var arbiter *api.Member
	if self != nil && self.ID != checker.ID {
		arbiter = self
	} else {
		for i := range candidates {
			if candidates[i].ID != checker.ID {
				arbiter = &candidates[i]
				break
			}
		}
	}
	if arbiter == nil {
		ev.Verdict.Reason += "; no third node to arbitrate"
		return ev, ""
	}
	ev.Arbiter = arbiter.ID
	arb, render, data, err := c.renderCrops(ctx, *arbiter, req, crops)
	if err != nil {
		ev.Verdict.Reason += "; arbiter failed: " + err.Error()
		return ev, ""
	}
	ev.Hashes, ev.Renders, rendered = append(ev.Hashes, render.Hash), append(ev.Renders, render), append(rendered, data)
	withWorker := compare(worker, arb, modeFor(build, buildOf(*arbiter)))
	withChecker := compare(checked, arb, modeFor(buildOf(checker), buildOf(*arbiter)))
	ev.Arbitration = &withWorker
	switch {
	case withWorker.Outcome == verifier.Pass && withChecker.Outcome == verifier.Fail:
		ev.Convicted = checker.ID
	case withWorker.Outcome == verifier.Fail && withChecker.Outcome == verifier.Pass:
		ev.Convicted = ev.Worker // t.node may already be another node: the task can be re-leased meanwhile
	}
	if ev.Convicted == c.self {
		// The requester trusts its own node: two others agreeing against
		// it are more likely colluding than right. Render the tile again.
		ev.Convicted = ""
	}
	if ev.Convicted != "" {
		c.keepRenders(rendered)
	}
	return ev, ev.Convicted
}

// checkMode is how renders of a job by drawn builds a and b of one release
// compare; passes says the renders are raw passes (a composited scene's
// tiles, never denoised: the finish step denoises the stitched frame).
func checkMode(spec api.JobSpec, passes bool, a, b string) verifier.Mode {
	switch {
	case (spec.Denoise && !passes) || a != b:
		return verifier.Tolerant // a denoised crop depends on its neighbours
	case spec.Renderer == "pathtracer":
		return verifier.Exact // deterministic by construction
	}
	return verifier.NearExact // the same build replays the same computation
}

// renderCrops has node m answer the check request req (its crops of a
// tile, or a finish again) and returns the answer with the tile's bounds
// (the crops drawn, or the whole frame), with m's signed render and its
// bytes.
func (c *coordinator) renderCrops(ctx context.Context, m api.Member, req TaskRequest, crops []image.Rectangle) (*image.NRGBA64, api.CheckRender, []byte, error) {
	// One request for all crops: the answer has the tile's size, with the
	// crops drawn. Each node gets a message of its own.
	req.Time, req.Nonce = time.Now().UnixMilli(), rpc.NewNonce()
	if err := c.signFor(&req, m); err != nil {
		return nil, api.CheckRender{}, nil, err
	}
	img, data, signed, err := c.callCheckRetry(ctx, m, req)
	if err != nil {
		return nil, api.CheckRender{}, nil, fmt.Errorf("%s: %w", m.ID, err)
	}
	for _, r := range crops {
		c.metrics.checkPixels.Add(int64(r.Dx() * r.Dy()))
	}
	sum := sha256.Sum256(data)
	return img, checkRender(m, m.Renderers[req.Renderer], sum, signed), data, nil
}

// callCheck sends one check render to m under the same rules as a lease:
// heartbeats, LeaseTimeout, and cancellation when m leaves the cluster, so
// a checker that dies or freezes cannot hold a job open.
func (c *coordinator) callCheck(ctx context.Context, m api.Member, req TaskRequest) (*image.NRGBA64, []byte, *contracts.SignedCheck, error) {
	cctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)
	cctx, cancelTimeout := context.WithTimeout(cctx, c.cfg.LeaseTimeout)
	defer cancelTimeout()
	c.leftMu.Lock()
	c.checkSeq++
	id := c.checkSeq
	if c.checkCancels[m.ID] == nil {
		c.checkCancels[m.ID] = make(map[uint64]context.CancelFunc)
	}
	c.checkCancels[m.ID][id] = cancelTimeout
	c.leftMu.Unlock()
	defer func() {
		c.leftMu.Lock()
		delete(c.checkCancels[m.ID], id)
		if len(c.checkCancels[m.ID]) == 0 {
			delete(c.checkCancels, m.ID)
		}
		c.leftMu.Unlock()
	}()
	var hb sync.WaitGroup
	defer func() {
		cancelCause(nil) // ends the heartbeat
		hb.Wait()
	}()
	hb.Go(func() { c.heartbeat(cctx, cancelCause, m, req.Nonce, nil, func(taskProgress) {}) })
	img, _, data, _, err := c.call(cctx, m, req)
	v, _ := c.results.LoadAndDelete(req.Nonce)
	signed, _ := v.(*contracts.SignedCheck)
	// A check crosses m's gateway as a lease does, and counts in its run
	// of answers there (gatewayFaults) unless it was called off.
	switch cause := context.Cause(cctx); {
	case errors.Is(cause, errNoHeartbeat):
		err = c.gateways.observe(m, onTheWay(m, cause))
	case cctx.Err() == nil:
		err = c.gateways.observe(m, err)
	}
	return img, data, signed, err
}

// callCheckRetry is callCheck, waiting for a slot when the node is busy
// with other checks: a busy arbiter must not leave a mismatch undecided.
func (c *coordinator) callCheckRetry(ctx context.Context, m api.Member, req TaskRequest) (*image.NRGBA64, []byte, *contracts.SignedCheck, error) {
	wait := 100 * time.Millisecond
	for deadline := time.Now().Add(2 * time.Minute); ; {
		img, data, signed, err := c.callCheck(ctx, m, req)
		if !errors.Is(err, errBusy) || time.Now().After(deadline) {
			return img, data, signed, err
		}
		select {
		case <-ctx.Done():
			return nil, nil, nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 2*time.Second)
		// A retried request is a new message: a new nonce and signature.
		req.Time, req.Nonce = time.Now().UnixMilli(), rpc.NewNonce()
		if err := c.signFor(&req, m); err != nil {
			return nil, nil, nil, err
		}
	}
}

// cancelChecks ends the check renders in flight on a node that left.
func (c *coordinator) cancelChecks(node string) {
	c.leftMu.Lock()
	cancels := c.checkCancels[node]
	delete(c.checkCancels, node)
	c.leftMu.Unlock()
	for _, cancel := range cancels {
		cancel()
	}
}

// A coordinator's record of a node (checks passed and failed, quarantine)
// follows the node's key, never its name: a name is whatever the node
// says, and a convicted node that rejoins under a new one is still the
// same key, still quarantined.

// repKey is the reputation key of a node's address (as members advertise
// it, or a task recorded it): the address in one spelling, EIP-55's,
// which the store's records are keyed by. That spelling is a Keccak hash,
// and a scheduling pass and the choice of a checker ask it of every
// member (reputation, health, quarantine): with 100 members, 11% of a
// coordinator's CPU went to choosing checkers alone. So the spellings
// met are kept.
func repKey(addr string) string {
	repKeys.Lock()
	k, ok := repKeys.m[addr]
	repKeys.Unlock()
	if ok {
		return k
	}
	k = common.HexToAddress(addr).Hex()
	if !common.IsHexAddress(addr) {
		// HexToAddress takes the last 20 bytes of any string: a long one
		// from outside (an evidence bundle's) is not kept.
		return k
	}
	repKeys.Lock()
	if len(repKeys.m) >= maxRepKeys {
		clear(repKeys.m) // membership is open: addresses come and go
	}
	repKeys.m[addr] = k
	repKeys.Unlock()
	return k
}

// maxRepKeys bounds repKeys: far more than a cluster's members.
const maxRepKeys = 4096

// repKeys holds repKey's answers by the spelling asked, for every node
// of the process.
var repKeys = struct {
	sync.Mutex
	m map[string]string
}{m: make(map[string]string)}

// quarantined reports whether the node with address addr is barred after
// a conviction.
func (c *coordinator) quarantined(addr string) bool {
	return c.rep.Quarantined(repKey(addr), c.now())
}

// addrOf returns the address of the member named node, as the last
// scheduling pass saw it ("" when it is not a member).
func (c *coordinator) addrOf(node string) string {
	for _, m := range c.lastMembers {
		if m.ID == node {
			return m.Addr
		}
	}
	return ""
}

// resolveCheck records a finished check; c.mu must be held.
func (c *coordinator) resolveCheck(j *job, t *task, lease int, workerAddr string, ev api.Evidence, convicted string) {
	if ev.Unchecked && c.stopping.Load() {
		// Cut short by the node stopping (its own worker's check renders
		// end first, as it leaves): the tile's record still says
		// "checking", and the restart checks it again (restoredchecks.go).
		// Still counted in checking, so another check that passes
		// meanwhile does not complete (and settle) the job without it.
		return
	}
	j.checking--
	defer func() {
		c.maybeComplete(j)
	}()
	if j.state.Final() {
		return
	}
	current := t.lease == lease && t.state == api.TaskDone
	switch {
	case convicted != "":
		c.convict(j, convicted, t.index, ev, false)
		if convicted != ev.Worker {
			// The arbiter sided with the worker against the checker:
			// its tile passed (it stayed "checking" for good before).
			c.rep.Record(repKey(workerAddr), true)
			if current {
				t.verdict = api.VerdictPassed
			}
		}
	case ev.Verdict.Outcome == verifier.Pass:
		c.rep.Record(repKey(workerAddr), true)
		if current {
			t.verdict = api.VerdictPassed
		}
	case ev.Unchecked:
		if current {
			t.verdict = api.VerdictUnchecked
		}
	default:
		// A mismatch nobody could settle (all three differ, no arbiter):
		// the tile is rendered again elsewhere and nobody is penalized, a
		// couple of times, after which it stands: renders that differ
		// everywhere are a scene problem, not a cheat.
		if current && t.undecided < 2 {
			t.undecided++
			if ev.Arbiter != "" {
				// Worker, checker and arbiter all differ: the scene's
				// renders do, not the worker's. Its render is paid (the
				// tile is still rendered again): it did the work it was
				// leased. With no arbiter a cheat looks the same, and
				// is not paid.
				t.verdict = api.VerdictUnchecked
				c.maybeReceipt(j, t)
			}
			c.reject(j, t)
		} else if current {
			t.verdict = api.VerdictUnchecked
		}
	}
	if current {
		t.evidence = &ev
		c.saveTask(j, t)
		c.maybeReceipt(j, t)
	}
	c.saveReputation()
	if !current && convicted == "" {
		// The tile is being rendered again (its checker was convicted,
		// and this was a check of its own work, say): the verdict is
		// not the tile's now, and the app would show it as such.
		return
	}
	outcome := api.CheckOutcome(ev.Verdict.Outcome.String())
	if ev.Unchecked {
		outcome = api.CheckUnchecked
	}
	c.emit(j, api.Event{Type: api.EventVerdict, Task: t.index, Frame: t.tile.Frame, Node: ev.Worker, Verdict: outcome, Convicted: convicted, Message: verdictMessage(ev, convicted)})
}

func verdictMessage(ev api.Evidence, convicted string) string {
	msg := fmt.Sprintf("check by %s (%s): %s", ev.Checker, ev.Verdict.Mode, ev.Verdict.Outcome)
	if ev.Verdict.Reason != "" {
		msg += ": " + ev.Verdict.Reason
	}
	if ev.Arbiter != "" {
		msg += "; arbiter " + ev.Arbiter
	}
	if convicted != "" {
		msg += "; convicted " + convicted
	}
	return msg
}

// convict penalizes node for cheating in job j; c.mu must be held. A
// local conviction (api.Conviction.Local) is kept here alone.
func (c *coordinator) convict(j *job, node string, task int, ev api.Evidence, local bool) {
	conv := api.Conviction{Node: node, Address: c.addrOf(node), Task: task, Evidence: ev, Time: c.now(), Local: local}
	if conv.Address == "" {
		// Gone from the member list since: the evidence, or the task,
		// recorded its worker's address at the lease.
		if t := j.tasks[task]; node == ev.Worker && ev.WorkerAddress != "" {
			conv.Address = ev.WorkerAddress
		} else if t.node == node {
			conv.Address = t.addr.Hex()
		}
	}
	if conv.Address != "" {
		c.rep.Record(repKey(conv.Address), false)
	}
	c.metrics.convictions.Add(1)
	// The escrow slashes a node with its own signature: the checked
	// tile's signed result, for its worker (kept with the evidence,
	// though the task may have been leased again since), which arbiters
	// re-render if the node disputes; a checker's signed render of the
	// crops (in the evidence's renders, escrow.go signedCheck), which
	// they render again and compare.
	if !local && node == ev.Worker && ev.Result != nil {
		conv.Result = ev.Result
	}
	announced := local // a local conviction is never announced
	for _, prev := range j.convictions {
		announced = announced || (prev.Address != "" && repKey(prev.Address) == repKey(conv.Address))
	}
	j.convictions = append(j.convictions, conv)
	if !announced {
		c.announce(j, conv) // once per node and job: the first evidence is enough
	}
	for _, t := range j.tasks {
		if t.twin != nil && t.twin.node == node {
			t.dropTwin()
		}
		switch {
		case t.node != node:
		case t.state == api.TaskDone:
			c.reject(j, t)
		case t.state == api.TaskLeased:
			if t.cancel != nil {
				t.cancel()
				t.cancel = nil
			}
			c.requeue(j, t)
		}
	}
	c.save(j)
}

// reject takes an accepted task back: it is rendered again, its frame
// assembled again; c.mu must be held.
func (c *coordinator) reject(j *job, t *task) {
	mustMove(c.log, taskMoves, &t.state, api.TaskPending)
	j.queue = append(j.queue, t)
	j.done--
	t.verdict = api.VerdictRejected
	delete(j.frames, t.tile.Frame)
	j.frameGen[t.tile.Frame]++ // an assembly (or finish) under way is stale
	c.store.DeleteTask(j.id, t.index)
	c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: t.node, Reason: api.RequeueRejected, Message: "rejected by a check: rendering again"})
	if !t.finish {
		c.staleFinish(j, t.tile.Frame)
	}
}
