package farm_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// receiver is a requester's webhook endpoint: it checks every post's
// signature against the node it trusts and records what it got; while
// down it answers 503, as a receiver mid-deploy does.
type receiver struct {
	signer common.Address
	up     atomic.Bool
	failed atomic.Int64 // posts answered 503

	mu   sync.Mutex
	got  []api.Notification
	errs []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	if !rc.up.Load() {
		rc.failed.Add(1)
		http.Error(w, "deploying", http.StatusServiceUnavailable)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	ms := r.Header.Get(api.HeaderNotifyTime)
	sent, err := strconv.ParseInt(ms, 10, 64)
	switch {
	case err != nil || time.Since(time.UnixMilli(sent)).Abs() > time.Minute:
		rc.errs = append(rc.errs, "bad or stale time "+ms)
	case r.Header.Get(api.HeaderNotifySigner) != rc.signer.Hex():
		rc.errs = append(rc.errs, "signer "+r.Header.Get(api.HeaderNotifySigner))
	default:
		if err := rpc.Verify(api.NotifyMessage(ms, body), r.Header.Get(api.HeaderNotifySignature), rc.signer); err != nil {
			rc.errs = append(rc.errs, err.Error())
			break
		}
		var n api.Notification
		if err := json.Unmarshal(body, &n); err != nil {
			rc.errs = append(rc.errs, err.Error())
			break
		}
		rc.got = append(rc.got, n)
	}
}

func (rc *receiver) received() ([]api.Notification, []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]api.Notification(nil), rc.got...), append([]string(nil), rc.errs...)
}

// TestNotifyAfterOutageAndRestart: a job's notifications (paused,
// resumed, done and settled, on the simulated chain) reach a receiver that was down when the
// job ended, after the coordinator restarted meanwhile: each once, each
// signed by the coordinator's key.
func TestNotifyAfterOutageAndRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	rc := &receiver{signer: rpc.IdentityFromKey(contracts.DevKey(0)).Address()}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	gate := farmtest.NewGate()
	var cfg0 farm.NodeConfig
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gate.Renderer(farmtest.Renderers()[0])}
		farmtest.OnChain(c, bank, i)
		c.Price = api.MustTokens("0.1")
		c.Notify.AllowPrivate = i == 0 // the receiver is on loopback
		if i == 0 {
			cfg0 = *c
		}
	})
	c := api.NewClient(nodes[0].URL())
	spec := uploadSpec(ctx, t, c, func(s *api.JobSpec) { s.Budget = api.MustTokens("5") })
	sub, err := c.SubmitWith(ctx, spec, api.SubmitOptions{NotifyURL: srv.URL + "/hooks/conun?team=a"})
	if err != nil {
		t.Fatal(err)
	}
	id := sub.ID
	if id != spec.ID() {
		t.Fatalf("job id %s with a notify URL, %s without: the URL must not change the job", id, spec.ID())
	}
	// Paused and resumed mid-way (the renders wait at the gate).
	if _, err := c.Pause(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Resume(ctx, id); err != nil {
		t.Fatal(err)
	}
	gate.Open()
	farmtest.WaitDone(t, c, id)
	farmtest.Until(t, "the receiver refused the done and settled posts, one of them twice", func() bool { return rc.failed.Load() >= 3 })

	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	rc.up.Store(true)
	n := farmtest.Restart(t, ctx, cfg0, nodes[1])
	farmtest.Until(t, "the restarted node has delivered everything", func() bool {
		got, _ := rc.received()
		return len(got) >= 4 && deliveriesWaiting(ctx, t, n.URL()) == 0
	})
	got, errs := rc.received()
	if len(errs) > 0 {
		t.Fatalf("posts the receiver could not trust: %v", errs)
	}
	count := map[string]int{}
	for _, g := range got {
		if g.Job != id || !strings.HasPrefix(g.ID, id+"/") {
			t.Errorf("notification %+v is not of job %s", g, id)
		}
		count[g.Event]++
	}
	if len(got) != 4 || count["paused"] != 1 || count["resumed"] != 1 || count["done"] != 1 || count["settled"] != 1 {
		t.Fatalf("received %+v: want paused, resumed, done and settled, each once", got)
	}
	t.Logf("after %d refused posts and a restart: %d notifications, each once, each signed by %s", rc.failed.Load(), len(got), rc.signer.Hex())
}

// TestNotifyURLRefused: a node whose owner did not allow private targets
// refuses a notify URL that names one (or is no web URL) with a 400 that
// says why, records no job, and keeps serving.
func TestNotifyURLRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var hits atomic.Int64
	victim := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer victim.Close()
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	spec := uploadSpec(ctx, t, c, nil)
	tests := []struct{ name, url, why string }{
		{"loopback receiver", victim.URL + "/admin", "loopback"},
		{"metadata service", "http://169.254.169.254/latest/meta-data/", "link-local"},
		{"another scheme", "gopher://example.com/", "scheme"},
		{"no host", "https:///x", "no host"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.SubmitWith(ctx, spec, api.SubmitOptions{NotifyURL: tc.url})
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("submit with notify URL %q: %v; want 400 naming %q", tc.url, err, tc.why)
			}
		})
	}
	if _, err := c.Status(ctx, spec.ID()); err == nil {
		t.Fatal("a refused submission left a job behind")
	}
	if id, err := c.Submit(ctx, spec); err != nil || id != spec.ID() {
		t.Fatalf("the node stopped serving submissions: %s, %v", id, err)
	}
	if hits.Load() != 0 {
		t.Fatalf("the loopback receiver got %d posts", hits.Load())
	}
}

// uploadSpec uploads cornell.glb and returns a small job of it (as
// farmtest.Submit makes), for tests that submit it themselves.
func uploadSpec(ctx context.Context, t *testing.T, c *api.Client, change func(*api.JobSpec)) api.JobSpec {
	t.Helper()
	spec := api.JobSpec{
		SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, Nonce: t.Name(),
	}
	if change != nil {
		change(&spec)
	}
	data, _ := scenes.Bytes(spec.SceneName)
	var err error
	if spec.Scene, err = c.Upload(ctx, data); err != nil {
		t.Fatal(err)
	}
	return spec
}

// deliveriesWaiting reads conun_deliveries_waiting from a node's metrics.
func deliveriesWaiting(ctx context.Context, t *testing.T, node string) int {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, node+"/v1/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "conun_deliveries_waiting "); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no conun_deliveries_waiting in the metrics")
	return 0
}

// TestNotifyURLOfRefusedSubmission: a submission refused after its
// notify URL was checked (its scene not uploaded yet) leaves no URL
// behind: the same spec submitted again without one posts nothing.
func TestNotifyURLOfRefusedSubmission(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var hits atomic.Int64
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer rcv.Close()
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) { c.Notify.AllowPrivate = true })
	c := api.NewClient(nodes[0].URL())
	data, _ := scenes.Bytes("cornell.glb")
	sum := sha256.Sum256(data)
	spec := api.JobSpec{
		Scene: hex.EncodeToString(sum[:]), SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, Nonce: t.Name(),
	}
	if _, err := c.SubmitWith(ctx, spec, api.SubmitOptions{NotifyURL: rcv.URL}); err == nil || !strings.Contains(err.Error(), "not been uploaded") {
		t.Fatalf("submit before the upload: %v; want it refused", err)
	}
	if _, err := c.Upload(ctx, data); err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	farmtest.WaitDone(t, c, id)
	// The end is queued as it happens: a post it owed would be waiting or
	// delivered by now.
	if w := deliveriesWaiting(ctx, t, nodes[0].URL()); w != 0 || hits.Load() != 0 {
		t.Fatalf("%d posts waiting, %d received: the refused submission's URL was kept", w, hits.Load())
	}
}
