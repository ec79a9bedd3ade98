package farm

import (
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestPausedMoves: a queued or running job may pause; a paused one
// resumes, may still end (its leases in flight can complete it, and it
// can fail or be cancelled), but a finished job never pauses.
func TestPausedMoves(t *testing.T) {
	tests := []struct {
		from, to api.JobState
		ok       bool
	}{
		{api.JobQueued, api.JobPaused, true},
		{api.JobRunning, api.JobPaused, true},
		{api.JobPaused, api.JobRunning, true},
		{api.JobPaused, api.JobQueued, true},
		{api.JobPaused, api.JobDone, true},
		{api.JobPaused, api.JobCancelled, true},
		{api.JobPaused, api.JobFailed, true},
		{api.JobDone, api.JobPaused, false},
		{api.JobCancelled, api.JobPaused, false},
		{api.JobFailed, api.JobPaused, false},
	}
	for _, tc := range tests {
		s := tc.from
		if err := move(jobMoves, &s, tc.to); (err == nil) != tc.ok {
			t.Errorf("%s -> %s: err = %v, want ok=%v", tc.from, tc.to, err, tc.ok)
		}
	}
	if api.JobPaused.Final() {
		t.Error("paused is final")
	}
}
