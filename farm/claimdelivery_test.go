package farm_test

import (
	"context"
	"math/big"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/internal/freeport"
	"github.com/conun/conun/renderer"
	"github.com/ethereum/go-ethereum/common"
)

// chainCluster starts n nodes on a fresh simulated chain with 100 tokens
// minted to the first (the requester's coordinator); change adjusts each
// node's config after the chain is set.
func chainCluster(t *testing.T, n int, change func(i int, c *farm.NodeConfig)) (*contracts.Chain, *contracts.Client, []*farm.Node) {
	t.Helper()
	chain, bank := farmtest.FundedBank(t)
	nodes := farmtest.Start(t, n, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		if change != nil {
			change(i, c)
		}
	})
	return chain, bank, nodes
}

// owed is what a job's settlement pays node at price per task, in wei.
func owed(t *testing.T, rep api.Report, node string, price api.Tokens) (*big.Int, int) {
	t.Helper()
	if rep.Settlement == nil || rep.Settlement.Tx == "" {
		t.Fatalf("job is not settled: %+v", rep.Settlement)
	}
	for _, p := range rep.Settlement.Payouts {
		if p.Node == node {
			return new(big.Int).Mul(price.Wei(), big.NewInt(int64(p.Tasks))), p.Tasks
		}
	}
	return new(big.Int), 0
}

// walletClaim is node's claim of escrow in its wallet, if it holds one.
func walletClaim(t *testing.T, n *farm.Node, escrow string) (api.WalletClaim, bool) {
	w, err := api.NewClient(n.URL()).Wallet(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range w.Claims {
		if c.JobID == escrow {
			return c, true
		}
	}
	return api.WalletClaim{}, false
}

// escrowOf is a job's id in the escrow.
func escrowOf(t *testing.T, c *api.Client, id string) string {
	st, err := c.Status(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return "0x" + st.Spec.Hash()
}

// What claimsProxy does with a claim pushed to its member.
const (
	claimsHold = iota // accept the connection, never answer
	claimsBusy        // answer 503
	claimsTake        // pass it through to the member
)

// claimsProxy puts a real member's RPC behind a proxy on 127.0.0.2 that
// passes everything through except POST /rpc/v1/claims, which it treats
// as mode says (claimsHold at first); it returns the config change that
// makes a node that member, and a count of the claim pushes it saw.
func claimsProxy(t *testing.T) (func(c *farm.NodeConfig), *atomic.Int32, *atomic.Int32) {
	probe, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("NOT TESTED: needs 127.0.0.2 on loopback: %v", err)
	}
	probe.Close()
	// The node binds this port on 127.0.0.1 after the proxy has it on
	// 127.0.0.2, so it must be free on both.
	port := strconv.Itoa(freeport.Get(t, "127.0.0.1", "127.0.0.2"))
	ln, err := net.Listen("tcp", "127.0.0.2:"+port)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: "127.0.0.1:" + port})
	seen, mode, release := new(atomic.Int32), new(atomic.Int32), make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/rpc/v1/claims" {
			seen.Add(1)
			switch mode.Load() {
			case claimsHold:
				select { // never answers
				case <-r.Context().Done():
				case <-release:
				}
				return
			case claimsBusy:
				http.Error(rw, "busy", http.StatusServiceUnavailable)
				return
			}
		}
		proxy.ServeHTTP(rw, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { close(release); srv.Close() })
	return func(c *farm.NodeConfig) {
		// The member listens on 127.0.0.1 and tells the cluster it is at
		// 127.0.0.2, where the proxy is, on the same port.
		c.ListenAddr, c.Advertise, c.Gossip.BindAddr = "127.0.0.1:"+port, "127.0.0.2", "127.0.0.2"
	}, seen, mode
}

// TestSilentClaimsEndpoint: a real member renders its share of a job on
// the simulated chain, but its claims endpoint accepts the connection and
// never answers. The job is done as soon as it settles, the next job runs
// and settles too, and the honest worker gets, and is paid, its claim of
// both; the silent member's claim stays queued for it.
func TestSilentClaimsEndpoint(t *testing.T) {
	silent, held, _ := claimsProxy(t)
	prices := []api.Tokens{api.MustTokens("1"), api.MustTokens("0.25"), api.MustTokens("0.125")}
	_, bank, nodes := chainCluster(t, 3, func(i int, c *farm.NodeConfig) {
		c.Price = prices[i]
		c.Delivery.PullInterval = 0 // only pushes: the silent member must not fetch its claim around the proxy
		if i == 2 {
			silent(c)
		}
	})
	client := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	var escrows []string
	for run := range 2 {
		start := time.Now()
		id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget, s.Nonce = api.MustTokens("10"), t.Name()+strconv.Itoa(run) })
		rep := farmtest.WaitDone(t, client, id)
		escrow := escrowOf(t, client, id)
		escrows = append(escrows, escrow)
		t.Logf("job %d: done in %v", run+1, time.Since(start).Round(time.Millisecond))
		if _, tasks := owed(t, rep, nodes[2].Name(), prices[2]); tasks == 0 && run == 0 {
			t.Fatalf("the silent member rendered nothing in job 1 (%+v): the test proves nothing", rep.Settlement.Payouts)
		}
		if run == 0 {
			farmtest.Until(t, "the silent member's claims endpoint holds a push", func() bool { return held.Load() > 0 })
		}
		want, tasks := owed(t, rep, nodes[1].Name(), prices[1])
		if tasks == 0 {
			t.Fatalf("the honest worker rendered nothing in job %d: the test proves nothing", run+1)
		}
		farmtest.Until(t, "the honest worker's claim is paid", func() bool {
			c, ok := walletClaim(t, nodes[1], escrow)
			return ok && c.Claimed
		})
		paid, err := bank.Paid(ctx, common.HexToHash(escrow), nodes[1].Chain().Address())
		if err != nil || paid.Cmp(want) != 0 {
			t.Fatalf("job %d paid the honest worker %v wei (%v), want %v", run+1, paid, err, want)
		}
	}
	for _, escrow := range escrows {
		if _, ok := walletClaim(t, nodes[2], escrow); ok {
			t.Fatalf("the silent member holds a claim of %s: the proxy let a push through", escrow)
		}
	}
	// Its claims are not lost: they wait in the coordinator's outbox.
	if waiting := metric(t, nodes[0].URL(), "conun_deliveries_waiting"); waiting < 2 {
		t.Fatalf("the coordinator has %v deliveries waiting, want the silent member's 2 claims", waiting)
	}
	t.Logf("the silent member's endpoint held %d pushes; both jobs done and the honest worker paid", held.Load())
}

// gate holds every render until open is closed, then renders.
type gate struct {
	renderer.Renderer
	open chan struct{}
}

func (g gate) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	select {
	case <-g.open:
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	return g.Renderer.Render(ctx, t)
}

// TestClaimPulledAfterDowntime: a worker renders part of a job on the
// simulated chain and is down when the job settles; the coordinator tries
// once and gives up. When the worker comes back (same data directory and
// key, a new address) it asks the coordinator for its claim with a signed
// request, gets it, and is paid its tasks at its price, to the wei. The
// coordinator answers no one else: not another node's signed request, not
// one addressed to another coordinator, not a replay.
func TestClaimPulledAfterDowntime(t *testing.T) {
	open := make(chan struct{})
	prices := []api.Tokens{api.MustTokens("1"), api.MustTokens("0.25"), api.MustTokens("0.125")}
	var away farm.NodeConfig
	_, bank, nodes := chainCluster(t, 3, func(i int, c *farm.NodeConfig) {
		c.Price = prices[i]
		c.Delivery.Attempts = 1 // the coordinator gives up at once: only the pull can deliver
		c.Delivery.PullInterval = 200 * time.Millisecond
		// A coordinator that pays its workers' claims pays the away worker
		// too, which then has nothing to pull: this tests one that does not.
		c.Delivery.PayClaims = false
		if i == 1 {
			// Node 2 holds its leases until node 3 is gone, so the job
			// settles while node 3 is away.
			c.Renderers = []renderer.Renderer{gate{farmtest.Renderers()[0], open}}
		}
		if i == 2 {
			away = *c
		}
	})
	ctx := context.Background()
	client := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
	escrow := escrowOf(t, client, id)
	farmtest.Until(t, "node 3 holds a receipt", func() bool {
		w, err := api.NewClient(nodes[2].URL()).Wallet(ctx)
		return err == nil && len(w.Receipts) > 0
	})
	nodes[2].Close()
	close(open)
	rep := farmtest.WaitDone(t, client, id)
	want, tasks := owed(t, rep, away.Name, prices[2])
	if tasks == 0 {
		t.Fatalf("node 3 is not in job's payouts %+v: the test proves nothing", rep.Settlement.Payouts)
	}

	// The coordinator answers only the worker's own request, addressed to it.
	coord := nodes[0].Chain().Address().Hex()
	me := away.Identity.Address().Hex()
	other := rpc.IdentityFromKey(contracts.DevKey(1))
	pull := func(signer *rpc.Identity, recipient string, at int64, nonce string) int {
		msg := "conun claim pull\nescrow " + escrow + "\nworker " + me + "\nrecipient " + recipient + "\ntime " + strconv.FormatInt(at, 10) + "\nnonce " + nonce
		sig, err := signer.Sign([]byte(msg))
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest(http.MethodGet, nodes[0].RPCURL()+"/rpc/v1/claims/"+escrow+"/"+me, nil)
		req.Header.Set("Conun-Recipient", recipient)
		req.Header.Set("Conun-Time", strconv.FormatInt(at, 10))
		req.Header.Set("Conun-Nonce", nonce)
		req.Header.Set("Conun-Signature", sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	now := time.Now().UnixMilli()
	tests := []struct {
		name      string
		signer    *rpc.Identity
		recipient string
		at        int64
		nonce     string
		status    int
	}{
		{"another node's signature", other, coord, now, "n1", http.StatusForbidden},
		{"addressed to another coordinator", away.Identity, other.Address().Hex(), now, "n2", http.StatusForbidden},
		{"stale", away.Identity, coord, now - time.Hour.Milliseconds(), "n3", http.StatusForbidden},
		{"the worker's own", away.Identity, coord, now, "n4", http.StatusOK},
		{"replayed", away.Identity, coord, now, "n4", http.StatusForbidden},
	}
	for _, tc := range tests {
		if got := pull(tc.signer, tc.recipient, tc.at, tc.nonce); got != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.status)
		}
	}

	// The worker comes back and pulls its claim.
	away.Gossip.Join = []string{nodes[0].GossipAddr()}
	back, err := farm.StartNode(ctx, away)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { back.Close() })
	farmtest.Until(t, "the returned worker's claim is paid", func() bool {
		c, ok := walletClaim(t, back, escrow)
		return ok && c.Claimed
	})
	if pulled := metric(t, back.URL(), "conun_claims_pulled_total"); pulled != 1 {
		t.Fatalf("the returned worker pulled %v claims, want 1", pulled)
	}
	paid, err := bank.Paid(ctx, common.HexToHash(escrow), away.Identity.Address())
	if err != nil {
		t.Fatal(err)
	}
	bal, err := bank.Balance(ctx, away.Identity.Address())
	if err != nil {
		t.Fatal(err)
	}
	if paid.Cmp(want) != 0 || bal.Cmp(want) != 0 {
		t.Fatalf("paid %v wei, balance %v wei; want %d tasks at %v = %v wei", paid, bal, tasks, prices[2], want)
	}
	t.Logf("node 3 was away at settlement; it pulled its claim and was paid %v wei for %d tasks", paid, tasks)
}

// TestClaimDeliveryResumesAfterRestart: a worker answers its claim's
// pushes 503 when the job settles; the coordinator is restarted before the
// worker takes it. The restarted coordinator goes on pushing from its
// store, and the worker (which does not ask for claims here) gets it and
// is paid its tasks at its price, to the wei.
func TestClaimDeliveryResumesAfterRestart(t *testing.T) {
	busy, seen, mode := claimsProxy(t)
	mode.Store(claimsBusy)
	prices := []api.Tokens{api.MustTokens("1"), api.MustTokens("0.25"), api.MustTokens("0.125")}
	var coordCfg farm.NodeConfig
	_, bank, nodes := chainCluster(t, 3, func(i int, c *farm.NodeConfig) {
		c.Price = prices[i]
		c.Delivery.PullInterval = 0 // pushes only
		if i == 0 {
			coordCfg = *c
		}
		if i == 2 {
			busy(c)
		}
	})
	ctx := context.Background()
	client := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, client, func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
	rep := farmtest.WaitDone(t, client, id)
	escrow := escrowOf(t, client, id)
	want, tasks := owed(t, rep, nodes[2].Name(), prices[2])
	if tasks == 0 {
		t.Fatalf("the busy worker rendered nothing (%+v): the test proves nothing", rep.Settlement.Payouts)
	}
	farmtest.Until(t, "the worker has refused a push", func() bool { return seen.Load() > 0 })

	nodes[0].Close() // mid-delivery
	coordCfg.Gossip.Join = []string{nodes[1].GossipAddr()}
	coord, err := farm.StartNode(ctx, coordCfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coord.Close() })
	before := seen.Load()
	mode.Store(claimsTake)
	farmtest.Until(t, "the restarted coordinator's push is paid", func() bool {
		c, ok := walletClaim(t, nodes[2], escrow)
		return ok && c.Claimed
	})
	if seen.Load() == before {
		t.Fatal("the worker was paid without a push after the restart")
	}
	farmtest.Until(t, "the restarted coordinator's outbox is empty", func() bool {
		return metric(t, coord.URL(), "conun_deliveries_waiting") == 0
	})
	paid, err := bank.Paid(ctx, common.HexToHash(escrow), nodes[2].Chain().Address())
	if err != nil || paid.Cmp(want) != 0 {
		t.Fatalf("paid %v wei (%v), want %d tasks at %v = %v wei", paid, err, tasks, prices[2], want)
	}
	t.Logf("%d pushes refused before the restart; the restarted coordinator delivered and %v wei were paid", before, paid)
}
