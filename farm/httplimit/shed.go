package httplimit

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// shedder is a listener that, once it holds shedAt connections, closes
// those holding a slot while doing nothing: keep-alives idle between
// requests, and connections that have not sent a whole request within age.
// A flood of slow connections from many sources, each under the per-source
// cap, can fill MaxConns; without shedding, every other client then waits
// in the kernel's backlog until ReadHeaderTimeout drains the flood.
type shedder struct {
	net.Listener
	shedAt int
	age    time.Duration

	done     chan struct{} // closed by Close: the sweeper stops
	closeErr error
	once     sync.Once

	mu       sync.Mutex
	conns    map[*shedConn]connInfo // the open connections the server has
	sweeping bool                   // a sweeper runs while crowded
}

// connInfo is what a connection is doing (as http.Server says) and since
// when.
type connInfo struct {
	state http.ConnState
	since time.Time
}

func newShedder(ln net.Listener, shedAt int, age time.Duration) *shedder {
	return &shedder{Listener: ln, shedAt: shedAt, age: age, done: make(chan struct{}), conns: make(map[*shedConn]connInfo)}
}

// Accept returns the next connection; from shedAt on it starts the
// sweeper, which sheds while the listener stays crowded (a full listener
// accepts nothing more, so Accept alone would not shed then).
func (s *shedder) Accept() (net.Conn, error) {
	c, err := s.Listener.Accept()
	if err != nil {
		return nil, err
	}
	sc := &shedConn{Conn: c, s: s}
	s.mu.Lock()
	s.conns[sc] = connInfo{http.StateNew, time.Now()}
	start := len(s.conns) >= s.shedAt && !s.sweeping
	s.sweeping = s.sweeping || start
	s.mu.Unlock()
	if start {
		go s.sweep()
	}
	return sc, nil
}

// sweep sheds, every quarter of age, the connections that do nothing,
// until the listener is no longer crowded or is closed.
func (s *shedder) sweep() {
	tick := time.NewTicker(s.age / 4)
	defer tick.Stop()
	for {
		now := time.Now()
		var idle []*shedConn
		s.mu.Lock()
		if len(s.conns) < s.shedAt {
			s.sweeping = false
			s.mu.Unlock()
			return
		}
		for c, info := range s.conns {
			if info.state == http.StateIdle || info.state == http.StateNew && now.Sub(info.since) > s.age {
				idle = append(idle, c)
			}
		}
		s.mu.Unlock()
		for _, c := range idle {
			c.Close()
		}
		select {
		case <-s.done:
			return
		case <-tick.C:
		}
	}
}

// Close closes the listener and stops the sweeper.
func (s *shedder) Close() error {
	s.once.Do(func() {
		close(s.done)
		s.closeErr = s.Listener.Close()
	})
	return s.closeErr
}

// connState is the http.Server's ConnState hook: it tells the shedder
// what each connection does. A hijacked connection is the handler's (a
// tunnel) and never shed.
func (s *shedder) connState(c net.Conn, state http.ConnState) {
	sc, ok := c.(*shedConn)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, open := s.conns[sc]; !open {
		return
	}
	switch state {
	case http.StateHijacked, http.StateClosed:
		delete(s.conns, sc)
	default:
		s.conns[sc] = connInfo{state, time.Now()}
	}
}

// shedConn leaves its shedder's books when closed.
type shedConn struct {
	net.Conn
	s *shedder
}

func (c *shedConn) Close() error {
	c.s.mu.Lock()
	delete(c.s.conns, c)
	c.s.mu.Unlock()
	return c.Conn.Close()
}
