// Package renderer defines the seam between the farm and the programs that turn
// a task into pixels: the Task and Result types and the Renderer interface that
// every backend (pathtracer, blender, ...) implements.
package renderer

import (
	"context"
	"errors"
	"fmt"
	"image"
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
	// Threads caps the goroutines (or render threads) used; 0 means all cores.
	Threads int
	// Denoise asks for the backend's denoiser; a backend without one
	// refuses the task with ErrBadTask. Denoised pixels depend on their
	// neighbours, so tiles of a denoised frame do not stitch exactly.
	Denoise bool
	// HDR asks for the linear float pixels too (Result.HDR), for OpenEXR
	// output; a backend without them refuses the task with ErrBadTask.
	HDR bool
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
	case t.Frame < 1:
		return fmt.Errorf("%w: frame %d: frames start at 1", ErrBadTask, t.Frame)
	}
	full := image.Rect(0, 0, t.Width, t.Height)
	if !t.Region.Empty() && !t.Region.In(full) {
		return fmt.Errorf("%w: region %v lies outside the %dx%d frame", ErrBadTask, t.Region, t.Width, t.Height)
	}
	return nil
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
	// are sRGB-encoded, 16 bits per channel, alpha opaque.
	Image *image.NRGBA64
	// HDR holds the linear, scene-referred float pixels, with the same
	// bounds, when the task asked for them (Task.HDR). Image is then the
	// plain sRGB encoding of them clipped to [0, 1] (HDR.Preview) where the
	// backend has no view transform of its own.
	HDR *HDR
}

// SceneInfo is what a renderer can read from a scene without rendering it.
type SceneInfo struct {
	// FrameStart and FrameEnd are the scene's frame range, inclusive; a
	// still scene has 1-1.
	FrameStart, FrameEnd int
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
