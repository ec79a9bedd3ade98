package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
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
