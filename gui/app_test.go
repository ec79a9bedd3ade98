package gui

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/draw"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// uiThread stands in for Fyne's main goroutine: the app's background
// goroutines queue their UI updates with do, and the test runs them on its
// own goroutine while it waits, so widgets are only touched by one
// goroutine, as in the real app.
type uiThread struct {
	mu   sync.Mutex
	q    []func()
	wake chan struct{}
}

func newUIThread() *uiThread { return &uiThread{wake: make(chan struct{}, 1)} }

func (th *uiThread) do(f func()) {
	th.mu.Lock()
	th.q = append(th.q, f)
	th.mu.Unlock()
	select {
	case th.wake <- struct{}{}:
	default:
	}
}

// until runs queued UI work until cond holds, failing the test after 30 s.
func (th *uiThread) until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(30 * time.Second)
	defer deadline.Stop()
	for {
		th.mu.Lock()
		q := th.q
		th.q = nil
		th.mu.Unlock()
		for _, f := range q {
			f()
		}
		if cond() {
			return
		}
		if len(q) > 0 {
			continue
		}
		select {
		case <-th.wake:
		case <-deadline.C:
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

// newTestUI builds the app's window on Fyne's test driver, talking to url.
func newTestUI(t *testing.T, url string) (*ui, *uiThread) {
	t.Helper()
	a := test.NewTempApp(t)
	th := newUIThread()
	cfg := DefaultConfig()
	cfg.Node, cfg.OutDir, cfg.DataDir = url, t.TempDir(), filepath.Join(t.TempDir(), "node")
	cfg.StartNode = func(ctx context.Context, dataDir, join string) (LocalNode, error) {
		return farm.StartLocalNode(ctx, dataDir, join, farm.LocalRenderers{})
	}
	u := newUI(a, cfg, th.do)
	t.Cleanup(func() {
		if err := u.close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return u, th
}

// sceneFile writes a bundled scene to a temporary file, as an artist's file.
func sceneFile(t *testing.T, name string) string {
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

// typeInto replaces an entry's text the way a user does: select all, type.
func typeInto(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

// hasText reports whether a visible label showing s is under o. It walks
// the widgets' live renderers (test.LaidOutObjects builds fresh ones, which
// have no table cells or list rows).
func hasText(o fyne.CanvasObject, s string) bool {
	if !o.Visible() {
		return false
	}
	if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
		return true
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	case *fyne.Container:
		children = c.Objects
	}
	for _, child := range children {
		if hasText(child, s) {
			return true
		}
	}
	return false
}

func TestSubmitRendersAndShowsFrame(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	u, th := newTestUI(t, nodes[0].URL())
	v := u.newRender
	scene := sceneFile(t, "anim.glb")

	v.setScene(scene)
	th.until(t, "the scene's frame range is pre-filled and the members' release offered", func() bool {
		return v.form.SceneFrames != nil && v.release.Selected != AnyChoice
	})
	if got := v.entries[FieldFrames].Text; got != "1-24" {
		t.Fatalf("frames pre-filled with %q, want the scene's 1-24", got)
	}
	typeInto(v.entries[FieldFrames], "3-4")
	typeInto(v.entries[FieldResolution], "48x32")
	if got := v.entries[FieldTiles].Text; got != "2x2" {
		t.Errorf("tiles follow the resolution: got %q, want 2x2", got)
	}
	typeInto(v.entries[FieldSamples], "2")
	typeInto(v.entries[FieldSeed], "5")
	// No budget: these nodes settle on no chain, and refuse one (it
	// would pay nobody).
	v.trust.SetValue(5)
	test.Tap(v.render)

	th.until(t, "the job finishes in the live view", func() bool {
		return u.live.prog != nil && u.live.prog.State.Final() && len(u.live.full) == 2
	})
	p := u.live.prog
	if p.State != api.JobDone {
		t.Fatalf("job %s: %s", p.State, p.Message)
	}

	// The node got the job the form describes.
	c := api.NewClient(nodes[0].URL())
	st, err := c.Status(context.Background(), p.JobID)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(scene)
	sum := sha256.Sum256(data)
	want := api.JobSpec{Scene: hex.EncodeToString(sum[:]), SceneName: "anim.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 3, End: 4, Step: 1}, Resolution: tiler.Resolution{Width: 48, Height: 32},
		Samples: 2, Seed: 5, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8, VerifyRate: 0.25,
		RendererVersion: v.release.Selected, // the release the members run: the form's default
		FPS:             24}                 // anim.glb's own, for its flipbook
	if st.Spec != want {
		t.Errorf("node got spec\n%+v, want\n%+v", st.Spec, want)
	}

	// The events turned every tile done, on the nodes that rendered them.
	for i, tile := range p.Tiles {
		if !tile.Accepted() || !strings.HasPrefix(tile.Node, "node-") {
			t.Errorf("tile %d: %s on %q, want accepted (done or verified) on a node", i, tile.State, tile.Node)
		}
	}
	if !hasText(u.live.content, "tiles 8/8 done") || !hasText(u.live.content, "frame 4 assembled") {
		t.Errorf("live view does not show the counters and the log: %q", u.live.summary.Text)
	}

	// The live view shows the finished frame: its preview at the frame's
	// size is the node's assembled frame, pixel for pixel, and the window's
	// own capture shows that preview.
	var buf bytes.Buffer
	if err := c.Frame(context.Background(), p.JobID, 4, &buf); err != nil {
		t.Fatal(err)
	}
	frame, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	wantPix := image.NewNRGBA(frame.Bounds())
	draw.Draw(wantPix, wantPix.Bounds(), frame, image.Point{}, draw.Src)
	if got := u.live.draw(48, 32); !bytes.Equal(got.(*image.NRGBA).Pix, wantPix.Pix) {
		t.Error("the live view's preview of frame 4 differs from the node's frame")
	}
	assertPreviewCaptured(t, u)
	// The strip: "follow" and a cell per frame; picking frame 3 shows it.
	if n := len(u.live.strip.Objects); n != 3 || !u.live.stripBox.Visible() {
		t.Fatalf("frame strip has %d cells (visible %v), want 3", n, u.live.stripBox.Visible())
	}
	u.live.pick(3)
	th.until(t, "frame 3 is shown", func() bool { return u.live.full[3] != nil })
	if got := u.live.draw(48, 32); bytes.Equal(got.(*image.NRGBA).Pix, wantPix.Pix) {
		t.Error("picking frame 3 still shows frame 4")
	}
}

// assertPreviewCaptured checks that the window's capture shows the preview
// raster where it is laid out (not blank, not the background).
func assertPreviewCaptured(t *testing.T, u *ui) {
	t.Helper()
	img := u.win.Canvas().Capture()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.live.preview)
	size := u.live.preview.Size()
	scale := u.win.Canvas().Scale()
	r := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+size.Width)*scale), int((pos.Y+size.Height)*scale))
	if r.Empty() {
		t.Fatal("the preview is not laid out")
	}
	colours := map[[4]uint32]bool{}
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("the captured preview has %d colours: it does not show a rendered frame", len(colours))
	}
}

func TestValidationErrorsShowInline(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	u, th := newTestUI(t, nodes[0].URL())
	u.win.Resize(fyne.NewSize(1280, 800))
	v := u.newRender
	typeInto(v.entries[FieldScene], filepath.Join(t.TempDir(), "shot.obj"))
	typeInto(v.entries[FieldFrames], "5-1")
	typeInto(v.entries[FieldTiles], "0x3")
	typeInto(v.entries[FieldSamples], "many")

	// Reasons show as the fields are typed, before any submit.
	for field, want := range map[string]string{
		FieldScene:   `conun renders .blend, .gltf and .glb files, not ".obj"`,
		FieldFrames:  "frames 5-1: end is before start",
		FieldTiles:   "tiles 0x3: columns must be >= 1",
		FieldSamples: `samples "many": want a whole number`,
	} {
		l := v.errors[field]
		if !l.Visible() || !strings.Contains(l.Text, want) {
			t.Errorf("%s: error label %q (visible %v), want %q", field, l.Text, l.Visible(), want)
		}
		if !hasText(v.content, want) {
			t.Errorf("%s: %q is not laid out in the form", field, want)
		}
	}
	if v.errors[FieldResolution].Visible() {
		t.Errorf("resolution shows an error for a valid value: %q", v.errors[FieldResolution].Text)
	}

	test.Tap(v.render)
	th.until(t, "the refusal shows", func() bool { return strings.Contains(v.result.Text, "Fix the 4 field(s)") })
	jobs, err := api.NewClient(nodes[0].URL()).Jobs(context.Background())
	if err != nil || len(jobs) != 0 {
		t.Errorf("a rejected form reached the node: %v jobs, err %v", len(jobs), err)
	}

	// Fixing a field hides its error.
	typeInto(v.entries[FieldTiles], "2x2")
	if v.errors[FieldTiles].Visible() {
		t.Errorf("tiles still shows %q after a fix", v.errors[FieldTiles].Text)
	}
}

func TestListsShowNodeData(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) { c.Price, c.Sandboxed = tok(float64(i)), i == 1 })
	c := api.NewClient(nodes[0].URL())
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	spec := api.JobSpec{Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 32, Height: 24},
		Samples: 2, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8}
	id, err := c.Submit(ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Events(ctx, id, nil); err != nil {
		t.Fatal(err)
	}

	u, th := newTestUI(t, nodes[0].URL())
	u.tabs.SelectIndex(2) // Jobs: selecting loads it
	th.until(t, "the jobs list loads", func() bool { return len(u.jobs.jobs) == 1 })
	for _, want := range []string{id, "done", "cornell.glb", "32x24", "4/4", "free"} {
		if !hasText(u.jobs.content, want) {
			t.Errorf("jobs table does not show %q", want)
		}
	}

	// Actions on the selected job: fetch its frames, re-submit it.
	u.jobs.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(u.jobs.actions[1])
	th.until(t, "the frames are fetched", func() bool { return strings.HasPrefix(u.jobs.info.Text, "Fetched 1 frame") })
	if _, err := os.Stat(filepath.Join(u.cfg.OutDir, id, api.FrameName(1, api.FormatPNG))); err != nil {
		t.Errorf("fetched frame: %v", err)
	}
	if _, err := os.Stat(filepath.Join(u.cfg.OutDir, id, "contact-sheet.png")); err != nil || !strings.Contains(u.jobs.info.Text, "with contact-sheet.png") {
		t.Errorf("contact sheet: %v; info %q", err, u.jobs.info.Text)
	}
	// The flipbook as an MP4 too, where ffmpeg is installed.
	_, noFFmpeg := exec.LookPath("ffmpeg")
	_, err = os.Stat(filepath.Join(u.cfg.OutDir, id, flipbook.VideoName))
	switch {
	case noFFmpeg == nil && (err != nil || !strings.HasSuffix(u.jobs.info.Text, "and "+flipbook.VideoName)):
		t.Errorf("with ffmpeg: %s: %v; info %q", flipbook.VideoName, err, u.jobs.info.Text)
	case noFFmpeg != nil && (err == nil || !strings.HasSuffix(u.jobs.info.Text, "ffmpeg is not installed)")):
		t.Errorf("without ffmpeg: %s there (%v); info %q", flipbook.VideoName, err, u.jobs.info.Text)
	}
	test.Tap(u.jobs.actions[4])
	th.until(t, "the re-submitted job is listed", func() bool { return len(u.jobs.jobs) == 2 })
	if u.live.prog == nil || u.live.prog.JobID == id {
		t.Error("re-submit did not open the new job's live view")
	}

	u.tabs.SelectIndex(3) // Cluster
	th.until(t, "the cluster list loads", func() bool { return len(u.cluster.members) == 2 })
	for _, want := range []string{"node-1", "node-2", "pathtracer", "1 / tile", "yes (Docker)", nodes[1].GossipAddr()} {
		if !hasText(u.cluster.content, want) {
			t.Errorf("cluster table does not show %q", want)
		}
	}
	if hasText(u.cluster.content, "n/a") {
		t.Error(`cluster table still shows "n/a"`)
	}

	u.tabs.SelectIndex(4) // Wallet
	th.until(t, "the wallet finds the node's account", func() bool { return strings.Contains(u.wallet.account.Text, "0x") })
	for _, want := range []string{"Chain not connected", "conun node --chain URL"} {
		if !hasText(u.wallet.content, want) {
			t.Errorf("wallet does not say %q", want)
		}
	}
}

func TestHungNodeDoesNotBlockUI(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	u, _ := newTestUI(t, srv.URL)

	// Each of these must return at once and say it is waiting; were any to
	// call the node on the UI goroutine, the test would hang here.
	u.jobs.refresh()
	u.cluster.refresh()
	u.wallet.refresh()
	u.live.open("0123456789abcdef", nil, nil)
	v := u.newRender
	typeInto(v.entries[FieldScene], sceneFile(t, "cornell.glb"))
	test.Tap(v.render)
	for what, label := range map[string]*widget.Label{
		"jobs": u.jobs.info, "cluster": u.cluster.info, "live": u.live.summary, "submit": v.result,
	} {
		if !strings.Contains(label.Text, "…") {
			t.Errorf("%s shows %q, want a waiting message", what, label.Text)
		}
	}
}

func TestOffersLocalNode(t *testing.T) {
	// A port nothing listens on.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close()
	u, th := newTestUI(t, url)

	u.start()
	th.until(t, "the app offers a local node", func() bool { return u.startup != nil })
	if !strings.Contains(u.status.Text, "No node answers at "+url) {
		t.Errorf("status %q does not say no node answers", u.status.Text)
	}
	test.Tap(u.startup.start)
	th.until(t, "the local node starts or fails", func() bool {
		return u.local != nil || strings.HasPrefix(u.startup.result.Text, "Could not")
	})
	if u.local == nil {
		t.Fatal(u.startup.result.Text)
	}
	if !strings.Contains(u.status.Text, "Started a local node") || !strings.Contains(u.status.Text, "on its own") ||
		!strings.Contains(u.status.Text, u.cfg.DataDir) {
		t.Errorf("status %q does not say what the app did", u.status.Text)
	}
	if u.client.BaseURL != u.local.URL() {
		t.Errorf("client talks to %s, want the local node %s", u.client.BaseURL, u.local.URL())
	}
	u.tabs.SelectIndex(3)
	th.until(t, "the cluster view lists the local node", func() bool { return len(u.cluster.members) == 1 })
	if got := u.cluster.members[0].ID; !strings.Contains(got, "-gui-") {
		t.Errorf("local node is named %q", got)
	}
}
