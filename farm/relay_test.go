package farm_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/farm/tunnel"
	"github.com/conun/conun/tiler"
)

// TestBehindNAT: a node behind NAT opens no listener of its own; it
// finds a gateway among the members behind --join, is told the cluster's
// gossip and RPC through it, and renders its share of a job.
func TestBehindNAT(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.BehindNAT = i == 2
	})
	nat := nodes[2]
	gateway := ""
	for _, n := range nodes[:2] {
		if strings.HasPrefix(nat.RPCURL(), n.RPCURL()+tunnel.RelayPrefix) {
			gateway = n.Name()
		}
	}
	if gateway == "" || !strings.HasSuffix(nat.RPCURL(), "/"+nat.Name()) {
		t.Fatalf("NATed node advertises %s: not a relay URL on node-1 or node-2", nat.RPCURL())
	}
	for _, m := range nodes[0].Members() {
		if m.ID == nat.Name() && m.Gossip == nat.GossipAddr() && m.API == nat.RPCURL() {
			t.Logf("%s: gossip at %s, RPC at %s (gateway %s)", m.ID, m.Gossip, m.API, gateway)
		}
	}
	rep := farmtest.RunJob(t, api.NewClient(nodes[0].URL()), func(s *api.JobSpec) {
		s.Resolution.Width, s.Resolution.Height = 64, 48
		s.Tiles.Cols, s.Tiles.Rows = 6, 4
	})
	rendered := map[string]int{}
	for _, nr := range rep.Nodes {
		rendered[nr.Node] = nr.Tasks
	}
	if rendered[nat.Name()] == 0 {
		t.Fatalf("the NATed node rendered nothing: %+v", rep.Nodes)
	}
}

// TestNATNodeDoesNotFlap: memberlist probes the NATed node at its gossip
// port on the gateway, and the probes and acks go through the tunnel, so
// nobody ever sees it leave. With the fast test timings a member that
// does not answer is declared dead within about a second; watching for
// several seconds would have seen it go.
func TestNATNodeDoesNotFlap(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.BehindNAT = i == 2
	})
	nat := nodes[2].Name()
	for end := time.Now().Add(6 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		for _, n := range nodes {
			if len(n.Members()) != 3 {
				t.Fatalf("%s sees %d members, want 3 (%s among them): %+v", n.Name(), len(n.Members()), nat, n.Members())
			}
		}
	}
}

// TestTamperingGateway: a gateway that alters the tiles it relays (it
// decodes each PNG answer, changes one pixel and encodes it again, so the
// answer is still a well-formed tile of the right size) gets the NATed
// node's results refused for their signature (the worker signed the bytes
// it sent), never accepted; the others render the job. The NATed node is
// not blamed: what it did not sign may be its gateway's doing, so its
// refused answers are requeued as unreachable, never counted as its
// failures, and nobody is convicted. The coordinator says so in its next
// lease to the node, under its own signature, and the node leaves that
// gateway for a member, where its tiles are accepted.
func TestTamperingGateway(t *testing.T) {
	// A dishonest gateway need not keep its rules: it sends anywhere.
	g := tunnel.NewGateway("127.0.0.1", func(string) bool { return true }, nil)
	t.Cleanup(g.Close)
	var altered atomic.Int64
	var alteredMu sync.Mutex
	alteredHashes := map[string]bool{} // sha256 of every tile it altered
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+tunnel.AttachPath, g.ServeAttach)
	mux.HandleFunc(tunnel.RelayPrefix, func(rw http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		g.ServeRelay(rec, r)
		body := rec.Body.Bytes()
		if img, err := png.Decode(bytes.NewReader(body)); err == nil && rec.Code == http.StatusOK {
			m := image.NewNRGBA64(img.Bounds())
			draw.Draw(m, m.Bounds(), img, img.Bounds().Min, draw.Src)
			c := m.NRGBA64At(m.Rect.Min.X, m.Rect.Min.Y)
			c.R ^= 0xffff
			m.SetNRGBA64(m.Rect.Min.X, m.Rect.Min.Y, c)
			var b bytes.Buffer
			png.Encode(&b, m)
			body = b.Bytes()
			altered.Add(1)
			sum := sha256.Sum256(body)
			alteredMu.Lock()
			alteredHashes[hex.EncodeToString(sum[:])] = true
			alteredMu.Unlock()
		}
		maps.Copy(rw.Header(), rec.Header())
		rw.Header().Del("Content-Length")
		rw.WriteHeader(rec.Code)
		rw.Write(body)
	})
	evil := httptest.NewServer(mux)
	t.Cleanup(evil.Close)

	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.BehindNAT, c.Gateways = true, []string{evil.URL}
			c.GatewayStay = time.Millisecond // it leaves as soon as told
			// Starved of leases (each refused answer backs it off), it
			// asks the coordinators itself: every 2 s, not the default
			// 30 s, which on a loaded CI machine left it at the gateway
			// past the test's minute (577 jobs, none leased to it).
			c.WayCheck = 2 * time.Second
		}
	})
	nat := nodes[2].Name()
	c := api.NewClient(nodes[0].URL())
	onEvil := func() bool { return strings.HasPrefix(nodes[2].RPCURL(), evil.URL) }
	tasksOf := func(rep api.Report) int {
		for _, nr := range rep.Nodes {
			if nr.Node == nat {
				return nr.Tasks
			}
		}
		return 0
	}
	noAltered := func(rep api.Report) {
		t.Helper()
		alteredMu.Lock()
		defer alteredMu.Unlock()
		for _, tr := range rep.Tasks {
			if alteredHashes[tr.Hash] {
				t.Errorf("task %d of job %s accepted as a tile the gateway altered", tr.Index, rep.JobID)
			}
		}
	}
	rep := farmtest.RunJob(t, c, nil)
	noAltered(rep)
	for _, cv := range rep.Convictions {
		t.Errorf("honest node convicted: %+v", cv)
	}
	if altered.Load() == 0 {
		t.Fatal("the gateway altered no tile: the NATed node was never leased one")
	}
	reasons := map[api.RequeueReason]int{}
	if _, err := c.Events(context.Background(), rep.JobID, func(ev api.Event) error {
		if ev.Type == api.EventRequeued && ev.Node == nat {
			reasons[ev.Reason]++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if reasons[api.RequeueFailed] > 0 || reasons[api.RequeueUnreachable] == 0 {
		t.Errorf("%s's leases requeued %v: want its altered answers requeued as unreachable, none as failed", nat, reasons)
	}
	resp, err := http.Get(nodes[0].URL() + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "conun_rpc_bad_signatures_total 0\n") {
		t.Fatalf("%d altered tiles, none refused for its signature", altered.Load())
	}

	// Jobs until it moved and rendered: after each refused answer the
	// coordinator leaves it alone for a few seconds (unreachableBackoff).
	deadline := time.Now().Add(time.Minute)
	for i := 1; onEvil() || tasksOf(rep) == 0; i++ {
		if time.Now().After(deadline) {
			t.Fatalf("after %d jobs %s is at %s and rendered %d tiles of the last: it never left the gateway that alters its tiles", i, nat, nodes[2].RPCURL(), tasksOf(rep))
		}
		rep = farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Nonce = fmt.Sprintf("%s-%d", t.Name(), i) })
		noAltered(rep)
		for _, cv := range rep.Convictions {
			t.Errorf("honest node convicted: %+v", cv)
		}
	}
	t.Logf("%s moved to %s and rendered %d tiles of job %s (%d tiles altered before)", nat, nodes[2].RPCURL(), tasksOf(rep), rep.JobID, altered.Load())
	resp, err = http.Get(nodes[2].URL() + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b, err = io.ReadAll(resp.Body); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "conun_gateways_left_total 0\n") {
		t.Errorf("%s moved but counts no gateway left", nat)
	}
}

// TestDetectNAT: a joining node asks a member to dial its RPC address
// back and goes behind NAT when the member cannot (here: it advertises an
// address its requests do not come from, as a node behind a router does).
func TestDetectNAT(t *testing.T) {
	for _, tc := range []struct {
		name      string
		advertise string
		wantNAT   bool
	}{
		{"reachable", "", false},
		{"advertises an address it is not seen at", "127.0.0.2", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				if i == 1 {
					c.DetectNAT, c.ListenAddr, c.Advertise = true, "127.0.0.1:0", tc.advertise
				}
			})
			relayed := strings.Contains(nodes[1].RPCURL(), tunnel.RelayPrefix)
			if relayed != tc.wantNAT {
				t.Fatalf("RPC URL %s: relayed %v, want %v", nodes[1].RPCURL(), relayed, tc.wantNAT)
			}
			rep := farmtest.RunJob(t, api.NewClient(nodes[0].URL()), nil)
			if len(rep.Nodes) != 2 {
				t.Fatalf("%d of 2 nodes rendered: %+v", len(rep.Nodes), rep.Nodes)
			}
		})
	}
}

// TestGatewayLost: when its gateway dies, a node behind NAT attaches to
// another member, the cluster learns its new addresses, and it renders
// again.
func TestGatewayLost(t *testing.T) {
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		c.BehindNAT = i == 3

	})
	nat := nodes[3]
	var gateway *farm.Node
	var alive []*farm.Node
	for _, n := range nodes[:3] {
		if strings.HasPrefix(nat.RPCURL(), n.RPCURL()+"/") {
			gateway = n
		} else {
			alive = append(alive, n)
		}
	}
	if gateway == nil {
		t.Fatalf("no gateway for %s", nat.RPCURL())
	}
	killed := time.Now()
	gateway.Kill()
	relayed := func(n *farm.Node) string {
		for _, m := range n.Members() {
			if m.ID == nat.Name() && !strings.HasPrefix(m.API, gateway.RPCURL()+"/") {
				return m.API
			}
		}
		return ""
	}
	farmtest.Until(t, "the others see the NATed node at a new gateway", func() bool {
		return relayed(alive[0]) != "" && relayed(alive[1]) != ""
	})
	t.Logf("%s re-listed at %s %v after its gateway died", nat.Name(), relayed(alive[0]), time.Since(killed).Round(time.Millisecond))
	rep := farmtest.RunJob(t, api.NewClient(alive[0].URL()), func(s *api.JobSpec) {
		s.Resolution.Width, s.Resolution.Height = 64, 48
		s.Tiles.Cols, s.Tiles.Rows = 6, 4
	})
	rendered := map[string]int{}
	for _, nr := range rep.Nodes {
		rendered[nr.Node] = nr.Tasks
	}
	if rendered[nat.Name()] == 0 {
		t.Fatalf("the NATed node rendered nothing after moving: %+v", rep.Nodes)
	}
	// As a coordinator, the moved node hands out its new relay URL for
	// its scenes: the others fetch them there (a scene none holds yet).
	rep = farmtest.RunJob(t, api.NewClient(nat.URL()), func(s *api.JobSpec) {
		s.SceneName = "spheres.glb"
		s.Resolution.Width, s.Resolution.Height = 64, 48
		s.Tiles.Cols, s.Tiles.Rows = 6, 4
	})
	if len(rep.Nodes) < 2 {
		t.Fatalf("a job coordinated behind NAT after moving rendered on %+v only", rep.Nodes)
	}
}

// TestStarvingGateway: a gateway that keeps every lease from its node
// (it answers each in the node's name, or hangs up on it) while it relays
// the rest, so the node stays a member that never renders. The lease
// that would tell the node so crosses that gateway too; the node asks the
// coordinating members directly (wayask.go), hears its run of faults
// there, and moves to a member, where it renders. Before, it stayed on
// that gateway, rendering nothing, for as long as both ran. With an
// impostor (a member that gossips the starved node's key, reached
// directly, which a gateway's owner can start), the coordinator answered
// for the impostor's URL, and the starved node heard nothing.
func TestStarvingGateway(t *testing.T) {
	badGateway := func(rw http.ResponseWriter) { http.Error(rw, "bad gateway", http.StatusBadGateway) }
	for _, tc := range []struct {
		name     string
		refuse   func(rw http.ResponseWriter)
		impostor bool
	}{
		{"answers in its name", badGateway, false},
		{"hangs up", func(rw http.ResponseWriter) {
			if conn, _, err := http.NewResponseController(rw).Hijack(); err == nil {
				conn.Close()
			}
		}, false},
		{"with an impostor", badGateway, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evil, kept := starvingGateway(t, tc.refuse)
			n := 3
			if tc.impostor {
				n = 4
			}
			key, _ := rpc.NewIdentity()
			nodes := farmtest.Start(t, n, func(i int, c *farm.NodeConfig) {
				if i == 2 {
					c.BehindNAT, c.Gateways = true, []string{evil.URL}
					c.GatewayStay = time.Millisecond
					c.WayCheck = 100 * time.Millisecond
				}
				if i >= 2 {
					c.Identity = key // node-4, the impostor, sorts after node-3
				}
			})
			nat := nodes[2]
			c := api.NewClient(nodes[0].URL())
			onEvil := func() bool { return strings.HasPrefix(nat.RPCURL(), evil.URL) }
			if !onEvil() {
				t.Fatalf("%s attached at %s, not at the test's gateway", nat.Name(), nat.RPCURL())
			}
			tasksOf := func(rep api.Report) int {
				for _, nr := range rep.Nodes {
					if nr.Node == nat.Name() {
						return nr.Tasks
					}
				}
				return 0
			}
			var rep api.Report
			deadline := time.Now().Add(time.Minute)
			for i := 0; onEvil() || tasksOf(rep) == 0; i++ {
				if time.Now().After(deadline) {
					t.Fatalf("after %d jobs %s is at %s and rendered %d tiles of the last (%d leases kept from it): it never left the gateway that starves it", i, nat.Name(), nat.RPCURL(), tasksOf(rep), kept.Load())
				}
				rep = farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Nonce = fmt.Sprintf("%s-%d", t.Name(), i) })
				for _, cv := range rep.Convictions {
					t.Errorf("honest node convicted: %+v", cv)
				}
			}
			if kept.Load() == 0 {
				t.Fatal("the gateway kept no lease: the NATed node was never leased one there")
			}
			t.Logf("%s moved to %s and rendered %d tiles of job %s (%d leases kept from it before)", nat.Name(), nat.RPCURL(), tasksOf(rep), rep.JobID, kept.Load())
		})
	}
}

// TestStarvedNodeLeftAlone: while a node stays on a gateway that keeps
// every lease from it (it has not asked the coordinators yet), the
// coordinator leaves it alone there after a couple of faults, checks
// included: it picked the node as a checker for nearly every job, each
// check failing at the gateway (37-55 leases and checks in 40 jobs before,
// 2-3 after).
func TestStarvedNodeLeftAlone(t *testing.T) {
	evil, kept := starvingGateway(t, func(rw http.ResponseWriter) {
		http.Error(rw, "bad gateway", http.StatusBadGateway)
	})
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.BehindNAT, c.Gateways = true, []string{evil.URL}
			c.WayCheck = time.Hour // it does not ask in this test
		}
	})
	c := api.NewClient(nodes[0].URL())
	const jobs, most = 40, 16
	for i := range jobs {
		farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Nonce = fmt.Sprintf("%s-%d", t.Name(), i) })
	}
	if k := kept.Load(); k == 0 || k > most {
		t.Fatalf("%d leases and checks kept from the node by its gateway in %d jobs: want 1 to %d (a couple of faults, then it is left alone there)", k, jobs, most)
	}
	t.Logf("%d leases and checks kept from the node in %d jobs", kept.Load(), jobs)
}

// starvingGateway is a gateway that relays everything but leases and
// checks (POST /rpc/v1/render), which it answers with refuse, counting
// them in kept.
func starvingGateway(t *testing.T, refuse func(rw http.ResponseWriter)) (evil *httptest.Server, kept *atomic.Int64) {
	g := tunnel.NewGateway("127.0.0.1", func(string) bool { return true }, nil)
	t.Cleanup(g.Close)
	kept = new(atomic.Int64)
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+tunnel.AttachPath, g.ServeAttach)
	mux.HandleFunc(tunnel.RelayPrefix, func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/rpc/v1/render") {
			kept.Add(1)
			refuse(rw)
			return
		}
		g.ServeRelay(rw, r)
	})
	evil = httptest.NewServer(mux)
	t.Cleanup(evil.Close)
	return evil, kept
}

// TestLyingCoordinatorMovesNodeOnce: a coordinator that tells a node
// behind NAT, falsely and over and over, that its gateway keeps its
// answers (in answer to the node's own question, wayask.go) moves it at
// most once per GatewayStay: it cannot keep the node moving, unreachable
// while it does, to have the leases to itself; other coordinators lease
// to it where it is.
func TestLyingCoordinatorMovesNodeOnce(t *testing.T) {
	farm.SetCoordinatingLinger(t, time.Hour) // the liar gossips it coordinates throughout
	const stay = 2 * time.Second
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		if i == 3 {
			c.BehindNAT, c.GatewayStay, c.WayCheck = true, stay, 100*time.Millisecond
		}
	})
	liar, nat := nodes[0], nodes[3]
	c := api.NewClient(liar.URL())
	farmtest.RunJob(t, c, nil)
	start := time.Now()
	for time.Since(start) < 4*stay {
		liar.SayGatewayFails(nat.Name(), 2)
		time.Sleep(50 * time.Millisecond)
	}
	elapsed := time.Since(start)
	left, most := nat.GatewaysLeft(), int64(elapsed/stay)+1
	if left == 0 || left > most {
		t.Fatalf("%s left %d gateways in %v on the liar's word: want 1 to %d (once per GatewayStay %v)", nat.Name(), left, elapsed.Round(time.Millisecond), most, stay)
	}
	// Another coordinator leases to it where it is now.
	farmtest.Until(t, "node-2 lists "+nat.Name()+" where it is", func() bool {
		for _, m := range nodes[1].Members() {
			if m.ID == nat.Name() {
				return m.API == nat.RPCURL()
			}
		}
		return false
	})
	rep := farmtest.RunJob(t, api.NewClient(nodes[1].URL()), func(s *api.JobSpec) {
		s.Nonce, s.Resolution, s.Tiles = t.Name()+"-after", tiler.Resolution{Width: 64, Height: 48}, tiler.Grid{Cols: 6, Rows: 4}
	})
	rendered := 0
	for _, nr := range rep.Nodes {
		if nr.Node == nat.Name() {
			rendered = nr.Tasks
		}
	}
	if rendered == 0 {
		t.Fatalf("%s rendered nothing of another coordinator's job after the liar's word: %+v", nat.Name(), rep.Nodes)
	}
	t.Logf("%s left %d gateways in %v on the liar's word (at most %d), then rendered %d tiles of another coordinator's job", nat.Name(), left, elapsed.Round(time.Millisecond), most, rendered)
}
