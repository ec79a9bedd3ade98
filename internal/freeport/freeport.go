// Package freeport picks ports for tests that must know a port before they
// bind it.
package freeport

import (
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"testing"
)

// Get returns a port free for TCP and UDP (memberlist binds both) on
// every host given (127.0.0.1 when none), for a test that must know a
// node's port before it starts: a restart on the same address, or a proxy
// in front of it.
//
// The port is drawn outside the kernel's ephemeral range (below it where
// there is room). A port the kernel handed out for ":0" is also what it
// hands out as the local port of the next outgoing connection, so another
// test's client could take it between this check and the node's bind
// ("bind: address already in use", seen in CI); a port outside the range
// is only ever taken by a listener that asked for it by number.
func Get(t testing.TB, hosts ...string) int {
	t.Helper()
	if len(hosts) == 0 {
		hosts = []string{"127.0.0.1"}
	}
	from, to := ports()
	for range 200 {
		port := from + rand.IntN(to-from)
		if free(port, hosts) {
			return port
		}
	}
	t.Fatalf("no port in [%d, %d) free for TCP and UDP on %v", from, to, hosts)
	return 0
}

// free reports whether port can be bound for TCP and UDP on every host.
func free(port int, hosts []string) bool {
	var closers []func() error
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	for _, h := range hosts {
		addr := net.JoinHostPort(h, fmt.Sprint(port))
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return false
		}
		closers = append(closers, l.Close)
		u, err := net.ListenPacket("udp", addr)
		if err != nil {
			return false
		}
		closers = append(closers, u.Close)
	}
	return true
}

// ports is the range ports are drawn from, [from, to): below the
// kernel's ephemeral range, or above it where too little is below.
func ports() (from, to int) {
	lo, hi := ephemeral()
	if lo-10000 >= 5000 {
		return 10000, lo
	}
	return hi + 1, 65536
}

// ephemeral is the kernel's ephemeral port range: Linux's setting where
// it can be read, else the IANA range, which BSD, macOS and Windows use.
func ephemeral() (lo, hi int) {
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range"); err == nil {
		if _, err := fmt.Sscan(string(b), &lo, &hi); err == nil && 1024 <= lo && lo <= hi && hi < 65536 && (lo >= 15000 || hi <= 60535) {
			return lo, hi
		}
	}
	return 49152, 65535
}
