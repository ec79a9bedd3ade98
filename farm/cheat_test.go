package farm_test

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"io"
	"math/big"
	"math/rand/v2"
	"net/http"
	"path/filepath"
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
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
	"github.com/ethereum/go-ethereum/common"
)

// cheater wraps an honest renderer and lies in one of the ways a worker
// that wants pay without the work could.
type cheater struct {
	renderer.Renderer
	mode  string
	count atomic.Int64
	mu    sync.Mutex
	last  *image.NRGBA64 // for "copy"
}

func (c *cheater) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	n := c.count.Add(1)
	r := t.Rect()
	mode := c.mode
	if mode == "honest-then-lazy" {
		if n <= 20 {
			return c.Renderer.Render(ctx, t)
		}
		mode = "lazy4"
	}
	switch mode {
	case "liar":
		// Honest in its own tiles, a lie in every check: a region smaller
		// than liarTile's is a check's crop.
		if r.Dx() < liarTile.X || r.Dy() < liarTile.Y {
			t.Samples = max(1, t.Samples/4)
		}
	case "lazy4", "colluder":
		t.Samples = max(1, t.Samples/4)
	case "lazy16":
		t.Samples = max(1, t.Samples/16)
	case "seed":
		t.Seed++
	case "frame":
		if t.Frame > 1 {
			t.Frame--
		} else {
			t.Frame++
		}
	case "othertile":
		// The same size of pixels from elsewhere in the frame.
		dx := r.Dx()
		if r.Max.X+dx > t.Width {
			dx = -r.Min.X
		}
		if dx == 0 {
			dx = min(r.Dx(), t.Width-r.Max.X)
		}
		t.Region = r.Add(image.Pt(dx, 0))
		res, err := c.Renderer.Render(ctx, t)
		if err != nil {
			return res, err
		}
		out := image.NewNRGBA64(r)
		copy(out.Pix, res.Image.Pix)
		return renderer.Result{Image: out}, nil
	case "halfres":
		small := t
		small.Width, small.Height = max(1, t.Width/2), max(1, t.Height/2)
		small.Region = image.Rect(r.Min.X/2, r.Min.Y/2, max(r.Min.X/2+1, r.Max.X/2), max(r.Min.Y/2+1, r.Max.Y/2))
		res, err := c.Renderer.Render(ctx, small)
		if err != nil {
			return res, err
		}
		out := image.NewNRGBA64(r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				p := image.Pt(x/2, y/2)
				if !p.In(res.Image.Bounds()) {
					p = res.Image.Bounds().Max.Sub(image.Pt(1, 1))
				}
				out.Set(x, y, res.Image.At(p.X, p.Y))
			}
		}
		return renderer.Result{Image: out}, nil
	case "constant", "noise", "copy":
		out := image.NewNRGBA64(r)
		rnd := rand.New(rand.NewPCG(uint64(n), 7))
		c.mu.Lock()
		last := c.last
		c.mu.Unlock()
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				v := color.NRGBA64{0x8000, 0x8000, 0x8000, 0xffff}
				if mode == "noise" {
					v = color.NRGBA64{uint16(rnd.Uint32()), uint16(rnd.Uint32()), uint16(rnd.Uint32()), 0xffff}
				}
				if mode == "copy" && last != nil {
					b := last.Bounds()
					v = last.NRGBA64At(b.Min.X+(x-r.Min.X)%b.Dx(), b.Min.Y+(y-r.Min.Y)%b.Dy())
				}
				out.SetNRGBA64(x, y, v)
			}
		}
		if mode == "copy" && last == nil {
			res, err := c.Renderer.Render(ctx, t) // the one honest result it reuses
			if err != nil {
				return res, err
			}
			c.mu.Lock()
			c.last = res.Image
			c.mu.Unlock()
			return res, nil
		}
		return renderer.Result{Image: out}, nil
	}
	return c.Renderer.Render(ctx, t)
}

// reference renders the job's frames whole on one honest renderer.
func reference(t testing.TB, scene string, spec api.JobSpec) map[int]*image.NRGBA64 {
	t.Helper()
	r := pathtracer.New(pathtracer.DefaultConfig())
	out := map[int]*image.NRGBA64{}
	for _, f := range spec.Frames.List() {
		res, err := r.Render(context.Background(), renderer.Task{Scene: scene, Frame: f, Width: spec.Resolution.Width, Height: spec.Resolution.Height, Samples: spec.Samples, Seed: spec.Seed})
		if err != nil {
			t.Fatal(err)
		}
		out[f] = res.Image
	}
	return out
}

// TestCheatersCaught: for every way of cheating, on a cluster of an honest
// coordinator, an honest worker and the cheater(s): the job's frames are
// pixel-identical to an honest render, every cheater is convicted and
// paid for nothing, and no honest node is ever convicted.
func TestCheatersCaught(t *testing.T) {
	modes := []string{"lazy4", "lazy16", "halfres", "othertile", "frame", "constant", "noise", "seed", "copy", "honest-then-lazy", "colluder"}
	if testing.Short() {
		modes = modes[:3] // -short: the three that differ most in kind; the full tier runs all
	}
	data, _ := scenes.Bytes("anim.glb")
	scenePath := farmtest.SceneFile(t, "anim.glb")
	for _, mode := range modes {
		t.Run(mode, func(t *testing.T) {
			spec := api.JobSpec{
				SceneName: "anim.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 2, Step: 1},
				Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 16, Seed: 3,
				Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 16, Nonce: mode,
			}
			cheaters := map[string]bool{"node-3": true}
			nodes := 3
			if mode == "colluder" {
				cheaters["node-4"], nodes = true, 4
			}
			if mode == "honest-then-lazy" {
				spec.Tiles = tiler.Grid{Cols: 8, Rows: 8}
				spec.Frames.End = 3
			}
			ns := farmtest.Start(t, nodes, func(i int, c *farm.NodeConfig) {
				if cheaters[c.Name] {
					c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: mode}}
				}
			})
			c := api.NewClient(ns[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			var err error
			if spec.Scene, err = c.Upload(ctx, data); err != nil {
				t.Fatal(err)
			}
			id, err := c.Submit(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
				t.Fatalf("job: %s %v", state, err)
			}
			rep, err := c.Report(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			convicted := map[string]bool{}
			for _, cv := range rep.Convictions {
				convicted[cv.Node] = true
				if !cheaters[cv.Node] {
					t.Fatalf("honest node %s convicted: %+v", cv.Node, cv.Evidence)
				}
				// Every party is held to its pixels: the worker's signed
				// result and each renderer's signed crops are kept.
				ev := cv.Evidence
				if ev.Result == nil || ev.Result.ResultHash != "0x"+ev.Hashes[0] || len(ev.Renders) < 1 {
					t.Fatalf("conviction of %s without the signed result and crops: %+v", cv.Node, ev)
				}
				for i, r := range ev.Renders {
					if r.Signature == "" || r.Hash != ev.Hashes[i+1] {
						t.Fatalf("render %d of the evidence unsigned or not the compared one: %+v", i, ev)
					}
				}
			}
			for n := range cheaters {
				if !convicted[n] && (mode != "colluder" || len(convicted) == 0) {
					t.Errorf("cheater %s not convicted (convictions %v)", n, convicted)
				}
			}
			for _, tr := range rep.Tasks {
				if cheaters[tr.Node] && convicted[tr.Node] {
					t.Fatalf("task %d accepted from convicted cheater %s", tr.Index, tr.Node)
				}
			}
			members, err := c.Nodes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range members {
				if r := m.Reputation; r == nil || r.Quarantined != convicted[m.ID] {
					t.Fatalf("%s reputation %+v; convicted %v", m.ID, r, convicted[m.ID])
				}
			}
			want := reference(t, scenePath, spec)
			dir := t.TempDir()
			if _, err := c.Fetch(ctx, id, dir); err != nil {
				t.Fatal(err)
			}
			for f, img := range want {
				got := decode(t, filepath.Join(dir, api.FrameName(f, api.FormatPNG)))
				if n, p := farmtest.DiffPixels(img, got); n > 0 {
					t.Fatalf("frame %d: %d pixels differ from the honest render, the first at %v: a cheat got through", f, n, p)
				}
			}
		})
	}
}

// TestCheaterSlashedOnChain: a demo job on the simulated chain with one
// lazy node: it is convicted, earns nothing, and its stake is burned (the
// requester gains nothing from it); the honest nodes are paid exactly their accepted work; and
// every token adds up to the wei.
func TestCheaterSlashedOnChain(t *testing.T) {
	data, _ := scenes.Bytes("cornell.glb")
	spec := api.JobSpec{
		Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 8, Seed: 1,
		Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8, Budget: api.MustTokens("10"),
	}
	prices := map[string]*big.Int{"node-1": api.MustTokens("0.25").Wei(), "node-2": api.MustTokens("0.5").Wei(), "node-3": api.MustTokens("0.125").Wei()}
	stake := api.MustTokens("5")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var wallets []api.WalletInfo
	rep, err := farm.RunDemo(ctx, farm.DemoConfig{
		Nodes: 3, NewRenderers: farmtest.NewRenderers, SceneName: "cornell.glb", Scene: data,
		Spec: spec, Out: t.TempDir(), Chain: true, Prices: []api.Tokens{api.MustTokens("0.25"), api.MustTokens("0.5"), api.MustTokens("0.125")}, Stake: stake,
		Change: func(i int, c *farm.NodeConfig) {
			if i == 2 {
				c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: "lazy4"}}
			}
		},
		OnFinish: func(nodes []*farm.Node, w []api.WalletInfo) {
			wallets = afterGrace(t, ctx, nodes, w, 1000-10-1)
			if burned, err := nodes[0].Chain().Burned(ctx); err != nil || burned.Cmp(stake.Wei()) != 0 {
				t.Errorf("burned %v (%v), want the cheater's stake %v", burned, err, stake)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Convictions) == 0 || rep.Convictions[0].Node != "node-3" {
		t.Fatalf("convictions %+v, want node-3", rep.Convictions)
	}
	st := rep.Settlement
	if st == nil || st.Error != "" || len(st.Slashes) != 1 || st.Slashes[0].Error != "" {
		t.Fatalf("settlement %+v", st)
	}
	if st.Slashes[0].Amount != stake.String() {
		t.Fatalf("slashed %s, want the whole stake %v", st.Slashes[0].Amount, stake)
	}
	paid := new(big.Int)
	earned := map[string]*big.Int{"node-1": new(big.Int), "node-2": new(big.Int)}
	for _, tr := range rep.Tasks {
		if tr.Node == "node-3" {
			t.Fatalf("task %d accepted from the cheater", tr.Index)
		}
		paid.Add(paid, prices[tr.Node])
		earned[tr.Node].Add(earned[tr.Node], prices[tr.Node])
	}
	if st.Paid != api.FormatTokens(paid) {
		t.Fatalf("paid %s, want %s", st.Paid, api.FormatTokens(paid))
	}
	requester := api.MustTokens("1000").Wei()
	requester.Sub(requester, paid).Add(requester, earned["node-1"])
	want := []string{
		api.FormatTokens(requester),        // requester: 1000 - 10 + (10 - paid) + own work; nothing of the slash
		api.FormatTokens(earned["node-2"]), // node-2 keeps its stake bonded
		"0",                                // the cheater: stake gone, nothing earned
	}
	for i, w := range wallets {
		if w.Balance != want[i] {
			t.Errorf("node-%d balance %s, want %s", i+1, w.Balance, want[i])
		}
	}
	if wallets[1].Stake != stake.String() || wallets[2].Stake != "0" {
		t.Errorf("stakes after the job: honest %s (want %v), cheater %s (want 0)", wallets[1].Stake, stake, wallets[2].Stake)
	}
}

// liarTile is the size of TestLyingChecker's tiles: the "liar" renders
// honestly any region this large.
var liarTile = image.Pt(8, 6)

// TestLyingChecker: a node that renders its own tiles honestly but lies in
// every check it is asked for is convicted as a checker (every tile of the
// other worker is checked, so it is asked), its tiles are rendered again,
// and the escrow burns its stake with its own signed render of the crops
// it lied about (slashCheck): lying as a checker, which convicts honest
// workers when an arbiter is fooled too, now costs what it bonded. (Before
// slashCheck it kept its stake: the escrow took no checker's signature.)
// Nobody honest is convicted, and the frame is right.
func TestLyingChecker(t *testing.T) {
	data, _ := scenes.Bytes("cornell.glb")
	spec := api.JobSpec{
		SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 8 * liarTile.X, Height: 8 * liarTile.Y}, Samples: 8, Seed: 1,
		Tiles: tiler.Grid{Cols: 8, Rows: 8}, Depth: 16, Budget: api.MustTokens("10"), VerifyRate: 1, // reference renders at depth 16
	}
	stake := api.MustTokens("5")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var wallets []api.WalletInfo
	out := t.TempDir()
	// After its conviction, every tile of the liar's is rendered again:
	// a verdict on one (a check of its own work that passed) is not the
	// tile's, and the app showed it as such.
	var convicted atomic.Int64
	progress := func(e api.Event) {
		switch {
		case e.Type != api.EventVerdict:
		case e.Convicted == "node-3":
			convicted.Add(1)
		case e.Node == "node-3" && convicted.Load() > 0:
			t.Errorf("after its conviction, a verdict on the liar's task %d: %s", e.Task, e.Message)
		}
	}
	rep, err := farm.RunDemo(ctx, farm.DemoConfig{
		Nodes: 3, NewRenderers: farmtest.NewRenderers, SceneName: "cornell.glb", Scene: data,
		Spec: spec, Out: out, Chain: true, Stake: stake, Progress: progress,
		Change: func(i int, c *farm.NodeConfig) {
			if i == 2 {
				c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: "liar"}}
			}
		},
		OnFinish: func(nodes []*farm.Node, w []api.WalletInfo) {
			wallets = w
			if burned, err := nodes[0].Chain().Burned(ctx); err != nil || burned.Cmp(stake.Wei()) != 0 {
				t.Errorf("burned %v (%v), want the liar's stake %v", burned, err, stake)
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Convictions) == 0 {
		t.Fatal("the liar was never convicted: the test proves nothing")
	}
	for _, cv := range rep.Convictions {
		if cv.Node != "node-3" || cv.Evidence.Worker == "node-3" {
			t.Fatalf("convicted %s as the worker %s of task %d: only node-3, and only as a checker (%+v)", cv.Node, cv.Evidence.Worker, cv.Task, cv.Evidence.Verdict)
		}
	}
	st := rep.Settlement
	if st == nil || st.Error != "" || len(st.Slashes) != 1 {
		t.Fatalf("settlement %+v", st)
	}
	if s := st.Slashes[0]; s.Node != "node-3" || s.Tx == "" || s.Error != "" || s.Amount != stake.String() {
		t.Fatalf("slash record %+v: want node-3's stake %v slashed", s, stake)
	}
	if len(wallets) != 3 || wallets[2].Stake != "0" || wallets[1].Stake != stake.String() {
		t.Errorf("stakes after the job: %+v, want the liar's 0 and the honest worker's %v", wallets, stake)
	}
	for _, tr := range rep.Tasks {
		if tr.Node == "node-3" {
			t.Errorf("task %d accepted from the convicted liar", tr.Index)
		}
		if tr.Verdict == api.VerdictChecking {
			// The tiles the liar lied about passed (the arbiter sided
			// with their worker); they stayed "checking" for good.
			t.Errorf("task %d of the finished job is still %s", tr.Index, tr.Verdict)
		}
	}
	ref := reference(t, farmtest.SceneFile(t, "cornell.glb"), spec)[1]
	if n, _ := farmtest.DiffPixels(ref, decode(t, filepath.Join(out, api.FrameName(1, api.FormatPNG)))); n != 0 {
		t.Errorf("%d pixels differ from an honest render", n)
	}
}

// BenchmarkCheatModes prints, per way of cheating, on a cluster of an
// honest coordinator, an honest worker and the cheater, at the default
// policy: whether the cheater was caught, after how many of its tasks,
// cheating pixels left in the output (must be 0), honest nodes convicted
// (must be 0), and the verification overhead (pixels re-rendered for
// checks over the job's pixels).
func BenchmarkCheatModes(b *testing.B) {
	data, _ := scenes.Bytes("anim.glb")
	scenePath := farmtest.SceneFile(b, "anim.glb")
	for _, mode := range []string{"honest", "lazy4", "lazy16", "halfres", "othertile", "frame", "constant", "noise", "seed", "copy", "honest-then-lazy"} {
		b.Run(mode, func(b *testing.B) {
			spec := api.JobSpec{
				SceneName: "anim.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 3, Step: 1},
				Resolution: tiler.Resolution{Width: 128, Height: 96}, Samples: 16, Seed: 3,
				Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 16,
			}
			var caught, after, bad, falsePos, overhead float64
			for i := 0; b.Loop(); i++ {
				ns := farmtest.Start(b, 3, func(i int, c *farm.NodeConfig) {
					if c.Name == "node-3" && mode != "honest" {
						c.Renderers = []renderer.Renderer{&cheater{Renderer: farmtest.Renderers()[0], mode: mode}}
					}
				})
				c := api.NewClient(ns[0].URL())
				ctx := context.Background()
				spec.Scene, _ = c.Upload(ctx, data)
				spec.Nonce = fmt.Sprint(mode, i)
				id, err := c.Submit(ctx, spec)
				if err != nil {
					b.Fatal(err)
				}
				doneByCheater := 0
				firstConviction := -1
				c.Events(ctx, id, func(e api.Event) error {
					if e.Type == api.EventDone && e.Node == "node-3" {
						doneByCheater++
					}
					if e.Type == api.EventVerdict && strings.Contains(e.Message, "convicted node-3") && firstConviction < 0 {
						firstConviction = doneByCheater
					}
					return nil
				})
				rep, _ := c.Report(ctx, id)
				for _, cv := range rep.Convictions {
					if cv.Node != "node-3" || mode == "honest" {
						falsePos++
					}
				}
				if firstConviction >= 0 {
					caught++
					after += float64(firstConviction)
				}
				dir := b.TempDir()
				c.Fetch(ctx, id, dir)
				for f, img := range reference(b, scenePath, spec) {
					got := decode(b, filepath.Join(dir, api.FrameName(f, api.FormatPNG)))
					n, _ := farmtest.DiffPixels(img, got)
					bad += float64(n)
				}
				jobPixels := float64(spec.Resolution.Width * spec.Resolution.Height * 3)
				overhead += metric(b, ns[0].URL(), "conun_check_pixels_total") / jobPixels
			}
			n := float64(b.N)
			if mode != "honest" {
				b.ReportMetric(caught/n, "detected")
				if caught > 0 {
					b.ReportMetric(after/caught, "tasks-to-detect")
				}
			}
			b.ReportMetric(bad/n, "bad-pixels")
			b.ReportMetric(falsePos/n, "false-positives")
			b.ReportMetric(overhead/n, "check-overhead")
		})
	}
}

// metric reads one counter from a node's /v1/metrics.
func metric(tb testing.TB, url, name string) float64 {
	resp, err := http.Get(url + "/v1/metrics")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			var f float64
			fmt.Sscan(v, &f)
			return f
		}
	}
	return 0
}

// TestHonestNeverPenalized: on every bundled scene, repeated, honest nodes'
// tiles pass their checks and nobody is convicted.
func TestHonestNeverPenalized(t *testing.T) {
	nodes := farmtest.Start(t, 3, nil)
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	passed := 0
	for _, name := range scenes.Names() {
		for run := range 2 {
			data, _ := scenes.Bytes(name)
			hash, err := c.Upload(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			id, err := c.Submit(ctx, api.JobSpec{
				Scene: hash, SceneName: name, Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
				Resolution: tiler.Resolution{Width: 48, Height: 36}, Samples: 8, Seed: uint64(run),
				Tiles: tiler.Grid{Cols: 3, Rows: 3}, Depth: 8, Nonce: fmt.Sprint(name, run),
			})
			if err != nil {
				t.Fatal(err)
			}
			if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
				t.Fatalf("%s: %s %v", name, state, err)
			}
			st, _ := c.Status(ctx, id)
			if len(st.Convicted) > 0 {
				t.Fatalf("%s run %d: honest nodes convicted: %v", name, run, st.Convicted)
			}
			passed += st.Checks["passed"]
		}
	}
	if passed == 0 {
		t.Fatal("no check ran: the test proves nothing")
	}
}

// TestClaimsKeptAcrossRestart: a claim handed to a node is kept in its
// store with its proof and state, so a restarted node still lists it and
// does not pay it twice (and would send it again had it not been paid).
func TestClaimsKeptAcrossRestart(t *testing.T) {
	ctx := context.Background()
	chain, bank := farmtest.SimBank(t, contracts.DefaultSimConfig())
	bank.Mint(ctx, bank.Address(), api.MustTokens("100").Wei())
	now, _ := chain.Now(ctx)
	job := common.HexToHash("0x01")
	worker := rpc.IdentityFromKey(contracts.DevKey(1))
	if _, err := bank.OpenJob(ctx, job, api.MustTokens("10").Wei(), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	st, err := bank.Settle(ctx, job, []contracts.Payout{{Node: worker.Address(), Amount: api.MustTokens("2").Wei()}})
	if err != nil {
		t.Fatal(err)
	}
	cl := st.Claims[0]

	data := t.TempDir()
	start := func(c *contracts.Client) *farm.Node {
		nc := farm.DefaultNodeConfig()
		nc.Name, nc.DataDir, nc.Identity, nc.Chain = "w", data, worker, c
		n, err := farm.StartNode(context.Background(), nc)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	body := fmt.Sprintf(`{"job":%q,"node":%q,"amount":%q,"proof":[]}`, cl.JobID.Hex(), cl.Node.Hex(), cl.Amount.String())
	for _, p := range cl.Proof {
		body = strings.Replace(body, `"proof":[]`, fmt.Sprintf(`"proof":[%q]`, p.Hex()), 1)
	}
	n := start(bank.WithKey(contracts.DevKey(1)))
	resp, err := http.Post(n.URL()+"/rpc/v1/claims", "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("hand claim: %v %v", err, resp.Status)
	}
	resp.Body.Close()
	waitClaimed := func(n *farm.Node) api.WalletInfo {
		var w api.WalletInfo
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			w, _ = api.NewClient(n.URL()).Wallet(ctx)
			if len(w.Claims) == 1 && w.Claims[0].Claimed {
				return w
			}
		}
		t.Fatalf("claim not paid: %+v", w)
		return w
	}
	waitClaimed(n)
	n.Close()
	// After a restart the paid claim is still listed, and not paid twice.
	n = start(bank.WithKey(contracts.DevKey(1)))
	defer n.Close()
	w := waitClaimed(n)
	if w.Balance != "2" {
		t.Fatalf("balance %s, want 2 tokens once", w.Balance)
	}
}
