package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer/sandbox"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
)

// TestScenesSavedByEachRelease: Blender's default scene (switched to
// Cycles) and the composite scene, each saved by Blender 4.3 and by 5.2
// with that release's defaults, render on a node running that release
// (its sandbox image) as 2x2 raw-pass tiles finished once, and the frame
// equals that Blender's own render of the file (blender -b -f) near-
// exactly. A node on Blender 3.4 in the same cluster refuses each file,
// naming the release it needs and the node that has it; `conun submit`
// on a machine whose Blender is 3.4 cannot pack the file and says which
// Blender can.
func TestScenesSavedByEachRelease(t *testing.T) {
	skipShort(t, "dockerd and the sandbox images")
	needBlenderImage(t, sandbox.BlenderVersion)
	old := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
		"--sandbox", "docker", "--renderers", "blender")
	for _, version := range []string{sandbox.Blender4Version, sandbox.Blender5Version} {
		t.Run(version, func(t *testing.T) {
			needBlenderImage(t, version)
			release := version[:strings.LastIndexByte(version, '.')] // "5.2"
			node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
				"--sandbox", "docker", "--renderers", "blender", "--blender-version", version, "--join", old.gossip)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			waitFor(t, 30*time.Second, func() bool {
				ms, err := api.NewClient(old.url).Nodes(ctx)
				return err == nil && len(ms) == 2
			})
			dir := t.TempDir()
			// The image's Blender runs as its own user: it writes here.
			if err := os.Chmod(dir, 0o777); err != nil {
				t.Fatal(err)
			}
			for _, sc := range []struct {
				name string
				args []string
			}{{"default", []string{"cycles"}}, {"composite", nil}} {
				t.Run(sc.name, func(t *testing.T) {
					scene := filepath.Join(dir, sc.name+".blend")
					dockerBlender(t, version, dir, append([]string{"-b", "--factory-startup", "--python-exit-code", "1",
						"--python", "/scenes/make_" + sc.name + ".py", "--", scene}, sc.args...)...)

					code, _, stderr := conun(t, "submit", "--node", node.url, "--frames", "1", "--denoise=false", scene)
					if code == 0 || !strings.Contains(stderr, "pack it with Blender "+release) {
						t.Errorf("submit from a machine with Blender 3.4: exit %d, %q: want a refusal naming Blender %s", code, stderr, release)
					}

					data, err := os.ReadFile(scene)
					if err != nil {
						t.Fatal(err)
					}
					spec := api.JobSpec{SceneName: sc.name + ".blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
						Samples: 16, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, VerifyRate: 1}
					spec.Resolution = tiler.Resolution{Width: 64, Height: 48}
					if sc.name == "composite" {
						spec.Resolution = tiler.Resolution{Width: 160, Height: 96}
					}
					c := api.NewClient(old.url)
					if spec.Scene, err = c.Upload(ctx, data); err != nil {
						t.Fatal(err)
					}
					if _, err := c.Submit(ctx, spec); err == nil || !strings.Contains(err.Error(), release+" or newer") || !strings.Contains(err.Error(), node.name) {
						t.Errorf("submit to the 3.4 node: %v; want a refusal naming Blender %s and %s", err, release, node.name)
					}

					c = api.NewClient(node.url)
					if _, err := c.Upload(ctx, data); err != nil {
						t.Fatal(err)
					}
					id, err := c.Submit(ctx, spec)
					if err != nil {
						t.Fatal(err)
					}
					if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
						rep, _ := c.Report(ctx, id)
						t.Fatalf("job: %s %v %s", state, err, rep.Error)
					}
					st, err := c.Status(ctx, id)
					if err != nil {
						t.Fatal(err)
					}
					if st.Release != "blender-"+version || len(st.Convicted) > 0 {
						t.Errorf("release %q, convicted %v: want blender-%s, nobody", st.Release, st.Convicted, version)
					}
					out := t.TempDir()
					if _, err := c.Fetch(ctx, id, out); err != nil {
						t.Fatal(err)
					}
					ref := "f12_" + sc.name + "_"
					dockerBlender(t, version, dir, "-b", scene, "--python-expr", "import bpy\nbpy.context.scene.cycles.use_denoising = False",
						"-o", filepath.Join(dir, ref+"####"), "-f", "1")
					got := decodePNG(t, filepath.Join(out, api.FrameName(1, api.FormatPNG)))
					want := decodePNG(t, filepath.Join(dir, ref+"0001.png"))
					v := verifier.Compare(got, want, want.Bounds(), verifier.NearExact)
					t.Logf("saved by %s, rendered by a %s node as 2x2 tiles, vs its blender -f: %s", version, version, v.Reason)
					if v.Outcome != verifier.Pass {
						t.Errorf("the frame differs from Blender %s's own render: %+v", version, v)
					}
				})
			}
		})
	}
}

// dockerBlender runs the Blender of version's sandbox image on args, with
// scenes/blend at /scenes (read-only) and dir at the same path, writable.
func dockerBlender(t *testing.T, version, dir string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("NOT TESTED: needs the docker command to run the image's Blender (apt-get install docker.io)")
	}
	scripts, err := filepath.Abs(filepath.Join("..", "..", "scenes", "blend"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := append([]string{"run", "--rm", "--network", "none", "-v", scripts + ":/scenes:ro", "-v", dir + ":" + dir,
		sandbox.BlenderImageFor(version), "blender"}, args...)
	if out, err := exec.Command("docker", cmd...).CombinedOutput(); err != nil {
		t.Fatalf("docker %s: %v\n%s", strings.Join(cmd, " "), err, out)
	}
}
