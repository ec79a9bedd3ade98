package gossip

import (
	"crypto/rand"
	"encoding/hex"
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
// metadata (the farm ignores such members), copies what the push-pull
// exchange, a TCP connection it dials out, told it, and leaves.
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
