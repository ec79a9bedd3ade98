package farm_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestBudgetRefusedWithoutChain: a node started without a chain refuses a
// job with a budget over real HTTP (400, naming the budget, --chain and
// the fix), because it would lock nothing and pay nobody; the same job
// without a budget then runs to done on the same node.
func TestBudgetRefusedWithoutChain(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	data, _ := scenes.Bytes("cornell.glb")
	scene, err := c.Upload(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		budget api.Tokens
		want   []string // in the refusal; nil: accepted
	}{
		{"budget refused", api.MustTokens("5"), []string{"budget 5 tokens", "without --chain", "pay nobody", "leave out --budget"}},
		{"no budget accepted", api.Tokens{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == nil {
				farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Budget = tc.budget })
				return
			}
			spec := api.JobSpec{SceneName: "cornell.glb", Scene: scene, Renderer: "pathtracer",
				Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
				Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, Budget: tc.budget, Nonce: t.Name()}
			_, err := c.Submit(context.Background(), spec)
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
				t.Fatalf("submit with a budget to a node without a chain: %v, want a 400 refusal", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(apiErr.Message, w) {
					t.Errorf("refusal %q does not say %q", apiErr.Message, w)
				}
			}
		})
	}
}
