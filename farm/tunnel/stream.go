// Package tunnel lets a node that cannot accept connections (behind NAT)
// take part in the cluster through a member that can, its gateway: the node
// dials out once, the two multiplex streams over that connection (yamux),
// and the gateway relays node RPC (an HTTP reverse proxy) and the node's
// gossip (a UDP and TCP port it opens on the node's behalf) over them.
//
// The gateway only moves bytes: every RPC request and answer is signed by
// its sender, so a gateway can drop traffic but not forge or alter it.
package tunnel

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/conun/conun/farm/rpcaddr"
	"github.com/hashicorp/yamux"
)

// Paths of the gateway's routes on its node RPC listener.
const (
	// AttachPath is where a node behind NAT opens its tunnel.
	AttachPath = "/rpc/v1/attach"
	// RelayPrefix starts a relayed node's RPC URL at its gateway:
	// GATEWAY/rpc/v1/relay/NODE/rpc/v1/... reaches NODE's /rpc/v1/...
	// (rpcaddr parses such addresses when members advertise them).
	RelayPrefix = rpcaddr.RelayPrefix
)

// Stream kinds: the first line of every stream names what it carries.
// The gateway opens rpc, packet (one gossip packet that arrived for the
// node) and stream (a gossip TCP connection to the node); the node opens
// packet (one gossip packet to send) and dial (a gossip TCP connection from
// the node).
const (
	kindRPC    = "rpc"
	kindPacket = "packet"
	kindStream = "stream"
	kindDial   = "dial"
)

// maxPacket bounds one gossip packet: memberlist's UDP packets fit in
// 64 KiB.
const maxPacket = 64 << 10

// muxConfig is yamux's configuration on both ends: keepalives find a dead
// tunnel within seconds (the NAT router may drop it silently), and its
// log is discarded.
func muxConfig() *yamux.Config {
	c := yamux.DefaultConfig()
	c.KeepAliveInterval = 5 * time.Second
	c.ConnectionWriteTimeout = 10 * time.Second
	c.LogOutput = io.Discard
	return c
}

// writeHeader starts a stream with its kind and, for gossip, an address.
func writeHeader(w io.Writer, kind, addr string) error {
	line := kind
	if addr != "" {
		line += " " + addr
	}
	_, err := io.WriteString(w, line+"\n")
	return err
}

// readHeader reads a stream's first line a byte at a time, so nothing
// after it is buffered away from whoever reads the stream next.
func readHeader(r io.Reader) (kind, addr string, err error) {
	var b strings.Builder
	var c [1]byte
	for b.Len() < 300 {
		if _, err := io.ReadFull(r, c[:]); err != nil {
			return "", "", fmt.Errorf("read stream header: %w", err)
		}
		if c[0] == '\n' {
			kind, addr, _ = strings.Cut(b.String(), " ")
			return kind, addr, nil
		}
		b.WriteByte(c[0])
	}
	return "", "", errors.New("stream header longer than 300 bytes")
}

// splice copies both ways between a and b until either side ends, then
// closes both.
func splice(a, b net.Conn) {
	done := make(chan struct{}, 2)
	cp := func(dst, src net.Conn) {
		io.Copy(dst, src)
		done <- struct{}{}
	}
	go cp(a, b)
	go cp(b, a)
	<-done
	a.Close()
	b.Close()
	<-done
}

// udpAddr parses a gossip address as the net.Addr memberlist expects of a
// packet's sender.
func udpAddr(s string) net.Addr {
	if a, err := net.ResolveUDPAddr("udp", s); err == nil {
		return a
	}
	return &net.UDPAddr{}
}
