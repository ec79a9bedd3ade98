// Package tiler splits a job into frame x tile tasks and joins the rendered
// tiles back into frames.
package tiler

import (
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"
)

// ErrBadSpec is wrapped by every parse and validation error of this package,
// so callers can tell a user's mistake from a failure.
var ErrBadSpec = errors.New("bad job spec")

// MaxTiles bounds a grid's columns and rows: beyond it the per-task overhead
// dominates and a typo (--tiles 4000x4000) would flood the scheduler.
const MaxTiles = 64

// Grid is a tile grid of Cols columns and Rows rows.
type Grid struct {
	Cols int `json:"cols"`
	Rows int `json:"rows"`
}

// String formats the grid as "CxR", the form ParseGrid reads.
func (g Grid) String() string { return fmt.Sprintf("%dx%d", g.Cols, g.Rows) }

// Validate reports whether the grid is usable.
func (g Grid) Validate() error {
	switch {
	case g.Cols < 1:
		return fmt.Errorf("%w: tiles %s: columns must be >= 1", ErrBadSpec, g)
	case g.Rows < 1:
		return fmt.Errorf("%w: tiles %s: rows must be >= 1", ErrBadSpec, g)
	case g.Cols > MaxTiles || g.Rows > MaxTiles:
		return fmt.Errorf("%w: tiles %s: at most %d columns and rows", ErrBadSpec, g, MaxTiles)
	}
	return nil
}

// ParseGrid reads a grid written as "CxR", e.g. "4x4".
func ParseGrid(s string) (Grid, error) {
	c, r, err := parsePair(s, "x")
	if err != nil {
		return Grid{}, fmt.Errorf("%w: tiles %q: want COLSxROWS, e.g. 4x4", ErrBadSpec, s)
	}
	g := Grid{Cols: c, Rows: r}
	return g, g.Validate()
}

// Resolution is a frame size in pixels.
type Resolution struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// String formats the resolution as "WxH".
func (r Resolution) String() string { return fmt.Sprintf("%dx%d", r.Width, r.Height) }

// Rect is the whole frame, origin top-left.
func (r Resolution) Rect() image.Rectangle { return image.Rect(0, 0, r.Width, r.Height) }

// MaxDimension bounds a frame's width and height (16K).
const MaxDimension = 16384

// Validate reports whether the resolution is usable.
func (r Resolution) Validate() error {
	if r.Width < 1 || r.Height < 1 {
		return fmt.Errorf("%w: resolution %s: width and height must be >= 1", ErrBadSpec, r)
	}
	if r.Width > MaxDimension || r.Height > MaxDimension {
		return fmt.Errorf("%w: resolution %s: width and height must be <= %d", ErrBadSpec, r, MaxDimension)
	}
	return nil
}

// ParseResolution reads a resolution written as "WxH", e.g. "320x240".
func ParseResolution(s string) (Resolution, error) {
	w, h, err := parsePair(s, "x")
	if err != nil {
		return Resolution{}, fmt.Errorf("%w: resolution %q: want WIDTHxHEIGHT, e.g. 320x240", ErrBadSpec, s)
	}
	r := Resolution{Width: w, Height: h}
	return r, r.Validate()
}

// Frames is an inclusive range of frame numbers with a step.
type Frames struct {
	Start int `json:"start"`
	End   int `json:"end"`
	Step  int `json:"step"`
}

// String formats the range as "A-B" or "A-B:S", the form ParseFrames reads.
func (f Frames) String() string {
	if f.Step > 1 {
		return fmt.Sprintf("%d-%d:%d", f.Start, f.End, f.Step)
	}
	return fmt.Sprintf("%d-%d", f.Start, f.End)
}

// MaxFrames bounds the frames of one job.
const MaxFrames = 100000

// MaxFrame is the highest frame number, Blender's own (MAXFRAME): a bound
// that also keeps every frame arithmetic far from overflowing.
const MaxFrame = 1048574

// Validate reports whether the range is usable.
func (f Frames) Validate() error {
	switch {
	case f.Start < 0:
		return fmt.Errorf("%w: frames %s: frames start at 0 (Blender's negative frames are not rendered)", ErrBadSpec, f)
	case f.End < f.Start:
		return fmt.Errorf("%w: frames %s: end is before start", ErrBadSpec, f)
	case f.Step < 1:
		return fmt.Errorf("%w: frames %s: step must be >= 1", ErrBadSpec, f)
	case f.End-f.Start >= MaxFrames:
		return fmt.Errorf("%w: frames %s: at most %d frames per job", ErrBadSpec, f, MaxFrames)
	case f.End > MaxFrame:
		return fmt.Errorf("%w: frames %s: frame numbers end at %d (Blender's last frame)", ErrBadSpec, f, MaxFrame)
	case f.Step > MaxFrames:
		return fmt.Errorf("%w: frames %s: step must be between 1 and %d", ErrBadSpec, f, MaxFrames)
	}
	return nil
}

// List returns the frame numbers of the range in order. It never steps
// past End, so a range that Validate refused still cannot overflow into
// negative frames or loop forever.
func (f Frames) List() []int {
	step := max(f.Step, 1)
	var out []int
	for n := f.Start; n <= f.End; n += step {
		out = append(out, n)
		if n > f.End-step { // the next step would pass End (or overflow)
			break
		}
	}
	return out
}

// ParseFrames reads "A", "A-B" or "A-B:S".
func ParseFrames(s string) (Frames, error) {
	bad := fmt.Errorf("%w: frames %q: want A, A-B or A-B:STEP, e.g. 1-24", ErrBadSpec, s)
	rng, stepStr, hasStep := strings.Cut(s, ":")
	f := Frames{Step: 1}
	if hasStep {
		n, err := strconv.Atoi(stepStr)
		if err != nil {
			return Frames{}, bad
		}
		f.Step = n
	}
	if a, b, ok := strings.Cut(rng, "-"); ok {
		var err1, err2 error
		f.Start, err1 = strconv.Atoi(a)
		f.End, err2 = strconv.Atoi(b)
		if err1 != nil || err2 != nil {
			return Frames{}, bad
		}
	} else {
		n, err := strconv.Atoi(rng)
		if err != nil {
			return Frames{}, bad
		}
		f.Start, f.End = n, n
	}
	return f, f.Validate()
}

// ParseRegion reads a pixel rectangle written "x0,y0,x1,y1" (origin
// top-left, x1 and y1 exclusive).
func ParseRegion(s string) (image.Rectangle, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return image.Rectangle{}, fmt.Errorf("%w: region %q: want x0,y0,x1,y1", ErrBadSpec, s)
	}
	var v [4]int
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return image.Rectangle{}, fmt.Errorf("%w: region %q: %q is not an integer", ErrBadSpec, s, p)
		}
		v[i] = n
	}
	r := image.Rect(v[0], v[1], v[2], v[3])
	if v[0] >= v[2] || v[1] >= v[3] || v[0] < 0 || v[1] < 0 {
		return image.Rectangle{}, fmt.Errorf("%w: region %q: want 0 <= x0 < x1 and 0 <= y0 < y1", ErrBadSpec, s)
	}
	return r, nil
}

func parsePair(s, sep string) (int, int, error) {
	a, b, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), sep)
	if !ok {
		return 0, 0, errors.New("no separator")
	}
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, err
	}
	y, err := strconv.Atoi(b)
	if err != nil {
		return 0, 0, err
	}
	return x, y, nil
}

// Split divides area (a whole frame, or the render region of one) into
// the grid's tiles, row by row from the top. Uneven sizes are spread so
// that tiles differ by at most one pixel, and the tiles cover the area
// exactly once. A grid finer than the area is clamped to one tile per
// pixel.
func Split(area image.Rectangle, g Grid) []image.Rectangle {
	w, h := area.Dx(), area.Dy()
	cols, rows := min(g.Cols, w), min(g.Rows, h)
	tiles := make([]image.Rectangle, 0, max(cols*rows, 0))
	for r := 0; r < rows; r++ {
		y0, y1 := r*h/rows, (r+1)*h/rows
		for c := 0; c < cols; c++ {
			x0, x1 := c*w/cols, (c+1)*w/cols
			tiles = append(tiles, image.Rect(x0, y0, x1, y1).Add(area.Min))
		}
	}
	return tiles
}

// Tile is one task of a job: a rectangle of one frame.
type Tile struct {
	Frame int             `json:"frame"`
	Rect  image.Rectangle `json:"rect"`
}

// Plan lists a job's tasks, frame by frame, each frame's tiles of area
// (Split) row by row.
func Plan(frames Frames, area image.Rectangle, g Grid) []Tile {
	rects := Split(area, g)
	var out []Tile
	for _, f := range frames.List() {
		for _, r := range rects {
			out = append(out, Tile{Frame: f, Rect: r})
		}
	}
	return out
}
