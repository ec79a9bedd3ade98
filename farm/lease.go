package farm

// Leases: the coordinator hands one task at a time to a member as a signed
// RPC, watches it with heartbeats, and checks what comes back (a PNG or
// EXR of exactly the task's size, signed by the worker over this lease).

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// lease hands task t to member m; c.mu must be held.
func (c *coordinator) lease(ctx context.Context, j *job, t *task, m api.Member, members []api.Member) {
	mustMove(c.log, taskMoves, &t.state, api.TaskLeased)
	t.node, t.price, t.addr = m.ID, m.Price, common.HexToAddress(m.Addr)
	t.build = m.Renderers[j.spec.Renderer]
	t.lease++
	t.leasedAt = time.Now()
	if t.finish {
		t.frameGen = j.frameGen[t.tile.Frame]
	}
	c.inflight[m.ID]++
	j.markLeased(m.ID)
	c.emit(j, api.Event{Type: api.EventLeased, Task: t.index, Frame: t.tile.Frame, Node: m.ID})
	lease := t.lease
	cancel, nonce, ok := c.send(ctx, j, t, lease, m, members, func(a leaseAnswer) {
		c.finish(j, t, lease, m.ID, a.img, a.secs, a.tileHash, a.result, a.err)
	})
	if !ok { // the node is stopping: the task waits for the next start
		c.inflight[m.ID]--
		c.requeue(j, t)
		return
	}
	t.cancel, t.nonce = cancel, nonce
}

// leaseAnswer is what came of one lease: the checked tile, the worker's
// seconds, the tile's blob and the worker's signed result, or an error.
type leaseAnswer struct {
	img      *image.NRGBA64
	secs     float64
	tileHash string
	result   *contracts.SignedResult
	err      error
}

// send asks m to render task t under lease number lease, watching it with
// heartbeats, and hands the answer to done; c.mu must be held. It returns
// the lease's cancel and nonce (which names the lease to its worker), or
// false when it could not start (the node is stopping). A request that
// cannot be signed is answered with errNotSent.
func (c *coordinator) send(ctx context.Context, j *job, t *task, lease int, m api.Member, members []api.Member, done func(leaseAnswer)) (context.CancelFunc, string, bool) {
	stall := stallBound(c.cfg.Stall, j, t, m.ID)
	lctx, cancelCause := context.WithCancelCause(ctx)
	lctx, cancelTimeout := context.WithTimeout(lctx, c.cfg.LeaseTimeout)
	cancel := func() { cancelTimeout(); cancelCause(nil) }
	req := c.taskRequest(j, t, t.tile.Rect)
	req.Sources = c.sources(j, m.ID, members)
	var scene int64 // unknown: its fetch is not heard as progress
	if pm, ok := c.blobs.CachedManifest(j.spec.Scene); ok {
		// Hashed at submit or restore, never under c.mu.
		req.ScenePieces, scene = pm.Root(), pm.Size
	}
	if t.finish {
		req.FinishTiles = j.finishTiles(t.tile.Frame)
	}
	ll := leaseLog{job: j.id, task: t, lease: lease, node: m.ID, renderer: j.spec.Renderer, build: m.Renderers[j.spec.Renderer], started: time.Now()}
	need, escrow := c.leaseNeed(j, m), j.hash()
	started := c.wg.Go(func() {
		defer cancel()
		reserved := true
		if need != nil {
			// Before the lease: the worker reads its reservation on chain.
			ok, err := c.reserves.ensure(lctx, escrow, common.HexToAddress(m.Addr), need, m.Price.Wei())
			if err != nil {
				c.mu.Lock()
				c.unlease(j, m)
				c.mu.Unlock()
				err = fmt.Errorf("%w: %w: reserving its pay for %s failed: %w", errNotSent, errUnreserved, m.ID, err)
				if re := (*contracts.RevertError)(nil); errors.As(err, &re) {
					// The escrow refuses (the job settled, or past its
					// deadline): no lease of it can be paid any more.
					err = fmt.Errorf("%w: %w", errBudgetReserved, err)
				}
				done(leaseAnswer{err: err})
				return
			}
			reserved = ok
		}
		// Signed here, off c.mu: encoding and signing a lease takes a
		// scheduling pass's whole time per task when done under the lock.
		req.Altered = c.gateways.tell(m)
		if err := c.signFor(&req, m); err != nil {
			if need != nil {
				c.mu.Lock()
				c.unlease(j, m)
				c.mu.Unlock()
			}
			c.log.Error("sign task request", "err", err)
			done(leaseAnswer{err: fmt.Errorf("%w: %w", errNotSent, err)})
			return
		}
		// Heartbeats watch the call only: they stop when it returns. Left
		// to the lease's context, they went on asking about a task the
		// worker had answered (404s) until HeartbeatTimeout gave up, while
		// the tile was stored and accepted: ten beats and a goroutine a
		// finished lease for 20 s (TestHeartbeatsEndWithCall).
		hbCtx, stopBeats := context.WithCancel(lctx)
		var hb sync.WaitGroup
		var watch *stallWatch
		if stall > 0 {
			watch = newStallWatch(stall, time.Now(), scene, c.cfg.Stall.FetchRate)
		}
		shown := -1 // the scene's whole percent last told (-1: none)
		hb.Go(func() {
			c.heartbeat(hbCtx, cancelCause, m, req.Nonce, watch, func(p taskProgress) {
				if p.Total <= 0 {
					if scene <= 0 {
						return // nothing to tell before the render
					}
					// Told once a percent, and once when the fetch ends:
					// a large scene takes many beats.
					share := -1
					if 0 < p.Fetched && p.Fetched <= scene {
						share = api.Percent(p.Fetched, scene)
					}
					if share == shown {
						return
					}
					shown = share
				}
				c.progress(j, t, lease, m.ID, p, scene)
			})
		})
		var a leaseAnswer
		var data []byte
		var log string
		a.img, a.secs, data, log, a.err = c.call(lctx, m, req)
		stopBeats()
		hb.Wait()
		v, _ := c.results.LoadAndDelete(req.Nonce)
		a.result, _ = v.(*contracts.SignedResult)
		taken := false
		switch cause := context.Cause(lctx); {
		case errors.Is(cause, errNoHeartbeat):
			a.err = onTheWay(m, cause) // a gateway can drop them
		case errors.Is(cause, errNoProgress):
			a.err = cause // the progress was m's word (askProgress)
			if relayed(m) && scene > 0 && watch.last.Total == 0 {
				// Before its render, what moves is the scene's bytes,
				// whose header a gateway can drop: not m's word.
				a.err = onTheWay(m, cause)
			}
		case lctx.Err() != nil:
			taken = true // taken back, or out of time: nobody's word
		}
		if !taken {
			a.err = c.gateways.observe(m, a.err)
		}
		if need != nil && errors.As(a.err, new(noResultError)) {
			// The worker says it rendered nothing it signed (it failed,
			// was busy, or refused the lease): nothing for its
			// reservation to hold, as the worker counts it too. A lease
			// lost on the way, or an answer refused here, stays
			// counted: the worker may hold its signed result.
			c.mu.Lock()
			c.unlease(j, m)
			c.mu.Unlock()
		}
		if need != nil && errors.Is(a.err, errUnreserved) {
			// The coordinator's view of its reservation may be ahead of
			// the worker's node (a block behind).
			c.reserves.reread(escrow, common.HexToAddress(m.Addr))
			if !reserved {
				a.err = fmt.Errorf("%w: %w", errBudgetReserved, a.err)
			}
		}
		c.keepLog(ll, log, a.err, errors.Is(context.Cause(lctx), context.Canceled))
		if a.err == nil {
			// The tile's file is kept as a blob before it is accepted, so a
			// restarted coordinator can assemble the frame without asking
			// anyone to render it again. It is pinned until the task
			// holds it (capOwnBlobs).
			sum := sha256.Sum256(data)
			defer c.blobs.Pin(hex.EncodeToString(sum[:]))()
			a.tileHash, a.err = c.keepTile(data)
		}
		done(a)
	})
	if !started {
		cancel()
		return nil, "", false
	}
	return cancel, req.Nonce, true
}

// keepTile stores an answered tile's file as a blob before the lease's
// answer goes on to finish, which queues its record. It does not wait for
// the disk: a kill -9 loses nothing the kernel was handed, and a power
// loss that takes a tile whose record survived is caught at restart
// (restore checks the tiles of unwritten frames and renders a lost one
// again). Syncing each tile was a quarter of a coordinator's CPU a task;
// syncing the tiles answered together in one shared round measured
// 0.70-0.94x of that in BenchmarkDispatch.
func (c *coordinator) keepTile(data []byte) (string, error) {
	return c.blobs.Keep(data)
}

// taskRequest is the unsigned RPC asking a worker to render region of
// task t (the whole tile for a lease, a crop for a check).
func (c *coordinator) taskRequest(j *job, t *task, region image.Rectangle) TaskRequest {
	var spec *api.JobSpec
	if c.chain != nil {
		spec = &j.spec
	}
	return TaskRequest{
		JobID: j.id, Task: t.index, Sources: []string{c.selfURL()},
		Renderer: j.spec.Renderer, Scene: j.spec.Scene, SceneName: j.spec.SceneName,
		Frame: t.tile.Frame, Width: j.spec.Resolution.Width, Height: j.spec.Resolution.Height,
		Samples: j.spec.Samples, Seed: j.spec.Seed, Region: region, Area: j.spec.RegionRect(), Denoise: j.spec.Denoise,
		Format: j.spec.Format, Depth: j.spec.Depth, Quality: j.spec.Quality, Compression: j.spec.Compression, Passes: j.framing.Passes, Channels: j.channels(), AdaptiveSampling: j.framing.Adaptive,
		Coordinator: c.ident.Address().Hex(), Escrow: c.escrowID(j), JobHash: j.hash().Hex(),
		Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
		Spec: spec, Preview: j.spec.PreviewOf != "",
	}
}

// progress turns a heartbeat's answer into a "progress" event while the
// lease is current: the render's fraction done, or before it begins, the
// fraction of the scene (of scene bytes, 0: unknown) the worker holds, 0
// once its fetch has ended.
func (c *coordinator) progress(j *job, t *task, lease int, node string, p taskProgress, scene int64) {
	e := api.Event{Type: api.EventProgress, Task: t.index, Frame: t.tile.Frame, Node: node}
	switch {
	case p.Total > 0:
		e.Progress = float64(p.Done) / float64(p.Total)
	case scene > 0 && 0 < p.Fetched && p.Fetched <= scene:
		e.Fetched = float64(p.Fetched) / float64(scene)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.lease != lease || t.state != api.TaskLeased {
		return
	}
	c.emit(j, e)
}

// sources lists where a worker can fetch a job's scene: members that were
// leased a task of the job (they hold the scene, or are fetching it and
// serve the pieces they have: blobstore/swarm.go) in random order, so the
// load spreads, then this node, which always has it. The job's tasks are
// read from a random one on, until as many peers are found as there can
// be: every task read for every lease was 5% of a coordinator's CPU with
// 4,096-task jobs (BenchmarkCoordinatorCPU -coord.grid 64), and grew with
// the job.
func (c *coordinator) sources(j *job, worker string, members []api.Member) []string {
	urls := make(map[string]string, len(members))
	for _, m := range members {
		urls[m.ID] = m.API
	}
	// As many peers as there can be: no more than the members besides
	// the worker and this node.
	want := len(urls)
	for _, id := range []string{worker, c.self} {
		if _, ok := urls[id]; ok {
			want--
			delete(urls, id)
		}
	}
	want = min(want, maxPeerSources)
	var peers []string
	seen := map[string]bool{}
	from := 0
	if len(j.tasks) > 0 {
		from = rand.IntN(len(j.tasks))
	}
	for i := 0; i < len(j.tasks) && len(peers) < want; i++ {
		t := j.tasks[(from+i)%len(j.tasks)]
		if (t.state == api.TaskDone || t.state == api.TaskLeased) && !seen[t.node] && urls[t.node] != "" {
			seen[t.node] = true
			peers = append(peers, urls[t.node])
		}
	}
	rand.Shuffle(len(peers), func(a, b int) { peers[a], peers[b] = peers[b], peers[a] })
	return append(peers, c.selfURL())
}

// errBusy marks a worker that had no free slot, and errUnreachable one that
// could not be reached (crashed, or its network is down): neither is the
// task's fault, so no attempt is counted, and the node is left alone for a
// while so a dead node does not eat the task's attempts before memberlist
// declares it dead.
var (
	errBusy        = errors.New("worker busy")
	errUnreachable = errors.New("worker unreachable")
	// errOverCap marks a worker whose caps (its blob cache's, or its
	// budget for this coordinator's unpaid previews) leave no room for
	// the task for now.
	errOverCap = errors.New("worker over its cap")
	// errNotSent marks a lease this node could not sign: nobody's fault
	// but its own, so neither the task nor the worker is counted against.
	errNotSent = errors.New("lease not sent")
)

// relayed reports whether m is reached through a gateway (it is behind
// NAT).
func relayed(m api.Member) bool {
	a, err := rpcaddr.Parse(m.API)
	return err == nil && a.Relay != ""
}

// onTheWay is err, a failed answer of m's that m did not sign for (or
// heartbeats it did not answer), as a fault of the way when m is reached
// through a gateway: the gateway sees the lease (its nonce too) and can
// alter, replace or drop any answer, and what m did not sign could be the
// gateway's as well as m's. So it is counted as m being unreachable (no
// failed attempt, no blocklisting, no conviction), and in m's run of such
// answers (gatewayfaults.go). A NATed member gains nothing by leaving its
// own answers unsigned: it is paid only for what it signs, and it could as
// well not answer. An answer m did sign (its word on a failure, or on a
// tile) stays m's fault.
func onTheWay(m api.Member, err error) error {
	a, perr := rpcaddr.Parse(m.API)
	if perr != nil || a.Relay == "" {
		return err
	}
	return fmt.Errorf("%w: %w: %s is reached through the gateway %s, which could have done this in its name: %w", errUnreachable, errOnTheWay, m.ID, a.HostPort, err)
}

// maxErrorBody bounds the body of a failed answer that a coordinator reads.
const maxErrorBody = 64 << 10

// failedAnswer reads m's answer to req other than a tile: the failure and
// its log. Through a gateway, an answer without m's word on it
// (failureMessage) is a fault of the way: a busy one too, else a gateway
// could refuse every lease as busy in m's name, unseen. But m signs
// nothing before it has authenticated the lease (anyone could ask it), so
// an unsigned refusal of that kind (m does not know this coordinator yet,
// a stale or misdirected request) and the gateway's own cap on its
// callers (a 429) are nobody's fault: a coordinator that restarted would
// else have every node behind NAT leave an honest gateway. Nobody's for
// refusalGrace, that is: refused on and on, with no word of m's, they are
// the way's, or a gateway could starve its node with them unseen.
func (c *coordinator) failedAnswer(ctx context.Context, resp *http.Response, req TaskRequest, m api.Member) (string, error) {
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody+1))
	text := api.ReadError(bytes.NewReader(body))
	if relayed(m) {
		if rerr != nil && ctx.Err() != nil {
			return "", fmt.Errorf("%w: %w", errUnreachable, rerr) // taken back meanwhile
		}
		if rerr != nil || len(body) > maxErrorBody || wordOf(resp.Header, c.sessions, common.HexToAddress(m.Addr), sealFailure, failureMessage(req, resp.StatusCode, body), headerFailSig, headerFailSeal) != nil {
			switch resp.StatusCode {
			case http.StatusUnauthorized, http.StatusForbidden, http.StatusMisdirectedRequest, http.StatusTooManyRequests:
				if way, d := c.gateways.refusedFor(m); way {
					return "", onTheWay(m, fmt.Errorf("%s: %s (refused in its name for %v)", resp.Status, text, d.Round(time.Second)))
				}
				if resp.StatusCode == http.StatusTooManyRequests {
					return "", fmt.Errorf("%w: %s", errOverCap, text)
				}
				return "", fmt.Errorf("%w: %s: %s", errUnreachable, resp.Status, text)
			}
			return "", onTheWay(m, fmt.Errorf("%s: %s", resp.Status, text))
		}
	}
	log, err := c.refusal(resp, req, m, text)
	return log, noResultError{err}
}

// noResultError marks a failed answer that is the worker's own word (it
// came straight from the worker, or with its word on it through a
// gateway): the worker signed no result for the lease, as it records a
// result only once it answers with it (worker.go). So the lease is not
// counted in what the worker's reservation must hold (reserve.go).
type noResultError struct{ error }

func (e noResultError) Unwrap() error { return e.error }

// refusedError is a worker's refusal in its own words (which name the
// cause already), marked with the causes the coordinator acts on.
type refusedError struct {
	text  string
	marks []error
}

func (e refusedError) Error() string   { return e.text }
func (e refusedError) Unwrap() []error { return e.marks }

// refusal is what a failed answer of m's, its own word, means: the cause,
// and its log when it sent one.
func (c *coordinator) refusal(resp *http.Response, req TaskRequest, m api.Member, text string) (string, error) {
	switch resp.StatusCode {
	case http.StatusServiceUnavailable:
		return "", errBusy
	case http.StatusPaymentRequired:
		if resp.Header.Get(headerUnreserved) != "" {
			// Uncounted (noResultError) and reserved again at the next
			// lease: nobody's fault.
			return "", refusedError{text, []error{errOverCap, errUnreserved}}
		}
	case http.StatusInsufficientStorage:
		// Its reason goes with the requeue event: the owner sees why.
		return "", fmt.Errorf("%w: %s", errOverCap, text)
	case http.StatusTooManyRequests:
		// The worker's preview budget for this coordinator is spent: the
		// worker keeps its limit, the task waits for another or for the
		// budget to refill; neither is a fault.
		return "", fmt.Errorf("%w: %s", errOverCap, text)
	case http.StatusForbidden:
		// The worker does not know us yet: gossip about a (re)started
		// coordinator takes a moment to spread. Not the task's fault.
		return "", fmt.Errorf("%w: %s", errUnreachable, text)
	}
	err := fmt.Errorf("%s: %s", resp.Status, text)
	log, lerr := readLog(resp.Header, c.sessions, req, m, "")
	if lerr != nil {
		c.metrics.badSignatures.Add(1)
		return "", onTheWay(m, &logNoteError{err, lerr.Error()})
	}
	return log, err
}

// errOnTheWay marks what onTheWay made a fault of the way.
var errOnTheWay = errors.New("not its word")

// Back-off periods after errBusy and errUnreachable.
const (
	busyBackoff        = 500 * time.Millisecond
	unreachableBackoff = 3 * time.Second
)

// call sends one task to a worker and checks what comes back: a PNG (or,
// for an EXR job, an EXR) of exactly the task's size, and the task's log
// (a failure's too) when the worker sent one, signed over this answer.
func (c *coordinator) call(ctx context.Context, m api.Member, req TaskRequest) (*image.NRGBA64, float64, []byte, string, error) {
	body := req.body
	if body == nil {
		body, _ = json.Marshal(req)
	}
	target, err := rpcaddr.Join(m.API, "/rpc/v1/render")
	if err != nil {
		return nil, 0, nil, "", err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return nil, 0, nil, "", err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := c.hc.Do(hreq)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, 0, nil, "", fmt.Errorf("lease expired after %v", c.cfg.LeaseTimeout)
		}
		err = fmt.Errorf("%w: %w", errUnreachable, err)
		if ctx.Err() == nil {
			// Through a gateway, the connection is the gateway's to drop.
			err = onTheWay(m, err)
		}
		return nil, 0, nil, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		log, err := c.failedAnswer(ctx, resp, req, m)
		return nil, 0, nil, log, err
	}
	r := req.Region
	want := req.want()
	limit := tileLimit(r, want)
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("tile is larger than %d bytes", limit)
	}
	if err != nil {
		return nil, 0, nil, "", onTheWay(m, fmt.Errorf("read tile: %w", err))
	}
	// The worker's signature over this lease's nonce and the bytes' hash is
	// what makes it answerable for the pixels.
	sigTime, _ := strconv.ParseInt(resp.Header.Get(headerTime), 10, 64)
	sum := sha256.Sum256(data)
	msg := resultMessage(req, hex.EncodeToString(sum[:]), sigTime)
	addr := common.HexToAddress(m.Addr)
	// A seal is worth opening only from m, or from another member (which
	// would have done m's work: forwardedBy).
	from, err := voucher(resp.Header, c.sessions, func(a common.Address) bool { return a == addr || isMember(c.everyone(), a) }, sealResult, msg, headerSig, headerSeal)
	if err == nil {
		err = rpc.CheckSender(from, addr)
	}
	// The tile's EIP-712 signature says whose work it is. When it is m's
	// own, a word from another member on the answer was put there on the
	// way (a relay can see the lease's nonce): a bad answer, not m
	// passing off another's work, which would carry the other's. Through
	// a gateway even the other's work may have been put there on the way
	// (the gateway and an accomplice rendering m's lease), so only a
	// member reached directly is convicted for it.
	rerr := c.checkSignedResult(req, m, resp.Header.Get(signatureHeader(req)), sum)
	if err != nil {
		c.results.Delete(req.Nonce)
		if rerr == nil {
			c.metrics.badSignatures.Add(1) // else counted already
		} else if fw := forwardedBy(m, c.everyone(), from); fw != nil && !relayed(m) {
			err = fw
		}
		return nil, 0, nil, "", onTheWay(m, fmt.Errorf("result from %s: %w", m.ID, err))
	}
	// From here on the answer is m's word, but for the EIP-712 signature,
	// which it does not cover: a gateway could strip it.
	if rerr != nil {
		return nil, 0, nil, "", onTheWay(m, rerr)
	}
	tl, err := decodeTile(data, r, want)
	if err != nil {
		c.results.Delete(req.Nonce)
		return nil, 0, nil, "", err
	}
	log, err := readLog(resp.Header, c.sessions, req, m, hex.EncodeToString(sum[:]))
	if err != nil {
		c.metrics.badSignatures.Add(1)
		return nil, 0, nil, "", onTheWay(m, err) // a gateway can alter the log alone
	}
	secs, _ := strconv.ParseFloat(resp.Header.Get(headerSeconds), 64)
	if !req.Check {
		c.decoded.put(hex.EncodeToString(sum[:]), r, want, tl)
	}
	return tl.checked(), secs, data, log, nil
}
