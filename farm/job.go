// Package farm is the render cluster: gossip membership and node metadata,
// the scheduler and the coordinator's job state machine, node-to-node RPC, the
// content-addressed blob store, and the client API that the CLI, the demo and
// the GUI all talk to.
package farm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/conun/conun/tiler"
)

// ErrBadJob is wrapped by every error that rejects a job spec, so the client
// API can answer 400 with the reason.
var ErrBadJob = errors.New("bad job")

// JobSpec is everything that decides a job's pixels and its price. Its hash
// is the job's identity.
type JobSpec struct {
	// Scene is the sha256 (hex) of the scene blob, uploaded before submit.
	Scene string `json:"scene"`
	// SceneName is the scene's file name; its extension picks the loader.
	SceneName string `json:"scene_name"`
	// Renderer is the backend's name, e.g. "pathtracer".
	Renderer   string           `json:"renderer"`
	Frames     tiler.Frames     `json:"frames"`
	Resolution tiler.Resolution `json:"resolution"`
	Samples    int              `json:"samples"`
	Seed       uint64           `json:"seed"`
	Tiles      tiler.Grid       `json:"tiles"`
	// Depth is the output PNG's bits per channel: 8 or 16.
	Depth int `json:"depth"`
	// Format is the frames' file format: "png" (the default, also "") or
	// "exr": linear, scene-referred 32-bit float OpenEXR, for compositing;
	// Depth does not apply to it.
	Format string `json:"format,omitempty"`
	// Budget is the most the requester will pay for the job, in tokens;
	// 0 means no limit. It is locked in escrow once the chain is wired in.
	Budget float64 `json:"budget,omitempty"`
	// VerifyRate is the fraction of tasks spot-checked by re-rendering,
	// 0 to 1; used once the verifier is wired in.
	VerifyRate float64 `json:"verify_rate,omitempty"`
	// Device, when set, asks for a compute device class ("CPU", "CUDA",
	// "OPTIX", "HIP", "METAL"): only nodes whose renderer version names it
	// ("blender-3.4.1/cycles-cuda") get the job's tasks.
	Device string `json:"device,omitempty"`
	// Denoise asks for the renderer's denoiser; only nodes whose renderer
	// version advertises one ("+oidn") get the job's tasks.
	Denoise bool `json:"denoise,omitempty"`
	// RendererVersion, when set, restricts the job to nodes running exactly
	// this version of the renderer (for pixel-exact continuity).
	RendererVersion string `json:"renderer_version,omitempty"`
	// MaxPrice, when above 0, excludes nodes asking more per task.
	MaxPrice float64 `json:"max_price,omitempty"`
	// Priority orders a coordinator's jobs: higher first, then oldest.
	Priority int `json:"priority,omitempty"`
	// Nonce tells apart two submissions of the same spec.
	Nonce string `json:"nonce,omitempty"`
}

// badJob marks an error from another package's validation as ErrBadJob
// without adding a second "bad ..." prefix to its message.
type badJob struct{ err error }

func (e badJob) Error() string   { return e.err.Error() }
func (e badJob) Unwrap() []error { return []error{ErrBadJob, e.err} }

// MaxSamples bounds samples per pixel; far beyond what any job needs.
const MaxSamples = 1 << 16

// Validate checks the spec's fields on their own; the coordinator also checks
// them against the scene (frame range) at submit.
func (s JobSpec) Validate() error {
	if len(s.Scene) != 64 || strings.Trim(s.Scene, "0123456789abcdef") != "" {
		return fmt.Errorf("%w: scene %q is not a sha256 hex digest", ErrBadJob, s.Scene)
	}
	if s.SceneName == "" || path.Base(s.SceneName) != s.SceneName {
		return fmt.Errorf("%w: scene name %q must be a plain file name", ErrBadJob, s.SceneName)
	}
	if s.Renderer == "" {
		return fmt.Errorf("%w: no renderer named", ErrBadJob)
	}
	for _, err := range []error{s.Frames.Validate(), s.Resolution.Validate(), s.Tiles.Validate()} {
		if err != nil {
			return badJob{err}
		}
	}
	if s.Samples < 1 || s.Samples > MaxSamples {
		return fmt.Errorf("%w: samples %d: must be between 1 and %d", ErrBadJob, s.Samples, MaxSamples)
	}
	if !(s.Budget >= 0) || s.Budget > 1e18 {
		return fmt.Errorf("%w: budget %v: must be between 0 and 1e18", ErrBadJob, s.Budget)
	}
	if !(s.MaxPrice >= 0) {
		return fmt.Errorf("%w: max price %v: must be >= 0", ErrBadJob, s.MaxPrice)
	}
	if s.Priority < -1000 || s.Priority > 1000 {
		return fmt.Errorf("%w: priority %d: must be between -1000 and 1000", ErrBadJob, s.Priority)
	}
	if !(s.VerifyRate >= 0 && s.VerifyRate <= 1) {
		return fmt.Errorf("%w: verify rate %v: must be between 0 and 1", ErrBadJob, s.VerifyRate)
	}
	switch strings.ToUpper(s.Device) {
	case "", "CPU", "CUDA", "OPTIX", "HIP", "METAL", "ONEAPI":
	default:
		return fmt.Errorf("%w: device %q: want CPU, CUDA, OPTIX, HIP, METAL or ONEAPI", ErrBadJob, s.Device)
	}
	if s.Format != "" && s.Format != FormatPNG && s.Format != FormatEXR {
		return fmt.Errorf("%w: format %q: want png or exr", ErrBadJob, s.Format)
	}
	if s.Depth != 8 && s.Depth != 16 {
		return fmt.Errorf("%w: depth %d: must be 8 or 16", ErrBadJob, s.Depth)
	}
	return nil
}

// Hash is the sha256 of the spec's JSON encoding. Field order is fixed by the
// struct, so the same spec always hashes the same.
func (s JobSpec) Hash() string {
	b, _ := json.Marshal(s) // a struct of plain fields cannot fail to encode
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ID is the job's short identity: the first 16 hex digits of Hash.
func (s JobSpec) ID() string { return s.Hash()[:16] }

// JobState is a job's place in its life.
type JobState string

// The job states. A job moves queued -> running -> done, or to failed or
// cancelled from either of the first two.
const (
	JobQueued    JobState = "queued"
	JobRunning   JobState = "running"
	JobDone      JobState = "done"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

var jobMoves = map[JobState][]JobState{
	JobQueued:  {JobRunning, JobFailed, JobCancelled},
	JobRunning: {JobDone, JobFailed, JobCancelled},
}

// Final reports whether the state is one a job never leaves.
func (s JobState) Final() bool { return len(jobMoves[s]) == 0 }

// TaskState is a task's place in its life.
type TaskState string

// The task states. A task moves pending -> leased -> done; a lost lease
// (expired, or its node died or failed) moves it back to pending, and so
// does a done task whose worker a spot check convicted. A task of a
// cancelled or failed job moves to cancelled.
const (
	TaskPending   TaskState = "pending"
	TaskLeased    TaskState = "leased"
	TaskDone      TaskState = "done"
	TaskCancelled TaskState = "cancelled"
)

var taskMoves = map[TaskState][]TaskState{
	TaskPending: {TaskLeased, TaskCancelled},
	TaskLeased:  {TaskDone, TaskPending, TaskCancelled},
	TaskDone:    {TaskPending}, // rejected by a check: rendered again
}

// canMove reports whether the state machine allows from -> to.
func canMove[S comparable](moves map[S][]S, from, to S) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// move changes *state to to, or returns an error naming the illegal
// transition: a bug in the coordinator, never a user's mistake.
func move[S ~string](moves map[S][]S, state *S, to S) error {
	if !canMove(moves, *state, to) {
		return fmt.Errorf("illegal transition %s -> %s", *state, to)
	}
	*state = to
	return nil
}
