package gossip

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/hashicorp/memberlist"
)

// Peek reads the members of the cluster behind join (gossip addresses)
// without becoming one: a node behind NAT needs a member's RPC address to
// attach to before it can gossip. It joins under a throwaway name with no
// metadata, copies what the push-pull exchange, a TCP connection it dials
// out, told it, and leaves. The member it asks answers with its state but
// never takes the peek in (visitors), so no member probes it, gossips of
// it, or declares it dead after it is gone.
func Peek(cfg Config, join []string) ([]api.Member, error) {
	mc := memberlist.DefaultLANConfig()
	var b [6]byte
	rand.Read(b[:])
	mc.Name = "peek-" + hex.EncodeToString(b[:])
	mc.BindAddr = cfg.BindAddr
	mc.BindPort = 0
	mc.AdvertisePort = 0
	ip, err := AdvertiseIP(Config{AdvertiseAddr: cfg.AdvertiseAddr, BindAddr: cfg.BindAddr})
	if err != nil {
		return nil, err
	}
	mc.AdvertiseAddr = ip
	mc.SecretKey = cfg.SecretKey
	mc.LogOutput = io.Discard
	if cfg.Logger != nil {
		mc.LogOutput, mc.Logger = nil, cfg.Logger
	}
	seen := &peekEvents{name: mc.Name, members: make(map[string]api.Member)}
	mc.Events = seen
	ml, err := memberlist.Create(mc)
	if err != nil {
		return nil, fmt.Errorf("ask the cluster for its members: %w", err)
	}
	defer func() {
		ml.Leave(time.Second)
		ml.Shutdown()
	}()
	if _, err := ml.Join(join); err != nil {
		return nil, fmt.Errorf("ask the cluster for its members through %v: %w", join, err)
	}
	seen.mu.Lock()
	defer seen.mu.Unlock()
	out := make([]api.Member, 0, len(seen.members))
	for _, m := range seen.members {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// visitors is a farm member's memberlist.AliveDelegate: a node that
// gossips no farm metadata (a Peek, or anything else that is not a farm
// node) is never added to the member list. Ignoring it in Members alone
// was not enough: memberlist still probed a peek that had gone, and each
// member declared it failed (or saw it leave) seconds later: a ghost in
// its member count, its log and the coordinator's left-member handling
// after every Peek (a node's start-up NAT check, a NATed node choosing a
// gateway).
type visitors struct{ known *metaVerdicts }

// NotifyAlive refuses n when it has no farm metadata; a member whose
// metadata is the farm's but malformed is taken in and refused by
// Members, which logs why (refusals).
func (v visitors) NotifyAlive(n *memberlist.Node) error {
	if !v.known.farm(n) {
		return errNoMeta
	}
	return nil
}

// metaVerdicts remembers, per member name and metadata, whether the
// metadata is the farm's. memberlist asks NotifyAlive for every alive
// message it handles, the many repeats of each rumour included, and
// decoding the same JSON each time was about an eighth of the CPU of a
// process of 200 nodes.
type metaVerdicts struct {
	mu sync.Mutex
	m  map[string]bool
}

// maxMetaVerdicts bounds metaVerdicts: membership is open, and a member's
// metadata changes (away, back, new builds); past it the map starts over.
const maxMetaVerdicts = 4096

func (v *metaVerdicts) farm(n *memberlist.Node) bool {
	key := n.Name + "\x00" + string(n.Meta)
	v.mu.Lock()
	ok, seen := v.m[key]
	v.mu.Unlock()
	if seen {
		return ok
	}
	_, err := member(n)
	ok = !errors.Is(err, errNoMeta)
	v.mu.Lock()
	if v.m == nil || len(v.m) >= maxMetaVerdicts {
		v.m = make(map[string]bool)
	}
	v.m[key] = ok
	v.mu.Unlock()
	return ok
}

// peekEvents copies the members memberlist tells of while it holds its
// lock (its node structs are rewritten by gossip later).
type peekEvents struct {
	name    string
	mu      sync.Mutex
	members map[string]api.Member
}

func (e *peekEvents) NotifyJoin(n *memberlist.Node) {
	m, err := member(n)
	if n.Name == e.name || err != nil {
		return
	}
	e.mu.Lock()
	e.members[n.Name] = m
	e.mu.Unlock()
}
func (e *peekEvents) NotifyUpdate(n *memberlist.Node) { e.NotifyJoin(n) }
func (e *peekEvents) NotifyLeave(*memberlist.Node)    {}
