package farm

// Leases go only to members with at least NodeConfig.MinStake tokens bonded
// in the escrow. Anyone who reaches the gossip port of an open cluster can
// join it under as many keys as they like; a bond is what a key costs, and
// what a conviction burns, so a swarm of fresh keys gets no work. Off a
// chain nothing is bonded and there is no minimum: such a cluster trusts
// whoever it lets gossip (README: a --gossip-key, or a trusted network).

import (
	"context"
	"math/big"
	"sync"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/common"
)

// stakeTTL is how long a member's stake read from the chain is believed:
// a member that unbonds loses its leases within it, and the chain is asked
// about each member at most once per it.
const stakeTTL = 15 * time.Second

// stakeReadTimeout bounds one read of a stake, so a slow chain holds up a
// scheduling pass only that long.
const stakeReadTimeout = 5 * time.Second

// stakeGate knows which members meet the minimum stake.
type stakeGate struct {
	chain *contracts.Client // nil: no chain, no minimum
	min   *big.Int          // wei; nil or zero: no minimum
	self  common.Address    // this node: its own jobs need no bond of it

	mu    sync.Mutex
	known map[common.Address]stakeSeen
}

// stakeSeen is a member's active stake as last read, and when.
type stakeSeen struct {
	meets bool
	at    time.Time
}

func newStakeGate(chain *contracts.Client, minTokens api.Tokens, self common.Address) *stakeGate {
	g := &stakeGate{chain: chain, self: self, known: make(map[common.Address]stakeSeen)}
	if chain != nil && !minTokens.IsZero() {
		g.min = minTokens.Wei()
	}
	return g
}

// on reports whether the gate has a minimum to enforce.
func (g *stakeGate) on() bool { return g != nil && g.min != nil }

// refresh reads from the chain the stakes of members not read for
// stakeTTL; it is called off the coordinator's lock. A stake that cannot
// be read keeps its last reading, and a member never read does not meet
// the minimum: no lease on a guess.
func (g *stakeGate) refresh(ctx context.Context, members []api.Member, now time.Time) {
	if !g.on() {
		return
	}
	for _, m := range members {
		if !common.IsHexAddress(m.Addr) {
			continue
		}
		addr := common.HexToAddress(m.Addr)
		g.mu.Lock()
		seen, ok := g.known[addr]
		g.mu.Unlock()
		if addr == g.self || ok && now.Sub(seen.at) < stakeTTL {
			continue
		}
		rctx, cancel := context.WithTimeout(ctx, stakeReadTimeout)
		st, err := g.chain.StakeOf(rctx, addr)
		cancel()
		if err != nil {
			continue
		}
		// Only the active bond counts: what is pending withdrawal is
		// still slashable, but on its way out.
		meets := st.Active != nil && st.Active.Cmp(g.min) >= 0
		g.mu.Lock()
		g.known[addr] = stakeSeen{meets: meets, at: now}
		if len(g.known) > 4*len(members)+64 {
			g.forgetGone(members)
		}
		g.mu.Unlock()
	}
}

// forgetGone drops the readings of addresses no longer members; g.mu must
// be held.
func (g *stakeGate) forgetGone(members []api.Member) {
	keep := make(map[common.Address]bool, len(members))
	for _, m := range members {
		keep[common.HexToAddress(m.Addr)] = true
	}
	for a := range g.known {
		if !keep[a] {
			delete(g.known, a)
		}
	}
}

// short says why member m may not be leased tasks for its bond, as last
// read from the chain (each scheduling pass reads those older than
// stakeTTL); "" when it meets the minimum, or its stake was never read.
func (g *stakeGate) short(m api.Member) string {
	if !g.on() {
		return ""
	}
	if common.IsHexAddress(m.Addr) {
		addr := common.HexToAddress(m.Addr)
		if addr == g.self {
			return ""
		}
		g.mu.Lock()
		s, read := g.known[addr]
		g.mu.Unlock()
		if !read || s.meets {
			return "" // not read yet: said once it is
		}
	}
	return "bonds less than this node's --min-stake of " + api.TokensFromWei(g.min).String() + " tokens (conun node --stake)"
}

// meets reports whether member m may be leased tasks.
func (g *stakeGate) meets(m api.Member) bool {
	if !g.on() {
		return true
	}
	if !common.IsHexAddress(m.Addr) {
		return false
	}
	addr := common.HexToAddress(m.Addr)
	if addr == g.self {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.known[addr].meets
}
