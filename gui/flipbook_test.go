package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/tiler"
)

// stepClock is a player's clock in a test: each tick is one the test sends.
type stepClock struct {
	ch      chan time.Time
	mu      sync.Mutex
	every   []time.Duration // the periods asked for, one per Play
	stopped int             // how many times it was stopped
}

func newStepClock() *stepClock { return &stepClock{ch: make(chan time.Time)} }

func (c *stepClock) ticker(d time.Duration) (<-chan time.Time, func()) {
	c.mu.Lock()
	c.every = append(c.every, d)
	c.mu.Unlock()
	return c.ch, func() {
		c.mu.Lock()
		c.stopped++
		c.mu.Unlock()
	}
}

// tick sends one tick to the playing player, failing if none takes it.
func (c *stepClock) tick(t testing.TB) {
	t.Helper()
	select {
	case c.ch <- time.Now():
	case <-time.After(30 * time.Second):
		t.Fatal("the player's clock is not read: not playing?")
	}
}

// frameColour is the solid colour of frame n in the in-memory job.
func frameColour(n int) color.NRGBA {
	return color.NRGBA{uint8(40 + 10*n), uint8(250 - 10*n), uint8(n * 7), 255}
}

// memFrames serves solid w x h frames of frameColour, counting the loads.
func memFrames(w, h int, loads *atomic.Int64) frameLoader {
	return func(ctx context.Context, n int) (image.Image, error) {
		loads.Add(1)
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for i := 0; i < len(img.Pix); i += 4 {
			c := frameColour(n)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
		return img, nil
	}
}

// shownColour is the colour at the centre of the frame the player shows.
func shownColour(p *player) (color.NRGBA, bool) {
	img := p.image.Image
	if img == nil {
		return color.NRGBA{}, false
	}
	b := img.Bounds()
	return color.NRGBAModel.Convert(img.At(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/2)).(color.NRGBA), true
}

// showing reports whether p shows frame number n: its label and its pixels.
func showing(p *player, n int) bool {
	c, ok := shownColour(p)
	return ok && c == frameColour(n) && strings.HasPrefix(p.label.Text, fmt.Sprintf("Frame %d (", n))
}

// TestFlipbookPlayer: the player shows the first frame, plays the frames
// in order at the job's rate, a tick at a time, looping back to the
// first; pause stops its clock and a late tick moves nothing; the slider
// jumps to a frame; and the cache never holds more than its size.
func TestFlipbookPlayer(t *testing.T) {
	test.NewTempApp(t)
	th := newUIThread()
	var loads atomic.Int64
	frames := []int{10, 11, 12, 13, 14}
	clock := newStepClock()
	const size = 3
	p := newPlayer(t.Context(), th.do, memFrames(8, 6, &loads), frames, playerConfig{FPS: 12, Cache: size, Decoders: 2, Ticker: clock.ticker})
	defer p.close()
	bounded := func() {
		t.Helper()
		if held, _, _ := p.cache.stats(); held > size {
			t.Fatalf("the cache holds %d frames, more than its %d", held, size)
		}
	}

	th.until(t, "the first frame shows", func() bool { return showing(p, 10) })
	test.Tap(p.play)
	if p.play.Text != "Pause" || len(clock.every) != 1 || clock.every[0] != time.Second/12 {
		t.Fatalf("after Play: button %q, clock periods %v; want Pause, one clock at 1/12 s", p.play.Text, clock.every)
	}
	for step, want := range []int{11, 12, 13, 14, 10, 11} { // loops
		clock.tick(t)
		th.until(t, fmt.Sprintf("step %d shows frame %d", step+1, want), func() bool { return showing(p, want) })
		if p.slider.Value != float64(p.pos) || frames[p.pos] != want {
			t.Fatalf("step %d: slider at %v, position %d; want both at frame %d", step+1, p.slider.Value, p.pos, want)
		}
		bounded()
	}

	test.Tap(p.play)
	if p.play.Text != "Play" || clock.stopped != 1 {
		t.Fatalf("after Pause: button %q, clock stopped %d times; want Play, stopped once", p.play.Text, clock.stopped)
	}
	th.do(p.tick) // a tick that was queued before the pause
	th.until(t, "the late tick ran", func() bool { return true })
	if !showing(p, 11) {
		t.Fatalf("paused at frame 11, a late tick moved it: %q", p.label.Text)
	}

	p.slider.SetValue(3) // as a drag does
	th.until(t, "the slider jumps to frame 13", func() bool { return showing(p, 13) })
	bounded()
	if p.playing {
		t.Fatal("a jump while paused started playing")
	}
}

// TestFlipbookCacheBounded: a long job of frames bigger than the player
// keeps only the cache's few frames decoded, each fitted to playerSide:
// paused, the decoder reads the cache's worth ahead and stops; played
// through once, it has decoded each frame once, plus what it read ahead.
func TestFlipbookCacheBounded(t *testing.T) {
	test.NewTempApp(t)
	th := newUIThread()
	var loads atomic.Int64
	const n, size = 16, 4
	frames := make([]int, n)
	for i := range frames {
		frames[i] = i + 1
	}
	clock := newStepClock()
	p := newPlayer(t.Context(), th.do, memFrames(playerSide+60, playerSide/2, &loads), frames, playerConfig{Cache: size, Decoders: 3, Ticker: clock.ticker})
	defer p.close()

	th.until(t, "the decoder fills the cache and stops", func() bool {
		held, _, idle := p.cache.stats()
		return held == size && idle && showing(p, 1)
	})
	if got := loads.Load(); got != size {
		t.Fatalf("paused at the first frame, %d frames were read; want the cache's %d", got, size)
	}
	if b := p.image.Image.Bounds(); b.Dx() > playerSide || b.Dy() > playerSide {
		t.Fatalf("a frame is kept at %v, not fitted within %d pixels", b, playerSide)
	}

	test.Tap(p.play)
	for i := 1; i < n; i++ {
		clock.tick(t)
		th.until(t, fmt.Sprintf("frame %d shows", i+1), func() bool { return showing(p, i+1) })
		if held, _, _ := p.cache.stats(); held > size {
			t.Fatalf("at frame %d the cache holds %d frames, more than its %d", i+1, held, size)
		}
	}
	test.Tap(p.play)
	th.until(t, "the decoder is idle", func() bool { _, _, idle := p.cache.stats(); return idle })
	if got, most := loads.Load(), int64(n+size); got > most {
		t.Fatalf("played %d frames once: %d reads, want at most %d (each once, plus the read-ahead)", n, got, most)
	}
}

// TestFlipbookFinishedJob: a finished job selected in the jobs list plays
// its own frames, as the node serves them, beside the list: each step
// shows the next frame's pixels.
func TestFlipbookFinishedJob(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName, s.Frames, s.Tiles = "anim.glb", tiler.Frames{Start: 1, End: 3, Step: 1}, tiler.Grid{Cols: 1, Rows: 1}
		s.Resolution, s.FPS = tiler.Resolution{Width: 24, Height: 16}, 8
	})
	farmtest.WaitDone(t, c, id)
	served := servedFrames(t, c, id, 3)

	u, th := newTestUI(t, nodes[0].URL())
	v := u.jobs
	clock := newStepClock()
	v.ticker = clock.ticker
	v.refresh()
	th.until(t, "the job is listed done", func() bool { return len(v.jobs) == 1 && v.jobs[0].State == api.JobDone })
	v.table.Select(widget.TableCellID{Row: 0, Col: 0})
	plays := func(f int) func() bool {
		return func() bool {
			p := v.player
			return p != nil && v.playerBox.Visible() && p.shown && p.frames[p.pos] == f && sameImage(p.image.Image, served[f])
		}
	}
	th.until(t, "the player shows frame 1", plays(1))
	test.Tap(v.player.play)
	if clock.every[0] != time.Second/8 {
		t.Fatalf("plays at %v a frame, want the job's 8 fps", clock.every[0])
	}
	for _, f := range []int{2, 3, 1} {
		clock.tick(t)
		th.until(t, fmt.Sprintf("the player shows frame %d's pixels", f), plays(f))
	}
}

// sameImage reports whether a and b have the same size and pixels.
func sameImage(a, b image.Image) bool {
	if a == nil || b == nil || a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	ab, bb := a.Bounds(), b.Bounds()
	for y := range ab.Dy() {
		for x := range ab.Dx() {
			if color.NRGBAModel.Convert(a.At(ab.Min.X+x, ab.Min.Y+y)) != color.NRGBAModel.Convert(b.At(bb.Min.X+x, bb.Min.Y+y)) {
				return false
			}
		}
	}
	return true
}

// servedFrames reads frames 1..n of job id as the node serves them.
func servedFrames(t *testing.T, c *api.Client, id string, n int) map[int]image.Image {
	t.Helper()
	out := map[int]image.Image{}
	load := nodeFrames(c, id)
	for f := 1; f <= n; f++ {
		img, err := load(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out[f] = img
	}
	if sameImage(out[1], out[2]) {
		t.Fatalf("frames 1 and 2 of job %s are the same picture: the test could not tell them apart", id)
	}
	return out
}

// actionButton is the jobs view's action button labelled text.
func actionButton(t *testing.T, v *jobsView, text string) *widget.Button {
	t.Helper()
	for _, b := range v.actions {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no %s button", text)
	return nil
}

// BenchmarkFlipbook1080p plays 1080p PNG frames as a node serves them
// (decoded by flipbook.DecodeFrame, fitted to playerSide) and reports the
// frames a second one decoder sustains and the pixels the cache holds,
// against what holding a 250-frame job whole would take.
func BenchmarkFlipbook1080p(b *testing.B) {
	test.NewTempApp(b)
	const w, h, jobFrames = 1920, 1080, 250
	var pngs [][]byte
	for n := range 3 { // a few distinct frames, served in turn
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				img.SetNRGBA(x, y, color.NRGBA{uint8(x + n*40), uint8(y), uint8(x ^ y), 255})
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			b.Fatal(err)
		}
		pngs = append(pngs, buf.Bytes())
	}
	load := func(ctx context.Context, n int) (image.Image, error) {
		return flipbook.DecodeFrame(bytes.NewReader(pngs[n%len(pngs)]), flipbook.DefaultMaxPixels)
	}
	frames := make([]int, jobFrames)
	for i := range frames {
		frames[i] = i + 1
	}
	th := newUIThread()
	clock := newStepClock()
	p := newPlayer(b.Context(), th.do, load, frames, playerConfig{FPS: 24, Ticker: clock.ticker})
	defer p.close()
	th.until(b, "the first frame shows", func() bool { return p.shown })
	test.Tap(p.play)
	b.ResetTimer()
	start := time.Now()
	var held int
	for i := range b.N {
		clock.tick(b)
		want := frames[(i+1)%jobFrames]
		th.until(b, "the next frame shows", func() bool { return p.shown && p.frames[p.pos] == want })
		n, _, _ := p.cache.stats()
		held = max(held, n)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "frames/s")
	fitted := p.image.Image.Bounds()
	b.ReportMetric(float64(held*fitted.Dx()*fitted.Dy()*4)/(1<<20), "MiB-held")
	b.ReportMetric(float64(jobFrames*w*h*4)/(1<<20), "MiB-whole-job")
}
