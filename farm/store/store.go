// Package store keeps a coordinator's jobs, accepted tasks, job events and
// small values of its own in a bbolt file, so that a coordinator killed at
// any moment resumes its jobs without rendering an accepted tile again.
//
// Writes go through one ordered queue served by a goroutine of the store's
// own, a batch per transaction: the coordinator queues them while it holds
// its lock (cheap) and never waits there for a disk sync. A caller that must
// know a write is durable before it acts (an accepted task, a new job) waits
// on the channel the write returns, after it has let go of its lock. Writes
// land in the order they were queued, so a later delete can never be undone
// by an earlier put, and what survives a crash is always a prefix of what
// was queued.
package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/conun/conun/farm/api"
)

// ErrClosed is returned for writes queued after Close.
var ErrClosed = errors.New("store closed")

// Store is the coordinator's database.
type Store struct {
	db  *bolt.DB
	log *slog.Logger

	mu      sync.Mutex
	queue   []op
	closed  bool
	wake    chan struct{} // signalled when queue grows or the store closes
	stopped chan struct{} // closed when the writer has drained the queue and ended
}

// op is one queued write.
type op struct {
	what  string // for the log, e.g. "task 3 of job ab12"
	apply func(tx *bolt.Tx) error
	done  chan error // buffered; nil when nobody waits
}

var (
	bucketJobs = []byte("jobs")
	bucketMeta = []byte("meta") // the coordinator's own state: reputation, wallet
)

// maxBatch bounds the writes committed in one transaction.
const maxBatch = 1024

// Open opens (or creates) the database at path and starts its writer.
// log receives write failures nobody waits for; nil discards them. A
// damaged file is a *CorruptError (see check.go), never a panic.
func Open(path string, log *slog.Logger) (*Store, error) {
	db, err := openChecked(path, true)
	if err != nil {
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(bucketMeta); err != nil {
			return err
		}
		_, err := tx.CreateBucketIfNotExists(bucketJobs)
		return err
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Store{db: db, log: log, wake: make(chan struct{}, 1), stopped: make(chan struct{})}
	go s.writer()
	return s, nil
}

// Close writes everything queued, stops the writer and closes the file.
// Writes queued after it fail with ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		<-s.stopped
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.signal()
	<-s.stopped
	return s.db.Close()
}

func (s *Store) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// enqueue queues a write and returns the channel its result arrives on.
func (s *Store) enqueue(what string, apply func(tx *bolt.Tx) error) <-chan error {
	done := make(chan error, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		done <- ErrClosed
		return done
	}
	s.queue = append(s.queue, op{what: what, apply: apply, done: done})
	s.mu.Unlock()
	s.signal()
	return done
}

// writer commits queued writes in order, a batch per transaction, until
// the store is closed and the queue is empty.
func (s *Store) writer() {
	defer close(s.stopped)
	for {
		s.mu.Lock()
		n := min(len(s.queue), maxBatch)
		batch := s.queue[:n:n]
		s.queue = s.queue[n:]
		closed := s.closed
		s.mu.Unlock()
		if n == 0 {
			if closed {
				return
			}
			<-s.wake
			continue
		}
		s.commit(batch)
	}
}

// commit writes a batch in one transaction. If the transaction fails, the
// writes are tried one by one, so one bad write does not sink the others.
func (s *Store) commit(batch []op) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, o := range batch {
			if err := o.apply(tx); err != nil {
				return fmt.Errorf("%s: %w", o.what, err)
			}
		}
		return nil
	})
	if err == nil {
		for _, o := range batch {
			o.done <- nil
		}
		return
	}
	if len(batch) == 1 {
		s.log.Error("store write", "what", batch[0].what, "err", err)
		batch[0].done <- err
		return
	}
	for _, o := range batch {
		s.commit([]op{o})
	}
}

// JobRecord is a job as stored.
type JobRecord struct {
	Spec     api.JobSpec  `json:"spec"`
	State    api.JobState `json:"state"`
	Error    string       `json:"error,omitempty"`
	Created  time.Time    `json:"created"`
	Finished time.Time    `json:"finished,omitzero"`
	Frames   []int        `json:"frames,omitempty"` // frames written to disk
	// Settlement is set once the job is paid on the chain.
	Settlement *api.SettlementRecord `json:"settlement,omitempty"`
	// MinVersion is the oldest renderer version that can render the scene.
	MinVersion string `json:"min_version,omitempty"`
	// Release is the renderer release the job is bound to.
	Release string `json:"release,omitempty"`
	// Needs is a feature the scene needs of a node's renderer.
	Needs string `json:"needs,omitempty"`
	// Convictions are the nodes caught cheating in the job, with the
	// evidence and their signed results: a restarted coordinator still
	// slashes them at settlement.
	Convictions []api.Conviction `json:"convictions,omitempty"`
	// PassNames are the raw passes a composited scene's tiles carry;
	// Adaptive keeps its adaptive sampling.
	PassNames []string `json:"pass_names,omitempty"`
	Adaptive  bool     `json:"adaptive,omitempty"`
	// Dither is the intensity the job's stitched 8-bit frames are
	// rounded with (api.FramePlan.Dither).
	Dither float32 `json:"dither,omitempty"`
	// Layers is how its OpenEXR MultiLayer frames are written
	// (api.FramePlan.Layers).
	Layers *api.LayersPlan `json:"layers,omitempty"`
	// WholeChecks has its checks re-render tasks whole
	// (api.FramePlan.WholeChecks).
	WholeChecks bool `json:"whole_checks,omitempty"`
	// Alpha keeps an alpha channel in its PNG frames
	// (api.FramePlan.Alpha); Denoise has its finishes denoise
	// (api.FramePlan.Denoise).
	Alpha   bool `json:"alpha,omitempty"`
	Denoise bool `json:"denoise,omitempty"`
	// TilesCollected is set once the finished job's tiles were deleted
	// (NodeConfig.Retention): its frames and records stay.
	TilesCollected bool `json:"tiles_collected,omitempty"`
	// Receipts are the latest receipt signed for each worker (on a chain).
	Receipts []api.Receipt `json:"receipts,omitempty"`
	// ReceiptsTaken is, by worker address, how many tasks the latest
	// receipt the worker took covers.
	ReceiptsTaken map[string]uint64 `json:"receipts_taken,omitempty"`
	// Failed maps the job's failed tasks (every node that could render
	// them failed) to why: their frames are left out until requeued.
	Failed map[int]string `json:"failed_tasks,omitempty"`
	// Unfunded marks a job whose budget was never locked: awaiting
	// approval of its preview, or ended before it (nothing to settle);
	// ApproveError is why its latest approve failed.
	Unfunded     bool   `json:"unfunded,omitempty"`
	ApproveError string `json:"approve_error,omitempty"`
}

// TaskRecord is an accepted task as stored; the tile's pixels are the blob
// Hash, so the frame can be assembled again after a crash.
type TaskRecord struct {
	Node     string        `json:"node"`
	Seconds  float64       `json:"seconds"`
	Hash     string        `json:"hash"`
	Attempts int           `json:"attempts"`
	Price    api.Tokens    `json:"price,omitzero"`
	Addr     string        `json:"addr,omitempty"`
	Verdict  api.Verdict   `json:"verdict,omitempty"`
	Evidence *api.Evidence `json:"evidence,omitempty"`
	// Result is the worker's signed result (on a chain).
	Result *api.SignedResult `json:"result,omitempty"`
	// Receipted is set once the task is in its worker's receipt, and
	// ReceiptSeq is its place in the receipt's chain of results (how
	// many tasks the receipt that added it covers).
	Receipted  bool   `json:"receipted,omitempty"`
	ReceiptSeq uint64 `json:"receipt_seq,omitempty"`
	// Build is the worker's renderer build: a check of the tile after a
	// restart goes to nodes of its release.
	Build string `json:"build,omitempty"`
}

func taskBucket(id string) []byte  { return []byte("tasks/" + id) }
func eventBucket(id string) []byte { return []byte("events/" + id) }

func taskKey(i int) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(i))
	return k[:]
}

// PutJob queues a job's record.
func (s *Store) PutJob(id string, r JobRecord) <-chan error {
	b, err := json.Marshal(r)
	return s.enqueue("job "+id, func(tx *bolt.Tx) error {
		if err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists(taskBucket(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketJobs).Put([]byte(id), b)
	})
}

// PutTask queues an accepted task's record.
func (s *Store) PutTask(id string, index int, r TaskRecord) <-chan error {
	b, err := json.Marshal(r)
	return s.enqueue(fmt.Sprintf("task %d of job %s", index, id), func(tx *bolt.Tx) error {
		if err != nil {
			return err
		}
		bk, err := tx.CreateBucketIfNotExists(taskBucket(id))
		if err != nil {
			return err
		}
		return bk.Put(taskKey(index), b)
	})
}

// DeleteTask queues forgetting an accepted task (its worker was convicted).
func (s *Store) DeleteTask(id string, index int) <-chan error {
	return s.enqueue(fmt.Sprintf("delete task %d of job %s", index, id), func(tx *bolt.Tx) error {
		if bk := tx.Bucket(taskBucket(id)); bk != nil {
			return bk.Delete(taskKey(index))
		}
		return nil
	})
}

// PutMeta queues a small named value of the coordinator's own.
func (s *Store) PutMeta(key string, value []byte) <-chan error {
	value = append([]byte(nil), value...)
	return s.enqueue("meta "+key, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte(key), value) })
}

// DeleteMeta queues the removal of a value kept with PutMeta.
func (s *Store) DeleteMeta(key string) <-chan error {
	return s.enqueue("meta "+key, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete([]byte(key)) })
}

// Meta reads a value kept with PutMeta (nil when there is none). It reads
// what is committed: a value still queued is not seen.
func (s *Store) Meta(key string) []byte {
	var out []byte
	s.db.View(func(tx *bolt.Tx) error {
		out = append(out, tx.Bucket(bucketMeta).Get([]byte(key))...)
		return nil
	})
	return out
}

// MetaKeys lists the committed meta keys that start with prefix, in order.
func (s *Store) MetaKeys(prefix string) []string {
	var out []string
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
			out = append(out, string(k))
		}
		return nil
	})
	return out
}

// MetaScan calls f with each committed meta key that starts with prefix
// and its value, in key order, all read in one transaction. The value is
// the database's own memory: f must copy what it keeps of it.
func (s *Store) MetaScan(prefix string, f func(key string, value []byte)) {
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		for k, v := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, v = c.Next() {
			f(string(k), v)
		}
		return nil
	})
}

// DeleteMetaPrefix queues the removal of every meta value whose key starts
// with prefix, in one transaction.
func (s *Store) DeleteMetaPrefix(prefix string) <-chan error {
	return s.enqueue("meta "+prefix+"*", func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		// Seek again after each delete: a bbolt cursor's Next after a
		// Delete skips the key that followed.
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Seek([]byte(prefix)) {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutEvent queues a job's event. Events are history, not state: nothing
// is decided from them, so nobody waits for them, and a crash may lose
// the last few. Progress events are not kept at all: they are many and
// only mean something while the render runs.
func (s *Store) PutEvent(job string, e api.Event) {
	if e.Type == api.EventProgress {
		return
	}
	v, err := json.Marshal(e)
	s.enqueue("event of job "+job, func(tx *bolt.Tx) error {
		if err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(eventBucket(job))
		if err != nil {
			return err
		}
		// Keys are the bucket's own sequence, not the event's number:
		// numbers start again from the kept events after a restart.
		n, err := b.NextSequence()
		if err != nil {
			return err
		}
		return b.Put(binary.BigEndian.AppendUint64(nil, n), v)
	})
}

// Events reads a job's kept events in order.
func (s *Store) Events(id string) ([]api.Event, error) {
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

// ErrNotFound is returned for a job the store does not hold.
var ErrNotFound = errors.New("not in the store")

// Job is a job and its accepted tasks as loaded from the store.
type Job struct {
	ID    string
	Rec   JobRecord
	Tasks map[int]TaskRecord
}

// LoadActive reads the jobs that have not ended, with their accepted tasks,
// in the order they were created: what a restarted coordinator resumes.
// Finished jobs stay on disk and are read one at a time (Job) when asked
// for, so a coordinator's start and memory do not grow with its history.
func (s *Store) LoadActive() ([]Job, error) {
	var out []Job
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJobs).ForEach(func(k, v []byte) error {
			var rec JobRecord
			if err := json.Unmarshal(v, &rec); err != nil {
				return fmt.Errorf("job %s: %w", k, err)
			}
			if rec.State.Final() {
				return nil
			}
			sj, err := loadTasks(tx, string(k), rec)
			out = append(out, sj)
			return err
		})
	})
	sortJobs(out)
	return out, err
}

// Job reads one job with its accepted tasks.
func (s *Store) Job(id string) (Job, error) {
	var sj Job
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketJobs).Get([]byte(id))
		if v == nil {
			return fmt.Errorf("job %s: %w", id, ErrNotFound)
		}
		var rec JobRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("job %s: %w", id, err)
		}
		var err error
		sj, err = loadTasks(tx, id, rec)
		return err
	})
	return sj, err
}

// Has reports whether the store holds job id (committed).
func (s *Store) Has(id string) bool {
	var ok bool
	s.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketJobs).Get([]byte(id)) != nil
		return nil
	})
	return ok
}

// Records returns every job's record (without tasks), oldest first.
func (s *Store) Records() ([]Job, error) {
	var out []Job
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJobs).ForEach(func(k, v []byte) error {
			sj := Job{ID: string(k)}
			if err := json.Unmarshal(v, &sj.Rec); err != nil {
				return fmt.Errorf("job %s: %w", k, err)
			}
			out = append(out, sj)
			return nil
		})
	})
	sortJobs(out)
	return out, err
}

func loadTasks(tx *bolt.Tx, id string, rec JobRecord) (Job, error) {
	sj := Job{ID: id, Rec: rec, Tasks: make(map[int]TaskRecord)}
	bk := tx.Bucket(taskBucket(id))
	if bk == nil {
		return sj, nil
	}
	err := bk.ForEach(func(k, v []byte) error {
		var tr TaskRecord
		if len(k) != 4 || json.Unmarshal(v, &tr) != nil {
			return fmt.Errorf("job %s: corrupt task record", id)
		}
		sj.Tasks[int(binary.BigEndian.Uint32(k))] = tr
		return nil
	})
	return sj, err
}

func sortJobs(js []Job) {
	sort.SliceStable(js, func(a, b int) bool { return js[a].Rec.Created.Before(js[b].Rec.Created) })
}
