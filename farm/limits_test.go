package farm_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/httplimit"
)

// The attacker runs as a separate process (this test binary again, as
// os/exec's own tests do), so the file descriptors this process holds are
// the nodes' alone.
const (
	envAttack     = "CONUN_TEST_ATTACK"      // comma-separated host:port targets
	envAttackMode = "CONUN_TEST_ATTACK_MODE" // headers or body
	envAttackN    = "CONUN_TEST_ATTACK_CONNS"
	envAttackFrom = "CONUN_TEST_ATTACK_FROM" // the source IPs, comma-separated
)

// TestHelperAttacker is the attacker process: it opens CONUN_TEST_ATTACK_CONNS
// connections to each target from its sources, says per target how many
// the node kept and how many it refused at once, then trickles a request
// (a header line, or one body byte, each half second) on every kept one
// until its stdin closes.
func TestHelperAttacker(t *testing.T) {
	targets := os.Getenv(envAttack)
	if targets == "" {
		return // not the helper
	}
	n, _ := strconv.Atoi(os.Getenv(envAttackN))
	var dialers []*net.Dialer
	for _, ip := range strings.Split(os.Getenv(envAttackFrom), ",") {
		dialers = append(dialers, &net.Dialer{Timeout: 2 * time.Second, LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}})
	}
	var held []net.Conn
	for _, target := range strings.Split(targets, ",") {
		// Dialled by a pool: a node that stopped accepting leaves dials
		// waiting in its full backlog, and they must not wait in turn.
		conns := make([]net.Conn, n)
		next := make(chan int)
		var pool sync.WaitGroup
		for range 128 {
			pool.Go(func() {
				for i := range next {
					c, err := dialers[i%len(dialers)].Dial("tcp", target)
					if err != nil {
						continue // unanswered
					}
					if os.Getenv(envAttackMode) == "body" {
						fmt.Fprintf(c, "POST /v1/jobs HTTP/1.1\r\nHost: victim\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
					} else {
						fmt.Fprintf(c, "GET /v1/jobs HTTP/1.1\r\nHost: victim\r\n")
					}
					conns[i] = c
				}
			})
		}
		for i := range n {
			next <- i
		}
		close(next)
		pool.Wait()
		// A refused connection is answered and closed at once; a kept one
		// waits for the rest of a request that never comes (the test's
		// node timeouts are longer than this look).
		kept := make([]bool, n)
		var wg sync.WaitGroup
		for i, c := range conns {
			if c == nil {
				continue
			}
			wg.Go(func() {
				c.SetReadDeadline(time.Now().Add(2 * time.Second))
				_, err := c.Read(make([]byte, 1))
				kept[i] = err != nil && os.IsTimeout(err)
			})
		}
		wg.Wait()
		var k, refused int
		for i, c := range conns {
			if c == nil {
				continue
			}
			if !kept[i] {
				refused++
				c.Close()
				continue
			}
			k++
			c.SetReadDeadline(time.Time{})
			held = append(held, c)
		}
		fmt.Printf("ready %s %d %d %d\n", target, k, refused, n-k-refused)
	}
	stop := make(chan struct{})
	go func() { io.Copy(io.Discard, os.Stdin); close(stop) }()
	for {
		select {
		case <-stop:
			for _, c := range held {
				c.Close()
			}
			os.Exit(0)
		case <-time.After(500 * time.Millisecond):
		}
		for _, c := range held {
			if os.Getenv(envAttackMode) == "body" {
				c.Write([]byte(" "))
			} else {
				c.Write([]byte("X-Slow: 1\r\n"))
			}
		}
	}
}

// attacker is a running attacker process.
type attacker struct {
	cmd   *exec.Cmd
	stdin io.Closer
	// kept, refused and unanswered count, per target, the connections
	// the node kept (or that wait in its backlog), the ones it refused at
	// once, and the dials nothing answered.
	kept, refused, unanswered map[string]int
}

// attack starts an attacker with conns connections per target from the
// source IPs from (comma-separated, used in turn), and returns once it has
// sorted them all.
func attack(t *testing.T, mode, from string, conns int, targets []string) *attacker {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperAttacker$")
	cmd.Env = append(os.Environ(), envAttack+"="+strings.Join(targets, ","), envAttackMode+"="+mode,
		envAttackN+"="+strconv.Itoa(conns), envAttackFrom+"="+from)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	a := &attacker{cmd: cmd, stdin: stdin, kept: map[string]int{}, refused: map[string]int{}, unanswered: map[string]int{}}
	t.Cleanup(func() { a.stop() })
	sc := bufio.NewScanner(stdout)
	for range targets {
		if !sc.Scan() {
			t.Fatalf("the attacker ended early: %v", sc.Err())
		}
		var target string
		var kept, refused, unanswered int
		if _, err := fmt.Sscanf(sc.Text(), "ready %s %d %d %d", &target, &kept, &refused, &unanswered); err != nil {
			t.Fatalf("attacker: %s", sc.Text())
		}
		a.kept[target], a.refused[target], a.unanswered[target] = kept, refused, unanswered
	}
	go io.Copy(io.Discard, stdout)
	return a
}

// stop closes the attacker's connections and waits for it to exit.
func (a *attacker) stop() {
	if a.stdin != nil {
		a.stdin.Close()
		a.cmd.Wait()
		a.stdin = nil
	}
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("NOT TESTED: needs /proc/self/fd (Linux) to count file descriptors")
	}
	return len(fds)
}

// hostOf is the host:port of a base URL.
func hostOf(t *testing.T, base string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// getText GETs url with hc and returns the body.
func getText(t *testing.T, hc *http.Client, url string) string {
	t.Helper()
	resp, err := hc.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// clientFrom is an API client whose connections come from the source IP.
func clientFrom(base, ip string) (*api.Client, *http.Transport) {
	tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}).DialContext}
	c := api.NewClient(base)
	c.HTTP = &http.Client{Transport: tr}
	return c, tr
}

// TestSlowConnections: an attacker holding slow connections from one
// source gets at most the per-source cap of each listener (the client API
// shared with RPC, a client API alone, an RPC listener alone), the rest
// refused at once with 429. Another source's API requests and the
// cluster's signed RPC meanwhile run a whole job across both nodes. What
// the attacker held is given back: when it leaves, or when the node's
// header or body timeout ends it first; then the nodes' file descriptors
// and goroutines are back near where they were.
func TestSlowConnections(t *testing.T) {
	const perSource, conns = 64, 150
	tests := []struct {
		name      string
		mode      string        // how the attacker is slow
		timeout   time.Duration // the nodes' header and body timeouts
		runJob    bool          // a job runs during the attack
		theyLeave bool          // the attacker closes (else the node must cut it)
	}{
		{"trickled headers, attacker leaves", "headers", 10 * time.Minute, true, true},
		{"trickled headers, header timeout cuts", "headers", 5 * time.Second, false, false},
		{"trickled body, body timeout cuts", "body", 5 * time.Second, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.HTTP = httplimit.DefaultConfig()
				c.HTTP.MaxConnsPerSource = perSource
				c.HTTP.ReadHeaderTimeout = tc.timeout
				c.HTTP.BodyTimeout = tc.timeout
				if i == 1 {
					c.ListenAddr = "127.0.0.1:0" // RPC on a listener of its own
				}
			})
			c, tr := clientFrom(nodes[0].URL(), "127.0.0.2")
			if tc.runJob {
				farmtest.RunJob(t, c, nil) // warms the cluster's connections up
			}
			tr.CloseIdleConnections()
			fds, goroutines := openFDs(t), runtime.NumGoroutine()
			targets := []string{hostOf(t, nodes[0].URL()), hostOf(t, nodes[1].URL()), hostOf(t, nodes[1].RPCURL())}
			a := attack(t, tc.mode, "127.0.0.9", conns, targets)
			for _, target := range targets {
				if a.kept[target] != perSource || a.refused[target] != conns-perSource {
					t.Errorf("%s kept %d and refused %d of %d connections from one source; want %d kept",
						target, a.kept[target], a.refused[target], conns, perSource)
				}
			}
			// Node 1's one listener refused the attacker's extra connections.
			metrics := getText(t, c.HTTP, nodes[0].URL()+"/v1/metrics")
			if want := fmt.Sprintf("conun_http_conns_refused_total %d\n", conns-perSource); !strings.Contains(metrics, want) {
				t.Errorf("node-1's metrics lack %q", want)
			}
			during := openFDs(t)
			t.Logf("file descriptors: %d before, %d under attack (%d connections kept on %d listeners)", fds, during, len(targets)*perSource, len(targets))
			if during > fds+len(targets)*perSource+32 {
				t.Errorf("under attack the nodes hold %d file descriptors, more than %d before and the %d the cap allows", during, fds, len(targets)*perSource)
			}
			if tc.runJob {
				rep := farmtest.RunJob(t, c, nil)
				if len(rep.Nodes) != 2 {
					t.Fatalf("%d of 2 nodes rendered under attack: the RPC between them did not get through", len(rep.Nodes))
				}
				tr.CloseIdleConnections()
			}
			if tc.theyLeave {
				a.stop()
			}
			farmtest.Until(t, "file descriptors and goroutines back near where they were", func() bool {
				return openFDs(t) <= fds+16 && runtime.NumGoroutine() <= goroutines+32
			})
			t.Logf("after: %d file descriptors (%d before), %d goroutines (%d before)", openFDs(t), fds, runtime.NumGoroutine(), goroutines)
			if !tc.theyLeave {
				// The node cut them while the attacker still holds on: a
				// new request from its source is served again.
				ac, atr := clientFrom(nodes[0].URL(), "127.0.0.9")
				if _, err := ac.Jobs(context.Background()); err != nil {
					t.Fatalf("after the cut, the attacker's source is still shut out: %v", err)
				}
				atr.CloseIdleConnections()
			}
		})
	}
}

// TestNATCallersNotOneSource: a node behind NAT serves its RPC over its
// gateway's tunnel, where every connection comes from the gateway. Slow
// callers from more sources than the per-source cap, each within it at the
// gateway, all get through to the NATed node, and another caller is still
// served: the tunnel is not capped as one source.
func TestNATCallersNotOneSource(t *testing.T) {
	const perSource, callers = 2, 4
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.HTTP = httplimit.DefaultConfig()
		c.HTTP.MaxConnsPerSource = perSource
		c.BehindNAT = i == 1
	})
	relay, err := url.Parse(nodes[1].RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	for i := range callers {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(fmt.Sprintf("127.0.0.%d", 2+i))}}
		conn, err := d.Dial("tcp", relay.Host)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		// A claim whose body trickles: the gateway passes it on as it
		// comes, so the NATed node holds a tunnel connection for it.
		fmt.Fprintf(conn, "POST %s/rpc/v1/claims HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", relay.Path, relay.Host)
		conn.SetReadDeadline(time.Now().Add(2 * time.Second))
		if b, err := io.ReadAll(conn); !os.IsTimeout(err) {
			t.Fatalf("slow caller %d of %d was answered at once: %q, %v", i+1, callers, b, err)
		}
	}
	c, tr := clientFrom(nodes[0].URL(), "127.0.0.9")
	defer tr.CloseIdleConnections()
	resp, err := c.HTTP.Get(nodes[1].RPCURL() + "/rpc/v1/blobs/" + strings.Repeat("0", 64))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The NATed node itself answers (blobs are for signed members: a 401
	// naming the signature), not the gateway's 429 for one source.
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "X-Conun-Signed") {
		t.Fatalf("another caller through the gateway, with %d slow ones held: %s %s; want the NATed node's 401", callers, resp.Status, body)
	}
}
