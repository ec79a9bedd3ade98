package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestMinStake: on the simulated chain, a coordinator with a minimum stake
// leases to the member that bonded it and never to the one that did not
// (which gets work as soon as there is no minimum).
func TestMinStake(t *testing.T) {
	tests := []struct {
		name       string
		minStake   api.Tokens
		unstakedOK bool
	}{
		{"minimum 1 token", api.MustTokens("1"), false},
		{"no minimum", api.Tokens{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := scenes.Bytes("cornell.glb")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			rep, err := farm.RunDemo(ctx, farm.DemoConfig{
				Nodes: 3, NewRenderers: farmtest.NewRenderers, SceneName: "cornell.glb", Scene: data, Out: t.TempDir(),
				Spec: api.JobSpec{
					Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
					Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 2, Seed: 1,
					Tiles: tiler.Grid{Cols: 4, Rows: 4}, Depth: 8, Budget: api.MustTokens("10"), Nonce: t.Name(),
				},
				Chain: true, Prices: []api.Tokens{api.MustTokens("0.1")}, Stake: api.MustTokens("2"), // node-2 and node-3 get 2 tokens to bond
				Change: func(i int, c *farm.NodeConfig) {
					switch i {
					case 0:
						c.MinStake = tc.minStake
						c.Slots = 1
					case 2:
						c.Stake = api.MustTokens("0") // holds the tokens, bonds none
					default:
						c.Slots = 4
					}
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			done := map[string]int{}
			for _, tr := range rep.Tasks {
				done[tr.Node]++
			}
			if done["node-2"] == 0 {
				t.Errorf("the staked node-2 rendered nothing: %v", done)
			}
			if got := done["node-3"] > 0; got != tc.unstakedOK {
				t.Errorf("the unstaked node-3 rendered %d tasks (%v); should it get any: %v", done["node-3"], done, tc.unstakedOK)
			}
			if st := rep.Settlement; st == nil || st.Error != "" {
				t.Errorf("settlement %+v", st)
			}
		})
	}
}
