package api

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"net/http"
)

// Estimate is what a job would take and cost on the cluster as it is now,
// predicted from a few small sample crops rendered before any budget is
// locked (POST /v1/estimate): nothing is created, nothing is paid.
//
// The times are a slot's render seconds, as workers report them for each
// task (Report.Tasks' render_seconds), so a prediction can be compared with
// the job's report afterwards; Low and High bound each from the cheapest
// and the dearest sample crop per pixel.
type Estimate struct {
	// Tasks is how many tasks the job splits into (tiles, and a finish
	// step per frame for a composited scene): what its price is paid for.
	Tasks int `json:"tasks"`
	// SampledOn names the nodes that rendered the sample crops (comma
	// separated), and Sampling how: "cluster" (on the members that may
	// render the job, each timing the same windows) or "local" (on the
	// node answering alone, when no member may render it or none answered).
	SampledOn string `json:"sampled_on"`
	Sampling  string `json:"sampling"`
	// Members are the members the prediction spread the tasks over, each
	// with its measured (or, not sampled, predicted) speed and the tasks
	// it would get.
	Members []EstimateMember `json:"members,omitempty"`
	// Samples are the crops rendered, each with its time.
	Samples []EstimateSample `json:"samples"`
	// OverheadSeconds is a task's fixed cost: the time of a 1x1-pixel
	// render (the renderer's start-up and the scene's load).
	OverheadSeconds float64 `json:"overhead_seconds"`
	// RenderSeconds is the predicted sum of the tasks' render seconds on
	// the members predicted to render them; CPUSeconds is each task's
	// time alone there times the cores its member's samples really kept
	// busy (CPU time over their seconds; every thread for a renderer whose
	// process outlives a render, such as Blender's warm one).
	// Threads is how many a sample render used.
	RenderSeconds     float64 `json:"render_seconds"`
	RenderSecondsLow  float64 `json:"render_seconds_low"`
	RenderSecondsHigh float64 `json:"render_seconds_high"`
	CPUSeconds        float64 `json:"cpu_seconds"`
	Threads           int     `json:"threads"`
	// WallSeconds is the predicted time from submission to the last task
	// on the members that may render the job now (Nodes of them, with
	// Slots slots in all), each member's time scaled by the cores a slot
	// gets on its machine (members on one host share its cores) against
	// the threads of the samples.
	WallSeconds     float64 `json:"wall_seconds"`
	WallSecondsLow  float64 `json:"wall_seconds_low"`
	WallSecondsHigh float64 `json:"wall_seconds_high"`
	Nodes           int     `json:"nodes"`
	Slots           int     `json:"slots"`
	// Cost is what the tasks would pay at the members' advertised prices
	// as the prediction spreads them; CostLow and CostHigh are every task
	// at the cheapest and at the dearest eligible member (a budget leaves
	// out the members asking more than its share a task). CostHigh is a
	// budget that covers the job whoever renders it (checks are not paid
	// from the budget).
	Cost     Tokens `json:"cost"`
	CostLow  Tokens `json:"cost_low"`
	CostHigh Tokens `json:"cost_high"`
	// Notes say what the numbers leave out or what stands in the job's
	// way (no member may render it, within its budget's price a task).
	Notes []string `json:"notes,omitempty"`
}

// EstimateMember is one member's part in an estimate.
type EstimateMember struct {
	ID string `json:"id"`
	// Sampled says the member timed the sample windows itself; false: its
	// speed is the sampled members' mean CPU time a pixel over its cores,
	// with a wider range.
	Sampled bool `json:"sampled"`
	// Threads is what its renders use (as it answered; its cores when not
	// sampled).
	Threads int `json:"threads"`
	// SecondsPerPixel is its mean render seconds a pixel, alone on its
	// machine, beyond a task's fixed cost (OverheadSeconds).
	SecondsPerPixel float64 `json:"seconds_per_pixel"`
	OverheadSeconds float64 `json:"overhead_seconds"`
	// Tasks is how many of the job's tasks the prediction gave it.
	Tasks int `json:"tasks"`
}

// EstimateSample is one sample crop of an estimate, timed on Node.
type EstimateSample struct {
	Node    string          `json:"node,omitempty"`
	Frame   int             `json:"frame"`
	Rect    image.Rectangle `json:"rect"`
	Seconds float64         `json:"seconds"`
}

// Estimate asks the node what the job of spec (its scene uploaded) would
// take and cost; no job is created and no budget is locked.
func (c *Client) Estimate(ctx context.Context, spec JobSpec) (Estimate, error) {
	var est Estimate
	body, err := json.Marshal(spec)
	if err != nil {
		return est, err
	}
	err = c.do(ctx, http.MethodPost, "/v1/estimate", bytes.NewReader(body), &est)
	return est, err
}
