package gui

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// inspected is how many scenes the node at url read for its clients
// (conun_scenes_inspected_total).
func inspected(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url + "/v1/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if v, ok := strings.CutPrefix(line, "conun_scenes_inspected_total "); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("the node's metrics have no conun_scenes_inspected_total:\n%s", body)
	return 0
}

// TestInspectOnNodeGLTF: picking each bundled glTF scene in the app fills
// the form from the node's reading of it (the node's counter of scenes it
// read goes up by one each time; the app has no renderer of its own), and
// says what a job of it will be.
func TestInspectOnNodeGLTF(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	for i, name := range scenes.Names() {
		t.Run(name, func(t *testing.T) {
			path := sceneFile(t, name)
			v.setScene(path)
			th.until(t, "the node's reading shows", func() bool { return strings.Contains(v.sceneInfo.Text, "Read by node node-1") })
			if n := inspected(t, nodes[0].URL()); n != i+1 {
				t.Fatalf("the node read %d scenes, want %d", n, i+1)
			}
			info, err := pathtracer.New(pathtracer.DefaultConfig()).Inspect(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := v.entries[FieldFrames].Text, (tiler.Frames{Start: info.FrameStart, End: info.FrameEnd, Step: 1}).String(); got != want {
				t.Errorf("frames %q, want the scene's %q", got, want)
			}
			if info.Width > 0 {
				if got, want := v.entries[FieldResolution].Text, (tiler.Resolution{Width: info.Width, Height: info.Height}).String(); got != want {
					t.Errorf("resolution %q, want the camera's %q", got, want)
				}
			}
			if !strings.Contains(v.sceneInfo.Text, "tiles of finished pixels") {
				t.Errorf("scene line %q does not say how the frames are made", v.sceneInfo.Text)
			}
		})
	}
}

// TestInspectOnNodeNoBlender: a .blend picked while the node has no
// Blender says so, and which scene, instead of filling the form.
func TestInspectOnNodeNoBlender(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil) // the path tracer only
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	path := filepath.Join(t.TempDir(), "shot.blend")
	if err := os.WriteFile(path, []byte("BLENDER-v304 not read"), 0o644); err != nil {
		t.Fatal(err)
	}
	v.setScene(path)
	th.until(t, "the error shows", func() bool { return strings.HasPrefix(v.sceneInfo.Text, "The node could not read shot.blend") })
	if !strings.Contains(v.sceneInfo.Text, `renderer "blender" is not available on this node`) {
		t.Errorf("error %q does not say the node lacks Blender", v.sceneInfo.Text)
	}
	if v.form.SceneFrames != nil {
		t.Error("the form took frames from a scene nobody read")
	}
}

// TestInspectOnNodeBlend: .blend scenes saved from Blender's default
// startup file (in Cycles, and with a compositor and denoising) fill the
// form from the node's Blender: resolution, samples, denoise, output, the
// engine, and how the frames will be made. The app's config has no
// Blender: only the node can have read them.
func TestInspectOnNodeBlend(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs it)")
	}
	dir := t.TempDir()
	build := func(name, script string, args ...string) string {
		p := filepath.Join(dir, name)
		cmd := append([]string{"-b", "--factory-startup", "--python-exit-code", "1", "--python", "../scenes/blend/" + script, "--", p}, args...)
		if out, err := exec.Command("blender", cmd...).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, out)
		}
		return p
	}
	nodes := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) {
		r, err := blender.New(blender.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		c.Renderers = []renderer.Renderer{r}
	})
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	tests := []struct {
		name, script string
		args         []string
		fields       map[string]string
		denoise      bool
		says         []string
	}{
		{"default.blend", "make_default.py", []string{"cycles"},
			map[string]string{FieldFrames: "1-250", FieldResolution: "64x48", FieldSamples: "16"}, true,
			[]string{"engine CYCLES", "denoising on"}},
		{"composite.blend", "make_composite.py", nil, map[string]string{}, true,
			[]string{"compositor on", "raw, noisy render passes"}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v.tilesEdited = false
			v.setScene(build(tc.name, tc.script, tc.args...))
			th.until(t, "the node's reading shows", func() bool {
				return strings.Contains(v.sceneInfo.Text, "Read by node node-1") || strings.HasPrefix(v.sceneInfo.Text, "The node could not")
			})
			if n := inspected(t, nodes[0].URL()); n != i+1 {
				t.Fatalf("the node read %d scenes, want %d (%s)", n, i+1, v.sceneInfo.Text)
			}
			for field, want := range tc.fields {
				if got := v.entries[field].Text; got != want {
					t.Errorf("%s %q, want the scene's %q", field, got, want)
				}
			}
			if v.denoise.Checked != tc.denoise {
				t.Errorf("denoise %v, want the scene's %v", v.denoise.Checked, tc.denoise)
			}
			for _, s := range tc.says {
				if !strings.Contains(v.sceneInfo.Text, s) {
					t.Errorf("scene line %q does not say %q", v.sceneInfo.Text, s)
				}
			}
		})
	}
}
