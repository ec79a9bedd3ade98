package sandbox

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/moby/moby/client"
	"golang.org/x/sync/errgroup"
)

func bundled(name string) string { return filepath.Join("..", "..", "scenes", name) }

// newPathTracer returns the sandbox's path tracer, closed when the test
// ends (before the sandbox's own cleanup reaps what is left).
func newPathTracer(t testing.TB, s *Sandbox) *PathTracer {
	p := s.PathTracer(pathtracer.DefaultConfig())
	t.Cleanup(func() { p.Close() })
	return p
}

// TestPathTracerPixelIdentical: tasks rendered in the sandbox equal the same
// tasks rendered by the path tracer in-process, bit for bit.
func TestPathTracerPixelIdentical(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	ref := pathtracer.New(pathtracer.DefaultConfig())
	box := newPathTracer(t, s)
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
	if n := box.starts.Load(); n != 3 {
		t.Errorf("%d containers started for 3 scenes (Inspect of one of them included), want 3", n)
	}
	box.Close()
	if ids := containers(t, s); len(ids) > 0 {
		t.Fatalf("%d containers left after Close", len(ids))
	}
}

// TestPathTracerErrors: a bad scene is reported with the path tracer's
// reason; a root-only scene file is staged so the box can read it.
func TestPathTracerErrors(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	box := newPathTracer(t, s)
	bad := filepath.Join(t.TempDir(), "bad.glb")
	os.WriteFile(bad, []byte("not a glb"), 0o644)
	_, err := box.Render(context.Background(), renderer.Task{Scene: bad, Frame: 1, Width: 8, Height: 8, Samples: 1})
	if !errors.Is(err, renderer.ErrBadTask) {
		t.Fatalf("garbage scene: %v, want ErrBadTask", err)
	}
	t.Logf("garbage scene: %v", err)
	// A node bomb is refused inside the box by the scene limits (the image
	// is built from this tree's path tracer: ptproto.Version 4 carries
	// Config.Limits), before it can allocate gigabytes.
	bomb := filepath.Join(t.TempDir(), "bomb.gltf")
	os.WriteFile(bomb, []byte(`{"asset":{"version":"2.0"},"nodes":[{}`+strings.Repeat(`,{}`, 1_000_000)+`]}`), 0o644)
	_, err = box.Render(context.Background(), renderer.Task{Scene: bomb, Frame: 1, Width: 8, Height: 8, Samples: 1})
	if !errors.Is(err, renderer.ErrBadTask) || !strings.Contains(err.Error(), "the limit is") {
		t.Fatalf("node bomb: %v, want ErrBadTask naming the limit", err)
	}
	t.Logf("node bomb: %v", err)
	// A request the box refuses leaves it serving.
	anim := renderer.Task{Scene: bundled("anim.glb"), Frame: 1, Width: 8, Height: 8, Samples: 1}
	if _, err := box.Render(context.Background(), anim); err != nil {
		t.Fatal(err)
	}
	late := anim
	late.Frame = 100000
	if _, err = box.Render(context.Background(), late); !errors.Is(err, renderer.ErrBadTask) {
		t.Fatalf("frame past the scene's end: %v, want ErrBadTask", err)
	}
	if _, err := box.Render(context.Background(), anim); err != nil {
		t.Fatalf("after a refused task: %v", err)
	}
	if n := box.starts.Load(); n != 3 {
		t.Errorf("%d containers started for 3 scenes, want 3", n)
	}

	private := filepath.Join(t.TempDir(), "private.glb")
	data, _ := os.ReadFile(bundled("cornell.glb"))
	os.WriteFile(private, data, 0o600)
	if _, err := box.Render(context.Background(), renderer.Task{Scene: private, Frame: 1, Width: 8, Height: 8, Samples: 1}); err != nil {
		t.Fatalf("0600 scene: %v", err)
	}
	_, err = box.Render(context.Background(), renderer.Task{Scene: bundled("cornell.glb"), Frame: -1, Width: 8, Height: 8, Samples: 1})
	if !errors.Is(err, renderer.ErrBadTask) {
		t.Fatalf("frame 0: %v, want ErrBadTask", err)
	}
}

// TestPathTracerTimeout: a task that runs past the wall-clock limit on a
// warm container is killed, its container removed, and the error says so;
// the next task runs in a fresh container.
func TestPathTracerTimeout(t *testing.T) {
	cfg := testConfig(t)
	cfg.Timeout = 2 * time.Second
	s := newSandbox(t, cfg, "pathtracer")
	box := newPathTracer(t, s)
	small := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 16, Height: 16, Samples: 1}
	if _, err := box.Render(context.Background(), small); err != nil {
		t.Fatal(err)
	}
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
	if _, err := box.Render(context.Background(), small); err != nil {
		t.Fatalf("the task after the timeout: %v", err)
	}
	if n := box.starts.Load(); n != 2 {
		t.Errorf("%d containers started, want 2 (the first killed)", n)
	}
}

// TestPathTracerWarm: a dozen tasks in a row, of several frames and
// regions, run in one container and equal the in-process renders.
func TestPathTracerWarm(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	ref := pathtracer.New(pathtracer.DefaultConfig())
	box := newPathTracer(t, s)
	for i := range 12 {
		x, y := 16*(i%4), 16*(i%3)
		task := renderer.Task{Scene: bundled("anim.glb"), Frame: 1 + i%5, Width: 64, Height: 48, Samples: 2, Seed: uint64(i),
			Region: image.Rect(x, y, x+16, y+16), HDR: i%4 == 3}
		want, err := ref.Render(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		got, err := box.Render(context.Background(), task)
		if err != nil {
			t.Fatalf("task %d: %v", i, err)
		}
		if n, worst := diffValues(got.Image, want.Image); n > 0 {
			t.Fatalf("task %d: %d values differ (by up to %d/65535) from the in-process render", i, n, worst)
		}
		if task.HDR && !sameHDR(got.HDR, want.HDR) {
			t.Fatalf("task %d: float pixels differ from the in-process render", i)
		}
	}
	if n := box.starts.Load(); n != 1 {
		t.Errorf("%d containers started for 12 tasks of one scene, want 1", n)
	}
	if ids := containers(t, s); len(ids) != 1 {
		t.Errorf("%d containers between tasks, want the warm one", len(ids))
	}
}

// TestPathTracerKilled: a warm container killed from outside, between tasks
// or under one, is replaced; the task under which it died is rendered again
// in the fresh one, to the same pixels.
func TestPathTracerKilled(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	box := newPathTracer(t, s)
	killAll := func() {
		for _, id := range containers(t, s) {
			if _, err := s.cli.ContainerKill(context.Background(), id, client.ContainerKillOptions{Signal: "KILL"}); err != nil {
				t.Error(err)
			}
		}
	}
	// On one thread, so that it runs long enough to report progress (half
	// a second here) on any machine.
	task := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 64, Height: 48, Samples: 96, Seed: 3, Threads: 1}
	want, err := box.Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}

	killAll() // between tasks: it is gone by the next
	waitContainers(t, s, 0)
	small := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 16, Height: 16, Samples: 1}
	if _, err := box.Render(context.Background(), small); err != nil {
		t.Fatalf("after the warm container was killed: %v", err)
	}

	var once sync.Once
	task.Progress = func(done, total int) { once.Do(killAll) } // under the task
	got, err := box.Render(context.Background(), task)
	if err != nil {
		t.Fatalf("killed under the task: %v", err)
	}
	if n, worst := diffValues(got.Image, want.Image); n > 0 {
		t.Fatalf("%d values differ (by up to %d/65535) from the render before", n, worst)
	}
	if n := box.starts.Load(); n != 3 {
		t.Errorf("%d containers started, want 3 (two killed)", n)
	}
}

// TestPathTracerConcurrent: concurrent tasks of two scenes, whether a
// scene's tasks take turns on one container or run in two, all equal the
// in-process renders.
func TestPathTracerConcurrent(t *testing.T) {
	ref := pathtracer.New(pathtracer.DefaultConfig())
	var tasks []renderer.Task
	var want []renderer.Result
	for i := range 8 {
		scene := []string{"cornell.glb", "spheres.glb"}[i%2]
		x := 16 * (i / 2)
		task := renderer.Task{Scene: bundled(scene), Frame: 1, Width: 64, Height: 48, Samples: 4, Seed: 5, Region: image.Rect(x, 0, x+16, 48)}
		res, err := ref.Render(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		tasks, want = append(tasks, task), append(want, res)
	}
	for _, perScene := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d per scene", perScene), func(t *testing.T) {
			s := newSandbox(t, testConfig(t), "pathtracer")
			box := newPathTracer(t, s)
			box.perScene = perScene
			var g errgroup.Group
			for round := range 2 {
				for i, task := range tasks {
					g.Go(func() error {
						got, err := box.Render(context.Background(), task)
						if err != nil {
							return err
						}
						if n, worst := diffValues(got.Image, want[i].Image); n > 0 {
							return fmt.Errorf("round %d task %d: %d values differ (by up to %d/65535)", round, i, n, worst)
						}
						return nil
					})
				}
			}
			if err := g.Wait(); err != nil {
				t.Fatal(err)
			}
			if n := box.starts.Load(); n > int64(2*perScene) {
				t.Errorf("%d containers started for 2 scenes, want at most %d", n, 2*perScene)
			}
			box.Close()
			if ids := containers(t, s); len(ids) > 0 {
				t.Fatalf("%d containers left after Close", len(ids))
			}
		})
	}
}

// TestPathTracerClose: Close stops a task in flight and every warm
// container; idle containers are stopped past the bound on their number
// and after the idle timeout.
func TestPathTracerClose(t *testing.T) {
	s := newSandbox(t, testConfig(t), "pathtracer")
	small := func(scene string) renderer.Task {
		return renderer.Task{Scene: bundled(scene), Frame: 1, Width: 16, Height: 16, Samples: 1}
	}

	t.Run("in flight", func(t *testing.T) {
		box := newPathTracer(t, s)
		if _, err := box.Render(context.Background(), small("spheres.glb")); err != nil {
			t.Fatal(err)
		}
		started := make(chan struct{})
		var once sync.Once
		// Rows of a fraction of a second, a minute in all.
		task := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 64, Height: 480, Samples: 2000,
			Progress: func(int, int) { once.Do(func() { close(started) }) }}
		errc := make(chan error, 1)
		go func() {
			_, err := box.Render(context.Background(), task)
			errc <- err
		}()
		<-started
		box.Close()
		if err := <-errc; !errors.Is(err, ErrClosed) {
			t.Errorf("the task in flight: %v, want ErrClosed", err)
		}
		if ids := containers(t, s); len(ids) > 0 {
			t.Fatalf("%d containers left after Close", len(ids))
		}
		if _, err := box.Render(context.Background(), small("cornell.glb")); !errors.Is(err, ErrClosed) {
			t.Errorf("a task after Close: %v, want ErrClosed", err)
		}
	})

	t.Run("least recently used", func(t *testing.T) {
		box := newPathTracer(t, s)
		box.maxIdle = 1
		for _, scene := range []string{"cornell.glb", "spheres.glb", "spheres.glb", "cornell.glb"} {
			if _, err := box.Render(context.Background(), small(scene)); err != nil {
				t.Fatal(err)
			}
			waitContainers(t, s, 1)
		}
		if n := box.starts.Load(); n != 3 {
			t.Errorf("%d containers started, want 3 (cornell's stopped for spheres')", n)
		}
		box.Close()
	})

	t.Run("idle timeout", func(t *testing.T) {
		box := newPathTracer(t, s)
		box.idleTimeout = 300 * time.Millisecond
		if _, err := box.Render(context.Background(), small("cornell.glb")); err != nil {
			t.Fatal(err)
		}
		waitContainers(t, s, 0)
		if _, err := box.Render(context.Background(), small("cornell.glb")); err != nil {
			t.Fatal(err)
		}
		box.Close()
	})
}

// waitContainers waits until the sandbox's node has n containers.
func waitContainers(t *testing.T, s *Sandbox, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ids := containers(t, s)
		if len(ids) == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d containers after 20s, want %d", len(ids), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func sameHDR(a, b *renderer.HDR) bool {
	if a == nil || b == nil || a.Rect != b.Rect || len(a.Pix) != len(b.Pix) {
		return false
	}
	for i := range a.Pix {
		if math.Float32bits(a.Pix[i]) != math.Float32bits(b.Pix[i]) {
			return false
		}
	}
	return true
}
