package farm

// The finish step. A scene whose compositor must see the whole frame
// (glare, blur, lens distortion: most production trees) cannot be
// composited tile by tile: each tile would glow, blur and distort on its
// own. Its tiles carry the raw render passes instead (tiles.go), which
// stitch exactly, and once a frame's tiles are all accepted one finish task
// per frame runs the scene's own compositor, colour management and output
// over the stitched frame, so the frame equals Blender's own whole-frame
// render. A finish task is a task like any other (finishtask.go): leased
// to a node whose renderer can finish (FeatureFinish) of the job's one
// release, retried, recorded, paid, and checked by a second node, since it
// is deterministic. The coordinator itself need not be able to finish.

import (
	"context"
	"errors"
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

// FramePlan is how a job's frames are made (api.FramePlan, where the
// client API carries it).
type FramePlan = api.FramePlan

// PlanFrames decides how a job's frames are made: a scene that composites,
// split into tiles, renders raw passes and each frame is finished by a
// finish task (the submitting coordinator checks that some member can run
// it); what tiles cannot reproduce is refused with the reason, never tiled
// silently.
func PlanFrames(spec api.JobSpec, info renderer.SceneInfo) (FramePlan, error) {
	var plan FramePlan
	tiled := spec.Tiles.Cols*spec.Tiles.Rows > 1
	u := info.Usage
	if spec.Denoise && tiled && u == nil {
		return plan, fmt.Errorf("%w: %s: a denoised frame must be denoised whole, and the %s renderer cannot denoise stitched tiles: submit it with --tiles 1x1, or with --denoise=false", api.ErrBadJob, spec.SceneName, spec.Renderer)
	}
	if u != nil && len(u.Simulations) > 0 {
		return plan, fmt.Errorf("%w: %s: %s: Blender simulates it as its own animation render steps through the frames, and the farm renders frames apart, on many nodes, so they would not match: bake it into the .blend and save (physics: Physics > Cache > Bake, Disk Cache off; a simulation zone: the Geometry Nodes modifier's Bake, Bake Target Packed)", api.ErrBadJob, spec.SceneName, strings.Join(u.Simulations, "; "))
	}
	if u != nil && len(u.Scripts) > 0 {
		return plan, fmt.Errorf("%w: %s: %s: nodes run no Python from scenes (Auto Run Python Scripts is off on every node), and Blender leaves such a driver's value standing: use a simple expression (frame * 0.3, sin(frame)), keyframes, or for noise an F-Curve Noise modifier", api.ErrBadJob, spec.SceneName, strings.Join(u.Scripts, "; "))
	}
	if u != nil && len(u.Views) > 1 {
		// Blender writes each view as a file of its own, or the two side
		// by side: not one image a task returns.
		return plan, fmt.Errorf("%w: %s renders %d views of each frame (Output > Stereoscopy: %s), which the farm does not render: untick Stereoscopy to render one view", api.ErrBadJob, spec.SceneName, len(u.Views), strings.Join(u.Views, ", "))
	}
	if spec.Format == api.FormatEXRLayers {
		return planLayers(spec, u)
	}
	// Blender writes an RGBA scene's PNG with its alpha channel, opaque
	// or not; so does the farm (renderer.EncodePNG).
	plan.Alpha = u != nil && u.ColorMode == "RGBA" && (spec.Format == "" || spec.Format == api.FormatPNG)
	if u == nil {
		return plan, nil
	}
	// Regions rendered alone differ from the whole frame: its checks
	// render a task whole (Eevee's screen effects too, raw passes or not).
	plan.WholeChecks = len(u.WholeFrame) > 0 || len(screenEffects(u.ScreenEffects)) > 0
	plan.Adaptive = u.AdaptiveSampling // the artist's setting; tiles overscan to stay exact
	// 8-bit frames (a Depth of 0 is an inspection's, which writes 8).
	if u.Dither != nil && spec.Depth != 16 && spec.Format != api.FormatEXR {
		plan.Dither = *u.Dither
	}
	// A transparent film's alpha: tiles and whole frames render opaque
	// RGB, so its frames are finished from raw passes (Combined keeps the
	// alpha) and written as the scene's own render writes them. A whole
	// frame through its sequencer keeps rendering in place, as the finish
	// leaves the sequencer out.
	// So is an uncropped render region's outside when the scene writes
	// RGBA (Blender's default): Blender leaves it transparent, and the
	// finish writes the frame as Blender does (renderer.FinishTask.Region).
	// And a Black & White file's grey, Blender's own mix of the channels
	// (an OpenEXR's single channel is left out: the farm reads no such
	// file back).
	// And a burned-in stamp: tiles and whole frames render without it
	// (each would draw it in its own corner, and a check's crop in the
	// crop's), and the finish draws it once over the frame; through the
	// sequencer, it is left out (TakeScene says so).
	uncropped := spec.Region != nil && !spec.Region.Crop
	grey := u.ColorMode == "BW" && spec.Format != api.FormatEXR
	alpha := (u.Transparent || uncropped && u.ColorMode == "RGBA" || grey) && !u.Sequencer
	stamp := len(u.Stamp) > 0 && !u.Sequencer
	// An uncropped region composites within its whole frame, which a
	// task of the region alone does not see.
	if !tiled && !alpha && !stamp && !(uncropped && u.Compositing) {
		// A whole frame composites (and denoises) in place. Where its
		// pixels depend on the whole frame (a compositor's glare or blur,
		// Eevee's screen effects, the sequencer), a crop rendered alone
		// would differ: its checks render it whole.
		plan.WholeChecks = plan.WholeChecks || u.Compositing && len(u.SpatialNodes) > 0 || u.Sequencer
		return plan, nil
	}
	if tiled {
		if fx := screenEffects(u.ScreenEffects); len(fx) > 0 {
			return plan, fmt.Errorf("%w: %s uses Eevee screen-space effects (%s), which see only the tile being rendered, so tiles would not match the whole frame: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName, strings.Join(fx, ", "))
		}
		if err := api.TilesExact(spec, u); err != nil {
			return plan, fmt.Errorf("%s: %w", spec.SceneName, err)
		}
		if u.Sequencer {
			return plan, fmt.Errorf("%w: %s renders through its video sequencer, which works on whole frames: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName)
		}
	}
	if !u.Compositing && !spec.Denoise && !alpha && !stamp {
		return plan, nil
	}
	if len(u.Passes) == 0 {
		return plan, fmt.Errorf("%w: %s composites its frames but names no render pass to composite", api.ErrBadJob, spec.SceneName)
	}
	if a := spec.FinishRect(); spec.Region != nil && (a.Dx() < minFinish || a.Dy() < minFinish) {
		return plan, fmt.Errorf("%w: %s: render region %v: its frames are finished (composited) as the region alone, and Blender renders nothing narrower than %d pixels: widen the region, or render the whole frame (--region full)", api.ErrBadJob, spec.SceneName, spec.Region, minFinish)
	}
	plan.Passes = u.Passes
	plan.Dither = 0 // the finish task's Blender dithers the frame it writes
	if spec.Denoise {
		// The tiles stay noisy and carry the denoiser's guides.
		plan.Passes = append(slices.Clone(u.Passes), renderer.DenoisingPasses(u.Passes)...)
		slices.Sort(plan.Passes)
		plan.Denoise = true
	}
	return plan, nil
}

// planLayers plans OpenEXR MultiLayer frames (api.LayersPlan): tiles of
// raw passes, whole frames too, since Blender's own render writes the
// file and a task's result is the image alone; the scene's compositor,
// when its render runs one, in a finish task per frame.
func planLayers(spec api.JobSpec, u *renderer.SceneUsage) (FramePlan, error) {
	var plan FramePlan
	if u == nil {
		return plan, fmt.Errorf("%w: %s: an OpenEXR MultiLayer frame holds a Blender scene's render passes, which the %s renderer has not: choose --format exr", api.ErrBadJob, spec.SceneName, spec.Renderer)
	}
	if why := api.LayersRefusal(u, spec.Denoise); why != "" {
		return plan, fmt.Errorf("%w: %s: no OpenEXR MultiLayer frames, as %s; or choose --format exr", api.ErrBadJob, spec.SceneName, why)
	}
	if fx := screenEffects(u.ScreenEffects); len(fx) > 0 && spec.Tiles.Cols*spec.Tiles.Rows > 1 {
		return plan, fmt.Errorf("%w: %s uses Eevee screen-space effects (%s), which see only the tile being rendered, so tiles would not match the whole frame: submit it with --tiles 1x1", api.ErrBadJob, spec.SceneName, strings.Join(fx, ", "))
	}
	if err := api.TilesExact(spec, u); err != nil {
		return plan, fmt.Errorf("%s: %w", spec.SceneName, err)
	}
	passes := slices.Clone(u.Layers)
	if u.Compositing {
		passes = append(passes, u.Passes...) // Layers holds them; said again should a driver differ
	}
	slices.Sort(passes)
	passes = slices.Compact(passes)
	channels := slices.Sorted(slices.Values(u.LayerChannels))
	if len(passes) > len(u.Layers) {
		channels = nil // a pass beyond the list: its channels are not known, the passes are checked by name
	}
	if a := spec.FinishRect(); u.Compositing && spec.Region != nil && (a.Dx() < minFinish || a.Dy() < minFinish) {
		return plan, fmt.Errorf("%w: %s: render region %v: its frames are composited as the region alone, and Blender renders nothing narrower than %d pixels: widen the region, or render the whole frame (--region full)", api.ErrBadJob, spec.SceneName, spec.Region, minFinish)
	}
	plan.Passes, plan.Adaptive, plan.WholeChecks = passes, u.AdaptiveSampling, len(u.WholeFrame) > 0
	plan.Layers = &api.LayersPlan{Passes: slices.Clone(u.Layers), Channels: channels,
		Composite: u.Compositing, Half: u.ColorDepth == "16", Codec: api.LayersCodec(u.EXRCodec)}
	return plan, nil
}

// minFinish is the least width and height Blender renders (its
// resolution's floor): a finish runs at its region's size.
const minFinish = 4

// planPasses applies PlanFrames to a new job.
func (c *coordinator) planPasses(j *job, info renderer.SceneInfo) error {
	plan, err := PlanFrames(j.spec, info)
	if err != nil {
		return err
	}
	j.framing = plan
	return nil
}

// tileWant is what the job's tiles must be.
func (j *job) tileWant() tileWant {
	return tileWant{hdr: hdrFormat(j.spec.Format), passes: j.framing.Passes, channels: j.channels()}
}

// channels are the exact channels each tile of the job holds (a
// multilayer job's, LayersPlan.Channels), nil where its passes are
// checked by name alone.
func (j *job) channels() []string {
	if j.framing.Layers == nil {
		return nil
	}
	return j.framing.Layers.Channels
}

// planTasks lists the job's tasks: its tiles frame by frame (tiler.Plan),
// then, for a composited scene split into tiles, one finish task per frame,
// numbered after the tiles (a restart rebuilds the same list).
func (j *job) planTasks() {
	for i, t := range j.spec.Plan() {
		nt := &task{index: i, tile: t, state: api.TaskPending}
		j.tasks = append(j.tasks, nt)
		j.byFrame[t.Frame] = append(j.byFrame[t.Frame], nt)
	}
	if !j.framing.Finishes() {
		return
	}
	j.finishes = make(map[int]*task)
	rect := j.spec.FinishRect()
	for _, f := range j.spec.Frames.List() {
		t := &task{index: len(j.tasks), tile: tiler.Tile{Frame: f, Rect: rect}, state: api.TaskPending, finish: true}
		j.tasks = append(j.tasks, t)
		j.finishes[f] = t
	}
}

// FinishTile is one accepted tile a finish task stitches: the blob its
// coordinator keeps it under and its place in the frame.
type FinishTile struct {
	Hash string          `json:"hash"`
	Rect image.Rectangle `json:"rect"`
}

// maxFinishTiles bounds the tiles of one finish request: the largest grid.
const maxFinishTiles = tiler.MaxTiles * tiler.MaxTiles

// finishFrame runs a finish task on this node: it fetches the frame's
// tiles from the coordinator (last of req.Sources: only it keeps accepted
// tiles), each checked against its hash, stitches their passes, checks
// they cover the frame exactly, and runs the scene's finish step. It
// returns the finished frame's file, what the user gets.
func (w *worker) finishFrame(ctx context.Context, rend renderer.Renderer, req TaskRequest, scene string) ([]byte, error) {
	fin, ok := rend.(renderer.Finisher)
	if !ok {
		return nil, fmt.Errorf("%w: this node's %s cannot finish composited frames", renderer.ErrBadTask, rend.Name())
	}
	if len(req.FinishTiles) > maxFinishTiles || len(req.Sources) == 0 {
		return nil, fmt.Errorf("%w: a finish of %d tiles from %d sources: at most %d tiles, from the coordinator", renderer.ErrBadTask, len(req.FinishTiles), len(req.Sources), maxFinishTiles)
	}
	// A cropped render region is composited alone, an uncropped one in
	// its whole frame with nothing outside it (api.JobSpec.FinishRect).
	area, full := req.Region, image.Rect(0, 0, req.Width, req.Height)
	if area.Empty() || !area.In(full) || !req.Area.Empty() && area != full && area != req.Area {
		return nil, fmt.Errorf("%w: a finish of %v (render region %v) of a %dx%d frame", renderer.ErrBadTask, area, req.Area, req.Width, req.Height)
	}
	canvas := tiler.NewCanvas(area)
	if !req.Area.Empty() {
		for _, r := range outside(area, req.Area) {
			canvas.Cover(r) // left empty, as Blender leaves it
		}
	}
	var frame *renderer.Passes
	want := tileWant{passes: req.Passes, channels: req.Channels}
	for _, ft := range req.FinishTiles {
		if err := canvas.Cover(ft.Rect); err != nil {
			return nil, fmt.Errorf("%w: frame %d: %w", renderer.ErrBadTask, req.Frame, err)
		}
		data, err := w.tileBlob(ctx, req.Sources[len(req.Sources)-1:], ft.Hash)
		if err != nil {
			return nil, err
		}
		tl, err := decodeTile(data, ft.Rect, want)
		if err != nil {
			return nil, fmt.Errorf("frame %d: tile %.12s: %w", req.Frame, ft.Hash, err)
		}
		if frame == nil {
			if frame, err = renderer.NewPasses(area, tl.passes.Names()); err != nil {
				return nil, fmt.Errorf("frame %d: %w", req.Frame, err)
			}
		}
		if err := frame.Draw(tl.passes); err != nil {
			return nil, fmt.Errorf("frame %d: stitch tile %.12s: %w", req.Frame, ft.Hash, err)
		}
	}
	if !canvas.Complete() {
		return nil, fmt.Errorf("%w: frame %d: the %d tiles do not cover the frame", renderer.ErrBadTask, req.Frame, len(req.FinishTiles))
	}
	if !req.Area.Empty() && area != req.Area {
		// An uncropped region's frame holds, where nothing was rendered,
		// what the render result does there, which the compositor reads
		// (a far Depth fogs and blurs into the region's edge).
		frame.FillOutside(req.Area, renderer.ParseBuild(rend.Version()))
	}
	frame.Rect = frame.Rect.Sub(area.Min) // the channels are laid out from its corner
	task := renderer.FinishTask{
		Scene: scene, Frame: req.Frame, Width: area.Dx(), Height: area.Dy(),
		Passes: frame, Threads: w.threads, Format: blenderFormat[req.Format], Depth: strconv.Itoa(req.Depth),
	}
	task.Denoise = req.Denoise // the tiles carry raw, noisy passes and the denoiser's guides
	if area != req.Area {
		task.Region = req.Area // an uncropped region, finished within its frame
	}
	switch req.Format {
	case api.FormatEXR, api.FormatEXRLayers:
		// A multilayer frame's composite is a float EXR, with alpha,
		// which the coordinator writes beside the passes.
		task.Depth = "32"
		task.Alpha = req.Format == api.FormatEXRLayers
	case api.FormatJPEG:
		task.Quality = api.JobSpec{Format: req.Format, Quality: req.Quality}.JPEGQuality()
	case "", api.FormatPNG:
		// Always said: a spec without one means Blender's default, which
		// the coordinator's own frames are written with, whatever the
		// scene was saved with.
		c := api.JobSpec{Compression: req.Compression}.PNGCompression()
		if c < 0 || c > 100 {
			return nil, fmt.Errorf("%w: PNG compression %d: must be 0 to 100", renderer.ErrBadTask, c)
		}
		task.Compression = &c
	}
	out, err := fin.Finish(ctx, task)
	if err == nil && len(out.File) == 0 {
		err = errors.New("the renderer wrote no file")
	}
	if err != nil {
		return nil, fmt.Errorf("finish frame %d: %w", req.Frame, err)
	}
	return out.File, nil
}

// tileBlob reads an accepted tile: from this node's own store when it is
// the coordinator, else fetched from sources into the cache (Fetch checks
// the content against its hash).
func (w *worker) tileBlob(ctx context.Context, sources []string, hash string) ([]byte, error) {
	p, ok := w.blobs.Path(hash)
	if !ok {
		var err error
		var unpin func()
		p, unpin, err = w.cache.FetchPinned(ctx, w.hc, sources, hash)
		defer unpin() // until it is read
		if err != nil {
			return nil, err
		}
	}
	return os.ReadFile(p)
}

// writeFinished writes frame f, the file of its accepted finish task (a
// blob), into the job's output folder and returns its name. It runs off
// the lock.
func (c *coordinator) writeFinished(id string, spec api.JobSpec, f int, fin frameTile) (string, error) {
	p, ok := c.blobs.Path(fin.hash)
	if !ok {
		return "", fmt.Errorf("finished frame %d (blob %.12s) is missing from the store", f, fin.hash)
	}
	dir := filepath.Join(c.cfg.DataDir, "jobs", id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	src, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer src.Close()
	name := api.FrameName(f, spec.Format)
	err = renderer.WriteDurable(filepath.Join(dir, name), func(w io.Writer) error {
		_, err := io.Copy(w, src)
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
