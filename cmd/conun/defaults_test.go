package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestJobDefaultsShared: with no settings given, `demo` and `submit` split
// a frame as the app's form does (api.DefaultTiles of the resolution, 3x2
// at the default 320x240, not a fixed 4x4), and `render` writes the same
// 8-bit depth as a submitted job (it used to write 16).
func TestJobDefaultsShared(t *testing.T) {
	skipShort(t, "a node process")
	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	grid := api.DefaultTiles(api.DefaultResolution)
	if grid.String() != "3x2" {
		t.Fatalf("the default grid at %s is %s; the help texts say 3x2", api.DefaultResolution, grid)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"demo", []string{"demo", "--nodes", "1", "--samples", "1", "--no-chain", "--out", t.TempDir()}, "frames 1-1, 3x2 tiles, 320x240"},
		{"submit", []string{"submit", "--node", node.url, "--samples", "1", "--wait", "--json", "--out", t.TempDir(), "cornell"}, `"cols": 3`},
		{"submit at another resolution", []string{"submit", "--node", node.url, "--samples", "1", "--res", "64x48", "--wait", "--json", "--out", t.TempDir(), "cornell"}, `"cols": 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := conun(t, tc.args...)
			if code != 0 || !strings.Contains(out, tc.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q: want %q", code, out, stderr, tc.want)
			}
		})
	}
	t.Run("render depth", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "f.png")
		if code, _, stderr := conun(t, "render", "--res", "16x12", "--samples", "1", "--out", out, "cornell"); code != 0 {
			t.Fatalf("render: exit %d, %s", code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		// A PNG's bit depth is the IHDR chunk's first byte after the size.
		if len(data) < 25 || data[24] != api.DefaultDepth {
			t.Errorf("render wrote a PNG of depth %v, want %d like a job's", data[min(24, len(data)-1)], api.DefaultDepth)
		}
	})
}

// TestTakeSceneTiles: the tiles submit picks when none are given follow
// the size the scene gave (its render region's, or its frame's); a scene
// that must render whole frames keeps the 1x1 TakeScene chose (the
// default grid replaced it, and the job was then refused for its tiles);
// --region is cropped as the scene crops its own, and a region of the
// whole frame is none.
func TestTakeSceneTiles(t *testing.T) {
	usage := func(u renderer.SceneUsage) renderer.SceneInfo {
		return renderer.SceneInfo{Width: 1920, Height: 1080, Usage: &u}
	}
	none := func(string) bool { return false }
	for _, tc := range []struct {
		name    string
		info    renderer.SceneInfo
		region  *api.Region
		want    tiler.Grid
		region2 *api.Region
	}{
		{"the frame's", usage(renderer.SceneUsage{}), nil, api.DefaultTiles(tiler.Resolution{Width: 1920, Height: 1080}), nil},
		{"whole frames", usage(renderer.SceneUsage{WholeFrame: []string{"unbiased volumes"}}), nil, tiler.Grid{Cols: 1, Rows: 1}, nil},
		{"the region's", usage(renderer.SceneUsage{RenderRegion: true, Border: [4]float32{0.25, 0.5, 0.5, 0.75}}), nil,
			api.DefaultTiles(tiler.Resolution{Width: 480, Height: 270}), &api.Region{X0: 480, Y0: 270, X1: 960, Y1: 540}},
		{"--region, cropped as the scene", usage(renderer.SceneUsage{RenderRegion: true, CropToBorder: true, Border: [4]float32{0.25, 0.5, 0.5, 0.75}}),
			&api.Region{X0: 0, Y0: 0, X1: 64, Y1: 64}, api.DefaultTiles(tiler.Resolution{Width: 64, Height: 64}), &api.Region{X1: 64, Y1: 64, Crop: true}},
		{"--region of the whole frame", usage(renderer.SceneUsage{}), &api.Region{X1: 1920, Y1: 1080}, api.DefaultTiles(tiler.Resolution{Width: 1920, Height: 1080}), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := api.JobSpec{Resolution: api.DefaultResolution, Tiles: api.DefaultTiles(api.DefaultResolution), Region: tc.region}
			given := none
			if tc.region != nil {
				given = func(s string) bool { return s == "region" }
			}
			takeScene(&spec, tc.info, given)
			if spec.Tiles != tc.want || !reflect.DeepEqual(spec.Region, tc.region2) {
				t.Errorf("tiles %v, region %v; want %v, %v", spec.Tiles, spec.Region, tc.want, tc.region2)
			}
			if err := api.TilesExact(spec, tc.info.Usage); err != nil {
				t.Error(err)
			}
		})
	}
}
