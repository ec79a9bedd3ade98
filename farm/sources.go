package farm

import (
	"errors"
	"fmt"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpcaddr"
	"github.com/ethereum/go-ethereum/common"
)

// maxSources bounds the places a task request names for its scene (the
// coordinator names at most maxPeerSources peers and itself).
const maxSources = 8

// maxPeerSources is how many peers holding (or fetching) a scene a lease
// names: enough that workers fetching one scene at once form a well
// connected swarm, few enough that each asks them all what they hold.
const maxPeerSources = 6

// errNoSource refuses a task request whose coordinator is not the last of
// its scene sources, or none of whose sources is a member now.
var errNoSource = errors.New("no usable scene source")

// checkSources refuses a task request whose scene sources are not RPC
// addresses (rpcaddr): the worker fetches from each, so a coordinator
// must not be able to point it at a path or a query of its choosing. The
// fetch builds its URL from the parsed address too; this check makes the
// refusal a clear 400 before any work.
func checkSources(sources []string) error {
	if len(sources) > maxSources {
		return fmt.Errorf("task request names %d scene sources, at most %d", len(sources), maxSources)
	}
	for _, s := range sources {
		if _, err := rpcaddr.Parse(s); err != nil {
			return fmt.Errorf("task request's scene source: %w", err)
		}
	}
	return nil
}

// memberSources keeps the scene sources of req that are members' RPC
// addresses now, in order, and names the rest (dropped).
//
// Who gains if the coordinator lies: rpcaddr alone lets it name any host
// and port, so a signed lease could make this node GET our routes on a
// machine of the coordinator's choosing (this node's LAN, a cloud's
// metadata address): the content is hash-checked, but the requests are a
// forgery lever. A member's advertised address is one the cluster already
// calls, so only those are fetched from. The coordinator (the signer)
// always has the scene and names itself last, which other paths rely on
// (a finish's tiles, a release): a request whose last source is not the
// signer's own is refused whole.
//
// A node behind NAT is reached through its gateway, and a gateway can
// change mid-job before gossip tells this node: a relay address is taken
// when its gateway is a member reached directly and the node it relays to
// is a member, whatever gateway that member advertised last.
func memberSources(req TaskRequest, members []api.Member) (kept, dropped []string, err error) {
	// A source spelled as a member advertises itself (as coordinators
	// name them) is that member's: only other spellings need every
	// member's address parsed, which per lease, with 200 members, was a
	// worker's largest cost after gossip.
	advertised := make(map[string]bool, len(members))
	var signer *api.Member
	coord := common.HexToAddress(req.Coordinator)
	for i, m := range members {
		advertised[m.API] = true
		if common.IsHexAddress(m.Addr) && common.HexToAddress(m.Addr) == coord {
			signer = &members[i]
		}
	}
	var direct, ids, urls map[string]bool // built on the first source not spelled as advertised
	member := func(a rpcaddr.Addr, spelled string) bool {
		if advertised[spelled] {
			return true
		}
		if urls == nil {
			direct = map[string]bool{} // members' direct addresses (host:port)
			ids = map[string]bool{}
			urls = map[string]bool{}
			for _, m := range members {
				a, err := rpcaddr.Parse(m.API)
				if err != nil {
					continue
				}
				urls[a.String()] = true
				ids[m.ID] = true
				if a.Relay == "" {
					direct[a.HostPort] = true
				}
			}
		}
		return urls[a.String()] || (a.Relay != "" && direct[a.HostPort] && ids[a.Relay])
	}
	if signer == nil {
		return nil, req.Sources, fmt.Errorf("%w: coordinator %s is not a member", errNoSource, req.Coordinator)
	}
	if len(req.Sources) == 0 {
		return nil, nil, fmt.Errorf("%w: the request names no scene source", errNoSource)
	}
	last, err := rpcaddr.Parse(req.Sources[len(req.Sources)-1])
	own, _ := rpcaddr.Parse(signer.API)
	if err != nil || !member(last, req.Sources[len(req.Sources)-1]) || (last.String() != own.String() && last.Relay != signer.ID) {
		return nil, req.Sources, fmt.Errorf("%w: the last scene source %q is not coordinator %s's own RPC address (%s): a coordinator names itself last, and only members are fetched from",
			errNoSource, req.Sources[len(req.Sources)-1], signer.ID, signer.API)
	}
	for _, s := range req.Sources {
		if a, err := rpcaddr.Parse(s); err == nil && member(a, s) {
			kept = append(kept, a.String())
		} else {
			dropped = append(dropped, s)
		}
	}
	return kept, dropped, nil
}

// sceneSources is memberSources over this node's members now, with a log
// line naming what it dropped.
func (w *worker) sceneSources(req TaskRequest) ([]string, error) {
	kept, dropped, err := memberSources(req, w.members())
	if len(dropped) > 0 {
		w.log.Warn("dropped scene sources that are not members' RPC addresses", "job", req.JobID, "task", req.Task, "coordinator", req.Coordinator, "dropped", dropped)
	}
	if err != nil {
		return nil, fmt.Errorf("job %s task %d: %w", req.JobID, req.Task, err)
	}
	return kept, nil
}
