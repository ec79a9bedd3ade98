package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/conun/conun/tiler"
)

// A preview pass: a job submitted with Preview first renders every frame
// cheaply (Blender's Workbench engine for .blend scenes, the gl-raster
// renderer for glTF), unpaid and unchecked, and waits in JobAwaiting for
// its requester to look at the frames and approve it, which locks the
// budget and queues the real job, or to reject it, which ends it with
// nothing locked.

// RendererGLRaster is the renderer kind of glTF previews: classic OpenGL
// rasterization, no global illumination.
const RendererGLRaster = "gl-raster"

// PreviewMaxWidth and PreviewMaxHeight cap a preview frame's size (the
// aspect ratio is kept); PreviewMaxSamples caps its samples. Workers refuse
// preview tasks beyond them: a preview is unpaid, so a coordinator must not
// pass a real render off as one.
const (
	PreviewMaxWidth   = 640
	PreviewMaxHeight  = 640
	PreviewMaxSamples = 16
)

// EventPreviewReady is sent on a job awaiting approval when its preview
// pass ended (Message says how, and names the preview job).
const EventPreviewReady EventType = "preview_ready"

// EventPreviewProgress is sent on a job awaiting approval while its
// preview pass renders: once when the pass is queued (0 frames done) and
// after each of its frames, with Event.Preview counting them and Message
// saying it for people ("preview: 7/24 frames"). The job's own Done and
// Total stay its real tasks', none of which runs before approval.
const EventPreviewProgress EventType = "preview_progress"

// PreviewProgress counts a preview pass's frames, on EventPreviewProgress.
type PreviewProgress struct {
	// ID is the preview pass's job id (its frames are served under it).
	ID    string `json:"id"`
	Done  int    `json:"frames_done"`
	Total int    `json:"frames_total"`
}

// String says it as the CLI and the app show it: "preview: 7/24 frames".
func (p PreviewProgress) String() string {
	return fmt.Sprintf("preview: %d/%s", p.Done, Count(p.Total, "frame"))
}

// EventApproved is sent when the requester approved a job awaiting
// approval: its budget is locked and its tasks queued.
const EventApproved EventType = "approved"

// PreviewRenderer is the renderer a preview of a job with renderer r runs
// on: Blender's own (with its Workbench engine) for Blender, gl-raster for
// everything else (the glTF renderers).
func PreviewRenderer(r string) string {
	if r == "blender" {
		return r
	}
	return RendererGLRaster
}

// PreviewSpec is the spec of s's preview pass: the same scene and frames,
// one whole-frame task per frame at s's resolution capped to
// PreviewMaxWidth x PreviewMaxHeight, 8-bit PNG, no budget and no checks.
func (s JobSpec) PreviewSpec() JobSpec {
	res := s.Resolution
	if res.Width > PreviewMaxWidth || res.Height > PreviewMaxHeight {
		scale := min(float64(PreviewMaxWidth)/float64(res.Width), float64(PreviewMaxHeight)/float64(res.Height))
		res = tiler.Resolution{Width: max(1, int(float64(res.Width)*scale)), Height: max(1, int(float64(res.Height)*scale))}
	}
	return JobSpec{
		Scene: s.Scene, SceneName: s.SceneName, Renderer: PreviewRenderer(s.Renderer),
		Frames: s.Frames, Resolution: res, Samples: min(s.Samples, PreviewMaxSamples), Seed: s.Seed,
		Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8, Priority: s.Priority, Nonce: s.Nonce,
		PreviewOf: s.ID(),
	}
}

// ApproveStatus is what approving a job answers.
type ApproveStatus struct {
	ID    string   `json:"id"`
	State JobState `json:"state"`
	// Budget is what approving locked in the escrow (0 off a chain).
	Budget Tokens `json:"budget,omitzero"`
}

// Approve approves a job awaiting approval: its budget is locked and the
// real job queued. A failure to lock leaves it awaiting, with the reason.
func (c *Client) Approve(ctx context.Context, id string) (ApproveStatus, error) {
	var st ApproveStatus
	err := c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/approve", nil, &st)
	return st, err
}

// Reject ends a job awaiting approval with nothing locked (a cancel).
func (c *Client) Reject(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodPost, "/v1/jobs/"+id+"/reject", nil, nil)
}
