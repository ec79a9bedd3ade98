package farm

import (
	"slices"
	"testing"
	"time"
)

// TestDueForRelease: an away worker finishes the leases expected to end
// within its grace, from their progress and time so far, and hands back
// the rest: those with no progress yet, those far from done, and those it
// kept longer than the grace already.
func TestDueForRelease(t *testing.T) {
	now := time.Unix(10_000, 0)
	grace := 30 * time.Second
	tests := []struct {
		name      string
		done      int
		total     int
		elapsed   time.Duration
		keptSince time.Duration // before now; 0: not kept yet
		released  bool
	}{
		{"nearly done", 9, 10, 90 * time.Second, 0, false},   // 10 s left
		{"far from done", 1, 10, 10 * time.Second, 0, true},  // 90 s left
		{"no progress yet", 0, 10, 5 * time.Second, 0, true}, // unknown
		{"no total", 0, 0, time.Second, 0, true},             // unknown
		{"kept past its grace", 9, 10, 90 * time.Second, 31 * time.Second, true},
		{"kept within its grace", 9, 10, 90 * time.Second, 10 * time.Second, false},
		{"exactly the grace left", 1, 2, 30 * time.Second, 0, false}, // 30 s left
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &worker{}
			req := TaskRequest{Nonce: "n1"}
			w.held.add(req, func(error) {})
			l := w.held.leases["n1"]
			l.started = now.Add(-tc.elapsed)
			if tc.keptSince > 0 {
				l.keptSince = now.Add(-tc.keptSince)
			}
			w.active.start(TaskRequest{Nonce: "n1"})(tc.done, tc.total)
			got := w.due(grace, now)
			if released := slices.Contains(got, l); released != tc.released {
				t.Fatalf("released %v, want %v", released, tc.released)
			}
			if !tc.released && l.keptSince.IsZero() {
				t.Error("a lease kept to finish does not record since when")
			}
		})
	}
}
