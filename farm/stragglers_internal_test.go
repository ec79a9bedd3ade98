package farm

import (
	"testing"
	"time"
)

// TestStragglingAfter: a lease straggles after three times the job's
// median accepted lease, never sooner than the configured least, and never
// before any lease of the job was accepted or with duplicates off.
func TestStragglingAfter(t *testing.T) {
	s := time.Second
	tests := []struct {
		name  string
		took  []time.Duration
		least time.Duration
		want  time.Duration
	}{
		{"nothing accepted yet", nil, 30 * s, 0},
		{"duplicates off", []time.Duration{s}, 0, 0},
		{"the least", []time.Duration{s, 2 * s, 3 * s}, 30 * s, 30 * s},
		{"three medians", []time.Duration{20 * s, 10 * s, 90 * s}, 30 * s, 60 * s},
		{"one slow lease does not move it", []time.Duration{10 * s, 11 * s, 12 * s, 600 * s}, s, 36 * s},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &job{}
			for _, d := range tc.took { // in the order they were accepted
				j.recordTook(d)
			}
			if got := j.stragglingAfter(tc.least); got != tc.want {
				t.Fatalf("stragglingAfter(%v) over %v = %v, want %v", tc.least, tc.took, got, tc.want)
			}
		})
	}
}
