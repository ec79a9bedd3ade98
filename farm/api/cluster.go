package api

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Jobs across the cluster (GET /v1/cluster/jobs, `conun jobs --cluster`):
// each coordinator answers for its own jobs with summaries only, and the
// node asked merges them. A summary leaves out the spec (the scene's hash,
// budget, who submitted it): it says no more about a job than a worker
// that rendered one of its tiles already knows.

// JobSummary is what a coordinator tells other members about one of its
// jobs.
type JobSummary struct {
	ID    string   `json:"id"`
	State JobState `json:"state"`
	Done  int      `json:"tasks_done"`
	Total int      `json:"tasks_total"`
	// FramesDone and Frames count the job's delivered frames and all its
	// frames.
	FramesDone int       `json:"frames_done"`
	Frames     int       `json:"frames"`
	Created    time.Time `json:"created"`
}

// Summarize is the summary of st that other members may see.
func Summarize(st JobStatus) JobSummary {
	return JobSummary{
		ID: st.ID, State: st.State, Done: st.Done, Total: st.Total,
		FramesDone: len(st.Frames), Frames: len(st.Spec.Frames.List()), Created: st.Created,
	}
}

// Check refuses a summary a member could not honestly have sent: an id
// that is not a job id, a state that is none, counts out of range. A
// listing shows remote text in a terminal, so nothing unchecked goes
// through.
func (s JobSummary) Check() error {
	if _, err := ParseJobID(s.ID); err != nil {
		return err
	}
	switch s.State {
	case JobQueued, JobRunning, JobPaused, JobAwaiting, JobDone, JobFailed, JobCancelled:
	default:
		return fmt.Errorf("job %s: state %q is none of a job's", s.ID, s.State)
	}
	if s.Done < 0 || s.Total < 0 || s.Done > s.Total || s.FramesDone < 0 || s.Frames < 0 || s.FramesDone > s.Frames {
		return fmt.Errorf("job %s: counts %d/%d tasks, %d/%d frames are out of range", s.ID, s.Done, s.Total, s.FramesDone, s.Frames)
	}
	return nil
}

// ClusterJob is one job in a listing across the cluster, with the
// coordinator that holds it.
type ClusterJob struct {
	JobSummary
	// Coordinator is the coordinator's node name, CoordinatorAddr its key's
	// address: as the asking node's gossip knows them, not as the
	// coordinator itself claims.
	Coordinator     string `json:"coordinator"`
	CoordinatorAddr string `json:"coordinator_addr"`
}

// CoordinatorAnswer is whether one coordinator answered a listing.
type CoordinatorAnswer struct {
	Name string `json:"name"`
	Addr string `json:"addr"`
	// Jobs is how many jobs it listed.
	Jobs int `json:"jobs"`
	// Error, when set, is why it is not answering (down, slow, refused):
	// its jobs are missing from the listing, which lists the rest.
	Error string `json:"error,omitempty"`
}

// ClusterJobs is GET /v1/cluster/jobs's answer.
type ClusterJobs struct {
	Jobs         []ClusterJob        `json:"jobs"`
	Coordinators []CoordinatorAnswer `json:"coordinators"`
}

// ClusterJobs lists the jobs of every coordinator in the node's cluster
// (an admin token's only: see openapi.yaml).
func (c *Client) ClusterJobs(ctx context.Context) (ClusterJobs, error) {
	var out ClusterJobs
	if err := c.do(ctx, http.MethodGet, "/v1/cluster/jobs", nil, &out); err != nil {
		return ClusterJobs{}, err
	}
	return out, nil
}
