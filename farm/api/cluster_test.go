package api

import (
	"encoding/json"
	"testing"
)

// FuzzJobSummaries: a member's answer to a cluster listing is outside
// input. Whatever it is, decoding and checking never panic, and a summary
// that checks has a job id and a known state, so what a terminal shows of
// it is plain text.
func FuzzJobSummaries(f *testing.F) {
	f.Add([]byte(`[{"id":"0123456789abcdef","state":"done","tasks_done":1,"tasks_total":1,"frames_done":1,"frames":1}]`))
	f.Add([]byte(`[{"id":"0123456789abcdef","state":"\u001b[31m","tasks_done":-1}]`))
	f.Add([]byte(`[{}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var sums []JobSummary
		if json.Unmarshal(b, &sums) != nil {
			return
		}
		for _, s := range sums {
			if s.Check() != nil {
				continue
			}
			if _, err := ParseJobID(s.ID); err != nil || !s.State.Final() && s.State != JobQueued && s.State != JobRunning && s.State != JobPaused {
				t.Fatalf("%+v checks", s)
			}
			if s.Done > s.Total || s.FramesDone > s.Frames || s.Done < 0 || s.FramesDone < 0 {
				t.Fatalf("%+v checks with counts out of range", s)
			}
		}
	})
}
