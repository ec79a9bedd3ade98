package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/disintegration/imaging"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
)

// The flipbook player plays a job's frames in order at the job's frame
// rate, looping: the preview's frames beside Approve and Reject, a
// finished job's own frames once it is done. Fyne has no video widget,
// and flipbook.mp4 exists only where ffmpeg does, so showing the frames
// one after another on a canvas.Image is the flipbook. The frames come
// from the node (GET /v1/jobs/{id}/frames/{n}, as the thumbnails do); a
// few goroutines decode them ahead of the playhead and fit them to
// playerSide, into a cache of playerCache frames, so a 250-frame 1080p job
// holds a dozen small frames at a time (about 11 MiB), never all of them
// (about 2 GiB).

const (
	// playerCache is how many decoded frames a player keeps: half a
	// second ahead at 24 fps, so a decode that is slow now and then does
	// not stall playback.
	playerCache = 12
	// playerSide is the longer edge frames are fitted to once decoded.
	playerSide = 640
)

// playerDecoders is how many frames a player decodes at once: a 1080p PNG
// takes one core tens of milliseconds to decode and fit, longer than a
// frame lasts at 24 fps.
func playerDecoders() int { return max(1, min(4, runtime.NumCPU()-1)) }

// frameLoader reads frame number n of the job a player plays.
type frameLoader func(ctx context.Context, n int) (image.Image, error)

// nodeFrames loads frames of job id from the node c, in any of the job
// formats, bounded as any single-image frame is (api.Client.Frame): a
// multilayer frame too large to hold for the screen is refused.
func nodeFrames(c *api.Client, id string) frameLoader {
	return func(ctx context.Context, n int) (image.Image, error) {
		var buf bytes.Buffer
		if err := c.Frame(ctx, id, n, &buf); err != nil {
			return nil, err
		}
		img, err := flipbook.DecodeFrame(bytes.NewReader(buf.Bytes()), flipbook.DefaultMaxPixels)
		if err != nil {
			return nil, fmt.Errorf("frame %d of job %s: %w", n, id, err)
		}
		return img, nil
	}
}

// frameCache holds at most size decoded frames (by their index in the
// player's list). Which frames are worth keeping follows from playing
// forward and looping: the frames from the playhead on, in order, so the
// one evicted is the one needed furthest ahead.
type frameCache struct {
	mu       sync.Mutex
	n, size  int
	head     int
	imgs     map[int]image.Image
	errs     map[int]error
	inflight map[int]bool // being decoded
	decodes  int          // frames decoded in all
	wake     chan struct{}
}

func newFrameCache(n, size int) *frameCache {
	return &frameCache{n: n, size: max(1, min(size, n)), imgs: map[int]image.Image{}, errs: map[int]error{}, inflight: map[int]bool{}, wake: make(chan struct{}, 1)}
}

// ahead is how far frame i is ahead of the playhead, looping.
func (c *frameCache) ahead(i int) int { return (i - c.head + c.n) % c.n }

// seek moves the playhead to i and wakes a decoder.
func (c *frameCache) seek(i int) {
	c.mu.Lock()
	c.head = i
	c.mu.Unlock()
	c.wakeOne()
}

func (c *frameCache) wakeOne() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// candidate is the first frame from the playhead on, within the cache's
// size, that is neither decoded, failed nor being decoded; c.mu is held.
func (c *frameCache) candidate() (int, bool) {
	for d := range c.size {
		i := (c.head + d) % c.n
		_, ok := c.imgs[i]
		if _, failed := c.errs[i]; !ok && !failed && !c.inflight[i] {
			return i, true
		}
	}
	return 0, false
}

// next takes the next frame to decode, and wakes another decoder in case
// there is more.
func (c *frameCache) next() (int, bool) {
	c.mu.Lock()
	i, ok := c.candidate()
	if ok {
		c.inflight[i] = true
	}
	c.mu.Unlock()
	if ok {
		c.wakeOne()
	}
	return i, ok
}

// put keeps frame i (or why it could not be read), evicting the frame
// needed furthest ahead when full, unless i is that frame itself (the
// playhead moved while it was decoded).
func (c *frameCache) put(i int, img image.Image, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.inflight, i)
	if err != nil {
		c.errs[i] = err
		return
	}
	c.decodes++
	if len(c.imgs) >= c.size {
		far := -1
		for k := range c.imgs {
			if far < 0 || c.ahead(k) > c.ahead(far) {
				far = k
			}
		}
		if c.ahead(far) < c.ahead(i) {
			return
		}
		delete(c.imgs, far)
	}
	c.imgs[i] = img
}

// get returns frame i: its image, or why it could not be read; ok is
// false while it is not decoded yet.
func (c *frameCache) get(i int) (img image.Image, err error, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err, failed := c.errs[i]; failed {
		return nil, err, true
	}
	img, ok = c.imgs[i]
	return img, nil, ok
}

// stats says how many frames the cache holds, how many it decoded in
// all, and whether its decoders are idle until the playhead moves.
func (c *frameCache) stats() (held, decodes int, idle bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, more := c.candidate()
	return len(c.imgs), c.decodes, !more && len(c.inflight) == 0
}

// newTicker starts a clock ticking every d; the stop func stops it. Tests
// give the player their own, so a step is a tick they send, not a wait.
type newTicker func(d time.Duration) (<-chan time.Time, func())

func realTicker(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTicker(d)
	return t.C, t.Stop
}

// player is the flipbook widget. Its fields below the widgets are the UI
// goroutine's; the decoders share only the cache.
type player struct {
	do     func(func())
	load   frameLoader
	frames []int // the frame numbers, in playing order
	fps    float64
	cache  *frameCache
	ticker newTicker

	image   *canvas.Image
	play    *widget.Button
	slider  *widget.Slider
	label   *widget.Label
	content fyne.CanvasObject

	pos      int  // index into frames of the frame shown
	shown    bool // frames[pos] is on the canvas (not just wanted)
	playing  bool
	stalled  bool           // a tick came before the next frame was decoded
	stopTick func()         // stops the ticking goroutine while playing
	tickDue  atomic.Bool    // a tick is queued on the UI goroutine
	cancel   func()         // stops the decoders
	wg       sync.WaitGroup // the decoders and the ticking goroutine
}

// playerConfig is how a player plays; its zero value plays at
// flipbook.DefaultFPS with playerCache frames, playerDecoders decoders and
// the real clock.
type playerConfig struct {
	FPS      float64 // the job's frame rate; 0 (or an odd one): the default
	Cache    int     // decoded frames kept
	Decoders int     // frames decoded at once
	Ticker   newTicker
}

// newPlayer makes a paused player of frames (numbers, in order), its
// decoders started; close stops it. do runs a func on the UI goroutine.
func newPlayer(ctx context.Context, do func(func()), load frameLoader, frames []int, cfg playerConfig) *player {
	if !(cfg.FPS > 0 && cfg.FPS <= 1000) {
		cfg.FPS = flipbook.DefaultFPS
	}
	if cfg.Cache <= 0 {
		cfg.Cache = playerCache
	}
	if cfg.Decoders <= 0 {
		cfg.Decoders = playerDecoders()
	}
	if cfg.Ticker == nil {
		cfg.Ticker = realTicker
	}
	p := &player{do: do, load: load, frames: frames, fps: cfg.FPS, ticker: cfg.Ticker, cache: newFrameCache(max(len(frames), 1), cfg.Cache)}
	p.image = canvas.NewImageFromImage(nil)
	p.image.FillMode = canvas.ImageFillContain
	p.image.SetMinSize(fyne.NewSize(320, 180))
	p.label = widget.NewLabel("")
	p.play = widget.NewButtonWithIcon("Play", theme.MediaPlayIcon(), p.toggle)
	p.slider = widget.NewSlider(0, float64(max(len(frames)-1, 1)))
	p.slider.Step = 1
	p.slider.OnChanged = func(v float64) {
		if i := int(v + 0.5); i != p.pos {
			p.seek(i)
		}
	}
	p.content = container.NewBorder(nil, container.NewBorder(nil, nil, p.play, p.label, p.slider), nil, nil, p.image)
	if len(frames) == 0 {
		p.play.Disable()
		p.slider.Disable()
		p.label.SetText("No frames to play")
		return p
	}
	dctx, cancel := context.WithCancel(ctx)
	p.cancel = cancel
	for range cfg.Decoders {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.decode(dctx)
		}()
	}
	p.show()
	return p
}

// decode reads frames ahead of the playhead into the cache until ctx ends.
func (p *player) decode(ctx context.Context) {
	for {
		i, ok := p.cache.next()
		if !ok {
			select {
			case <-p.cache.wake:
				continue
			case <-ctx.Done():
				return
			}
		}
		img, err := p.load(ctx, p.frames[i])
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			b := img.Bounds()
			if b.Dx() > playerSide || b.Dy() > playerSide {
				img = imaging.Fit(img, playerSide, playerSide, imaging.Linear)
			}
		}
		p.cache.put(i, img, err)
		p.do(func() { p.decoded(i) })
	}
}

// decoded is told on the UI goroutine that frame index i is in.
func (p *player) decoded(i int) {
	if i == p.pos && !p.shown {
		p.show()
	}
	if p.stalled && p.playing && i == (p.pos+1)%len(p.frames) {
		p.stalled = false
		p.advance()
	}
}

// show draws frames[pos], or says it is on its way.
func (p *player) show() {
	n := p.frames[p.pos]
	img, err, ok := p.cache.get(p.pos)
	p.shown = ok
	switch {
	case !ok:
		p.label.SetText(fmt.Sprintf("Frame %d (%d/%d) …", n, p.pos+1, len(p.frames)))
		return
	case err != nil:
		p.label.SetText(fmt.Sprintf("Frame %d (%d/%d): %v", n, p.pos+1, len(p.frames), err))
		return
	}
	p.image.Image = img
	p.image.Refresh()
	p.label.SetText(fmt.Sprintf("Frame %d (%d/%d)", n, p.pos+1, len(p.frames)))
}

// seek shows frame index i and plays on from there.
func (p *player) seek(i int) {
	p.pos = max(0, min(i, len(p.frames)-1))
	p.stalled = false
	p.cache.seek(p.pos)
	p.slider.SetValue(float64(p.pos))
	p.show()
}

// tick steps to the next frame, or, if it is not decoded yet, waits for
// it: frames play in order and none is skipped.
func (p *player) tick() {
	if !p.playing {
		return // paused while the tick was queued
	}
	if _, _, ok := p.cache.get((p.pos + 1) % len(p.frames)); !ok {
		p.stalled = true
		return
	}
	p.advance()
}

func (p *player) advance() { p.seek((p.pos + 1) % len(p.frames)) }

// toggle plays or pauses.
func (p *player) toggle() {
	if p.playing {
		p.pause()
		return
	}
	p.playing = true
	p.play.SetText("Pause")
	p.play.SetIcon(theme.MediaPauseIcon())
	ch, stop := p.ticker(time.Duration(float64(time.Second) / p.fps))
	done := make(chan struct{})
	p.stopTick = func() { stop(); close(done) }
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-ch:
				// One tick at a time on the UI goroutine: a busy UI
				// drops ticks instead of queueing them.
				if p.tickDue.CompareAndSwap(false, true) {
					p.do(func() { p.tickDue.Store(false); p.tick() })
				}
			case <-done:
				return
			}
		}
	}()
}

// pause holds the frame shown.
func (p *player) pause() {
	if !p.playing {
		return
	}
	p.playing, p.stalled = false, false
	p.stopTick()
	p.stopTick = nil
	p.play.SetText("Play")
	p.play.SetIcon(theme.MediaPlayIcon())
}

// close stops the player's goroutines and waits for them.
func (p *player) close() {
	p.pause()
	if p.cancel != nil {
		p.cancel()
	}
	p.wg.Wait()
}

// showPlayer plays the selected job's flipbook beside the jobs list: its
// preview's frames while it awaits approval, its own frames once done.
// ok is false when no job is selected.
func (v *jobsView) showPlayer(j api.JobStatus, ok bool) {
	var id string
	var frames []int
	switch {
	case !ok:
	case j.State == api.JobAwaiting && j.Preview != nil && len(j.Preview.Frames) > 0:
		id, frames = j.Preview.ID, j.Preview.Frames
	case j.State == api.JobDone && len(j.Frames) > 0:
		id, frames = j.ID, j.Frames
	}
	key := fmt.Sprintf("%s/%d", id, len(frames))
	if key == v.playerOf {
		return
	}
	v.closePlayer()
	v.playerOf = key
	if id == "" {
		return
	}
	v.player = newPlayer(v.u.ctx, v.u.do, nodeFrames(v.u.client, id), frames, playerConfig{FPS: j.Spec.FPS, Ticker: v.ticker})
	content := v.player.content
	if id == j.ID { // a finished job's own frames: its video too, once fetched
		content = container.NewBorder(nil, v.openVideo, nil, nil, content)
	}
	v.playerBox.Objects = []fyne.CanvasObject{content}
	v.playerBox.Show()
	v.playerBox.Refresh()
}

// closePlayer stops the flipbook shown, if any.
func (v *jobsView) closePlayer() {
	if v.player != nil {
		v.player.close()
		v.player = nil
	}
	v.playerOf = ""
	v.playerBox.Objects = nil
	v.playerBox.Hide()
}

// openFlipbookVideo opens the selected job's flipbook.mp4, which Fetch
// frames writes where ffmpeg is installed, in the desktop's video player.
func (v *jobsView) openFlipbookVideo() {
	p := filepath.Join(v.outDir(v.selected), flipbook.VideoName)
	if _, err := os.Stat(p); err != nil {
		v.info.SetText("No " + p + " yet: Fetch frames writes it where ffmpeg is installed (apt-get install ffmpeg).")
		return
	}
	if err := v.u.app.OpenURL(&url.URL{Scheme: "file", Path: p}); err != nil {
		v.u.showError("open "+p, err)
	}
}

// pollPreviews refreshes the list again in a second while a listed job's
// preview renders, so its State column counts the preview's frames.
func (v *jobsView) pollPreviews() {
	rendering := slices.ContainsFunc(v.jobs, func(j api.JobStatus) bool {
		return j.State == api.JobAwaiting && j.Preview != nil && !j.Preview.State.Final()
	})
	if !rendering || v.polling {
		return
	}
	v.polling = true
	ctx := v.u.ctx
	go func() {
		t := time.NewTimer(time.Second)
		defer t.Stop()
		select {
		case <-t.C:
			v.u.do(func() {
				v.polling = false
				v.refresh()
			})
		case <-ctx.Done():
		}
	}()
}
