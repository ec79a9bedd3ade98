package api

import "github.com/conun/conun/tiler"

// The job defaults: what `conun submit`, `conun demo`, `conun render` and
// the app's new-render form start from when neither the user nor the
// scene says otherwise (the scene's own settings come first, through
// TakeScene). One place, so the CLI and the app never render the same
// scene two ways.
const (
	// DefaultSamples is enough for a recognisable preview in seconds;
	// production scenes carry their own count.
	DefaultSamples = 32
	// DefaultDepth is 8 bits per channel: Blender's own default for PNG,
	// half the bytes and encoding time of 16, and what every viewer shows;
	// 16 is asked for (--depth 16) or taken from the scene.
	DefaultDepth = 8
	// DefaultVerifyRate spot-checks one task in 20 (the app's middle trust
	// level): cheats are caught over a job while checks stay a few percent
	// of its cost (BenchmarkCheatModes).
	DefaultVerifyRate = 0.05
	// DefaultPriority is a job's place among its coordinator's others
	// when the user says nothing: the middle of -1000 to 1000, so one job
	// can be put ahead of or behind the rest.
	DefaultPriority = 0
)

// DefaultResolution is small enough that a first job on a laptop ends in
// seconds.
var DefaultResolution = tiler.Resolution{Width: 320, Height: 240}

// DefaultTiles picks a tile grid for a resolution: tiles of about 128 pixels
// a side, so a frame spreads over a few nodes without the per-task overhead
// dominating (Blender's start-up is ~1 s a task, and a fixed 4x4 grid made
// 80x60-pixel tiles of a 320x240 frame: 1.5-2.2x the CPU of whole frames);
// at least two columns and rows where the frame is large enough to make
// tiles visible in the live view; at most 16 a side.
func DefaultTiles(r tiler.Resolution) tiler.Grid {
	side := func(px int) int {
		n := min(max((px+127)/128, 1), 16)
		if px >= 32 {
			n = max(n, 2)
		}
		return n
	}
	return tiler.Grid{Cols: side(r.Width), Rows: side(r.Height)}
}
