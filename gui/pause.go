package gui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"github.com/conun/conun/farm/api"
)

// pauseJob pauses (pause) or resumes a job off the UI goroutine, and says
// how long the escrow has left, which keeps running while a job is paused.
func (u *ui) pauseJob(c *api.Client, id string, pause bool) {
	if id == "" {
		u.setStatus("Select a job first")
		return
	}
	do, verb := c.Resume, "resume"
	if pause {
		do, verb = c.Pause, "pause"
	}
	go func() {
		ctx, cancel := context.WithTimeout(u.ctx, callTimeout)
		st, err := do(ctx, id)
		cancel()
		u.do(func() {
			if err != nil {
				u.showError(verb+" job "+id, err)
				return
			}
			u.setStatus(pauseSummary(st))
			u.jobs.refresh()
		})
	}()
}

// pauseSummary is the status line after a pause or resume.
func pauseSummary(st api.PauseStatus) string {
	s := fmt.Sprintf("Job %s %s", st.ID, st.State)
	if st.State == api.JobPaused && st.InFlight > 0 {
		s += fmt.Sprintf(" (%d tiles already rendering finish and are paid)", st.InFlight)
	}
	if !st.EscrowDeadline.IsZero() {
		s += fmt.Sprintf("; escrow deadline in %s: it keeps running while paused", time.Duration(st.EscrowLeftSeconds)*time.Second)
	}
	return s
}

// togglePause pauses the job in view, or resumes it when it is paused.
func (l *liveView) togglePause() {
	if l.prog == nil || l.prog.State.Final() || l.prog.State == api.JobAwaiting {
		return
	}
	l.u.pauseJob(l.u.client, l.prog.JobID, l.prog.State != api.JobPaused)
}

// updatePause labels the live view's pause button for the job's state.
func (l *liveView) updatePause() {
	switch {
	case l.prog == nil || l.prog.State.Final() || l.prog.State == api.JobAwaiting:
		l.pause.SetText("Pause")
		l.pause.Disable()
	case l.prog.State == api.JobPaused:
		l.pause.SetText("Resume")
		l.pause.Enable()
	default:
		l.pause.SetText("Pause")
		l.pause.Enable()
	}
}

// notifyEnded raises a desktop notification for a watched job that ended
// while the app watched it; a job that had ended before it was opened
// (its stream replays the end) raises none.
func (l *liveView) notifyEnded(e api.Event) {
	if e.Time.Before(l.opened) {
		return
	}
	l.u.app.SendNotification(fyne.NewNotification(endTitle(l.prog), endContent(l.prog, e)))
}

// endTitle and endContent are a job's end as a desktop notification. A
// job done with frames that failed everywhere says "partial" and names
// them, so the artist knows to requeue them without opening the app.
func endTitle(p *Progress) string {
	state := string(p.State)
	if p.State == api.JobDone && len(p.Failed) > 0 {
		state = "partial"
	}
	return fmt.Sprintf("Render %s: %s", state, p.Spec.SceneName)
}

func endContent(p *Progress, e api.Event) string {
	s := fmt.Sprintf("Job %s: %d of %d tasks done", p.JobID, e.Done, e.Total)
	if len(p.Failed) > 0 {
		frames := slices.Sorted(maps.Keys(p.Failed))
		words := make([]string, len(frames))
		for i, f := range frames {
			words[i] = strconv.Itoa(f)
		}
		s += "; failed frames " + strings.Join(words, ", ")
	}
	if e.Message != "" && p.State != api.JobDone {
		s += ": " + e.Message
	}
	return s
}
