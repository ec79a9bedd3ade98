package tunnel

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/rpc"
)

// newGateway serves a gateway's routes on a test server.
func newGateway(t *testing.T) (*Gateway, *httptest.Server) {
	t.Helper()
	g := NewGateway("127.0.0.1", func(string) bool { return false }, nil)
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+AttachPath, g.ServeAttach)
	mux.HandleFunc(RelayPrefix, g.ServeRelay)
	srv := httptest.NewServer(mux)
	t.Cleanup(func() { srv.Close(); g.Close() })
	return g, srv
}

func newIdentity(t *testing.T) *rpc.Identity {
	t.Helper()
	id, err := rpc.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestRelay: a node attached through a gateway answers the requests sent
// to its relay URL, request body and all, and a name not attached is
// refused with the reason.
func TestRelay(t *testing.T) {
	g, srv := newGateway(t)
	link := NewLink("home-1", newIdentity(t))
	if err := link.Attach(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	node := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		io.WriteString(rw, r.Method+" "+r.URL.Path+" "+string(b))
	})}
	go node.Serve(link.Listener())
	t.Cleanup(func() { node.Close() })
	if got := g.Attached(); len(got) != 1 || got[0] != "home-1" {
		t.Fatalf("attached: %v", got)
	}
	if want := srv.URL + RelayPrefix + "home-1"; link.RelayURL() != want {
		t.Fatalf("relay URL %s, want %s", link.RelayURL(), want)
	}
	for _, tc := range []struct {
		name, method, url, body string
		status                  int
		want                    string
	}{
		{"get", "GET", link.RelayURL() + "/rpc/v1/tasks/abc", "", 200, "GET /rpc/v1/tasks/abc "},
		{"post", "POST", link.RelayURL() + "/rpc/v1/render", "tile please", 200, "POST /rpc/v1/render tile please"},
		{"not attached", "GET", srv.URL + RelayPrefix + "home-2/rpc/v1/tasks/abc", "", http.StatusBadGateway, "not attached"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.url, strings.NewReader(tc.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%s %s: %s %q, want %d %q", tc.method, tc.url, resp.Status, b, tc.status, tc.want)
			}
		})
	}
	// The tunnel's end is seen at once, so the node can move.
	srv.CloseClientConnections()
	g.Close()
	select {
	case <-link.Detached():
	case <-time.After(10 * time.Second):
		t.Fatal("the link did not notice its gateway close")
	}
}

// TestAttachRefused: an attach request must be signed by the key it names,
// fresh, for this gateway, and may not take a name another key holds.
func TestAttachRefused(t *testing.T) {
	_, srv := newGateway(t)
	owner, other := newIdentity(t), newIdentity(t)
	first := NewLink("home-1", owner)
	if err := first.Attach(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { first.Close() })
	host := strings.TrimPrefix(srv.URL, "http://")
	now := time.Now().UnixMilli()
	for _, tc := range []struct {
		name   string
		node   string
		signer *rpc.Identity // signs; the request names owner's address unless signer is other and claims is other
		claims *rpc.Identity
		host   string
		ts     int64
		status int
		want   string
	}{
		{"signed by another key", "home-2", other, owner, host, now, http.StatusForbidden, "bad signature"},
		{"for another gateway", "home-2", owner, owner, "10.0.0.9:7947", now, http.StatusForbidden, "bad signature"},
		{"stale", "home-2", owner, owner, host, now - int64(time.Hour/time.Millisecond), http.StatusForbidden, "stale"},
		{"name held by another key", "home-1", other, other, host, now, http.StatusConflict, "another key"},
		{"bad name", "a/b", owner, owner, host, now, http.StatusBadRequest, "node name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nonce := rpc.NewNonce()
			addr := tc.claims.Address().Hex()
			sig, _ := tc.signer.Sign(attachMessage(tc.node, addr, tc.host, tc.ts, nonce))
			req, _ := http.NewRequest("POST", srv.URL+AttachPath, nil)
			req.Header.Set(headerNode, tc.node)
			req.Header.Set(headerAddr, addr)
			req.Header.Set(headerTime, strconv.FormatInt(tc.ts, 10))
			req.Header.Set(headerNonce, nonce)
			req.Header.Set(headerSig, sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Fatalf("%s %q, want %d %q", resp.Status, b, tc.status, tc.want)
			}
		})
	}
	// A recorded attach sent again is refused: whoever saw it go by
	// cannot take the node's relay with it.
	nonce := rpc.NewNonce()
	addr := owner.Address().Hex()
	sig, _ := owner.Sign(attachMessage("home-3", addr, host, now, nonce))
	for i, want := range []int{http.StatusSwitchingProtocols, http.StatusForbidden} {
		req, _ := http.NewRequest("POST", srv.URL+AttachPath, nil)
		req.Header.Set(headerNode, "home-3")
		req.Header.Set(headerAddr, addr)
		req.Header.Set(headerTime, strconv.FormatInt(now, 10))
		req.Header.Set(headerNonce, nonce)
		req.Header.Set(headerSig, sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Fatalf("attach sent %d times: %s, want %d", i+1, resp.Status, want)
		}
	}
}

// TestGossipThroughTunnel: the link is memberlist's transport: packets
// and streams it sends leave from the node's gossip port on the gateway,
// and what arrives there reaches the node; a destination that is not a
// member is dropped.
func TestGossipThroughTunnel(t *testing.T) {
	member, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP("127.0.0.1")})
	if err != nil {
		t.Fatal(err)
	}
	defer member.Close()
	memberTCP, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer memberTCP.Close()
	stranger, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.ParseIP("127.0.0.1")})
	if err != nil {
		t.Fatal(err)
	}
	defer stranger.Close()
	g := NewGateway("127.0.0.1", func(addr string) bool {
		return addr == member.LocalAddr().String() || addr == memberTCP.Addr().String()
	}, nil)
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+AttachPath, g.ServeAttach)
	srv := httptest.NewServer(mux)
	defer func() { srv.Close(); g.Close() }()
	link := NewLink("home-1", newIdentity(t))
	if err := link.Attach(context.Background(), srv.URL); err != nil {
		t.Fatal(err)
	}
	defer link.Close()
	ip, port, err := link.FinalAdvertiseAddr("", 0)
	if err != nil {
		t.Fatal(err)
	}
	gossip := net.JoinHostPort(ip.String(), strconv.Itoa(port))
	deadline := time.Now().Add(10 * time.Second)
	member.SetDeadline(deadline)
	stranger.SetDeadline(time.Now().Add(500 * time.Millisecond))

	// Out: from the node's port on the gateway, to members only.
	link.WriteTo([]byte("not for you"), stranger.LocalAddr().String())
	link.WriteTo([]byte("ping"), member.LocalAddr().String())
	buf := make([]byte, 64)
	n, from, err := member.ReadFrom(buf)
	if err != nil || string(buf[:n]) != "ping" || from.String() != gossip {
		t.Fatalf("member got %q from %v (%v), want \"ping\" from %s", buf[:n], from, err, gossip)
	}
	if n, _, err := stranger.ReadFrom(buf); err == nil {
		t.Fatalf("a non-member got %q through the gateway", buf[:n])
	}
	// In: a packet to the node's port reaches the node.
	member.WriteTo([]byte("ack"), from)
	select {
	case p := <-link.PacketCh():
		if string(p.Buf) != "ack" || p.From.String() != member.LocalAddr().String() {
			t.Fatalf("node got %q from %v", p.Buf, p.From)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no packet reached the node")
	}
	// Streams both ways.
	out, err := link.DialTimeout(memberTCP.Addr().String(), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	c, err := memberTCP.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(out, "push")
	if got := readN(t, c, 4); got != "push" {
		t.Fatalf("member read %q", got)
	}
	in, err := net.Dial("tcp", gossip)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	io.WriteString(in, "pull")
	select {
	case s := <-link.StreamCh():
		defer s.Close()
		if got := readN(t, s, 4); got != "pull" {
			t.Fatalf("node read %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no stream reached the node")
	}
}

func readN(t *testing.T, r io.Reader, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		t.Fatal(err)
	}
	return string(b)
}
