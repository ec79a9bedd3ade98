package farm

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
)

// A gateway that alters what it relays (or drops it) leaves its node
// behind NAT unpaid but not blamed (onTheWay); the node cannot see that
// itself, since everything it hears comes through that gateway. So the
// coordinator says so in the node's next lease (TaskRequest.Altered),
// which the gateway can neither change (the coordinator signed it) nor
// hide: dropping the lease, or answering it in the node's name, is one
// more such answer, and so are refusals the node signs nothing for (it
// does not know the coordinator yet: failedAnswer) once they go on past
// refusalGrace. The node, after leaveAfter of them in a row, moves to
// another gateway (Node.leaveGateway). A gateway that keeps every lease
// from its node keeps that one too: the node also asks the coordinators
// directly (wayask.go).

// leaveAfter is how many of its answers in a row must reach a coordinator
// not as its word before a node behind NAT leaves its gateway: one could
// be a tunnel that broke mid-answer.
const leaveAfter = 2

// gatewayFaults counts, by the relay URL a member is reached at (a node
// and its gateway), its answers in a row that came through the gateway
// without its word; an answer that was its word ends the run, and so does
// faultsLast without one (a blip long past says nothing of the gateway
// now).
type gatewayFaults struct {
	mu   sync.Mutex
	runs map[string]faultRun
	now  func() time.Time // nil: time.Now
}

// faultRun is a run of faults and when its last one came, and a run of
// refusals in the member's name (refusedFor): how many, when the first and
// the last came.
type faultRun struct {
	n    int
	last time.Time

	refused                   int
	refusedSince, refusedLast time.Time

	// told is set once the run was sent to the member (tell): it is
	// left alone at the gateway only from then on (holds), or the hold
	// would keep back the very lease that tells it to leave.
	told bool
}

// faultsLast is how long a run of faults stands without another.
const faultsLast = 2 * time.Minute

// observe notes how lease answer err from m went: through a gateway, a
// fault of the way (errOnTheWay) adds one, and a tile accepted or a
// failure m signed (its word) ends the run; an answer that is no fault of
// anyone's (busy, over a cap, not yet known: notAFault), signed or not,
// does neither, so that a gateway cannot end the run with them. It
// returns err, with the run's back-off on it past leaveAfter
// (wayBackoff).
func (g *gatewayFaults) observe(m api.Member, err error) error {
	if !relayed(m) {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !errors.Is(err, errOnTheWay) {
		if err == nil || !notAFault(err) {
			delete(g.runs, m.API)
		}
		return err
	}
	r, now := g.run(m), g.clock()
	if now.Sub(r.last) > faultsLast {
		r.n, r.told = 0, false
	}
	r.n, r.last = r.n+1, now
	g.runs[m.API] = r
	if r.n <= leaveAfter {
		return err
	}
	return fmt.Errorf("%w (%d answers in a row through its gateway without its word: left alone %v there)", err, r.n, wayBackoff(r.n))
}

// wayBackoff is how long a member is left alone at a gateway after n of
// its answers in a row came through it without its word: the unreachable
// back-off until the node has been told to leave (leaveAfter, and tell),
// then
// doubled for each fault, up to maxWayBackoff. A node that has not left
// could not hear it (a gateway that drops every lease to its node) or
// cannot leave yet; without it, a coordinator leased to it every 3 s for
// as long as both stayed.
func wayBackoff(n int) time.Duration {
	if n <= leaveAfter {
		return unreachableBackoff
	}
	return min(unreachableBackoff<<min(n-leaveAfter, 16), maxWayBackoff)
}

// maxWayBackoff bounds a member's back-off for its gateway's faults: well
// inside faultsLast, so that the run goes on while the faults do.
const maxWayBackoff = time.Minute

// holds reports whether m, at the gateway it is reached through now, is
// left alone at now for its run of faults there (wayBackoff). It is held
// by relay URL, not by node: a node that moved to another gateway is
// leased to at once.
func (g *gatewayFaults) holds(m api.Member, now time.Time) bool {
	if !relayed(m) {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	r, ok := g.runs[m.API]
	return ok && r.told && r.n > leaveAfter && now.Before(r.last.Add(wayBackoff(r.n)))
}

// tell returns m's run of faults at the gateway it is reached at now, to
// send to m (in a lease, or in answer to its question: wayask.go), and
// notes that m was told, from leaveAfter on.
func (g *gatewayFaults) tell(m api.Member) int {
	n := g.of(m)
	if n >= leaveAfter {
		g.mu.Lock()
		if r, ok := g.runs[m.API]; ok {
			r.told = true
			g.runs[m.API] = r
		}
		g.mu.Unlock()
	}
	return n
}

// of is the run of faults through the gateway m is reached at now.
func (g *gatewayFaults) of(m api.Member) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	r, ok := g.runs[m.API]
	if !ok || g.clock().Sub(r.last) > faultsLast {
		return 0
	}
	return r.n
}

// refusalGrace is how long refusals of m's leases in its name, which it
// signs nothing for (failedAnswer: it does not know this coordinator yet,
// the lease is stale or not for it, its gateway caps its callers), are
// nobody's fault. Gossip tells every member of a (re)started coordinator
// within seconds, so past this, minRefusals of them with no tile or
// signed failure of m's between them (its word that it is busy would not
// do: a gateway can let through one lease while m is busy), nor a pause
// of refusalGap, are a gateway that refuses every lease in its node's
// name, and so starves it: they count as its faults. A gateway that
// refuses every lease for a minute only because it is full (its cap on
// one caller's connections) serves its node no better: the node is as
// well off at another. refusalGap is longer than this coordinator's own
// longest hold of m at its gateway (maxWayBackoff), which would else end
// the run it holds m for.
const (
	refusalGrace = time.Minute
	minRefusals  = 5
	refusalGap   = maxWayBackoff + 30*time.Second
)

// refusedFor notes such a refusal of a lease to m, through its gateway,
// and reports whether they count as faults of the way now, and for how
// long they have come.
func (g *gatewayFaults) refusedFor(m api.Member) (bool, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	r, now := g.run(m), g.clock()
	if r.refused == 0 || now.Sub(r.refusedLast) > refusalGap {
		r.refused, r.refusedSince = 0, now
	}
	r.refused++
	r.refusedLast = now
	g.runs[m.API] = r
	d := now.Sub(r.refusedSince)
	return d > refusalGrace && r.refused >= minRefusals, d
}

// run is m's run to be changed and stored again; g.mu must be held.
func (g *gatewayFaults) run(m api.Member) faultRun {
	if g.runs == nil {
		g.runs = make(map[string]faultRun)
	}
	r, ok := g.runs[m.API]
	if !ok && len(g.runs) >= maxGatewayFaults {
		clear(g.runs) // membership is open: relay URLs come and go
	}
	return r
}

func (g *gatewayFaults) clock() time.Time {
	if g.now == nil {
		return time.Now()
	}
	return g.now()
}

// maxGatewayFaults bounds gatewayFaults: far more than a cluster's
// members behind NAT.
const maxGatewayFaults = 4096
