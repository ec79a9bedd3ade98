package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer/exr"
)

// TestBadInput: each mistake a user can make gets a clear error naming the
// problem and a non-zero exit code, never a panic.
func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	notGLTF := filepath.Join(dir, "photo.glb")
	os.WriteFile(notGLTF, []byte("\x89PNG\r\n\x1a\nnot a scene at all"), 0o644)
	noCamera := filepath.Join(dir, "empty.gltf")
	os.WriteFile(noCamera, []byte(`{"asset":{"version":"2.0"},"scenes":[{"nodes":[]}],"scene":0}`), 0o644)
	txt := filepath.Join(dir, "scene.txt")
	os.WriteFile(txt, []byte("hello"), 0o644)
	blend := filepath.Join(dir, "shot.blend")
	os.WriteFile(blend, []byte("BLENDER-v304 not really"), 0o644)
	out := filepath.Join(dir, "out.png")
	demoOut := filepath.Join(dir, "demo-out")

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"render missing file", []string{"render", filepath.Join(dir, "nope.glb"), "--out", out}, 1, "no such file"},
		{"render unknown name", []string{"render", "kitchen", "--out", out}, 2, "neither a bundled scene"},
		{"render not glTF", []string{"render", notGLTF, "--out", out}, 1, "photo.glb"},
		{"render no camera", []string{"render", noCamera, "--out", out}, 1, "camera"},
		{"render unknown type", []string{"render", txt, "--out", out}, 1, "unknown scene type"},
		{"render zero res", []string{"render", "cornell", "--res", "0x0", "--out", out}, 2, "must be >= 1"},
		{"render frame out of range", []string{"render", "anim", "--frame", "99", "--res", "16x16", "--out", out}, 1, "outside the scene's range 1-24"},
		{"render region outside", []string{"render", "cornell", "--res", "16x16", "--region", "8,8,32,32", "--out", out}, 2, "outside the 16x16 frame"},
		{"render no out", []string{"render", "cornell"}, 2, "--out"},
		{"demo zero tiles", []string{"demo", "--tiles", "0x3", "--out", demoOut}, 2, "columns must be >= 1"},
		{"demo zero res", []string{"demo", "--res", "0x0", "--out", demoOut}, 2, "must be >= 1"},
		{"demo frames out of range", []string{"demo", "--scene", "anim", "--frames", "20-30", "--res", "16x16", "--out", demoOut}, 1, "outside the scene's range 1-24"},
		{"demo no camera", []string{"demo", "--scene", noCamera, "--out", demoOut}, 1, "camera"},
		{"demo bad format", []string{"demo", "--format", "gif", "--out", demoOut}, 2, `format "gif": want png, jpeg, tiff, exr or exr-multilayer`},
		{"demo bad flag", []string{"demo", "--tilez", "2x2"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"paint"}, 2, "unknown command"},
		{"node bad network", []string{"node", "--data", filepath.Join(dir, "n"), "--network", "moon"}, 2, `--network "moon": want lan or wan`},
		{"node no connections per source", []string{"node", "--data", filepath.Join(dir, "n"), "--max-conns-per-source", "0"}, 2, "--max-conns-per-source 0"},
		{"node bad listen", []string{"node", "--data", filepath.Join(dir, "n"), "--listen", "nowhere"}, 2, "--listen"},
		{"node advertises bind-all", []string{"node", "--data", filepath.Join(dir, "n"), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--advertise", "0.0.0.0", "--sandbox", "none"}, 1, "advertise address"},
		{"node behind NAT with --listen", []string{"node", "--data", filepath.Join(dir, "n"), "--behind-nat", "--listen", "0.0.0.0:7947"}, 2, "drop --listen"},
		{"node behind NAT alone", []string{"node", "--data", filepath.Join(dir, "n"), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--behind-nat", "--sandbox", "none"}, 1, "needs --join"},
		{"node behind NAT, nobody there", []string{"node", "--data", filepath.Join(dir, "n2"), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--behind-nat", "--join", "127.0.0.1:1", "--sandbox", "none"}, 1, "behind NAT"},
		{"submit packs with --blender", []string{"submit", blend, "--frames", "1", "--blender", "/nope/blender", "--node", "http://127.0.0.1:1"}, 1, "/nope/blender not found"},
		{"submit no node", []string{"submit", "cornell", "--node", "http://127.0.0.1:1"}, 1, "connection refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := conun(t, tc.args...)
			if code != tc.wantCode || !strings.Contains(stderr, tc.wantErr) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tc.wantCode, tc.wantErr)
			}
		})
	}
}

// TestDemoWritesOutputs runs `conun demo` as a user would and checks what
// lands in --out.
func TestDemoWritesOutputs(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := conun(t, "demo", "--scene", "spheres", "--res", "48x36", "--samples", "4", "--tiles", "3x2", "--out", out)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"node-1", "node-2", "node-3", "tasks"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	decodePNG(t, filepath.Join(out, "frame_0001.png"))
	if _, err := os.Stat(filepath.Join(out, "report.json")); err != nil {
		t.Fatal(err)
	}
}

// TestEXROutput: `demo --format exr` assembles a frame of EXR tiles from
// three nodes that is byte-identical to `render --out whole.exr` of the
// same task: the same float pixels, the same deterministic encoding.
func TestEXROutput(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.exr")
	args := []string{"--res", "48x36", "--samples", "4", "--seed", "3"}
	if code, _, stderr := conun(t, append([]string{"render", "cornell", "--out", whole}, args...)...); code != 0 {
		t.Fatalf("render: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "demo")
	if code, _, stderr := conun(t, append([]string{"demo", "--scene", "cornell", "--format", "exr", "--tiles", "3x2", "--no-chain", "--out", out}, args...)...); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "frame_0001.exr"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) || !exr.IsEXR(got) {
		t.Fatalf("the demo's EXR frame (%d bytes) differs from the whole-frame render's (%d bytes)", len(got), len(want))
	}
	if _, err := os.Stat(filepath.Join(out, "frame_0001.png")); err == nil {
		t.Fatal("an EXR job also wrote a PNG frame")
	}
}
