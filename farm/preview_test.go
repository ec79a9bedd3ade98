package farm_test

import (
	"context"
	"errors"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// TestPreviewApproveBlender: on the simulated chain, a .blend job submitted
// with a preview renders its Workbench preview (unpaid, nothing locked),
// waits awaiting-approval across a coordinator restart, refuses another
// client's approve, and once its owner approves locks exactly the budget
// and bond, renders with Cycles and settles; a second one rejected locks
// nothing.
func TestPreviewApproveBlender(t *testing.T) {
	needBlender(t)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	dir := t.TempDir()
	scene := filepath.Join(dir, "anim.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_anim.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build anim.blend: %v\n%s", err, out)
	}
	const adminToken = "preview-test-admin-token-0123456789"
	_, bank := farmtest.FundedBank(t)
	var cfg0 farm.NodeConfig
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = api.MustTokens("0.5")
		c.Renderers = []renderer.Renderer{newBlender(t)}
		if i == 0 {
			c.APIToken = adminToken
			cfg0 = *c
		}
	})
	admin := api.NewClient(nodes[0].URL())
	admin.Token = adminToken
	clients := map[string]*api.Client{}
	for _, name := range []string{"studio-a", "studio-b"} {
		tok, err := admin.CreateToken(ctx, api.TokenRequest{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		clients[name] = api.NewClient(nodes[0].URL())
		clients[name].Token = tok.Token
	}
	owner, stranger := clients["studio-a"], clients["studio-b"]
	data, err := os.ReadFile(scene)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := owner.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{
		Scene: hash, SceneName: "anim.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 3, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 4, Seed: 1, Tiles: tiler.Grid{Cols: 2, Rows: 1},
		Depth: 8, Budget: api.MustTokens("10"), Preview: true, Nonce: t.Name(),
	}
	balance := func() *big.Int {
		b, err := bank.Balance(ctx, bank.Address())
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	start := balance()

	id, err := owner.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	var st api.JobStatus
	farmtest.Until(t, "the preview pass is done", func() bool {
		st, err = owner.Status(ctx, id)
		return err == nil && st.Preview != nil && st.Preview.State.Final()
	})
	if st.State != api.JobAwaiting || st.Preview.State != api.JobDone || len(st.Preview.Frames) != 3 {
		t.Fatalf("after the preview: %s, preview %+v: want awaiting-approval with a done 3-frame preview", st.State, st.Preview)
	}
	frames, err := owner.Fetch(ctx, st.Preview.ID, t.TempDir())
	if err != nil || len(frames) != 3 {
		t.Fatalf("fetch the preview: %v %v", frames, err)
	}
	if img := farmtest.DecodePNG(t, frames[0]); img.Bounds().Dx() != 32 || img.Bounds().Dy() != 24 {
		t.Fatalf("preview frame is %v, want 32x24", img.Bounds())
	}
	prep, err := owner.Report(ctx, st.Preview.ID)
	if err != nil {
		t.Fatal(err)
	}
	if prep.Settlement != nil {
		t.Fatalf("the preview pass was settled: %+v", prep.Settlement)
	}
	if got := balance(); got.Cmp(start) != 0 {
		t.Fatalf("the preview locked money: balance %s, was %s", got, start)
	}
	if ej, err := bank.Job(ctx, common.HexToHash(spec.Hash())); err == nil && ej.Budget != nil && ej.Budget.Sign() != 0 {
		t.Fatalf("the escrow holds the job before approval: %+v", ej)
	}
	if _, err := stranger.Approve(ctx, id); !isStatus(err, http.StatusNotFound) {
		t.Fatalf("another client's approve: %v, want 404", err)
	}
	// Nothing to pause before approval, and a resume must not skip it.
	if _, err := owner.Pause(ctx, id); !isStatus(err, http.StatusConflict) {
		t.Fatalf("pause an awaiting job: %v, want 409", err)
	}
	if _, err := owner.Resume(ctx, id); !isStatus(err, http.StatusConflict) {
		t.Fatalf("resume an awaiting job: %v, want 409", err)
	}

	// Restart the coordinator while the job awaits approval.
	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	cfg0.Renderers = []renderer.Renderer{newBlender(t)} // the old node closed its own
	n := farmtest.Restart(t, ctx, cfg0, nodes[1])
	if err := farm.WaitMembers(ctx, []*farm.Node{n}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	owner.BaseURL, stranger.BaseURL = n.URL(), n.URL()
	if st, err = owner.Status(ctx, id); err != nil || st.State != api.JobAwaiting || st.Preview == nil || st.Preview.State != api.JobDone || st.Done != 0 {
		t.Fatalf("after the restart: %+v %v: want still awaiting, nothing rendered, its preview done", st, err)
	}

	ap, err := owner.Approve(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if ap.State != api.JobQueued {
		t.Fatalf("approve answered %+v", ap)
	}
	bond, err := bank.BondFor(ctx, spec.Budget.Wei())
	if err != nil {
		t.Fatal(err)
	}
	locked := new(big.Int).Sub(start, balance())
	if want := new(big.Int).Add(spec.Budget.Wei(), bond); locked.Cmp(want) != 0 {
		t.Fatalf("approve locked %s wei, want budget + bond = %s", locked, want)
	}
	if _, err := owner.Approve(ctx, id); !isStatus(err, http.StatusConflict) {
		t.Fatalf("a second approve: %v, want 409", err)
	}
	rep := farmtest.WaitDone(t, owner, id)
	if rep.Settlement == nil || rep.Settlement.Tx == "" || len(rep.Frames) != 3 {
		t.Fatalf("approved job: settlement %+v, frames %v", rep.Settlement, rep.Frames)
	}
	for _, p := range rep.Settlement.Payouts {
		t.Logf("paid %s for %d tasks", p.Node, p.Tasks)
	}
	// The preview is Workbench's solid shading, not the job's Cycles.
	final, err := owner.Fetch(ctx, id, t.TempDir())
	if err != nil || len(final) != 3 {
		t.Fatalf("fetch the approved job: %v %v", final, err)
	}
	if n, _ := farmtest.DiffPixels(farmtest.DecodePNG(t, frames[0]), farmtest.DecodePNG(t, final[0])); n < 32*24/10 {
		t.Fatalf("preview frame 1 differs from the Cycles frame in %d of %d pixels: not a Workbench render", n, 32*24)
	}

	// The coordinator signs with the bank's key, so what it earned rendering
	// the first job lands in the bank's balance when its claim is paid,
	// whenever that is: wait for it before counting what the reject moves.
	for _, p := range rep.Settlement.Payouts {
		if common.HexToAddress(p.Address) != bank.Address() {
			continue
		}
		admin.BaseURL = n.URL()
		farmtest.Until(t, "the coordinator's own claim is paid", func() bool {
			e, err := admin.Earnings(ctx, time.Time{})
			if err != nil {
				return false
			}
			for _, j := range e.Jobs {
				if j.Job == id {
					return j.Claim == api.ClaimPaid
				}
			}
			return false
		})
	}

	// A second job, rejected: nothing locked, nothing settled.
	spec.Nonce += "-rejected"
	before := balance()
	id2, err := owner.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := stranger.Reject(ctx, id2); !isStatus(err, http.StatusNotFound) {
		t.Fatalf("another client's reject: %v, want 404", err)
	}
	if err := owner.Reject(ctx, id2); err != nil {
		t.Fatal(err)
	}
	st2, err := owner.Status(ctx, id2)
	if err != nil || st2.State != api.JobCancelled {
		t.Fatalf("rejected job: %+v %v", st2, err)
	}
	if st2.Preview != nil && !st2.Preview.State.Final() {
		t.Fatalf("the rejected job's preview goes on: %+v", st2.Preview)
	}
	if _, err := owner.Approve(ctx, id2); !isStatus(err, http.StatusConflict) {
		t.Fatalf("approving a rejected job: %v, want 409", err)
	}
	rep2, err := owner.Report(ctx, id2)
	if err != nil || rep2.Settlement != nil {
		t.Fatalf("rejected job settled: %+v %v", rep2.Settlement, err)
	}
	if got := balance(); got.Cmp(before) != 0 {
		t.Fatalf("reject moved money: balance %s, was %s", got, before)
	}
}

// TestPreviewGLTFNeedsGLRaster: a glTF job's preview renders with
// gl-raster; with no member offering it the submit fails at once, saying
// so, rather than wait forever.
func TestPreviewGLTFNeedsGLRaster(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	data, _ := os.ReadFile("../scenes/cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{
		Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
	}
	tests := []struct {
		name    string
		change  func(*api.JobSpec)
		wantErr string
	}{
		{"no member offers gl-raster", func(s *api.JobSpec) { s.Preview = true }, "no member offers gl-raster"},
		{"a client names a preview pass", func(s *api.JobSpec) { s.PreviewOf = "0123456789abcdef" }, "set by a coordinator"},
		{"preview_of is no job id", func(s *api.JobSpec) { s.PreviewOf = "nope" }, "preview_of"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := spec
			tc.change(&s)
			_, err := c.Submit(ctx, s)
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("submit: %v, want 400 saying %q", err, tc.wantErr)
			}
		})
	}
	jobs, err := c.Jobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) != 0 {
		t.Fatalf("refused submits left jobs: %+v", jobs)
	}
}
