package gui

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
)

var update = flag.Bool("update", false, "rewrite the README's pictures of the app, docs/app-*.png (make pictures)")

// readmePictures are the README's pictures of the app, under docs/, in the
// order the Xvfb test takes them.
var readmePictures = []string{"app-live.png", "app-frame.png", "app-jobs.png", "app-new-render.png"}

// shot is what the app said about its window when it captured a picture:
// the capture's size, what its widgets showed, and where the form's fields
// are in the picture's pixels, so the test can check the picture itself.
type shot struct {
	Width, Height int
	// Texts holds what the screen's labels said, by name.
	Texts map[string]string
	// Counts holds the live view's tile counts (done, rendering, checking).
	Counts map[string]int
	// Fields are the new-render form's entries in the picture, by label.
	Fields map[string]image.Rectangle
}

// TestXvfbPictures runs the real app (GLFW, OpenGL through Mesa) on a
// virtual X server, with a session D-Bus whose notification service is the
// test's, against an in-process cluster. It drives the app through a job
// from the bundled Cornell box and, at each of the README's pictures (the
// live view mid-job with tiles done, rendering and being checked; the
// finished frame; the jobs list; the new-render form filled from the scene
// with its estimate), captures the app's window as the X server shows it.
// It checks each picture (the window's size, not blank, the form's fields
// painted where the form has them, the frame's own colours on screen),
// that the job's end raised a desktop notification, and that the app
// printed nothing on its way (no locale or Fyne error). With -update (make
// pictures) it writes the pictures to docs/; otherwise it checks the
// committed ones are there at the window's size.
//
// The pictures come from the X server (ImageMagick's import of the window)
// and not from Fyne's Canvas.Capture: on the glfw driver that reads the GL
// front buffer, which Mesa's software GL on Xvfb leaves empty (every pixel
// 0), while the X server has what a user would see.
func TestXvfbPictures(t *testing.T) {
	needXvfb(t, "Xvfb", "import", "dbus-daemon")
	display := startXvfb(t)
	bus, notes := startSessionBus(t)

	// Two gates, one per node, so that the picture is mid-job for sure:
	// node-2 renders two tiles and stops; node-1, the coordinator, one,
	// and then holds the rest, the spot checks of node-2's tiles included
	// (a new node's every tile is checked), until the picture is taken.
	gates := []*farmtest.Gate{farmtest.NewGate(), farmtest.NewGate()}
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{gates[i].Renderer(farmtest.Renderers()[0])}
		c.Price = tok(0.25 * float64(i+1)) // so the estimate has a cost to show
	})
	gates[0].Allow(1)
	gates[1].Allow(2)

	tmp := t.TempDir()
	pics := filepath.Join(tmp, "pictures")
	if err := os.Mkdir(pics, 0o755); err != nil {
		t.Fatal(err)
	}
	// The scene's path shows in the form: a short one, as an artist's.
	sceneDir, err := os.MkdirTemp("", "renders")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sceneDir) })
	data, _ := scenes.Bytes("cornell.glb")
	scene := filepath.Join(sceneDir, "cornell.glb")
	if err := os.WriteFile(scene, data, 0o644); err != nil {
		t.Fatal(err)
	}
	app := startHelper(t, display, tmp, "LANG=C.UTF-8", "CONUN_GUI_HELPER=pictures", "DBUS_SESSION_BUS_ADDRESS="+bus,
		"CONUN_NODE="+nodes[0].URL(), "CONUN_GUI_PICTURES="+pics, "CONUN_GUI_SCENE="+scene)

	shots := map[string]shot{}
	imgs := map[string]image.Image{}
	for _, name := range readmePictures {
		imgs[name], shots[name] = app.picture(t, display, pics, name)
		if name == "app-live.png" {
			gates[0].Open()
			gates[1].Open()
		}
	}
	if err := app.wait(2 * time.Minute); err != nil {
		t.Fatalf("the app: %v\n%s", err, app.logs.String())
	}
	if out := withoutPrefsRace(app.logs.String()); strings.TrimSpace(out) != "" {
		t.Errorf("the app printed on its way (want nothing; a locale or Fyne error shows here):\n%s", out)
	}

	for _, name := range readmePictures {
		checkPicture(t, name, imgs[name], shots[name])
	}
	live := shots["app-live.png"].Counts
	if live["done"] < 1 || live["rendering"] < 1 || live["checking"] < 1 || live["done"] >= live["total"] {
		t.Errorf("app-live.png is not mid-job with tiles done, rendering and being checked: %v", live)
	}
	job := shots["app-frame.png"].Texts["job"]
	var frame bytes.Buffer
	if err := api.NewClient(nodes[0].URL()).Frame(context.Background(), job, 1, &frame); err != nil {
		t.Fatal(err)
	}
	f, err := png.Decode(&frame)
	if err != nil {
		t.Fatal(err)
	}
	if found := coloursFound(f, imgs["app-frame.png"]); found < 0.9 {
		t.Errorf("app-frame.png shows %.0f%% of the frame's colours, want 90%%: the frame is not on screen", 100*found)
	}
	if j := shots["app-jobs.png"].Texts; !strings.Contains(j["rows"], job) || !strings.Contains(j["rows"], string(api.JobDone)) {
		t.Errorf("app-jobs.png: the list does not show the finished job %s: %q", job, j["rows"])
	}
	if e := shots["app-new-render.png"].Texts["estimate"]; !strings.HasPrefix(e, "Estimate: ") {
		t.Errorf("app-new-render.png: no estimate under the form: %q", e)
	}
	if got := notes.all(); len(got) != 1 || !strings.Contains(got[0], "cornell.glb") {
		t.Errorf("desktop notifications: %q, want one for the job's end", got)
	}

	docs := filepath.Join("..", "docs")
	for _, name := range readmePictures {
		path := filepath.Join(docs, name)
		if *update {
			b, err := os.ReadFile(filepath.Join(pics, name))
			if err == nil {
				err = os.WriteFile(path, b, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			t.Errorf("%v: make pictures writes it", err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if b := imgs[name].Bounds(); err != nil || cfg.Width != b.Dx() || cfg.Height != b.Dy() {
			t.Errorf("%s: %dx%d (%v), the window is %dx%d now: make pictures draws it again", path, cfg.Width, cfg.Height, err, b.Dx(), b.Dy())
		}
	}
}

// TestXvfbNoLocaleError starts the real window under each locale a
// machine may leave set (none, the C locale with and without a codeset)
// and checks the app says nothing on stderr, where Fyne writes its locale
// errors, by the time the X server shows its first screen.
func TestXvfbNoLocaleError(t *testing.T) {
	needXvfb(t, "Xvfb", "import")
	display := startXvfb(t)
	nodes := farmtest.Start(t, 1, nil)
	for _, lang := range []string{"", "C", "C.UTF-8", "POSIX", "en_US.UTF-8"} {
		t.Run("LANG="+lang, func(t *testing.T) {
			tmp := t.TempDir()
			env := []string{"CONUN_GUI_HELPER=start", "CONUN_NODE=" + nodes[0].URL(), "CONUN_GUI_PICTURES=" + tmp}
			if lang != "" {
				env = append(env, "LANG="+lang)
			}
			app := startHelper(t, display, tmp, env...)
			img, s := app.picture(t, display, tmp, "start.png")
			checkPicture(t, "start.png", img, s)
			if err := app.wait(time.Minute); err != nil {
				t.Fatalf("the app: %v\n%s", err, app.logs.String())
			}
			if out := withoutPrefsRace(app.logs.String()); strings.TrimSpace(out) != "" {
				t.Errorf("LANG=%q: the app printed:\n%s", lang, out)
			}
		})
	}
}

// needXvfb skips the test, saying why, unless this build has a window and
// the tools are on PATH.
func needXvfb(t *testing.T, tools ...string) {
	t.Helper()
	if os.Getenv("CONUN_GUI_XVFB") == "0" {
		t.Skip("NOT TESTED: the real window, CONUN_GUI_XVFB=0")
	}
	if testing.Short() {
		t.Skip("NOT TESTED: -short: needs Xvfb and a window")
	}
	if !haveWindow {
		t.Skip("NOT TESTED: built without cgo: no window to test")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := fmt.Sprintf("NOT TESTED: the real window: needs %s on PATH (make deps installs it)", tool)
			fmt.Fprintln(os.Stderr, "SKIP "+t.Name()+": "+msg)
			t.Skip(msg)
		}
	}
}

// helper is the real app in a process of its own: this test binary,
// started as the helper (TestMain).
type helper struct {
	cmd    *exec.Cmd
	logs   *syncBuffer
	exited chan error
	err    error
	done   bool
}

// startHelper starts the app on display with a clean environment (HOME and
// the temporary folders under tmp, software GL) plus env, and stops it
// when the test ends.
func startHelper(t *testing.T, display, tmp string, env ...string) *helper {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "DISPLAY=" + display, "HOME=" + tmp,
		"XDG_RUNTIME_DIR=" + tmp, "TMPDIR=" + tmp, "LIBGL_ALWAYS_SOFTWARE=1",
		// The pictures should not depend on the machine's screen or taste.
		"FYNE_SCALE=1", "FYNE_THEME=dark"}, env...)
	h := &helper{cmd: cmd, logs: &syncBuffer{}, exited: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = h.logs, h.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { h.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if h.done {
			return
		}
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-h.exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-h.exited
		}
	})
	return h
}

// wait waits for the app to exit and returns how it did.
func (h *helper) wait(limit time.Duration) error {
	if h.done {
		return h.err
	}
	select {
	case h.err = <-h.exited:
		h.done = true
		return h.err
	case <-time.After(limit):
		return fmt.Errorf("still running after %s", limit)
	}
}

// waitFor polls cond until it holds, failing with the app's log when it
// exits first or time runs out.
func (h *helper) waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.After(limit)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case err := <-h.exited:
			h.done, h.err = true, err
			t.Fatalf("the app exited (%v) before %s:\n%s", err, what, h.logs.String())
		case <-deadline:
			t.Fatalf("timed out waiting until %s; app log:\n%s", what, h.logs.String())
		case <-tick.C:
		}
	}
}

// picture waits until the app says it shows what name pictures (name.json
// in dir), captures its window from the X server once two captures agree
// (the last change painted), writes it to dir/name and tells the app to
// go on (name.ack).
func (h *helper) picture(t *testing.T, display, dir, name string) (image.Image, shot) {
	t.Helper()
	path := filepath.Join(dir, name)
	var js []byte
	h.waitFor(t, 4*time.Minute, "the app shows "+name, func() bool {
		var err error
		js, err = os.ReadFile(path + ".json")
		return err == nil
	})
	var s shot
	if err := json.Unmarshal(js, &s); err != nil {
		t.Fatalf("%s: what the app said about it: %v", name, err)
	}
	var img image.Image
	var last []byte
	h.waitFor(t, time.Minute, "the window's picture settles for "+name, func() bool {
		b, err := captureWindow(display, "conun")
		if err != nil {
			t.Logf("capture %s: %v", name, err)
			return false
		}
		settled := bytes.Equal(b, last)
		last = b
		if !settled {
			return false
		}
		if img, err = png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatalf("capture %s: %v", name, err)
		}
		return true
	})
	if err := os.WriteFile(path, last, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".ack", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return img, s
}

// captureWindow is the X window titled title as the X server shows it, as
// PNG.
func captureWindow(display, title string) ([]byte, error) {
	var out, errs bytes.Buffer
	cmd := exec.Command("import", "-display", display, "-window", title, "png:-")
	cmd.Stdout, cmd.Stderr = &out, &errs
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("import: %w: %s", err, errs.String())
	}
	return out.Bytes(), nil
}

// checkPicture checks what every picture must be: the window's size, not
// blank, and for the form its fields painted where the form has them.
func checkPicture(t *testing.T, name string, img image.Image, s shot) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != s.Width || b.Dy() != s.Height || b.Dx() < 800 || b.Dy() < 600 {
		t.Errorf("%s: %dx%d, the window said %dx%d: want the whole window, at least 800x600", name, b.Dx(), b.Dy(), s.Width, s.Height)
	}
	hist := histogram(img, b)
	bg, share := dominant(hist)
	if len(hist) < 32 || share > 0.9 {
		t.Errorf("%s is blank: %d colours, %.0f%% of it %v", name, len(hist), 100*share, bg)
	}
	if name != "app-new-render.png" {
		return
	}
	// Each field is drawn as an input box: mostly one colour that is not
	// the window's background. A form that was not painted, or painted
	// elsewhere, fails this.
	want := []string{"Frames", "Resolution", "Samples", "Seed", "Tile grid", "Budget"}
	for _, label := range want {
		r, ok := s.Fields[label]
		if !ok || !r.In(b) || r.Dx() < 50 || r.Dy() < 10 {
			t.Errorf("%s: the %s field is not on the picture (%v)", name, label, r)
			continue
		}
		fill, share := dominant(histogram(img, r.Inset(2)))
		if fill == bg || share < 0.5 {
			t.Errorf("%s: the %s field at %v is not drawn as a field: %.0f%% %v, the window's background is %v", name, label, r, 100*share, fill, bg)
		}
	}
}

// histogram counts the colours of img within r.
func histogram(img image.Image, r image.Rectangle) map[color.RGBA]int {
	hist := map[color.RGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			hist[c]++
		}
	}
	return hist
}

// dominant is a histogram's most common colour and its share.
func dominant(hist map[color.RGBA]int) (color.RGBA, float64) {
	var best color.RGBA
	n, total := 0, 0
	for c, k := range hist {
		total += k
		if k > n {
			best, n = c, k
		}
	}
	return best, float64(n) / float64(max(total, 1))
}

// syncBuffer is a bytes.Buffer the helper's output is copied into while
// the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// withoutPrefsRace drops Fyne's "Preferences load error" report (with its
// Cause and At lines) from out: Fyne reloads its preferences file when it
// changes and can read it half written (EOF), in CI runs under
// LANG=POSIX and while taking the README's pictures; it is Fyne's own file, not a locale error, and the app goes
// on with the preferences it had.
func withoutPrefsRace(out string) string {
	var kept []string
	skip := 0
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.Contains(l, "Fyne error:  Preferences load error"):
			skip = 2
			continue
		case skip > 0 && (strings.Contains(l, "  Cause:") || strings.Contains(l, "  At:")):
			skip--
			continue
		}
		skip = 0
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// TestWithoutPrefsRace: only Fyne's preferences report goes; anything
// else the app printed, a locale error included, stays.
func TestWithoutPrefsRace(t *testing.T) {
	prefs := "2026/12/05 08:57:32 Fyne error:  Preferences load error:\n2026/12/05 08:57:32   Cause: EOF\n2026/12/05 08:57:32   At: /x/app/preferences.go:103\n"
	locale := "2026/12/05 08:57:32 Fyne error:  Error parsing user locale C\n"
	for _, tc := range []struct{ in, want string }{
		{prefs, ""},
		{prefs + locale, locale},
		{locale + prefs, locale},
	} {
		if got := strings.TrimSpace(withoutPrefsRace(tc.in)); got != strings.TrimSpace(tc.want) {
			t.Errorf("withoutPrefsRace(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
