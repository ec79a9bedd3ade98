package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/conun/conun/farm/api"
)

// LogsPerTask is how many of a task's latest leases keep their log: the
// failures before a success, or before it failed for good, are what an
// artist reads, and a task leased again and again must not grow the file.
const LogsPerTask = 3

func logBucket(id string) []byte { return []byte("logs/" + id) }

// PutLog queues one lease's log of a job's task, keeping the task's
// LogsPerTask latest. Logs are history: nobody needs to wait for them.
func (s *Store) PutLog(id string, l api.TaskLog) <-chan error {
	return s.enqueue(fmt.Sprintf("log of task %d of job %s", l.Task, id), func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(logBucket(id))
		if err != nil {
			return err
		}
		var logs []api.TaskLog
		if v := bk.Get(taskKey(l.Task)); v != nil {
			if err := json.Unmarshal(v, &logs); err != nil {
				logs = nil // a damaged record is replaced, not kept
			}
		}
		logs = append(logs, l)
		if len(logs) > LogsPerTask {
			logs = logs[len(logs)-LogsPerTask:]
		}
		b, err := json.Marshal(logs)
		if err != nil {
			return err
		}
		return bk.Put(taskKey(l.Task), b)
	})
}

// Logs reads the kept logs of a job's tasks that keep accepts (nil: all),
// by task, then lease.
func (s *Store) Logs(id string, keep func(l api.TaskLog) bool) ([]api.TaskLog, error) {
	var out []api.TaskLog
	err := s.db.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(logBucket(id))
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(k, v []byte) error {
			var logs []api.TaskLog
			if len(k) != 4 || json.Unmarshal(v, &logs) != nil {
				return fmt.Errorf("job %s: corrupt task log record %x", id, k)
			}
			for _, l := range logs {
				if keep == nil || keep(l) {
					out = append(out, l)
				}
			}
			return nil
		})
	})
	return out, err
}

// DeleteLogs queues forgetting a job's task logs (the retention's sweep).
func (s *Store) DeleteLogs(id string) <-chan error {
	return s.enqueue("logs of job "+id, func(tx *bolt.Tx) error {
		if tx.Bucket(logBucket(id)) == nil {
			return nil
		}
		return tx.DeleteBucket(logBucket(id))
	})
}
