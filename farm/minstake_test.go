package farm_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"sync"
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
// (which gets work as soon as there is no minimum). Both learn why: the
// coordinator's conun nodes says the member bonds too little, and the
// member warns at its start that it will be leased nothing.
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
			var warned warnings
			var listed []api.Member
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
						c.MinStake = tc.minStake      // asks as much of others as the coordinator
						c.Logger = slog.New(&warned)
					default:
						c.Slots = 4
					}
				},
				OnFinish: func(nodes []*farm.Node, _ []api.WalletInfo) {
					var err error
					if listed, err = api.NewClient(nodes[0].URL()).Nodes(ctx); err != nil {
						t.Error(err)
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
			for _, m := range listed {
				want := m.ID == "node-3" && !tc.unstakedOK
				if got := m.Unstaked != ""; got != want || got && !strings.Contains(m.Unstaked, "--min-stake of 1 tokens") {
					t.Errorf("the coordinator lists %s as unstaked %q: want it said: %v", m.ID, m.Unstaked, want)
				}
			}
			if len(listed) != 3 {
				t.Errorf("the coordinator lists %d members, want 3", len(listed))
			}
			const warning = "bonds less than the minimum stake"
			if got := warned.said(warning); got != !tc.unstakedOK {
				t.Errorf("node-3 warned %q at its start: %v, want %v; its warnings: %q", warning, got, !tc.unstakedOK, warned.msgs)
			}
			if st := rep.Settlement; st == nil || st.Error != "" {
				t.Errorf("settlement %+v", st)
			}
		})
	}
}

// warnings is a slog.Handler that keeps the messages of warnings and
// errors, for a test to read what a node told its owner.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }
func (w *warnings) WithAttrs([]slog.Attr) slog.Handler           { return w }
func (w *warnings) WithGroup(string) slog.Handler                { return w }

func (w *warnings) Handle(_ context.Context, r slog.Record) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, r.Message)
	return nil
}

// said reports whether a kept message contains s.
func (w *warnings) said(s string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.ContainsFunc(w.msgs, func(m string) bool { return strings.Contains(m, s) })
}
