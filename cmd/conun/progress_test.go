package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestProgressLines: what `wait` prints (off a terminal) for the events a
// script should see.
func TestProgressLines(t *testing.T) {
	tests := []struct {
		name string
		e    api.Event
		want string
	}{
		{"paused", api.Event{Type: api.EventPaused, Done: 5, Total: 16, Message: "2 leases in flight finish"}, "job paused at 5/16 tiles (2 leases in flight finish); conun resume JOB goes on\n"},
		{"resumed", api.Event{Type: api.EventResumed, Done: 7, Total: 16}, "job resumed\n"},
		{"frame", api.Event{Type: api.EventFrame, Frame: 2, Done: 8, Total: 16}, "frame 2 assembled (8 of 16 tiles)\n"},
		{"preview progress", api.Event{Type: api.EventPreviewProgress, Total: 16, Preview: &api.PreviewProgress{ID: "j", Done: 7, Total: 24}, Message: "preview: 7/24 frames"}, "preview: 7/24 frames\n"},
		{"preview started", api.Event{Type: api.EventPreviewProgress, Total: 16, Preview: &api.PreviewProgress{ID: "j", Total: 1}}, "preview: 0/1 frame\n"},
		{"leased says nothing", api.Event{Type: api.EventLeased, Done: 1, Total: 16}, ""},
		{"checks after the last task", api.Event{Type: api.EventChecking, Done: 16, Total: 16, Checking: 5, State: api.JobRunning}, "all 16 tasks rendered; waiting on 5 spot checks (the job ends once they pass)\n"},
		{"checks beside tasks say nothing", api.Event{Type: api.EventChecking, Done: 9, Total: 16, Checking: 5, State: api.JobRunning}, ""},
		{"no checks left says nothing", api.Event{Type: api.EventVerdict, Done: 16, Total: 16, State: api.JobRunning}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := &progress{w: &out}
			p.event(tc.e)
			if out.String() != tc.want {
				t.Fatalf("printed %q, want %q", out.String(), tc.want)
			}
		})
	}
}

// TestProgressChecksSaidOnce: the wait for checks after the last task is
// told once, and again only after a task was rendered again (a check
// failed) and the tasks were all done once more.
func TestProgressChecksSaidOnce(t *testing.T) {
	var out bytes.Buffer
	p := &progress{w: &out}
	for _, e := range []api.Event{
		{Type: api.EventDone, Done: 4, Total: 4, Checking: 2, State: api.JobRunning},
		{Type: api.EventVerdict, Done: 4, Total: 4, Checking: 1, State: api.JobRunning},
		{Type: api.EventRequeued, Done: 3, Total: 4, Checking: 0, State: api.JobRunning, Message: "rejected by a check: rendering again"},
		{Type: api.EventDone, Done: 4, Total: 4, Checking: 1, State: api.JobRunning},
		{Type: api.EventFinished, Done: 4, Total: 4, Checking: 1, State: api.JobDone},
	} {
		p.event(e)
	}
	want := "all 4 tasks rendered; waiting on 2 spot checks (the job ends once they pass)\n" +
		"task 0 requeued: rejected by a check: rendering again\n" +
		"all 4 tasks rendered; waiting on 1 spot check (the job ends once they pass)\n"
	if out.String() != want {
		t.Fatalf("printed %q, want %q", out.String(), want)
	}
}

// TestProgressBar: what the bar says on a terminal, the spot checks under
// way beside the ETA and in its place once every task is done.
func TestProgressBar(t *testing.T) {
	tests := []struct {
		name string
		e    api.Event
		want string
	}{
		{"nothing done", api.Event{Type: api.EventLeased, Total: 4}, "  ETA ?   "},
		{"checks beside tasks", api.Event{Type: api.EventChecking, Done: 2, Total: 4, Checking: 1}, " · 1 checking   "},
		{"checks after the last task", api.Event{Type: api.EventChecking, Done: 4, Total: 4, Checking: 3}, "4 of 4 tiles  waiting on 3 spot checks   "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			p := &progress{w: &out, tty: true, start: time.Now()}
			p.event(tc.e)
			if !strings.HasSuffix(out.String(), tc.want) {
				t.Fatalf("drew %q, want it to end %q", out.String(), tc.want)
			}
		})
	}
}
