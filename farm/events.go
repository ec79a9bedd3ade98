package farm

import (
	"context"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
)

// eventLog is an append-only list of events that readers can wait on.
type eventLog struct {
	mu      sync.Mutex
	events  []api.Event
	changed chan struct{} // closed and replaced on every append
}

func newEventLog() *eventLog { return &eventLog{changed: make(chan struct{})} }

// restoredEventLog is a log that starts with the events kept before a
// restart. Their numbers are made to run 1, 2, 3... again: the kept events
// leave out progress events (and a crash may have cost the last few), and
// readers ask for "the events after number n" by position.
func restoredEventLog(kept []api.Event) *eventLog {
	l := newEventLog()
	for i := range kept {
		kept[i].Seq = i + 1
	}
	l.events = kept
	return l
}

// append numbers and time-stamps e, adds it, and returns it as added.
func (l *eventLog) append(e api.Event) api.Event {
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
func (l *eventLog) last() (api.Event, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) == 0 {
		return api.Event{}, false
	}
	return l.events[len(l.events)-1], true
}

// since returns the events after seq, waiting until there is at least one or
// ctx ends. A seq past the log counts as its end (a reader's number from
// before a restart, which renumbers, or a made-up one), so it waits for the
// next event only; on a finished job, which has no next, it returns the
// final event again at once, so a reader never waits for what cannot come.
func (l *eventLog) since(ctx context.Context, seq int) ([]api.Event, error) {
	for {
		l.mu.Lock()
		if seq < len(l.events) {
			out := append([]api.Event(nil), l.events[max(seq, 0):]...)
			l.mu.Unlock()
			return out, nil
		}
		if n := len(l.events); n > 0 && l.events[n-1].Type == api.EventFinished {
			out := []api.Event{l.events[n-1]}
			l.mu.Unlock()
			return out, nil
		}
		seq = len(l.events)
		ch := l.changed
		l.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
