package farm

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/farm/tunnel"
)

// attachTimeout bounds one attempt to attach to a gateway.
const attachTimeout = 10 * time.Second

// attachNAT attaches a node behind NAT to a gateway: one of
// cfg.Gateways, or else a reachable member of the cluster behind
// cfg.Gossip.Join, tried in random order so the NATed nodes of a cluster
// spread over its members.
func attachNAT(ctx context.Context, cfg NodeConfig, members []api.Member) (*tunnel.Link, error) {
	gateways, err := gatewayCandidates(cfg, members)
	if err != nil {
		return nil, err
	}
	link := tunnel.NewLink(cfg.Name, cfg.Identity)
	var errs []error
	for _, g := range gateways {
		actx, cancel := context.WithTimeout(ctx, attachTimeout)
		err := link.Attach(actx, g)
		cancel()
		if err == nil {
			cfg.Logger.Info("behind NAT: attached to gateway", "gateway", g, "rpc", link.RelayURL())
			return link, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("behind NAT: no gateway took this node: %w", errors.Join(errs...))
}

// gatewayCandidates lists the RPC URLs a node behind NAT may attach to:
// the configured ones, or the members reachable directly (not themselves
// relayed) of the cluster it joins (members, when already peeked at).
func gatewayCandidates(cfg NodeConfig, members []api.Member) ([]string, error) {
	if len(cfg.Gateways) > 0 {
		return cfg.Gateways, nil
	}
	join := cfg.Gossip.Join
	if len(join) == 0 {
		join = rememberedMembers(cfg.DataDir)
	}
	if len(join) == 0 {
		return nil, errors.New("behind NAT: a node behind NAT needs --join (a member to relay through): it cannot start a cluster")
	}
	if members == nil {
		var err error
		if members, err = gossip.Peek(cfg.Gossip, join); err != nil {
			return nil, fmt.Errorf("behind NAT: %w", err)
		}
	}
	var out []string
	for _, m := range members {
		if m.ID != cfg.Name && !strings.Contains(m.API, tunnel.RelayPrefix) {
			out = append(out, m.API)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("behind NAT: none of the %d members behind %v is reachable directly to relay for this node", len(members), join)
	}
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out, nil
}

// startGateway makes a directly reachable node a gateway for nodes behind
// NAT: their gossip ports open on its own gossip IP.
func (n *Node) startGateway() {
	host, _, _ := net.SplitHostPort(n.cluster.Addr())
	isMember := func(addr string) bool {
		for _, m := range n.cluster.Members() {
			if m.Gossip == addr {
				return true
			}
		}
		return false
	}
	n.gateway = tunnel.NewGateway(host, isMember, n.cfg.Logger)
}

// serveAttach takes a NATed node's tunnel.
func (n *Node) serveAttach(rw http.ResponseWriter, r *http.Request) {
	if n.gateway == nil {
		http.Error(rw, "this node is behind NAT itself: attach to a member reachable directly", http.StatusServiceUnavailable)
		return
	}
	n.gateway.ServeAttach(rw, r)
}

// serveRelay forwards RPC to a NATed node attached here.
func (n *Node) serveRelay(rw http.ResponseWriter, r *http.Request) {
	if n.gateway == nil {
		http.Error(rw, "this node is behind NAT itself and relays for nobody", http.StatusBadGateway)
		return
	}
	n.gateway.ServeRelay(rw, r)
}

// openRPC opens where the node serves node RPC and the URL it advertises
// for it: its own listener (nil when RPC shares the client API's listener
// api), or, behind NAT (configured or detected, which sets
// cfg.BehindNAT), a tunnel to a gateway and its relay URL there.
func openRPC(ctx context.Context, cfg *NodeConfig, api net.Listener) (net.Listener, string, *tunnel.Link, error) {
	if cfg.BehindNAT {
		link, err := attachNAT(ctx, *cfg, nil)
		if err != nil {
			return nil, "", nil, err
		}
		return link.Listener(), link.RelayURL(), link, nil
	}
	ln, url, err := listenRPC(*cfg, api)
	if err != nil || !cfg.DetectNAT || len(cfg.Gossip.Join) == 0 {
		return ln, url, nil, err
	}
	members, err := gossip.Peek(cfg.Gossip, cfg.Gossip.Join)
	if err != nil {
		// Joining will fail the same way, with its own error.
		return ln, url, nil, nil
	}
	reach, err := askReach(ctx, members, url)
	if err != nil || reach.Reachable {
		if err != nil {
			cfg.Logger.Warn("could not ask the cluster whether this node is reachable; assuming it is", "err", err)
		}
		return ln, url, nil, nil
	}
	cfg.Logger.Info("this node is not reachable from the cluster: going behind NAT", "rpc", url, "why", reach.Error)
	if ln != nil {
		ln.Close()
	}
	link, err := attachNAT(ctx, *cfg, members)
	if err != nil {
		return nil, "", nil, err
	}
	cfg.BehindNAT = true
	return link.Listener(), link.RelayURL(), link, nil
}

// leaveGateway ends the node's tunnel to its gateway, which keepAttached
// then replaces with one to another member: a coordinator signed, in a
// lease or in answer to the node's own question (wayask.go), that altered
// of the node's answers in a row reached it, through this gateway,
// without the node's word (altered, or kept from it). A coordinator could say so falsely,
// to have the node unreachable while it moves: it leaves no sooner than
// GatewayStay after it attached, or left before (a coordinator's count
// from before the node restarted, or from the tunnel's blip, ends with the
// node's next word to it, or a couple of minutes: gatewayfaults.go). It
// reports whether the node leaves: it does so at once, and the lease that
// said so is lost on the way.
func (n *Node) leaveGateway(altered int) bool {
	now := time.Now().UnixNano()
	stay := n.cfg.GatewayStay
	if stay <= 0 {
		stay = DefaultGatewayStay
	}
	if last := n.attached.Load(); now-last < int64(stay) || !n.attached.CompareAndSwap(last, now) {
		return false
	}
	gw := n.link.Gateway()
	n.cfg.Logger.Warn("behind NAT: leaving a gateway that alters or keeps what it relays", "gateway", gw, "answers", altered)
	n.metrics.gatewaysLeft.Add(1)
	n.wg.Go(func() { n.link.Leave(gw) })
	return true
}

// DefaultGatewayStay is NodeConfig.GatewayStay's default.
const DefaultGatewayStay = time.Minute

// announceFor bounds how long a node that moved to another gateway
// pushes its new address until the members take it (memberlist's WAN
// failure detection takes up to about a minute to find the old one dead).
const announceFor = 2 * time.Minute

// keepAttached moves a node behind NAT to another gateway when its own is
// lost, and gossips its new addresses: the members it knew when the
// tunnel ended are the candidates, tried until one takes it.
func (n *Node) keepAttached(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-n.link.Detached():
		}
		lost, since := n.link.Gateway(), time.Now()
		known := n.cluster.Members()
		var gateways, join []string
		for _, m := range known {
			if m.ID != n.cfg.Name && m.API != lost && !strings.Contains(m.API, tunnel.RelayPrefix) {
				gateways = append(gateways, m.API)
				join = append(join, m.Gossip)
			}
		}
		for _, g := range n.cfg.Gateways {
			if g != lost {
				gateways = append(gateways, g)
			}
		}
		rand.Shuffle(len(gateways), func(i, j int) { gateways[i], gateways[j] = gateways[j], gateways[i] })
		// The lost gateway last: it may only have restarted.
		gateways = append(gateways, lost)
		n.cfg.Logger.Warn("behind NAT: lost gateway, attaching to another", "gateway", lost, "candidates", len(gateways))
		if !n.reattach(ctx, gateways) {
			return
		}
		n.attached.Store(time.Now().UnixNano())
		// In order with the other changes to the node's meta, which
		// copy it and gossip it under availMu: none gossips the old URL
		// after this. Not over the rejoin, which may take a while: one
		// that changed the meta meanwhile is gossiped again after it.
		n.availMu.Lock()
		meta := n.changeMeta("", func(m *api.NodeMeta) bool { m.API = n.link.RelayURL(); return false }) // the rejoin tells it
		n.availMu.Unlock()
		if err := n.cluster.Rebind(n.link, meta, join); err != nil {
			n.cfg.Logger.Error("behind NAT: rejoin the cluster", "err", err)
		}
		n.availMu.Lock()
		n.changeMeta("the node's meta after a re-attach", func(m *api.NodeMeta) bool { return !reflect.DeepEqual(*m, meta) })
		n.availMu.Unlock()
		n.cfg.Logger.Info("behind NAT: re-attached", "gateway", n.link.Gateway(), "rpc", meta.API, "took", time.Since(since))
		if n.announce(ctx, join) {
			n.cfg.Logger.Info("behind NAT: the members list the new address", "took", time.Since(since))
		}
	}
}

// announce pushes the node's new address to the members behind join until
// they all list it, for announceFor at most; false when they did not (or
// the node stopped, or lost this gateway too). The rejoin's push-pull (TCP)
// may reach a member before the old memberlist's leave (UDP) did, and be
// refused as a conflicting address; such a member takes it from a later
// push, once it has the leave or has found the old address dead.
func (n *Node) announce(ctx context.Context, join []string) bool {
	for deadline := time.Now().Add(announceFor); !n.cluster.Announced(join); {
		if time.Now().After(deadline) {
			n.cfg.Logger.Warn("behind NAT: members still list this node at its old gateway", "for", announceFor)
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case <-n.link.Detached():
			return false
		case <-time.After(500 * time.Millisecond):
		}
	}
	return true
}

// reattach tries gateways until one takes the node, backing off between
// rounds; false when the node stops first.
func (n *Node) reattach(ctx context.Context, gateways []string) bool {
	for backoff := 500 * time.Millisecond; ; backoff = min(2*backoff, 30*time.Second) {
		for _, g := range gateways {
			actx, cancel := context.WithTimeout(ctx, attachTimeout)
			err := n.link.Attach(actx, g)
			cancel()
			if err == nil {
				return true
			}
			n.cfg.Logger.Warn("behind NAT: attach", "gateway", g, "err", err)
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(backoff):
		}
	}
}
