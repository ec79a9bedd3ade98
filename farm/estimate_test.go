package farm_test

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// estimateSpec is a small job of a bundled scene, uploaded to c.
func estimateSpec(t *testing.T, c *api.Client, scene string, frames tiler.Frames) api.JobSpec {
	return estimateSpecOf(t, c, scene, frames)
}

// estimateSpecOf is estimateSpec for tests and benchmarks.
func estimateSpecOf(t testing.TB, c *api.Client, scene string, frames tiler.Frames) api.JobSpec {
	t.Helper()
	data, ok := scenes.Bytes(scene)
	if !ok {
		t.Fatalf("no bundled scene %s", scene)
	}
	hash, err := c.Upload(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	return api.JobSpec{
		Scene: hash, SceneName: scene, Renderer: "pathtracer", Frames: frames,
		Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 4,
		Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, Nonce: t.Name(),
	}
}

// TestEstimateOnChain asks a three-node cluster on the simulated chain,
// whose members ask different prices, what jobs would take and cost: the
// numbers hold together (positive, ordered, cost the tasks at the members'
// prices), and nothing is created or locked: the requester's balance and
// the node's job list are as before.
func TestEstimateOnChain(t *testing.T) {
	prices := []string{"0.01", "0.02", "0.03"}
	_, bank, nodes := chainCluster(t, 3, func(i int, c *farm.NodeConfig) { c.Price = api.MustTokens(prices[i]) })
	ctx := context.Background()
	c := api.NewClient(nodes[0].URL())
	before, err := bank.Balance(ctx, bank.Address())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		scene   string
		frames  tiler.Frames
		budget  string
		tasks   int
		samples int    // sample crops rendered by each member
		nodes   int    // members that may render it (and sample it)
		low     string // every task at the cheapest of them
		high    string // every task at the dearest
		note    string
	}{
		{"one frame", "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1}, "1", 4, 5, 3, "0.04", "0.12", ""},
		{"frames of an animation", "anim.glb", tiler.Frames{Start: 1, End: 24, Step: 1}, "", 96, 9, 3, "0.96", "2.88", "a submission needs a budget (--budget 2.88 covers it)"},
		// 0.1 over 4 tasks is 0.025 a task: node-3 asks more.
		{"a budget that leaves out the dearest", "spheres.glb", tiler.Frames{Start: 1, End: 1, Step: 1}, "0.1", 4, 5, 2, "0.04", "0.08", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := estimateSpec(t, c, tc.scene, tc.frames)
			if tc.budget != "" {
				spec.Budget = api.MustTokens(tc.budget)
			}
			est, err := c.Estimate(ctx, spec)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%+v", est)
			if est.Tasks != tc.tasks || len(est.Samples) != tc.samples*tc.nodes || est.Sampling != "cluster" || len(est.Members) != tc.nodes {
				t.Fatalf("tasks %d, %d samples on %s (%s), %d members; want %d tasks, %d samples on each of %d members", est.Tasks, len(est.Samples), est.SampledOn, est.Sampling, len(est.Members), tc.tasks, tc.samples, tc.nodes)
			}
			for _, m := range est.Members {
				if !m.Sampled || m.SecondsPerPixel <= 0 || !strings.Contains(est.SampledOn, m.ID) {
					t.Errorf("member %+v: want it sampled, at a positive rate", m)
				}
			}
			for _, s := range est.Samples {
				if s.Seconds <= 0 || s.Rect.Dx() != 32 || s.Rect.Dy() != 32 || s.Frame < tc.frames.Start || s.Frame > tc.frames.End {
					t.Errorf("sample %+v: want a 32x32 crop of a job's frame that took time", s)
				}
			}
			ordered := func(what string, lo, mid, hi float64) {
				if !(lo > 0 && lo <= mid && mid <= hi) {
					t.Errorf("%s %v <= %v <= %v: want positive and ordered", what, lo, mid, hi)
				}
			}
			ordered("render seconds", est.RenderSecondsLow, est.RenderSeconds, est.RenderSecondsHigh)
			ordered("wall seconds", est.WallSecondsLow, est.WallSeconds, est.WallSecondsHigh)
			if est.OverheadSeconds <= 0 || est.CPUSeconds <= 0 || est.WallSeconds > est.RenderSeconds*1.000001 {
				t.Errorf("overhead %v, cpu %v, wall %v, render %v: want overhead and cpu > 0, render >= wall", est.OverheadSeconds, est.CPUSeconds, est.WallSeconds, est.RenderSeconds)
			}
			if est.Nodes != tc.nodes || est.Slots != tc.nodes {
				t.Errorf("%d nodes, %d slots; want %d and %d", est.Nodes, est.Slots, tc.nodes, tc.nodes)
			}
			if est.CostLow.String() != tc.low || est.CostHigh.String() != tc.high {
				t.Errorf("cost from %s to %s, want %s to %s", est.CostLow, est.CostHigh, tc.low, tc.high)
			}
			cent := api.MustTokens("0.01").Wei()
			if est.Cost.Cmp(est.CostLow) < 0 || est.Cost.Cmp(est.CostHigh) > 0 || new(big.Int).Rem(est.Cost.Wei(), cent).Sign() != 0 {
				t.Errorf("cost %s: want between %s and %s, a sum of the members' prices", est.Cost, est.CostLow, est.CostHigh)
			}
			if notes := strings.Join(est.Notes, "\n"); tc.note != "" && !strings.Contains(notes, tc.note) {
				t.Errorf("notes %q, want one saying %q", notes, tc.note)
			}
		})
	}
	// A budget no member's price fits: its share a task, 0.0075, is below
	// every price.
	spec := estimateSpec(t, c, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1})
	spec.Budget = api.MustTokens("0.03")
	est, err := c.Estimate(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if est.Nodes != 0 || est.RenderSeconds <= 0 || len(est.Notes) == 0 || !strings.Contains(est.Notes[0], "at 0.0075 or less a task") ||
		est.Sampling != "local" || est.SampledOn != "node-1" || len(est.Samples) != 5 {
		t.Errorf("estimate within a budget of 0.03: %+v; want no member, a render time from local samples, and a note why", est)
	}
	after, err := bank.Balance(ctx, bank.Address())
	if err != nil {
		t.Fatal(err)
	}
	if before.Cmp(after) != 0 {
		t.Errorf("the requester's balance went from %s to %s: an estimate locks nothing", api.FormatTokens(before), api.FormatTokens(after))
	}
	if jobs, err := c.Jobs(ctx); err != nil || len(jobs) != 0 {
		t.Errorf("jobs %v (%v): an estimate creates none", jobs, err)
	}
}

// TestEstimateBadInput: a spec a submission would refuse is refused as
// the client's fault (400), naming what is wrong, before anything renders.
func TestEstimateBadInput(t *testing.T) {
	n := farmtest.Start(t, 1, nil)[0]
	c := api.NewClient(n.URL())
	good := estimateSpec(t, c, "cornell.glb", tiler.Frames{Start: 1, End: 1, Step: 1})
	tests := []struct {
		name   string
		change func(*api.JobSpec)
		want   string
	}{
		{"no such scene", func(s *api.JobSpec) { s.Scene = strings.Repeat("ab", 32) }, "has not been uploaded"},
		{"zero frames", func(s *api.JobSpec) { s.Frames = tiler.Frames{} }, "frames"},
		{"frames outside the scene", func(s *api.JobSpec) { s.Frames = tiler.Frames{Start: 1, End: 5, Step: 1} }, "outside the scene's range"},
		{"no such renderer", func(s *api.JobSpec) { s.Renderer = "povray" }, `renderer "povray"`},
		{"zero samples", func(s *api.JobSpec) { s.Samples = 0 }, "samples"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := good
			tc.change(&spec)
			_, err := c.Estimate(context.Background(), spec)
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest || !strings.Contains(apiErr.Message, tc.want) {
				t.Fatalf("err %v; want a 400 saying %q", err, tc.want)
			}
		})
	}
	t.Run("not a spec", func(t *testing.T) {
		resp, err := http.Post(n.URL()+"/v1/estimate", "application/json", bytes.NewReader([]byte(`{"frames": "all"}`)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", resp.StatusCode)
		}
	})
}
