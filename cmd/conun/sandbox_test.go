package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer/sandbox"
	"github.com/conun/conun/tiler"
)

// needSandbox skips, loudly, where no Docker Engine or sandbox image is
// available (make test starts dockerd and builds the images).
func needSandbox(t *testing.T) {
	t.Helper()
	sb, err := sandbox.New(sandbox.DefaultConfig())
	if err == nil {
		err = sb.Check(context.Background(), "pathtracer")
		sb.Close()
	}
	if errors.Is(err, sandbox.ErrNoEngine) || errors.Is(err, sandbox.ErrNoImage) {
		t.Skipf("NOT TESTED: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestSandboxedNode: a node that renders in the Docker sandbox says so to
// the cluster, and its frames equal a local render's; `conun render
// --sandbox docker` gives the same pixels too.
func TestSandboxedNode(t *testing.T) {
	skipShort(t, "dockerd and the sandbox images")
	needSandbox(t)
	ref := filepath.Join(t.TempDir(), "ref.png")
	args := []string{"cornell", "--res", "32x24", "--samples", "4", "--seed", "2", "--depth", "16"}
	if code, _, stderr := conun(t, append([]string{"render", "--out", ref}, args...)...); code != 0 {
		t.Fatal(stderr)
	}
	boxed := filepath.Join(t.TempDir(), "boxed.png")
	if code, _, stderr := conun(t, append([]string{"render", "--sandbox", "docker", "--out", boxed}, args...)...); code != 0 {
		t.Fatalf("render --sandbox docker: %s", stderr)
	}
	samePNG(t, ref, boxed)

	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--sandbox", "docker")
	if _, out, _ := conun(t, "nodes", "--node", node.url); !strings.Contains(out, "docker") {
		t.Fatalf("the node does not advertise its sandbox:\n%s", out)
	}
	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", node.url, "cornell", "--res", "32x24", "--samples", "4", "--seed", "2", "--depth", "16", "--tiles", "2x2", "--wait", "--out", out)
	if code != 0 {
		t.Fatalf("submit: %s\n%s", stderr, stdout)
	}
	samePNG(t, ref, filepath.Join(out, "frame_0001.png"))
}

// needBlenderImage skips, loudly, where no Docker Engine answers or the
// sandbox image of that Blender version is missing.
func needBlenderImage(t *testing.T, version string) {
	t.Helper()
	cfg := sandbox.DefaultConfig()
	cfg.BlenderImage = sandbox.BlenderImageFor(version)
	sb, err := sandbox.New(cfg)
	if err == nil {
		err = sb.Check(context.Background(), "blender")
		sb.Close()
	}
	if errors.Is(err, sandbox.ErrNoEngine) || errors.Is(err, sandbox.ErrNoImage) {
		t.Skipf("NOT TESTED: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// conunProcess runs conun (this test binary standing in for it, see
// TestMain) as a separate process and returns its exit code and output.
func conunProcess(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("conun %s: %v", strings.Join(args, " "), err)
	}
	return code, out.String(), errOut.String()
}

// TestBlenderVersionFlag: --blender-version picks the sandbox's Blender.
// `conun render --sandbox docker --blender-version 4.3.2` renders a scene
// saved by Blender 4.3 (which the default image's Blender 3.4 refuses,
// saying why), a node started so advertises Blender 4.3.2, and a version
// without an image or without the sandbox is an error that says what to do.
func TestBlenderVersionFlag(t *testing.T) {
	skipShort(t, "dockerd and the sandbox images")
	needBlenderImage(t, sandbox.Blender4Version)
	scene := filepath.Join("..", "..", "renderer", "blender", "testdata", "saved-by-4.3.blend")
	out := filepath.Join(t.TempDir(), "frame.png")
	render := []string{"render", scene, "--res", "64x48", "--samples", "4", "--depth", "16", "--out", out}

	code, stdout, stderr := conunProcess(t, append(render, "--sandbox", "docker", "--blender-version", sandbox.Blender4Version)...)
	if code != 0 {
		t.Fatalf("render --blender-version %s: exit %d: %s", sandbox.Blender4Version, code, stderr)
	}
	if want := "with blender-" + sandbox.Blender4Version + "/"; !strings.Contains(stdout, want) {
		t.Errorf("render output %q does not name %q", stdout, want)
	}
	img := decodePNG(t, out)
	if img.Bounds() != image.Rect(0, 0, 64, 48) {
		t.Fatalf("frame bounds %v, want 64x48", img.Bounds())
	}
	if img.At(0, 0) == img.At(32, 24) {
		t.Errorf("the frame looks blank: %v at the corner and the centre", img.At(0, 0))
	}
	t.Logf("%s", strings.TrimSpace(stdout))

	tests := []struct {
		name     string
		args     []string
		needs    string // a Blender image version the case needs, if any
		wantCode int
		want     []string // in stderr
	}{
		{"default image, older Blender", []string{"--sandbox", "docker"}, sandbox.BlenderVersion, 1, []string{"saved by Blender 4.3", "newer than this node's Blender " + sandbox.BlenderVersion}},
		{"no image", []string{"--sandbox", "docker", "--blender-version", "9.9.9"}, "", 1, []string{sandbox.BlenderImageFor("9.9.9"), "not found", "make images"}},
		{"unsandboxed", []string{"--sandbox", "none", "--blender-version", sandbox.Blender4Version}, "", 2, []string{"--blender-version", "--sandbox docker"}},
		{"not a version", []string{"--sandbox", "docker", "--blender-version", "4.3"}, "", 2, []string{`--blender-version "4.3"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needs != "" {
				needBlenderImage(t, tc.needs)
			}
			code, _, stderr := conunProcess(t, append(render, tc.args...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q does not mention %q", stderr, w)
				}
			}
		})
	}

	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
		"--sandbox", "docker", "--renderers", "blender", "--blender-version", sandbox.Blender4Version)
	if _, nodes, _ := conun(t, "nodes", "--node", node.url); !strings.Contains(nodes, "blender blender-"+sandbox.Blender4Version+"/") {
		t.Fatalf("the node does not advertise Blender %s:\n%s", sandbox.Blender4Version, nodes)
	}
}

// TestMixedBlenderCluster: three node processes, one on the default
// Blender image and two on Blender 4.3. A scene saved by 4.3 submitted to
// the 3.4 node is refused naming the 4.3 nodes; submitted to a 4.3 node it
// renders on the 4.3 nodes alone, bound to that release, with nobody
// convicted for drawing differently from the 3.4 node.
func TestMixedBlenderCluster(t *testing.T) {
	skipShort(t, "dockerd and the sandbox images")
	needBlenderImage(t, sandbox.BlenderVersion)
	needBlenderImage(t, sandbox.Blender4Version)
	node := func(version string, join ...string) *nodeProc {
		args := []string{"--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
			"--sandbox", "docker", "--renderers", "blender", "--blender-version", version}
		if len(join) > 0 {
			args = append(args, "--join", join[0])
		}
		return startNode(t, args...)
	}
	old := node(sandbox.BlenderVersion)
	newA := node(sandbox.Blender4Version, old.gossip)
	newB := node(sandbox.Blender4Version, old.gossip)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	waitFor(t, 30*time.Second, func() bool {
		ms, err := api.NewClient(old.url).Nodes(ctx)
		return err == nil && len(ms) == 3
	})

	data, err := os.ReadFile(filepath.Join("..", "..", "renderer", "blender", "testdata", "saved-by-4.3.blend"))
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{SceneName: "small.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 48, Height: 32}, Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, VerifyRate: 1}

	c := api.NewClient(old.url)
	if spec.Scene, err = c.Upload(ctx, data); err != nil {
		t.Fatal(err)
	}
	_, err = c.Submit(ctx, spec)
	if err == nil || !strings.Contains(err.Error(), "submit it to a node that runs blender 4.3 or newer") ||
		!strings.Contains(err.Error(), newA.name) || !strings.Contains(err.Error(), newB.name) {
		t.Fatalf("submit to the 3.4 node: %v; want a refusal naming %s and %s", err, newA.name, newB.name)
	}

	c = api.NewClient(newA.url)
	if _, err = c.Upload(ctx, data); err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	st, err := c.Status(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := c.Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st.Release != "blender-"+sandbox.Blender4Version || len(rep.Convictions) > 0 {
		t.Fatalf("release %q, convictions %+v", st.Release, rep.Convictions)
	}
	for _, tr := range rep.Tasks {
		if tr.Node == old.name {
			t.Fatalf("task %d went to the 3.4 node", tr.Index)
		}
	}
	t.Logf("checks %v", st.Checks)
}
