// Package renderer defines the seam between the farm and the programs that turn
// a task into pixels: the Task and Result types and the Renderer interface that
// every backend (pathtracer, blender, ...) implements.
package renderer

import (
	"context"
	"errors"
	"fmt"
	"image"
	"maps"
	"slices"
)

// Task is one unit of rendering work: a pixel region of one frame of a scene.
// Every field that influences pixels is here, so that a task rendered twice (by
// a worker and later by a checker) is the same computation.
type Task struct {
	// Scene is the path of the scene file on the local disk.
	Scene string
	// Frame is the frame number, 1-based like Blender's.
	Frame int
	// Width and Height are the whole frame's resolution in pixels.
	Width, Height int
	// Samples is the number of samples per pixel.
	Samples int
	// Seed selects the random sequence; with the same seed a pixel always
	// renders to the same value.
	Seed uint64
	// Region is the pixel rectangle to render, origin top-left, in frame
	// coordinates. The zero rectangle means the whole frame.
	Region image.Rectangle
	// Area is the part of the frame the job renders, its render region
	// (empty: the whole frame), which Region lies in: Blender's own render
	// of a region has no pixels outside it, so nothing a task renders
	// reaches past it (adaptive sampling's margin).
	Area image.Rectangle
	// Threads caps the goroutines (or render threads) used; 0 means all cores.
	Threads int
	// Denoise asks for the backend's denoiser; a backend without one
	// refuses the task with ErrBadTask. Denoised pixels depend on their
	// neighbours, so tiles of a denoised frame do not stitch exactly: with
	// Passes, Denoise instead asks for the raw, noisy passes plus the
	// denoiser's inputs (DenoisingPasses), so that a finish step denoises
	// the stitched frame (FinishTask.Denoise); that needs no denoiser here.
	Denoise bool
	// HDR asks for the linear float pixels too (Result.HDR), for OpenEXR
	// output; a backend without them refuses the task with ErrBadTask.
	HDR bool
	// Opaque asks for the colours of a frame written without alpha (a
	// JPEG frame of an RGBA scene): where the scene's own render makes a
	// pixel transparent, Blender's RGB file holds its colour premultiplied
	// and its RGBA file holds it straight (measured on 3.4: 0x705a against
	// 0x92db at alpha one half). Backends with opaque pixels ignore it.
	Opaque bool
	// Passes asks for the render's raw passes (Result.Passes) instead of
	// finished pixels: the scene's compositor and sequencer are bypassed,
	// so tiles stitch exactly, and one FinishTask per frame composites the
	// stitched passes. A backend without passes refuses the task with
	// ErrBadTask.
	Passes bool
	// Keep, with Passes, names the passes ("ViewLayer.Pass") the result
	// holds: the job's (a farm's leases always say them), which for an
	// OpenEXR MultiLayer frame are every pass of the view layers
	// (SceneUsage.Layers). Empty keeps those the scene's compositor reads
	// (SceneUsage.Passes, and DenoisingPasses with Denoise).
	Keep []string
	// AdaptiveSampling keeps the scene's own adaptive sampling (noise
	// threshold, minimum samples; Samples is then the most a pixel gets)
	// instead of turning it off. Adaptive sampling looks at neighbouring
	// pixels, so a backend renders each region with a margin and crops it
	// (overscan) to keep tiles equal to the whole frame; a backend without
	// it ignores the field.
	AdaptiveSampling bool
	// Preview asks for the backend's cheap preview engine (Blender's
	// Workbench: no global illumination, a fraction of a second a
	// frame) for a look at the animation before paying for the real
	// render; a backend without one renders as usual.
	Preview bool
	// Progress, if set, is called as work completes with the units done so
	// far out of total (rows, samples: whatever the backend counts). It may
	// be called from several goroutines at once, and must be quick.
	Progress func(done, total int) `json:"-"`
}

// Rect returns the region the task renders: Region, or the whole frame when
// Region is empty.
func (t Task) Rect() image.Rectangle {
	if t.Region.Empty() {
		return image.Rect(0, 0, t.Width, t.Height)
	}
	return t.Region
}

// ErrBadTask is wrapped by Validate's errors, so callers can tell bad input
// from a renderer failure.
var ErrBadTask = errors.New("bad task")

// Validate checks the parts of a task that do not depend on the scene.
func (t Task) Validate() error {
	switch {
	case t.Width < 1 || t.Height < 1:
		return fmt.Errorf("%w: resolution %dx%d: width and height must be >= 1", ErrBadTask, t.Width, t.Height)
	case t.Width > MaxDimension || t.Height > MaxDimension:
		return fmt.Errorf("%w: resolution %dx%d: width and height must be <= %d", ErrBadTask, t.Width, t.Height, MaxDimension)
	case t.Samples < 1:
		return fmt.Errorf("%w: samples %d: must be >= 1", ErrBadTask, t.Samples)
	case t.Frame < 0:
		return fmt.Errorf("%w: frame %d: frames start at 0", ErrBadTask, t.Frame)
	}
	full := image.Rect(0, 0, t.Width, t.Height)
	if !t.Region.Empty() && !t.Region.In(full) {
		return fmt.Errorf("%w: region %v lies outside the %dx%d frame", ErrBadTask, t.Region, t.Width, t.Height)
	}
	if !t.Area.Empty() && (!t.Area.In(full) || !t.Rect().In(t.Area)) {
		return fmt.Errorf("%w: render region %v: must lie in the %dx%d frame and hold the task's %v", ErrBadTask, t.Area, t.Width, t.Height, t.Rect())
	}
	return nil
}

// AreaRect returns the part of the frame the job renders: Area, or the
// whole frame when Area is empty.
func (t Task) AreaRect() image.Rectangle {
	if t.Area.Empty() {
		return image.Rect(0, 0, t.Width, t.Height)
	}
	return t.Area
}

// NewerSceneError means a scene needs a newer version of the backend than
// the one that tried to open it (a .blend saved by Blender 4.3, opened by
// 3.4). Need is that version, as SceneInfo.MinVersion gives it, so a
// coordinator can tell the user which nodes can take the scene.
type NewerSceneError struct {
	Need string
	Err  error
}

func (e *NewerSceneError) Error() string { return e.Err.Error() }

// Unwrap returns the backend's own error.
func (e *NewerSceneError) Unwrap() error { return e.Err }

// MaxDimension bounds a frame's width and height; 16K is beyond any real job
// and keeps a malicious job spec from asking for terabytes of pixels.
const MaxDimension = 16384

// Result is what a renderer returns for a task.
type Result struct {
	// Image holds the task's pixels; its Bounds equal the task's Rect, in
	// frame coordinates, so tiles can be drawn straight into a frame. Values
	// are sRGB-encoded, 16 bits per channel, alpha straight: opaque unless
	// the scene's own render of an RGBA frame writes one.
	Image *image.NRGBA64
	// HDR holds the linear, scene-referred float pixels, with the same
	// bounds, when the task asked for them (Task.HDR). Image is then the
	// plain sRGB encoding of them clipped to [0, 1] (HDR.Preview) where the
	// backend has no view transform of its own.
	HDR *HDR
	// Passes holds the raw passes when the task asked for them
	// (Task.Passes): Combined of every view layer the frame shows, plus
	// every pass the scene's compositor reads (SceneInfo.Passes), with the
	// task's bounds. Image and HDR are then the first view layer's Combined
	// (linear; Image its plain sRGB encoding), a preview: the frame's
	// pixels come from the finish step.
	Passes *Passes
	// Log is what the renderer printed for the task, bounded (a LogTail's
	// String), or its own summary for one that prints nothing: kept with
	// the task so its artist can read it (`conun logs`).
	Log string
}

// FinishTask is the finish step of one frame rendered as raw-pass tiles:
// the scene's own compositor, colour management and output format applied
// once to the stitched passes, so that the frame equals the scene's
// whole-frame render. It is deterministic: a checker re-running it gets
// the same pixels.
type FinishTask struct {
	// Scene is the path of the scene file on the local disk.
	Scene string
	// Frame is the frame number (animated compositor values read it).
	Frame int
	// Width and Height are the frame's resolution; Passes must cover it.
	Width, Height int
	// Passes are the frame's stitched raw passes, bounds (0,0)-(Width,Height),
	// with the channels the tiles returned.
	Passes *Passes
	// Threads caps the compositor's threads; 0 means all cores.
	Threads int
	// Format overrides the scene's output file format, in Blender's names
	// ("PNG", "OPEN_EXR", "OPEN_EXR_MULTILAYER", "JPEG", "TIFF"); "" keeps
	// the scene's own.
	Format string
	// Depth overrides the output colour depth ("8", "16", "32"); "" keeps
	// the scene's own.
	Depth string
	// Quality overrides a JPEG's quality (1-100); 0 keeps the scene's own.
	Quality int
	// Compression overrides a PNG's compression (0-100); nil keeps the
	// scene's own.
	Compression *int
	// Alpha writes the frame with its alpha channel (RGBA) whatever the
	// scene's colour mode: the composite of an OpenEXR MultiLayer frame,
	// which Blender writes as RGBA.
	Alpha bool
	// Denoise runs the denoiser over the stitched Combined pass of each
	// view layer, guided by its DenoisingPasses (which Passes must hold),
	// before the compositor: a tiled frame denoised whole, as Blender's own
	// render denoises it.
	Denoise bool
	// Region is an uncropped render region (empty: none): the frame is
	// composited whole, nothing rendered outside the region, and written
	// as the renderer's own render of the region writes it (Blender
	// before 5.0 empty outside the region, 5.x the whole composite).
	Region image.Rectangle
}

// Validate checks the parts of a finish task that do not depend on the
// scene.
func (t FinishTask) Validate() error {
	switch {
	case t.Width < 1 || t.Height < 1 || t.Width > MaxDimension || t.Height > MaxDimension:
		return fmt.Errorf("%w: resolution %dx%d: width and height must be 1..%d", ErrBadTask, t.Width, t.Height, MaxDimension)
	case t.Frame < 0:
		return fmt.Errorf("%w: frame %d: frames start at 0", ErrBadTask, t.Frame)
	case t.Passes == nil:
		return fmt.Errorf("%w: finish frame %d: no passes", ErrBadTask, t.Frame)
	case !t.Region.Empty() && !t.Region.In(image.Rect(0, 0, t.Width, t.Height)):
		return fmt.Errorf("%w: finish frame %d: render region %v lies outside the %dx%d frame", ErrBadTask, t.Frame, t.Region, t.Width, t.Height)
	case t.Passes.Rect != image.Rect(0, 0, t.Width, t.Height):
		return fmt.Errorf("%w: finish frame %d: passes cover %v, want the %dx%d frame", ErrBadTask, t.Frame, t.Passes.Rect, t.Width, t.Height)
	case !t.Passes.Finite():
		return fmt.Errorf("%w: finish frame %d: passes hold NaN or infinite values", ErrBadTask, t.Frame)
	}
	if t.Denoise {
		have := map[string]bool{}
		for _, name := range t.Passes.Names() {
			if p, ok := PassOf(name); ok {
				have[p] = true
			}
		}
		for _, p := range DenoisingPasses(slices.Collect(maps.Keys(have))) {
			if !have[p] {
				return fmt.Errorf("%w: finish frame %d: denoising needs the %s pass, which the passes lack", ErrBadTask, t.Frame, p)
			}
		}
	}
	return nil
}

// FinishResult is a finished frame.
type FinishResult struct {
	// File is the frame as the scene's output format writes it (PNG, EXR,
	// JPEG ...): what the user gets.
	File []byte
	// Ext is File's extension as Blender names it (".png", ".exr").
	Ext string
	// Image is the frame decoded to 16-bit sRGB where the format is one Go
	// decodes (PNG, JPEG; EXR through HDR's preview), for previews and
	// checks; nil otherwise.
	Image *image.NRGBA64
	// HDR is the frame's linear values when the format is OpenEXR.
	HDR *HDR
}

// Finisher is a Renderer that can run a scene's finish step over stitched
// raw passes (Task.Passes tiles).
type Finisher interface {
	Finish(ctx context.Context, t FinishTask) (FinishResult, error)
}

// FeatureFinish is the build feature ("+finish") of a renderer that is a
// Finisher: the scheduler leases a composited job's finish tasks only to
// nodes advertising it.
const FeatureFinish = "finish"

// FeatureDenoise is the build feature ("+denoise") of a Finisher that can
// also denoise a stitched frame (a Blender built with OpenImageDenoise):
// a denoised job's finish tasks go only to nodes advertising it.
const FeatureDenoise = "denoise"

// Denoiser is a Renderer that says whether it has a denoiser (a Blender
// build may lack OpenImageDenoise: Debian's do).
type Denoiser interface {
	CanDenoise() bool
}

// Advertised is r's build as a node advertises it: r.Version(), with
// FeatureFinish added when r can finish frames and FeatureDenoise when it
// can denoise them too, so the advertisement says what the node can take
// on and cannot claim a step it lacks.
func Advertised(r Renderer) string {
	b := ParseBuild(r.Version())
	_, fin := r.(Finisher)
	if fin && !b.Has(FeatureFinish) {
		b.Features = append(b.Features, FeatureFinish)
	}
	if d, ok := r.(Denoiser); fin && ok && d.CanDenoise() && !b.Has(FeatureDenoise) {
		b.Features = append(b.Features, FeatureDenoise)
	}
	return b.String()
}

// SceneInfo is what a renderer can read from a scene without rendering it.
type SceneInfo struct {
	// FrameStart and FrameEnd are the scene's frame range, inclusive; a
	// still scene has 1-1.
	FrameStart, FrameEnd int
	// FrameStep is the scene's frame step: every FrameStep-th frame of
	// the range is rendered (Blender's own animation render); 0 or 1,
	// every frame.
	FrameStep int `json:",omitempty"`
	// FPS is the frame rate used to turn a frame number into a time.
	FPS float64
	// Width and Height are the scene's own resolution, 0 when it has none.
	Width, Height int
	// MinVersion is the oldest version of the backend that can render the
	// scene, as dotted numbers ("4.3": the Blender that saved a .blend);
	// "" when any can. The scheduler gives its tasks to no older node.
	MinVersion string `json:",omitempty"`
	// Needs names a feature the scene needs of a node, which a node's
	// renderer version advertises as "+feature" ("gl": Eevee needs an
	// OpenGL context); "" when it needs none.
	Needs string `json:",omitempty"`
	// Usage is what the scene uses that decides how its frames may be
	// split and finished; nil where the backend cannot tell.
	Usage *SceneUsage `json:",omitempty"`
}

// SceneUsage is what a scene uses, so the farm can default to the scene's
// own settings and tell the user how a frame will be split.
type SceneUsage struct {
	// Engine is the scene's render engine, in Blender's names (CYCLES,
	// BLENDER_EEVEE, BLENDER_EEVEE_NEXT): shown to the artist who picks
	// the scene.
	Engine string `json:",omitempty"`
	// Compositing is true when the scene's own render runs its compositor:
	// tiles must then carry raw passes (Task.Passes) and a frame be
	// finished (Finisher) to equal the scene's render.
	Compositing bool
	// Passes are the "ViewLayer.Pass" names tiles must carry: Combined of
	// each view layer the frame shows and every pass the compositor reads.
	Passes []string
	// Transparent is a transparent film (Cycles' and Eevee's "Film >
	// Transparent"): the background is alpha 0 in the scene's own render.
	Transparent bool `json:",omitempty"`
	// RenderRegion is a render region (border) set in the scene: its own
	// render draws that region alone. Border is its edges as Blender
	// keeps them, fractions of the frame (min x, max x, min y, max y;
	// origin bottom-left), and CropToBorder its "crop" option: the frame
	// is the region alone, else the whole frame, empty outside it.
	RenderRegion bool       `json:",omitempty"`
	Border       [4]float32 `json:",omitzero"`
	CropToBorder bool       `json:",omitempty"`
	// SpatialNodes are the compositor's nodes whose pixels depend on other
	// pixels or on their place in the frame (Blender's node types: GLARE,
	// LENSDIST, BLUR ...): composited tiles cannot match the whole frame.
	SpatialNodes []string `json:",omitempty"`
	// Denoise and AdaptiveSampling are the scene's own Cycles settings.
	Denoise, AdaptiveSampling bool
	// Samples is the scene's own sample count.
	Samples int
	// Seed is the scene's own Cycles seed, and AnimatedSeed its
	// "animated seed" (the seed hashed with the frame), which its renders
	// keep.
	Seed         int  `json:",omitempty"`
	AnimatedSeed bool `json:",omitempty"`
	// ViewTransform and Look are the scene's colour management.
	ViewTransform, Look string
	// FileFormat and ColorDepth are the scene's output format, in Blender's
	// names ("PNG", "OPEN_EXR") and bits ("8", "16", "32"), and ColorMode
	// its channels ("BW", "RGB", "RGBA").
	FileFormat, ColorDepth string
	ColorMode              string `json:",omitempty"`
	// EXRCodec is the scene's OpenEXR compression, in Blender's names
	// ("ZIP", "PIZ", "DWAA" ...), which Blender keeps whatever the format.
	EXRCodec string `json:",omitempty"`
	// Layers are the passes ("ViewLayer.Pass", Cryptomatte's without
	// their rank number, as Passes) of every view layer rendered: what an
	// OpenEXR MultiLayer frame holds besides the composite, and what raw
	// pass tiles carry. Empty where the node's driver cannot list them
	// (an Eevee scene, whose engine lists its passes only as it renders).
	Layers []string `json:",omitempty"`
	// LayerChannels are the channels of Layers as the file names them
	// ("ViewLayer.Pass.R", every Cryptomatte rank's, sorted): what each
	// raw-pass tile of a multilayer frame must hold, exactly.
	LayerChannels []string `json:",omitempty"`
	// Quality is the scene's JPEG quality (1-100), which Blender keeps
	// whatever the format.
	Quality int `json:",omitempty"`
	// Compression is the scene's PNG compression (0-100), which Blender
	// keeps whatever the format; nil where the release does not say.
	Compression *int `json:",omitempty"`
	// Dither is the scene's dither intensity (Post Processing > Dither,
	// 0-2): the noise its 8-bit frames are rounded with (Dither); nil
	// where the node's driver does not say.
	Dither *float32 `json:",omitempty"`
	// Sequencer is true when the sequencer has strips and is used: its
	// output is not what the finish step writes.
	Sequencer bool
	// ViewLayers are the view layers rendered.
	ViewLayers []string
	// MotionBlur is the scene's motion blur setting.
	MotionBlur bool
	// ScreenEffects are the screen-space effects an Eevee scene uses
	// ("bloom", "ssr", "ao", "motion_blur", "volumetrics"): each sees only
	// the region rendered, so tiles of them cannot equal the whole frame.
	ScreenEffects []string `json:",omitempty"`
	// Volumes is true when a Cycles scene renders a volume (a Volume
	// object, or a volume shader in a material or the world).
	Volumes bool `json:",omitempty"`
	// Stamp are the fields the scene's own render burns into its image
	// (Output > Metadata > Burn Into Image), by Blender's names
	// ("frame", "camera", "note": its use_stamp_ settings); empty when it
	// burns none. Tiles and crops render without it; a frame's finish
	// draws it once.
	Stamp []string `json:",omitempty"`
	// StampLeftOut are those of Stamp a frame is drawn without: they
	// describe one render on one node ("date", "render_time",
	// "filename", "memory", "hostname"), so the node that checks a finish
	// would draw other values.
	StampLeftOut []string `json:",omitempty"`
	// FileOutputs are the compositor's File Output nodes its own render
	// runs (their names): each writes files beside the frame, which the
	// farm does not (its tasks mute them) and says so.
	FileOutputs []string `json:",omitempty"`
	// Simulations are the scene's physics simulations and Geometry Nodes
	// simulation zones its frames cannot be rendered apart with, in words
	// ("Cube: Cloth is not baked"): Blender simulates them as its
	// animation render steps through the frames, so they must be baked
	// into the .blend.
	Simulations []string `json:",omitempty"`
	// Scripts are the scene's drivers whose Python does not run on a
	// node, in words ("Cube: the driver of location[0] (...) does not
	// run"): nodes open scenes with their scripts off, and Blender then
	// leaves such a driver's value standing.
	Scripts []string `json:",omitempty"`
	// Views are the views each frame renders when the scene is
	// stereoscopic or multi-view (Output > Stereoscopy: "left",
	// "right"); empty for one view.
	Views []string `json:",omitempty"`
	// WholeFrame gives the reasons, in words, why tiles of the scene
	// cannot equal its whole frame in the release that inspected it
	// (measured, not guessed): such a scene renders as whole frames.
	WholeFrame []string `json:",omitempty"`
}

// Renderer turns tasks into pixels. Implementations must be safe for
// concurrent use.
type Renderer interface {
	// Name is the backend's short name ("pathtracer", "blender").
	Name() string
	// Version identifies the build, so a checker can be matched to a worker
	// that renders the same way.
	Version() string
	// Inspect reads a scene's frame range and resolution and reports a clear
	// error when the scene cannot be rendered (bad file, no camera, ...).
	Inspect(ctx context.Context, scene string) (SceneInfo, error)
	// Render renders one task.
	Render(ctx context.Context, t Task) (Result, error)
}
