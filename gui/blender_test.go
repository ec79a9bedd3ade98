package gui

import (
	"bytes"
	"context"
	"image/png"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/verifier"
)

// TestDefaultSceneInApp: Blender's own default scene, saved as it opens (in
// Cycles), picked in the app: the form starts from the scene's own
// settings (its resolution, samples, 16-bit PNG and denoising, which the
// app used to drop silently), the nodes refuse the denoised tiles with the
// reason, and with Denoise unticked the frame equals Blender's own render.
func TestDefaultSceneInApp(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs it)")
	}
	dir := t.TempDir()
	scene := filepath.Join(dir, "default.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_default.py", "--", scene, "cycles").CombinedOutput(); err != nil {
		t.Fatalf("build the default scene: %v\n%s", err, out)
	}
	newBlender := func() renderer.Renderer {
		r, err := blender.New(blender.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) { c.Renderers = []renderer.Renderer{newBlender()} })
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	v.setScene(scene)
	th.until(t, "the scene's settings are read", func() bool { return strings.Contains(v.sceneInfo.Text, "read from the scene") })
	for field, want := range map[string]string{FieldFrames: "1-250", FieldResolution: "64x48", FieldSamples: "16"} {
		if got := v.entries[field].Text; got != want {
			t.Errorf("%s pre-filled with %q, want the scene's %q", field, got, want)
		}
	}
	if !v.denoise.Checked || v.depth.Selected != "PNG 16-bit" && v.depth.Selected != "PNG 8-bit" {
		t.Errorf("denoise %v, output %q: want the scene's denoising and PNG", v.denoise.Checked, v.depth.Selected)
	}
	typeInto(v.entries[FieldFrames], "1")
	typeInto(v.entries[FieldTiles], "2x2")
	typeInto(v.entries[FieldSeed], "1")
	v.depth.SetSelected("PNG 16-bit")
	test.Tap(v.render)
	th.until(t, "the refusal shows", func() bool { return strings.HasPrefix(v.result.Text, "Not submitted") })
	if !strings.Contains(v.result.Text, "denois") {
		t.Fatalf("refusal does not name denoising: %q", v.result.Text)
	}

	v.denoise.SetChecked(false)
	test.Tap(v.render)
	th.until(t, "the job finishes in the live view", func() bool {
		return u.live.prog != nil && u.live.prog.State.Final()
	})
	if p := u.live.prog; p.State != api.JobDone {
		t.Fatalf("job %s: %s", p.State, p.Message)
	}
	if sum := u.live.prog.Summary(); !strings.Contains(sum, "tasks (4 tiles, 1 finish) 5/5 done") {
		t.Errorf("summary %q does not count the frame's finish apart from its tiles", sum)
	}
	var buf bytes.Buffer
	if err := api.NewClient(nodes[0].URL()).Frame(context.Background(), u.live.prog.JobID, 1, &buf); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	expr := "import bpy\ns = bpy.context.scene\ns.cycles.seed = 1\ns.cycles.use_animated_seed = False\n" +
		"s.cycles.use_denoising = False\ns.render.image_settings.color_depth = '16'"
	if out, err := exec.Command("blender", "-b", scene, "--python-expr", expr, "-o", filepath.Join(dir, "f12_####"), "-f", "1").CombinedOutput(); err != nil {
		t.Fatalf("blender -f: %v\n%s", err, out)
	}
	want, err := renderer.ReadPNG(filepath.Join(dir, "f12_0001.png"))
	if err != nil {
		t.Fatal(err)
	}
	if vd := verifier.Compare(got, want, want.Bounds(), verifier.NearExact); vd.Outcome != verifier.Pass {
		t.Fatalf("the app's frame differs from Blender's own render: %+v", vd)
	}
}
