package sandbox

import (
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
)

func bundled(name string) string { return filepath.Join("..", "..", "scenes", name) }

// TestPathTracerPixelIdentical: tasks rendered in the sandbox equal the same
// tasks rendered by the path tracer in-process, bit for bit.
func TestPathTracerPixelIdentical(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	ref := pathtracer.New(pathtracer.DefaultConfig())
	box := s.PathTracer(pathtracer.DefaultConfig())
	if box.Version() != ref.Version() {
		t.Fatalf("version %q, want the path tracer's %q", box.Version(), ref.Version())
	}
	tests := []struct {
		name  string
		scene string
		frame int
		rect  image.Rectangle
	}{
		{"cornell whole", "cornell.glb", 1, image.Rectangle{}},
		{"spheres tile", "spheres.glb", 1, image.Rect(16, 8, 48, 40)},
		{"anim frame 3 tile", "anim.glb", 3, image.Rect(0, 20, 40, 48)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := renderer.Task{Scene: bundled(tc.scene), Frame: tc.frame, Width: 64, Height: 48, Samples: 4, Seed: 7, Region: tc.rect}
			want, err := ref.Render(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			calls := 0
			task.Progress = func(done, total int) { calls++ }
			got, err := box.Render(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			if got.Image.Bounds() != task.Rect() {
				t.Fatalf("bounds %v, want %v", got.Image.Bounds(), task.Rect())
			}
			if n, worst := diffValues(got.Image, want.Image); n > 0 {
				t.Fatalf("%d values differ (by up to %d/65535) from the in-process render", n, worst)
			}
			if calls == 0 {
				t.Error("no progress reported")
			}
		})
	}
	info, err := box.Inspect(context.Background(), bundled("anim.glb"))
	want, _ := ref.Inspect(context.Background(), bundled("anim.glb"))
	if err != nil || info != want {
		t.Fatalf("Inspect: %+v, %v; want %+v", info, err, want)
	}
	if ids := containers(t, s); len(ids) > 0 {
		t.Fatalf("%d containers left after the renders", len(ids))
	}
}

// TestPathTracerErrors: a bad scene is reported with the path tracer's
// reason; a root-only scene file is staged so the box can read it.
func TestPathTracerErrors(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	box := s.PathTracer(pathtracer.DefaultConfig())
	bad := filepath.Join(t.TempDir(), "bad.glb")
	os.WriteFile(bad, []byte("not a glb"), 0o644)
	_, err := box.Render(context.Background(), renderer.Task{Scene: bad, Frame: 1, Width: 8, Height: 8, Samples: 1})
	if err == nil {
		t.Fatal("a garbage scene rendered")
	}
	t.Logf("garbage scene: %v", err)

	private := filepath.Join(t.TempDir(), "private.glb")
	data, _ := os.ReadFile(bundled("cornell.glb"))
	os.WriteFile(private, data, 0o600)
	if _, err := box.Render(context.Background(), renderer.Task{Scene: private, Frame: 1, Width: 8, Height: 8, Samples: 1}); err != nil {
		t.Fatalf("0600 scene: %v", err)
	}
	_, err = box.Render(context.Background(), renderer.Task{Scene: bundled("cornell.glb"), Frame: 0, Width: 8, Height: 8, Samples: 1})
	if !errors.Is(err, renderer.ErrBadTask) {
		t.Fatalf("frame 0: %v, want ErrBadTask", err)
	}
}

// TestPathTracerTimeout: a task that runs past the wall-clock limit is
// killed, its container removed, and the error says so.
func TestPathTracerTimeout(t *testing.T) {
	cfg := testConfig(t)
	cfg.Timeout = 2 * time.Second
	s := newSandbox(t, cfg, "pathtracer")
	box := s.PathTracer(pathtracer.DefaultConfig())
	start := time.Now()
	_, err := box.Render(context.Background(), renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 640, Height: 480, Samples: 100000})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("took %v to stop a task with a 2s limit", d)
	}
	t.Logf("after %v: %v", time.Since(start).Round(time.Millisecond), err)
	if ids := containers(t, s); len(ids) > 0 {
		t.Fatalf("the killed container is still there: %v", ids)
	}
}
