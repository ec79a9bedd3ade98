//go:build linux && cgo

package gl

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/verifier"
)

// newTestRenderer brings up the GL tracer or fails: CI has Mesa's llvmpipe
// (.ci/deps), so no GL test skips for want of a GPU.
func newTestRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, err := New(DefaultConfig())
	if err != nil {
		t.Fatalf("gl renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// sceneFile writes a bundled scene into dir.
func sceneFile(t testing.TB, dir, name string) string {
	t.Helper()
	data, ok := scenes.Bytes(name)
	if !ok {
		t.Fatalf("no bundled scene %s", name)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTileEqualsFrame(t *testing.T) {
	r := newTestRenderer(t)
	dir := t.TempDir()
	for _, name := range []string{"cornell.glb", "spheres.glb"} {
		t.Run(name, func(t *testing.T) {
			task := renderer.Task{Scene: sceneFile(t, dir, name), Frame: 1, Width: 40, Height: 30, Samples: 6, Seed: 7}
			whole, err := r.Render(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			// Odd tiles, not multiples of the 8x8 work group, so a pixel's
			// place in its group differs between tile and frame.
			for _, reg := range []image.Rectangle{image.Rect(0, 0, 13, 11), image.Rect(13, 5, 40, 30), image.Rect(7, 19, 8, 20)} {
				tt := task
				tt.Region = reg
				tile, err := r.Render(context.Background(), tt)
				if err != nil {
					t.Fatal(err)
				}
				if !verifier.Equal(tile.Image, whole.Image, reg) {
					t.Errorf("tile %v differs from the same pixels of the whole frame", reg)
				}
			}
		})
	}
}

func TestVersionNamesStack(t *testing.T) {
	r := newTestRenderer(t)
	v := r.Version()
	if want := version + "-" + stack(r.ctx.renderer, r.ctx.version); v != want {
		t.Errorf("Version() = %q, want %q", v, want)
	}
	t.Logf("%s on %s", v, r.Device())
}

func TestRefusesDenoise(t *testing.T) {
	r := newTestRenderer(t)
	task := renderer.Task{Scene: sceneFile(t, t.TempDir(), "cornell.glb"), Frame: 1, Width: 8, Height: 8, Samples: 1, Denoise: true}
	if _, err := r.Render(context.Background(), task); err == nil {
		t.Fatal("a denoise task rendered; want ErrBadTask")
	}
}

// cpuRender renders task with the Go tracer on all cores.
func cpuRender(t testing.TB, task renderer.Task) renderer.Result {
	t.Helper()
	res, err := pathtracer.New(pathtracer.DefaultConfig()).Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestRenderCancelled(t *testing.T) {
	r := newTestRenderer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	task := renderer.Task{Scene: sceneFile(t, t.TempDir(), "cornell.glb"), Frame: 1, Width: 16, Height: 16, Samples: 64}
	if _, err := r.Render(ctx, task); err == nil {
		t.Fatal("a cancelled render returned no error")
	}
}

func TestRenderBadTask(t *testing.T) {
	r := newTestRenderer(t)
	dir := t.TempDir()
	scene := sceneFile(t, dir, "cornell.glb")
	junk := filepath.Join(dir, "junk.glb")
	if err := os.WriteFile(junk, []byte("not a glTF file"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		task renderer.Task
	}{
		{"no samples", renderer.Task{Scene: scene, Frame: 1, Width: 8, Height: 8}},
		{"frame outside the scene", renderer.Task{Scene: scene, Frame: 99, Width: 8, Height: 8, Samples: 1}},
		{"region outside the frame", renderer.Task{Scene: scene, Frame: 1, Width: 8, Height: 8, Samples: 1, Region: image.Rect(4, 4, 12, 12)}},
		{"not a scene", renderer.Task{Scene: junk, Frame: 1, Width: 8, Height: 8, Samples: 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Render(context.Background(), tc.task)
			if !errors.Is(err, renderer.ErrBadTask) {
				t.Fatalf("err = %v, want renderer.ErrBadTask", err)
			}
		})
	}
}

func TestRenderAfterClose(t *testing.T) {
	r := newTestRenderer(t)
	r.Close()
	task := renderer.Task{Scene: sceneFile(t, t.TempDir(), "cornell.glb"), Frame: 1, Width: 8, Height: 8, Samples: 1}
	if _, err := r.Render(context.Background(), task); !errors.Is(err, errClosed) {
		t.Fatalf("err = %v, want errClosed", err)
	}
}

func TestNewDevice(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Device = 0
	r, err := New(cfg)
	if err != nil {
		t.Fatalf("--gpu 0: %v", err)
	}
	n := r.ctx.devices
	t.Logf("EGL device 0 of %d: %s", n, r.Device())
	r.Close()

	cfg.Device = n
	if _, err := New(cfg); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("GPU %d: EGL lists %d devices", n, n)) {
		t.Fatalf("--gpu %d of %d devices: err %v, want one naming the devices", n, n, err)
	}
}
