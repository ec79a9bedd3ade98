package farm_test

import (
	"bytes"
	"context"
	crand "crypto/rand"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/blobstore"
	"github.com/conun/conun/farm/farmtest"
)

// uploadRandom puts size random bytes on node n and returns them, their
// hash and their piece manifest's root (what a lease names).
func uploadRandom(t testing.TB, n *farm.Node, size int) ([]byte, string, string) {
	t.Helper()
	data := make([]byte, size)
	crand.Read(data)
	h, err := api.NewClient(n.URL()).Upload(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	m, err := blobstore.NewManifest(bytes.NewReader(data), int64(size))
	if err != nil {
		t.Fatal(err)
	}
	return data, h, m.Root()
}

// TestScenePiecesFromPeers: real nodes over real sockets (memberlist,
// signed member GETs): a coordinator capped at 1 MB/s up and three
// workers fetching its 4 MB scene at once, each naming the workers leased
// before it, as leases do. Every worker ends with the scene intact, and
// the later workers got pieces from their peers, not only the coordinator.
func TestScenePiecesFromPeers(t *testing.T) {
	nodes := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		if i == 0 {
			c.UploadLimit = 1 << 20
		}
	})
	data, h, root := uploadRandom(t, nodes[0], 4<<20)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(nodes))
	for i := 1; i < len(nodes); i++ {
		var sources []string
		for _, p := range nodes[1:i] {
			sources = append(sources, p.RPCURL())
		}
		sources = append(sources, nodes[0].RPCURL())
		wg.Go(func() {
			var unpin func()
			_, unpin, errs[i] = nodes[i].Cache().FetchPiecesPinned(ctx, nodes[i].PeerClient(), sources, h, root)
			unpin()
		})
	}
	wg.Wait()
	for i := 1; i < len(nodes); i++ {
		if errs[i] != nil {
			t.Fatalf("node %d: %v", i, errs[i])
		}
		p, ok := nodes[i].Cache().Path(h)
		if got, err := os.ReadFile(p); !ok || err != nil || !bytes.Equal(got, data) {
			t.Fatalf("node %d's scene differs from the coordinator's (held %v, err %v)", i, ok, err)
		}
	}
	for i := 2; i < len(nodes); i++ {
		var fromPeers int64
		served := nodes[i].Cache().PieceBytes()
		for src, n := range served {
			if src != nodes[0].RPCURL() {
				fromPeers += n
			}
		}
		t.Logf("node %d: bytes by source %v", i, served)
		if fromPeers == 0 {
			t.Errorf("node %d got every piece from the coordinator, none from its peers", i)
		}
	}
}

// TestLeaseNamesScenePieces: a job's leases name the scene's piece root,
// so the workers of a real job fetch its scene in pieces (the workers'
// caches count the bytes each source sent in pieces).
func TestLeaseNamesScenePieces(t *testing.T) {
	nodes := farmtest.Start(t, 3, nil) // one slot each: the 16 tasks spread over all three
	farmtest.RunJob(t, api.NewClient(nodes[0].URL()), nil)
	var inPieces int64
	for _, n := range nodes[1:] {
		for _, b := range n.Cache().PieceBytes() {
			inPieces += b
		}
	}
	if inPieces == 0 {
		t.Fatal("no worker fetched the scene in pieces: the leases named no piece root")
	}
}

var (
	distFull  = flag.Bool("scene-dist.full", false, "BenchmarkSceneDistribution at the issue's figure: 32 nodes, a 200 MB scene, the coordinator's uplink at 50 Mbit/s")
	distNodes = flag.Int("scene-dist.nodes", 16, "BenchmarkSceneDistribution: workers fetching the scene")
	distMB    = flag.Int("scene-dist.mb", 32, "BenchmarkSceneDistribution: the scene's size in MB")
	distRate  = flag.Float64("scene-dist.rate", 4, "BenchmarkSceneDistribution: the coordinator's --upload-limit in MB/s")
)

// BenchmarkSceneDistribution: one scene to many workers, real nodes over
// real sockets, the coordinator's uplink capped by --upload-limit's
// limiter: the time until every worker holds the scene, fetched from the
// coordinator alone, then in pieces from each other (each worker naming
// up to six workers leased before it and the coordinator last, as a lease
// does), and the ratio. Scaled down by default for a small machine; run
// with -scene-dist.full for the figure.
func BenchmarkSceneDistribution(b *testing.B) {
	workers, size, rate := *distNodes, *distMB*1_000_000, *distRate*1_000_000
	if *distFull {
		workers, size, rate = 32, 200_000_000, 50e6/8
	}
	nodes := farmtest.Start(b, 1+workers, func(i int, c *farm.NodeConfig) {
		// memberlist's LAN timings, not the tests' fast ones: on a
		// loaded machine the fast ones declare busy nodes dead, and a
		// member's GET is refused while it is not a member.
		c.Gossip.Fast = false
		if i == 0 {
			c.UploadLimit = int64(rate)
		}
	})
	coord := nodes[0]
	_, h, root := uploadRandom(b, coord, size)
	spread := func(p2p bool) time.Duration {
		for _, n := range nodes[1:] {
			n.Cache().Remove(h)
		}
		ctx := context.Background()
		start := time.Now()
		var wg sync.WaitGroup
		for i, n := range nodes[1:] {
			var sources []string
			if p2p {
				leasedBefore := append([]*farm.Node(nil), nodes[1:1+i]...)
				rand.Shuffle(len(leasedBefore), func(a, c int) { leasedBefore[a], leasedBefore[c] = leasedBefore[c], leasedBefore[a] })
				for _, p := range leasedBefore[:min(6, len(leasedBefore))] {
					sources = append(sources, p.RPCURL())
				}
			}
			sources = append(sources, coord.RPCURL())
			wg.Go(func() {
				var err error
				if p2p {
					var unpin func()
					_, unpin, err = n.Cache().FetchPiecesPinned(ctx, n.PeerClient(), sources, h, root)
					unpin()
				} else {
					_, err = n.Cache().Fetch(ctx, n.PeerClient(), sources, h)
				}
				if err != nil {
					b.Error(fmt.Errorf("worker %d: %w", i+1, err))
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	for b.Loop() {
		only := spread(false)
		var fromCoord int64
		for _, n := range nodes[1:] {
			fromCoord -= n.Cache().PieceBytes()[coord.RPCURL()]
		}
		p2p := spread(true)
		for _, n := range nodes[1:] {
			fromCoord += n.Cache().PieceBytes()[coord.RPCURL()]
		}
		b.ReportMetric(float64(fromCoord)/float64(size), "scenes-sent-by-coordinator-p2p")
		b.ReportMetric(only.Seconds(), "s-coordinator-only")
		b.ReportMetric(p2p.Seconds(), "s-p2p")
		b.ReportMetric(only.Seconds()/p2p.Seconds(), "x-faster")
		b.Logf("%d workers, %d MB scene, coordinator up %.1f MB/s: coordinator only %v, peer to peer %v, %.1fx faster",
			workers, size/1_000_000, rate/1e6, only.Round(time.Millisecond), p2p.Round(time.Millisecond), only.Seconds()/p2p.Seconds())
	}
}

// TestPiecesRoutesSigned: the routes a fetch in pieces uses answer only a
// member's signed request, as the whole-blob route does.
func TestPiecesRoutesSigned(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	_, h, _ := uploadRandom(t, nodes[0], 1<<20)
	tests := []struct {
		name, path string
	}{
		{"manifest", "/rpc/v1/blobs/" + h + "/pieces"},
		{"bitfield", "/rpc/v1/blobs/" + h + "/have"},
		{"range", "/rpc/v1/blobs/" + h},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, signed := range []bool{false, true} {
				hc := http.DefaultClient
				if signed {
					hc = nodes[1].PeerClient()
				}
				req, _ := http.NewRequest(http.MethodGet, nodes[0].RPCURL()+tc.path, nil)
				req.Header.Set("Range", "bytes=0-99")
				resp, err := hc.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				want := http.StatusUnauthorized
				if signed {
					want = map[bool]int{true: http.StatusPartialContent, false: http.StatusOK}[tc.name == "range"]
				}
				if resp.StatusCode != want {
					t.Errorf("signed %v: status %d, want %d", signed, resp.StatusCode, want)
				}
			}
		})
	}
}

// TestScenePiecesCoordinatorGone: the coordinator killed while a worker
// fetches its scene in pieces; a peer that holds the scene finishes it.
func TestScenePiecesCoordinatorGone(t *testing.T) {
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.DownloadLimit = 1 << 20 // four seconds for the scene: mid-transfer long enough to kill the coordinator
		}
	})
	data, h, root := uploadRandom(t, nodes[0], 4<<20)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := nodes[1].Cache().Fetch(ctx, nodes[1].PeerClient(), []string{nodes[0].RPCURL()}, h); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, unpin, err := nodes[2].Cache().FetchPiecesPinned(ctx, nodes[2].PeerClient(), []string{nodes[1].RPCURL(), nodes[0].RPCURL()}, h, root)
		unpin()
		done <- err
	}()
	farmtest.Until(t, "the worker's first piece", func() bool {
		var n int64
		for _, b := range nodes[2].Cache().PieceBytes() {
			n += b
		}
		return n > 0
	})
	if _, ok := nodes[2].Cache().Path(h); ok {
		t.Fatal("the fetch ended before the coordinator was killed: not mid-transfer")
	}
	nodes[0].Kill()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	p, _ := nodes[2].Cache().Path(h)
	if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("the scene differs from the coordinator's (err %v)", err)
	}
}
