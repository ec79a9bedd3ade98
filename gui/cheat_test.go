package gui

import (
	"context"
	"strings"
	"testing"

	"github.com/conun/conun/contracts"
	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// lazy renders with a quarter of the samples asked for: a worker after pay
// without the work.
type lazy struct{ renderer.Renderer }

func (l lazy) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	t.Samples = max(1, t.Samples/4)
	return l.Renderer.Render(ctx, t)
}

// TestLiveViewShowsConviction: a staked lazy node in a chain-connected
// cluster is caught by the checks; the live view logs the conviction,
// shows failed checks, and its settlement names the slash.
func TestLiveViewShowsConviction(t *testing.T) {
	const stake = 5.0
	nodes := startChainCluster(t, 100, []float64{0.25, 0.5, 0.125}, func(i int, c *farm.NodeConfig, deployer *contracts.Client) {
		if i != 2 {
			return
		}
		c.Renderers = []renderer.Renderer{lazy{farmtest.Renderers()[0]}}
		if _, err := deployer.Mint(context.Background(), c.Identity.Address(), tok(stake).Wei()); err != nil {
			t.Fatal(err)
		}
		c.Stake = tok(stake)
	})
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 4, Seed: 1, Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8, Budget: api.MustTokens("10"), VerifyRate: 1}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}

	u, th := newTestUI(t, nodes[0].URL())
	u.showLive(id, nil)
	th.until(t, "the job's settlement is shown", func() bool {
		return u.live.prog != nil && u.live.prog.State.Final() && u.live.money.Visible()
	})
	p := u.live.prog
	if p.State != api.JobDone || len(p.Convicted) == 0 || p.Convicted[0] != "node-3" {
		t.Fatalf("job %s, convicted %v: want done, node-3 convicted", p.State, p.Convicted)
	}
	log := strings.Join(p.Log, "\n")
	for _, want := range []string{markBad + " CONVICTED node-3", "FAILED CHECK, re-queued"} {
		if !strings.Contains(log, want) {
			t.Errorf("event log does not show %q:\n%s", want, log)
		}
	}
	for _, want := range []string{"SLASHED node-3", "5 of its stake", "CONVICTED node-3"} {
		if !hasText(u.live.content, want) {
			t.Errorf("live view's settlement %q does not show %q", u.live.money.Text, want)
		}
	}
	if !hasText(u.live.content, "CONVICTED: node-3") {
		t.Errorf("summary %q does not name the convicted node", u.live.summary.Text)
	}
}
