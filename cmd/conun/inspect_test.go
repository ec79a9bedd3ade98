package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
)

// TestInspect: conun inspect says what a scene uses and how its jobs would
// be split, before anything is submitted or paid.
func TestInspect(t *testing.T) {
	code, out, stderr := conun(t, "inspect", "cornell")
	// A glTF has no resolution of its own: submit's default grid for the
	// default resolution.
	if code != 0 || !strings.Contains(out, api.DefaultTiles(api.DefaultResolution).String()+" tiles of finished pixels") {
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
	var in api.Inspection
	if err := json.Unmarshal([]byte(out), &in); err != nil {
		t.Fatal(err)
	}
	u := in.Info.Usage
	if u == nil || !u.Compositing || !u.Denoise || !u.AdaptiveSampling || in.Plan == nil || len(in.Plan.Passes) == 0 ||
		!strings.Contains(strings.Join(u.SpatialNodes, ","), "GLARE") || u.Dither == nil || *u.Dither != 1 {
		t.Fatalf("inspect of a composited default scene: %s", out)
	}
	if code, out, _ := conun(t, "inspect", scene); code != 0 || !strings.Contains(out, "PNG, RGBA, 8 bits, dither 1\n") {
		t.Fatalf("inspect: exit %d: %s; want the scene's colour mode and dither (Blender's defaults: RGBA, 1)", code, out)
	}
	if code, out, _ := conun(t, "inspect", "--tiles", "1x1", scene); code != 0 || !strings.Contains(out, "whole frames") {
		t.Fatalf("inspect --tiles 1x1: exit %d: %s", code, out)
	}
}

// TestInspectNode: conun inspect --node URL uploads the scene and prints
// the node's reading of it, naming the node; the same scene read here
// says the same of its frames and split.
func TestInspectNode(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	code, out, stderr := conun(t, "inspect", "--json", "--node", nodes[0].URL(), "anim")
	if code != 0 {
		t.Fatalf("inspect --node: exit %d: %s", code, stderr)
	}
	var remote, local api.Inspection
	if err := json.Unmarshal([]byte(out), &remote); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = conun(t, "inspect", "--json", "anim")
	if code != 0 {
		t.Fatalf("inspect: exit %d: %s", code, stderr)
	}
	if err := json.Unmarshal([]byte(out), &local); err != nil {
		t.Fatal(err)
	}
	if remote.Node != "node-1" || local.Node != "" {
		t.Errorf("read by %q remotely and %q here: want node-1 and nobody", remote.Node, local.Node)
	}
	if remote.Split != local.Split || remote.Info.FrameEnd != local.Info.FrameEnd || remote.Tiles != local.Tiles {
		t.Errorf("node says %q (frames to %d, %s), here %q (frames to %d, %s)", remote.Split, remote.Info.FrameEnd, remote.Tiles, local.Split, local.Info.FrameEnd, local.Tiles)
	}
	if code, out, _ := conun(t, "inspect", "--node", nodes[0].URL(), "anim"); code != 0 || !strings.Contains(out, "read by     node node-1, with its pathtracer") {
		t.Errorf("inspect --node: exit %d: %s", code, out)
	}
}
