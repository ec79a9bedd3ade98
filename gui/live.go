package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer/exr"
)

// Frame images kept in memory: full-size ones for the frames last finished or
// looked at (a 4K frame is 33 MB decoded), thumbnails for the strip.
const (
	keepFullFrames = 4
	thumbSide      = 128
	// maxStripFrames bounds the strip's cells; a longer job shows its first
	// frames and says so.
	maxStripFrames = 500
)

// liveView is the live view of one job: the frame being assembled, the frame
// strip, the counters and the event log, all fed by the job's event stream.
type liveView struct {
	u    *ui
	prog *Progress // nil until a job is opened
	// gen tells the current job's callbacks from those of a job the view
	// showed before; stale ones are dropped.
	gen    int
	stop   context.CancelFunc
	ctx    context.Context     // the job's: ends when another is opened
	full   map[int]image.Image // frame -> decoded frame, at most keepFullFrames
	order  []int               // frames in full, oldest first
	thumbs map[int]image.Image
	picked int // frame picked in the strip; 0 follows the render

	// pending holds events received but not yet folded in: the stream
	// goroutine appends, and one UI callback folds a whole batch, so a fast
	// job does not redraw once per event.
	mu        sync.Mutex
	pending   []api.Event
	scheduled bool

	// onFrameShown, when set, is called after a finished frame is drawn.
	onFrameShown func(frame int)

	// polling is set while a report is being read for the tiles' checks;
	// polled is when the last one was asked for.
	polling bool
	polled  time.Time
	// pricing is set while the nodes' prices are being read again.
	pricing bool

	title *widget.Label
	// notes are the node's words on the submission (members of another
	// release that take no work from it), hidden when it said none.
	notes   *widget.Label
	summary *widget.Label
	// money shows the finished job's settlement and convictions.
	money *widget.Label
	// evidence shows a finished job's convictions as enlarged crops
	// (evidence.go).
	evidence *fyne.Container
	preview  *canvas.Raster
	// previewTap is the preview as the window holds it: a tap on a tile
	// shows its log.
	previewTap *tappableRaster
	strip      *fyne.Container
	stripOf    int // the gen the strip was built for
	// failCells show each strip frame's failure and its Requeue button
	// (requeue.go).
	failCells map[int]*failCell
	// stripBox scrolls the strip; hidden for stills, which need none.
	stripBox *container.Scroll
	log      *widget.List
	cancel   *widget.Button
	// pause pauses the job, or resumes it (pause.go); opened is when the
	// job was opened, so only an end seen live raises a notification.
	pause  *widget.Button
	opened time.Time
	// logDialog shows the task logs last asked for by a tap on a tile or
	// a failed frame's Log button (tilelog.go), logText what it says.
	logDialog dialog.Dialog
	logText   string
	content   fyne.CanvasObject
}

func newLiveView(u *ui) *liveView {
	l := &liveView{u: u, full: map[int]image.Image{}, thumbs: map[int]image.Image{}}
	l.title = widget.NewLabelWithStyle("No job yet: start one from New render (Ctrl+N) or open one from Jobs.",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.notes = widget.NewLabel("")
	l.notes.Wrapping = fyne.TextWrapWord
	l.notes.Importance = widget.WarningImportance
	l.notes.Hide()
	l.summary = widget.NewLabel("")
	l.summary.Wrapping = fyne.TextWrapWord
	l.money = widget.NewLabel("")
	l.money.Wrapping = fyne.TextWrapWord
	l.money.Hide()
	l.evidence = container.NewVBox()
	l.preview = canvas.NewRaster(l.draw)
	l.preview.SetMinSize(fyne.NewSize(480, 360))
	l.strip = container.NewHBox()
	l.log = widget.NewList(
		func() int {
			if l.prog == nil {
				return 0
			}
			return len(l.prog.Log)
		},
		func() fyne.CanvasObject {
			row := widget.NewLabel("")
			row.Truncation = fyne.TextTruncateEllipsis
			return row
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*widget.Label)
			row.Importance = logImportance(l.prog.Log[i])
			row.SetText(l.prog.Log[i])
		},
	)
	l.cancel = widget.NewButton("Cancel job (Ctrl+.)", l.askCancel)
	l.cancel.Disable()
	l.pause = widget.NewButton("Pause", l.togglePause)
	l.pause.Disable()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(l.pause, l.cancel), l.title), l.notes, l.summary, l.money, l.evidence)
	l.stripBox = container.NewHScroll(l.strip)
	l.stripBox.SetMinSize(fyne.NewSize(0, thumbSide*3/4+50))
	l.stripBox.Hide()
	logBox := container.NewBorder(widget.NewLabel("Event log"), nil, nil, nil, l.log)
	l.previewTap = newTappableRaster(l.preview, l.tapPreview)
	split := container.NewHSplit(l.previewTap, logBox)
	split.Offset = 0.68
	l.content = container.NewBorder(top, l.stripBox, nil, nil, split)
	return l
}

// draw is the preview raster's generator: the shown frame at the raster's
// pixel size.
func (l *liveView) draw(w, h int) image.Image {
	if l.prog == nil {
		return drawPreview(w, h, api.JobSpec{}.Resolution, nil, nil)
	}
	f := l.shownFrame()
	return drawPreview(w, h, l.prog.Spec.FrameSize(), l.full[f], l.prog.FrameTiles(f))
}

func (l *liveView) shownFrame() int {
	if l.picked != 0 {
		return l.picked
	}
	return l.prog.CurrentFrame()
}

// open shows job id, following its events from the first. spec may be nil:
// it is then read from the node first. notes are shown above it (showLive).
func (l *liveView) open(id string, spec *api.JobSpec, notes []string) {
	if l.stop != nil {
		l.stop()
	}
	l.gen++
	gen, c := l.gen, l.u.client
	ctx, stop := context.WithCancel(l.u.ctx)
	l.stop, l.ctx = stop, ctx
	l.prog, l.picked = nil, 0
	l.polling, l.polled = false, time.Time{}
	l.money.SetText("")
	l.money.Hide()
	l.evidence.RemoveAll()
	l.full, l.order, l.thumbs = map[int]image.Image{}, nil, map[int]image.Image{}
	l.mu.Lock()
	l.pending = nil
	l.mu.Unlock()
	l.title.SetText("Job " + id)
	l.notes.SetText(strings.Join(notes, "\n"))
	if len(notes) == 0 {
		l.notes.Hide()
	} else {
		l.notes.Show()
	}
	l.opened = time.Now()
	l.summary.SetText("Connecting to the job's event stream …")
	l.cancel.Disable()
	l.refresh()
	go func() {
		if spec == nil {
			sctx, cancel := context.WithTimeout(ctx, callTimeout)
			st, err := c.Status(sctx, id)
			cancel()
			if err != nil {
				l.u.do(func() {
					if gen == l.gen {
						l.summary.SetText("Cannot open job " + id + ": " + err.Error())
					}
				})
				return
			}
			spec = &st.Spec
		}
		prices := l.prices(ctx, c, *spec)
		l.u.do(func() {
			if gen == l.gen {
				l.prog = NewProgress(id, *spec)
				l.prog.Prices = prices
				l.title.SetText(fmt.Sprintf("Job %s: %s, frames %s, %s, %s tiles, %d spp",
					id, spec.SceneName, spec.Frames, spec.Resolution, spec.Tiles, spec.Samples))
				l.cancel.Enable()
				l.refresh()
			}
		})
		l.stream(ctx, gen, c, id, -1)
	}()
}

// stream follows job id's events (after seq; from the job's latest round
// when seq < 0) into the view until the job ends or ctx does; it runs off
// the UI goroutine.
func (l *liveView) stream(ctx context.Context, gen int, c *api.Client, id string, seq int) {
	fn := func(e api.Event) error {
		l.queue(gen, e)
		return nil
	}
	var err error
	if seq < 0 {
		_, err = c.Events(ctx, id, fn)
	} else {
		_, err = c.EventsAfter(ctx, id, seq, fn)
	}
	if err != nil && !errors.Is(ctx.Err(), context.Canceled) {
		l.u.do(func() {
			if gen == l.gen && l.prog != nil {
				l.prog.Log = append(l.prog.Log, "event stream: "+err.Error())
				l.refresh()
			}
		})
	}
}

// queue hands an event to the UI goroutine, batching with others in flight.
func (l *liveView) queue(gen int, e api.Event) {
	l.mu.Lock()
	l.pending = append(l.pending, e)
	schedule := !l.scheduled
	l.scheduled = true
	l.mu.Unlock()
	if schedule {
		l.u.do(func() { l.flush(gen) })
	}
}

// flush folds the queued events into the job's state and redraws once.
func (l *liveView) flush(gen int) {
	l.mu.Lock()
	events := l.pending
	l.pending, l.scheduled = nil, false
	l.mu.Unlock()
	if gen != l.gen || l.prog == nil {
		return
	}
	for _, e := range events {
		l.prog.Apply(e)
		switch e.Type {
		case api.EventFrame:
			l.fetchFrame(gen, e.Frame)
		case api.EventLeased:
			if _, ok := l.prog.Prices[e.Node]; !ok && l.prog.Prices != nil {
				l.learnPrices(gen, e.Node)
			}
		case api.EventSettled:
			l.u.wallet.refresh()
		case api.EventFinished:
			l.notifyEnded(e)
			l.cancel.Disable()
			l.u.jobs.refresh()
			l.u.wallet.refresh()
			l.readReport(gen)
		}
	}
	l.updatePause()
	l.maybePoll(gen)
	l.refresh()
}

// fetchFrame downloads a finished frame off the UI goroutine.
func (l *liveView) fetchFrame(gen, frame int) {
	c, id, spec := l.u.client, l.prog.JobID, l.prog.Spec
	go func() {
		ctx, cancel := context.WithTimeout(l.u.ctx, callTimeout)
		defer cancel()
		var buf bytes.Buffer
		err := c.JobFrame(ctx, spec, id, frame, &buf) // bounded by the job's size: a node must not fill the app's memory
		var img image.Image
		if err == nil {
			img, err = decodeFrame(buf.Bytes())
		}
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.prog.Log = append(l.prog.Log, fmt.Sprintf("fetch frame %d: %v", frame, err))
				l.refresh()
				return
			}
			l.keep(frame, img)
			l.refresh()
			if l.onFrameShown != nil && l.shownFrame() == frame {
				l.onFrameShown(frame)
			}
		})
	}()
}

// keep stores a decoded frame and its thumbnail, dropping the oldest full
// frame beyond keepFullFrames.
func (l *liveView) keep(frame int, img image.Image) {
	l.thumbs[frame] = thumbnail(img, thumbSide)
	l.full[frame] = img
	l.order = append(l.order, frame)
	for len(l.order) > keepFullFrames {
		delete(l.full, l.order[0])
		l.order = l.order[1:]
	}
}

// pick shows frame f (0 follows the render), fetching it again when only
// its thumbnail is kept.
func (l *liveView) pick(f int) {
	l.picked = f
	if f != 0 && l.prog.Assembled[f] && l.full[f] == nil {
		l.fetchFrame(l.gen, f)
	}
	l.refresh()
}

// refresh redraws the view from the job's state.
func (l *liveView) refresh() {
	if l.prog != nil {
		l.summary.SetText(l.prog.Summary())
		l.refreshStrip()
	} else {
		l.strip.RemoveAll()
		l.stripBox.Hide()
	}
	l.preview.Refresh()
	l.log.Refresh()
	if u := l.u; u.tabs != nil && u.tabs.Selected() != nil && u.tabs.Selected().Content == u.jobs.content {
		u.jobs.table.Refresh() // the committed cost of the job in view
	}
	if l.prog != nil && len(l.prog.Log) > 0 {
		l.log.ScrollToBottom()
	}
}

// refreshStrip shows one cell per frame: its thumbnail once assembled, its
// tiles while rendering. Cells are built once per job and redrawn after.
func (l *liveView) refreshStrip() {
	if l.stripOf != l.gen {
		l.stripOf = l.gen
		l.strip.RemoveAll()
		l.failCells = map[int]*failCell{}
		l.stripBox.Hide()
		if len(l.prog.Frames) <= 1 {
			return // a still needs no strip
		}
		l.stripBox.Show()
		l.strip.Add(widget.NewButton("Follow the render", func() { l.pick(0) }))
		for i, f := range l.prog.Frames {
			if i == maxStripFrames {
				l.strip.Add(widget.NewLabel(fmt.Sprintf("… and %d more frames", len(l.prog.Frames)-i)))
				break
			}
			thumb := canvas.NewRaster(func(w, h int) image.Image {
				return drawPreview(w, h, l.prog.Spec.FrameSize(), l.thumbs[f], l.prog.FrameTiles(f))
			})
			thumb.SetMinSize(fyne.NewSize(thumbSide, thumbSide*3/4))
			btn := widget.NewButton(fmt.Sprintf("frame %d", f), func() { l.pick(f) })
			fc := l.newFailCell(f)
			l.strip.Add(container.NewVBox(thumb, btn, fc.box))
		}
	}
	l.refreshFailCells()
	l.strip.Refresh()
}

// askCancel asks before cancelling the job in view.
func (l *liveView) askCancel() {
	if l.prog == nil || l.prog.State.Final() {
		return
	}
	id, c := l.prog.JobID, l.u.client
	dialog.ShowConfirm("Cancel job", "Cancel job "+id+"? Tiles already rendered are kept; the rest are not rendered.", func(ok bool) {
		if ok {
			l.u.cancelJob(c, id)
		}
	}, l.u.win)
}

// cancelJob cancels a job off the UI goroutine.
func (u *ui) cancelJob(c *api.Client, id string) {
	go func() {
		ctx, cancel := context.WithTimeout(u.ctx, callTimeout)
		err := c.Cancel(ctx, id)
		cancel()
		u.do(func() {
			if err != nil {
				u.showError("cancel job "+id, err)
				return
			}
			u.setStatus("Job " + id + " cancelled")
			u.jobs.refresh()
		})
	}()
}

// reclaimJob takes a settled job's unspent budget and bond back, once the
// settlement's grace has passed (the node also does it by itself); before
// that the node says until when.
func (u *ui) reclaimJob(c *api.Client, id string) {
	if id == "" {
		u.setStatus("Select a job first")
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(u.ctx, callTimeout)
		st, err := c.Reclaim(ctx, id)
		cancel()
		u.do(func() {
			if err != nil {
				u.showError("reclaim job "+id, err)
				return
			}
			u.setStatus("Job " + id + ": reclaimed " + st.Reclaimed + " tokens (budget left unspent and the bond)")
			u.jobs.refresh()
		})
	}()
}

// decodeFrame decodes a finished frame for the screen: a PNG as it is, an
// OpenEXR as the plain sRGB encoding of its linear values (no view
// transform: the file keeps the real values for compositing).
func decodeFrame(data []byte) (image.Image, error) {
	if exr.IsEXR(data) {
		m, err := exr.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		return m.Preview(), nil
	}
	return png.Decode(bytes.NewReader(data))
}
