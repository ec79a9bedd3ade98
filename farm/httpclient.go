package farm

import (
	"net"
	"net/http"
	"time"
)

// nodeDialTimeout bounds connecting to another member (and a TLS handshake,
// should one sit in between): a member that does not accept in this long
// is unreachable, and memberlist will soon say so too.
const nodeDialTimeout = 10 * time.Second

// nodeIdleConnsPerHost is how many idle connections a node keeps to each
// member: its calls in flight to one member (a lease and a heartbeat for
// each of up to 32 slots, checks), well under the 256 a listener takes
// from one source (httplimit.DefaultConfig), which a studio's nodes behind
// one NAT share. At 32, a member of 25 slots had 50 calls in flight and
// every heartbeat past the 32nd dialled and closed a connection: the top
// wait of BenchmarkDispatch's mutex profile at 200 leases in flight was
// the transport's pool lock, taken by those dials.
const nodeIdleConnsPerHost = 64

// newNodeHTTPClient is the client for node-to-node calls whose length is
// the work's, not the network's, so it has no whole-request timeout: a
// lease's answer comes when the render is done (bounded by the lease's
// context: LeaseTimeout, and heartbeats that end it when the worker stops
// answering), a scene fetch may be gigabytes. Each such call bounds itself
// with its context; what this client bounds is what no call should wait
// long for: connecting, the handshake, an idle kept connection. Small
// messages with an immediate answer (receipts, claims, claim pulls) use
// the outbox's own client, with a whole-request timeout (delivery.go).
func newNodeHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: nodeDialTimeout, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = nodeDialTimeout
	t.IdleConnTimeout = 90 * time.Second
	// A coordinator holds a lease and its heartbeats open to each worker
	// for each of its slots: with Go's default of 2 idle connections a
	// host, every lease past the second dialled a new connection and
	// closed it after (BenchmarkDispatch at 200 slots spent more on that
	// than on the leases, and ran into workers' per-source cap).
	t.MaxIdleConnsPerHost = nodeIdleConnsPerHost
	t.MaxIdleConns = 0 // no cap across hosts: hundreds of workers each keep theirs
	return &http.Client{Transport: t}
}
