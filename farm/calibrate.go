package farm

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
)

// calibrated are the renderers a node calibrates: the built-in glTF
// tracers, which render the bundled Cornell box. Blender would need a
// .blend of its own and seconds to start, so it is not calibrated and
// competes only on free slots.
var calibrated = []string{"pathtracer", "gl"}

// calibration is the fixed render that measures a renderer: the bundled
// Cornell box, small enough to take well under a second on a CPU, big
// enough that a render's fixed costs do not hide its speed.
var calibration = renderer.Task{Frame: 1, Width: 64, Height: 64, Samples: 8, Seed: 1}

// calibrationScene is the bundled scene every node calibrates with, so
// the figures of two nodes compare.
const calibrationScene = "cornell.glb"

// calibrate measures each calibrated renderer in rends with one render of
// the calibration scene at threads (a slot's cap, 0: every core) and
// returns samples (pixels x samples per pixel) per second per renderer.
// A first, tiny render warms the renderer up (shaders compiled, scene
// parsed once), as a node's first task would; a renderer that fails is
// left out, with why in errs.
func calibrate(ctx context.Context, rends map[string]renderer.Renderer, threads int, dir string) (speeds map[string]int64, errs map[string]error) {
	speeds, errs = map[string]int64{}, map[string]error{}
	scene, err := writeCalibrationScene(dir)
	if err != nil {
		for _, kind := range calibrated {
			if _, ok := rends[kind]; ok {
				errs[kind] = err
			}
		}
		return speeds, errs
	}
	defer os.Remove(scene)
	for _, kind := range calibrated {
		r, ok := rends[kind]
		if !ok {
			continue
		}
		v, err := measure(ctx, r, scene, threads)
		if err != nil {
			errs[kind] = err
			continue
		}
		speeds[kind] = v
	}
	return speeds, errs
}

// measure renders the calibration task once to warm up, then
// calibrationRuns times timed, and returns the fastest run's samples/s.
func measure(ctx context.Context, r renderer.Renderer, scene string, threads int) (int64, error) {
	// The calibration holds a task slot: a renderer that hangs (a broken
	// driver) must not keep it from the node's tasks for good.
	ctx, cancel := context.WithTimeout(ctx, calibrationTimeout)
	defer cancel()
	warm := calibration
	warm.Scene, warm.Threads, warm.Width, warm.Height, warm.Samples = scene, threads, 8, 8, 1
	if _, err := r.Render(ctx, warm); err != nil {
		return 0, fmt.Errorf("calibrate %s: %w", r.Name(), err)
	}
	t := calibration
	t.Scene, t.Threads = scene, threads
	var best time.Duration
	for range calibrationRuns {
		start := time.Now()
		if _, err := r.Render(ctx, t); err != nil {
			return 0, fmt.Errorf("calibrate %s: %w", r.Name(), err)
		}
		if took := time.Since(start); best == 0 || took < best {
			best = took
		}
	}
	samples := float64(t.Width * t.Height * t.Samples)
	return max(int64(samples/max(best.Seconds(), 1e-6)), 1), nil
}

// calibrationRuns is how many timed renders a calibration takes the
// fastest of: a moment of contention (another process, a render beside it)
// slows one, rarely both.
const calibrationRuns = 2

// calibrationTimeout bounds one renderer's calibration: its renders take
// well under a second on a CPU, so a minute means something is wrong.
const calibrationTimeout = time.Minute

// writeCalibrationScene writes the bundled calibration scene into dir (a
// sandboxed renderer reads it from there) and returns its path.
func writeCalibrationScene(dir string) (string, error) {
	b, ok := scenes.Bytes(calibrationScene)
	if !ok {
		return "", fmt.Errorf("calibrate: bundled scene %s is missing", calibrationScene)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("calibrate: %w", err)
	}
	f, err := os.CreateTemp(dir, "calibrate-*.glb")
	if err != nil {
		return "", fmt.Errorf("calibrate: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("calibrate: %w", err)
	}
	return f.Name(), f.Close()
}

// calibrateAndGossip calibrates the node's renderers in the background
// after it joined (a join never waits for it) and gossips the figures in
// its metadata; until then members see no speed and schedule it on free
// slots alone. The calibration renders in a task slot of its own, taken
// only while the node is not away (its owner's CPU is the owner's) and a
// slot is free, so it never runs beside more tasks than the node offers.
func (n *Node) calibrateAndGossip(ctx context.Context) {
	w := n.work
	if !takeIdleSlot(ctx, w) {
		return
	}
	speeds, errs := calibrate(ctx, w.renderers, n.cfg.Threads, filepath.Join(n.cfg.DataDir, "calibrate"))
	<-w.slots
	if ctx.Err() != nil {
		return
	}
	for _, kind := range slices.Sorted(maps.Keys(errs)) {
		n.cfg.Logger.Warn("calibration failed: this renderer competes on free slots only", "renderer", kind, "err", errs[kind])
	}
	if len(speeds) == 0 {
		return
	}
	n.cfg.Logger.Info("calibrated", "samples_per_second", speeds)
	n.availMu.Lock()
	defer n.availMu.Unlock()
	n.changeMeta("calibration", func(m *api.NodeMeta) bool { m.Speed = speeds; return true })
}

// takeIdleSlot takes one of w's task slots once w is not away and one is
// free, checking every second; false when ctx ended first.
func takeIdleSlot(ctx context.Context, w *worker) bool {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if w.awayReason() == "" {
			select {
			case w.slots <- struct{}{}:
				return true
			default:
			}
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
}

// Speeds returns the node's calibrated samples per second per renderer
// (empty until its calibration ran).
func (n *Node) Speeds() map[string]int64 {
	n.metaMu.Lock()
	defer n.metaMu.Unlock()
	return maps.Clone(n.meta.Speed)
}

// writeCalibrationMetrics serves the node's calibrated speeds, one series
// per renderer.
func writeCalibrationMetrics(w io.Writer, speeds map[string]int64) {
	if len(speeds) == 0 {
		return
	}
	fmt.Fprintf(w, "# HELP conun_calibration_samples_per_second samples per second one render slot of this node rendered in its calibration\n# TYPE conun_calibration_samples_per_second gauge\n")
	for _, kind := range slices.Sorted(maps.Keys(speeds)) {
		fmt.Fprintf(w, "conun_calibration_samples_per_second{renderer=%q} %d\n", kind, speeds[kind])
	}
}
