package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestInspect: conun inspect says what a scene uses and how its jobs would
// be split, before anything is submitted or paid.
func TestInspect(t *testing.T) {
	code, out, stderr := conun(t, "inspect", "cornell")
	if code != 0 || !strings.Contains(out, "4x4 tiles of finished pixels") {
		t.Fatalf("inspect cornell: exit %d: %s%s", code, out, stderr)
	}
	if code, _, stderr := conun(t, "inspect"); code != 2 || !strings.Contains(stderr, "want one scene") {
		t.Fatalf("inspect with no scene: exit %d, %q", code, stderr)
	}

	skipShort(t, "Blender")
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs Debian's blender package)")
	}
	scene := filepath.Join(t.TempDir(), "composite.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../../scenes/blend/make_composite.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build the scene: %v\n%s", err, out)
	}
	code, out, stderr = conun(t, "inspect", "--json", scene)
	if code != 0 {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	var in inspection
	if err := json.Unmarshal([]byte(out), &in); err != nil {
		t.Fatal(err)
	}
	u := in.Info.Usage
	if u == nil || !u.Compositing || !u.Denoise || !u.AdaptiveSampling || in.Plan == nil || len(in.Plan.Passes) == 0 ||
		!strings.Contains(strings.Join(u.SpatialNodes, ","), "GLARE") {
		t.Fatalf("inspect of a composited default scene: %s", out)
	}
	if code, out, _ := conun(t, "inspect", "--tiles", "1x1", scene); code != 0 || !strings.Contains(out, "whole frames") {
		t.Fatalf("inspect --tiles 1x1: exit %d: %s", code, out)
	}
}

// TestWholeFrameScenes: a scene whose inspection says its tiles cannot
// equal its whole frame (Blender 5.x with an unbiased volume) is submitted
// as whole frames, saying why, unless --tiles is given, which is refused
// with the reason and the fix; other scenes keep their tiles.
func TestWholeFrameScenes(t *testing.T) {
	why := "Blender 5.2 samples unbiased volumes differently when a region of the frame is rendered alone"
	tests := []struct {
		name      string
		whole     []string
		tilesFlag bool
		wantTiles string
		wantErr   bool
	}{
		{"volume, tiles not given", []string{why}, false, "1x1", false},
		{"volume, --tiles 4x4", []string{why}, true, "4x4", true},
		{"no reason", nil, false, "4x4", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := api.JobSpec{Tiles: tiler.Grid{Cols: 4, Rows: 4}}
			u := &renderer.SceneUsage{Volumes: tc.whole != nil, WholeFrame: tc.whole}
			taken := sceneDefaults(&spec, renderer.SceneInfo{Usage: u}, func(name string) bool { return name == "tiles" && tc.tilesFlag })
			if spec.Tiles.String() != tc.wantTiles {
				t.Errorf("tiles %s, want %s", spec.Tiles, tc.wantTiles)
			}
			if tc.whole != nil && !tc.tilesFlag && !strings.Contains(strings.Join(taken, ", "), why) {
				t.Errorf("submit says %q: want the reason it renders whole frames", taken)
			}
			err := tilesExact(spec, u)
			if tc.wantErr != (err != nil) || err != nil && (!strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "--tiles 1x1")) {
				t.Errorf("tilesExact: %v, want an error %v naming the reason and --tiles 1x1", err, tc.wantErr)
			}
		})
	}
}
