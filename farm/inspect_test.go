package farm_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestInspectRoute: POST /v1/inspect reads a scene the client uploaded with
// the node's own path tracer and says how a job of it would be split, as
// `conun inspect` does (farm.DescribeScene); bad input gets a 4xx naming
// the problem, a scene another client uploaded answers as one never
// uploaded, and a renderer the node lacks is named.
func TestInspectRoute(t *testing.T) {
	const adminToken = "owner-secret"
	nodes := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) { c.APIToken = adminToken })
	ctx := context.Background()
	admin := api.NewClient(nodes[0].URL())
	admin.Token = adminToken
	clients := map[string]*api.Client{}
	for _, name := range []string{"studio-a", "studio-b"} {
		tok, err := admin.CreateToken(ctx, api.TokenRequest{Name: name})
		if err != nil {
			t.Fatal(err)
		}
		c := api.NewClient(nodes[0].URL())
		c.Token = tok.Token
		clients[name] = c
	}
	a, b := clients["studio-a"], clients["studio-b"]
	data, _ := scenes.Bytes("anim.glb")
	hash, err := a.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}

	in, err := a.Inspect(ctx, api.InspectRequest{Scene: hash, SceneName: "anim.glb"})
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	if in.Node != "node-1" || in.Renderer != "pathtracer" || in.Info.FrameStart != 1 || in.Info.FrameEnd != 24 ||
		in.Split == "" || in.Refused != "" {
		t.Fatalf("inspection %+v: want node-1's path tracer reading frames 1-24 and a split", in)
	}
	if want := farm.DescribeScene("anim.glb", "pathtracer", nil, in.Info); want.Split != in.Split || want.Tiles != in.Tiles {
		t.Errorf("the node says %q as %s, conun inspect would say %q as %s", in.Split, in.Tiles, want.Split, want.Tiles)
	}
	whole := tiler.Grid{Cols: 1, Rows: 1}
	if in, err := a.Inspect(ctx, api.InspectRequest{Scene: hash, SceneName: "anim.glb", Tiles: &whole}); err != nil || !strings.HasPrefix(in.Split, "whole frames") {
		t.Errorf("inspect as 1x1 tiles: %q, %v", in.Split, err)
	}

	tests := []struct {
		name   string
		c      *api.Client
		body   string
		status int
		want   string
	}{
		{"not JSON", a, `{`, 400, "inspect request"},
		{"unknown field", a, `{"scene":"` + hash + `","scene_name":"a.glb","colour":1}`, 400, "unknown field"},
		{"bad hash", a, `{"scene":"abc","scene_name":"a.glb"}`, 400, "not a sha256"},
		{"unknown kind", a, `{"scene":"` + hash + `","scene_name":"a.obj"}`, 400, `unknown scene type ".obj"`},
		{"bad tiles", a, `{"scene":"` + hash + `","scene_name":"a.glb","tiles":{"cols":0,"rows":2}}`, 400, "columns and rows must be >= 1"},
		{"not uploaded", a, `{"scene":"` + strings.Repeat("ab", 32) + `","scene_name":"a.glb"}`, 404, "has not been uploaded"},
		{"another client's scene", b, `{"scene":"` + hash + `","scene_name":"a.glb"}`, 404, "has not been uploaded"},
		{"no such renderer here", a, `{"scene":"` + hash + `","scene_name":"a.blend"}`, 400, `renderer "blender" is not available on this node`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, nodes[0].URL()+"/v1/inspect", bytes.NewBufferString(tc.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tc.c.Token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			msg := api.ReadError(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(msg, tc.want) {
				t.Fatalf("status %d %q, want %d saying %q", resp.StatusCode, msg, tc.status, tc.want)
			}
		})
	}
}
