package farm

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/tunnel"
)

// maxSpecBytes bounds a job spec's JSON.
const maxSpecBytes = 64 << 10

// route is one endpoint of the node's HTTP surface.
type route struct {
	method, path string
	handler      func(*Node) http.HandlerFunc
}

// apiRoutes are the versioned client API (described in openapi.yaml, which
// a test keeps in step with this table): loopback by default, or guarded by
// tokens (clients.go); a client reaches only its own jobs (owners.go).
var apiRoutes = []route{
	{"PUT", "/v1/blobs/{hash}", func(n *Node) http.HandlerFunc { return n.putOwnBlob }},
	{"GET", "/v1/uploads/{hash}", func(n *Node) http.HandlerFunc { return n.getOwnUpload }},
	{"GET", "/v1/blobs/{hash}", func(n *Node) http.HandlerFunc { return n.getOwnBlob }},
	{"POST", "/v1/jobs", func(n *Node) http.HandlerFunc { return n.postJob }},
	{"GET", "/v1/jobs", func(n *Node) http.HandlerFunc { return n.getJobs }},
	{"POST", "/v1/estimate", func(n *Node) http.HandlerFunc { return n.postEstimate }},
	{"POST", "/v1/inspect", func(n *Node) http.HandlerFunc { return n.postInspect }},
	{"GET", "/v1/jobs/{id}", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.getJob) }},
	{"POST", "/v1/jobs/{id}/cancel", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postCancel) }},
	{"POST", "/v1/jobs/{id}/approve", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postApprove) }},
	{"POST", "/v1/jobs/{id}/reject", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postReject) }},
	{"POST", "/v1/jobs/{id}/pause", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postPause) }},
	{"POST", "/v1/jobs/{id}/resume", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postResume) }},
	{"POST", "/v1/jobs/{id}/requeue", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postRequeue) }},
	{"POST", "/v1/jobs/{id}/reclaim", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.postReclaim) }},
	{"GET", "/v1/jobs/{id}/report", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.getReport) }},
	{"GET", "/v1/jobs/{id}/logs", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.getLogs) }},
	{"GET", "/v1/jobs/{id}/events", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.getEvents) }},
	{"GET", "/v1/jobs/{id}/frames/{frame}", func(n *Node) http.HandlerFunc { return n.ownJob("id", n.getFrame) }},
	{"GET", "/v1/evidence/{job}/{address}", func(n *Node) http.HandlerFunc { return n.ownJob("job", n.getEvidence) }},
	{"GET", "/v1/cluster/jobs", func(n *Node) http.HandlerFunc { return adminOnly(n.getClusterJobs) }},
	{"GET", "/v1/nodes", func(n *Node) http.HandlerFunc { return n.getNodes }},
	{"GET", "/v1/metrics", func(n *Node) http.HandlerFunc { return n.getMetrics }},
	{"GET", "/v1/wallet", func(n *Node) http.HandlerFunc { return adminOnly(n.getWallet) }},
	{"GET", "/v1/earnings", func(n *Node) http.HandlerFunc { return adminOnly(n.getEarnings) }},
	{"GET", "/v1/disputes", func(n *Node) http.HandlerFunc { return adminOnly(n.getDisputes) }},
	{"POST", "/v1/disputes/{job}", func(n *Node) http.HandlerFunc { return adminOnly(n.postDispute) }},
	{"POST", "/v1/stake", func(n *Node) http.HandlerFunc { return adminOnly(n.postStake) }},
	{"GET", "/v1/node/availability", func(n *Node) http.HandlerFunc { return n.getAvailability }},
	{"POST", "/v1/node/pause", func(n *Node) http.HandlerFunc { return adminOnly(n.postNodePause) }},
	{"POST", "/v1/node/resume", func(n *Node) http.HandlerFunc { return adminOnly(n.postNodeResume) }},
	{"POST", "/v1/node/reprobe", func(n *Node) http.HandlerFunc { return adminOnly(n.postNodeReprobe) }},
	{"GET", "/v1/backup", func(n *Node) http.HandlerFunc { return adminOnly(n.getBackup) }},
	{"GET", "/v1/openapi.yaml", func(n *Node) http.HandlerFunc { return serveOpenAPI }},
	{"POST", "/v1/tokens", func(n *Node) http.HandlerFunc { return adminOnly(n.postToken) }},
	{"GET", "/v1/tokens", func(n *Node) http.HandlerFunc { return adminOnly(n.getTokens) }},
	{"DELETE", "/v1/tokens/{name}", func(n *Node) http.HandlerFunc { return adminOnly(n.deleteToken) }},
}

// rpcRoutes are node-to-node RPC, which the other members must reach (on
// NodeConfig.ListenAddr when set): every request is signed, so it needs no
// token.
var rpcRoutes = []route{
	{"GET", "/rpc/v1/blobs/{hash}", func(n *Node) http.HandlerFunc { return n.getPeerBlob }},
	{"GET", "/rpc/v1/blobs/{hash}/pieces", func(n *Node) http.HandlerFunc { return n.getPeerPieces }},
	{"GET", "/rpc/v1/blobs/{hash}/have", func(n *Node) http.HandlerFunc { return n.getPeerHave }},
	{"GET", "/rpc/v1/evidence/{job}/{address}", func(n *Node) http.HandlerFunc { return n.getEvidence }},
	{"POST", "/rpc/v1/render", func(n *Node) http.HandlerFunc { return n.work.handleRender }},
	{"POST", prefetchPath, func(n *Node) http.HandlerFunc { return n.work.handlePrefetch }},
	{"POST", estimateSamplePath, func(n *Node) http.HandlerFunc { return n.work.handleSample }},
	{"POST", "/rpc/v1/claims", func(n *Node) http.HandlerFunc { return n.handleClaim }},
	{"GET", "/rpc/v1/claims/{escrow}/{worker}", func(n *Node) http.HandlerFunc { return n.handleClaimPull }},
	{"POST", "/rpc/v1/receipts", func(n *Node) http.HandlerFunc { return n.handleReceipt }},
	{"GET", "/rpc/v1/disputes/{escrow}/bundle", func(n *Node) http.HandlerFunc { return n.handleBundle }},
	{"GET", rpcJobs, func(n *Node) http.HandlerFunc { return n.handleJobSummaries }},
	{"GET", rpcWay, func(n *Node) http.HandlerFunc { return n.handleWay }},
	{"GET", "/rpc/v1/tasks/{nonce}", func(n *Node) http.HandlerFunc { return n.work.handleHeartbeat }},
	{"POST", releasePath, func(n *Node) http.HandlerFunc { return n.handleRelease }},
	{"POST", reachPath, func(n *Node) http.HandlerFunc { return n.serveReach }},
	{"POST", tunnel.AttachPath, func(n *Node) http.HandlerFunc { return n.serveAttach }},
	{"GET", tunnel.RelayPrefix + "{node}/{path...}", func(n *Node) http.HandlerFunc { return n.serveRelay }},
	{"POST", tunnel.RelayPrefix + "{node}/{path...}", func(n *Node) http.HandlerFunc { return n.serveRelay }},
}

// OpenAPI is the client API's OpenAPI 3 description.
//
//go:embed openapi.yaml
var OpenAPI []byte

func serveOpenAPI(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", "application/yaml")
	rw.Write(OpenAPI)
}

// routes serves the given route tables on one handler.
func (n *Node) routes(tables ...[]route) http.Handler {
	mux := http.NewServeMux()
	for _, table := range tables {
		for _, rt := range table {
			h := rt.handler(n)
			if strings.HasPrefix(rt.path, "/v1/") {
				h = n.guardClientAPI(h) // node RPC is signed, and other members call it by any name
			}
			mux.HandleFunc(rt.method+" "+rt.path, h)
		}
	}
	return n.limitRequests(mux, n.countRejections(n.authenticate(mux)))
}

// countRejections counts client-API requests answered with a 4xx: bad input
// is refused one request at a time, and the counter shows an operator how
// much of it arrives.
func (n *Node) countRejections(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		sr := &statusRecorder{ResponseWriter: rw, status: http.StatusOK}
		next.ServeHTTP(sr, r)
		if sr.status >= 400 && sr.status < 500 && strings.HasPrefix(r.URL.Path, "/v1/") {
			n.metrics.apiRejected.Add(1)
		}
	})
}

// statusRecorder remembers the status a handler wrote; Flush is passed on
// so the event stream still streams.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection (a gateway
// hijacks it for a NATed node's tunnel).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func writeJSON(rw http.ResponseWriter, v any) {
	rw.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(rw)
	enc.SetEscapeHTML(false) // messages like "must be <= 16384" stay readable
	enc.Encode(v)
}

// statusOf maps an error to the HTTP status a client should see.
func statusOf(err error) int {
	switch {
	case errors.Is(err, ErrNoJob):
		return http.StatusNotFound
	case errors.Is(err, api.ErrBadJob), errors.Is(err, api.ErrBadID), errors.Is(err, blobstore.ErrBadBlob):
		return http.StatusBadRequest
	case errors.Is(err, ErrEscrow):
		return http.StatusPaymentRequired
	case errors.Is(err, errPreviewBudget):
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

func (n *Node) putBlob(rw http.ResponseWriter, r *http.Request) {
	if r.Header.Get(api.HeaderUploadOffset) != "" || r.Header.Get(api.HeaderUploadLength) != "" {
		n.putUpload(rw, r) // a resumable upload
		return
	}
	h, err := n.work.blobs.PutFor(r.Body, r.PathValue("hash"), uploadClient(r), r.ContentLength)
	if err != nil {
		if errors.Is(err, blobstore.ErrBadBlob) {
			n.metrics.blobHashErrors.Add(1)
		}
		httpError(rw, uploadStatus(err), err)
		return
	}
	writeJSON(rw, map[string]string{"hash": h})
}

func (n *Node) getBlob(rw http.ResponseWriter, r *http.Request) {
	p, ok := n.work.blobs.Path(r.PathValue("hash"))
	if !ok {
		p, ok = n.work.cache.Path(r.PathValue("hash"))
	}
	if !ok {
		httpError(rw, http.StatusNotFound, fmt.Errorf("no blob %q", r.PathValue("hash")))
		return
	}
	rw.Header().Set("Content-Type", "application/octet-stream")
	http.ServeFile(rw, r, p)
}

// readSpec decodes a posted job spec (bounded, no unknown fields: a typo
// in a field must not pass as its default) or answers 400 saying why.
func readSpec(rw http.ResponseWriter, r *http.Request) (api.JobSpec, bool) {
	var spec api.JobSpec
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, maxSpecBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&spec); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("job spec: %w", err))
		return spec, false
	}
	return spec, true
}

func (n *Node) postJob(rw http.ResponseWriter, r *http.Request) {
	spec, ok := readSpec(rw, r)
	if !ok {
		return
	}
	// An auto job is bound first: its id, which the caller owns and
	// notifications name, is the hash of the spec naming its renderer.
	spec, release, err := n.coord.resolveAuto(spec)
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	notify, err := n.notifyURL(r)
	if err != nil {
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	if err := n.claimJob(callerOf(r), spec); err != nil {
		status := statusOf(err)
		if errors.Is(err, errJobTaken) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	if err := n.coord.watchJob(spec.ID(), notify); err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	id, err := n.coord.submit(r.Context(), spec, release, callerOf(r).String())
	if err != nil {
		n.coord.unwatchRefused(spec.ID())
		httpError(rw, statusOf(err), err)
		return
	}
	out := api.Submitted{ID: id}
	if note := n.coord.otherReleases(); note != "" {
		out.Notes = append(out.Notes, note)
	}
	rw.WriteHeader(http.StatusCreated)
	writeJSON(rw, out)
}

// getJobs lists a page of the caller's jobs (an admin's: all), oldest first: ?offset=N&limit=M
// (limit at most 1000, the default).
func (n *Node) getJobs(rw http.ResponseWriter, r *http.Request) {
	var page [2]int
	for i, name := range []string{"offset", "limit"} {
		if v := r.URL.Query().Get(name); v != "" {
			x, err := strconv.Atoi(v)
			if err != nil || x < 0 {
				httpError(rw, http.StatusBadRequest, fmt.Errorf("%s %q: want a count >= 0", name, v))
				return
			}
			page[i] = x
		}
	}
	jobs, err := n.jobsOf(callerOf(r), page[0], page[1])
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, jobs)
}

func (n *Node) getJob(rw http.ResponseWriter, r *http.Request) {
	st, err := n.coord.status(r.PathValue("id"))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, st)
}

func (n *Node) postCancel(rw http.ResponseWriter, r *http.Request) {
	if err := n.coord.cancel(r.PathValue("id")); err != nil {
		status := statusOf(err)
		if status == http.StatusInternalServerError {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, map[string]string{"state": string(api.JobCancelled)})
}

// postReclaim returns a settled job's unspent budget and bond to the
// requester once the grace has passed.
func (n *Node) postReclaim(rw http.ResponseWriter, r *http.Request) {
	st, err := n.coord.reclaimNow(r.Context(), r.PathValue("id"))
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, ErrNotYet) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, st)
}

func (n *Node) getReport(rw http.ResponseWriter, r *http.Request) {
	rep, err := n.coord.report(r.PathValue("id"))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	writeJSON(rw, rep)
}

// getLogs answers a job's task logs: ?task=N for one task, ?frame=F for
// one frame's, neither for all.
func (n *Node) getLogs(rw http.ResponseWriter, r *http.Request) {
	q := api.AllLogs
	for _, p := range []struct {
		name string
		to   *int
	}{{"task", &q.Task}, {"frame", &q.Frame}} {
		v := r.URL.Query().Get(p.name)
		if v == "" {
			continue
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 {
			httpError(rw, http.StatusBadRequest, fmt.Errorf("%s %q: want a number >= 0", p.name, v))
			return
		}
		*p.to = i
	}
	if q.Task >= 0 && q.Frame >= 0 {
		httpError(rw, http.StatusBadRequest, errors.New("give task or frame, not both"))
		return
	}
	logs, err := n.coord.logs(r.PathValue("id"), q)
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	if logs == nil {
		logs = []api.TaskLog{}
	}
	writeJSON(rw, map[string][]api.TaskLog{"logs": logs})
}

// getEvents streams a job's events as Server-Sent Events, starting after
// ?after=SEQ, and ends the stream after the job's final event.
func (n *Node) getEvents(rw http.ResponseWriter, r *http.Request) {
	log, err := n.coord.events(r.PathValue("id"))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	after := log.reopenedAt() // a requeued job's latest round
	if v := r.URL.Query().Get("after"); v != "" {
		if after, err = strconv.Atoi(v); err != nil || after < 0 {
			httpError(rw, http.StatusBadRequest, fmt.Errorf("after %q: want an event number >= 0", v))
			return
		}
	}
	rw.Header().Set("Content-Type", "text/event-stream")
	rw.Header().Set("Cache-Control", "no-cache")
	flusher, _ := rw.(http.Flusher)
	for {
		evs, err := log.since(r.Context(), after)
		if err != nil {
			return
		}
		for _, e := range evs {
			b, _ := json.Marshal(e)
			fmt.Fprintf(rw, "id: %d\ndata: %s\n\n", e.Seq, b)
			after = e.Seq
		}
		if flusher != nil {
			flusher.Flush()
		}
		if last := evs[len(evs)-1]; last.Type == api.EventFinished {
			return
		}
	}
}

func (n *Node) getFrame(rw http.ResponseWriter, r *http.Request) {
	frame, err := strconv.Atoi(r.PathValue("frame"))
	if err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("frame %q is not a number", r.PathValue("frame")))
		return
	}
	p, err := n.coord.framePath(r.PathValue("id"), frame)
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	ctype := map[string]string{".exr": "image/x-exr", ".jpg": "image/jpeg", ".tif": "image/tiff"}[filepath.Ext(p)]
	if ctype == "" {
		ctype = "image/png"
	}
	rw.Header().Set("Content-Type", ctype)
	http.ServeFile(rw, r, p)
}

func (n *Node) getNodes(rw http.ResponseWriter, r *http.Request) {
	members := n.cluster.Members()
	for i := range members {
		key := repKey(members[i].Addr)
		rec := n.coord.rep.Get(key)
		members[i].Reputation = &api.Reputation{
			Passed: rec.Passed, Failed: rec.Failed,
			CheckRate:        n.coord.rep.CheckProbability(key),
			Quarantined:      n.coord.quarantined(members[i].Addr),
			BlocklistedUntil: n.coord.blocklistedUntil(members[i].Addr),
		}
		n.coord.mu.Lock()
		members[i].Measured = n.coord.rates.paces(members[i].ID)
		n.coord.mu.Unlock()
		members[i].Incompatible = n.otherProtocol(members[i])
		members[i].Unstaked = n.coord.stakes.short(members[i])
	}
	writeJSON(rw, members)
}

func (n *Node) getMetrics(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Content-Type", "text/plain; version=0.0.4")
	n.coord.mu.Lock()
	jobs := len(n.coord.jobs)
	n.coord.mu.Unlock()
	n.metrics.write(rw, gauge{"conun_jobs_in_memory", "jobs this coordinator holds in memory (finished ones age out: NodeConfig.Retention)", int64(jobs)},
		gauge{"conun_deliveries_waiting", "receipts and claims this coordinator has not handed to their workers yet", int64(n.coord.outbox.waiting())})
	writeCalibrationMetrics(rw, n.Speeds())
	e, err := n.earnings(r.Context(), time.Time{}) // from the start
	writeEarningsMetrics(rw, e, err)
}
