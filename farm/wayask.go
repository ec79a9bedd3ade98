package farm

// A node behind NAT asks the coordinators directly how its answers reach
// them. A coordinator tells a node that its answers come through its
// gateway without its word in the node's next lease (gatewayfaults.go),
// but that lease crosses the same gateway: one that drops or refuses
// every lease to its node (it starves a rival GPU owner, say, to have
// its own nodes leased more) keeps it from ever hearing. Every call the
// node makes itself goes straight to the member it calls, though, so it
// asks: every NodeConfig.WayCheck, up to maxWayAsks members that gossip
// they coordinate a job (api.NodeMeta.Coordinating), drawn at random,
// answer under their signature, for this request only, their run of such
// answers at the node's relay URL (GET /rpc/v1/way?api=URL, signed by the
// node: a member answers only for the member of the asker's key at that
// URL, so another member gossiping the same key hides nothing). From
// leaveAfter on, the node leaves its gateway, as it does on a lease that
// says so (relay.go leaveGateway, with the same limits against a
// coordinator that lies).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
)

// rpcWay is the route a coordinator answers a member's run of faults on.
const rpcWay = "/rpc/v1/way"

// DefaultWayCheck is NodeConfig.WayCheck's default: a starved node finds
// out within about this long once a coordinator has counted its faults.
const DefaultWayCheck = 30 * time.Second

// maxWayAsks bounds the coordinators a node asks a round: a random few
// when many coordinate at once; the next round asks others.
const maxWayAsks = 16

// wayAskTimeout bounds one coordinator's answer, and wayAsksAtOnce the
// coordinators asked at once.
const (
	wayAskTimeout = 5 * time.Second
	wayAsksAtOnce = 4
)

// wayAnswer is a coordinator's answer: the RPC URL it reaches the asking
// node at, the run of that node's answers there that reached it without
// its word, and its signature over wayMessage.
type wayAnswer struct {
	API    string `json:"api"`
	Faults int    `json:"faults"`
	Sig    string `json:"sig"`
}

// wayMessage is what coordinator signs to tell node its faults at api, in
// answer to the request whose signed nonce is nonce.
func wayMessage(coordinator, node common.Address, api string, faults int, nonce string) []byte {
	return fmt.Appendf(nil, "conun way\ncoordinator %s\nnode %s\napi %s\nfaults %d\nnonce %s", coordinator.Hex(), node.Hex(), api, faults, nonce)
}

// handleWay is GET /rpc/v1/way?api=URL: the run of faults here of the
// asking member at URL; none, for no URL, when no member of the asker's
// key is at URL (this node has not seen it move there yet).
func (n *Node) handleWay(rw http.ResponseWriter, r *http.Request) {
	from, ok := n.memberRequest(rw, r, "a member's way here is told to that member")
	if !ok {
		return
	}
	sig, _ := rpc.ParseRequestSig(r.Header.Get(rpc.HeaderSigned)) // checked by memberRequest
	var a wayAnswer
	at := r.URL.Query().Get("api")
	for _, m := range n.cluster.Members() {
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == from && m.API == at && at != "" {
			a.API = at
			if relayed(m) {
				a.Faults = n.coord.gateways.tell(m)
			}
		}
	}
	var err error
	if a.Sig, err = n.cfg.Identity.Sign(wayMessage(n.cfg.Identity.Address(), from, a.API, a.Faults, sig.Nonce)); err != nil {
		httpError(rw, http.StatusInternalServerError, err)
		return
	}
	writeJSON(rw, a)
}

// askWay asks coordinator m for this node's run of faults at relay, its
// RPC URL now: 0 when m reaches it elsewhere (it has not seen the node
// move yet).
func (n *Node) askWay(ctx context.Context, m api.Member, relay string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, wayAskTimeout)
	defer cancel()
	req, err := n.coord.signedGet(ctx, m, rpcWay)
	if err != nil {
		return 0, err
	}
	req.URL.RawQuery = url.Values{"api": {relay}}.Encode() // the signature covers the path: the answer names the URL
	sig, err := rpc.ParseRequestSig(req.Header.Get(rpc.HeaderSigned))
	if err != nil {
		return 0, err
	}
	resp, err := n.work.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %q", resp.Status, api.Prefix(api.ReadError(resp.Body), 200))
	}
	var a wayAnswer
	dec := json.NewDecoder(io.LimitReader(resp.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return 0, fmt.Errorf("its answer: %w", err)
	}
	return a.faultsAt(common.HexToAddress(m.Addr), n.cfg.Identity.Address(), sig.Nonce, relay)
}

// faultsAt checks that a is coordinator's word to node, in answer to the
// request with nonce, and returns its run of faults at relay: 0 when it
// counts them at another URL (it has not seen the node move yet).
func (a wayAnswer) faultsAt(coordinator, node common.Address, nonce, relay string) (int, error) {
	if err := rpc.Verify(wayMessage(coordinator, node, a.API, a.Faults, nonce), a.Sig, coordinator); err != nil {
		return 0, fmt.Errorf("its answer is not its word: %w", err)
	}
	if a.API != relay || a.Faults < 0 {
		return 0, nil
	}
	return a.Faults, nil
}

// askWays asks the coordinating members of its own protocol (the others
// give it no work) how this node's answers reach them, a few at once, and
// leaves its gateway on the first that counts leaveAfter faults in a row
// there (as a lease saying so would: worker.go), unless it moved since.
func (n *Node) askWays(ctx context.Context) {
	relay := n.link.RelayURL()
	var coords []api.Member
	for _, m := range n.peers() {
		if m.Coordinating && m.ID != n.cfg.Name && common.IsHexAddress(m.Addr) {
			coords = append(coords, m)
		}
	}
	rand.Shuffle(len(coords), func(i, j int) { coords[i], coords[j] = coords[j], coords[i] })
	coords = coords[:min(len(coords), maxWayAsks)]
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex // one leaves
	var wg sync.WaitGroup
	slots := make(chan struct{}, wayAsksAtOnce)
	for _, m := range coords {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done(): // it left
			wg.Wait()
			return
		}
		wg.Go(func() {
			defer func() { <-slots }()
			faults, err := n.askWay(ctx, m, relay)
			if err != nil {
				n.cfg.Logger.Debug("behind NAT: ask a coordinator how this node's answers reach it", "member", m.ID, "err", err)
				return
			}
			if faults < leaveAfter {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if ctx.Err() == nil && n.link.RelayURL() == relay && !n.work.active.othersThan(common.HexToAddress(m.Addr)) && n.leaveGateway(faults) {
				n.cfg.Logger.Warn("behind NAT: a coordinator gets this node's answers through its gateway without its word", "coordinator", m.ID, "answers", faults)
				cancel()
			}
		})
	}
	wg.Wait()
}

// watchWay asks, every NodeConfig.WayCheck until ctx ends, while the node
// is behind NAT.
func (n *Node) watchWay(ctx context.Context) {
	every := n.cfg.WayCheck
	if every <= 0 {
		every = DefaultWayCheck
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		n.askWays(ctx)
	}
}

// coordinatingLinger is how long a node still gossips Coordinating after
// its last job ended: its runs of faults last that long (faultsLast), and
// a studio's short jobs, a minute apart, would else seldom be running
// when a node behind NAT asks. A variable for tests.
var coordinatingLinger = faultsLast

// tellCoordinating gossips whether the node coordinates a job not ended,
// or did within coordinatingLinger (api.NodeMeta.Coordinating), each
// time that changes, until ctx ends: the members behind NAT ask those.
func (n *Node) tellCoordinating(ctx context.Context) {
	linger := time.NewTimer(time.Hour)
	linger.Stop()
	defer linger.Stop()
	for {
		on := true
		select {
		case <-ctx.Done():
			return
		case <-n.coord.workChanged:
			// A change means there was work, however short: a job
			// that came and went between two reads is still told.
			if n.coord.hasWork.Load() {
				linger.Stop()
			} else {
				linger.Reset(coordinatingLinger)
			}
		case <-linger.C:
			on = n.coord.hasWork.Load()
		}
		n.availMu.Lock()
		n.changeMeta("whether this node coordinates a job", func(m *api.NodeMeta) bool {
			changed := m.Coordinating != on
			m.Coordinating = on
			return changed
		})
		n.availMu.Unlock()
	}
}
