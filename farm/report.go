package farm

import (
	"slices"
	"sort"
	"time"

	"github.com/conun/conun/farm/api"
)

func (j *job) status() api.JobStatus {
	st := api.JobStatus{
		ID: j.id, SpecHash: j.spec.Hash(), Spec: j.spec, State: j.state, Error: j.err,
		Done: j.done, Total: len(j.tasks), Frames: j.frameList(),
		Created: j.created, Finished: j.finished, Checks: map[api.Verdict]int{},
		Release: j.release, Finishes: len(j.finishes),
		FailedFrames: j.failedFrames(), ApproveError: j.approveErr,
	}
	st.Partial = j.state == api.JobDone && len(st.FailedFrames) > 0
	for _, t := range j.tasks {
		if t.state == api.TaskDone && t.verdict != "" {
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

func (j *job) report() api.Report {
	r := api.Report{
		JobID: j.id, SpecHash: j.spec.Hash(), SceneHash: j.spec.Scene, Spec: j.spec,
		State: j.state, Error: j.err, Settlement: j.settlement, Convictions: j.convictions,
	}
	nodes := map[string]*api.NodeReport{}
	for _, t := range j.tasks {
		tr := api.TaskReport{
			Index: t.index, Frame: t.tile.Frame, Finish: t.finish,
			Rect:  [4]int{t.tile.Rect.Min.X, t.tile.Rect.Min.Y, t.tile.Rect.Max.X, t.tile.Rect.Max.Y},
			State: t.state, Attempts: t.attempts, Reason: t.reason,
		}
		tr.Verdict = t.verdict
		if t.state == api.TaskDone {
			tr.Node, tr.Seconds, tr.Hash, tr.Evidence = t.node, t.seconds, t.hash, t.evidence
			n := nodes[t.node]
			if n == nil {
				n = &api.NodeReport{Node: t.node}
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
