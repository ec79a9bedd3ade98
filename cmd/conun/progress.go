package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
)

// progress draws a job's progress from its events: a bar redrawn in place on
// a terminal, or a line per finished frame otherwise (logs, CI).
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	drawn bool
	// checksSaid is set once the wait for spot checks after the last
	// task was told (off a terminal), until a task is requeued.
	checksSaid bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, tty: stdoutIsTerminal(), start: time.Now()}
}

func (p *progress) event(e api.Event) {
	if e.Type == api.EventPreviewProgress && e.Preview != nil {
		// The job waits for approval while its preview renders: this
		// is all that moves.
		p.line(e.Preview.String())
		return
	}
	if e.Total == 0 {
		return
	}
	switch {
	case e.Type == api.EventRequeued:
		p.line(fmt.Sprintf("task %d requeued: %s", e.Task, e.Message))
	case e.Type == api.EventPaused:
		// A waiting script should see why nothing moves any more.
		p.line(fmt.Sprintf("job paused at %d/%d tiles (%s); conun resume JOB goes on", e.Done, e.Total, e.Message))
	case e.Type == api.EventResumed:
		p.line("job resumed")
	case e.Type == api.EventFrameFailed:
		p.line(fmt.Sprintf("frame %d failed: %s", e.Frame, e.Message))
	case e.Type == api.EventFrame && !p.tty:
		p.line(fmt.Sprintf("frame %d assembled (%d of %s)", e.Frame, e.Done, api.Count(e.Total, "tile")))
	}
	switch {
	case e.Done < e.Total:
		p.checksSaid = false
	case e.Checking > 0 && !p.checksSaid && !p.tty && !e.State.Final():
		// With many checks (a high --verify-rate) they end well after
		// the last tile: the job is not stuck.
		p.line(fmt.Sprintf("all %s rendered; waiting on %s (the job ends once they pass)", api.Count(e.Total, "task"), api.Count(e.Checking, "spot check")))
		p.checksSaid = true
	}
	if p.tty {
		p.draw(e)
	}
}

func (p *progress) draw(e api.Event) {
	const width = 30
	filled := width * e.Done / e.Total
	eta := "ETA ?"
	switch {
	case e.Done >= e.Total && e.Checking > 0:
		eta = fmt.Sprintf("waiting on %s", api.Count(e.Checking, "spot check"))
	case e.Done > 0:
		elapsed := time.Since(p.start)
		eta = "ETA " + (elapsed * time.Duration(e.Total-e.Done) / time.Duration(e.Done)).Round(time.Second).String()
	}
	if e.Checking > 0 && e.Done < e.Total {
		eta += fmt.Sprintf(" · %d checking", e.Checking)
	}
	fmt.Fprintf(p.w, "\r[%s%s] %d of %s  %s   ", strings.Repeat("#", filled), strings.Repeat(".", width-filled), e.Done, api.Count(e.Total, "tile"), eta)
	p.drawn = true
}

func (p *progress) line(s string) {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintln(p.w, s)
}

func (p *progress) end() {
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}
