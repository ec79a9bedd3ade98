package api

import (
	"image"
	"time"

	"github.com/conun/conun/verifier"
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
	Checks map[Verdict]int `json:"checks,omitempty"`
	// Convicted lists the nodes caught cheating (evidence in the report).
	Convicted []string `json:"convicted,omitempty"`
	// Release is the renderer release every tile (and finish) of the job
	// comes from ("blender-4.3.2"), fixed at its first lease.
	Release string `json:"release,omitempty"`
	// Finishes counts the finish tasks among Total: one per frame of a
	// composited scene split into tiles, each running the scene's
	// compositor over the frame's stitched tiles; 0 for other jobs.
	Finishes int `json:"finish_tasks,omitempty"`
	// Partial is set on a done job some of whose frames failed (listed in
	// FailedFrames): the frames in Frames are delivered and paid, the
	// others can be requeued. State stays "done", so older clients read
	// a partial job as they did before.
	Partial bool `json:"partial,omitempty"`
	// FailedFrames are the frames left out because a task of theirs failed
	// on every node that could render it, with the reason.
	FailedFrames []FailedFrame `json:"failed_frames,omitempty"`
	// Preview, for a job submitted with a preview, is its preview pass:
	// a job of its own (fetch its frames by its ID), unpaid.
	Preview *PreviewStatus `json:"preview,omitempty"`
	// ApproveError, on a job awaiting approval, is why the latest approve
	// failed (the budget could not be locked).
	ApproveError string `json:"approve_error,omitempty"`
}

// PreviewStatus is where a job's preview pass stands.
type PreviewStatus struct {
	ID     string   `json:"id"`
	State  JobState `json:"state"`
	Error  string   `json:"error,omitempty"`
	Frames []int    `json:"frames_done"`
	// Total is how many frames the preview pass renders in all.
	Total int `json:"frames_total"`
}

// Progress counts the preview's frames, as EventPreviewProgress does.
func (p PreviewStatus) Progress() PreviewProgress {
	return PreviewProgress{ID: p.ID, Done: len(p.Frames), Total: p.Total}
}

// FailedFrame is a frame left out of a job, and why.
type FailedFrame struct {
	Frame int `json:"frame"`
	// Tasks are the frame's failed tasks (a tile, or the frame's finish).
	Tasks []int `json:"tasks"`
	// Reason is the first failed task's: how it failed, and the last
	// renderer error.
	Reason string `json:"reason"`
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
	// Finish marks a frame's finish task (its Rect is the whole frame):
	// the scene's compositor run once over the frame's accepted tiles.
	Finish bool   `json:"finish,omitempty"`
	Node   string `json:"node,omitempty"`
	// Seconds is the worker's own render time.
	Seconds  float64   `json:"render_seconds"`
	Attempts int       `json:"failed_attempts"`
	State    TaskState `json:"state"`
	// Verdict is the spot check's result for an accepted tile: passed,
	// unchecked, trusted (the coordinator's own), checking; rejected for a
	// tile whose worker was convicted (it is rendered again).
	Verdict Verdict `json:"verdict,omitempty"`
	// Evidence is the check's record, when the tile was checked.
	Evidence *Evidence `json:"evidence,omitempty"`
	// Hash is the sha256 of the PNG the worker returned.
	Hash string `json:"result_hash,omitempty"`
	// Reason is why a failed task failed.
	Reason string `json:"reason,omitempty"`
}

// NodeReport sums a node's accepted tasks in a Report.
type NodeReport struct {
	Node    string  `json:"node"`
	Tasks   int     `json:"tasks"`
	Seconds float64 `json:"render_seconds"`
}

// Evidence is the record of one check: what was compared, by whom, with
// what result. Its hash goes on chain with a slash.
type Evidence struct {
	Worker  string            `json:"worker"`
	Checker string            `json:"checker"`
	Arbiter string            `json:"arbiter,omitempty"`
	Crops   []image.Rectangle `json:"crops"`
	// Hashes are sha256s of the PNGs compared, in order: the worker's
	// tile, the checker's crops, the arbiter's crops (each party's crops
	// come as one PNG of the tile's size).
	Hashes  []string         `json:"hashes"`
	Verdict verifier.Verdict `json:"verdict"`
	// Arbitration is the arbiter's comparison with the worker, if any.
	Arbitration *verifier.Verdict `json:"arbitration,omitempty"`
	Convicted   string            `json:"convicted,omitempty"`
	// Unchecked is set when no comparison could be made (no checker, the
	// checker failed): the tile stands as unchecked, nobody is blamed.
	Unchecked bool `json:"unchecked,omitempty"`
	// WorkerAddress and Build are the worker's key and renderer build at
	// its lease; Result is its signed result of the checked tile (whose
	// hash is Hashes[0]).
	WorkerAddress string        `json:"worker_address,omitempty"`
	Build         string        `json:"build,omitempty"`
	Result        *SignedResult `json:"result,omitempty"`
	// Renders are the checker's and the arbiter's signed renders of the
	// crops, in that order: what holds each of them to its pixels.
	Renders []CheckRender `json:"renders,omitempty"`
}

// Conviction is a node found cheating in a job.
type Conviction struct {
	Node     string    `json:"node"`
	Address  string    `json:"address"`
	Task     int       `json:"task"`
	Evidence Evidence  `json:"evidence"`
	Time     time.Time `json:"time"`
	// Result is the convicted node's signed result of Task, when it signed
	// one (on a chain): a slash needs it.
	Result *SignedResult `json:"result,omitempty"`
	// Local marks a conviction on evidence only this coordinator could
	// check (a member that passed off another's work): it bars the node
	// here, and is neither announced nor slashed.
	Local bool `json:"local,omitempty"`
}
