package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// InspectRequest asks a node to read a scene already uploaded to it
// (POST /v1/inspect), with its own renderer: Blender in its sandbox for a
// .blend, the path tracer for glTF. The app asks this rather than starting
// a renderer of its own.
type InspectRequest struct {
	// Scene is the uploaded scene's sha256 (hex), as Upload returns it.
	Scene string `json:"scene"`
	// SceneName is the scene's file name: its extension says what it is.
	SceneName string `json:"scene_name"`
	// Renderer reads it; empty picks it by SceneName's extension
	// (SceneRenderer).
	Renderer string `json:"renderer,omitempty"`
	// Tiles is the grid the job would use; nil picks it as submit does
	// for the scene's resolution (DefaultTiles).
	Tiles *tiler.Grid `json:"tiles,omitempty"`
}

// Inspection is what a scene is set to and uses, and how a job of it would
// be split, or why it would be refused: what `conun inspect` prints and
// POST /v1/inspect answers.
type Inspection struct {
	Scene    string `json:"scene"`
	Renderer string `json:"renderer,omitempty"`
	// Node names the node that read the scene (POST /v1/inspect).
	Node  string             `json:"node,omitempty"`
	Info  renderer.SceneInfo `json:"info"`
	Tiles string             `json:"tiles"`
	Plan  *FramePlan         `json:"plan,omitempty"`
	// Split says in words how the frames would be made (Plan.Describe);
	// Refused, instead, why a job of these tiles would be refused.
	Split   string `json:"split,omitempty"`
	Refused string `json:"refused,omitempty"`
}

// FramePlan is how a job's frames are made, decided from what its scene
// uses (farm.PlanFrames): `conun inspect` and the app show it before
// anything is paid.
type FramePlan struct {
	// Passes are the raw render passes ("ViewLayer.Pass") each tile
	// carries when a finish task composites every stitched frame with the
	// scene's own compositor; empty when tiles carry finished pixels.
	Passes []string `json:"passes,omitempty"`
	// Adaptive keeps the scene's adaptive sampling (tiles overscan).
	Adaptive bool `json:"adaptive_sampling,omitempty"`
	// Denoise says the finish step denoises each stitched frame (guided by
	// the Denoising Albedo and Normal passes the tiles carry) before it
	// composites: tiles denoised one by one would show their seams. Only
	// nodes whose renderer has a denoiser (FeatureDenoise) finish them.
	Denoise bool `json:"denoise,omitempty"`
	// Dither is the scene's dither intensity, which an 8-bit frame the
	// farm stitches is rounded with (renderer.Dither), as Blender's own
	// render rounds it; 0 for none, or where Blender writes the frame (a
	// finish task, with the scene's own).
	Dither float32 `json:"dither,omitempty"`
	// Layers, for OpenEXR MultiLayer frames (FormatEXRLayers), is what
	// each frame's file holds; nil for a frame that is one image.
	Layers *LayersPlan `json:"layers,omitempty"`
	// WholeChecks has a spot check re-render its task whole, not crops
	// of it: the scene's regions rendered alone differ from its whole
	// frame (SceneUsage.WholeFrame), so crops would convict honest
	// workers. Its tasks are whole frames (TilesExact).
	WholeChecks bool `json:"whole_checks,omitempty"`
	// Alpha keeps the alpha channel in the PNG frames the farm writes,
	// every pixel opaque or not: the scene's colour mode is RGBA
	// (Blender's default), and Blender writes its frames so.
	Alpha bool `json:"alpha,omitempty"`
}

// LayersPlan is how the farm writes an OpenEXR MultiLayer frame, as
// Blender's own render writes it: every pass of every view layer rendered
// (stitched from the tiles, which carry them), then, for a composited
// scene, the composite (a finish task's) as "Composite.Combined".
type LayersPlan struct {
	// Passes are the view layers' passes the file holds ("ViewLayer.Pass",
	// SceneUsage.Layers).
	Passes []string `json:"passes"`
	// Channels are their channels, as Blender names them in the file
	// (SceneUsage.LayerChannels): each tile must hold exactly these, so
	// that no worker adds, drops or renames one. Empty where the
	// inspecting node did not say, or where the compositor reads a pass
	// beyond the list: the passes are checked by name then.
	Channels []string `json:"channels,omitempty"`
	// Composite says a finish task composites each frame, whose image
	// joins the passes.
	Composite bool `json:"composite,omitempty"`
	// Half writes colour passes as half floats (the scene's "Float
	// (Half)"); data passes stay 32-bit, as Blender keeps them.
	Half bool `json:"half,omitempty"`
	// Codec is the file's compression in Blender's names: NONE, RLE,
	// ZIPS or ZIP (LayersCodec).
	Codec string `json:"codec"`
}

// Finishes reports whether the plan has a finish task per frame: to
// composite (and denoise) the stitched passes, except for a multilayer
// frame of a scene that does not composite, which is its passes alone.
func (p FramePlan) Finishes() bool {
	return len(p.Passes) > 0 && (p.Layers == nil || p.Layers.Composite)
}

// Describe says in words how the frames of a job with tiles grid are made.
func (p FramePlan) Describe(grid tiler.Grid) string {
	switch {
	case p.Layers != nil && p.Layers.Composite:
		return fmt.Sprintf("%s tiles of every render pass (%s), stitched into an OpenEXR MultiLayer frame; one node runs the scene's compositor once per frame, checked by a second, and its image joins the passes as the Composite layer", grid, strings.Join(p.Passes, ", "))
	case p.Layers != nil:
		return fmt.Sprintf("%s tiles of every render pass (%s), stitched into an OpenEXR MultiLayer frame", grid, strings.Join(p.Passes, ", "))
	case grid.Cols*grid.Rows == 1 && len(p.Passes) > 0:
		return fmt.Sprintf("whole frames of raw render passes (%s); then one node finishes each frame as Blender's own render does (compositor, colour management, stamp, output), checked by a second", strings.Join(p.Passes, ", "))
	case grid.Cols*grid.Rows == 1:
		return "whole frames: each task renders and composites one frame as the scene says"
	case p.Denoise:
		return fmt.Sprintf("%s tiles of raw, noisy render passes (%s), stitched; then one node with a denoiser denoises and composites each frame whole, as Blender's own render does, checked by a second", grid, strings.Join(p.Passes, ", "))
	case len(p.Passes) > 0:
		return fmt.Sprintf("%s tiles of raw render passes (%s), stitched; then one node runs the scene's compositor once per frame, checked by a second, so a frame equals Blender's own render", grid, strings.Join(p.Passes, ", "))
	}
	return fmt.Sprintf("%s tiles of finished pixels, stitched", grid)
}

// SceneRenderer names the backend that reads a scene file, by its
// extension, or "" when conun cannot render that kind of file.
func SceneRenderer(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gltf", ".glb":
		return "pathtracer"
	case ".blend":
		return "blender"
	}
	return ""
}

// Inspect asks the node to read the uploaded scene req names with its own
// renderer and say what a job of it would be.
func (c *Client) Inspect(ctx context.Context, req InspectRequest) (Inspection, error) {
	var in Inspection
	body, err := json.Marshal(req)
	if err != nil {
		return in, err
	}
	err = c.do(ctx, http.MethodPost, "/v1/inspect", bytes.NewReader(body), &in)
	return in, err
}
