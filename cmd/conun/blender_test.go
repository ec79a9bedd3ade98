package main

import (
	"fmt"
	"image"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// buildBlend builds one of scenes/blend's test scenes into a temp folder,
// skipping (loudly) where Blender is not installed.
func buildBlend(t *testing.T, name string) string {
	t.Helper()
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs Debian's blender package)")
	}
	dir := t.TempDir()
	out, err := exec.Command("../../scenes/blend/build.sh", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("build scenes: %v\n%s", err, out)
	}
	return filepath.Join(dir, name+".blend")
}

// nearExact compares two Blender renders under the rule measured in
// renderer/blender: Cycles CPU repeats a render bit-exactly on most scenes,
// but a few 16-bit values can differ by a few levels run to run. Allow at
// most 8/65535 on at most 0.05% of values (never fewer than 3).
func nearExact(t *testing.T, what string, a, b image.Image) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s: bounds %v vs %v", what, a.Bounds(), b.Bounds())
	}
	r := a.Bounds()
	allowed := max(3, r.Dx()*r.Dy()*3*5/10000)
	off := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			for _, d := range []int{int(ar) - int(br), int(ag) - int(bg), int(ab) - int(bb)} {
				if d == 0 {
					continue
				}
				if d > 8 || d < -8 {
					t.Fatalf("%s: pixel %d,%d differs by %d/65535", what, x, y, d)
				}
				off++
			}
		}
	}
	if off > allowed {
		t.Fatalf("%s: %d values differ (allowed %d)", what, off, allowed)
	}
}

// TestBlenderFramesAcrossCluster: a frame-range Blender job across a
// 3-node in-process cluster gives the same frames as rendering them one by
// one with `conun render`.
func TestBlenderFramesAcrossCluster(t *testing.T) {
	skipShort(t, "Blender and a cluster of node processes")
	scene := buildBlend(t, "anim")
	out := t.TempDir()
	code, stdout, stderr := conun(t, "demo", "--scene", scene, "--frames", "1-3", "--res", "64x48", "--samples", "4", "--tiles", "2x1", "--depth", "16", "--out", out)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s\n%s", code, stderr, stdout)
	}
	ref := t.TempDir()
	for f := 1; f <= 3; f++ {
		name := fmt.Sprintf("frame_%04d.png", f)
		code, _, stderr := conun(t, "render", scene, "--frame", fmt.Sprint(f), "--res", "64x48", "--samples", "4", "--depth", "16", "--out", filepath.Join(ref, name))
		if code != 0 {
			t.Fatalf("render frame %d: %s", f, stderr)
		}
		nearExact(t, name, decodePNG(t, filepath.Join(ref, name)), decodePNG(t, filepath.Join(out, name)))
	}
}

// TestDefaultSceneAsSaved: Blender's own default scene, switched to Cycles
// and saved as it opens (denoising and adaptive sampling on, a compositor
// with the default tree), is submitted with the scene's own settings:
// its resolution and samples, and its denoising, which no Debian Blender
// has, so the submit is refused saying so. With --denoise=false it renders
// as 2x2 tiles on a node process, and the frame equals Blender's own
// render of the file (blender -b -f) with denoising off.
func TestDefaultSceneAsSaved(t *testing.T) {
	_, scene, node := defaultSceneNode(t)

	code, stdout, stderr := conun(t, "submit", "--node", node.url, "--wait", "--out", t.TempDir(), scene)
	if code == 0 || !strings.Contains(stderr, "denois") {
		t.Fatalf("a denoised scene on nodes without a denoiser: exit %d, %q", code, stderr)
	}
	for _, want := range []string{"resolution 64x48", "16 samples", "denoising"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("submit does not say it took the scene's %s: %q", want, stdout)
		}
	}

	out := t.TempDir()
	code, stdout, stderr = conun(t, "submit", "--node", node.url, "--frames", "1", "--denoise=false", "--tiles", "2x2", "--depth", "16", "--seed", "1", "--wait", "--out", out, scene)
	if code != 0 {
		t.Fatalf("submit --denoise=false: exit %d: %s\n%s", code, stderr, stdout)
	}
	frames, _ := filepath.Glob(filepath.Join(out, "*", "frame_0001.png"))
	if len(frames) != 1 {
		frames, _ = filepath.Glob(filepath.Join(out, "frame_0001.png"))
	}
	if len(frames) != 1 {
		t.Fatalf("no frame in %s: %s", out, stdout)
	}
	dir := t.TempDir()
	expr := "import bpy\ns = bpy.context.scene\ns.cycles.seed = 1\ns.cycles.use_animated_seed = False\n" +
		"s.cycles.use_denoising = False\ns.render.image_settings.color_depth = '16'"
	if ref, err := exec.Command("blender", "-b", scene, "--python-expr", expr, "-o", filepath.Join(dir, "f12_####"), "-f", "1").CombinedOutput(); err != nil {
		t.Fatalf("blender -f: %v\n%s", err, ref)
	}
	nearExact(t, "default scene", decodePNG(t, filepath.Join(dir, "f12_0001.png")), decodePNG(t, frames[0]))
}

// TestSceneFrameStepAndRegion: a scene saved with a frame step renders
// every step-th frame of its range, as Blender's own animation render
// does (the farm rendered every frame), with its own seed, animated (each
// frame's noise its own: the farm rendered every frame with seed 0 and the
// same noise), and with its render region (the farm rendered the whole
// frame), and its frames equal Blender's.
func TestSceneFrameStepAndRegion(t *testing.T) {
	_, scene, node := defaultSceneNode(t)
	expr := "import bpy\ns = bpy.context.scene\ns.frame_start, s.frame_end, s.frame_step = 2, 6, 2\n" +
		"s.cycles.samples, s.cycles.use_denoising = 2, False\n" +
		"s.cycles.seed, s.cycles.use_animated_seed = 7, True\n" +
		"s.render.use_border = True\ns.render.border_min_x, s.render.border_max_x = 0.25, 0.75\n" +
		"bpy.ops.wm.save_mainfile()"
	if out, err := exec.Command("blender", "-b", scene, "--python-exit-code", "1", "--python-expr", expr).CombinedOutput(); err != nil {
		t.Fatalf("step the scene: %v\n%s", err, out)
	}
	code, stdout, stderr := conun(t, "inspect", scene)
	if code != 0 || !strings.Contains(stdout, "2-6:2") || !strings.Contains(stdout, "region      ") {
		t.Errorf("inspect: exit %d, %q %s: want the frames 2-6:2 and the render region", code, stdout, stderr)
	}
	out := t.TempDir()
	code, stdout, stderr = conun(t, "submit", "--node", node.url, "--tiles", "2x1", "--depth", "16", "--wait", "--out", out, scene)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s\n%s", code, stderr, stdout)
	}
	for _, want := range []string{"render region ", "seed 7", "animated seed"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("submit does not say %q: %q", want, stdout)
		}
	}
	frames, _ := filepath.Glob(filepath.Join(out, "frame_*.png"))
	var names []string
	for _, f := range frames {
		names = append(names, filepath.Base(f))
	}
	if want := []string{"frame_0002.png", "frame_0004.png", "frame_0006.png"}; !slices.Equal(names, want) {
		t.Fatalf("frames %v, want %v: the scene's step of 2", names, want)
	}
	// Blender's own render, of its region, with the scene's seed,
	// animated.
	ref := t.TempDir()
	expr = "import bpy\ns = bpy.context.scene\ns.render.image_settings.color_depth = '16'"
	if b, err := exec.Command("blender", "-b", scene, "--python-expr", expr, "-o", filepath.Join(ref, "f12_####"), "-f", "4").CombinedOutput(); err != nil {
		t.Fatalf("blender -f: %v\n%s", err, b)
	}
	four, six := decodePNG(t, filepath.Join(out, "frame_0004.png")), decodePNG(t, filepath.Join(out, "frame_0006.png"))
	nearExact(t, "frame 4", decodePNG(t, filepath.Join(ref, "f12_0004.png")), four)
	same := true
	for y := range four.Bounds().Dy() {
		for x := range four.Bounds().Dx() {
			same = same && four.At(x, y) == six.At(x, y)
		}
	}
	if same {
		t.Errorf("frames 4 and 6 of a still scene with an animated seed are the same: want each frame's noise its own")
	}
}
