package farm

// Finish tasks on the coordinator's side. A composited scene split into
// tiles has one finish task per frame (finish.go planTasks), numbered
// after the tiles. It waits in the queue until its frame's tiles are all
// accepted, then is leased like a tile, but only to nodes that advertise
// FeatureFinish for the job's release (the release its tiles came from):
// a worker reads the frame's tiles from the coordinator, stitches them and
// runs the scene's compositor. Its answer, the finished frame's file, is
// kept as a blob and the frame is written from it. Failures, timeouts and
// nodes that leave requeue it with the tiles' back-off; its record makes
// a restarted coordinator resume it; it pays its worker like a tile.
//
// Every finish is checked (verify.go), unless the coordinator ran it
// itself: a finish is deterministic, so a second node re-running it must
// give the same pixels (two nodes of one build gave bit-identical frames
// in every test; the near-exact rule is kept, as shared/DEPENDENCIES.md
// asks for Blender). A lie in a finish spoils a whole frame that no tile
// check would see, and the check costs one more finish, no render: a
// fixed cost per frame (scene load and compositor) that does not grow with
// samples. Measured (BenchmarkFinish, 640x360, 32 samples, 2 shared
// cores): finish 0.39 s against 1.85 s of tiles, so checking adds 21% of
// the tiles' node time at that tiny sample count, and proportionally less
// at production samples (about 2.6% at 256, estimated from the tiles'
// linear cost). A tile of the frame rejected after its finish ran makes
// the finish stale: it runs again over the new tile.

import (
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// finishTiles lists frame f's accepted tiles for a finish request; c.mu
// must be held.
func (j *job) finishTiles(f int) []FinishTile {
	tiles := make([]FinishTile, 0, len(j.byFrame[f]))
	for _, t := range j.byFrame[f] {
		tiles = append(tiles, FinishTile{Hash: t.hash, Rect: t.tile.Rect})
	}
	return tiles
}

// finishDemand is what a finish task of j asks of its node: a renderer of
// the job's release that can finish. The scene's other needs (OpenGL for
// Eevee) are the render's, not the compositor's.
func (j *job) finishDemand() demand {
	d := j.demand()
	d.Needs, d.Device = finishFeature(j.spec), ""
	return d
}

// finishFeature is what a node's renderer must advertise to run (or check)
// a finish of a job of spec: a denoised job's frames are denoised whole in
// the finish step, which needs a denoiser.
func finishFeature(spec api.JobSpec) string {
	if spec.Denoise {
		return renderer.FeatureDenoise
	}
	return renderer.FeatureFinish
}

// ready reports whether task t may be leased now: a finish task waits for
// its frame's tiles.
func (j *job) ready(t *task) bool {
	return !t.finish || j.tilesDone(t.tile.Frame)
}

// finishRelease picks the release a composited job's tiles are bound to:
// of the releases some member can render the tiles with (tiles: the job's
// device, its features), the one the most members can finish with (fin)
// (two or more: one finishes, another checks it), so that its frames can
// be both rendered and finished; "" while none can. Counting finishers
// alone bound a --device job to a release that no member of the device
// had, and its tiles waited for good.
func finishRelease(tiles, fin demand, members []api.Member) string {
	renders := map[string]bool{}
	for _, m := range members {
		if tiles.admits(candidate{Member: m}) {
			renders[renderer.ParseBuild(m.Renderers[tiles.Renderer]).Release()] = true
		}
	}
	count := map[string]int{}
	best := ""
	for _, m := range members {
		if !fin.admits(candidate{Member: m}) {
			continue
		}
		r := renderer.ParseBuild(m.Renderers[fin.Renderer]).Release()
		if !renders[r] {
			continue
		}
		count[r]++
		if best == "" || count[r] > count[best] || count[r] == count[best] && r < best {
			best = r
		}
	}
	return best
}

// staleFinish sends frame f's finish task back to the queue after a tile
// of the frame was rejected: it ran (or runs) over a tile that is being
// rendered again, and waits for the new one; c.mu must be held.
func (c *coordinator) staleFinish(j *job, f int) {
	fin := j.finishes[f]
	if fin == nil {
		return
	}
	switch fin.state {
	case api.TaskDone:
		mustMove(c.log, taskMoves, &fin.state, api.TaskPending)
		j.queue = append(j.queue, fin)
		j.done--
		c.store.DeleteTask(j.id, fin.index)
	case api.TaskLeased:
		if fin.accepting != 0 {
			return // its record is being written: finish() sees the frame's new generation
		}
		if fin.cancel != nil {
			fin.cancel()
			fin.cancel = nil
		}
		c.requeue(j, fin)
	default:
		return
	}
	c.emit(j, api.Event{Type: api.EventRequeued, Task: fin.index, Frame: f, Node: fin.node, Reason: api.RequeueStale, Message: "a tile of the frame was rejected: finishing again over the new one"})
}
