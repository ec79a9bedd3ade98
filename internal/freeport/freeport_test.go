package freeport

import (
	"net"
	"strconv"
	"testing"
)

// TestGet: the port is outside the ephemeral range and binds for TCP and UDP
// on each host asked for.
func TestGet(t *testing.T) {
	for _, hosts := range [][]string{nil, {"127.0.0.1"}, {"127.0.0.1", "127.0.0.2"}} {
		port := Get(t, hosts...)
		if lo, hi := ephemeral(); lo <= port && port <= hi || port < 10000 {
			t.Errorf("%v: port %d, want one of 10000 up outside the ephemeral range %d-%d", hosts, port, lo, hi)
		}
		if len(hosts) == 0 {
			hosts = []string{"127.0.0.1"}
		}
		for _, h := range hosts {
			addr := net.JoinHostPort(h, strconv.Itoa(port))
			l, err := net.Listen("tcp", addr)
			if err != nil {
				t.Fatalf("%v: %v", hosts, err)
			}
			u, err := net.ListenPacket("udp", addr)
			if err != nil {
				t.Fatalf("%v: %v", hosts, err)
			}
			l.Close()
			u.Close()
		}
	}
}
