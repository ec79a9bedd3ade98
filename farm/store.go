package farm

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/conun/conun/farm/api"
	bolt "go.etcd.io/bbolt"
)

// store keeps the coordinator's jobs and accepted tasks in a bbolt file, so
// that a coordinator killed at any moment resumes its jobs on restart without
// rendering an accepted tile again. Every write is a committed (fsynced)
// transaction before the coordinator acts on it.
type store struct {
	db *bolt.DB
}

var (
	bucketJobs = []byte("jobs")
	bucketMeta = []byte("meta") // the coordinator's own state: reputation
)

// jobRecord is a job as stored.
type jobRecord struct {
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
}

// taskRecord is an accepted task as stored; the tile's pixels are the blob
// Tile, so the frame can be assembled again after a crash.
type taskRecord struct {
	Node     string        `json:"node"`
	Seconds  float64       `json:"seconds"`
	Hash     string        `json:"hash"`
	Attempts int           `json:"attempts"`
	Price    float64       `json:"price,omitempty"`
	Addr     string        `json:"addr,omitempty"`
	Verdict  api.Verdict   `json:"verdict,omitempty"`
	Evidence *api.Evidence `json:"evidence,omitempty"`
}

func openStore(path string) (*store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w (is another node using this --data?)", path, err)
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
	return &store{db: db}, nil
}

func (s *store) close() error { return s.db.Close() }

func taskBucket(id string) []byte { return []byte("tasks/" + id) }

func taskKey(i int) []byte {
	var k [4]byte
	binary.BigEndian.PutUint32(k[:], uint32(i))
	return k[:]
}

// putJob writes a job's record.
func (s *store) putJob(id string, r jobRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucketIfNotExists(taskBucket(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketJobs).Put([]byte(id), b)
	})
}

// putTask records an accepted task.
func (s *store) putTask(id string, index int, r taskRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(taskBucket(id))
		if err != nil {
			return err
		}
		return bk.Put(taskKey(index), b)
	})
}

// deleteTask forgets an accepted task (its worker was convicted).
func (s *store) deleteTask(id string, index int) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if bk := tx.Bucket(taskBucket(id)); bk != nil {
			return bk.Delete(taskKey(index))
		}
		return nil
	})
}

// putMeta and getMeta keep small named values of the coordinator's own.
func (s *store) putMeta(key string, value []byte) error {
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put([]byte(key), value) })
}

func (s *store) getMeta(key string) []byte {
	var out []byte
	s.db.View(func(tx *bolt.Tx) error {
		out = append(out, tx.Bucket(bucketMeta).Get([]byte(key))...)
		return nil
	})
	return out
}

// storedJob is a job and its accepted tasks as loaded at start.
type storedJob struct {
	id    string
	rec   jobRecord
	tasks map[int]taskRecord
}

// load reads every job, in the order they were created.
func (s *store) load() ([]storedJob, error) {
	var out []storedJob
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketJobs).ForEach(func(k, v []byte) error {
			sj := storedJob{id: string(k), tasks: make(map[int]taskRecord)}
			if err := json.Unmarshal(v, &sj.rec); err != nil {
				return fmt.Errorf("job %s: %w", k, err)
			}
			if bk := tx.Bucket(taskBucket(sj.id)); bk != nil {
				err := bk.ForEach(func(k, v []byte) error {
					var tr taskRecord
					if len(k) != 4 || json.Unmarshal(v, &tr) != nil {
						return fmt.Errorf("job %s: corrupt task record", sj.id)
					}
					sj.tasks[int(binary.BigEndian.Uint32(k))] = tr
					return nil
				})
				if err != nil {
					return err
				}
			}
			out = append(out, sj)
			return nil
		})
	})
	sortJobs(out)
	return out, err
}

func sortJobs(js []storedJob) {
	sort.SliceStable(js, func(a, b int) bool { return js[a].rec.Created.Before(js[b].rec.Created) })
}
