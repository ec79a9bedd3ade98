package farm

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/conun/conun/farm/api"
	bolt "go.etcd.io/bbolt"
)

// Job events are kept in the store, so that a restarted coordinator's
// event stream still tells a job's whole story (which node rendered and
// checked which tile), and the live view of a job submitted before the
// restart is drawn complete. They are history, not state: nothing is
// decided from them, so they are written behind the coordinator's back, a
// batch per transaction, and a crash may lose the last few. "progress"
// events are not kept at all: they are many and only mean something while
// the render runs.

func eventBucket(id string) []byte { return []byte("events/" + id) }

// putEvents appends events to their jobs' event buckets in one transaction.
func (s *store) putEvents(evs []jobEvent) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, je := range evs {
			b, err := tx.CreateBucketIfNotExists(eventBucket(je.job))
			if err != nil {
				return err
			}
			v, err := json.Marshal(je.e)
			if err != nil {
				return err
			}
			// Keys are the bucket's own sequence, not the event's number:
			// numbers start again from the kept events after a restart.
			n, err := b.NextSequence()
			if err != nil {
				return err
			}
			if err := b.Put(binary.BigEndian.AppendUint64(nil, n), v); err != nil {
				return err
			}
		}
		return nil
	})
}

// events reads a job's kept events in order.
func (s *store) events(id string) ([]api.Event, error) {
	var out []api.Event
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(eventBucket(id))
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var e api.Event
			if len(k) != 8 || json.Unmarshal(v, &e) != nil {
				return fmt.Errorf("job %s: corrupt event record", id)
			}
			out = append(out, e)
			return nil
		})
	})
	return out, err
}

// jobEvent is an event on its way to the store.
type jobEvent struct {
	job string
	e   api.Event
}

// eventSaver writes events to the store from a goroutine of its own, so
// that emitting an event never waits for a disk sync while the coordinator
// holds its lock.
type eventSaver struct {
	st   *store
	log  *slog.Logger
	ch   chan jobEvent
	done chan struct{}
}

// maxEventBatch bounds the events written in one transaction.
const maxEventBatch = 256

func newEventSaver(st *store, log *slog.Logger) *eventSaver {
	s := &eventSaver{st: st, log: log, ch: make(chan jobEvent, 4096), done: make(chan struct{})}
	go s.loop()
	return s
}

// save queues an event. When the disk falls far behind, it waits.
func (s *eventSaver) save(job string, e api.Event) {
	if e.Type == api.EventProgress {
		return
	}
	s.ch <- jobEvent{job, e}
}

func (s *eventSaver) loop() {
	defer close(s.done)
	for je := range s.ch {
		batch := []jobEvent{je}
	drain:
		for len(batch) < maxEventBatch {
			select {
			case je, ok := <-s.ch:
				if !ok {
					break drain
				}
				batch = append(batch, je)
			default:
				break drain
			}
		}
		if err := s.st.putEvents(batch); err != nil {
			s.log.Error("record events", "events", len(batch), "err", err)
		}
	}
}

// close writes what is queued and stops; nothing may be saved after it.
func (s *eventSaver) close() {
	close(s.ch)
	<-s.done
}
