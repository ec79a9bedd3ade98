package farm

import (
	"context"
	"image"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestEstimateSamplesOnMembers: an estimate on a cluster of a member
// capped at one thread, one at two, and one its owner paused asks the two
// that may render for samples (each answers with its own threads and
// rate) and never the paused one; and a member refuses sample requests it
// could not or should not answer.
func TestEstimateSamplesOnMembers(t *testing.T) {
	ctx := context.Background()
	coord := startNode(t, "coord", nil, func(c *NodeConfig) { c.Threads = 1 })
	two := startNode(t, "two", []string{coord.GossipAddr()}, func(c *NodeConfig) { c.Threads = 2 })
	away := startNode(t, "away", []string{coord.GossipAddr()}, nil)
	if err := WaitMembers(ctx, []*Node{coord, two, away}, 3, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	if _, err := away.SetPaused(ctx, true); err != nil {
		t.Fatal(err)
	}
	waitSeenAway(t, coord, "away", "")

	c := api.NewClient(coord.URL())
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{
		Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 96, Height: 64}, Samples: 16,
		Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, Nonce: t.Name(),
	}
	est, err := c.Estimate(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", est)
	threads := map[string]int{}
	rates := map[string]float64{}
	for _, m := range est.Members {
		if !m.Sampled {
			t.Errorf("member %s was not sampled", m.ID)
		}
		threads[m.ID], rates[m.ID] = m.Threads, m.SecondsPerPixel
	}
	if len(est.Members) != 2 || threads["coord"] != 1 || threads["two"] != 2 {
		t.Fatalf("members %+v: want coord on 1 thread and two on 2, as each answered, and not the away one", est.Members)
	}
	if rates["coord"] <= 0 || rates["two"] <= 0 || rates["coord"] == rates["two"] {
		t.Errorf("rates %v: want each member's own, positive", rates)
	}
	from := map[string]int{}
	for _, s := range est.Samples {
		from[s.Node]++
	}
	if from["coord"] != 5 || from["two"] != 5 || est.Sampling != "cluster" || est.Nodes != 2 {
		t.Errorf("samples by node %v, sampling %q on %d nodes: want 5 crops from each of coord and two", from, est.Sampling, est.Nodes)
	}
	if !strings.Contains(strings.Join(est.Notes, "\n"), "1 member(s) that could render it are away") {
		t.Errorf("notes %q: want one saying a member is away", est.Notes)
	}
	if n := away.work.metrics.estimateSamples.Load(); n != 0 {
		t.Errorf("the away member got %d sample requests, want none", n)
	}
	if n := two.work.metrics.estimateSamples.Load(); n != 1 {
		t.Errorf("member two got %d sample requests, want 1", n)
	}

	// The member's own refusals, asked directly.
	member := func(n *Node) api.Member {
		for _, m := range coord.Members() {
			if m.ID == n.cfg.Name {
				return m
			}
		}
		t.Fatalf("no member %s", n.cfg.Name)
		return api.Member{}
	}
	crop := image.Rect(0, 0, estimateCrop, estimateCrop)
	full := make([]SampleWindow, maxSampleWindows)
	for i := range full {
		full[i] = SampleWindow{Frame: 1, Rect: crop}
	}
	request := func(rendererName string, windows []SampleWindow) TaskRequest {
		return TaskRequest{
			JobID: "estimate", Task: -1, Sources: []string{coord.coord.selfURL()},
			Renderer: rendererName, Scene: hash, SceneName: "cornell.glb", Width: 64, Height: 64, Samples: 1,
			Coordinator: coord.coord.ident.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
			Sample: &SampleRequest{Windows: windows},
		}
	}
	tests := []struct {
		name string
		to   *Node
		req  TaskRequest
		want string
	}{
		{"away", away, request("pathtracer", full[:1]), "503"},
		{"no such renderer", two, request("blender", full[:1]), `no "blender" renderer`},
		{"too many pixels", two, request("pathtracer", append(full, full[0])), "17 windows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := coord.coord.postSample(ctx, member(tc.to), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one saying %q", err, tc.want)
			}
		})
	}
	t.Run("over the requester's budget", func(t *testing.T) {
		// The estimate above spent some of coord's budget on two; full
		// requests use up the rest, and the next is refused.
		var err error
		for i := 0; i < sampleBurst/maxSamplePixels+1 && err == nil; i++ {
			_, err = coord.coord.postSample(ctx, member(two), request("pathtracer", full))
		}
		if err == nil || !strings.Contains(err.Error(), http.StatusText(http.StatusTooManyRequests)) {
			t.Fatalf("err %v, want 429 once the budget is spent", err)
		}
	})
}
