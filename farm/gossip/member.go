package gossip

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/hashicorp/memberlist"
)

// member reads n's metadata as a member of the farm: its name must be
// the node's, and its RPC address a host and port (or a gateway's relay
// of it, under the node's own name), which it returns in canonical form
// (rpcaddr). Metadata that is not the farm's at all (a peek's, none) is
// errNoMeta; the rest is an error naming what is wrong.
func member(n *memberlist.Node) (api.Member, error) {
	var m api.NodeMeta
	if json.Unmarshal(n.Meta, &m) != nil || m.ID != n.Name || m.API == "" {
		return api.Member{}, errNoMeta
	}
	a, err := rpcaddr.Parse(m.API)
	if err != nil {
		return api.Member{}, err
	}
	if a.Relay != "" && a.Relay != m.ID {
		return api.Member{}, fmt.Errorf("%w: relay of %q, not of the member %q itself", rpcaddr.ErrBad, a.Relay, m.ID)
	}
	m.API = a.String()
	return api.Member{NodeMeta: m, Gossip: n.Address()}, nil
}

// errNoMeta marks a node that gossips no farm metadata.
var errNoMeta = errors.New("no farm metadata")

// refusals logs each member refused for its metadata once per spelling,
// so one bad member does not flood the log at every gossip round.
type refusals struct {
	report func(name, addr string, err error) // nil: not logged
	mu     sync.Mutex
	seen   map[string]bool
}

// reporter is where cfg wants refusals told: its Refused, else its Logger.
func reporter(cfg Config) func(name, addr string, err error) {
	switch {
	case cfg.Refused != nil:
		return cfg.Refused
	case cfg.Logger != nil:
		return func(name, addr string, err error) {
			cfg.Logger.Printf("[WARN] conun: member %q at %s ignored: %v", name, addr, err)
		}
	}
	return nil
}

// note logs that n was refused for err, unless it was already.
func (r *refusals) note(n *memberlist.Node, err error) {
	if errors.Is(err, errNoMeta) || r.report == nil {
		return
	}
	key := n.Name + "\x00" + string(n.Meta)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen[key] || len(r.seen) > 1024 {
		return // the log's share of a swarm of bad members is bounded too
	}
	if r.seen == nil {
		r.seen = make(map[string]bool)
	}
	r.seen[key] = true
	r.report(n.Name, n.Address(), err)
}
