package farm

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/verifier"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Arbitration. Every node on a chain watches for dispute draws (a log
// subscription where the connection pushes, else a look every
// drawPoll); when the chain draws it as an arbiter of a dispute, it fetches
// the evidence from the accused (disputeBundle; the scene from the accused
// and then the requester's node, and the tile from the requester's node if
// the accused's is not the slashed one, all hash-checked), checks it against the
// chain, re-renders crops of the task chosen from its own randomness at the
// spot-check rule (the whole task where the job's checks render it whole,
// as PlanFrames decides from the scene; for a checker's conviction, the
// crops it signed a render of), and votes:
// guilty when they differ, not guilty when they match. Evidence that does
// not match the chain (a spec that is not the escrow's job, a tile or
// render that is not the slashed one) is refused and counts as guilty: the
// accused could not show what it delivered. An arbiter that cannot judge
// (no such renderer, nothing reachable, a party to the task, another
// protocol) abstains.

// drawPoll is how often a node that cannot subscribe to logs looks for
// draws: well inside any vote window worth having.
const drawPoll = 2 * time.Minute

// errBadBundle is wrapped by evidence that contradicts the chain.
var errBadBundle = errors.New("dispute evidence does not match the chain")

// errOtherTile is wrapped by a bundle whose tile is not the slashed result.
var errOtherTile = fmt.Errorf("%w: the tile is not the slashed result", errBadBundle)

// errCannotJudge is wrapped by what keeps this node from judging a task at
// all (no such renderer, another release): it abstains without retrying.
var errCannotJudge = errors.New("this node cannot judge the task")

// watchDraws runs until ctx ends, judging every dispute this node is drawn
// for, and drawing the arbiters of every dispute of a job it requested
// (drawAsRequester). It starts from the block it last looked at (kept in
// the store), so a draw while the node was down is still judged if voting
// is open.
func (n *Node) watchDraws(ctx context.Context) {
	ch := n.cfg.Chain
	from := uint64(0)
	if b := n.store.Meta("draws-seen"); len(b) == 8 {
		from = binary.BigEndian.Uint64(b) + 1
	} else if h, err := ch.Chain().Backend().HeaderByNumber(ctx, nil); err == nil {
		from = h.Number.Uint64()
	}
	seen := func(block uint64) {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], block)
		n.store.PutMeta("draws-seen", b[:])
	}
	handle := func(l types.Log) {
		if o, err := ch.ParseDisputed(l); err == nil {
			n.wg.Go(func() { n.drawAsRequester(ctx, o) })
			seen(l.BlockNumber)
			return
		}
		d, err := ch.ParseArbitersDrawn(l)
		if err != nil {
			return
		}
		for _, a := range d.Arbiters {
			if a == ch.Address() {
				n.wg.Go(func() { n.arbitrate(ctx, d) })
			}
		}
		seen(l.BlockNumber)
	}
	logs := make(chan types.Log, 16)
	live := ch.DisputeLogsQuery(0, nil)
	live.FromBlock = nil // a subscription starts at the head; the past is read below
	sub, err := ch.Chain().Backend().SubscribeFilterLogs(ctx, live, logs)
	if err == nil {
		defer sub.Unsubscribe()
	}
	// Draws before the subscription started.
	if past, err := ch.Chain().Backend().FilterLogs(ctx, ch.DisputeLogsQuery(from, nil)); err == nil {
		for _, l := range past {
			handle(l)
			from = l.BlockNumber + 1
		}
	}
	for pushed := err == nil; pushed; {
		select {
		case <-ctx.Done():
			return
		case <-sub.Err():
			pushed = false // dropped (a websocket that went away): poll from here
		case l := <-logs:
			if l.BlockNumber >= from { // the catch-up may have seen it
				handle(l)
				from = l.BlockNumber
			}
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(drawPoll):
		}
		h, err := ch.Chain().Backend().HeaderByNumber(ctx, nil)
		if err != nil {
			continue
		}
		to := h.Number
		if past, err := ch.Chain().Backend().FilterLogs(ctx, ch.DisputeLogsQuery(from, to)); err == nil {
			for _, l := range past {
				handle(l)
			}
			from = to.Uint64() + 1
			seen(to.Uint64())
		}
	}
}

// drawAsRequester draws the arbiters of dispute o once its draw block is
// mined, where o is of a job this node requested. Anyone may draw, and the
// accused's node does (followDispute); but an accused that waited until
// the draw block's hash was gone (256 blocks) would have the draw moved to
// a new block, as often as it liked, until one drew arbiters it liked. The
// requester, who stands to lose the dispute, draws at once instead. A
// moved draw is a Disputed log again, handled by a call of its own; so a
// draw refused as too early (a log replayed after its draw moved) is left
// to that call.
func (n *Node) drawAsRequester(ctx context.Context, o contracts.DisputeOpened) {
	ch := n.cfg.Chain
	if j, err := ch.Job(ctx, o.JobID); err != nil || j.Requester != ch.Address() {
		return
	}
	for attempt := 0; ; attempt++ {
		_, err := waitHead(ctx, ch.Chain(), time.Now(), time.Second, func(h *types.Header) bool { return h.Number.Uint64() > o.DrawBlock })
		if err == nil {
			_, err = ch.DrawArbiters(ctx, o.JobID, o.Node)
		}
		switch {
		case err == nil:
			if d, err := ch.DisputeOf(ctx, o.JobID, o.Node); err == nil && !d.VotingEnds.IsZero() {
				n.cfg.Logger.Info("drew the arbiters of a dispute of this node's job", "job", o.JobID.Hex(), "accused", o.Node.Hex(), "arbiters", len(d.Arbiters))
			}
			return
		case ctx.Err() != nil, errors.Is(err, contracts.ErrArbitersDrawn), errors.Is(err, contracts.ErrNoArbiters),
			errors.Is(err, contracts.ErrNoOpenDispute), errors.Is(err, contracts.ErrDrawTooEarly):
			return // stopping; drawn already; nobody to draw; over; moved
		case attempt == 4:
			n.cfg.Logger.Warn("draw the arbiters of a dispute of this node's job", "job", o.JobID.Hex(), "accused", o.Node.Hex(), "err", err)
			return
		}
		select { // a failed transaction: try again a little later
		case <-ctx.Done():
			return
		case <-time.After(time.Second << attempt):
		}
	}
}

// slashing is what the escrow slashed a node for, read from its event: its
// signed result of a task (hash: the tile's sha256), or, as a checker
// (check), its signed render of a spot check's crops of the task (hash:
// the render's sha256; crops: contracts.CropsHash of the windows).
type slashing struct {
	task  uint64
	hash  common.Hash
	check bool
	crops common.Hash
}

// slashedFor reads what node was slashed for in the job escrow.
func slashedFor(ctx context.Context, ch *contracts.Client, escrow common.Hash, node common.Address) (slashing, error) {
	task, hash, err := ch.SlashedResult(ctx, escrow, node)
	if !errors.Is(err, contracts.ErrNotDisputable) {
		return slashing{task: task, hash: hash}, err
	}
	task, crops, hash, err := ch.SlashedCheck(ctx, escrow, node)
	return slashing{task: task, hash: hash, check: true, crops: crops}, err
}

// matches reports whether kr, a kept result or check, is what was slashed.
func (s slashing) matches(kr keptResult) bool {
	return kr.Hash == hex.EncodeToString(s.hash[:]) && kr.Request.Task == int(s.task) && kr.Request.Check == s.check &&
		(!s.check || contracts.CropsHash(kr.Request.Crops) == s.crops)
}

func (s slashing) String() string {
	if s.check {
		return fmt.Sprintf("a check of task %d (render %s)", s.task, s.hash.Hex())
	}
	return fmt.Sprintf("task %d result %s", s.task, s.hash.Hex())
}

// arbitrate judges the dispute d this node was drawn for and votes.
func (n *Node) arbitrate(ctx context.Context, d contracts.ArbiterDraw) {
	ch := n.cfg.Chain
	log := n.cfg.Logger.With("job", d.JobID.Hex(), "accused", d.Node.Hex())
	ctx, cancel := context.WithDeadline(ctx, d.VotingEnds) // wall clock: chains keep it
	defer cancel()
	sl, err := slashedFor(ctx, ch, d.JobID, d.Node)
	if err != nil {
		log.Warn("arbiter: read the slash", "err", err)
		return
	}
	var guilty bool
	var reason string
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		guilty, reason, err = n.judge(ctx, d, sl)
		if err == nil || errors.Is(err, errBadBundle) || errors.Is(err, errCannotJudge) || ctx.Err() != nil {
			break
		}
		log.Info("arbiter: cannot judge yet", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	if errors.Is(err, errBadBundle) {
		guilty, reason = true, err.Error()
	} else if err != nil {
		log.Warn("arbiter: abstains", "err", err)
		return
	}
	if _, err := ch.Vote(ctx, d.JobID, d.Node, guilty); err != nil {
		log.Warn("arbiter: vote", "guilty", guilty, "err", err)
		return
	}
	log.Info("arbiter voted", "guilty", guilty, "reason", reason)
}

// judge fetches the evidence of what sl slashed and re-renders it; it
// returns the verdict and why.
func (n *Node) judge(ctx context.Context, d contracts.ArbiterDraw, sl slashing) (bool, string, error) {
	n.kept.mu.Lock()
	mine, _ := n.kept.load(d.JobID)
	n.kept.mu.Unlock()
	if mine.party(sl.task) {
		return false, "", fmt.Errorf("%w: this node worked on the job, or checked the task", errCannotJudge)
	}
	if m, ok := n.member(d.Node); ok && m.Proto != n.proto {
		// Another release of conun renders tasks otherwise (a stamp, a
		// whole frame checked whole): its verdict could wrong the accused.
		return false, "", fmt.Errorf("%w: the accused speaks protocol %d, this node %d", errCannotJudge, m.Proto, n.proto)
	}
	accused, requester := n.memberURL(d.Node), ""
	if j, err := n.cfg.Chain.Job(ctx, d.JobID); err == nil {
		requester = n.memberURL(j.Requester)
	}
	if accused == "" {
		return false, "", fmt.Errorf("the accused %s is not a member of this cluster", d.Node.Hex())
	}
	b, err := n.fetchBundle(ctx, accused, d.JobID, sl)
	if err != nil {
		return false, "", err
	}
	err = checkBundle(b, d.JobID, sl)
	if errors.Is(err, errOtherTile) && requester != "" {
		// The accused lost its tile (or its render of the crops), or
		// serves another: the requester's node kept the one it accepted
		// (or convicted with), under the same hash.
		var p string
		var unpin func()
		p, unpin, err = n.work.cache.FetchPinned(ctx, n.work.hc, []string{requester}, hex.EncodeToString(sl.hash[:]))
		defer unpin() // until it is read
		if err == nil {
			if b.Tile, err = os.ReadFile(p); err == nil {
				err = checkBundle(b, d.JobID, sl)
			}
		}
		if err != nil && !errors.Is(err, errBadBundle) {
			err = fmt.Errorf("%w: %w", errOtherTile, err)
		}
	}
	if err != nil {
		return false, "", err
	}
	return n.rerender(ctx, b, []string{accused, requester})
}

// party reports whether a node that kept kj (nil: nothing) of a job is a
// party to a dispute over task: the escrow keeps out the requester and
// the nodes it paid; a worker of the job not paid yet keeps out by
// itself, and so does a node that checked the task, whose check may be
// what convicted the accused. Checking other tasks makes it no party.
func (kj *keptJob) party(task uint64) bool {
	return kj != nil && (len(kj.results) > 0 || slices.ContainsFunc(kj.keptChecks(), func(c api.KeptCheck) bool { return c.Task == int(task) }))
}

// memberURL is the RPC base URL of the member with address a ("" if none).
func (n *Node) memberURL(a common.Address) string {
	m, _ := n.member(a)
	return m.API
}

// member is the member with address a, if there is one.
func (n *Node) member(a common.Address) (api.Member, bool) {
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == a {
			return m, true
		}
	}
	return api.Member{}, false
}

// maxBundle bounds a dispute bundle: a spec, a lease and one task's tile.
const maxBundle = 512 << 20

func (n *Node) fetchBundle(ctx context.Context, base string, escrow common.Hash, sl slashing) (disputeBundle, error) {
	url := fmt.Sprintf("%s/rpc/v1/disputes/%s/bundle?task=%d&%s=%x", base, escrow.Hex(), sl.task, keptWhat(sl.check), sl.hash)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return disputeBundle{}, err
	}
	resp, err := n.work.hc.Do(req)
	if err != nil {
		return disputeBundle{}, fmt.Errorf("bundle from %s: %w", base, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return disputeBundle{}, fmt.Errorf("bundle from %s: %s: %s", base, resp.Status, api.ReadError(resp.Body))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBundle))
	if err != nil {
		return disputeBundle{}, fmt.Errorf("bundle from %s: %w", base, err)
	}
	return decodeBundle(data, base, escrow)
}

// decodeBundle reads a dispute bundle. A spec that this release reads as
// another than the escrow's, though its bytes as served hash to the
// escrow's job id, is a newer release's job with a setting this one does
// not know and drops: the arbiter abstains rather than vote an honest
// worker guilty over its own reading. The accused serves the bundle but
// cannot make that true of a spec it altered (the bytes must hash to the
// escrow), and a field it adds to the real spec is dropped and judged as
// usual.
func decodeBundle(data []byte, base string, escrow common.Hash) (disputeBundle, error) {
	var b disputeBundle
	if err := json.Unmarshal(data, &b); err != nil {
		return disputeBundle{}, fmt.Errorf("%w: bundle from %s: %w", errBadBundle, base, err)
	}
	if jobHash(b.Spec) != escrow {
		var raw struct {
			Spec json.RawMessage `json:"spec"`
		}
		if json.Unmarshal(data, &raw) == nil && servedHashes(raw.Spec, escrow) {
			return disputeBundle{}, fmt.Errorf("%w: the job's spec from %s holds settings this release does not know (a newer release's job)", errCannotJudge, base)
		}
	}
	return b, nil
}

// servedHashes reports whether spec, a job's spec as a node served it,
// hashes to escrow. The hash is of json.Marshal's bytes, which escape <, >
// and & (as \u003c...), and a node serves JSON unescaped (writeJSON): a
// scene named "a&b.blend" is served as written and hashed escaped.
func servedHashes(spec []byte, escrow common.Hash) bool {
	if common.Hash(sha256.Sum256(spec)) == escrow {
		return true
	}
	var esc bytes.Buffer
	json.HTMLEscape(&esc, spec)
	return common.Hash(sha256.Sum256(esc.Bytes())) == escrow
}

// checkBundle refuses evidence that is not what the chain convicted: the
// spec must hash to the escrow's job id, the task and the tile's hash must
// be the slashed result's (for a check, the lease's crops and the
// render's hash the slashed check's), and the lease must be that task of
// the spec.
func checkBundle(b disputeBundle, escrow common.Hash, sl slashing) error {
	if got := jobHash(b.Spec); got != escrow {
		return fmt.Errorf("%w: the spec hashes to %s, not the escrow's job id %s", errBadBundle, got.Hex(), escrow.Hex())
	}
	if b.Task != int(sl.task) || b.Request.Task != b.Task {
		return fmt.Errorf("%w: the bundle is of task %d, the slash of task %d", errBadBundle, b.Task, sl.task)
	}
	if b.Request.Check != sl.check || sl.check && contracts.CropsHash(b.Request.Crops) != sl.crops {
		return fmt.Errorf("%w: the bundle is not %s", errBadBundle, sl)
	}
	if sum := sha256.Sum256(b.Tile); common.Hash(sum) != sl.hash {
		return fmt.Errorf("%w: it hashes to %s, not %s the node signed and was slashed for", errOtherTile, hex.EncodeToString(sum[:]), sl)
	}
	req := b.Request
	req.Escrow = escrow.Hex()
	if err := checkLeaseAgainstSpec(req, b.Spec); err != nil {
		return fmt.Errorf("%w: %w", errBadBundle, err)
	}
	return nil
}

// rerender renders crops of the bundle's task, chosen by this node's own
// randomness at the spot-check rule, and compares them with the tile; for
// a check, the checker's own crops, compared with its render of them.
func (n *Node) rerender(ctx context.Context, b disputeBundle, sources []string) (bool, string, error) {
	req, spec := b.Request, b.Spec
	rend, ok := n.work.renderers[spec.Renderer]
	if !ok {
		return false, "", fmt.Errorf("%w: this node has no %q renderer", errCannotJudge, spec.Renderer)
	}
	// Another release draws other pixels (verify.go runCheck): such an
	// arbiter cannot judge, and abstains rather than convict.
	mine, theirs := renderer.ParseBuild(rend.Version()), renderer.ParseBuild(b.Build)
	if mine.Release() != theirs.Release() {
		return false, "", fmt.Errorf("%w: the task was drawn by %s, this node runs %s: another release draws other pixels", errCannotJudge, b.Build, rend.Version())
	}
	if len(req.FinishTiles) > 0 {
		// A finish is judged by running the compositor again over the
		// frame's tiles, which arbiters do not do yet: abstain, never
		// convict on a re-render of the wrong kind.
		return false, "", fmt.Errorf("%w: task %d is a frame's finish, which arbiters cannot re-run yet", errCannotJudge, b.Task)
	}
	rect := spec.Plan()[b.Task].Rect
	tl, err := decodeTile(b.Tile, rect, req.want())
	if err != nil {
		return false, "", fmt.Errorf("%w: %w", errBadBundle, err)
	}
	store := n.work.blobs
	if _, ok := store.Path(spec.Scene); !ok {
		store = n.work.cache
		var srcs []string
		for _, s := range sources {
			if s != "" {
				srcs = append(srcs, s)
			}
		}
		_, unpin, err := store.FetchPinned(ctx, n.work.hc, srcs, spec.Scene)
		defer unpin() // while the arbiter renders from it
		if err != nil {
			return false, "", fmt.Errorf("scene %s: %w", spec.Scene, err)
		}
	}
	scene, err := store.Linked(spec.Scene, filepath.Ext(spec.SceneName))
	if err != nil {
		return false, "", err
	}
	worker := tl.checked() // the accused's pixels: its tile, or its render of the crops
	crops := req.Crops
	if !req.Check {
		info, err := rend.Inspect(ctx, scene)
		var plan FramePlan
		if err == nil {
			plan, err = PlanFrames(spec, info)
		}
		if err != nil {
			return false, "", fmt.Errorf("%w: %s: %w", errCannotJudge, spec.SceneName, err)
		}
		if plan.WholeChecks {
			// Its pixels depend on the whole frame, as the job's
			// checks knew: crops would convict an honest worker. The
			// task is rendered whole.
			crops = []image.Rectangle{rect}
		} else {
			var seed [16]byte
			rand.Read(seed[:])
			crops = verifier.ChooseCrops(worker, rect, cropsFor(n.cfg.Verify.Crops, rect, worker.Rect), verifier.CropSeed(seed[:]))
		}
	}
	// The task as the accused's lease drew it (its render region's area
	// too, which adaptive sampling's margin stays in), at the slashed
	// tile.
	task := req.task(scene)
	task.Region, task.Threads = rect, n.cfg.Threads
	res, err := renderCrops(ctx, rend, task, crops)
	if err != nil {
		return false, "", err
	}
	checked := res.Image
	if task.HDR && !task.Passes {
		checked = res.HDR.Compressed()
	}
	mode := verifier.NearExact
	switch {
	case spec.Denoise && !task.Passes || mine.Drawn() != theirs.Drawn():
		// Denoised pixels depend on their neighbours (raw-pass tiles are
		// not denoised); another device or kernel of the release differs
		// by float noise.
		mode = verifier.Tolerant
	case spec.Renderer == "pathtracer":
		mode = verifier.Exact
	}
	v := compareChecks(worker, checked, crops, rect, mode)
	switch v.Outcome {
	case verifier.Pass:
		return false, "re-rendered crops match: " + v.Reason, nil
	case verifier.Fail:
		return true, "re-rendered crops differ: " + v.Reason, nil
	}
	return false, "", fmt.Errorf("re-render undecided: %s", v.Reason)
}
