package httplimit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// serve runs handler behind c on a real listener on 127.0.0.1 and
// returns its address.
func serve(t *testing.T, c Config, streaming bool, handler http.HandlerFunc) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := c.Server(c.Deadlines(func(*http.Request) bool { return streaming }, handler))
	go srv.Serve(c.Listen(ln, srv))
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// testConfig has short stall and body timeouts, so that the cases that
// must be cut are cut soon (and long enough that a loaded machine's
// pauses cut none of the others).
func testConfig() Config {
	c := DefaultConfig()
	c.BodyTimeout = time.Second
	c.StallTimeout = time.Second
	return c
}

// TestDeadlines: a stalled body or an unread response is cut, while a
// transfer that keeps moving, and a handler that works long before it
// answers, run past the timeouts.
func TestDeadlines(t *testing.T) {
	// 28 MB: far more than the client's socket buffer (set small below,
	// as loopback's own grow to 32 MB here) and the server's (4 MB) hold.
	big := bytes.Repeat([]byte("pixels "), 4<<20)
	tests := []struct {
		name      string
		streaming bool
		handler   http.HandlerFunc
		client    func(conn net.Conn) error // nil error: the transfer completed
		wantCut   bool
	}{
		{
			name: "body trickled past the body timeout", streaming: false,
			handler: func(rw http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) },
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n")
				return trickle(conn, 40, 100*time.Millisecond)
			},
			wantCut: true,
		},
		{
			name: "streamed body that keeps moving", streaming: true,
			handler: func(rw http.ResponseWriter, r *http.Request) {
				n, _ := io.Copy(io.Discard, r.Body)
				fmt.Fprintf(rw, "got %d", n)
			},
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\n")
				if err := trickle(conn, 40, 100*time.Millisecond); err != nil {
					return err
				}
				return expect(conn, "got 40")
			},
		},
		{
			name: "streamed body that stalls", streaming: true,
			handler: func(rw http.ResponseWriter, r *http.Request) {
				if n, err := io.Copy(io.Discard, r.Body); err == nil {
					fmt.Fprintf(rw, "got %d", n)
				}
			},
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n\r\nhalf")
				return expect(conn, "got 40") // never: the rest never comes
			},
			wantCut: true,
		},
		{
			name: "download read slowly to the end, longer than the stall timeout",
			handler: func(rw http.ResponseWriter, r *http.Request) {
				rw.Write(big) // one Write: its deadline must move as it goes
			},
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
				var n int
				for buf := make([]byte, 512<<10); n < len(big); {
					conn.SetReadDeadline(time.Now().Add(10 * time.Second))
					k, err := conn.Read(buf)
					n += k
					if err != nil {
						return fmt.Errorf("after %d bytes: %w", n, err)
					}
					time.Sleep(5 * time.Millisecond) // with the small socket buffer, about 10 MB/s
				}
				return nil
			},
		},
		{
			name: "download never read",
			handler: func(rw http.ResponseWriter, r *http.Request) {
				rw.Write(big)
			},
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
				time.Sleep(3 * time.Second) // the server's writes stall meanwhile
				conn.SetReadDeadline(time.Now().Add(10 * time.Second))
				n, err := io.Copy(io.Discard, conn)
				if err == nil && n < int64(len(big)) {
					err = fmt.Errorf("the response ended after %d bytes", n)
				}
				return err
			},
			wantCut: true,
		},
		{
			name: "handler works past the timeouts before its answer",
			handler: func(rw http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				select {
				case <-time.After(2500 * time.Millisecond):
					fmt.Fprint(rw, "rendered")
				case <-r.Context().Done():
				}
			},
			client: func(conn net.Conn) error {
				fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
				return expect(conn, "rendered")
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			addr := serve(t, testConfig(), tc.streaming, tc.handler)
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.(*net.TCPConn).SetReadBuffer(64 << 10)
			err = tc.client(conn)
			if cut := err != nil; cut != tc.wantCut {
				t.Fatalf("cut %v (%v), want %v", cut, err, tc.wantCut)
			}
		})
	}
}

// trickle sends n bytes, one per interval; an error means the server cut
// the connection.
func trickle(conn net.Conn, n int, interval time.Duration) error {
	for range n {
		if _, err := conn.Write([]byte("x")); err != nil {
			return err
		}
		time.Sleep(interval)
	}
	return nil
}

// expect reads the response until want appears, and errs if the
// connection ends first. It reads a byte at a time, so that nothing after
// want is consumed.
func expect(conn net.Conn, want string) error {
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	var got strings.Builder
	for b := make([]byte, 1); !strings.Contains(got.String(), want); {
		if _, err := conn.Read(b); err != nil {
			return fmt.Errorf("after %q: %w", got.String(), err)
		}
		got.Write(b)
	}
	return nil
}

// TestHijackedConnKeepsNoDeadline: a handler that takes the connection
// over (a NATed node's tunnel) gets it with no deadline, and none is set
// after it returns.
func TestHijackedConnKeepsNoDeadline(t *testing.T) {
	var hijacked atomic.Bool
	addr := serve(t, testConfig(), false, func(rw http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(rw).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		hijacked.Store(true)
		go func() {
			defer conn.Close()
			fmt.Fprintf(buf, "HTTP/1.1 101 Switching Protocols\r\n\r\n")
			buf.Flush()
			// An echo, long past every timeout of the server.
			for line, err := buf.ReadString('\n'); err == nil; line, err = buf.ReadString('\n') {
				buf.WriteString(line)
				buf.Flush()
			}
		}()
	})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
	if err := expect(conn, "101 Switching Protocols\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // past the body and stall timeouts
	fmt.Fprintf(conn, "still here\n")
	if err := expect(conn, "still here\n"); err != nil || !hijacked.Load() {
		t.Fatalf("the hijacked connection after the timeouts: %v", err)
	}
}

// TestSourceCap: connections over the per-source cap are answered 429
// naming the limit and closed; a closed connection frees its slot.
func TestSourceCap(t *testing.T) {
	c := DefaultConfig()
	c.MaxConnsPerSource = 3
	addr := serve(t, c, false, func(rw http.ResponseWriter, r *http.Request) { fmt.Fprint(rw, "ok") })
	var held []net.Conn
	for range 3 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		held = append(held, conn)
	}
	// The server accepts in order: a request on the last held one is
	// answered, so the three are counted before the fourth arrives.
	fmt.Fprintf(held[2], "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	if err := expect(held[2], "ok"); err != nil {
		t.Fatal(err)
	}
	over, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer over.Close()
	if err := expect(over, "429 Too Many Requests"); err != nil {
		t.Fatal(err)
	}
	if err := expect(over, "the limit is 3 per source"); err != nil {
		t.Fatal(err)
	}
	held[0].Close()
	resp, err := retryGet(addr)
	if err != nil || resp != "ok" {
		t.Fatalf("after one closed, a new connection: %q, %v", resp, err)
	}
}

// retryGet GETs / until a connection is kept (the freed slot is given
// back when the server notices the close).
func retryGet(addr string) (string, error) {
	var err error
	for range 100 {
		var resp *http.Response
		tr := &http.Transport{}
		resp, err = (&http.Client{Transport: tr}).Get("http://" + addr + "/")
		if err == nil && resp.StatusCode == http.StatusOK {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			tr.CloseIdleConnections()
			return string(b), nil
		}
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("status %s", resp.Status)
		}
		tr.CloseIdleConnections()
		time.Sleep(20 * time.Millisecond)
	}
	return "", err
}

// TestSource: what a connection counts against.
func TestSource(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.ParseIP("203.0.113.7"), Port: 1}, "203.0.113.7"},
		{&net.TCPAddr{IP: net.ParseIP("::ffff:203.0.113.7"), Port: 1}, "203.0.113.7"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:aaaa::1"), Port: 1}, "2001:db8:1:2::/64"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:bbbb::9"), Port: 2}, "2001:db8:1:2::/64"},
		{&net.UnixAddr{Name: "/run/conun.sock", Net: "unix"}, "/run/conun.sock"},
	}
	for _, tc := range tests {
		if got := Source(tc.addr); got != tc.want {
			t.Errorf("Source(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// TestServerBounds: the server's own bounds, on a real connection: headers
// over MaxHeaderBytes are refused with 431, headers that take longer than
// ReadHeaderTimeout and a keep-alive connection idle past IdleTimeout are
// closed.
func TestServerBounds(t *testing.T) {
	c := testConfig()
	c.MaxHeaderBytes = 4 << 10
	c.ReadHeaderTimeout = time.Second
	c.IdleTimeout = time.Second
	addr := serve(t, c, false, func(rw http.ResponseWriter, r *http.Request) { fmt.Fprint(rw, "ok") })
	tests := []struct {
		name   string
		client func(conn net.Conn) error // nil: the server answered as wanted
	}{
		{"header too large", func(conn net.Conn) error {
			fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 8<<10))
			return expect(conn, "431 Request Header Fields Too Large")
		}},
		{"headers too slow", func(conn net.Conn) error {
			fmt.Fprintf(conn, "GET / HTTP/1.1\r\n")
			if err := trickle(conn, 30, 100*time.Millisecond); err == nil {
				return expectClosed(conn)
			}
			return nil // cut while trickling
		}},
		{"idle keep-alive", func(conn net.Conn) error {
			fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
			if err := expect(conn, "ok"); err != nil {
				return err
			}
			return expectClosed(conn) // after IdleTimeout, with no request
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if err := tc.client(conn); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// expectClosed waits for the server to close conn (reading whatever it
// still sends), and errs if it stays open for 10 s.
func expectClosed(conn net.Conn) error {
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := io.Copy(io.Discard, conn)
	if os.IsTimeout(err) {
		return errors.New("the server kept the connection open")
	}
	return nil
}

// TestShedWhenCrowded: slow connections (from one source here, the
// per-source cap off, as from many) that fill a listener to its cap are
// shed once they have not sent a request within CrowdedHeaderTimeout:
// another client is served instead of waiting out ReadHeaderTimeout.
func TestShedWhenCrowded(t *testing.T) {
	c := DefaultConfig()
	c.MaxConns, c.MaxConnsPerSource = 16, 0 // shed from 14 on
	c.CrowdedHeaderTimeout = 500 * time.Millisecond
	c.ReadHeaderTimeout = time.Minute
	addr := serve(t, c, false, func(rw http.ResponseWriter, r *http.Request) { fmt.Fprint(rw, "ok") })
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\n") // and never the rest
		return conn
	}
	var slow []net.Conn
	for range 16 {
		slow = append(slow, dial()) // the listener is full: 16 of 16
	}
	// Another client waits in the backlog (the listener accepts nothing
	// while full) until the slow ones are shed.
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	resp, err := hc.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("another client, with the listener full of slow connections: %v", err)
	}
	resp.Body.Close()
	// Shedding goes on while the listener is crowded, not until every slow
	// connection is gone: on a loaded machine some are accepted late and
	// are still young when the sweep that uncrowds the listener runs, and
	// those wait out ReadHeaderTimeout like any slow client. So the bound
	// is that fewer than the shedding threshold stay.
	var open atomic.Int32
	var wg sync.WaitGroup
	for _, conn := range slow {
		wg.Go(func() {
			if expectClosed(conn) != nil {
				open.Add(1)
			}
		})
	}
	wg.Wait()
	if n := open.Load(); n >= 14 {
		t.Fatalf("%d of %d slow connections kept open: the listener stayed crowded", n, len(slow))
	}
}
