package farm

// How the node applies httplimit to its servers: which listener gets which
// cap, and which routes stream their bodies.

import (
	"net"
	"net/http"

	"github.com/conun/conun/farm/httplimit"
	"github.com/conun/conun/farm/tunnel"
)

// streamingRoutes take bodies of any size, read for as long as bytes keep
// coming (httplimit.Config.StallTimeout between reads); every other
// route's body must arrive whole within BodyTimeout.
var streamingRoutes = map[string]bool{
	"PUT /v1/blobs/{hash}": true, // scenes of gigabytes, resumable
	// A relay passes on whatever a caller sends a NATed node, as it comes.
	"POST " + tunnel.RelayPrefix + "{node}/{path...}": true,
}

// limitRequests is next with the node's per-request deadlines, for every
// request (those refused before a route runs as well: the server drains
// their bodies too); mux says which route a request is for.
func (n *Node) limitRequests(mux *http.ServeMux, next http.Handler) http.Handler {
	streaming := func(r *http.Request) bool {
		_, pattern := mux.Handler(r)
		return streamingRoutes[pattern]
	}
	return n.cfg.HTTP.Deadlines(streaming, next)
}

// limits is the node's HTTP limits, counting refused connections in its
// metrics.
func (n *Node) limits() httplimit.Config {
	c := n.cfg.HTTP
	c.Refused = &n.metrics.connsRefused
	return c
}

// limitAPI caps the client API's listener (which serves node RPC too
// without NodeConfig.ListenAddr).
func (n *Node) limitAPI(ln net.Listener) net.Listener { return n.limits().Listen(ln, n.srv) }

// limitRPC caps the node RPC's own listener. Behind NAT that listener is
// the gateway's tunnel, where every connection comes from the gateway: the
// gateway capped each real caller per source already, so here only the
// total applies (one source cap on the tunnel would let one caller shut
// out all the others).
func (n *Node) limitRPC(ln net.Listener) net.Listener {
	if n.link != nil {
		return n.limits().ListenRelayed(ln, n.rpcSrv)
	}
	return n.limits().Listen(ln, n.rpcSrv)
}
