package farm

import (
	"errors"
	"sync"

	"github.com/conun/conun/farm/api"
)

// A gateway that alters what it relays (or drops it) leaves its node
// behind NAT unpaid but not blamed (onTheWay); the node cannot see that
// itself, since everything it hears comes through that gateway. So the
// coordinator says so in the node's next lease (TaskRequest.Altered),
// which the gateway can neither change (the coordinator signed it) nor
// hide: dropping the lease, or answering it in the node's name, is one
// more such answer. The node, after leaveAfter of them in a row, moves
// to another gateway (Node.leaveGateway).

// leaveAfter is how many of its answers in a row must reach a coordinator
// not as its word before a node behind NAT leaves its gateway: one could
// be a tunnel that broke mid-answer.
const leaveAfter = 2

// gatewayFaults counts, by the relay URL a member is reached at (a node
// and its gateway), its answers in a row that came through the gateway
// without its word; an answer that was its word ends the run.
type gatewayFaults struct {
	mu sync.Mutex
	n  map[string]int
}

// observe notes how lease answer err from m went: through a gateway, a
// fault of the way (errOnTheWay) adds one, and m's own word (an accepted
// tile, a failure it signed) ends the run; a busy node's answer, which is
// nobody's word, does neither.
func (g *gatewayFaults) observe(m api.Member, err error) {
	if !relayed(m) {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if !errors.Is(err, errOnTheWay) {
		if err == nil || !notAFault(err) {
			delete(g.n, m.API)
		}
		return
	}
	if g.n == nil {
		g.n = make(map[string]int)
	}
	if len(g.n) >= maxGatewayFaults {
		clear(g.n) // membership is open: relay URLs come and go
	}
	g.n[m.API]++
}

// of is the run of faults through the gateway m is reached at now.
func (g *gatewayFaults) of(m api.Member) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n[m.API]
}

// maxGatewayFaults bounds gatewayFaults: far more than a cluster's
// members behind NAT.
const maxGatewayFaults = 4096
