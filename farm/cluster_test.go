package farm_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// demoSpec is a small animated job: 3 frames of 3x2 tiles.
func demoSpec() api.JobSpec {
	return api.JobSpec{
		Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 3, Step: 1},
		Resolution: tiler.Resolution{Width: 48, Height: 36}, Samples: 4, Seed: 7,
		Tiles: tiler.Grid{Cols: 3, Rows: 2}, Depth: 16,
	}
}

func runDemo(t *testing.T, nodes int, onStart func([]*farm.Node), progress func(api.Event)) (api.Report, string) {
	return runDemoWith(t, nodes, nil, onStart, progress)
}

// slowRenderer renders honestly after a pause, so that a test can act on a
// node while it holds a lease; a cancelled task ends the pause at once.
type slowRenderer struct{ renderer.Renderer }

func (s slowRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	select {
	case <-time.After(2 * time.Second):
	case <-ctx.Done():
		return renderer.Result{}, ctx.Err()
	}
	return s.Renderer.Render(ctx, t)
}

func runDemoWith(t *testing.T, nodes int, change func(int, *farm.NodeConfig), onStart func([]*farm.Node), progress func(api.Event)) (api.Report, string) {
	t.Helper()
	data, ok := scenes.Bytes("anim.glb")
	if !ok {
		t.Fatal("no bundled scene anim")
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	rep, err := farm.RunDemo(ctx, farm.DemoConfig{
		Nodes: nodes, NewRenderers: farmtest.NewRenderers, SceneName: "anim.glb", Scene: data,
		Spec: demoSpec(), Out: out, OnStart: onStart, Progress: progress, Change: change,
	})
	if err != nil {
		t.Fatalf("demo on %d nodes: %v", nodes, err)
	}
	return rep, out
}

func decode(t testing.TB, path string) image.Image { return farmtest.DecodePNG(t, path) }

// samePixels compares the frames of two demo outputs pixel by pixel.
func samePixels(t *testing.T, wantDir, gotDir string, frames []string) {
	t.Helper()
	if len(frames) == 0 {
		t.Fatal("no frames")
	}
	for _, f := range frames {
		a, b := decode(t, filepath.Join(wantDir, f)), decode(t, filepath.Join(gotDir, f))
		if n, p := farmtest.DiffPixels(a, b); n > 0 {
			t.Fatalf("%s: %d pixels differ, the first at %v (bounds %v vs %v)", f, n, p, a.Bounds(), b.Bounds())
		}
	}
}

// TestClusterMatchesOneNode: a job split across 3 nodes gives the same
// pixels as on one node, and all 3 take part.
func TestClusterMatchesOneNode(t *testing.T) {
	one, oneDir := runDemo(t, 1, nil, nil)
	three, threeDir := runDemo(t, 3, nil, nil)
	if len(three.Frames) != 3 || len(three.Tasks) != 18 {
		t.Fatalf("3-node report: %d frames, %d tasks; want 3 and 18", len(three.Frames), len(three.Tasks))
	}
	if len(three.Nodes) != 3 {
		t.Fatalf("%d nodes rendered, want 3: %+v", len(three.Nodes), three.Nodes)
	}
	for _, tr := range three.Tasks {
		if tr.State != api.TaskDone || tr.Node == "" || tr.Verdict == "" {
			t.Fatalf("task not accepted: %+v", tr)
		}
	}
	if one.SceneHash != three.SceneHash {
		t.Fatal("scene hashes differ")
	}
	samePixels(t, oneDir, threeDir, three.Frames)
	if _, err := os.Stat(filepath.Join(threeDir, "report.json")); err != nil {
		t.Fatal(err)
	}
}

// TestKillMemberMidJob: a worker that dies without leaving (memberlist
// shutdown, connections cut) while it holds a lease: its task goes back in
// the queue, memberlist declares it dead, and the job completes with the
// same pixels.
func TestKillMemberMidJob(t *testing.T) {
	_, refDir := runDemo(t, 1, nil, nil)

	var nodes []*farm.Node
	var once sync.Once
	killed := make(chan struct{})
	requeued := false
	// node-3 is slow, so it still holds its lease when it is killed.
	slow := func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Renderers = []renderer.Renderer{slowRenderer{farmtest.Renderers()[0]}}
		}
	}
	rep, dir := runDemoWith(t, 3, slow, func(n []*farm.Node) { nodes = n }, func(e api.Event) {
		if e.Type == api.EventLeased && e.Node == "node-3" {
			once.Do(func() {
				nodes[2].Kill()
				close(killed)
			})
		}
		if e.Type == api.EventRequeued && e.Node == "node-3" {
			requeued = true
		}
	})
	select {
	case <-killed:
	default:
		t.Fatal("node-3 was never leased a task")
	}
	if !requeued {
		t.Fatal("node-3's lease was not requeued")
	}
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone {
			t.Fatalf("task %d not done: %+v", tr.Index, tr)
		}
	}
	samePixels(t, refDir, dir, rep.Frames)
}

// TestDeadMemberDetected: a killed node drops out of the others' member
// lists through failure detection, not through a leave message.
func TestDeadMemberDetected(t *testing.T) {
	nodes := farmtest.Start(t, 3, nil)
	nodes[2].Kill()
	if err := farm.WaitMembers(context.Background(), nodes[:2], 2, 10*time.Second); err != nil {
		t.Fatal(err)
	}
}

// TestSubmitBadInput: bad job specs are refused with a reason, and the node
// keeps serving.
func TestSubmitBadInput(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	good := demoSpec()
	good.Scene, good.SceneName, good.Frames = hash, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}

	tests := []struct {
		name    string
		change  func(*api.JobSpec)
		wantErr string
	}{
		{"frames outside the scene", func(s *api.JobSpec) { s.Frames = tiler.Frames{Start: 1, End: 30, Step: 1} }, "outside the scene's range"},
		{"scene not uploaded", func(s *api.JobSpec) { s.Scene = strings.Repeat("0", 64) }, "has not been uploaded"},
		{"unknown renderer", func(s *api.JobSpec) { s.Renderer = "povray" }, "not available"},
		{"zero tiles", func(s *api.JobSpec) { s.Tiles = tiler.Grid{Cols: 0, Rows: 3} }, "columns must be >= 1"},
		{"zero resolution", func(s *api.JobSpec) { s.Resolution = tiler.Resolution{} }, "must be >= 1"},
		{"denoise without a denoiser", func(s *api.JobSpec) { s.Denoise = true }, "no node in the cluster can denoise"},
		{"a device nobody has", func(s *api.JobSpec) { s.Device = "CUDA" }, "no node in the cluster renders pathtracer on CUDA"},
		{"an unknown device", func(s *api.JobSpec) { s.Device = "TPU" }, "want CPU, CUDA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := good
			tc.change(&s)
			_, err := c.Submit(ctx, s)
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want a 400 containing %q", err, tc.wantErr)
			}
		})
	}
	if _, err := c.Status(ctx, "0000000000000000"); err == nil || !strings.Contains(err.Error(), "no such job") {
		t.Fatalf("unknown job: err = %v", err)
	}
	id, err := c.Submit(ctx, good)
	if err != nil {
		t.Fatalf("valid job after bad ones: %v", err)
	}
	state, err := c.Events(ctx, id, nil)
	if err != nil || state != api.JobDone {
		t.Fatalf("job %s: state %s, err %v", id, state, err)
	}
}

// TestGracefulLeaveHandsBack: a node that is stopped gracefully while it
// renders hands its lease back; the task is rendered elsewhere without being
// counted as a failed attempt.
func TestGracefulLeaveHandsBack(t *testing.T) {
	var nodes []*farm.Node
	var once sync.Once
	done := make(chan error, 1)
	slow := func(i int, c *farm.NodeConfig) {
		if i == 2 {
			c.Renderers = []renderer.Renderer{slowRenderer{farmtest.Renderers()[0]}}
		}
	}
	rep, _ := runDemoWith(t, 3, slow, func(n []*farm.Node) { nodes = n }, func(e api.Event) {
		if e.Type == api.EventLeased && e.Node == "node-3" {
			once.Do(func() { go func() { done <- nodes[2].Close() }() })
		}
	})
	if err := <-done; err != nil {
		t.Fatalf("graceful close: %v", err)
	}
	for _, tr := range rep.Tasks {
		if tr.State != api.TaskDone || tr.Attempts != 0 {
			t.Fatalf("task %d: %+v; want done with no failed attempts", tr.Index, tr)
		}
	}
}

// TestAPIToken: a node with a token refuses client calls without it and
// serves those with it.
func TestAPIToken(t *testing.T) {
	nodes := farmtest.Start(t, 1, func(i int, c *farm.NodeConfig) { c.APIToken = "s3cret-s3cret-s3cret-s3cret-s3cret" })
	ctx := context.Background()
	c := api.NewClient(nodes[0].URL())
	_, err := c.Jobs(ctx)
	var apiErr *api.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 401 || !strings.Contains(err.Error(), "token") {
		t.Fatalf("no token: err = %v, want a 401 naming the token", err)
	}
	c.Token = "s3cret-s3cret-s3cret-s3cret-s3cret"
	if _, err := c.Jobs(ctx); err != nil {
		t.Fatalf("with token: %v", err)
	}
}

// TestAPINeedsTokenOffLoopback: a node refuses to expose its API to other
// machines without a token.
func TestAPINeedsTokenOffLoopback(t *testing.T) {
	c := farm.DefaultNodeConfig()
	c.DataDir = t.TempDir()
	c.APIAddr = "0.0.0.0:0"
	_, err := farm.StartNode(context.Background(), c)
	if err == nil || !strings.Contains(err.Error(), "needs a token") {
		t.Fatalf("err = %v, want a refusal naming the token", err)
	}
}

// TestGossipKey: members of a private cluster share a key; a node with
// another key cannot join.
func TestGossipKey(t *testing.T) {
	key := []byte("0123456789abcdef")
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) { c.Gossip.SecretKey = key })
	c := farm.DefaultNodeConfig()
	c.Name, c.DataDir = "intruder", t.TempDir()
	c.Gossip.SecretKey = []byte("fedcba9876543210")
	c.Gossip.Join = []string{nodes[0].GossipAddr()}
	if n, err := farm.StartNode(context.Background(), c); err == nil {
		n.Close()
		t.Fatal("a node with the wrong gossip key joined")
	}
	if got := len(nodes[0].Members()); got != 2 {
		t.Fatalf("%d members after the intruder tried, want 2", got)
	}
}

// TestClientAPIAbsurdInput: absurd sizes, path traversal and lying uploads
// get a clear 4xx, and the node keeps serving.
func TestClientAPIAbsurdInput(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	base := nodes[0].URL()
	c := api.NewClient(base)
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := demoSpec()
	spec.Scene, spec.SceneName, spec.Frames = hash, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}
	specJSON := func(change func(*api.JobSpec)) string {
		s := spec
		change(&s)
		b, _ := json.Marshal(s)
		return string(b)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
		wantErr                  string
	}{
		{"huge resolution", "POST", "/v1/jobs", specJSON(func(s *api.JobSpec) { s.Resolution = tiler.Resolution{Width: 100000, Height: 100000} }), 400, "must be <= 16384"},
		{"a billion frames", "POST", "/v1/jobs", specJSON(func(s *api.JobSpec) { s.Frames = tiler.Frames{Start: 1, End: 1_000_000_000, Step: 1} }), 400, "at most 100000 frames"},
		{"malformed json", "POST", "/v1/jobs", `{"scene": `, 400, "job spec"},
		{"unknown field", "POST", "/v1/jobs", `{"scene":"x","sneaky":true}`, 400, "unknown field"},
		{"huge spec", "POST", "/v1/jobs", `{"scene":"` + strings.Repeat("a", 100<<10) + `"}`, 400, "too large"},
		{"path traversal blob", "GET", "/v1/blobs/..%2f..%2fetc%2fpasswd", "", 404, "no blob"},
		{"path traversal upload", "PUT", "/v1/blobs/..%2fevil", "x", 400, "not a sha256"},
		{"lying upload", "PUT", "/v1/blobs/" + strings.Repeat("0", 64), "not the content", 400, "content hashes to"},
		{"unknown job", "GET", "/v1/jobs/0000000000000000", "", 404, "no such job"},
		{"malformed job id", "GET", "/v1/jobs/nope", "", 400, "job id"},
		{"bad frame number", "GET", "/v1/jobs/nope/frames/abc", "", 400, "not a number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, base+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", map[string]string{"POST": "application/json", "PUT": "application/octet-stream"}[tc.method])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(string(b), tc.wantErr) {
				t.Fatalf("got %d %s, want %d containing %q", resp.StatusCode, b, tc.status, tc.wantErr)
			}
		})
	}
	if _, err := c.Submit(ctx, spec); err != nil {
		t.Fatalf("a valid job after the bad input: %v", err)
	}
	resp, err := http.Get(base + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if want := fmt.Sprintf("conun_api_rejected_total %d", len(tests)); !strings.Contains(string(b), want) {
		t.Fatalf("metrics lack %q:\n%s", want, b)
	}
}

// TestDemoSettlesOnChain: a demo job on the simulated chain locks its budget
// and the requester's 10% bond, pays each node exactly its price for each
// accepted task, and the nodes claim their pay; the rest of the budget and
// the bond stay in the escrow for the receipts' grace, then the coordinator
// reclaims them: balances add up to the budget to the last wei.
func TestDemoSettlesOnChain(t *testing.T) {
	data, _ := scenes.Bytes("cornell.glb")
	spec := demoSpec()
	spec.Frames = tiler.Frames{Start: 1, End: 1, Step: 1}
	spec.Budget = api.MustTokens("10")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var wallets []api.WalletInfo
	rep, err := farm.RunDemo(ctx, farm.DemoConfig{
		Nodes: 3, NewRenderers: farmtest.NewRenderers, SceneName: "cornell.glb", Scene: data,
		Spec: spec, Out: t.TempDir(), Chain: true, Prices: []api.Tokens{api.MustTokens("0.25"), api.MustTokens("0.5"), api.MustTokens("0.125")},
		OnFinish: func(nodes []*farm.Node, w []api.WalletInfo) {
			wallets = afterGrace(t, ctx, nodes, w, 1000-10-1)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	st := rep.Settlement
	if st == nil || st.Error != "" {
		t.Fatalf("settlement: %+v", st)
	}
	prices := map[string]*big.Int{"node-1": api.MustTokens("0.25").Wei(), "node-2": api.MustTokens("0.5").Wei(), "node-3": api.MustTokens("0.125").Wei()}
	want := wantTotal(rep, prices)
	refund := new(big.Int).Sub(api.MustTokens("10").Wei(), want)
	if st.Paid != api.FormatTokens(want) || st.Refund != api.FormatTokens(refund) {
		t.Fatalf("paid %s refund %s; want %s and %s", st.Paid, st.Refund, api.FormatTokens(want), api.FormatTokens(refund))
	}
	for _, p := range st.Payouts {
		n := 0
		for _, tr := range rep.Tasks {
			if tr.Node == p.Node {
				n++
			}
		}
		if p.Tasks != n || p.Amount != api.FormatTokens(new(big.Int).Mul(big.NewInt(int64(n)), prices[p.Node])) {
			t.Fatalf("payout %+v, want %d tasks at %v", p, n, api.FormatTokens(prices[p.Node]))
		}
	}
	// On chain: node 1 (the requester) holds 1000 - budget + refund + its own
	// pay; the others hold exactly their pay.
	earned := map[string]string{}
	for _, p := range st.Payouts {
		earned[p.Node] = p.Amount
	}
	for i, w := range wallets {
		name := fmt.Sprintf("node-%d", i+1)
		want := earned[name]
		if want == "" {
			want = "0"
		}
		if i == 0 {
			own := api.MustTokens(want).Wei()
			own.Add(own, api.MustTokens("990").Wei()).Add(own, refund)
			want = api.FormatTokens(own)
		}
		if w.Balance != want {
			t.Errorf("%s balance %s, want %s (claims %+v)", name, w.Balance, want, w.Claims)
		}
	}
}

// afterGrace checks that the requester (node 1) holds no more than
// lockedOwn plus what it earned as a worker while the settled job's grace
// runs (its refund and bond are still in the escrow, and conun reclaim is
// refused saying until when), then moves the simulated chain's clock past
// the grace and reclaims them (conun reclaim, or the coordinator by itself,
// whichever comes first); it returns the wallets then.
func afterGrace(t *testing.T, ctx context.Context, nodes []*farm.Node, before []api.WalletInfo, lockedOwn float64) []api.WalletInfo {
	t.Helper()
	var bal float64
	fmt.Sscan(before[0].Balance, &bal)
	if bal < lockedOwn || bal >= lockedOwn+10 {
		t.Errorf("requester balance %s before the grace, want %v plus its own pay: refund and bond wait in the escrow", before[0].Balance, lockedOwn)
	}
	c := api.NewClient(nodes[0].URL())
	jobs, err := c.Jobs(ctx)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs: %v %v", jobs, err)
	}
	var apiErr *api.APIError
	if _, err := c.Reclaim(ctx, jobs[0].ID); !errors.As(err, &apiErr) || apiErr.Status != http.StatusConflict || !strings.Contains(err.Error(), "can be reclaimed after") {
		t.Errorf("reclaim during the grace: %v, want 409 saying when", err)
	}
	chain := nodes[0].Chain()
	// The coordinator sends every leaf's claim after settle (claimFor): the
	// grace ends only once they have landed, or, past the claim window, a
	// claim sent late fails and its node is never paid (1 run in 8 here).
	farmtest.Until(t, "every leaf of the job is claimed", func() bool {
		ej, err := chain.Job(ctx, common.HexToHash(jobs[0].SpecHash))
		return err == nil && ej.Unclaimed.Sign() == 0
	})
	if err := chain.Chain().AdjustTime(contracts.DefaultConfig().ReclaimGrace + time.Minute); err != nil {
		t.Fatal(err)
	}
	if st, err := c.Reclaim(ctx, jobs[0].ID); err != nil || st.ReclaimTx == "" || st.Reclaimed == "" {
		t.Errorf("reclaim after the grace: %+v, %v", st, err)
	}
	// What reservations hold beyond the work (a convicted worker's
	// leases, a failed one's) waits for the claim window; then the
	// coordinator closes the job by itself.
	if ej, err := chain.Job(ctx, common.HexToHash(jobs[0].SpecHash)); err == nil && ej.Status != contracts.JobClosed && ej.Reserved.Sign()+ej.Unclaimed.Sign() > 0 {
		if err := chain.Chain().AdjustTime(contracts.DefaultConfig().ClaimWindow); err != nil {
			t.Fatal(err)
		}
		farmtest.Until(t, "the coordinator closes the job when its claim window ends", func() bool {
			ej, err := chain.Job(ctx, common.HexToHash(jobs[0].SpecHash))
			return err == nil && ej.Status == contracts.JobClosed
		})
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ws []api.WalletInfo
		for _, n := range nodes {
			w, err := api.NewClient(n.URL()).Wallet(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ws = append(ws, w)
		}
		if ws[0].Balance != before[0].Balance || time.Now().After(deadline) {
			return ws // reclaimed (or not in time: the caller's balances say)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func wantTotal(rep api.Report, prices map[string]*big.Int) *big.Int {
	total := new(big.Int)
	for _, tr := range rep.Tasks {
		total.Add(total, prices[tr.Node])
	}
	return total
}
