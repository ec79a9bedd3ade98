package external

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
)

func newHelper(t *testing.T, mode string, args ...string) *Renderer {
	t.Helper()
	r, err := New("test", helperCommand(mode, args...), Config{Env: []string{helperEnv}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func writeScene(t *testing.T, name string) string {
	t.Helper()
	data, ok := scenes.Bytes(name)
	if !ok {
		t.Fatalf("no bundled scene %s", name)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRenderMatchesPathTracer runs the path tracer as an external command
// and checks its pixels against the in-process renderer's: the contract
// loses nothing, so checkers can compare the two exactly.
func TestRenderMatchesPathTracer(t *testing.T) {
	t.Parallel()
	scene := writeScene(t, "spheres.glb")
	ext := newHelper(t, "pathtracer")
	pt := pathtracer.New(pathtracer.DefaultConfig())
	for _, region := range []image.Rectangle{{}, image.Rect(8, 4, 40, 28)} {
		task := renderer.Task{Scene: scene, Frame: 1, Width: 48, Height: 32, Samples: 4, Seed: 3, Region: region}
		got, err := ext.Render(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		want, err := pt.Render(context.Background(), task)
		if err != nil {
			t.Fatal(err)
		}
		if got.Image.Bounds() != task.Rect() {
			t.Fatalf("bounds %v, want %v", got.Image.Bounds(), task.Rect())
		}
		if !bytes.Equal(got.Image.Pix, want.Image.Pix) {
			t.Errorf("region %v: external pixels differ from the in-process path tracer's", region)
		}
	}
}

func TestRender8Bit(t *testing.T) {
	t.Parallel()
	task := renderer.Task{Scene: "unused", Frame: 1, Width: 100, Height: 80, Samples: 1, Region: image.Rect(30, 20, 50, 60)}
	res, err := newHelper(t, "gradient8").Render(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	if res.Image.Bounds() != task.Region {
		t.Fatalf("bounds %v", res.Image.Bounds())
	}
	if c := res.Image.NRGBA64At(35, 27); c != (color.NRGBA64{35 * 0x101, 27 * 0x101, 0, 0xffff}) {
		t.Errorf("pixel (35,27) = %v: not placed in frame coordinates", c)
	}
}

func TestRenderFailures(t *testing.T) {
	t.Parallel()
	task := renderer.Task{Scene: "unused", Frame: 1, Width: 64, Height: 48, Samples: 1, Region: image.Rect(0, 0, 16, 16)}
	tests := []struct {
		mode string
		is   error
		want []string
	}{
		{"wrong-size", ErrBadOutput, []string{"output is 17x16, want the region's 16x16"}},
		{"fail", nil, []string{"exit status 3", "boom: scene is broken", "..."}},
		{"no-output", ErrBadOutput, []string{"wrote no out.png"}},
		{"not-png", ErrBadOutput, []string{"not a PNG"}},
		{"unknown-mode", nil, []string{"exit status 2", "unknown mode"}},
	}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			t.Parallel()
			_, err := newHelper(t, tc.mode).Render(context.Background(), task)
			if err == nil {
				t.Fatal("no error")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if len(err.Error()) > 3000 {
				t.Errorf("error is %d bytes: stderr was not cut to its tail", len(err.Error()))
			}
		})
	}
	if _, err := newHelper(t, "gradient8").Render(context.Background(), renderer.Task{}); !errors.Is(err, renderer.ErrBadTask) {
		t.Errorf("invalid task: %v, want ErrBadTask", err)
	}
}

// gone reports whether process pid has exited (a zombie counts: nobody may
// reap an orphan inside a container).
func gone(pid int) bool {
	if !alive(pid) {
		return true
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(fields) > 0 && fields[0] == "Z"
}

// waitGone waits until the helper's child process, whose pid it wrote to
// pidFile, has exited.
func waitGone(t *testing.T, pidFile string) {
	t.Helper()
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the helper wrote no pid: %v", err)
	}
	pid, _ := strconv.Atoi(string(data))
	deadline := time.Now().Add(5 * time.Second)
	for !gone(pid) {
		if time.Now().After(deadline) {
			kill(pid)
			t.Fatalf("the renderer's child %d outlived the task", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCancelKillsProcessGroup(t *testing.T) {
	t.Parallel()
	pidFile := filepath.Join(t.TempDir(), "pid")
	r := newHelper(t, "hang", pidFile)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := r.Render(ctx, renderer.Task{Scene: "unused", Frame: 1, Width: 8, Height: 8, Samples: 1})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("cancelled render took %v", d)
	}
	waitGone(t, pidFile)
}

// TestLeftoverChild: a renderer that exits 0 but leaves a process holding
// its stderr still succeeds, after WaitDelay, and the process is killed.
func TestLeftoverChild(t *testing.T) {
	t.Parallel()
	pidFile := filepath.Join(t.TempDir(), "pid")
	r, err := New("test", helperCommand("leave-child", pidFile), Config{Env: []string{helperEnv}, WaitDelay: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	task := renderer.Task{Scene: "unused", Frame: 1, Width: 8, Height: 8, Samples: 1}
	if _, err := r.Render(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	waitGone(t, pidFile)
}

func TestInspect(t *testing.T) {
	t.Parallel()
	scene := writeScene(t, "cornell.glb")
	ctx := context.Background()
	info, err := newHelper(t, "gradient8").Inspect(ctx, scene)
	if err != nil || info.FrameStart != 1 || info.FrameEnd != UnknownFrameEnd {
		t.Errorf("without an inspect command: %+v, %v", info, err)
	}
	if _, err := newHelper(t, "gradient8").Inspect(ctx, filepath.Join(t.TempDir(), "missing.blend")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing scene: %v", err)
	}
	if _, err := newHelper(t, "gradient8").Inspect(ctx, t.TempDir()); !errors.Is(err, renderer.ErrBadTask) {
		t.Errorf("directory as scene: %v", err)
	}

	withInspect := func(mode string) *Renderer {
		r, err := New("test", helperCommand("gradient8"), Config{Env: []string{helperEnv}, InspectCommand: helperCommand(mode)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	info, err = withInspect("inspect").Inspect(ctx, scene)
	want := renderer.SceneInfo{FrameStart: 3, FrameEnd: 9, FPS: 30, Width: 320, Height: 240}
	if err != nil || info != want {
		t.Errorf("inspect command: %+v, %v; want %+v", info, err, want)
	}
	if _, err := withInspect("inspect-garbage").Inspect(ctx, scene); !errors.Is(err, ErrBadOutput) {
		t.Errorf("garbage from inspect: %v", err)
	}
	if _, err := withInspect("fail").Inspect(ctx, scene); err == nil {
		t.Error("failing inspect command: no error")
	}
}

func TestNewAndVersion(t *testing.T) {
	tests := []struct {
		kind, command string
		ok            bool
	}{
		{"cycles", "/opt/render.sh --gpu", true},
		{"cycles", "'/opt/my renderer/run' -x", true},
		{"", "/bin/true", false},
		{"a=b", "/bin/true", false},
		{"cycles", "   ", false},
		{"cycles", "'/opt/unterminated", false},
	}
	for _, tc := range tests {
		r, err := New(tc.kind, tc.command, Config{})
		if (err == nil) != tc.ok {
			t.Errorf("New(%q, %q): %v", tc.kind, tc.command, err)
			continue
		}
		if err != nil && !errors.Is(err, ErrBadCommand) {
			t.Errorf("New(%q, %q): %v is not ErrBadCommand", tc.kind, tc.command, err)
		}
		if r != nil && r.Name() != tc.kind {
			t.Errorf("Name = %q", r.Name())
		}
	}
	a, _ := New("cycles", "/opt/a", Config{})
	a2, _ := New("cycles", "/opt/a", Config{InspectCommand: "/opt/i"})
	b, _ := New("cycles", "/opt/b", Config{})
	if !strings.HasPrefix(a.Version(), "cycles-external-") || a.Version() != a2.Version() || a.Version() == b.Version() {
		t.Errorf("versions %q %q %q", a.Version(), a2.Version(), b.Version())
	}
}

func TestParseSpec(t *testing.T) {
	tests := []struct {
		spec, kind, command string
		ok                  bool
	}{
		{"cycles=/opt/render.sh --gpu", "cycles", "/opt/render.sh --gpu", true},
		{"x=a=b", "x", "a=b", true},
		{"cycles", "", "", false},
		{"=cmd", "", "", false},
		{"cycles= ", "", "", false},
	}
	for _, tc := range tests {
		kind, command, err := ParseSpec(tc.spec)
		if (err == nil) != tc.ok || kind != tc.kind || command != tc.command {
			t.Errorf("ParseSpec(%q) = %q, %q, %v", tc.spec, kind, command, err)
		}
	}
}
