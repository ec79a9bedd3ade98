package farm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
)

// Another coordinator's conviction is believed only after it is checked
// again here, from the evidence alone: every signature must hold (the
// accused's over its pixels, the job and the task), the blobs must be what
// the signatures name, and this node's own render of the crops must
// contradict the accused's pixels. Only then is the accused quarantined in
// this coordinator's records. A notice whose evidence fails any of that
// is logged and dropped: the accuser gains nothing, the accused loses
// nothing.

// maxBundleBytes bounds a fetched evidence bundle (it names blobs, the
// spec is the largest part).
const maxBundleBytes = 256 << 10

// ErrBadEvidence is wrapped by the reasons an evidence bundle is refused.
var ErrBadEvidence = errors.New("evidence refused")

// hear takes a gossiped message; it runs on memberlist's goroutine, so it
// only checks the notice's signature and limits and queues it.
func (c *coordinator) hear(msg []byte) {
	var n api.ConvictionNotice
	if err := json.Unmarshal(msg, &n); err != nil || n.Kind != api.NoticeConviction {
		return // not a conviction notice: other kinds are for others
	}
	if err := c.takeNotice(n); err != nil {
		// Logged before counted: whoever sees the count finds the reason.
		c.log.Info("conviction notice dropped", "accused", n.Accused, "by", n.Coordinator, "err", err)
		c.metrics.noticesRefused.Add(1)
	}
}

// takeNotice queues notice n for a re-check if it is signed by the
// coordinator it names, recent, new, and within the limits, and passes it
// on to the cluster once (gossip's own retransmits reach only a few
// members of a larger cluster; each member passing on what it took
// spreads it to all, and each takes a notice once, so it ends).
func (c *coordinator) takeNotice(n api.ConvictionNotice) error {
	if !common.IsHexAddress(n.Coordinator) || !common.IsHexAddress(n.Accused) {
		return fmt.Errorf("%w: notice names no coordinator or accused address", ErrBadEvidence)
	}
	if err := rpc.Verify(n.SignedBytes(), n.Sig, common.HexToAddress(n.Coordinator)); err != nil {
		return fmt.Errorf("%w: notice: %w", ErrBadEvidence, err)
	}
	if common.HexToAddress(n.Coordinator) == c.ident.Address() {
		return nil // our own, back from the cluster
	}
	now := c.now()
	if age := now.Sub(time.UnixMilli(n.Time)); age > maxNoticeAge || age < -maxNoticeAge {
		return fmt.Errorf("%w: notice is %v old", ErrBadEvidence, age.Round(time.Second))
	}
	ns := c.notices
	ns.mu.Lock()
	defer ns.mu.Unlock()
	ns.roll(now)
	if ns.seen[n.Hash] {
		return nil
	}
	if ns.heard >= maxNoticesHeard || ns.signer[n.Coordinator] >= maxNoticesPerSigner {
		return fmt.Errorf("too many notices (%d this minute, %d from this signer)", ns.heard, ns.signer[n.Coordinator])
	}
	ns.seen[n.Hash] = true
	ns.heard++
	ns.signer[n.Coordinator]++
	if c.broadcast != nil {
		msg, _ := json.Marshal(n)
		c.broadcast(msg)
	}
	if c.quarantined(n.Accused) {
		return nil // nothing to add here
	}
	select {
	case ns.queue <- n:
		c.log.Info("conviction notice heard: re-checking its evidence", "job", n.Job, "accused", n.Accused, "by", n.Coordinator)
		return nil
	default:
		return errors.New("re-check queue full")
	}
}

// recheckLoop re-checks the queued notices one at a time until ctx ends.
func (c *coordinator) recheckLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case n := <-c.notices.queue:
			if err := c.recheckNotice(ctx, n); err != nil {
				c.log.Warn("conviction not believed", "job", n.Job, "accused", n.Accused, "by", n.Coordinator, "err", err)
				c.metrics.noticesRefused.Add(1)
			}
		}
	}
}

// recheckNotice fetches the evidence n names, checks it, and quarantines
// the accused when its pixels are proven wrong here.
func (c *coordinator) recheckNotice(ctx context.Context, n api.ConvictionNotice) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.LeaseTimeout)
	defer cancel()
	b, err := c.fetchBundle(ctx, n)
	if err != nil {
		return err
	}
	if err := c.recheck(ctx, b); err != nil {
		return err
	}
	c.rep.Record(repKey(b.Accused), false)
	c.saveReputation()
	c.log.Warn("conviction re-checked and believed: node quarantined", "job", b.Job, "node", b.AccusedNode, "address", b.Accused, "by", b.Coordinator)
	c.metrics.noticesBelieved.Add(1)
	return nil
}

// fetchBundle downloads the bundle n names and checks that it is the one
// n's hash names, about the job and node n names.
func (c *coordinator) fetchBundle(ctx context.Context, n api.ConvictionNotice) (api.EvidenceBundle, error) {
	var b api.EvidenceBundle
	target, err := evidenceURL(n)
	if err != nil {
		return b, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return b, fmt.Errorf("%w: evidence URL: %w", ErrBadEvidence, err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return b, fmt.Errorf("fetch evidence: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("fetch evidence: %s: %s", resp.Status, api.ReadError(resp.Body))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBundleBytes+1))
	if err != nil {
		return b, fmt.Errorf("fetch evidence: %w", err)
	}
	if len(data) > maxBundleBytes {
		return b, fmt.Errorf("%w: bundle over %d bytes", ErrBadEvidence, maxBundleBytes)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != n.Hash {
		return b, fmt.Errorf("%w: bundle is not the one the notice's hash names", ErrBadEvidence)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return b, fmt.Errorf("%w: bundle: %w", ErrBadEvidence, err)
	}
	if !common.IsHexAddress(b.Accused) || !common.IsHexAddress(b.Coordinator) {
		return b, fmt.Errorf("%w: bundle's accused %.50q or coordinator %.50q is not an address", ErrBadEvidence, b.Accused, b.Coordinator)
	}
	if b.Job != n.Job || repKey(b.Accused) != repKey(n.Accused) || repKey(b.Coordinator) != repKey(n.Coordinator) {
		return b, fmt.Errorf("%w: bundle is about job %s, node %s, by %s; the notice about %s, %s, by %s", ErrBadEvidence, b.Job, b.Accused, b.Coordinator, n.Job, n.Accused, n.Coordinator)
	}
	return b, nil
}

// bundleRequest is the check request the bundle's crops were rendered
// for (less what only a lease needs), and the tile it checked.
func bundleRequest(b api.EvidenceBundle) (TaskRequest, tiler.Tile, error) {
	s := b.Spec
	if err := s.Validate(); err != nil {
		return TaskRequest{}, tiler.Tile{}, fmt.Errorf("%w: %w", ErrBadEvidence, err)
	}
	// The task's tile as tiler.Plan orders them (frames, then each
	// frame's tiles), without listing a job's every task: a bundle is
	// outside input, and a valid spec may have millions.
	rects, frames := tiler.Split(s.Area(), s.Tiles), s.Frames.List()
	if b.Task < 0 || b.Task >= len(rects)*len(frames) {
		return TaskRequest{}, tiler.Tile{}, fmt.Errorf("%w: task %d: the job has %d", ErrBadEvidence, b.Task, len(rects)*len(frames))
	}
	t := tiler.Tile{Frame: frames[b.Task/len(rects)], Rect: rects[b.Task%len(rects)]}
	return TaskRequest{
		JobID: b.Job, JobHash: b.JobHash, Task: b.Task, Renderer: s.Renderer, Scene: s.Scene, SceneName: s.SceneName,
		Frame: t.Frame, Width: s.Resolution.Width, Height: s.Resolution.Height, Samples: s.Samples, Seed: s.Seed,
		Region: t.Rect, Area: s.RegionRect(), Denoise: s.Denoise, Format: s.Format, Passes: b.Passes, AdaptiveSampling: b.AdaptiveSampling,
		Check: true, Crops: b.Crops,
	}, t, nil
}

// verifyBundle checks every signature of b: the job hash is its spec's,
// the worker signed the tile's hash for that job and task, and each
// renderer signed its crops' hash over those crop windows; and the accused
// is one of them. It needs no pixels.
func verifyBundle(b api.EvidenceBundle) error {
	if b.Spec.Hash() != strings.TrimPrefix(b.JobHash, "0x") || b.Spec.ID() != b.Job {
		return fmt.Errorf("%w: job %s: hash %s is not its spec's", ErrBadEvidence, b.Job, b.JobHash)
	}
	req, t, err := bundleRequest(b)
	if err != nil {
		return err
	}
	if len(b.Crops) == 0 || len(b.Crops) > maxCrops || len(b.Renders) == 0 {
		return fmt.Errorf("%w: %d crops (want 1-%d) and %d renders (want 1 or more)", ErrBadEvidence, len(b.Crops), maxCrops, len(b.Renders))
	}
	for _, r := range b.Crops {
		if r.Empty() || !r.In(t.Rect) {
			return fmt.Errorf("%w: crop %v is not inside task %d's tile %v", ErrBadEvidence, r, b.Task, t.Rect)
		}
	}
	chainID, ok := new(big.Int).SetString(b.ChainID, 10)
	if !ok || !common.IsHexAddress(b.Escrow) {
		return fmt.Errorf("%w: signing domain: chain id %q, escrow %q", ErrBadEvidence, b.ChainID, b.Escrow)
	}
	d := contracts.Domain{ChainID: chainID, Escrow: common.HexToAddress(b.Escrow)}
	jobID := common.HexToHash(b.JobHash)
	res := signedResult(jobID, &b.Result)
	if res == nil || res.Task != uint64(b.Task) || res.ResultHash != common.HexToHash(b.Tile) || !validHex(b.Tile) {
		return fmt.Errorf("%w: the worker's signed result is not of task %d's tile %s", ErrBadEvidence, b.Task, b.Tile)
	}
	if err := res.Verify(d, common.HexToAddress(b.Worker)); err != nil || !common.IsHexAddress(b.Worker) {
		return fmt.Errorf("%w: worker %s: %w", ErrBadEvidence, b.Worker, cmpErr(err, errors.New("not an address")))
	}
	accused := repKey(b.Accused) == repKey(b.Worker)
	for i, r := range b.Renders {
		sig, err := hex.DecodeString(strings.TrimPrefix(r.Signature, "0x"))
		if err != nil || !validHex(r.Hash) || !common.IsHexAddress(r.Address) {
			return fmt.Errorf("%w: render %d: malformed hash, address or signature", ErrBadEvidence, i)
		}
		chk := contracts.SignedCheck{JobID: jobID, Task: uint64(req.Task), Crops: req.Crops, RenderHash: common.HexToHash(r.Hash), Signature: sig}
		if err := chk.Verify(d, common.HexToAddress(r.Address)); err != nil {
			return fmt.Errorf("%w: render %d by %s: %w", ErrBadEvidence, i, r.Address, err)
		}
		accused = accused || repKey(b.Accused) == repKey(r.Address)
	}
	if !accused {
		return fmt.Errorf("%w: the accused %s rendered nothing in this evidence", ErrBadEvidence, b.Accused)
	}
	return nil
}

// validHex reports whether h is a sha256 in hex (no 0x): a blob's name.
func validHex(h string) bool {
	b, err := hex.DecodeString(h)
	return err == nil && len(b) == sha256.Size
}

// recheck verifies b's signatures, fetches its blobs and compares the
// accused's pixels with this node's own render of the crops: nil only when
// they really differ.
func (c *coordinator) recheck(ctx context.Context, b api.EvidenceBundle) error {
	if err := verifyBundle(b); err != nil {
		return err
	}
	req, t, _ := bundleRequest(b)
	// The accused's pixels, its build, and how its answer decodes.
	accusedBlob, accusedBuild, want := b.Tile, b.Build, TaskRequest{Format: req.Format, Passes: req.Passes}.want()
	if repKey(b.Accused) != repKey(b.Worker) {
		for _, r := range b.Renders {
			if repKey(r.Address) == repKey(b.Accused) {
				accusedBlob, accusedBuild, want = r.Hash, r.Build, req.want()
				break
			}
		}
	}
	accusedBuild = renderer.ParseBuild(accusedBuild).Drawn()
	data, err := c.evidenceBlob(ctx, b.Source, accusedBlob, tileLimit(t.Rect, want))
	if err != nil {
		return err
	}
	theirs, err := decodeTile(data, t.Rect, want)
	if err != nil {
		return fmt.Errorf("%w: the accused's pixels: %w", ErrBadEvidence, err)
	}
	ours, err := c.ownCrops(ctx, b, req, accusedBuild)
	if err != nil {
		return err
	}
	for _, r := range ours {
		v := compareChecks(theirs.checked(), r.img, b.Crops, t.Rect, checkMode(b.Spec, len(req.Passes) > 0, accusedBuild, r.build))
		if v.Outcome != verifier.Fail {
			return fmt.Errorf("%w: this node's render of the crops (by %s) agrees with the accused's (%s %s)", ErrBadEvidence, r.by, v.Mode, v.Outcome)
		}
	}
	return nil
}

// cropRender is a render of a bundle's crops this node relies on: the
// crops, the drawn build, and who rendered them.
type cropRender struct {
	img       *image.NRGBA64
	build, by string
}

// delegates is how many members outside the evidence must render the
// crops when this node cannot: each must contradict the accused, so one
// lying or lazy member cannot make this node believe an accusation.
const delegates = 2

// ownCrops renders the crops of req (for bundle b) where this node can
// rely on the pixels: here, when it runs the accused's release (build);
// else on delegates members of that release that are no party to the
// evidence (neither the accuser nor anyone whose pixels it holds) and not
// quarantined, those with the most checks passed here first, each signing
// its crops like any checker.
func (c *coordinator) ownCrops(ctx context.Context, b api.EvidenceBundle, req TaskRequest, build string) ([]cropRender, error) {
	release := renderer.ParseBuild(build).Release()
	if build == "" {
		return nil, fmt.Errorf("%w: the accused's renderer build is not named", ErrBadEvidence)
	}
	if rend, ok := c.renderers[b.Spec.Renderer]; ok && renderer.ParseBuild(rend.Version()).Release() == release {
		scene, unpin, err := c.evidenceScene(ctx, b)
		defer unpin() // while the crops render from it
		if err != nil {
			return nil, err
		}
		task := req.task(scene)
		task.Threads = c.cfg.Threads
		res, err := renderCrops(ctx, rend, task, b.Crops)
		if err != nil {
			return nil, fmt.Errorf("re-render the crops: %w", err)
		}
		data, _, err := encodeTile(res, task.HDR && !task.Passes, false)
		if err != nil {
			return nil, err
		}
		tl, err := decodeTile(data, req.Region, req.want())
		if err != nil {
			return nil, err
		}
		return []cropRender{{tl.checked(), renderer.ParseBuild(rend.Version()).Drawn(), c.self}}, nil
	}
	parties := map[string]bool{repKey(b.Coordinator): true, repKey(b.Worker): true, repKey(b.Accused): true, repKey(c.ident.Address().Hex()): true}
	for _, r := range b.Renders {
		parties[repKey(r.Address)] = true
	}
	var pool []api.Member
	for _, m := range c.members() {
		mb := renderer.ParseBuild(m.Renderers[b.Spec.Renderer]).Drawn()
		if m.Addr != "" && !parties[repKey(m.Addr)] && mb != "" && renderer.ParseBuild(mb).Release() == release && !c.quarantined(m.Addr) {
			pool = append(pool, m)
		}
	}
	slices.SortStableFunc(pool, func(x, y api.Member) int {
		return c.rep.Get(repKey(y.Addr)).Passed - c.rep.Get(repKey(x.Addr)).Passed
	})
	if len(pool) < delegates {
		return nil, fmt.Errorf("cannot re-check: this node does not run %s of the accused's release %q, and %d member(s) outside the evidence do, want %d", b.Spec.Renderer, release, len(pool), delegates)
	}
	// The delegates fetch the scene from this node, the signer of their
	// request: a worker fetches only from members and takes its
	// request's signer as the last source (memberSources), and the
	// accuser named in the evidence may be neither.
	_, unpin, err := c.evidenceScene(ctx, b)
	defer unpin() // while the delegates fetch it
	if err != nil {
		return nil, err
	}
	var out []cropRender
	for _, m := range pool {
		if len(out) == delegates {
			break
		}
		r := req
		r.Coordinator, r.Sources = c.ident.Address().Hex(), []string{c.selfURL()}
		r.Time, r.Nonce = time.Now().UnixMilli(), rpc.NewNonce()
		if err := c.signFor(&r, m); err != nil {
			return nil, err
		}
		img, _, _, err := c.callCheckRetry(ctx, m, r)
		if err != nil {
			c.log.Info("re-check: a member could not render the crops", "member", m.ID, "err", err)
			continue
		}
		c.log.Info("re-check: crops rendered by a member no party to the evidence", "member", m.ID, "job", b.Job)
		out = append(out, cropRender{img, renderer.ParseBuild(m.Renderers[b.Spec.Renderer]).Drawn(), m.ID})
	}
	if len(out) < delegates {
		return nil, fmt.Errorf("cannot re-check: this node does not run %s of the accused's release %q, and %d member(s) outside the evidence rendered the crops, want %d", b.Spec.Renderer, release, len(out), delegates)
	}
	return out, nil
}

// evidenceBlob fetches blob h (at most limit bytes) from source into the
// cache, checked against its hash, and reads it.
func (c *coordinator) evidenceBlob(ctx context.Context, source, h string, limit int64) ([]byte, error) {
	path, unpin, err := c.cache.FetchPinned(ctx, c.hc, []string{source}, h)
	defer unpin() // until it is read
	if err != nil {
		return nil, fmt.Errorf("evidence blob: %w", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() > limit {
		return nil, fmt.Errorf("%w: blob %s is larger than a tile's %d bytes", ErrBadEvidence, h, limit)
	}
	return os.ReadFile(path)
}

// evidenceScene is the path of b's scene, from this node's blobs or
// fetched from the accuser (the hash in the spec is what the signatures
// are bound to, through the job hash), pinned in the cache until unpin.
func (c *coordinator) evidenceScene(ctx context.Context, b api.EvidenceBundle) (path string, unpin func(), err error) {
	store, unpin := c.blobs, func() {}
	if _, ok := store.Path(b.Spec.Scene); !ok {
		store = c.cache
		if _, unpin, err = store.FetchPinned(ctx, c.hc, []string{b.Source}, b.Spec.Scene); err != nil {
			return "", unpin, fmt.Errorf("evidence scene: %w", err)
		}
	}
	path, err = store.Linked(b.Spec.Scene, filepath.Ext(b.Spec.SceneName))
	return path, unpin, err
}

// evidenceURL is where notice n's bundle is fetched: the evidence route of
// the job and accused n names, at an RPC address (rpcaddr). A notice is
// signed by a member, but what it says is still from outside: any other
// URL in it is refused rather than fetched.
func evidenceURL(n api.ConvictionNotice) (string, error) {
	path := "/rpc/v1/evidence/" + n.Job + "/" + n.Accused
	base, ok := strings.CutSuffix(n.URL, path)
	if !ok || !validJobID(n.Job) {
		return "", fmt.Errorf("%w: evidence URL %q is not the evidence route of job %q and node %s", ErrBadEvidence, n.URL, n.Job, n.Accused)
	}
	target, err := rpcaddr.Join(base, path)
	if err != nil {
		return "", fmt.Errorf("%w: evidence URL: %w", ErrBadEvidence, err)
	}
	return target, nil
}

// validJobID reports whether id can be a job's id: hex digits only.
func validJobID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}
