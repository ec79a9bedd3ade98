package farm

// What the client API reads of the coordinator's jobs. Jobs that finished
// a while ago are no longer in memory (retention.go): they are read from
// the store, one at a time, as asked for.

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
)

// lookup returns job id from memory or, for a job that aged out of it,
// rebuilt from the store (a copy nobody else holds: the caller may read
// it without c.mu).
func (c *coordinator) lookup(id string, read func(j *job)) error {
	if _, err := api.ParseJobID(id); err != nil {
		return err // one spelling per job: memory and store keys are the canonical id
	}
	c.mu.Lock()
	if j, ok := c.jobs[id]; ok {
		defer c.mu.Unlock()
		read(j)
		return nil
	}
	c.mu.Unlock()
	sj, err := c.store.Job(id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	if err != nil {
		return err
	}
	read(c.jobFromStore(sj))
	return nil
}

// framePath returns the file of a finished frame.
func (c *coordinator) framePath(id string, frame int) (string, error) {
	var name string
	var ok bool
	if err := c.lookup(id, func(j *job) { name, ok = j.frames[frame] }); err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%w: job %s has no finished frame %d", ErrNoJob, id, frame)
	}
	return filepath.Join(c.cfg.DataDir, "jobs", id, name), nil
}

// status returns a job's status.
func (c *coordinator) status(id string) (api.JobStatus, error) {
	var st api.JobStatus
	err := c.lookup(id, func(j *job) { st = j.status() })
	if err == nil {
		c.previewOf(&st)
	}
	return st, err
}

// list returns a page of the jobs' statuses, oldest first: limit jobs
// (at most api.JobsPage; 0 means that many) after the first offset, of
// those keep accepts (nil: all).
func (c *coordinator) list(offset, limit int, keep func(id string) bool) ([]api.JobStatus, error) {
	if limit <= 0 || limit > api.JobsPage {
		limit = api.JobsPage
	}
	recs, err := c.store.Records()
	if err != nil {
		return nil, err
	}
	if keep != nil {
		recs = slices.DeleteFunc(recs, func(r store.Job) bool { return !keep(r.ID) })
	}
	if offset < 0 || offset > len(recs) {
		offset = len(recs)
	}
	recs = recs[offset:min(len(recs), offset+limit)]
	out := make([]api.JobStatus, 0, len(recs))
	for _, r := range recs {
		st, err := c.status(r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// events returns a job's event log: the live one, or the kept events of a
// job that aged out of memory (which end with its "finished").
func (c *coordinator) events(id string) (*eventLog, error) {
	var log *eventLog
	var err error
	lerr := c.lookup(id, func(j *job) {
		if log = j.events; log == nil {
			log, err = c.storedEvents(j)
		}
	})
	return log, cmp.Or(lerr, err)
}

// report returns a job's report.
func (c *coordinator) report(id string) (api.Report, error) {
	var rep api.Report
	err := c.lookup(id, func(j *job) { rep = j.report() })
	return rep, err
}

// frameList returns the finished frame numbers in order.
func (j *job) frameList() []int {
	out := make([]int, 0, len(j.frames))
	for f := range j.frames {
		out = append(out, f)
	}
	sort.Ints(out)
	return out
}
