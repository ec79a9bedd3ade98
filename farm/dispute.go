package farm

import (
	"bytes"
	"cmp"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/store"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Disputes: the way out of a wrong conviction. A worker keeps every result
// it signs for the escrow (the job's spec, the lease, the tile's bytes and
// its signature), and a checker every check (the lease names the crops,
// the bytes are its render of them), because if a coordinator slashes it,
// those are what show it rendered honestly. A convicted node disputes by hand (`conun dispute
// JOB`): it posts the escrow's dispute bond within the window, then draws
// the arbiters once the draw block is mined and resolves the dispute once
// they voted or voting ended (anyone may; the disputer is the one who
// wants it done). The arbiters, stakers drawn by the chain outside the job,
// fetch the evidence from the accused (arbiter.go), re-render and vote.
//
// Disputes are manual, not automatic on conviction: a node that disputes
// risks its bond, and the only way to be sure it rendered honestly is to
// re-render the task itself, which its owner can do (with `conun render`)
// before deciding; a node re-rendering and disputing by itself would let a
// flaky renderer (a driver update, a bad GPU) spend bonds on its own.

// keptResult is a result (or check) this node signed for the escrow: the
// lease it answered and the EIP-712 signature over (escrow id, task,
// sha256 of the tile's bytes; a check's crops too). The bytes themselves
// are a blob of the node's store, named by that hash.
type keptResult struct {
	Request   TaskRequest `json:"request"`
	Hash      string      `json:"hash"`
	Signature string      `json:"signature"`
	// Build is the renderer build that drew it (renderer.Build): only an
	// arbiter of the same release can re-render it pixel for pixel.
	Build string `json:"build"`
}

// keptJob is what the node kept of one job: its spec (whose hash is the
// escrow id), its dispute, and every result and check it signed, each by
// checkKey (its task and its render's hash): a task rendered or checked
// twice keeps both, since either signature can be slashed, and two tasks
// whose renders are the same bytes, a still shot's, keep one each. A check
// is a keptResult too: the lease names the task and the crops, the bytes
// are its render of them.
//
// The spec and the dispute are one store entry ("kept/<escrow id>"), and
// each result or check one of its own ("kept-entry/<escrow id>/..."):
// keeping one more writes only it, where rewriting the job at each keep
// grew with the job (a worker's thousandth tile of a job cost 4x its
// hundredth; BenchmarkKeep).
type keptJob struct {
	Spec    api.JobSpec        `json:"spec"`
	Dispute *api.DisputeStatus `json:"dispute,omitempty"`
	// OldResults and OldChecks are what a record written before results
	// and checks were entries of their own holds (a task's latest result;
	// checks by checkKey): read with the entries, never written anew.
	OldResults map[int]keptResult    `json:"results,omitempty"`
	OldChecks  map[string]keptResult `json:"checks,omitempty"`

	results, checks map[string]keptResult // by checkKey, from the entries and the old maps
}

// checkKey is a kept result's or check's key: its task and its render's
// hash.
func checkKey(task int, hash string) string { return strconv.Itoa(task) + ":" + hash }

// find returns what the node kept of what sl slashed, if it did.
func (kj *keptJob) find(sl slashing) (keptResult, bool) {
	kr, ok := kj.kept(sl.check)[checkKey(int(sl.task), hex.EncodeToString(sl.hash[:]))]
	return kr, ok && sl.matches(kr)
}

// kept is the job's kept checks, or results.
func (kj *keptJob) kept(check bool) map[string]keptResult {
	if check {
		return kj.checks
	}
	return kj.results
}

// keptChecks lists the checks the node kept, by task and render.
func (kj *keptJob) keptChecks() []api.KeptCheck {
	var out []api.KeptCheck
	for _, kr := range kj.checks {
		out = append(out, api.KeptCheck{Task: kr.Request.Task, Render: kr.Hash})
	}
	slices.SortFunc(out, func(a, b api.KeptCheck) int {
		return cmp.Or(cmp.Compare(a.Task, b.Task), strings.Compare(a.Render, b.Render))
	})
	return out
}

// tasks lists the tasks the node kept results of, each once.
func (kj *keptJob) tasks() []int {
	var out []int
	for _, kr := range kj.results {
		out = append(out, kr.Request.Task)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// resultBook keeps the results and checks a node signs, in the store's
// meta (keptJob) and the bytes in the node's own blobs (which the
// retention of its coordinator's jobs does not touch).
type resultBook struct {
	mu    sync.Mutex
	store *store.Store
	blobs *blobstore.Blobs
}

const (
	keptPrefix      = "kept/"
	keptEntryPrefix = "kept-entry/"
)

// entryPrefix is where the results and checks kept of escrow are.
func entryPrefix(escrow common.Hash) string { return keptEntryPrefix + escrow.Hex() + "/" }

// entryKey is the store key of a result (or check) kept of escrow.
func entryKey(escrow common.Hash, check bool, task int, hash string) string {
	kind := "result/"
	if check {
		kind = "check/"
	}
	return entryPrefix(escrow) + kind + checkKey(task, hash)
}

// keep records a signed result of req (a lease of a job on a chain), or of
// a check: a checker's render of its crops can be slashed too.
func (b *resultBook) keep(escrow common.Hash, req TaskRequest, build string, data []byte, sum [32]byte, sig []byte) error {
	hash := hex.EncodeToString(sum[:])
	if _, err := b.blobs.Put(bytes.NewReader(data), hash); err != nil {
		return fmt.Errorf("keep tile of job %s task %d: %w", req.JobID, req.Task, err)
	}
	header, entry, err := b.queueKeep(escrow, req, build, hash, sig)
	if err != nil {
		return err
	}
	// Waited for without the lock: the store's writer keeps the order they
	// were queued in, and keeps of other tasks share the commit.
	if header != nil {
		if err := <-header; err != nil {
			<-entry
			return err
		}
	}
	return <-entry
}

// queueKeep queues keep's store writes under the lock: the job's own
// record (spec and dispute) when it has none yet, and the result's entry.
func (b *resultBook) queueKeep(escrow common.Hash, req TaskRequest, build, hash string, sig []byte) (header, entry <-chan error, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.store.Meta(keptPrefix+escrow.Hex())) == 0 {
		switch {
		case req.Spec == nil:
			return nil, nil, fmt.Errorf("keep job %s task %d: the lease carries no job spec", req.JobID, req.Task)
		case jobHash(*req.Spec) != escrow:
			// Kept as the job's for good: a spec that is not the
			// escrow's would fail every later bundle of the job.
			return nil, nil, fmt.Errorf("keep job %s task %d: the lease's job spec hashes to %s, not the escrow id %s", req.JobID, req.Task, jobHash(*req.Spec).Hex(), escrow.Hex())
		}
		raw, err := json.Marshal(&keptJob{Spec: *req.Spec})
		if err != nil {
			return nil, nil, err
		}
		// Two first keeps of a job both write it, the same spec: its
		// record is read only once committed.
		header = b.store.PutMeta(keptPrefix+escrow.Hex(), raw)
	}
	req.Spec = nil // kept once, with the job
	// Shown to arbiters: a seal is for the two ends alone (seal.go).
	req.Key, req.Seal, req.body = "", "", nil
	raw, err := json.Marshal(keptResult{Request: req, Hash: hash, Signature: hex.EncodeToString(sig), Build: build})
	if err != nil {
		return nil, nil, err
	}
	return header, b.store.PutMeta(entryKey(escrow, req.Check, req.Task, hash), raw), nil
}

// forget drops the record of what was kept of escrow, checks alone: once
// the job settled, nothing can be slashed with them. A job of results is
// kept (its claims and disputes need them), and so is a job this node
// (self) coordinated. The renders stay in the blobs: content-addressed,
// the same bytes may be another job's tile or evidence (a whole frame's
// check render is the worker's tile).
func (b *resultBook) forget(escrow common.Hash, self common.Address) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	kj, err := b.load(escrow)
	if err != nil || kj == nil || len(kj.results) > 0 {
		return err
	}
	for _, kr := range kj.checks {
		if common.HexToAddress(kr.Request.Coordinator) == self {
			return nil
		}
	}
	if err := <-b.store.DeleteMetaPrefix(entryPrefix(escrow)); err != nil {
		return err
	}
	return <-b.store.DeleteMeta(keptPrefix + escrow.Hex())
}

// load returns what was kept of escrow (nil when nothing).
func (b *resultBook) load(escrow common.Hash) (*keptJob, error) {
	raw := b.store.Meta(keptPrefix + escrow.Hex())
	if len(raw) == 0 {
		return nil, nil
	}
	var kj keptJob
	if err := json.Unmarshal(raw, &kj); err != nil {
		return nil, fmt.Errorf("kept results of %s are corrupt: %w", escrow.Hex(), err)
	}
	kj.results, kj.checks = map[string]keptResult{}, map[string]keptResult{}
	for _, kr := range kj.OldResults {
		kj.results[checkKey(kr.Request.Task, kr.Hash)] = kr
	}
	for _, kr := range kj.OldChecks {
		kj.checks[checkKey(kr.Request.Task, kr.Hash)] = kr
	}
	var err error
	b.store.MetaScan(entryPrefix(escrow), func(key string, v []byte) {
		var kr keptResult
		if e := json.Unmarshal(v, &kr); e != nil {
			err = cmp.Or(err, fmt.Errorf("kept result %s is corrupt: %w", key, e))
			return
		}
		kj.kept(kr.Request.Check)[checkKey(kr.Request.Task, kr.Hash)] = kr
	})
	return &kj, err
}

// saveLocked writes the kept job's spec and dispute (its results and
// checks are entries of their own, written by keep).
func (b *resultBook) saveLocked(escrow common.Hash, kj *keptJob) error {
	raw, err := json.Marshal(kj)
	if err != nil {
		return err
	}
	return <-b.store.PutMeta(keptPrefix+escrow.Hex(), raw)
}

// update changes the kept job escrow under the lock and saves it.
func (b *resultBook) update(escrow common.Hash, f func(*keptJob)) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	kj, err := b.load(escrow)
	if err != nil || kj == nil {
		return cmpErr(err, fmt.Errorf("no kept results of job %s", escrow.Hex()))
	}
	f(kj)
	return b.saveLocked(escrow, kj)
}

// cmpErr is err, or otherwise when there is none: what went wrong, for a
// message, either way.
func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// find resolves a user's job argument, an escrow id or the farm's job id,
// to the escrow id of a kept job.
func (b *resultBook) find(job string) (common.Hash, *keptJob, error) {
	if _, err := api.ParseJobRef(job); err != nil {
		return common.Hash{}, nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(job) != 16 { // an escrow id
		escrow := common.HexToHash(job)
		kj, err := b.load(escrow)
		if err != nil || kj == nil {
			return escrow, nil, cmpErr(err, fmt.Errorf("%w: this node kept no result of job %s: it never rendered or checked for it (or not on this data directory)", ErrNoJob, job))
		}
		return escrow, kj, nil
	}
	for _, key := range b.store.MetaKeys(keptPrefix) {
		escrow := common.HexToHash(strings.TrimPrefix(key, keptPrefix))
		kj, err := b.load(escrow)
		if err == nil && kj != nil && kj.Spec.ID() == job {
			return escrow, kj, nil
		}
	}
	return common.Hash{}, nil, fmt.Errorf("%w: job %q: this node kept no result of it; name it by its farm id or its escrow id (0x and 64 hex digits)", ErrNoJob, job)
}

// disputeBundle is what an arbiter needs to judge a disputed task: the
// job's spec (it hashes to the escrow id), the lease the accused answered,
// its signature and the tile's bytes (they hash to the slashed result);
// for a checker's conviction, the check's lease (it names the crops) and
// its render of them.
type disputeBundle struct {
	Spec      api.JobSpec `json:"spec"`
	Task      int         `json:"task"`
	Request   TaskRequest `json:"request"`
	Signature string      `json:"signature"`
	Build     string      `json:"build"`
	Tile      []byte      `json:"tile"`
}

// handleBundle serves the evidence of one task this node rendered: GET
// /rpc/v1/disputes/{escrow}/bundle?task=N&result=H, its result of the task
// whose tile hashes to H (without result=, the task's one kept result), or
// with check=H its check of the task whose render hashes to H. Anyone may
// read it: the node wants its work seen, and it is hash-checked against
// the chain anyway.
func (n *Node) handleBundle(rw http.ResponseWriter, r *http.Request) {
	id, err := api.ParseEscrowID(r.PathValue("escrow"))
	if err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("bundle: %w", err))
		return
	}
	escrow := common.HexToHash(id)
	q := r.URL.Query()
	task, err := strconv.Atoi(q.Get("task"))
	if err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("bundle: task %q: %w", q.Get("task"), err))
		return
	}
	check, hash := q.Has(keptWhat(true)), cmp.Or(q.Get(keptWhat(true)), q.Get(keptWhat(false)))
	n.kept.mu.Lock()
	kj, err := n.kept.load(escrow)
	n.kept.mu.Unlock()
	var kr keptResult
	if kj != nil {
		kr = kj.kept(check)[checkKey(task, hash)]
		if hash == "" && !check {
			var several bool
			for _, kept := range kj.results {
				if kept.Request.Task == task {
					several, kr = kr.Hash != "", kept
				}
			}
			if several {
				httpError(rw, http.StatusBadRequest, fmt.Errorf("bundle: this node kept several results of job %s task %d: name one with result=HASH", escrow.Hex(), task))
				return
			}
		}
	}
	if err != nil || kr.Hash == "" || kr.Request.Task != task {
		as := ""
		if hash != "" {
			as = " rendered as " + hash
		}
		httpError(rw, http.StatusNotFound, cmpErr(err, fmt.Errorf("no kept %s of job %s task %d%s", keptWhat(check), escrow.Hex(), task, as)))
		return
	}
	p, ok := n.kept.blobs.Path(kr.Hash)
	if !ok {
		httpError(rw, http.StatusNotFound, fmt.Errorf("the tile of job %s task %d (%s) is gone", escrow.Hex(), task, kr.Hash))
		return
	}
	tile, err := os.ReadFile(p) // one task's pixels: small
	if err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	writeJSON(rw, disputeBundle{Spec: kj.Spec, Task: task, Request: kr.Request, Signature: kr.Signature, Build: kr.Build, Tile: tile})
}

// keptWhat names a kept result, or with check a kept check, for messages
// and as the bundle route's query key naming its hash (handleBundle).
func keptWhat(check bool) string {
	if check {
		return "check"
	}
	return "result"
}

// getDisputes lists the jobs this node kept results of, and its disputes.
func (n *Node) getDisputes(rw http.ResponseWriter, r *http.Request) {
	out := []api.DisputeStatus{}
	for _, key := range n.store.MetaKeys(keptPrefix) {
		escrow := common.HexToHash(strings.TrimPrefix(key, keptPrefix))
		n.kept.mu.Lock()
		kj, err := n.kept.load(escrow)
		n.kept.mu.Unlock()
		if err != nil || kj == nil {
			continue
		}
		st := api.DisputeStatus{Escrow: escrow.Hex(), Job: kj.Spec.ID()}
		if kj.Dispute != nil {
			st = *kj.Dispute
		}
		st.Tasks = kj.tasks()
		st.Checks = kj.keptChecks()
		out = append(out, st)
	}
	writeJSON(rw, out)
}

// postDispute disputes this node's conviction in a job.
func (n *Node) postDispute(rw http.ResponseWriter, r *http.Request) {
	st, err := n.dispute(r.Context(), r.PathValue("job"))
	if err != nil {
		status := statusOf(err)
		if errors.Is(err, ErrNotYet) || errors.Is(err, ErrDispute) {
			status = http.StatusConflict
		}
		httpError(rw, status, err)
		return
	}
	writeJSON(rw, st)
}

// ErrDispute is wrapped by a refused dispute: no conviction to dispute,
// its window closed, or too few tokens for the bond (the API answers 409).
var ErrDispute = errors.New("cannot dispute")

// dispute checks that this node's conviction in job can be disputed and
// that it can pay the bond, disputes it, and follows the dispute to its end.
func (n *Node) dispute(ctx context.Context, job string) (api.DisputeStatus, error) {
	if _, err := api.ParseJobRef(job); err != nil {
		return api.DisputeStatus{}, err // a bad id is the caller's mistake whatever this node is
	}
	ch := n.cfg.Chain
	if ch == nil {
		return api.DisputeStatus{}, fmt.Errorf("%w: this node is not connected to a chain", ErrDispute)
	}
	escrow, kj, err := n.kept.find(job)
	if err != nil {
		return api.DisputeStatus{}, err
	}
	me := ch.Address()
	cv, err := ch.ConvictionOf(ctx, escrow, me)
	if err != nil {
		return api.DisputeStatus{}, err
	}
	if cv.Verdict != contracts.VerdictConvicted {
		what := "was never convicted in it"
		if cv.Verdict != contracts.VerdictNone {
			what = "already disputed its conviction (" + cv.Verdict.String() + ")"
		}
		return api.DisputeStatus{}, fmt.Errorf("%w: job %s: this node (%s) %s", ErrDispute, escrow.Hex(), me.Hex(), what)
	}
	sl, err := slashedFor(ctx, ch, escrow, me)
	if err != nil {
		return api.DisputeStatus{}, err
	}
	task := sl.task
	if _, ok := kj.find(sl); !ok {
		return api.DisputeStatus{}, fmt.Errorf("%w: job %s: slashed for %s, and this node kept no such %s: arbiters could not re-render it, the bond would be lost", ErrDispute, escrow.Hex(), sl, keptWhat(sl.check))
	}
	rules, err := ch.DisputeRules(ctx)
	if err != nil {
		return api.DisputeStatus{}, err
	}
	now, err := ch.Chain().Now(ctx)
	if err != nil {
		return api.DisputeStatus{}, err
	}
	if closes := cv.SlashedAt.Add(rules.Window); now.After(closes) {
		return api.DisputeStatus{}, fmt.Errorf("%w: job %s: the window to dispute closed at %s (chain time; slashed at %s, %v to dispute)", ErrDispute, escrow.Hex(),
			closes.UTC().Format(time.RFC3339), cv.SlashedAt.UTC().Format(time.RFC3339), rules.Window)
	}
	if bal, err := ch.Balance(ctx, me); err == nil && bal.Cmp(rules.Bond) < 0 {
		return api.DisputeStatus{}, fmt.Errorf("%w: the dispute bond is %s tokens and %s holds %s: fund it first", ErrDispute, api.FormatTokens(rules.Bond), me.Hex(), api.FormatTokens(bal))
	}
	rcpt, err := ch.Dispute(ctx, escrow)
	if err != nil {
		return api.DisputeStatus{}, fmt.Errorf("dispute job %s: %w", escrow.Hex(), err)
	}
	st := api.DisputeStatus{
		Escrow: escrow.Hex(), Job: kj.Spec.ID(), Verdict: contracts.VerdictDisputed.String(), Task: int(task), Check: sl.check,
		Slashed: api.FormatTokens(cv.Amount), Bond: api.FormatTokens(rules.Bond), Tx: rcpt.TxHash.Hex(),
	}
	if err := n.kept.update(escrow, func(k *keptJob) { k.Dispute = &st }); err != nil {
		n.cfg.Logger.Error("record dispute", "job", escrow.Hex(), "err", err)
	}
	n.wg.Go(func() { n.followDispute(n.ctx, escrow) })
	return st, nil
}

// resumeDisputes follows again the disputes a previous run left open.
func (n *Node) resumeDisputes() {
	for _, key := range n.store.MetaKeys(keptPrefix) {
		escrow := common.HexToHash(strings.TrimPrefix(key, keptPrefix))
		n.kept.mu.Lock()
		kj, _ := n.kept.load(escrow)
		n.kept.mu.Unlock()
		if kj != nil && kj.Dispute != nil && kj.Dispute.ResolveTx == "" {
			n.wg.Go(func() { n.followDispute(n.ctx, escrow) })
		}
	}
}

// followDispute draws the arbiters of this node's dispute in escrow once
// its draw block is mined, and resolves it once every arbiter voted or
// voting ended (or, with no arbiter to draw, once the escrow allows). It
// waits on new blocks, not on a clock.
func (n *Node) followDispute(ctx context.Context, escrow common.Hash) {
	ch := n.cfg.Chain
	me := ch.Address()
	note := func(f func(*api.DisputeStatus)) {
		n.kept.update(escrow, func(k *keptJob) {
			if k.Dispute != nil {
				f(k.Dispute)
			}
		})
	}
	rules, err := ch.DisputeRules(ctx)
	if err != nil {
		note(func(s *api.DisputeStatus) { s.Error = err.Error() })
		return
	}
	for ctx.Err() == nil {
		// The head first: a vote mined after it wakes the wait below.
		head, err := ch.Chain().Backend().HeaderByNumber(ctx, nil)
		var d contracts.DisputeInfo
		if err == nil {
			d, err = ch.DisputeOf(ctx, escrow, me)
		}
		if err != nil {
			note(func(s *api.DisputeStatus) { s.Error = err.Error() })
			return
		}
		var rcpt *types.Receipt
		switch {
		case d.VotingEnds.IsZero():
			// The draw block must be mined, and one more: gas estimates
			// run on the latest block, whose own hash is not known yet.
			_, err = waitHead(ctx, ch.Chain(), time.Now(), time.Second, func(h *types.Header) bool { return h.Number.Uint64() > d.DrawBlock })
			if err == nil {
				_, err = ch.DrawArbiters(ctx, escrow, me)
			}
			if errors.Is(err, contracts.ErrArbitersDrawn) {
				err = nil // the requester's node drew them first (drawAsRequester)
			}
			if errors.Is(err, contracts.ErrNoArbiters) {
				// Nobody can judge: the escrow ends it after both windows.
				cv, cerr := ch.ConvictionOf(ctx, escrow, me)
				if cerr != nil {
					continue
				}
				if _, err = waitChainTime(ctx, ch.Chain(), cv.SlashedAt.Add(rules.Window+rules.Vote)); err == nil {
					rcpt, err = ch.Resolve(ctx, escrow, me)
				}
			}
		default:
			arbiters := make([]string, len(d.Arbiters))
			for i, a := range d.Arbiters {
				arbiters[i] = a.Hex()
			}
			note(func(s *api.DisputeStatus) {
				s.Arbiters, s.VotingEnds, s.Guilty, s.Innocent, s.Error = arbiters, d.VotingEnds, d.Guilty, d.Innocent, ""
			})
			if d.Guilty+d.Innocent < len(d.Arbiters) && int64(head.Time) <= d.VotingEnds.Unix() {
				// Wait for a vote or the end of voting, and look again.
				if err = n.waitVote(ctx, escrow, head.Number.Uint64()+1, d.VotingEnds); err == nil {
					continue
				}
			} else {
				rcpt, err = ch.Resolve(ctx, escrow, me)
			}
		}
		if ctx.Err() != nil {
			return // stopping: resumed at the next start
		}
		if err != nil {
			note(func(s *api.DisputeStatus) { s.Error = err.Error() })
			if errors.Is(err, contracts.ErrNoOpenDispute) {
				return
			}
			if !errors.Is(err, contracts.ErrDrawTooEarly) && !errors.Is(err, contracts.ErrResolveTooEarly) {
				select { // a failed transaction: try again a little later
				case <-ctx.Done():
				case <-time.After(5 * time.Second):
				}
			}
			continue
		}
		if rcpt != nil {
			cv, _ := ch.ConvictionOf(ctx, escrow, me)
			final, _ := ch.DisputeOf(ctx, escrow, me)
			note(func(s *api.DisputeStatus) {
				s.ResolveTx, s.Verdict, s.Error = rcpt.TxHash.Hex(), cv.Verdict.String(), ""
				s.Guilty, s.Innocent = final.Guilty, final.Innocent
			})
			n.cfg.Logger.Info("dispute resolved", "job", escrow.Hex(), "verdict", cv.Verdict)
			return
		}
	}
}

// waitVote returns at the first vote on this node's dispute in escrow
// from block from on, or the first block past votingEnds: pushed votes and
// heads where the connection pushes; otherwise after drawPoll (or at the
// end of voting, if sooner), to look again.
func (n *Node) waitVote(ctx context.Context, escrow common.Hash, from uint64, votingEnds time.Time) error {
	ch := n.cfg.Chain
	b := ch.Chain().Backend()
	q := ch.VotedQuery(escrow, ch.Address()) // a subscription starts at the head
	votes := make(chan types.Log, 4)
	heads := make(chan *types.Header, 16)
	sub, err := b.SubscribeFilterLogs(ctx, q, votes)
	hs, ok := b.(contracts.HeadSubscriber)
	if err == nil && !ok {
		sub.Unsubscribe()
	}
	if err != nil || !ok {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(min(drawPoll, time.Until(votingEnds)+time.Second)):
			return nil
		}
	}
	defer sub.Unsubscribe()
	hsub, err := hs.SubscribeNewHead(ctx, heads)
	if err != nil {
		return err
	}
	defer hsub.Unsubscribe()
	// A vote mined before the subscriptions started.
	q.FromBlock = new(big.Int).SetUint64(from)
	if past, err := b.FilterLogs(ctx, q); err != nil || len(past) > 0 {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-sub.Err():
			return cmpErr(err, context.Canceled)
		case err := <-hsub.Err():
			return cmpErr(err, context.Canceled)
		case <-votes:
			return nil
		case h := <-heads:
			if int64(h.Time) > votingEnds.Unix() {
				return nil
			}
		}
	}
}

// checkLeaseAgainstSpec refuses a lease that is not task req.Task of spec
// as the spec splits it: a worker signs results only for tasks an arbiter
// can derive from the spec alone (the spec hashes to the escrow id), so a
// coordinator cannot have it sign for pixels the job never asked for.
func checkLeaseAgainstSpec(req TaskRequest, spec api.JobSpec) error {
	if _, err := api.ParseEscrowID(req.Escrow); err != nil {
		return err
	}
	if got := jobHash(spec); got.Hex() != req.Escrow {
		return fmt.Errorf("the job spec hashes to %s, not the escrow id %s", got.Hex(), req.Escrow)
	}
	t, err := specTask(spec, req.Task, len(req.FinishTiles) > 0)
	if err != nil {
		return err
	}
	switch {
	case req.Preview:
		// A preview renders with Workbench: an accused's bundle saying so
		// would have arbiters judge a Workbench tile, and acquit a cheat.
		// No preview's answer is slashable (answerDomain).
		return fmt.Errorf("task %d: the lease is a preview's, and the job's tasks are not", req.Task)
	case req.Frame != t.Frame || req.Region != t.Rect || req.Area != spec.RegionRect():
		return fmt.Errorf("task %d is frame %d region %v (render region %v) in the job's spec, the lease says frame %d region %v (render region %v)", req.Task, t.Frame, t.Rect, spec.RegionRect(), req.Frame, req.Region, req.Area)
	case req.Width != spec.Resolution.Width || req.Height != spec.Resolution.Height || req.Samples != spec.Samples || req.Seed != spec.Seed:
		return fmt.Errorf("task %d: the lease's resolution, samples or seed differ from the job's spec", req.Task)
	case req.Renderer != spec.Renderer || req.Scene != spec.Scene || req.Format != spec.Format || req.Quality != spec.Quality || req.Denoise != spec.Denoise ||
		(api.JobSpec{Compression: req.Compression}).PNGCompression() != spec.PNGCompression():
		return fmt.Errorf("task %d: the lease's renderer, scene, format, quality, compression or denoising differ from the job's spec", req.Task)
	}
	return nil
}

// specTask is task i of spec as the coordinator numbers it (job.planTasks):
// its tiles frame by frame, then, for a finish, one task per frame over its
// FinishRect. Whether the job has finish tasks depends on what its scene
// composites, which the spec does not say, so the lease's own kind decides.
func specTask(spec api.JobSpec, i int, finish bool) (tiler.Tile, error) {
	plan := spec.Plan()
	frames := spec.Frames.List()
	switch {
	case i >= 0 && i < len(plan) && !finish:
		return plan[i], nil
	case finish && i >= len(plan) && i < len(plan)+len(frames):
		return tiler.Tile{Frame: frames[i-len(plan)], Rect: spec.FinishRect()}, nil
	case finish:
		return tiler.Tile{}, fmt.Errorf("task %d: the job's finish tasks are %d-%d", i, len(plan), len(plan)+len(frames)-1)
	}
	return tiler.Tile{}, fmt.Errorf("task %d: the job has %d tiles", i, len(plan))
}
