package gui

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestMain runs the real app instead of the tests when the Xvfb test starts
// this binary as its helper process (as os/exec's own tests do).
func TestMain(m *testing.M) {
	switch mode := os.Getenv("CONUN_GUI_HELPER"); mode {
	case "1":
		os.Exit(helperApp())
	case "pictures", "start":
		os.Exit(helperPictures(mode))
	}
	os.Exit(m.Run())
}

// helperApp opens the app's window on the job in CONUN_GUI_JOB and creates
// the file CONUN_GUI_SHOWN once the window shows the job's finished frame.
func helperApp() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := DefaultConfig()
	cfg.Node, cfg.Job = os.Getenv("CONUN_NODE"), os.Getenv("CONUN_GUI_JOB")
	cfg.OutDir, cfg.DataDir = filepath.Join(os.TempDir(), "out"), filepath.Join(os.TempDir(), "node")
	err := run(ctx, cfg, func(u *ui) {
		u.live.onFrameShown = func(frame int) {
			os.WriteFile(os.Getenv("CONUN_GUI_SHOWN"), []byte(fmt.Sprint(frame)), 0o644)
		}
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper app:", err)
		return 1
	}
	return 0
}

// TestXvfbWindow runs the real window (GLFW, OpenGL through Mesa) on a
// virtual X server against an in-process cluster, waits until it shows the
// finished frame of a job, and checks a screenshot of the X screen: the
// frame's own colours must be on it. CONUN_GUI_XVFB=0 skips it.
func TestXvfbWindow(t *testing.T) {
	if os.Getenv("CONUN_GUI_XVFB") == "0" {
		t.Skip("CONUN_GUI_XVFB=0")
	}
	if testing.Short() {
		t.Skip("-short: needs Xvfb and a window")
	}
	if !haveWindow {
		t.Skip("built without cgo: no window to test")
	}
	for _, tool := range []string{"Xvfb", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("SKIP TestXvfbWindow: %s is not on PATH, so the real window is not tested (make deps installs it)", tool)
			fmt.Fprintln(os.Stderr, msg)
			t.Skip(msg)
		}
	}
	display := startXvfb(t)

	nodes := farmtest.Start(t, 2, nil)
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8})
	if err != nil {
		t.Fatal(err)
	}
	if state, err := c.Events(ctx, id, nil); err != nil || state != api.JobDone {
		t.Fatalf("job %s: %s %v", id, state, err)
	}
	var buf bytes.Buffer
	if err := c.Frame(ctx, id, 1, &buf); err != nil {
		t.Fatal(err)
	}
	frame, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}

	tmp := t.TempDir()
	shown := filepath.Join(tmp, "shown")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CONUN_GUI_HELPER=1", "DISPLAY="+display, "CONUN_NODE="+nodes[0].URL(),
		"CONUN_GUI_JOB="+id, "CONUN_GUI_SHOWN="+shown, "HOME="+tmp, "XDG_RUNTIME_DIR="+tmp, "TMPDIR="+tmp,
		"LANG=en_US.UTF-8", "LIBGL_ALWAYS_SOFTWARE=1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})

	waitFor(t, 60*time.Second, exited, &logs, "the window shows the finished frame", func() bool {
		_, err := os.Stat(shown)
		return err == nil
	})
	// The marker is written when the frame is handed to the canvas; the
	// screen has it after the next paint, so look until it does.
	shot := filepath.Join(t.ArtifactDir(), "conun-gui.png")
	var found float64
	waitFor(t, 20*time.Second, exited, &logs, "the screenshot shows the frame", func() bool {
		img, err := screenshot(display, shot)
		if err != nil {
			t.Logf("screenshot: %v", err)
			return false
		}
		found = coloursFound(frame, img)
		return found >= 0.9
	})
	t.Logf("screenshot %s shows %.0f%% of the frame's colours", shot, 100*found)
	if dst := os.Getenv("CONUN_GUI_SCREENSHOT"); dst != "" {
		b, _ := os.ReadFile(shot)
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// startXvfb starts a virtual X server on a display it picks itself
// (-displayfd), so parallel runs do not collide, and stops it after the test.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	var logs bytes.Buffer
	x.Stderr = &logs
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() {
		x.Process.Signal(syscall.SIGTERM)
		x.Wait()
	})
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case n := <-got:
		if n == "" {
			t.Fatalf("Xvfb did not start: %s", logs.String())
		}
		return ":" + n
	case <-time.After(20 * time.Second):
		t.Fatalf("Xvfb did not report its display: %s", logs.String())
	}
	return ""
}

// waitFor polls cond until it holds, failing with the helper's log when the
// helper exits first or time runs out.
func waitFor(t *testing.T, limit time.Duration, exited <-chan error, logs *bytes.Buffer, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(limit)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case err := <-exited:
			t.Fatalf("the app exited (%v) before %s:\n%s", err, what, logs.String())
		case <-deadline:
			t.Fatalf("timed out waiting until %s; app log:\n%s", what, logs.String())
		case <-tick.C:
		}
	}
}

// screenshot saves the whole X screen to path and decodes it.
func screenshot(display, path string) (image.Image, error) {
	cmd := exec.Command("import", "-display", display, "-window", "root", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("import: %w: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("decode %s", path), err)
	}
	return img, nil
}

// coloursFound is the fraction of the frame's distinct colours that appear
// on the screen. The live view scales small frames up with nearest
// neighbour, so a shown frame brings all its colours along; the app's own
// widgets use a few theme colours, and a blank or wrong screen scores near 0.
func coloursFound(frame, screen image.Image) float64 {
	key := func(img image.Image, x, y int) [3]uint8 {
		r, g, b, _ := img.At(x, y).RGBA()
		return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
	}
	want := map[[3]uint8]bool{}
	fb := frame.Bounds()
	for y := fb.Min.Y; y < fb.Max.Y; y++ {
		for x := fb.Min.X; x < fb.Max.X; x++ {
			want[key(frame, x, y)] = true
		}
	}
	seen := map[[3]uint8]bool{}
	sb := screen.Bounds()
	for y := sb.Min.Y; y < sb.Max.Y; y++ {
		for x := sb.Min.X; x < sb.Max.X; x++ {
			if k := key(screen, x, y); want[k] {
				seen[k] = true
			}
		}
	}
	return float64(len(seen)) / float64(max(len(want), 1))
}
