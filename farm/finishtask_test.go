package farm_test

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"math/big"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
)

// noFinish is a Blender that renders but cannot finish frames (it is not a
// renderer.Finisher): a coordinator like the app's local node, or one
// whose Blender is of another release than the job's.
type noFinish struct{ renderer.Renderer }

// finishFault wraps an honest Blender's finish step. It reports each
// finish it starts on started (when set), then, by mode: "fail" fails it
// as a crashed Blender would, "hang" holds it until gate closes or the
// lease ends, "tamper" darkens the finished frame by 10%.
type finishFault struct {
	renderer.Renderer
	mode    string
	started chan<- struct{}
	gate    <-chan struct{}
}

func (f finishFault) Finish(ctx context.Context, t renderer.FinishTask) (renderer.FinishResult, error) {
	if f.started != nil {
		select {
		case f.started <- struct{}{}:
		default:
		}
	}
	switch f.mode {
	case "fail":
		return renderer.FinishResult{}, errors.New("blender: compositor crashed (signal 11)")
	case "hang":
		select {
		case <-f.gate:
		case <-ctx.Done():
			return renderer.FinishResult{}, ctx.Err()
		}
	}
	res, err := f.Renderer.(renderer.Finisher).Finish(ctx, t)
	if err != nil || f.mode != "tamper" {
		return res, err
	}
	src, err := png.Decode(bytes.NewReader(res.File))
	if err != nil {
		return res, err
	}
	img := toNRGBA64(src)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := img.NRGBA64At(x, y)
			p.R, p.G, p.B = p.R/10*9, p.G/10*9, p.B/10*9
			img.SetNRGBA64(x, y, p)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return res, err
	}
	res.File = buf.Bytes()
	return res, nil
}

// finishTasks returns the job's finish tasks as its report lists them.
func finishTasks(ctx context.Context, t *testing.T, c *api.Client, id string) []api.TaskReport {
	t.Helper()
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []api.TaskReport
	for _, tr := range rep.Tasks {
		if tr.Finish {
			out = append(out, tr)
		}
	}
	if len(out) != 1 || out[0].Rect != [4]int{0, 0, 96, 64} {
		t.Fatalf("finish tasks %+v, want one over the whole 96x64 frame", out)
	}
	return out
}

// TestFinishOnWorker: a coordinator that cannot finish (no compositor of
// its own) still runs a composited job: its tiles carry raw passes, the
// finish task goes to a worker that can, a second worker re-runs it and
// the two agree exactly, nobody is convicted, and the frame (PNG, or
// OpenEXR as the job asks) equals Blender's own whole-frame render.
func TestFinishOnWorker(t *testing.T) {
	needBlender(t)
	for _, format := range []string{api.FormatPNG, api.FormatEXR} {
		t.Run(format, func(t *testing.T) {
			nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				c.Renderers = []renderer.Renderer{newBlender(t)}
				if i == 0 {
					c.Renderers = []renderer.Renderer{noFinish{c.Renderers[0]}}
				}
			})
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			job := submitComposited(ctx, t, c, "composite", func(s *api.JobSpec) { s.Format = format })
			job.wait(ctx, t)
			st, err := c.Status(ctx, job.id)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Convicted) > 0 || st.Total != 17 || st.Finishes != 1 {
				t.Errorf("convicted %v, %d tasks (%d finishes): want none convicted, 16 tiles + 1 finish", st.Convicted, st.Total, st.Finishes)
			}
			fin := finishTasks(ctx, t, c, job.id)[0]
			if fin.Node == "node-1" || fin.Verdict != api.VerdictPassed || fin.Evidence == nil {
				t.Fatalf("finish by %s, verdict %s: want a worker's, checked by the other", fin.Node, fin.Verdict)
			}
			t.Logf("finish by %s (%.2f s) checked by %s: %s", fin.Node, fin.Seconds, fin.Evidence.Checker, fin.Evidence.Verdict.Reason)
			if m := fin.Evidence.Verdict.Metrics; m.Pixels != 96*64 || m.Differing != 0 || m.MaxDiff != 0 {
				t.Errorf("two finishes of one build differ: %+v (a finish is deterministic)", m)
			}
			job.matchesBlender(ctx, t)
		})
	}
}

// TestFinishCheaterConvicted: a node that tampers with the frames it
// finishes is caught by the second run (the coordinator or the honest
// worker arbitrating) and convicted; its work is done again and the frame
// in the output is the honest one. It has the most slots, so the finish
// goes to it.
func TestFinishCheaterConvicted(t *testing.T) {
	needBlender(t)
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{newBlender(t)}
		if i == 2 {
			c.Renderers = []renderer.Renderer{finishFault{Renderer: c.Renderers[0], mode: "tamper"}}
			c.Slots = 2
		}
	})
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	job := submitComposited(ctx, t, c, "composite", nil)
	job.wait(ctx, t)
	rep, err := c.Report(ctx, job.id)
	if err != nil {
		t.Fatal(err)
	}
	finishConvicted := false
	for _, cv := range rep.Convictions {
		if cv.Node != "node-3" {
			t.Errorf("honest %s convicted: %+v", cv.Node, cv.Evidence.Verdict)
		}
		finishConvicted = finishConvicted || cv.Task == 16
	}
	if !finishConvicted {
		t.Fatalf("convictions %+v: want node-3's for the finish task (16)", rep.Convictions)
	}
	if fin := finishTasks(ctx, t, c, job.id)[0]; fin.Node == "node-3" {
		t.Fatalf("the frame stands on the cheater's finish")
	}
	job.matchesBlender(ctx, t)
}

// TestFinishRetriedElsewhere: a finish that fails on its node (a crashed
// compositor), or whose node dies while it runs, is leased again to
// another node and the frame still equals Blender's own render.
func TestFinishRetriedElsewhere(t *testing.T) {
	needBlender(t)
	for _, mode := range []string{"fail", "hang"} {
		t.Run(mode, func(t *testing.T) {
			started := make(chan struct{}, 1)
			nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				c.Renderers = []renderer.Renderer{newBlender(t)}
				if i == 2 { // the most slots: the first finish goes to it
					c.Renderers = []renderer.Renderer{finishFault{Renderer: c.Renderers[0], mode: mode, started: started}}
					c.Slots = 2
				}
			})
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			job := submitComposited(ctx, t, c, "composite", nil)
			if mode == "hang" {
				select {
				case <-started:
				case <-ctx.Done():
					t.Fatal("node-3 was never given the finish")
				}
				nodes[2].Close() // dies holding the finish
			}
			job.wait(ctx, t)
			fin := finishTasks(ctx, t, c, job.id)[0]
			if fin.Node == "node-3" || fin.Node == "" {
				t.Fatalf("finished by %q, want another node than node-3", fin.Node)
			}
			if len(started) == 0 && mode == "fail" {
				t.Fatal("node-3 never tried the finish")
			}
			job.matchesBlender(ctx, t)
		})
	}
}

// TestFinishResumedAfterRestart: a coordinator stopped while a worker
// runs a frame's finish resumes the job on restart with every accepted
// tile kept (no tile is leased again) and the finish leased anew.
func TestFinishResumedAfterRestart(t *testing.T) {
	needBlender(t)
	started := make(chan struct{}, 1)
	gate := make(chan struct{})
	var cfg0 farm.NodeConfig
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{finishFault{Renderer: newBlender(t), mode: "hang", started: started, gate: gate}}
		if i == 0 {
			id, err := rpc.NewIdentity()
			if err != nil {
				t.Fatal(err)
			}
			c.Identity = id
			c.Renderers = []renderer.Renderer{noFinish{newBlender(t)}}
			cfg0 = *c
		}
	})
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	job := submitComposited(ctx, t, c, "composite", nil)
	select {
	case <-started:
	case <-ctx.Done():
		t.Fatal("no finish started")
	}
	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	close(gate)
	job.c = api.NewClient(farmtest.Restart(t, ctx, cfg0, nodes[1]).URL())
	job.wait(ctx, t)

	resumed, tilesLeased, finishLeased := false, 0, 0
	if _, err := job.c.Events(ctx, job.id, func(e api.Event) error {
		switch {
		case e.Type == api.EventSubmitted && e.Message != "":
			resumed = true
		case resumed && e.Type == api.EventLeased && e.Finish:
			finishLeased++
		case resumed && e.Type == api.EventLeased:
			tilesLeased++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !resumed || tilesLeased != 0 || finishLeased == 0 {
		t.Fatalf("after the restart: resumed %v, %d tiles and %d finishes leased: want no tile, the finish again", resumed, tilesLeased, finishLeased)
	}
	job.matchesBlender(ctx, t)
}

// TestFinishPaid: on the simulated chain a finish task pays its worker
// like a tile: the settlement's payout and the worker's signed receipt
// both count it with the worker's tiles.
func TestFinishPaid(t *testing.T) {
	needBlender(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	_, bank := farmtest.FundedBank(t)
	price := api.MustTokens("0.25")
	nodes := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		farmtest.OnChain(c, bank, i)
		c.Price = price
		c.Renderers = []renderer.Renderer{newBlender(t)}
		if i == 0 { // the finish goes to a worker, which is paid for it
			c.Renderers = []renderer.Renderer{noFinish{c.Renderers[0]}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	job := submitComposited(ctx, t, c, "composite", func(s *api.JobSpec) { s.Budget = api.MustTokens("10") })
	job.wait(ctx, t)
	fin := finishTasks(ctx, t, c, job.id)[0]
	rep, err := c.Report(ctx, job.id)
	if err != nil {
		t.Fatal(err)
	}
	tasks := 0
	for _, tr := range rep.Tasks {
		if tr.Node == fin.Node && tr.State == api.TaskDone {
			tasks++
		}
	}
	if rep.Settlement == nil {
		t.Fatal("the job was not settled")
	}
	var paid *api.NodePayout
	for i, p := range rep.Settlement.Payouts {
		if p.Node == fin.Node {
			paid = &rep.Settlement.Payouts[i]
		}
	}
	want := api.FormatTokens(new(big.Int).Mul(price.Wei(), big.NewInt(int64(tasks))))
	if paid == nil || paid.Tasks != tasks || paid.Amount != want {
		t.Fatalf("%s did the finish and %d tasks in all; settlement pays it %+v, want %d tasks, %s tokens", fin.Node, tasks, paid, tasks, want)
	}
	var node *farm.Node
	for _, n := range nodes {
		if n.Name() == fin.Node {
			node = n
		}
	}
	farmtest.Until(t, fin.Node+"'s receipt counts the finish", func() bool {
		w, err := api.NewClient(node.URL()).Wallet(ctx)
		return err == nil && len(w.Receipts) == 1 && w.Receipts[0].Tasks == uint64(tasks) && w.Receipts[0].Amount == want
	})
	t.Logf("%s: %d tasks (the finish among them) settled and receipted for %s tokens", fin.Node, tasks, want)
}
