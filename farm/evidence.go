package farm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// Evidence. Every party to a check signs what it rendered: the worker its
// tile (contracts.SignedResult), the checker and the arbiter their crops
// (contracts.SignedCheck), each over the job's spec hash. A conviction
// keeps those signatures and the bytes they sign (the tile and the crops
// are blobs of the coordinator), so the evidence stands on its own:
// another coordinator can verify every signature and re-render the crops
// without trusting the one that convicted.

// checkRender is m's verified signed render of a check's crops with its
// renderer build (sum: the sha256 of the PNG it answered).
func checkRender(m api.Member, build string, sum [32]byte, signed *contracts.SignedCheck) api.CheckRender {
	r := api.CheckRender{Node: m.ID, Address: m.Addr, Build: build, Hash: hex.EncodeToString(sum[:])}
	if signed != nil {
		r.Signature = "0x" + hex.EncodeToString(signed.Signature)
	}
	return r
}

// keepRenders stores a conviction's crop renders as blobs, so its evidence
// can be fetched and re-checked by anyone (the worker's tile is a blob
// already). A render that cannot be kept leaves the evidence incomplete,
// which a re-checking coordinator refuses; the conviction here stands.
func (c *coordinator) keepRenders(rendered [][]byte) {
	for _, data := range rendered {
		if _, err := c.blobs.Put(bytes.NewReader(data), ""); err != nil {
			c.log.Error("keep a check's crops as evidence", "err", err)
		}
	}
}

// bundle is the evidence of conviction conv in job j, standing alone (j is
// held under c.mu, or a copy from the store).
func (c *coordinator) bundle(j *job, conv api.Conviction) (api.EvidenceBundle, error) {
	ev := conv.Evidence
	if ev.Result == nil || len(ev.Hashes) == 0 || len(ev.Renders) == 0 || conv.Address == "" {
		return api.EvidenceBundle{}, fmt.Errorf("job %s: the conviction of %s has no signed evidence (convicted before checkers signed their crops)", j.id, conv.Node)
	}
	d := signingDomain(c.chain)
	return api.EvidenceBundle{
		Job: j.id, JobHash: j.hash().Hex(), Spec: j.spec,
		ChainID: d.ChainID.String(), Escrow: d.Escrow.Hex(),
		Coordinator: c.ident.Address().Hex(), Source: c.selfURL(),
		Task: conv.Task, Passes: j.framing.Passes, AdaptiveSampling: j.framing.Adaptive, Build: ev.Build,
		Accused: repKey(conv.Address), AccusedNode: conv.Node,
		Worker: repKey(ev.WorkerAddress), WorkerNode: ev.Worker,
		Tile: ev.Hashes[0], Result: *ev.Result, Crops: ev.Crops, Renders: ev.Renders,
		Verdict: ev.Verdict, Time: conv.Time.UTC(),
	}, nil
}

// evidence returns the bytes of the evidence bundle of the conviction of
// the node with address addr in job id: what a notice's hash names.
func (c *coordinator) evidence(id, addr string) ([]byte, error) {
	if !common.IsHexAddress(addr) {
		return nil, fmt.Errorf("%w: %q is not a node address (0x and 40 hex digits)", api.ErrBadJob, addr)
	}
	var b api.EvidenceBundle
	err := fmt.Errorf("%w: job %s convicted no node %s", ErrNoJob, id, addr)
	if lerr := c.lookup(id, func(j *job) {
		for _, conv := range j.convictions {
			if conv.Address != "" && repKey(conv.Address) == repKey(addr) {
				b, err = c.bundle(j, conv)
				return
			}
		}
	}); lerr != nil {
		return nil, lerr
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(b)
}

// getEvidence serves GET /v1/evidence/{job}/{address} (and the same under
// /rpc/v1 for other coordinators): a conviction's evidence bundle. The
// blobs it names are served by /rpc/v1/blobs/{hash}.
func (n *Node) getEvidence(rw http.ResponseWriter, r *http.Request) {
	data, err := n.coord.evidence(r.PathValue("job"), r.PathValue("address"))
	if err != nil {
		httpError(rw, statusOf(err), err)
		return
	}
	rw.Header().Set("Content-Type", "application/json")
	rw.Write(data)
}

// Convictions travel as small signed notices on gossip ("node X convicted
// in job J, evidence at URL with hash H"), never as the evidence itself. A
// coordinator sends at most maxNoticesSent a noticeWindow; one that hears
// them takes at most maxNoticesHeard a window (maxNoticesPerSigner from one
// key: keys are free, so the total bounds the work a flood can cause) and
// re-checks them one at a time.
const (
	noticeWindow        = time.Minute
	maxNoticesSent      = 20
	maxNoticesHeard     = 30
	maxNoticesPerSigner = 5
	noticeQueue         = 16
	// maxNoticeAge drops notices older than this (or this far ahead).
	maxNoticeAge = 10 * time.Minute
)

// noticeRepeats are when, after the first, a notice is sent again.
var noticeRepeats = []time.Duration{2 * time.Second, 10 * time.Second}

// notices is a coordinator's bookkeeping of the notices it sends and hears.
type notices struct {
	mu     sync.Mutex
	window time.Time      // start of the current window
	sent   int            // notices sent in it
	heard  int            // notices taken in it
	signer map[string]int // notices taken in it, by signer
	seen   map[string]bool
	queue  chan api.ConvictionNotice
}

func newNotices() *notices {
	return &notices{signer: map[string]int{}, seen: map[string]bool{}, queue: make(chan api.ConvictionNotice, noticeQueue)}
}

// roll starts a new window when the current one is over; n.mu held.
func (n *notices) roll(now time.Time) {
	if now.Sub(n.window) >= noticeWindow {
		n.window, n.sent, n.heard = now, 0, 0
		clear(n.signer)
	}
	if len(n.seen) > 4096 {
		clear(n.seen) // a replay after this is re-checked again, which is harmless
	}
}

// allowSend reports whether another notice may go out now.
func (n *notices) allowSend(now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.roll(now)
	n.sent++
	return n.sent <= maxNoticesSent
}

// announce gossips a notice of conviction conv in job j; c.mu must be held.
// Without a cluster (or when the notice cannot be made) the conviction
// stays with this coordinator, as before.
func (c *coordinator) announce(j *job, conv api.Conviction) {
	if c.broadcast == nil {
		return
	}
	b, err := c.bundle(j, conv)
	if err != nil {
		c.log.Warn("conviction not announced", "job", j.id, "node", conv.Node, "err", err)
		return
	}
	data, _ := json.Marshal(b)
	sum := sha256.Sum256(data)
	n := api.ConvictionNotice{
		Kind: api.NoticeConviction, Job: j.id, Accused: b.Accused, Coordinator: c.ident.Address().Hex(),
		URL:  c.selfURL() + "/rpc/v1/evidence/" + j.id + "/" + b.Accused,
		Hash: hex.EncodeToString(sum[:]), Time: c.now().UnixMilli(), Nonce: rpc.NewNonce(),
	}
	if n.Sig, err = c.ident.Sign(n.SignedBytes()); err != nil {
		c.log.Error("sign conviction notice", "err", err)
		return
	}
	if !c.notices.allowSend(c.now()) {
		c.log.Warn("too many convictions to announce: this one stays here", "job", j.id, "node", conv.Node)
		return
	}
	msg, _ := json.Marshal(n)
	if err := c.broadcast(msg); err != nil {
		c.log.Warn("announce conviction", "job", j.id, "node", conv.Node, "err", err)
		return
	}
	// Gossip's sends are few and a member that is slow or briefly
	// suspected just then misses them: the notice goes out again a couple
	// of times (members take each notice once).
	c.wg.Go(func() {
		for _, after := range noticeRepeats {
			select {
			case <-c.ctx.Done():
				return
			case <-time.After(after):
			}
			c.broadcast(msg)
		}
	})
	c.log.Info("conviction announced", "job", j.id, "node", conv.Node, "address", b.Accused, "evidence", n.URL)
}
