package farm

// What the client API reads of the coordinator's jobs.

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/conun/conun/farm/api"
)

// framePath returns the file of a finished frame.
func (c *coordinator) framePath(id string, frame int) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	name, ok := j.frames[frame]
	if !ok {
		return "", fmt.Errorf("%w: job %s has no finished frame %d", ErrNoJob, id, frame)
	}
	return filepath.Join(c.cfg.DataDir, "jobs", id, name), nil
}

// status returns a job's status.
func (c *coordinator) status(id string) (api.JobStatus, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return api.JobStatus{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.status(), nil
}

// list returns every job's status, oldest first.
func (c *coordinator) list() []api.JobStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]api.JobStatus, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, c.jobs[id].status())
	}
	return out
}

func (c *coordinator) events(id string) (*eventLog, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.events, nil
}

// report returns a job's report.
func (c *coordinator) report(id string) (api.Report, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	j, ok := c.jobs[id]
	if !ok {
		return api.Report{}, fmt.Errorf("%w: %s", ErrNoJob, id)
	}
	return j.report(), nil
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
