package tunnel

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/rpc"
	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/yamux"
)

// Headers of the signed attach request.
const (
	headerNode  = "X-Conun-Node"
	headerAddr  = "X-Conun-Addr"
	headerTime  = "X-Conun-Time"
	headerNonce = "X-Conun-Nonce"
	headerSig   = "X-Conun-Sig"
	// headerGossip in the gateway's answer is the address (on the
	// gateway) the node's gossip is reached at.
	headerGossip = "X-Conun-Gossip"
	upgradeToken = "conun-tunnel"
)

// attachMessage is what a node signs to attach: its name and key's
// address, bound to one gateway (host) and one moment.
func attachMessage(node, addr, host string, unixMilli int64, nonce string) []byte {
	return []byte(fmt.Sprintf("conun attach\n%s\n%s\n%s\n%d\n%s", node, addr, host, unixMilli, nonce))
}

// MaxAttached bounds the nodes one gateway relays for: anyone with a key
// may attach, and each costs two ports and a connection.
const MaxAttached = 64

// Gateway relays for the nodes attached to it. The zero value is not
// usable: make one with NewGateway.
type Gateway struct {
	ip     string // where the nodes' gossip ports listen: the gateway's own gossip IP
	log    *slog.Logger
	replay *rpc.ReplayGuard
	// isMember says whether a gossip address is a member's: an attached
	// node's gossip goes only there, so a gateway is no open proxy.
	isMember func(addr string) bool

	wg     sync.WaitGroup // every goroutine of every tunnel; Close waits
	mu     sync.Mutex
	peers  map[string]*peer
	closed bool
}

// peer is one attached node.
type peer struct {
	name  string
	addr  common.Address
	sess  *yamux.Session
	udp   *net.UDPConn
	tcp   *net.TCPListener
	proxy *httputil.ReverseProxy
	ready chan struct{} // closed once the node has its answer: streams may open
}

// NewGateway returns a gateway that opens attached nodes' gossip ports on
// ip (the gateway's own gossip IP, reachable by the members) and sends
// their gossip only to the addresses isMember accepts.
func NewGateway(ip string, isMember func(addr string) bool, log *slog.Logger) *Gateway {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Gateway{ip: ip, isMember: isMember, log: log, replay: rpc.NewReplayGuard(2 * time.Minute), peers: make(map[string]*peer)}
}

// Attached lists the names of the nodes attached now.
func (g *Gateway) Attached() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for name := range g.peers {
		out = append(out, name)
	}
	return out
}

// ServeAttach takes a node's signed attach request, opens its gossip
// ports and turns the connection into the node's tunnel.
func (g *Gateway) ServeAttach(rw http.ResponseWriter, r *http.Request) {
	name, addrHex := r.Header.Get(headerNode), r.Header.Get(headerAddr)
	ts, _ := strconv.ParseInt(r.Header.Get(headerTime), 10, 64)
	nonce := r.Header.Get(headerNonce)
	if name == "" || len(name) > 128 || strings.ContainsAny(name, "/ \n") || !common.IsHexAddress(addrHex) {
		http.Error(rw, "attach: want a node name (no '/', spaces) and a key address", http.StatusBadRequest)
		return
	}
	addr := common.HexToAddress(addrHex)
	if err := rpc.Verify(attachMessage(name, addrHex, r.Host, ts, nonce), r.Header.Get(headerSig), addr); err != nil {
		http.Error(rw, "attach: "+err.Error(), http.StatusForbidden)
		return
	}
	if err := g.replay.Check(ts, nonce); err != nil {
		http.Error(rw, "attach: "+err.Error(), http.StatusForbidden)
		return
	}
	g.mu.Lock()
	old, closed, attached := g.peers[name], g.closed, len(g.peers)
	if !closed {
		// The attach belongs to the gateway's group from here, so Close
		// waits for it (and its tunnel's goroutines, added below).
		g.wg.Add(1)
		defer g.wg.Done()
	}
	g.mu.Unlock()
	if closed {
		http.Error(rw, "attach: gateway is stopping", http.StatusServiceUnavailable)
		return
	}
	if old == nil && attached >= MaxAttached {
		http.Error(rw, fmt.Sprintf("attach: this gateway relays for %d nodes already: try another member", MaxAttached), http.StatusServiceUnavailable)
		return
	}
	// A name stays with the key that attached it first, so nobody takes
	// over another node's relay while it is attached.
	if old != nil && old.addr != addr {
		http.Error(rw, fmt.Sprintf("attach: node %s is attached here with another key", name), http.StatusConflict)
		return
	}
	udp, tcp, err := listenGossip(g.ip)
	if err != nil {
		http.Error(rw, "attach: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	conn, buf, err := http.NewResponseController(rw).Hijack()
	if err != nil {
		udp.Close()
		tcp.Close()
		http.Error(rw, "attach: "+err.Error(), http.StatusInternalServerError)
		return
	}
	conn.SetDeadline(time.Time{}) // the server's header timeout must not end the tunnel
	sess, err := yamux.Server(bufferedConn{conn, buf.Reader}, muxConfig())
	if err != nil {
		conn.Close()
		udp.Close()
		tcp.Close()
		return
	}
	p := newPeer(name, addr, sess, udp, tcp)
	// The node is listed before it hears it is attached, so a relay
	// request right after its attach finds it; nothing opens a stream
	// before the answer below has gone out (p.ready).
	g.mu.Lock()
	if g.closed { // closed meanwhile: Close did not see this tunnel
		g.mu.Unlock()
		p.close()
		return
	}
	if cur := g.peers[name]; cur != nil {
		cur.close()
	}
	g.peers[name] = p
	g.mu.Unlock()
	fmt.Fprintf(buf, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: %s\r\nConnection: Upgrade\r\n%s: %s\r\n\r\n", upgradeToken, headerGossip, tcp.Addr())
	if err := buf.Flush(); err != nil {
		p.close()
	}
	close(p.ready)
	g.log.Info("node attached", "node", name, "gossip", tcp.Addr().String())
	g.wg.Go(func() { g.servePackets(p) })
	g.wg.Go(func() { g.serveStreams(p) })
	g.wg.Go(func() { g.serveTunnel(p) })
}

// newPeer is an attached node, its RPC reached by a reverse proxy whose
// connections are streams of the tunnel.
func newPeer(name string, addr common.Address, sess *yamux.Session, udp *net.UDPConn, tcp *net.TCPListener) *peer {
	p := &peer{name: name, addr: addr, sess: sess, udp: udp, tcp: tcp, ready: make(chan struct{})}
	p.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme = "http"
			pr.Out.URL.Host = name
			pr.Out.Host = name
		},
		Transport: &http.Transport{
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return p.open(kindRPC, "")
			},
			IdleConnTimeout: time.Minute,
		},
		ErrorHandler: func(rw http.ResponseWriter, r *http.Request, err error) {
			http.Error(rw, fmt.Sprintf("relay to %s: %v", name, err), http.StatusBadGateway)
		},
	}
	return p
}

// open starts a stream of kind to the node, once its tunnel is ready.
func (p *peer) open(kind, addr string) (*yamux.Stream, error) {
	<-p.ready
	s, err := p.sess.OpenStream()
	if err != nil {
		return nil, err
	}
	if err := writeHeader(s, kind, addr); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// ServeRelay forwards GATEWAY/rpc/v1/relay/NODE/PATH to the attached
// NODE's /PATH.
func (g *Gateway) ServeRelay(rw http.ResponseWriter, r *http.Request) {
	name, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, RelayPrefix), "/")
	g.mu.Lock()
	p := g.peers[name]
	g.mu.Unlock()
	if p == nil {
		http.Error(rw, fmt.Sprintf("relay: node %s is not attached to this gateway", name), http.StatusBadGateway)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + rest
	r2.URL.RawPath = ""
	p.proxy.ServeHTTP(rw, r2)
}

// Close ends every tunnel, refuses new ones, and returns once their
// goroutines have.
func (g *Gateway) Close() {
	g.mu.Lock()
	g.closed = true
	peers := g.peers
	g.peers = map[string]*peer{}
	g.mu.Unlock()
	for _, p := range peers {
		p.close()
	}
	g.wg.Wait()
}

func (p *peer) close() {
	p.sess.Close()
	p.udp.Close()
	p.tcp.Close()
}

// serveTunnel handles the streams the node opens (gossip it sends) until
// the tunnel ends, then forgets the node.
func (g *Gateway) serveTunnel(p *peer) {
	for {
		s, err := p.sess.AcceptStream()
		if err != nil {
			break
		}
		g.wg.Go(func() { g.serveNodeStream(p, s) })
	}
	p.close()
	g.mu.Lock()
	if g.peers[p.name] == p {
		delete(g.peers, p.name)
	}
	g.mu.Unlock()
	g.log.Info("node detached", "node", p.name)
}

func (g *Gateway) serveNodeStream(p *peer, s *yamux.Stream) {
	kind, addr, err := readHeader(s)
	if err != nil || !g.isMember(addr) {
		s.Close()
		return
	}
	switch kind {
	case kindPacket:
		defer s.Close()
		b, err := io.ReadAll(io.LimitReader(s, maxPacket+1))
		if err != nil || len(b) > maxPacket {
			return
		}
		if to, err := net.ResolveUDPAddr("udp", addr); err == nil {
			p.udp.WriteTo(b, to)
		}
	case kindDial:
		c, err := net.DialTimeout("tcp", addr, 10*time.Second)
		if err != nil {
			s.Close()
			return
		}
		splice(s, c)
	default:
		s.Close()
	}
}

// servePackets forwards gossip packets that arrive at the node's UDP port.
func (g *Gateway) servePackets(p *peer) {
	buf := make([]byte, maxPacket)
	for {
		n, from, err := p.udp.ReadFrom(buf)
		if err != nil {
			return
		}
		s, err := p.open(kindPacket, from.String())
		if err != nil {
			return
		}
		s.Write(buf[:n])
		s.Close()
	}
}

// serveStreams forwards gossip connections to the node's TCP port.
func (g *Gateway) serveStreams(p *peer) {
	for {
		c, err := p.tcp.Accept()
		if err != nil {
			return
		}
		s, err := p.open(kindStream, c.RemoteAddr().String())
		if err != nil {
			c.Close()
			return
		}
		g.wg.Go(func() { splice(s, c) })
	}
}

// listenGossip opens a TCP and a UDP socket on the same free port of ip,
// as memberlist's own transport does.
func listenGossip(ip string) (*net.UDPConn, *net.TCPListener, error) {
	var err error
	for range 10 {
		var tcp *net.TCPListener
		tcp, err = net.ListenTCP("tcp", &net.TCPAddr{IP: net.ParseIP(ip)})
		if err != nil {
			continue
		}
		var udp *net.UDPConn
		udp, err = net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP(ip), Port: tcp.Addr().(*net.TCPAddr).Port})
		if err == nil {
			return udp, tcp, nil
		}
		tcp.Close()
	}
	return nil, nil, fmt.Errorf("open a gossip port on %s for the node: %w", ip, err)
}

// bufferedConn reads through the bufio.Reader the HTTP server may already
// have filled with the first tunnel bytes.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

var errNotAttached = errors.New("not attached to a gateway")
