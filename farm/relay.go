package farm

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/conun/conun/farm/gossip"
	"github.com/conun/conun/farm/tunnel"
)

// attachTimeout bounds one attempt to attach to a gateway.
const attachTimeout = 10 * time.Second

// attachNAT attaches a node behind NAT to a gateway: one of
// cfg.Gateways, or else a reachable member of the cluster behind
// cfg.Gossip.Join, tried in random order so the NATed nodes of a cluster
// spread over its members.
func attachNAT(ctx context.Context, cfg NodeConfig) (*tunnel.Link, error) {
	gateways, err := gatewayCandidates(cfg)
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
// relayed) of the cluster it joins.
func gatewayCandidates(cfg NodeConfig) ([]string, error) {
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
	members, err := gossip.Peek(cfg.Gossip, join)
	if err != nil {
		return nil, fmt.Errorf("behind NAT: %w", err)
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
	n.gateway = tunnel.NewGateway(host, n.cfg.Logger)
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
