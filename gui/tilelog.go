package gui

import (
	"context"
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
)

// tappableRaster is the live view's preview as a widget that can be
// tapped: a tap on a tile opens that task's log.
type tappableRaster struct {
	widget.BaseWidget
	raster *canvas.Raster
	onTap  func(size fyne.Size, at fyne.Position)
}

func newTappableRaster(r *canvas.Raster, onTap func(fyne.Size, fyne.Position)) *tappableRaster {
	t := &tappableRaster{raster: r, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the raster alone.
func (t *tappableRaster) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.raster)
}

// Tapped hands the tap's place, with the widget's size, to onTap.
func (t *tappableRaster) Tapped(e *fyne.PointEvent) { t.onTap(t.Size(), e.Position) }

// TaskAt returns the index of the task of frame whose tile is drawn under
// at, in a preview of size (drawPreview's letterboxing); false outside the
// picture.
func TaskAt(p *Progress, frame int, size fyne.Size, at fyne.Position) (int, bool) {
	area, s := fitRect(int(size.Width), int(size.Height), p.Spec.FrameSize())
	pt := image.Pt(int(at.X), int(at.Y))
	if s == 0 || !pt.In(area) {
		return 0, false
	}
	px := image.Pt(int(float64(pt.X-area.Min.X)/s), int(float64(pt.Y-area.Min.Y)/s))
	for i, t := range p.Tiles {
		if t.Frame == frame && px.In(t.Rect) {
			return i, true
		}
	}
	return 0, false
}

// tapPreview opens the log of the tile tapped in the preview.
func (l *liveView) tapPreview(size fyne.Size, at fyne.Position) {
	if l.prog == nil {
		return
	}
	f := l.shownFrame()
	if task, ok := TaskAt(l.prog, f, size, at); ok {
		l.showLogs(fmt.Sprintf("Tile %d of frame %d", task, f), api.LogsQuery{Task: task, Frame: -1})
	}
}

// showLogs reads the job's task logs that q picks (GET
// /v1/jobs/{id}/logs, as `conun logs`) off the UI goroutine and shows
// them in a dialog: who rendered each lease with what, how it ended, the
// renderer's warnings and the tail of its output.
func (l *liveView) showLogs(title string, q api.LogsQuery) {
	gen, c, id := l.gen, l.u.client, l.prog.JobID
	go func() {
		ctx, cancel := context.WithTimeout(l.u.ctx, callTimeout)
		logs, err := c.Logs(ctx, id, q)
		cancel()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.u.showError(strings.ToLower(title[:1])+title[1:]+": logs", err)
				return
			}
			text := LogsText(logs)
			l.logText = text
			body := widget.NewLabel(text)
			body.TextStyle.Monospace = true
			body.Wrapping = fyne.TextWrapWord
			scroll := container.NewVScroll(body)
			scroll.SetMinSize(fyne.NewSize(760, 440))
			d := dialog.NewCustom(title+" of job "+id, "Close", scroll, l.u.win)
			l.logDialog = d
			d.Show()
		})
	}()
}

// LogsText is task logs as `conun logs` prints them, one lease after
// another; a tile not leased yet has none.
func LogsText(logs []api.TaskLog) string {
	if len(logs) == 0 {
		return "No log kept for this task yet: it has not been rendered."
	}
	var b strings.Builder
	for i, t := range logs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		build := t.Renderer
		if t.Build != "" {
			build += " " + t.Build
		}
		exit := t.Exit
		if t.Error != "" {
			exit += ": " + t.Error
		}
		fmt.Fprintf(&b, "Task %d, frame %d, lease %d: node %s, renderer %s, %.2f s, exit %s", t.Task, t.Frame, t.Lease, t.Node, build, t.Seconds, exit)
		if t.LogNote != "" {
			fmt.Fprintf(&b, "\n(%s)", t.LogNote)
		}
		warn, tail := splitLog(t.Log)
		if warn != "" {
			b.WriteString("\nWarnings and errors:\n" + strings.TrimRight(warn, "\n"))
		}
		if tail != "" {
			b.WriteString("\nOutput (its tail):\n" + strings.TrimRight(tail, "\n"))
		}
	}
	return b.String()
}

// The headers renderer.LogTail puts between a log's warning lines and
// its output's tail.
const (
	warningsHeader = "--- warnings and errors ---\n"
	outputHeader   = "--- output ---\n"
)

// splitLog parts a task's log into its warning and error lines (kept apart
// by the renderer, wherever they came in the output) and its output's tail.
func splitLog(log string) (warn, tail string) {
	rest, ok := strings.CutPrefix(log, warningsHeader)
	if !ok {
		return "", log
	}
	warn, tail, ok = strings.Cut(rest, outputHeader)
	if !ok {
		return rest, ""
	}
	return warn, tail
}
