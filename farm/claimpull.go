package farm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// Claims a worker fetches itself. The outbox pushes each claim for a while
// (delivery.go); a worker that was away all that time asks the coordinator
// for it: GET /rpc/v1/claims/{escrow}/{worker}, signed by the worker over
// the escrow id, its address, the coordinator's address (the recipient)
// and a timestamp and nonce, so only the worker reads its claim, and a
// request captured on the way cannot be replayed or aimed at another node.
//
// Why the coordinator and not the chain: the escrow's JobSettled event
// carries the Merkle root only, not the leaves, so no proof can be rebuilt
// from the chain alone. The coordinator keeps every settled job's claims in
// its store ("claims/<escrow>"), written before the first push. The worker
// knows which jobs to ask about from the results it kept (dispute.go): each
// names its escrow id and its coordinator's address; it asks only about
// jobs the chain says are settled and pay it nothing yet.

// claimsPrefix keys a settled job's claims in the coordinator's meta.
const claimsPrefix = "claims/"

// Headers of a signed claim pull.
const (
	headerPullRecipient = "Conun-Recipient"
	headerPullTime      = "Conun-Time"
	headerPullNonce     = "Conun-Nonce"
	headerPullSignature = "Conun-Signature"
)

// claimPullMessage is what a worker signs to ask recipient for its claim
// in escrow.
func claimPullMessage(escrow, worker, recipient string, unixMilli int64, nonce string) []byte {
	return fmt.Appendf(nil, "conun claim pull\nescrow %s\nworker %s\nrecipient %s\ntime %d\nnonce %s", escrow, worker, recipient, unixMilli, nonce)
}

// queueClaims keeps a settled job's claims for the workers to ask for, then
// queues each for its worker.
func (c *coordinator) queueClaims(job string, claims []contracts.Claim) {
	if len(claims) == 0 {
		return
	}
	msgs := make([]claimMessage, 0, len(claims))
	for _, cl := range claims {
		m := claimMessage{JobID: cl.JobID.Hex(), Node: cl.Node.Hex(), Amount: cl.Amount.String(), Submit: c.cfg.Delivery.PayClaims}
		for _, p := range cl.Proof {
			m.Proof = append(m.Proof, p.Hex())
		}
		msgs = append(msgs, m)
	}
	b, _ := json.Marshal(msgs)
	// On disk before the job is marked done and before any push: a worker
	// that asks from then on gets its claim. This runs off the
	// coordinator's lock, so waiting for the write holds up nothing else.
	if err := <-c.store.PutMeta(claimsPrefix+msgs[0].JobID, b); err != nil {
		c.log.Error("keep claims for the workers to ask for", "job", job, "err", err)
	}
	for _, m := range msgs {
		if err := c.outbox.add(rpcClaims, job, m.JobID, m.Node, m, nil); err != nil {
			c.log.Error("queue claim", "job", job, "node", m.Node, "err", err)
		}
	}
}

// handleClaimPull answers a worker's signed request for its claim.
func (n *Node) handleClaimPull(rw http.ResponseWriter, r *http.Request) {
	escrow, err := api.ParseEscrowID(r.PathValue("escrow"))
	if err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, err)
		return
	}
	worker := r.PathValue("worker")
	if !common.IsHexAddress(worker) || common.HexToAddress(worker).Hex() != worker {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("worker %q: want its address as 0x and 40 hex digits in EIP-55 case", worker))
		return
	}
	me := n.cfg.Identity.Address().Hex()
	if to := r.Header.Get(headerPullRecipient); to != me {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusForbidden, fmt.Errorf("claim request is for %q, not this node (%s)", to, me))
		return
	}
	at, err := strconv.ParseInt(r.Header.Get(headerPullTime), 10, 64)
	if err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusBadRequest, fmt.Errorf("claim request: %s %q: want unix milliseconds", headerPullTime, r.Header.Get(headerPullTime)))
		return
	}
	nonce := r.Header.Get(headerPullNonce)
	msg := claimPullMessage(escrow, worker, me, at, nonce)
	if err := rpc.Verify(msg, r.Header.Get(headerPullSignature), common.HexToAddress(worker)); err != nil {
		n.metrics.badSignatures.Add(1)
		httpError(rw, http.StatusForbidden, fmt.Errorf("claim request is not signed by worker %s: %w", worker, err))
		return
	}
	if err := n.coord.outbox.pulls.Check(at, nonce); err != nil {
		n.metrics.badRequests.Add(1)
		httpError(rw, http.StatusForbidden, fmt.Errorf("claim request: %w", err))
		return
	}
	var msgs []claimMessage
	if b := n.store.Meta(claimsPrefix + escrow); len(b) > 0 {
		if err := json.Unmarshal(b, &msgs); err != nil {
			httpError(rw, http.StatusInternalServerError, fmt.Errorf("stored claims of job %s: %w", escrow, err))
			return
		}
	}
	for _, m := range msgs {
		if m.Node == worker {
			writeJSON(rw, m)
			return
		}
	}
	httpError(rw, http.StatusNotFound, fmt.Errorf("%w: this node settled no claim of %s in job %s", ErrNoJob, worker, escrow))
}

// errNothingOwed is a coordinator's answer that it holds no claim of this
// worker in a job (the job paid it nothing by its tree).
var errNothingOwed = errors.New("no claim")

// askClaim fetches this node's claim in escrow from the coordinator at url
// whose address is coordinator.
func (n *Node) askClaim(ctx context.Context, url string, escrow common.Hash, coordinator common.Address) (claimMessage, error) {
	me, to := n.cfg.Identity.Address().Hex(), coordinator.Hex()
	at, nonce := time.Now().UnixMilli(), rpc.NewNonce()
	sig, err := n.cfg.Identity.Sign(claimPullMessage(escrow.Hex(), me, to, at, nonce))
	if err != nil {
		return claimMessage{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, n.cfg.Delivery.Timeout)
	defer cancel()
	target, err := rpcaddr.Join(url, rpcClaims+"/"+escrow.Hex()+"/"+me)
	if err != nil {
		return claimMessage{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return claimMessage{}, err
	}
	req.Header.Set(headerPullRecipient, to)
	req.Header.Set(headerPullTime, strconv.FormatInt(at, 10))
	req.Header.Set(headerPullNonce, nonce)
	req.Header.Set(headerPullSignature, sig)
	resp, err := n.coord.outbox.hc.Do(req)
	if err != nil {
		return claimMessage{}, err
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		return claimMessage{}, fmt.Errorf("%w: %s", errNothingOwed, api.ReadError(resp.Body))
	default:
		return claimMessage{}, fmt.Errorf("%s: %s", resp.Status, api.ReadError(resp.Body))
	}
	var m claimMessage
	dec := json.NewDecoder(io.LimitReader(resp.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return claimMessage{}, fmt.Errorf("claim from %s: %w", url, err)
	}
	return m, nil
}

// pullClaims asks, every Delivery.PullInterval until ctx ends, for the
// claims this node is owed and never got.
func (n *Node) pullClaims(ctx context.Context) {
	every := n.cfg.Delivery.PullInterval
	if every <= 0 || n.wallet.chain == nil {
		return
	}
	asks := &pullAsks{resolved: map[common.Hash]bool{}, failed: map[common.Hash]int{}, notBefore: map[common.Hash]time.Time{}}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		n.pullDue(ctx, asks)
	}
}

// pullAsks is what pullClaims remembers between rounds (not kept: a
// restart asks about every job once more).
type pullAsks struct {
	resolved  map[common.Hash]bool      // jobs nothing more is to be asked of
	failed    map[common.Hash]int       // asks that got no claim, in a row
	notBefore map[common.Hash]time.Time // when a job that failed may be asked again
}

// fail backs off asking about escrow: a coordinator that holds no claim of
// this node (the job's tree left it out: its receipts still redeem) or
// that is gone is asked ever more rarely, from one interval doubling to
// 256, not every interval forever.
func (a *pullAsks) fail(escrow common.Hash, every time.Duration) {
	a.failed[escrow]++
	a.notBefore[escrow] = time.Now().Add(every << min(a.failed[escrow], 8))
}

// pullDue asks once for the claim of each settled job this node kept
// results of (not checks alone), holds no claim of, and was paid nothing
// by; and lets go of the checks alone it kept of a settled job it was not
// slashed in (resultBook.forget).
func (n *Node) pullDue(ctx context.Context, asks *pullAsks) {
	chain, me := n.wallet.chain, n.cfg.Identity.Address()
	for _, key := range n.store.MetaKeys(keptPrefix) {
		escrow := common.HexToHash(strings.TrimPrefix(key, keptPrefix))
		if asks.resolved[escrow] || time.Now().Before(asks.notBefore[escrow]) || n.wallet.holdsClaim(escrow.Hex()) || ctx.Err() != nil {
			continue
		}
		job, err := chain.Job(ctx, escrow)
		if err != nil || job.Status == contracts.JobNone || job.Status == contracts.JobOpen {
			continue // not settled yet: asked again next time
		}
		n.kept.mu.Lock()
		kj, err := n.kept.load(escrow)
		n.kept.mu.Unlock()
		if err != nil {
			continue
		}
		if kj == nil || len(kj.results) == 0 {
			// It only checked in the settled job: no tree pays a check.
			// And nothing can be slashed after settle: unless its check
			// was, and may be disputed (kept for good), what it kept goes.
			cv, err := chain.ConvictionOf(ctx, escrow, me)
			if err != nil {
				continue // asked again next time
			}
			asks.resolved[escrow] = true
			if kj != nil && cv.Verdict == contracts.VerdictNone {
				if err := n.kept.forget(escrow, me); err != nil {
					n.cfg.Logger.Warn("let go of the checks kept of a settled job", "job", escrow.Hex(), "err", err)
				}
			}
			continue
		}
		if job.Status == contracts.JobClosed {
			asks.resolved[escrow] = true
			continue
		}
		if paid, err := chain.Paid(ctx, escrow, me); err != nil || paid.Sign() > 0 {
			asks.resolved[escrow] = err == nil
			continue
		}
		coordinator, url := n.coordinatorOf(escrow)
		if url == "" {
			asks.fail(escrow, n.cfg.Delivery.PullInterval)
			continue
		}
		msg, err := n.askClaim(ctx, url, escrow, coordinator)
		if err == nil {
			_, err = n.takeClaim(ctx, msg)
		}
		if err != nil {
			asks.fail(escrow, n.cfg.Delivery.PullInterval)
		}
		if errors.Is(err, errNothingOwed) {
			continue
		}
		if err != nil {
			n.cfg.Logger.Warn("ask coordinator for this node's claim", "job", escrow.Hex(), "coordinator", coordinator.Hex(), "err", err)
			continue
		}
		n.metrics.claimsPulled.Add(1)
		n.cfg.Logger.Info("fetched a claim this node was never handed", "job", escrow.Hex(), "amount", msg.Amount)
	}
}

// coordinatorOf is the address of the coordinator that leased this node
// its kept results of escrow, and its RPC URL now: the member's with that
// address, or else the URL its lease named it by.
func (n *Node) coordinatorOf(escrow common.Hash) (common.Address, string) {
	n.kept.mu.Lock()
	kj, err := n.kept.load(escrow)
	n.kept.mu.Unlock()
	if err != nil || kj == nil {
		return common.Address{}, ""
	}
	var req TaskRequest
	for _, kr := range kj.results {
		req = kr.Request
		break
	}
	if !common.IsHexAddress(req.Coordinator) {
		return common.Address{}, ""
	}
	addr := common.HexToAddress(req.Coordinator)
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == addr {
			return addr, m.API
		}
	}
	if len(req.Sources) > 0 {
		return addr, req.Sources[len(req.Sources)-1] // the coordinator is the last source
	}
	return addr, ""
}
