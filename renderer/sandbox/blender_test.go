package sandbox

import (
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

var blendScenes sync.Map // name -> *builtBlend

// sceneDir holds the scenes the tests build; TestMain removes it.
var sceneDir string

func TestMain(m *testing.M) {
	if os.Getenv("CONUN_SANDBOX_HELPER") != "" {
		os.Exit(m.Run()) // a node to be killed (reap_test.go): nothing to clean
	}
	dir, err := os.MkdirTemp("", "conun-sandbox-scenes-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sceneDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type builtBlend struct {
	once sync.Once
	path string
	err  error
}

// blendScene builds a test scene from scenes/blend/make_NAME.py with the
// host's Blender, once per test binary, into dir.
func blendScene(t testing.TB, name string, args ...string) string {
	t.Helper()
	haveBlender(t)
	v, _ := blendScenes.LoadOrStore(name, &builtBlend{})
	b := v.(*builtBlend)
	b.once.Do(func() {
		b.path = filepath.Join(sceneDir, name+".blend")
		script := filepath.Join("..", "..", "scenes", "blend", "make_"+name+".py")
		if strings.HasPrefix(name, "hostile") {
			script = filepath.Join("testdata", "make_hostile.py")
		}
		cmdArgs := append([]string{"-b", "--factory-startup", "--python-exit-code", "1", "--python", script, "--", b.path}, args...)
		if out, err := exec.Command("blender", cmdArgs...).CombinedOutput(); err != nil {
			b.err = fmt.Errorf("%s: %w\n%s", script, err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// nearExact is renderer/blender's rule for two renders of one task: Cycles
// on the CPU repeats a render bit for bit on most scenes, but now and then a
// few 16-bit values differ by a few levels. At most 8/65535 on at most
// 0.05% of the values, never fewer than 3.
func nearExact(t *testing.T, what string, got, want *image.NRGBA64) {
	t.Helper()
	if got.Bounds() != want.Bounds() {
		t.Fatalf("%s: bounds %v, want %v", what, got.Bounds(), want.Bounds())
	}
	n, worst := diffValues(got, want)
	r := got.Bounds()
	allowed := max(3, r.Dx()*r.Dy()*4*5/10000)
	if worst > 8 || n > allowed {
		t.Fatalf("%s: %d values differ (allowed %d), by up to %d/65535 (allowed 8)", what, n, allowed, worst)
	}
	if n > 0 {
		t.Logf("%s: %d values differ, by up to %d/65535", what, n, worst)
	}
}

func newSandboxBlender(t testing.TB, s *Sandbox, cfg blender.Config) *Blender {
	t.Helper()
	b, err := s.Blender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestBlenderMatchesUnsandboxed: tiles rendered by the warm Blender in its
// container match the same tiles rendered by Blender on the host, under the
// near-exact rule, and the scene's tiles share one container.
func TestBlenderMatchesUnsandboxed(t *testing.T) {
	s := newSandbox(t, testConfig(t), "blender")
	scene := blendScene(t, "classroom_lite")
	local, err := blender.New(blender.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	box := newSandboxBlender(t, s, blender.DefaultConfig())
	if box.Version() != local.Version() {
		t.Errorf("version %q in the box, %q on the host: the checker matching would split them", box.Version(), local.Version())
	}
	ctx := context.Background()
	for i, rect := range []image.Rectangle{image.Rect(0, 0, 32, 24), image.Rect(32, 0, 64, 24), image.Rect(0, 24, 64, 48)} {
		task := renderer.Task{Scene: scene, Frame: 1, Width: 64, Height: 48, Samples: 8, Seed: 3, Region: rect}
		want, err := local.Render(ctx, task)
		if err != nil {
			t.Fatal(err)
		}
		got, err := box.Render(ctx, task)
		if err != nil {
			t.Fatal(err)
		}
		nearExact(t, fmt.Sprintf("tile %v", rect), got.Image, want.Image)
		if n := len(containers(t, s)); n != 1 {
			t.Fatalf("after tile %d: %d containers, want the scene's one warm container", i+1, n)
		}
	}
	info, err := box.Inspect(ctx, scene)
	if err != nil || info.FrameStart != 1 {
		t.Fatalf("Inspect: %+v, %v", info, err)
	}
	box.Close()
	if n := len(containers(t, s)); n != 0 {
		t.Fatalf("%d containers after Close", n)
	}
}
