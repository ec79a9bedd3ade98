package farm

// The finish step. A scene whose compositor must see the whole frame
// (glare, blur, lens distortion: most production trees) cannot be
// composited tile by tile: each tile would glow, blur and distort on its
// own. Its tiles carry the raw render passes instead (tiles.go), which
// stitch exactly, and the coordinator runs the scene's own compositor,
// colour management and output once over the stitched frame, so the frame
// equals Blender's own whole-frame render. The coordinator is the
// requester's own node, trusted by the requester, so its finish needs no
// check; for the same reason such a job's tiles come from nodes of the
// coordinator's own renderer release (planPasses), whose compositor then
// reads passes of its own release.

import (
	"context"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// FramePlan is how a job's frames are made, decided from what its scene
// uses (PlanFrames): `conun inspect` shows it before anything is paid.
type FramePlan struct {
	// Passes are the raw render passes ("ViewLayer.Pass") each tile
	// carries when the coordinator composites every stitched frame with
	// the scene's own compositor; empty when tiles carry finished pixels.
	Passes []string `json:"passes,omitempty"`
	// Adaptive keeps the scene's adaptive sampling (tiles overscan).
	Adaptive bool `json:"adaptive_sampling,omitempty"`
	// Release is the renderer release every tile must come from (the
	// coordinator's, whose compositor finishes the frames); "" for any.
	Release string `json:"release,omitempty"`
	// Denoise says the finish step denoises each stitched frame (guided by
	// the Denoising Albedo and Normal passes the tiles carry) before it
	// composites: tiles denoised one by one would show their seams.
	Denoise bool `json:"denoise,omitempty"`
}

// Describe says in words how the frames of a job with tiles grid are made.
func (p FramePlan) Describe(grid tiler.Grid) string {
	switch {
	case grid.Cols*grid.Rows == 1:
		return "whole frames: each task renders and composites one frame as the scene says"
	case p.Denoise:
		return fmt.Sprintf("%s tiles of raw, noisy render passes (%s), stitched; the coordinator then denoises and composites each frame whole, as Blender's own render does", grid, strings.Join(p.Passes, ", "))
	case len(p.Passes) > 0:
		return fmt.Sprintf("%s tiles of raw render passes (%s), stitched; the coordinator then runs the scene's compositor once per frame, so a frame equals Blender's own render", grid, strings.Join(p.Passes, ", "))
	}
	return fmt.Sprintf("%s tiles of finished pixels, stitched", grid)
}

// PlanFrames decides how a job's frames are made: a scene that composites,
// split into tiles, renders raw passes and is finished by the coordinator
// (whose renderer rend must be able to); what tiles cannot reproduce is
// refused with the reason, never tiled silently.
func PlanFrames(spec api.JobSpec, rend renderer.Renderer, info renderer.SceneInfo) (FramePlan, error) {
	var plan FramePlan
	tiled := spec.Tiles.Cols*spec.Tiles.Rows > 1
	u := info.Usage
	if spec.Denoise && tiled && u == nil {
		return plan, fmt.Errorf("%w: %s: a denoised frame must be denoised whole, and %s cannot denoise stitched tiles: submit it with --tiles 1x1, or with --denoise=false", api.ErrBadJob, spec.SceneName, rend.Name())
	}
	if u == nil {
		return plan, nil
	}
	plan.Adaptive = u.AdaptiveSampling // the artist's setting; tiles overscan to stay exact
	if !tiled {
		return plan, nil // a whole frame composites (and denoises) in place
	}
	if fx := screenEffects(u.ScreenEffects); len(fx) > 0 {
		return plan, fmt.Errorf("%w: %s uses Eevee screen-space effects (%s), which see only the tile being rendered, so tiles would not match the whole frame: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName, strings.Join(fx, ", "))
	}
	if u.Sequencer {
		return plan, fmt.Errorf("%w: %s renders through its video sequencer, which works on whole frames: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName)
	}
	if !u.Compositing && !spec.Denoise {
		return plan, nil
	}
	if _, ok := rend.(renderer.Finisher); !ok {
		return plan, fmt.Errorf("%w: %s composites or denoises its frames, and this node's %s cannot finish stitched tiles: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName, rend.Name())
	}
	if d, ok := rend.(interface{ CanDenoise() bool }); spec.Denoise && (!ok || !d.CanDenoise()) {
		// A denoiser looks at its neighbours: denoised tiles would show
		// seams, so the stitched frame is denoised in the finish step.
		return plan, fmt.Errorf("%w: %s: a denoised frame split in tiles is denoised whole in the finish step on this node, whose %s has no OpenImageDenoise (Debian's Blender lacks it): submit it with --tiles 1x1, or with --denoise=false, or to a node whose Blender has it", api.ErrBadJob, spec.SceneName, rend.Name())
	}
	if len(u.Passes) == 0 {
		return plan, fmt.Errorf("%w: %s composites its frames but names no render pass to composite", api.ErrBadJob, spec.SceneName)
	}
	plan.Passes = u.Passes
	if spec.Denoise {
		// The tiles stay noisy and carry the denoiser's guides.
		plan.Passes = append(slices.Clone(u.Passes), renderer.DenoisingPasses(u.Passes)...)
		slices.Sort(plan.Passes)
		plan.Denoise = true
	}
	plan.Release = renderer.ParseBuild(rend.Version()).Release()
	return plan, nil
}

// planPasses applies PlanFrames to a new job.
func (c *coordinator) planPasses(j *job, rend renderer.Renderer, info renderer.SceneInfo) error {
	plan, err := PlanFrames(j.spec, rend, info)
	if err != nil {
		return err
	}
	j.passNames, j.adaptive = plan.Passes, plan.Adaptive
	if plan.Release != "" {
		j.release = plan.Release
	}
	return nil
}

// tileWant is what the job's tiles must be.
func (j *job) tileWant() tileWant {
	return tileWant{hdr: j.spec.Format == api.FormatEXR, passes: j.passNames}
}

// finishFrame stitches frame f's raw-pass tiles and runs the scene's
// compositor over them, writing the frame into the job's output folder. It
// runs off the lock, on the assembly pool.
func (c *coordinator) finishFrame(id string, spec api.JobSpec, want tileWant, f int, tiles []frameTile) (string, error) {
	fin, ok := c.renderers[spec.Renderer].(renderer.Finisher)
	if !ok {
		return "", fmt.Errorf("frame %d: this node's %s cannot finish composited frames", f, spec.Renderer)
	}
	var frame *renderer.Passes
	for _, t := range tiles {
		tl, err := c.tileImage(want, t)
		if err != nil {
			return "", err
		}
		if frame == nil {
			full := image.Rect(0, 0, spec.Resolution.Width, spec.Resolution.Height)
			if frame, err = renderer.NewPasses(full, tl.passes.Names()); err != nil {
				return "", fmt.Errorf("frame %d: %w", f, err)
			}
		}
		if err := frame.Draw(tl.passes); err != nil {
			return "", fmt.Errorf("frame %d: stitch tile of task %d: %w", f, t.index, err)
		}
	}
	scene, err := c.blobs.Linked(spec.Scene, filepath.Ext(spec.SceneName))
	if err != nil {
		return "", err
	}
	task := renderer.FinishTask{
		Scene: scene, Frame: f, Width: spec.Resolution.Width, Height: spec.Resolution.Height,
		Passes: frame, Threads: c.cfg.Threads, Format: blenderFormat[spec.Format], Depth: strconv.Itoa(spec.Depth),
	}
	task.Denoise = spec.Denoise // the tiles carry raw, noisy passes and the denoiser's guides
	switch spec.Format {
	case api.FormatEXR:
		task.Depth = "32"
	case api.FormatJPEG:
		task.Quality = spec.JPEGQuality()
	}
	res, err := fin.Finish(c.ctx, task)
	if err != nil {
		if c.ctx.Err() != nil {
			return "", context.Cause(c.ctx)
		}
		return "", fmt.Errorf("finish frame %d: %w", f, err)
	}
	dir := filepath.Join(c.cfg.DataDir, "jobs", id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := api.FrameName(f, spec.Format)
	err = renderer.WriteAtomic(filepath.Join(dir, name), func(w io.Writer) error {
		_, err := w.Write(res.File)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("write frame %d: %w", f, err)
	}
	return name, nil
}

// screenEffects are the effects of an Eevee scene that make its tiles
// differ from its whole frame. Volumetric lighting is left out: it is on
// in every Eevee scene by default and acts only where a volume is, and a
// simple scene's tiles stitch bit-identically with it on.
func screenEffects(effects []string) []string {
	var out []string
	for _, e := range effects {
		if e != "volumetrics" {
			out = append(out, e)
		}
	}
	return out
}
