package tunnel

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/conun/conun/farm/rpc"
	"github.com/hashicorp/memberlist"
	"github.com/hashicorp/yamux"
)

// Link is a node's end of its tunnel: what it attaches to a gateway with,
// the listener its RPC server accepts relayed requests on, and the
// memberlist Transport that carries its gossip through the gateway. It
// opens no socket of its own but the one connection it dials out.
type Link struct {
	name  string
	ident *rpc.Identity

	packets chan *memberlist.Packet
	streams chan net.Conn
	rpcs    chan net.Conn
	done    chan struct{}
	once    sync.Once
	wg      sync.WaitGroup // the tunnels' goroutines; Close waits

	mu      sync.Mutex
	sess    *yamux.Session
	gateway string // the gateway's RPC base URL
	gossip  string // the node's gossip address, at the gateway
}

var _ memberlist.Transport = (*Link)(nil)

// NewLink returns an unattached link for the node name signing with ident.
func NewLink(name string, ident *rpc.Identity) *Link {
	return &Link{
		name: name, ident: ident,
		packets: make(chan *memberlist.Packet, 64),
		streams: make(chan net.Conn),
		rpcs:    make(chan net.Conn),
		done:    make(chan struct{}),
	}
}

// Attach opens a tunnel to the gateway whose node RPC is at gatewayURL,
// replacing the link's tunnel if it had one.
func (l *Link) Attach(ctx context.Context, gatewayURL string) error {
	u, err := url.Parse(gatewayURL)
	if err != nil || u.Scheme != "http" || u.Host == "" {
		return fmt.Errorf("gateway %q: want http://HOST:PORT", gatewayURL)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", u.Host)
	if err != nil {
		return fmt.Errorf("attach to gateway %s: %w", u.Host, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	req, _ := http.NewRequest(http.MethodPost, gatewayURL+AttachPath, nil)
	req.Header.Set("Connection", "Upgrade")
	req.Header.Set("Upgrade", upgradeToken)
	ts, nonce, addr := time.Now().UnixMilli(), rpc.NewNonce(), l.ident.Address().Hex()
	sig, err := l.ident.Sign(attachMessage(l.name, addr, u.Host, ts, nonce))
	if err != nil {
		conn.Close()
		return err
	}
	req.Header.Set(headerNode, l.name)
	req.Header.Set(headerAddr, addr)
	req.Header.Set(headerTime, strconv.FormatInt(ts, 10))
	req.Header.Set(headerNonce, nonce)
	req.Header.Set(headerSig, sig)
	if err := req.Write(conn); err != nil {
		conn.Close()
		return fmt.Errorf("attach to gateway %s: %w", u.Host, err)
	}
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		conn.Close()
		return fmt.Errorf("attach to gateway %s: %w", u.Host, err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		conn.Close()
		return fmt.Errorf("attach to gateway %s: %s: %s", u.Host, resp.Status, b)
	}
	gossip := resp.Header.Get(headerGossip)
	if _, _, err := net.SplitHostPort(gossip); err != nil {
		conn.Close()
		return fmt.Errorf("attach to gateway %s: no gossip address in its answer", u.Host)
	}
	conn.SetDeadline(time.Time{})
	sess, err := yamux.Client(bufferedConn{conn, br}, muxConfig())
	if err != nil {
		conn.Close()
		return err
	}
	l.mu.Lock()
	old := l.sess
	l.sess, l.gateway, l.gossip = sess, gatewayURL, gossip
	l.mu.Unlock()
	if old != nil {
		old.Close()
	}
	l.wg.Go(func() { l.serve(sess) })
	return nil
}

// Gateway is the RPC URL of the gateway the link is attached to.
func (l *Link) Gateway() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.gateway
}

// RelayURL is the URL other members call the node's RPC at: its relay on
// the gateway.
func (l *Link) RelayURL() string { return l.Gateway() + RelayPrefix + l.name }

// Leave ends the tunnel when it is to gateway (an RPC URL as Gateway
// says it), so that the node attaches to another: its gateway is
// tampering with what it relays. It reports whether it ended one.
func (l *Link) Leave(gateway string) bool {
	l.mu.Lock()
	sess := l.sess
	if l.gateway != gateway {
		sess = nil
	}
	l.mu.Unlock()
	if sess == nil || sess.IsClosed() {
		return false
	}
	sess.Close()
	return true
}

// Detached is closed when the current tunnel ends.
func (l *Link) Detached() <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sess == nil {
		c := make(chan struct{})
		close(c)
		return c
	}
	return l.sess.CloseChan()
}

// serve hands the streams the gateway opens to RPC and gossip.
func (l *Link) serve(sess *yamux.Session) {
	for {
		s, err := sess.AcceptStream()
		if err != nil {
			return
		}
		l.wg.Go(func() { l.dispatch(s) })
	}
}

func (l *Link) dispatch(s *yamux.Stream) {
	kind, addr, err := readHeader(s)
	if err != nil {
		s.Close()
		return
	}
	var ch chan net.Conn
	switch kind {
	case kindPacket:
		defer s.Close()
		b, err := io.ReadAll(io.LimitReader(s, maxPacket+1))
		if err != nil || len(b) > maxPacket {
			return
		}
		select {
		case l.packets <- &memberlist.Packet{Buf: b, From: udpAddr(addr), Timestamp: time.Now()}:
		case <-l.done:
		}
		return
	case kindStream:
		ch = l.streams
	case kindRPC:
		ch = l.rpcs
	default:
		s.Close()
		return
	}
	select {
	case ch <- s:
	case <-l.done:
		s.Close()
	}
}

func (l *Link) open(kind, addr string) (*yamux.Stream, error) {
	l.mu.Lock()
	sess := l.sess
	l.mu.Unlock()
	if sess == nil {
		return nil, errNotAttached
	}
	s, err := sess.OpenStream()
	if err != nil {
		return nil, err
	}
	if err := writeHeader(s, kind, addr); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// FinalAdvertiseAddr is the node's gossip port at its gateway, whatever
// memberlist was configured with.
func (l *Link) FinalAdvertiseAddr(string, int) (net.IP, int, error) {
	l.mu.Lock()
	gossip := l.gossip
	l.mu.Unlock()
	host, port, err := net.SplitHostPort(gossip)
	if err != nil {
		return nil, 0, errNotAttached
	}
	p, _ := strconv.Atoi(port)
	return net.ParseIP(host), p, nil
}

// WriteTo sends a gossip packet out through the gateway's port for the
// node, so its answers come back the same way.
func (l *Link) WriteTo(b []byte, addr string) (time.Time, error) {
	s, err := l.open(kindPacket, addr)
	if err != nil {
		return time.Time{}, err
	}
	defer s.Close()
	_, err = s.Write(b)
	return time.Now(), err
}

// PacketCh delivers the gossip packets relayed to the node.
func (l *Link) PacketCh() <-chan *memberlist.Packet { return l.packets }

// DialTimeout opens a gossip connection to addr from the gateway.
func (l *Link) DialTimeout(addr string, timeout time.Duration) (net.Conn, error) {
	s, err := l.open(kindDial, addr)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// StreamCh delivers the gossip connections relayed to the node.
func (l *Link) StreamCh() <-chan net.Conn { return l.streams }

// Shutdown is memberlist's end of the link; the tunnel stays until Close,
// since node RPC still runs over it.
func (l *Link) Shutdown() error { return nil }

// Close ends the tunnel and the listener, and returns once the tunnel's
// goroutines have.
func (l *Link) Close() error {
	l.once.Do(func() { close(l.done) })
	l.mu.Lock()
	sess := l.sess
	l.mu.Unlock()
	var err error
	if sess != nil {
		err = sess.Close()
	}
	l.wg.Wait()
	return err
}

// Listener is where the node's RPC server accepts relayed requests.
func (l *Link) Listener() net.Listener { return linkListener{l} }

type linkListener struct{ l *Link }

func (ln linkListener) Accept() (net.Conn, error) {
	select {
	case c := <-ln.l.rpcs:
		return c, nil
	case <-ln.l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting; the tunnel itself stays open until the link's
// Close, so the answers of requests in progress still go out.
func (ln linkListener) Close() error {
	ln.l.once.Do(func() { close(ln.l.done) })
	return nil
}

func (ln linkListener) Addr() net.Addr { return tunnelAddr(ln.l.name) }

// tunnelAddr names the link's listener: it has no socket address.
type tunnelAddr string

func (a tunnelAddr) Network() string { return "conun-tunnel" }
func (a tunnelAddr) String() string  { return string(a) }
