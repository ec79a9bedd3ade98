package gui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
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
// virtual X server against an in-process cluster, drives it through a job
// from the bundled Cornell box and captures its window from the GL
// framebuffer (the glfw driver's Canvas.Capture reads the front buffer)
// at each of the README's pictures: the live view mid-job (tiles done,
// rendering and being checked), the finished frame, the jobs list, and
// the new-render form filled from the scene with its estimate. It checks
// each picture (its size, that it is not blank, that the X server shows
// the same pixels, the form's fields painted where the form has them, the
// frame's own colours on screen) and that the app printed no error on its
// way, locale errors included; with -update (make pictures) it writes them
// to docs/, else it checks the committed ones are there at the same size.
func TestXvfbPictures(t *testing.T) {
	needXvfb(t, "Xvfb")
	display := startXvfb(t)

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
	app := startHelper(t, display, tmp, "LANG=C.UTF-8", "CONUN_GUI_HELPER=pictures",
		"CONUN_NODE="+nodes[0].URL(), "CONUN_GUI_PICTURES="+pics, "CONUN_GUI_SCENE="+sceneFile(t, "cornell.glb"))

	shots := map[string]shot{}
	imgs := map[string]image.Image{}
	for _, name := range readmePictures {
		app.waitFor(t, 4*time.Minute, "the app captures "+name, func() bool {
			_, err := os.Stat(filepath.Join(pics, name))
			return err == nil
		})
		img, s := readShot(t, pics, name)
		imgs[name], shots[name] = img, s
		if _, err := exec.LookPath("import"); err == nil {
			// The app waits for this answer before it moves on, so the
			// X server still shows what it captured.
			screen, err := screenshot(display, filepath.Join(tmp, "screen-"+name))
			if err != nil {
				t.Fatal(err)
			}
			if same := sameFraction(img, screen); same < 0.98 {
				t.Errorf("%s: only %.1f%% of its pixels are what the X server shows: the capture is not the window", name, 100*same)
			}
		} else {
			t.Logf("NOT TESTED: %s against the X server's pixels: needs ImageMagick's import (make deps installs it)", name)
		}
		if name == "app-live.png" {
			gates[0].Open()
			gates[1].Open()
		}
		if err := os.WriteFile(filepath.Join(pics, name+".ack"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.wait(2 * time.Minute); err != nil {
		t.Fatalf("the app: %v\n%s", err, app.logs.String())
	}
	if out := app.logs.String(); strings.TrimSpace(out) != "" {
		t.Errorf("the app printed on its way (want nothing; a locale or Fyne error shows here):\n%s", out)
	}

	for _, name := range readmePictures {
		checkPicture(t, name, imgs[name], shots[name])
	}
	live := shots["app-live.png"].Counts
	if live["done"] < 1 || live["rendering"] < 1 || live["checking"] < 1 || live["done"] >= live["total"] {
		t.Errorf("app-live.png is not mid-job with tiles done, rendering and being checked: %v", live)
	}
	var frame bytes.Buffer
	if err := api.NewClient(nodes[0].URL()).Frame(context.Background(), shots["app-frame.png"].Texts["job"], 1, &frame); err != nil {
		t.Fatal(err)
	}
	f, err := png.Decode(&frame)
	if err != nil {
		t.Fatal(err)
	}
	if found := coloursFound(f, imgs["app-frame.png"]); found < 0.9 {
		t.Errorf("app-frame.png shows %.0f%% of the frame's colours, want 90%%: the frame is not on screen", 100*found)
	}
	if j := shots["app-jobs.png"].Texts; !strings.Contains(j["rows"], shots["app-frame.png"].Texts["job"]) || !strings.Contains(j["rows"], string(api.JobDone)) {
		t.Errorf("app-jobs.png: the list does not show the finished job: %q", j["rows"])
	}
	if e := shots["app-new-render.png"].Texts["estimate"]; !strings.HasPrefix(e, "Estimate: ") {
		t.Errorf("app-new-render.png: no estimate under the form: %q", e)
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
// errors, before it has drawn its first screen.
func TestXvfbNoLocaleError(t *testing.T) {
	needXvfb(t, "Xvfb")
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
			if err := app.wait(time.Minute); err != nil {
				t.Fatalf("the app: %v\n%s", err, app.logs.String())
			}
			if out := app.logs.String(); strings.TrimSpace(out) != "" {
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
		if h.wait(10*time.Second) != nil {
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

// readShot reads a picture the app captured and what it said about it.
func readShot(t *testing.T, dir, name string) (image.Image, shot) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var s shot
	js, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err == nil {
		err = json.Unmarshal(js, &s)
	}
	if err != nil {
		t.Fatalf("%s: what the app said about it: %v", name, err)
	}
	return img, s
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

// sameFraction is the share of a's pixels that b has at the same place
// (within a small tolerance for the colour conversions on the way).
func sameFraction(a, b image.Image) float64 {
	r := a.Bounds().Intersect(b.Bounds())
	same := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ca := color.RGBAModel.Convert(a.At(x, y)).(color.RGBA)
			cb := color.RGBAModel.Convert(b.At(x, y)).(color.RGBA)
			if near(ca.R, cb.R) && near(ca.G, cb.G) && near(ca.B, cb.B) {
				same++
			}
		}
	}
	return float64(same) / float64(max(a.Bounds().Dx()*a.Bounds().Dy(), 1))
}

func near(a, b uint8) bool { return max(a, b)-min(a, b) <= 2 }

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

// helperPictures is the app side of TestXvfbPictures and
// TestXvfbNoLocaleError: the real window, driven from a goroutine of its
// own through fyne.DoAndWait as a user's clicks would reach it, capturing
// pictures into CONUN_GUI_PICTURES. "start" captures the first screen
// once it is connected and quits.
func helperPictures(mode string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg := DefaultConfig()
	cfg.Node = os.Getenv("CONUN_NODE")
	cfg.OutDir, cfg.DataDir = filepath.Join(os.TempDir(), "out"), filepath.Join(os.TempDir(), "node")
	d := &driver{dir: os.Getenv("CONUN_GUI_PICTURES"), failed: make(chan error, 1)}
	err := run(ctx, cfg, func(u *ui) {
		d.u = u
		go func() {
			var err error
			if mode == "start" {
				err = d.start()
			} else {
				err = d.pictures(os.Getenv("CONUN_GUI_SCENE"))
			}
			d.failed <- err
			fyne.Do(u.app.Quit)
		}()
	})
	if err == nil {
		// The driver answers before it closes the window, so a window
		// closed without an answer was closed by someone else.
		select {
		case err = <-d.failed:
		default:
			err = errors.New("the window closed before the driver finished")
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper app:", err)
		return 1
	}
	return 0
}

// driver drives the real app's window from outside its UI goroutine.
type driver struct {
	u      *ui
	dir    string
	failed chan error
}

// on runs f on the UI goroutine and waits for it.
func (d *driver) on(f func()) { fyne.DoAndWait(f) }

// until polls cond on the UI goroutine until it holds.
func (d *driver) until(what string, limit time.Duration, cond func() bool) error {
	deadline := time.Now().Add(limit)
	for {
		var ok bool
		d.on(func() { ok = cond() })
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("timed out after %s waiting until %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond) // a poll, not a synchronisation: cond decides
	}
}

// start waits until the app has connected and its first screen is on the
// framebuffer.
func (d *driver) start() error {
	if err := d.until("the app is connected", 30*time.Second, func() bool {
		return strings.HasPrefix(d.u.status.Text, "Connected")
	}); err != nil {
		return err
	}
	_, err := d.settled()
	return err
}

// pictures drives a job from scene through the app and captures the
// README's pictures, in readmePictures' order.
func (d *driver) pictures(scene string) error {
	u, v := d.u, d.u.newRender
	if err := d.until("the app is connected", 30*time.Second, func() bool {
		return strings.HasPrefix(u.status.Text, "Connected")
	}); err != nil {
		return err
	}
	d.on(func() { v.setScene(scene) })
	if err := d.until("the scene's settings are read", time.Minute, func() bool {
		return strings.Contains(v.sceneInfo.Text, "read from the scene")
	}); err != nil {
		return err
	}
	d.on(func() {
		v.entries[FieldResolution].SetText("320x240")
		v.entries[FieldSamples].SetText("16")
		v.render.OnTapped()
	})

	// Mid-job: the test's gates hold the rest of the tiles and the checks.
	var counts map[string]int
	if err := d.until("the live view is mid-job with tiles done, rendering and being checked", 2*time.Minute, func() bool {
		p := u.live.prog
		if p == nil {
			return false
		}
		counts = map[string]int{"done": p.Done, "total": p.Total,
			"rendering": p.Count(TileRendering), "checking": p.Count(TileChecking)}
		return u.tabs.Selected().Content == u.live.content && p.Done >= 2 && counts["rendering"] >= 1 && counts["checking"] >= 1
	}); err != nil {
		return fmt.Errorf("%w (last: %v)", err, counts)
	}
	if err := d.capture("app-live.png", shot{Counts: counts}); err != nil {
		return err
	}

	var job string
	if err := d.until("the job's frame is shown", 2*time.Minute, func() bool {
		job = u.live.prog.JobID
		return u.live.prog.State.Final() && u.live.full[1] != nil
	}); err != nil {
		return err
	}
	if err := d.capture("app-frame.png", shot{Texts: map[string]string{"job": job}}); err != nil {
		return err
	}

	d.on(func() { u.tabs.Select(u.tabs.Items[2]) })
	var rows string
	if err := d.until("the jobs list shows the finished job", time.Minute, func() bool {
		if u.jobs.loading || len(u.jobs.jobs) != 1 || !u.jobs.jobs[0].State.Final() {
			return false
		}
		rows = strings.Join(jobRow(u.jobs.jobs[0], u.jobs.cost(u.jobs.jobs[0])), " | ")
		return true
	}); err != nil {
		return err
	}
	if err := d.capture("app-jobs.png", shot{Texts: map[string]string{"rows": rows}}); err != nil {
		return err
	}

	d.on(func() {
		u.showNewRender()
		v.estimateButton.OnTapped()
	})
	var estimate string
	if err := d.until("the estimate is shown", 2*time.Minute, func() bool {
		estimate = v.estimateText.Text
		return v.lastEstimate != nil
	}); err != nil {
		return err
	}
	d.on(func() { v.content.(*container.Scroll).ScrollToBottom() }) // the estimate is under the form
	fields := map[string]image.Rectangle{}
	d.on(func() {
		c := u.win.Canvas()
		for _, it := range []struct{ field, label string }{
			{FieldFrames, "Frames"}, {FieldResolution, "Resolution"}, {FieldSamples, "Samples"},
			{FieldSeed, "Seed"}, {FieldTiles, "Tile grid"}, {FieldBudget, "Budget"},
		} {
			e := v.entries[it.field]
			pos := u.app.Driver().AbsolutePositionForObject(e)
			x0, y0 := c.PixelCoordinateForPosition(pos)
			x1, y1 := c.PixelCoordinateForPosition(pos.Add(e.Size()))
			fields[it.label] = image.Rect(x0, y0, x1, y1)
		}
	})
	return d.capture("app-new-render.png", shot{Texts: map[string]string{"estimate": estimate}, Fields: fields})
}

// settled captures the window until two captures a few frames apart agree,
// so the picture is what the screen shows once the last change is painted.
func (d *driver) settled() (*image.RGBA, error) {
	var last *image.RGBA
	for range 50 {
		var img image.Image
		d.on(func() { img = d.u.win.Canvas().Capture() })
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		if last != nil && rgba.Bounds() == last.Bounds() && bytes.Equal(rgba.Pix, last.Pix) && !rgba.Bounds().Empty() {
			return rgba, nil
		}
		last = rgba
		time.Sleep(100 * time.Millisecond) // a few frames at Fyne's 60 Hz
	}
	return nil, errors.New("the window's picture did not settle in 5 s")
}

// capture writes the window's picture and what the app says about it as
// name, then waits until the test has looked at the screen (name.ack).
func (d *driver) capture(name string, s shot) error {
	img, err := d.settled()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	s.Width, s.Height = img.Bounds().Dx(), img.Bounds().Dy()
	js, err := json.Marshal(s)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	path := filepath.Join(d.dir, name)
	if err := os.WriteFile(path+".json", js, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(path+".tmp", buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		return err
	}
	deadline := time.Now().Add(time.Minute)
	for {
		if _, err := os.Stat(path + ".ack"); err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the test did not look at %s in a minute", name)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
