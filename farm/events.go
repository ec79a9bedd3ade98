package farm

import (
	"context"
	"sync"
	"time"
)

// Event is one thing that happened to a job, in the order it happened. The
// CLI's progress bar and the GUI's live view are drawn from these.
type Event struct {
	Seq  int       `json:"seq"`
	Time time.Time `json:"time"`
	// Type is one of: submitted, leased, progress, done, checking, verdict,
	// requeued, frame, settled, finished.
	Type  string `json:"type"`
	Task  int    `json:"task"`
	Frame int    `json:"frame,omitempty"`
	Node  string `json:"node,omitempty"`
	// Progress is a leased task's completed fraction, for "progress".
	Progress float64 `json:"progress,omitempty"`
	// Verdict is a check's outcome, for "verdict": pass, fail, uncertain
	// or unchecked; Convicted names the node found cheating, if any.
	Verdict   string `json:"verdict,omitempty"`
	Convicted string `json:"convicted,omitempty"`
	// Message explains requeues and failures.
	Message string `json:"message,omitempty"`
	// Done and Total count the job's finished tasks after this event.
	Done  int      `json:"done"`
	Total int      `json:"total"`
	State JobState `json:"state"`
}

// eventLog is an append-only list of events that readers can wait on.
type eventLog struct {
	mu      sync.Mutex
	events  []Event
	changed chan struct{} // closed and replaced on every append
}

func newEventLog() *eventLog { return &eventLog{changed: make(chan struct{})} }

// restoredEventLog is a log that starts with the events kept before a
// restart. Their numbers are made to run 1, 2, 3... again: the kept events
// leave out progress events (and a crash may have cost the last few), and
// readers ask for "the events after number n" by position.
func restoredEventLog(kept []Event) *eventLog {
	l := newEventLog()
	for i := range kept {
		kept[i].Seq = i + 1
	}
	l.events = kept
	return l
}

// append numbers and time-stamps e, adds it, and returns it as added.
func (l *eventLog) append(e Event) Event {
	l.mu.Lock()
	defer l.mu.Unlock()
	e.Seq = len(l.events) + 1
	e.Time = time.Now()
	l.events = append(l.events, e)
	close(l.changed)
	l.changed = make(chan struct{})
	return e
}

// last returns the newest event, or false when there is none.
func (l *eventLog) last() (Event, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) == 0 {
		return Event{}, false
	}
	return l.events[len(l.events)-1], true
}

// since returns the events after seq, waiting until there is at least one or
// ctx ends.
func (l *eventLog) since(ctx context.Context, seq int) ([]Event, error) {
	for {
		l.mu.Lock()
		if seq < len(l.events) {
			out := append([]Event(nil), l.events[max(seq, 0):]...)
			l.mu.Unlock()
			return out, nil
		}
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
