package farm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/rpc"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// setBudget sets each requester's preview budget (pixel-samples).
func (l *previewLimits) setBudget(b int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.budget, l.per = b, nil
}

// rasterStandIn is the path tracer under gl-raster's name, for a machine
// without OpenGL: the preview budget is what is tested, not the engine.
type rasterStandIn struct{ renderer.Renderer }

func (rasterStandIn) Name() string { return api.RendererGLRaster }

// TestPreviewLimits: a requester's preview budget is spent, refused with
// the limit named, refilled over the window, and separate per requester.
func TestPreviewLimits(t *testing.T) {
	start := time.Unix(1_000_000, 0)
	var l previewLimits
	l.setBudget(1000)
	tests := []struct {
		name    string
		who     string
		cost    int64
		at      time.Duration
		wantErr string // "" allowed
	}{
		{"within the budget", "a", 600, 0, ""},
		{"past what is left", "a", 600, 0, "has 400 left"},
		{"another requester", "b", 1000, 0, ""},
		{"more than the whole budget", "c", 1001, 0, "more than the whole budget"},
		{"refilled over the window", "a", 1000, previewWindow, ""},
		{"the refill spent", "a", 10, previewWindow, "try again in"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := l.take(tc.who, tc.cost, start.Add(tc.at))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, errPreviewBudget) || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "preview budget is 1000 pixel-samples") {
				t.Fatalf("got %v, want errPreviewBudget saying %q and naming the limit", err, tc.wantErr)
			}
		})
	}
}

// TestPreviewBudget: a requester submitting previews past its budget gets
// a 429 naming the limit, the same job submitted again costs nothing, and
// the node keeps serving (the previews it took render, a paid job runs).
// A worker holds the coordinator that leases it previews to a budget of
// its own, whatever the coordinator charged: its 429 too names the limit,
// and it still renders paid leases.
func TestPreviewBudget(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	n := startNode(t, "coord", nil, func(c *NodeConfig) {
		pt := pathtracer.New(pathtracer.DefaultConfig())
		c.Renderers = []renderer.Renderer{pt, rasterStandIn{pt}}
	})
	c := api.NewClient(n.URL())
	data, _ := scenes.Bytes("cornell.glb")
	scene, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := func(nonce string, preview bool) api.JobSpec {
		return api.JobSpec{
			Scene: scene, SceneName: "cornell.glb", Renderer: "pathtracer", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
			Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 4, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
			Nonce: nonce, Preview: preview,
		}
	}
	pass := previewCost(1, 32, 24, 4)
	n.coord.previews.setBudget(2 * pass) // two previews an hour

	var ids []string
	for _, nonce := range []string{"a", "b"} {
		id, err := c.Submit(ctx, spec(nonce, true))
		if err != nil {
			t.Fatalf("preview %s within the budget: %v", nonce, err)
		}
		ids = append(ids, id)
	}
	_, err = c.Submit(ctx, spec("c", true))
	var he *api.APIError
	if !errors.As(err, &he) || he.Status != http.StatusTooManyRequests || !strings.Contains(err.Error(), "preview budget is") || !strings.Contains(err.Error(), "the node's owner") {
		t.Fatalf("a third preview: %v, want 429 naming the limit and the requester", err)
	}
	if id, err := c.Submit(ctx, spec("a", true)); err != nil || id != ids[0] {
		t.Fatalf("the first preview submitted again: %s, %v; want %s (a known job costs nothing)", id, err, ids[0])
	}
	for _, id := range ids {
		waitFor(t, "preview of "+id+" done", func() bool {
			st, err := c.Status(ctx, id)
			return err == nil && st.Preview != nil && st.Preview.State == api.JobDone
		})
	}
	paid, err := c.Submit(ctx, spec("d", false))
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, paid, nil); err != nil || state != api.JobDone {
		t.Fatalf("a paid job after the refusal: %s, %v", state, err)
	}

	// The worker's own budget: one preview frame, leased by a real
	// coordinator; the second is refused, a paid lease still renders.
	worker := startNode(t, "worker", []string{n.GossipAddr()}, func(c *NodeConfig) {
		pt := pathtracer.New(pathtracer.DefaultConfig())
		c.Renderers = []renderer.Renderer{pt, rasterStandIn{pt}}
	})
	if err := WaitMembers(ctx, []*Node{n, worker}, 2, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	worker.work.previews.setBudget(previewCost(1, 32, 24, 4))
	var me api.Member
	for _, m := range n.Members() {
		if m.ID == "worker" {
			me = m
		}
	}
	lease := func(preview bool) (int, string) {
		r := TaskRequest{
			JobID: "abcdef", JobHash: "0xabcdef" + strings.Repeat("0", 58), Sources: []string{n.RPCURL()},
			Renderer: "pathtracer", Scene: scene, SceneName: "cornell.glb",
			Frame: 1, Width: 32, Height: 24, Samples: 4, Region: image.Rect(0, 0, 32, 24),
			Coordinator: n.cfg.Identity.Address().Hex(), Time: time.Now().UnixMilli(), Nonce: rpc.NewNonce(),
		}
		if preview {
			r.Renderer, r.Preview = api.RendererGLRaster, true
		}
		if err := n.coord.signFor(&r, me); err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(r)
		resp, err := http.Post(worker.RPCURL()+"/rpc/v1/render", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.StatusCode, api.ReadError(resp.Body)
	}
	for i, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
		status, msg := lease(true)
		if status != want || (want != http.StatusOK && !strings.Contains(msg, "preview budget is")) {
			t.Fatalf("preview lease %d: %d %q, want %d", i+1, status, msg, want)
		}
	}
	if status, msg := lease(false); status != http.StatusOK {
		t.Fatalf("a paid lease after the refusal: %d %s", status, msg)
	}
}
