package farm

import (
	"slices"
	"sort"
	"time"
)

// JobStatus is a job's state as the client API reports it.
type JobStatus struct {
	ID       string    `json:"id"`
	SpecHash string    `json:"spec_hash"`
	Spec     JobSpec   `json:"spec"`
	State    JobState  `json:"state"`
	Error    string    `json:"error,omitempty"`
	Done     int       `json:"tasks_done"`
	Total    int       `json:"tasks_total"`
	Frames   []int     `json:"frames_done"`
	Created  time.Time `json:"created"`
	Finished time.Time `json:"finished,omitzero"`
	// Checks counts accepted tasks by spot-check verdict (passed,
	// unchecked, trusted, checking).
	Checks map[string]int `json:"checks,omitempty"`
	// Convicted lists the nodes caught cheating (evidence in the report).
	Convicted []string `json:"convicted,omitempty"`
	// Release is the renderer release every tile of the job comes from
	// ("blender-4.3.2"), fixed at its first lease.
	Release string `json:"release,omitempty"`
}

func (j *job) status() JobStatus {
	st := JobStatus{
		ID: j.id, SpecHash: j.spec.Hash(), Spec: j.spec, State: j.state, Error: j.err,
		Done: j.done, Total: len(j.tasks), Frames: j.frameList(),
		Created: j.created, Finished: j.finished, Checks: map[string]int{},
		Release: j.release,
	}
	for _, t := range j.tasks {
		if t.state == TaskDone && t.verdict != "" {
			st.Checks[t.verdict]++
		}
	}
	for _, cv := range j.convictions {
		if !slices.Contains(st.Convicted, cv.Node) {
			st.Convicted = append(st.Convicted, cv.Node)
		}
	}
	return st
}

// Report is the record of a finished (or unfinished) job: who rendered what,
// how long it took, and what was accepted.
type Report struct {
	JobID       string       `json:"job_id"`
	SpecHash    string       `json:"spec_hash"`
	SceneHash   string       `json:"scene_hash"`
	Spec        JobSpec      `json:"spec"`
	State       JobState     `json:"state"`
	Error       string       `json:"error,omitempty"`
	Tasks       []TaskReport `json:"tasks"`
	Nodes       []NodeReport `json:"nodes"`
	Frames      []string     `json:"frames"`
	WallSeconds float64      `json:"wall_seconds"`
	// Settlement is what the job paid on the chain; absent without one.
	Settlement *SettlementRecord `json:"settlement,omitempty"`
	// Convictions are the nodes caught cheating, with the evidence.
	Convictions []Conviction `json:"convictions,omitempty"`
}

// TaskReport is one task's line in a Report.
type TaskReport struct {
	Index int    `json:"index"`
	Frame int    `json:"frame"`
	Rect  [4]int `json:"rect"` // x0, y0, x1, y1; origin top-left
	Node  string `json:"node,omitempty"`
	// Seconds is the worker's own render time.
	Seconds  float64   `json:"render_seconds"`
	Attempts int       `json:"failed_attempts"`
	State    TaskState `json:"state"`
	// Verdict is the spot check's result for an accepted tile: passed,
	// unchecked, trusted (the coordinator's own), checking; rejected for a
	// tile whose worker was convicted (it is rendered again).
	Verdict string `json:"verdict,omitempty"`
	// Evidence is the check's record, when the tile was checked.
	Evidence *Evidence `json:"evidence,omitempty"`
	// Hash is the sha256 of the PNG the worker returned.
	Hash string `json:"result_hash,omitempty"`
}

// NodeReport sums a node's accepted tasks in a Report.
type NodeReport struct {
	Node    string  `json:"node"`
	Tasks   int     `json:"tasks"`
	Seconds float64 `json:"render_seconds"`
}

func (j *job) report() Report {
	r := Report{
		JobID: j.id, SpecHash: j.spec.Hash(), SceneHash: j.spec.Scene, Spec: j.spec,
		State: j.state, Error: j.err, Settlement: j.settlement, Convictions: j.convictions,
	}
	nodes := map[string]*NodeReport{}
	for _, t := range j.tasks {
		tr := TaskReport{
			Index: t.index, Frame: t.tile.Frame,
			Rect:  [4]int{t.tile.Rect.Min.X, t.tile.Rect.Min.Y, t.tile.Rect.Max.X, t.tile.Rect.Max.Y},
			State: t.state, Attempts: t.attempts,
		}
		tr.Verdict = t.verdict
		if t.state == TaskDone {
			tr.Node, tr.Seconds, tr.Hash, tr.Evidence = t.node, t.seconds, t.hash, t.evidence
			n := nodes[t.node]
			if n == nil {
				n = &NodeReport{Node: t.node}
				nodes[t.node] = n
			}
			n.Tasks++
			n.Seconds += t.seconds
		}
		r.Tasks = append(r.Tasks, tr)
	}
	for _, n := range nodes {
		r.Nodes = append(r.Nodes, *n)
	}
	sort.Slice(r.Nodes, func(a, b int) bool { return r.Nodes[a].Node < r.Nodes[b].Node })
	for _, f := range j.frameList() {
		r.Frames = append(r.Frames, j.frames[f])
	}
	end := j.finished
	if end.IsZero() {
		end = time.Now()
	}
	r.WallSeconds = end.Sub(j.created).Seconds()
	return r
}
