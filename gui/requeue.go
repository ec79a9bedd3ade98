package gui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
)

// failCell is the part of a strip cell that shows why its frame failed,
// with a button that renders it again; hidden while the frame has not
// failed.
type failCell struct {
	box     *fyne.Container
	reason  *widget.Label
	requeue *widget.Button
	// logs shows the frame's task logs: why the renderer refused it.
	logs *widget.Button
}

// newFailCell builds frame f's failure cell, hidden.
func (l *liveView) newFailCell(f int) *failCell {
	fc := &failCell{reason: widget.NewLabel("")}
	fc.reason.Importance = widget.DangerImportance
	fc.reason.Wrapping = fyne.TextWrapWord
	fc.requeue = widget.NewButton("Requeue", func() { l.requeue(f) })
	fc.logs = widget.NewButton("Log", func() {
		l.showLogs(fmt.Sprintf("Frame %d", f), api.LogsQuery{Task: -1, Frame: f})
	})
	fc.box = container.NewVBox(fc.reason, container.NewHBox(fc.requeue, fc.logs))
	fc.box.Hide()
	l.failCells[f] = fc
	return fc
}

// refreshFailCells shows the failure of each failed frame in the strip.
func (l *liveView) refreshFailCells() {
	for f, fc := range l.failCells {
		why, failed := l.prog.Failed[f]
		if !failed {
			fc.box.Hide()
			continue
		}
		fc.reason.SetText(markBad + " failed: " + why)
		if l.prog.State.Final() {
			fc.requeue.Enable()
		} else {
			fc.requeue.Disable() // the job's round is still running: its end says what failed
		}
		fc.box.Show()
	}
}

// requeue renders failed frame f of the job in view again, in the same
// job, and follows the job on from the last event the view read.
func (l *liveView) requeue(f int) {
	if l.prog == nil {
		return
	}
	gen, c, id, seq, ctx := l.gen, l.u.client, l.prog.JobID, l.prog.seq, l.ctx
	l.failCells[f].requeue.Disable()
	go func() {
		rctx, cancel := context.WithTimeout(ctx, callTimeout)
		_, err := c.Requeue(rctx, id, api.RequeueRequest{Frames: strconv.Itoa(f), Failed: true})
		cancel()
		l.u.do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				l.u.showError(fmt.Sprintf("requeue frame %d of job %s", f, id), err)
				l.refresh()
				return
			}
			l.u.setStatus(fmt.Sprintf("Job %s: frame %d requeued", id, f))
			l.cancel.Enable()
			go l.stream(ctx, gen, c, id, seq)
		})
	}()
}
