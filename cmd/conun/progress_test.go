package main

import (
	"bytes"
	"testing"

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
