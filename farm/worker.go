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
	"log/slog"
	"math/big"
	"net/http"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum/common"
)

// TaskRequest is the RPC a coordinator sends to a worker to lease it one task.
type TaskRequest struct {
	JobID string `json:"job"`
	Task  int    `json:"task"`
	// Sources are base URLs of nodes that have the scene blob, peers
	// first and the coordinator last; the worker verifies what it gets.
	Sources []string `json:"sources"`
	// ScenePieces, when set, is the root of the scene's piece manifest
	// (blobstore.Manifest.Root): the worker then fetches the scene in
	// pieces from all Sources at once, each piece checked against the
	// manifest this root names, and serves the pieces it has to the
	// others meanwhile (blobstore/swarm.go).
	ScenePieces string          `json:"scene_pieces,omitempty"`
	Renderer    string          `json:"renderer"`
	Scene       string          `json:"scene"`
	SceneName   string          `json:"scene_name"`
	Frame       int             `json:"frame"`
	Width       int             `json:"width"`
	Height      int             `json:"height"`
	Samples     int             `json:"samples"`
	Seed        uint64          `json:"seed"`
	Region      image.Rectangle `json:"region"`
	// Area is the job's render region (api.JobSpec.Area) when it has one:
	// renderer.Task.Area.
	Area image.Rectangle `json:"area,omitzero"`
	// Check marks a spot check: a few small crops of another node's task.
	// Checks use a slot of their own, so a node busy rendering can still
	// check others' work.
	Check bool `json:"check,omitempty"`
	// Crops, for a check, are the windows to render inside Region; the
	// answer is Region's size with only the crops drawn, one round trip
	// for all of them.
	Crops []image.Rectangle `json:"crops,omitempty"`
	// Denoise asks for the renderer's denoiser (the job's spec).
	Denoise bool `json:"denoise,omitempty"`
	// Format is the job's output format; "exr" asks for linear float
	// pixels, answered as an OpenEXR tile.
	Format string `json:"format,omitempty"`
	// Quality is a JPEG job's quality (api.JobSpec.Quality), for the
	// finish step that writes its frames.
	Quality int `json:"quality,omitempty"`
	// Compression is a PNG job's compression (api.JobSpec.Compression),
	// for the finish step that writes its frames.
	Compression *int `json:"compression,omitempty"`
	// Passes, for a scene whose compositor must see the whole frame, asks
	// for the raw render passes ("ViewLayer.Pass" names) instead of
	// composited pixels, answered as a multilayer OpenEXR tile; the
	// stitched frame is composited once by a finish task (finish.go). A
	// check's crops come back as a PNG of their check image: every raw
	// pass, planes stacked (checkimage.go).
	Passes []string `json:"passes,omitempty"`
	// Channels, for a multilayer job, are the exact channels a tile of
	// Passes holds (api.LayersPlan.Channels).
	Channels []string `json:"channels,omitempty"`
	// FinishTiles, for a finish task (finish.go), are the frame's accepted
	// tiles of raw Passes, which the worker fetches from the coordinator,
	// stitches and finishes with the scene's compositor; it answers with
	// the finished frame's file (PNG, or OpenEXR for an EXR job). Region
	// is then the whole frame.
	FinishTiles []FinishTile `json:"finish_tiles,omitempty"`
	// Depth is the job's colour depth (8 or 16), which a finished PNG
	// frame is written in.
	Depth int `json:"depth,omitempty"`
	// AdaptiveSampling keeps the scene's own adaptive sampling (the
	// renderer overscans each region so tiles still equal the frame).
	AdaptiveSampling bool `json:"adaptive_sampling,omitempty"`
	// Coordinator is the sender's address; Recipient the address of the
	// one node the request is for (anyone else refuses it: recipient.go);
	// Time (unix milliseconds) and Nonce make the request unique, and Sig
	// signs all of it, or, once the two nodes have met, Seal seals it
	// under their session key (rpc.Sessions). Key is the sender's public
	// key, which the recipient seals its answer with.
	Coordinator string `json:"coordinator"`
	Recipient   string `json:"recipient"`
	Time        int64  `json:"time"`
	Nonce       string `json:"nonce"`
	Key         string `json:"key,omitempty"`
	Sig         string `json:"sig,omitempty"`
	Seal        string `json:"seal,omitempty"`

	// Escrow is the job's full id in the escrow contract (jobHash of its
	// spec, 0x and 64 hex digits) when the coordinator settles on a chain:
	// the worker checks that the job is funded before rendering and signs
	// its result for that id (JobID is a short prefix a requester could
	// collide with). Empty without a chain.
	Escrow string `json:"escrow,omitempty"`
	// Spec is the job's spec, with Escrow: the worker checks that it
	// hashes to Escrow and that the lease is its task, and keeps it with
	// the signed result, so that arbiters of a dispute can re-render the
	// task from the escrow's job id alone (dispute.go).
	Spec *api.JobSpec `json:"spec,omitempty"`
	// JobHash is the job spec's full hash (0x and 64 hex digits; the
	// escrow's job id on a chain): what the worker's result and a
	// checker's crops are signed over, so evidence names one job.
	JobHash string `json:"job_hash"`

	// Altered, in a lease to a node behind NAT, is how many of its answers
	// in a row reached the coordinator through its gateway without its
	// word (gatewayfaults.go): from leaveAfter on, the node moves to
	// another gateway.
	Altered int `json:"altered,omitempty"`

	// Prefetch, set only on a hint to /rpc/v1/prefetch (prefetch.go), is
	// what a node must run to take the job's tasks; a lease never carries
	// it, so a signed hint cannot be replayed as a lease.
	Prefetch *PrefetchDemand `json:"prefetch,omitempty"`
	// Preview marks a task of a preview pass (preview.go): unpaid, so
	// it names no escrow and the worker renders it with its renderer's
	// cheap preview engine, within api's preview caps, or refuses it.
	Preview bool `json:"preview,omitempty"`
	// Sample, set only on an estimate's request to
	// /rpc/v1/estimate/sample (estimatesample.go), is the windows to
	// time; a lease never carries it, so a signed sample request cannot
	// be replayed as a lease.
	Sample *SampleRequest `json:"sample,omitempty"`

	// body is the request as signFor encoded it, signature and all: what
	// call sends. Changing the request after signFor needs a new one.
	body []byte
}

// task is what req asks a renderer to draw, of the scene file at scene.
func (req TaskRequest) task(scene string) renderer.Task {
	return renderer.Task{
		Scene: scene, Frame: req.Frame, Width: req.Width, Height: req.Height,
		Samples: req.Samples, Seed: req.Seed, Region: req.Region, Area: req.Area,
		Denoise: req.Denoise, HDR: hdrFormat(req.Format), Opaque: opaqueFormat(req.Format),
		Passes: len(req.Passes) > 0, Keep: req.Passes, AdaptiveSampling: req.AdaptiveSampling,
		Preview: req.Preview,
	}
}

// want is what the answer to req must be: a tile of the job's format (its
// raw passes for a composited scene), or for a check the PNG of the crops'
// check image.
func (req TaskRequest) want() tileWant {
	want := tileWant{hdr: hdrFormat(req.Format)}
	if len(req.FinishTiles) > 0 {
		want.frame = req.Format // a finished frame, in the job's format
	}
	if len(req.Passes) > 0 && len(req.FinishTiles) == 0 { // a finished frame is a file of the job's format
		if len(req.Crops) == 0 {
			want.passes, want.channels = req.Passes, req.Channels
		} else {
			want.hdr, want.planes = false, true // a check's crops come back as the PNG of their check image
		}
	}
	return want
}

// signedBytes is what Sig signs, or Seal seals: the request without
// either.
func (r TaskRequest) signedBytes() []byte {
	r.Sig, r.Seal = "", ""
	b, _ := json.Marshal(r) // plain fields: cannot fail
	return b
}

// resultMessage is what a worker signs over a result: it binds the image's
// hash to one lease (the request's nonce) between one coordinator and one
// recipient, so a result cannot be moved to another task, replayed for a
// later lease, or passed off by a node other than the one it was for.
func resultMessage(req TaskRequest, pngHash string, unixMilli int64) []byte {
	return fmt.Appendf(nil, "conun-result\n%s\n%d\n%s\n%s\n%s\n%s\n%d", req.JobID, req.Task, req.Nonce,
		common.HexToAddress(req.Coordinator).Hex(), common.HexToAddress(req.Recipient).Hex(), pngHash, unixMilli)
}

// Headers of a task's RPC response; the body is the region as a 16-bit PNG
// (an OpenEXR for an EXR job).
const (
	headerNode    = "X-Conun-Node"
	headerSeconds = "X-Conun-Render-Seconds"
	headerTime    = "X-Conun-Time"
	headerSig     = "X-Conun-Signature"
	// headerResult carries, for a leased task, the worker's EIP-712
	// signature over (job hash, task, sha256 of the body) as hex: the
	// evidence the escrow needs to slash it, and what holds it to its
	// tile anywhere. headerCheck carries a checker's over (job hash, task,
	// crops, sha256 of the body).
	headerResult = "X-Conun-Result-Signature"
	headerCheck  = "X-Conun-Check-Signature"
)

// signatureHeader is the header that carries the EIP-712 signature of the
// answer to req: a check's crops are signed as a Check, a tile as a Result.
func signatureHeader(req TaskRequest) string {
	if req.Check {
		return headerCheck
	}
	return headerResult
}

// worker renders tasks leased to this node, at most slots at a time.
type worker struct {
	id        string
	price     *big.Int     // wei a task, as advertised: what receipts must pay
	credit    *big.Int     // wei of paid work a job may ask beyond its reservation
	reserves  reserveGuard // what the escrow reserved for this node (reserve.go)
	rendered  *renderedLog // the results it signed, per escrow job
	threads   int          // per render; 0: every core
	ident     *rpc.Identity
	sessions  *rpc.Sessions // keys shared with the coordinators it met (seal.go)
	members   func() []api.Member
	replay    *rpc.ReplayGuard
	metrics   *metrics
	renderers map[string]renderer.Renderer
	refused   map[string]string // NodeConfig.Refused
	// gpuFailed is told of a render that failed, so that a GPU that
	// vanished is noticed at once (reprobe.go); nil: nothing is.
	gpuFailed func(renderer.Renderer)
	// leaveGateway moves a node behind NAT off its gateway, or reports
	// that it does not (relay.go); nil for a node reached directly.
	leaveGateway func(altered int) bool
	blobs        *blobstore.Blobs // this node's own blobs (its jobs' scenes and tiles)
	cache        *blobstore.Blobs // scenes fetched for other coordinators' tasks
	hc           *http.Client
	slots        chan struct{}
	checkSlots   chan struct{}
	// ahead holds a token per lease waiting for a slot (ahead.go); nil
	// when the node takes no leases ahead.
	ahead  chan struct{}
	active activeTasks
	ctx    context.Context // cancelled when the node stops
	kept   *resultBook     // the results it signs for the escrow
	earned *earnLog        // its tasks per job and day, for earnings
	held   heldLeases      // leases in progress, to hand back (release.go)
	away   atomic.Pointer[string]
	// prefetch queues coordinators' hints of scenes to fetch ahead
	// (prefetch.go); nil when the node does not prefetch. leaseFetches
	// counts leases fetching their scene, which prefetches wait for.
	prefetch     chan TaskRequest
	leaseFetches fetchGate
	samples      sampleLimits  // estimate samples' pixels per requester (estimatesample.go)
	previews     previewLimits // preview frames' pixel-samples per coordinator (previewbudget.go)
	log          *slog.Logger

	chain *contracts.Client // nil: no chain, results are not signed for the escrow
}

// maxTaskRequest bounds an RPC's JSON body: a finish request lists its
// frame's tiles, about 130 bytes each (maxFinishTiles of them).
const maxTaskRequest = 1 << 20

func (w *worker) handleRender(rw http.ResponseWriter, r *http.Request) {
	var req TaskRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxTaskRequest))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("task request: %w", err))
		return
	}
	if req.Prefetch != nil || req.Sample != nil {
		w.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, errors.New("task request: a prefetch hint or an estimate's sample is not a lease (they go to "+prefetchPath+" and "+estimateSamplePath+")"))
		return
	}
	if status, err := w.authenticate(req); err != nil {
		httpError(rw, status, err)
		return
	}
	defer w.active.handling(common.HexToAddress(req.Coordinator))()
	var escrowID common.Hash
	if req.Preview {
		// Unpaid by design: no escrow to check, and checkPreviewLease
		// holds the coordinator to what a preview may cost this node.
		if err := checkPreviewLease(req); err != nil {
			w.metrics.badRequests.Add(1)
			w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("job %s task %d: %w", req.JobID, req.Task, err))
			return
		}
	} else {
		id, status, err := w.checkFunded(r.Context(), req)
		if err != nil {
			w.failLease(rw, req, status, err)
			return
		}
		escrowID = id
	}
	if w.needsReservation(req, escrowID) {
		release, err := w.admitReserved(r.Context(), req, escrowID)
		if err != nil {
			w.refuseUnreserved(rw, req, err)
			return
		}
		defer release()
	}
	jobHash, err := signedJob(req, escrowID)
	if err != nil {
		w.metrics.badRequests.Add(1)
		w.failLease(rw, req, http.StatusBadRequest, err)
		return
	}
	if err := checkSources(req.Sources); err != nil {
		w.metrics.badRequests.Add(1)
		w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("job %s task %d: %w", req.JobID, req.Task, err))
		return
	}
	rend, ok := w.renderers[req.Renderer]
	if why, no := w.refused[req.Renderer]; !ok && no {
		w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("this node refuses %q tasks: %s", req.Renderer, why))
		return
	}
	if !ok {
		w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("this node has no %q renderer", req.Renderer))
		return
	}
	if req.Check && len(req.Crops) == 0 && len(req.FinishTiles) == 0 {
		// It would render the whole tile and sign a check of no crops,
		// which no arbiter could judge.
		w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("job %s task %d: a check names the crops to render", req.JobID, req.Task))
		return
	}
	if w.chain != nil && !req.Preview {
		// A check too: a checker's signed crops can be slashed as well.
		if req.Spec == nil {
			w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("job %s task %d: the lease carries no job spec: this node signs only what it can defend in a dispute", req.JobID, req.Task))
			return
		}
		if err := checkLeaseAgainstSpec(req, *req.Spec); err != nil {
			w.failLease(rw, req, http.StatusBadRequest, fmt.Errorf("job %s: %w", req.JobID, err))
			return
		}
	}
	if req.Sources, err = w.sceneSources(req); err != nil {
		w.metrics.badRequests.Add(1)
		w.failLease(rw, req, http.StatusBadRequest, err)
		return
	}
	if req.Altered >= leaveAfter && w.leaveGateway != nil && !w.active.othersThan(common.HexToAddress(req.Coordinator)) && w.leaveGateway(req.Altered) {
		// The coordinator signed that this node's answers reach it
		// without its word: the gateway in between alters them. Taken
		// only from a lease that passed every check, and only while no
		// other coordinator's task is in flight here, which leaving
		// would lose: a lying coordinator cannot cost others their work.
		w.failLease(rw, req, http.StatusServiceUnavailable, fmt.Errorf("this node is leaving its gateway: %d of its answers in a row reached coordinator %s without its word", req.Altered, req.Coordinator))
		return
	}
	slots := w.slots
	var wait <-chan time.Time // a full task slot refuses at once
	if req.Check {
		// Checks are small: they wait their turn (a while) rather than
		// bounce, so a job is not held up by its checker's retries.
		slots = w.checkSlots
		wait = time.After(30 * time.Second)
	}
	if why := w.awayReason(); why != "" {
		// Refused like a full slot: the coordinator counts nothing
		// against the task or this node, and gossip soon tells it.
		w.metrics.busyRefusals.Add(1)
		w.failLease(rw, req, http.StatusServiceUnavailable, fmt.Errorf("this node takes no leases now: %s", why))
		return
	}
	ctx, cancel := context.WithCancelCause(r.Context())
	defer cancel(nil)
	stop := context.AfterFunc(w.ctx, func() { cancel(nil) })
	defer stop()
	if !w.acquire(r.Context(), slots, wait) {
		status, err := http.StatusServiceUnavailable, errQueueFull
		if !req.Check {
			status, err = w.waitAhead(ctx, req, cancel)
		}
		if err != nil {
			w.metrics.busyRefusals.Add(1)
			w.failLease(rw, req, status, err)
			return
		}
	}
	defer func() { <-slots }()
	if req.Preview {
		// Charged only for a preview this node is about to render, to
		// the requester's node that leased it: unpaid work is bounded
		// per requester on every worker, whatever the coordinator says.
		cost := previewCost(1, req.Region.Dx(), req.Region.Dy(), req.Samples)
		if err := w.previews.take("coordinator "+common.HexToAddress(req.Coordinator).Hex(), cost, time.Now()); err != nil {
			w.failLease(rw, req, http.StatusTooManyRequests, fmt.Errorf("job %s task %d: %w", req.JobID, req.Task, err))
			return
		}
	}
	if !req.Check {
		w.held.add(req, cancel)
		defer w.held.remove(req.Nonce)
	}
	// In progress from here, the scene's fetch included: heartbeats
	// answered "no such task" while a large scene came over a slow link,
	// and the lease ended after HeartbeatTimeout, counted against this
	// node.
	progress := w.active.start(req)
	defer w.active.end(req.Nonce)

	store := w.blobs
	if _, ok := store.Path(req.Scene); !ok {
		store = w.cache
		fetch := store.FetchPinned
		if req.ScenePieces != "" {
			fetch = func(ctx context.Context, hc *http.Client, sources []string, h string) (string, func(), error) {
				return store.FetchPiecesPinned(ctx, hc, sources, h, req.ScenePieces)
			}
		}
		endFetch := w.leaseFetches.begin() // prefetches wait: this scene is needed now
		w.active.fetching(req.Nonce, func() int64 {
			n, _ := store.Arriving(req.Scene)
			return n
		})
		_, unpin, err := fetch(ctx, w.hc, req.Sources, req.Scene)
		w.active.fetching(req.Nonce, nil)
		endFetch()
		defer unpin() // the cache keeps the scene while the task reads it
		if err != nil {
			status := http.StatusBadGateway
			switch {
			case w.ctx.Err() != nil || errors.Is(context.Cause(ctx), errReleased):
				status = http.StatusServiceUnavailable
			case errors.Is(err, blobstore.ErrOverCap):
				// Not the task's fault: another node (or this one,
				// once its tasks end) takes it.
				status = http.StatusInsufficientStorage
			}
			w.failLease(rw, req, status, err)
			return
		}
	}
	scene, err := store.Linked(req.Scene, filepath.Ext(req.SceneName))
	if err != nil {
		w.failLease(rw, req, http.StatusInternalServerError, err)
		return
	}
	start := time.Now()
	task := req.task(scene)
	task.Progress, task.Threads = progress, w.threads
	var res renderer.Result
	var data []byte
	var ctype string
	switch {
	case len(req.FinishTiles) > 0:
		data, err = w.finishFrame(ctx, rend, req, scene)
		ctype = "image/png"
		if hdrFormat(req.Format) {
			ctype = "image/x-exr"
		}
	case len(req.Crops) > 0:
		res, err = renderCrops(ctx, rend, task, req.Crops)
	default:
		res, err = rend.Render(ctx, task)
	}
	if err != nil {
		if w.gpuFailed != nil && ctx.Err() == nil && !errors.Is(err, renderer.ErrBadTask) {
			// A GPU that fell off the bus fails the render: the re-probe
			// then hands this lease back, released, not failed.
			w.gpuFailed(rend)
		}
		status := http.StatusInternalServerError
		switch {
		case errors.Is(context.Cause(ctx), errReleased):
			status, err = http.StatusServiceUnavailable, context.Cause(ctx)
		case w.ctx.Err() != nil:
			status, err = http.StatusServiceUnavailable, errors.New("node is shutting down")
		case errors.Is(err, renderer.ErrBadTask):
			status = http.StatusBadRequest
		}
		w.metrics.tasksFailed.Add(1)
		w.failLease(rw, req, status, fmt.Errorf("render job %s task %d: %w", req.JobID, req.Task, err))
		return
	}
	w.metrics.tasksRendered.Add(1)
	w.metrics.renderMillis.Add(time.Since(start).Milliseconds())
	if !req.Check && !req.Preview { // a preview earns nothing
		w.earned.rendered(req.JobID, escrowID, time.Since(start))
	}
	secs := time.Since(start).Seconds()
	if data == nil {
		crops := len(req.Crops) > 0
		// A composited scene's tile goes as raw passes, its crops as the
		// PNG of their check image (renderCrops).
		if data, ctype, err = encodeTile(res, task.HDR && !(task.Passes && crops), task.Passes && !crops); err != nil {
			w.failLease(rw, req, http.StatusInternalServerError, err)
			return
		}
	}
	now := time.Now().UnixMilli()
	sum := sha256.Sum256(data)
	if err := vouch(rw.Header(), w.ident, w.sessions, req.Key, common.HexToAddress(req.Coordinator), sealResult, resultMessage(req, hex.EncodeToString(sum[:]), now), headerSig, headerSeal); err != nil {
		w.failLease(rw, req, http.StatusInternalServerError, err)
		return
	}
	rw.Header().Set("Content-Type", ctype)
	rw.Header().Set(headerNode, w.id)
	rw.Header().Set(headerTime, strconv.FormatInt(now, 10))
	if req.Check {
		c, err := contracts.SignCheck(w.ident.Key(), answerDomain(w.chain, req), jobHash, uint64(req.Task), req.Crops, common.Hash(sum))
		if err == nil && len(req.FinishTiles) == 0 {
			err = w.keep(escrowID, req, rend.Version(), data, sum, c.Signature)
		}
		if err != nil {
			w.failLease(rw, req, http.StatusInternalServerError, err)
			return
		}
		rw.Header().Set(headerCheck, hex.EncodeToString(c.Signature))
	} else {
		res, err := contracts.SignResult(w.ident.Key(), answerDomain(w.chain, req), jobHash, uint64(req.Task), common.Hash(sum))
		if err == nil {
			err = w.keep(escrowID, req, rend.Version(), data, sum, res.Signature)
		}
		if err != nil {
			w.failLease(rw, req, http.StatusInternalServerError, err)
			return
		}
		rw.Header().Set(headerResult, hex.EncodeToString(res.Signature))
		if escrowID != (common.Hash{}) {
			w.rendered.add(escrowID, uint64(req.Task), common.Hash(sum))
		}
	}
	rw.Header().Set(headerSeconds, strconv.FormatFloat(secs, 'f', 4, 64))
	w.setLog(rw, req, hex.EncodeToString(sum[:]), res.Log)
	rw.Write(data)
}

// keep keeps what this node signs for the escrow, its result of a tile or
// its render of a check's crops, before it is sent: a signature the
// coordinator holds and this node lost could be slashed with no way to
// show it was honest. Only on a chain: nothing is slashed off one, and
// only a lease on a chain carries the spec an arbiter needs. A frame's
// finish is kept too, though signed where no escrow takes it: its job is
// one this node rendered for, whose claim it may have to pull.
func (w *worker) keep(escrow common.Hash, req TaskRequest, build string, data []byte, sum [32]byte, sig []byte) error {
	if w.chain == nil || req.Preview {
		return nil
	}
	return w.kept.keep(escrow, req, build, data, sum, sig)
}

// renderThreads is how many threads a render of this node uses.
func (w *worker) renderThreads() int {
	if w.threads <= 0 || w.threads > runtime.NumCPU() {
		return runtime.NumCPU()
	}
	return w.threads
}

// awayReason is why the node takes no leases now; empty when it does.
func (w *worker) awayReason() string {
	if p := w.away.Load(); p != nil {
		return *p
	}
	return ""
}

// acquire takes a slot: at once, or by the time wait fires when wait is
// not nil; false when none came (or the request or node ended).
func (w *worker) acquire(ctx context.Context, slots chan struct{}, wait <-chan time.Time) bool {
	select {
	case slots <- struct{}{}:
		return true
	default:
	}
	if wait == nil {
		return false
	}
	select {
	case slots <- struct{}{}:
		return true
	case <-wait:
	case <-ctx.Done():
	case <-w.ctx.Done():
	}
	return false
}

// authenticate accepts a task request only from a cluster member that
// signed it, recently, once. It returns the HTTP status for a refusal.
func (w *worker) authenticate(req TaskRequest) (int, error) {
	addr := common.HexToAddress(req.Coordinator)
	known := false
	for _, m := range w.members() {
		if m.Addr != "" && common.HexToAddress(m.Addr) == addr {
			known = true
			break
		}
	}
	if !known || !common.IsHexAddress(req.Coordinator) {
		w.metrics.unknownSenders.Add(1)
		return http.StatusForbidden, fmt.Errorf("coordinator %q is not a member of this cluster", req.Coordinator)
	}
	// The recipient first: a request sealed for another node cannot be
	// opened here, and "not this node" is what its sender needs to hear.
	if err := w.checkRecipient(req); err != nil {
		w.metrics.badRequests.Add(1)
		return http.StatusMisdirectedRequest, err
	}
	var from common.Address
	var err error
	if req.Seal != "" {
		// Only the coordinator's own key is worth any work: another is
		// refused before a secret is worked out for it.
		from, err = w.sessions.Open(req.Key, func(a common.Address) bool { return a == addr }, sealLease, req.signedBytes(), req.Seal)
	} else {
		from, err = rpc.Signer(req.signedBytes(), req.Sig)
	}
	if err == nil {
		err = rpc.CheckSender(from, addr)
	}
	if err != nil {
		w.metrics.badSignatures.Add(1)
		return http.StatusUnauthorized, fmt.Errorf("task request: %w", err)
	}
	if err := w.replay.Check(req.Time, req.Nonce); err != nil {
		if errors.Is(err, rpc.ErrStale) {
			w.metrics.staleMessages.Add(1)
		} else {
			w.metrics.replayedMessage.Add(1)
		}
		return http.StatusUnauthorized, fmt.Errorf("task request: %w", err)
	}
	return 0, nil
}

// checkFunded refuses, on a node connected to a chain, a task whose job is
// not funded in the escrow by the coordinator asking (not open, opened by
// someone else, or past its deadline): nothing would pay for it. It returns
// the job's escrow id, and the HTTP status for a refusal.
func (w *worker) checkFunded(ctx context.Context, req TaskRequest) (common.Hash, int, error) {
	if w.chain == nil {
		return common.Hash{}, 0, nil
	}
	b, err := hex.DecodeString(strings.TrimPrefix(req.Escrow, "0x"))
	if err != nil || len(b) != common.HashLength {
		return common.Hash{}, http.StatusPaymentRequired, fmt.Errorf("job %s: this node works only for jobs funded in the escrow, and the request names no escrow job id (0x and 64 hex digits): submit it to a coordinator connected to the same chain", req.JobID)
	}
	jobID := common.BytesToHash(b)
	if _, err := w.chain.CheckFunded(ctx, jobID, common.HexToAddress(req.Coordinator)); err != nil {
		return common.Hash{}, http.StatusPaymentRequired, fmt.Errorf("job %s: refusing to render: %w", req.JobID, err)
	}
	return jobID, 0, nil
}

// signingDomain is the EIP-712 domain results and checks are signed in:
// the escrow's on a chain, else the zero domain (chain id 0, no escrow),
// which no deployment accepts but which still holds a node to its pixels.
func signingDomain(chain *contracts.Client) contracts.Domain {
	if chain == nil {
		return contracts.Domain{ChainID: new(big.Int)}
	}
	return chain.Domain()
}

// answerDomain is the domain the answer to req is signed in, and its
// coordinator verifies it in: the chain's, except where the node could
// not defend it in a dispute: a preview (unpaid, its spec never checked:
// its job hash could name any funded job of the requester's) and a
// frame's finish or its check, which arbiters cannot run again yet
// (arbiter.go rerender), so a wrongly slashed finisher could never win
// its dispute. Those are signed in the zero domain, which no deployment
// accepts: nothing can be slashed with them. (A finish is checked every
// time: a lying finisher loses the finish, its pay and its reputation.)
func answerDomain(chain *contracts.Client, req TaskRequest) contracts.Domain {
	if req.Preview || len(req.FinishTiles) > 0 {
		return signingDomain(nil)
	}
	return signingDomain(chain)
}

// signedJob is the job hash a worker signs its answer to req over: the
// request's JobHash, which must name the job (its short id is the hash's
// prefix) and, on a chain, be the funded escrow job.
func signedJob(req TaskRequest, escrowID common.Hash) (common.Hash, error) {
	b, err := hex.DecodeString(strings.TrimPrefix(req.JobHash, "0x"))
	if err != nil || len(b) != common.HashLength || !strings.HasPrefix(hex.EncodeToString(b), req.JobID) || req.JobID == "" {
		return common.Hash{}, fmt.Errorf("job %s: task request's job hash %q is not 0x and 64 hex digits starting with the job id", req.JobID, req.JobHash)
	}
	h := common.BytesToHash(b)
	if escrowID != (common.Hash{}) && h != escrowID {
		return common.Hash{}, fmt.Errorf("job %s: job hash %s is not the escrow job %s", req.JobID, h, escrowID)
	}
	return h, nil
}

// maxCrops bounds a check's windows.
const maxCrops = 16

// renderCrops renders each crop of t.Region and draws them into one image
// of t.Region's bounds (for raw passes, a check image of t.Region's planes).
func renderCrops(ctx context.Context, rend renderer.Renderer, t renderer.Task, crops []image.Rectangle) (renderer.Result, error) {
	if len(crops) > maxCrops {
		return renderer.Result{}, fmt.Errorf("%w: %d crops: at most %d", renderer.ErrBadTask, len(crops), maxCrops)
	}
	out := renderer.Result{Image: image.NewNRGBA64(t.Rect())}
	if t.HDR && !t.Passes {
		out.HDR = renderer.NewHDR(t.Rect())
	}
	for _, r := range crops {
		if r.Empty() || !r.In(t.Rect()) {
			return renderer.Result{}, fmt.Errorf("%w: crop %v is not inside %v", renderer.ErrBadTask, r, t.Rect())
		}
		ct := t
		ct.Region = r
		res, err := rend.Render(ctx, ct)
		if err != nil {
			return res, err
		}
		if t.Passes {
			// A composited scene's crops are checked by all their raw
			// passes (checkimage.go), never composited pixels.
			if res.Passes == nil {
				return renderer.Result{}, fmt.Errorf("renderer %s returned no raw passes for a crop of a composited scene", rend.Name())
			}
			src := checkImage(res.Passes)
			if planes := src.Rect.Dy() / r.Dy(); out.Image.Rect.Dy() != planes*t.Rect().Dy() {
				out.Image = image.NewNRGBA64(image.Rectangle{Min: t.Rect().Min, Max: image.Pt(t.Rect().Max.X, t.Rect().Min.Y+planes*t.Rect().Dy())})
			}
			if err := drawCheck(out.Image, src, r, t.Rect()); err != nil {
				return renderer.Result{}, err
			}
			continue
		}
		draw.Draw(out.Image, r, res.Image, r.Min, draw.Src)
		if t.HDR && !t.Passes {
			if res.HDR == nil {
				return renderer.Result{}, fmt.Errorf("renderer %s returned no float pixels for an EXR task", rend.Name())
			}
			out.HDR.Draw(res.HDR)
		}
	}
	return out, nil
}

// failLease answers an authenticated lease with err, with the renderer's
// log when err carries one, and this node's word over the failure
// (failureMessage): the coordinator holds a node behind NAT to a failure
// only when it is its word, since its gateway could answer anything in
// its name (onTheWay).
//
// A busy node's refusal carries it too: else a gateway could refuse every
// lease as busy in the node's name, unseen. A coordinator's lease carries
// its key, so the word is a seal (a hash), not a signature, unless the
// key is no key.
func (w *worker) failLease(rw http.ResponseWriter, req TaskRequest, status int, err error) {
	w.setLog(rw, req, "", renderer.ErrorLog(err))
	body := errorBody(err)
	vouch(rw.Header(), w.ident, w.sessions, req.Key, common.HexToAddress(req.Coordinator), sealFailure, failureMessage(req, status, body), headerFailSig, headerFailSeal)
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	rw.Write(body)
}

// httpError answers with a JSON error body that clients show to the user.
func httpError(rw http.ResponseWriter, status int, err error) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(status)
	rw.Write(errorBody(err))
}

// errorBody is httpError's body for err.
func errorBody(err error) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]string{"error": err.Error()})
	return b.Bytes()
}
