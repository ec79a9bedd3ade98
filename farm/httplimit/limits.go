// Package httplimit bounds what one HTTP client can hold of a node's
// servers: connections in total and per source, the time to send headers
// and bodies, the time a response may stall, and idle keep-alives; a
// crowded listener sheds the connections that do nothing.
package httplimit

import (
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// Config bounds a node's HTTP servers. The zero value of a field means no
// bound for it; DefaultConfig bounds them all.
type Config struct {
	// MaxConns caps the connections one listener holds open at once;
	// beyond it the listener stops accepting until one closes (new
	// connections wait in the kernel's backlog). Keep it well under the
	// process's file descriptor limit (ulimit -n).
	MaxConns int
	// MaxConnsPerSource caps the connections from one source (an IPv4
	// address, or an IPv6 /64, which one host usually owns whole): more
	// are answered 429 and closed at once, so one host cannot fill
	// MaxConns and starve the others.
	MaxConnsPerSource int
	// ReadHeaderTimeout bounds the time to send a request's headers.
	ReadHeaderTimeout time.Duration
	// IdleTimeout bounds how long a keep-alive connection waits for its
	// next request.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds a request's headers.
	MaxHeaderBytes int
	// BodyTimeout bounds the time to send a whole request body on the
	// routes that take small bodies (job specs, signed RPC).
	BodyTimeout time.Duration
	// StallTimeout bounds how long a streaming body (an upload) or any
	// response may go without progress: each read or write that moves
	// bytes extends the deadline, so a slow but live transfer of gigabytes
	// runs on while a stalled one is cut.
	StallTimeout time.Duration
	// CrowdedHeaderTimeout is how long a connection may take to send a
	// whole request once its listener holds 7/8 of MaxConns: older ones,
	// and idle keep-alives, are closed to make room (see Listen).
	CrowdedHeaderTimeout time.Duration
	// Refused, when set, counts the connections refused for being over
	// MaxConnsPerSource, for the node's metrics.
	Refused *atomic.Int64
}

// DefaultConfig returns bounds for a node on the internet with the
// default file descriptor limit of 20,000 or more: two listeners of 4096
// connections each leave room for files, gossip and outgoing calls.
func DefaultConfig() Config {
	return Config{
		MaxConns: 4096,
		// A studio's render boxes behind one NAT address share this
		// (their tunnels and their calls to coordinators); 256 covers a
		// large office while an attacker from one host holds 1/16 of the
		// listener at most.
		MaxConnsPerSource: 256,
		ReadHeaderTimeout: 10 * time.Second,
		// Above the 90 s that Go's HTTP clients keep idle connections, so
		// peers' keep-alives are not cut under them.
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		BodyTimeout:    time.Minute,
		StallTimeout:   time.Minute,
		// A client's request takes milliseconds to send; two seconds
		// spare a slow link, while a flood is drained five times as fast
		// as by ReadHeaderTimeout.
		CrowdedHeaderTimeout: 2 * time.Second,
	}
}

// Server returns an http.Server for handler with c's header, idle and
// header-size bounds. It sets no ReadTimeout or WriteTimeout: one
// server-wide deadline would cut a multi-gigabyte upload, a blob download
// or a job's event stream as surely as an attacker's connection, so
// Deadlines sets them per request instead.
func (c Config) Server(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: c.ReadHeaderTimeout,
		IdleTimeout:       c.IdleTimeout,
		MaxHeaderBytes:    c.MaxHeaderBytes,
	}
}

// Listen wraps ln, which srv is to serve, with c's caps: per source, then
// in total. ln is a TCP listener whose peers are the real clients. With
// MaxConns and CrowdedHeaderTimeout set it also sets srv.ConnState, to
// learn which connections do nothing and shed them when crowded.
func (c Config) Listen(ln net.Listener, srv *http.Server) net.Listener {
	if c.MaxConnsPerSource > 0 {
		ln = newSourceLimiter(ln, c.MaxConnsPerSource, c.Refused)
	}
	return c.ListenRelayed(ln, srv)
}

// ListenRelayed is Listen with the total cap only. It is for a listener
// whose connections all come from one relay (a node behind NAT serves its
// RPC over its gateway's tunnel): the gateway has applied the per-source
// cap to the real callers already, and capping the tunnel as one source
// would let one caller's connections lock out every other caller.
func (c Config) ListenRelayed(ln net.Listener, srv *http.Server) net.Listener {
	if c.MaxConns <= 0 {
		return ln
	}
	ln = limitListener(ln, c.MaxConns)
	if c.CrowdedHeaderTimeout > 0 {
		// Outermost, so the connections the server reports on are its own.
		s := newShedder(ln, max(1, c.MaxConns*7/8), c.CrowdedHeaderTimeout)
		srv.ConnState = s.connState
		ln = s
	}
	return ln
}
