package httplimit

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/net/netutil"
)

// limitListener caps a listener's open connections in total; netutil's
// semaphore makes Accept wait for a free slot.
func limitListener(ln net.Listener, n int) net.Listener { return netutil.LimitListener(ln, n) }

// sourceLimiter is a listener that closes connections from a source that
// already holds max of them.
type sourceLimiter struct {
	net.Listener
	max     int
	refused *atomic.Int64 // nil: not counted

	mu   sync.Mutex
	open map[string]int // connections held per source; absent when none
}

func newSourceLimiter(ln net.Listener, max int, refused *atomic.Int64) *sourceLimiter {
	return &sourceLimiter{Listener: ln, max: max, refused: refused, open: make(map[string]int)}
}

// tooMany is what a refused connection reads before it is closed: a
// client sees why rather than a bare reset.
const tooMany = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"

// Accept returns the next connection whose source is under the cap.
func (l *sourceLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		src := Source(c.RemoteAddr())
		l.mu.Lock()
		held := l.open[src]
		if held < l.max {
			l.open[src] = held + 1
		}
		l.mu.Unlock()
		if held < l.max {
			return &sourceConn{Conn: c, release: func() { l.release(src) }}, nil
		}
		if l.refused != nil {
			l.refused.Add(1)
		}
		msg := fmt.Sprintf("too many connections from %s: the limit is %d per source\n", src, l.max)
		// A fresh connection's send buffer is empty, so this write does
		// not wait; the deadline keeps a broken one from stalling Accept.
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		fmt.Fprintf(c, tooMany, len(msg), msg)
		c.Close()
	}
}

func (l *sourceLimiter) release(src string) {
	l.mu.Lock()
	if l.open[src]--; l.open[src] <= 0 {
		delete(l.open, src) // the map holds only sources with connections
	}
	l.mu.Unlock()
}

// sourceConn gives its source's slot back once, when closed.
type sourceConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *sourceConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// Source names the source a connection from addr counts against: its
// IPv4 address, or its IPv6 /64 (a host is routinely given a whole /64,
// so counting single v6 addresses would cap nothing). Addresses that are
// not IP name themselves.
func Source(addr net.Addr) string {
	var ip net.IP
	switch a := addr.(type) {
	case *net.TCPAddr:
		ip = a.IP
	default:
		host, _, err := net.SplitHostPort(addr.String())
		if ip = net.ParseIP(host); err != nil || ip == nil {
			return addr.String()
		}
	}
	if v4 := ip.To4(); v4 != nil {
		return v4.String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}
