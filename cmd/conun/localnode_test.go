package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer/sandbox"
	"github.com/conun/conun/tiler"
)

// TestLocalNodeRunsBlender: the node the desktop app starts runs Blender
// in the Docker sandbox where `conun node` would, so an artist's .blend
// renders on it: Blender's default scene as it opens (Eevee, every default
// unchanged), submitted with a preview (Workbench), both through the
// sandbox's software OpenGL; with no Docker engine it offers the path
// tracer alone and says why Blender is not offered.
func TestLocalNodeRunsBlender(t *testing.T) {
	needSandbox(t)
	needBlender(t)
	needBlenderImage(t, sandbox.BlenderVersion)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	n, err := startLocalNode(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	if got := n.Renderers(); !slices.Contains(got, "blender") || !slices.Contains(got, "pathtracer") || len(n.Refused()) != 0 {
		t.Fatalf("local node renders with %v, refuses %v: want blender and pathtracer, sandboxed", got, n.Refused())
	}
	scene := filepath.Join(t.TempDir(), "default.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-expr",
		"import bpy; bpy.ops.wm.save_as_mainfile(filepath="+strconv.Quote(scene)+")").CombinedOutput(); err != nil {
		t.Fatalf("save Blender's default scene: %v\n%s", err, out)
	}
	data, err := os.ReadFile(scene)
	if err != nil {
		t.Fatal(err)
	}
	c := api.NewClient(n.URL())
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "default.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
		Preview: true, Nonce: t.Name(),
	})
	if err != nil {
		t.Fatalf("submit Blender's default scene (Eevee) with a preview to a sandboxed node: %v", err)
	}
	var st api.JobStatus
	for st.Preview == nil || !st.Preview.State.Final() {
		select {
		case <-ctx.Done():
			t.Fatalf("the Workbench preview did not end: %+v", st.Preview)
		case <-time.After(200 * time.Millisecond):
		}
		if st, err = c.Status(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if st.Preview.State != api.JobDone {
		rep, _ := c.Report(ctx, st.Preview.ID)
		t.Fatalf("the Workbench preview in the sandbox: %s, %q", st.Preview.State, rep.Error)
	}
	if _, err := c.Approve(ctx, id); err != nil {
		t.Fatalf("approve after the preview: %v", err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		rep, _ := c.Report(ctx, id)
		t.Fatalf("the default scene on the app's node: %s, %v, %q", state, err, rep.Error)
	}

	t.Run("no Docker engine", func(t *testing.T) {
		t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
		n, err := startLocalNode(ctx, t.TempDir(), "")
		if err != nil {
			t.Fatal(err)
		}
		defer n.Close()
		if got := n.Renderers(); !slices.Equal(got, []string{"pathtracer"}) {
			t.Fatalf("without Docker the local node renders with %v, want the path tracer alone", got)
		}
		if why := n.Refused()["blender"]; !strings.Contains(why, "sandbox") {
			t.Fatalf("without Docker the local node refuses Blender saying %q, want why (no sandbox)", why)
		}
	})
}
