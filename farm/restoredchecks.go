package farm

import (
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// A spot check runs off the store: when the coordinator stops while one
// runs, the tile's record says only that it is to be checked (the draw is
// kept in the record the tile is accepted with: drawCheck). Such a tile
// used to stand unchecked after the restart, and be paid: a worker whose
// cheat was under check when the coordinator went down kept its pixels in
// the frame, and one killed right after accepting a tile (before its
// check was recorded) kept it too. Now its check runs again, with crops
// drawn anew (a worker cannot know them either way), and the job waits
// for it, as it waits for any check.

// restoredCheckWait is how long a restored check waits for the members
// that can take part in it: a node restarted without --join rejoins the
// members it remembers in the background, and the others come back one by
// one. After it the check runs with whoever is there, and the tile stands
// unchecked where nobody can check it, as with any check. A check one
// member can take waits restoredOneWait for a second (the arbiter, should
// the two disagree): a cluster of two machines has none to wait for.
const (
	restoredCheckWait = time.Minute
	restoredOneWait   = 15 * time.Second
)

// checkRestored starts the checks that died with the old process (the
// jobs' redo tiles), each once the members hold two that can take part
// in it (a checker and an arbiter: checkers), one restoredOneWait after
// the restart, or none restoredCheckWait after it; c.mu must be held.
func (c *coordinator) checkRestored(members []api.Member) {
	if c.restoredChecks == 0 || c.stopping.Load() {
		return // none, or left to the next start
	}
	since := c.now().Sub(c.restoredAt)
	ready := func(j *job, t *task) bool {
		n := checkers(members, j.spec.Renderer, t)
		return n >= 2 || n == 1 && since >= restoredOneWait || since >= restoredCheckWait
	}
	for _, id := range c.order {
		j := c.jobs[id]
		if len(j.redo) == 0 {
			continue
		}
		wait := j.redo[:0]
		for _, t := range j.redo {
			taken := j.state.Final() || t.state != api.TaskDone || t.verdict != api.VerdictChecking // a conviction, a cancel
			if !taken && !ready(j, t) {
				wait = append(wait, t)
				continue
			}
			c.restoredChecks--
			j.checking--
			if taken {
				continue
			}
			t.verdict = ""
			tl, err := c.tileImage(j.tileWant(), frameTile{index: t.index, hash: t.hash, rect: t.tile.Rect})
			if err != nil {
				c.log.Warn("check a tile again after a restart: it stands unchecked", "job", j.id, "task", t.index, "node", t.node, "err", err)
				t.verdict = api.VerdictUnchecked
			}
			if err != nil || !c.check(j, t, tl.checked(), true) {
				c.saveTask(j, t) // its verdict now, not "checking"
				c.maybeReceipt(j, t)
			}
		}
		clear(j.redo[len(wait):])
		j.redo = wait
		c.maybeComplete(j)
	}
}

// checkers counts the members that can take part in a check of tile t:
// other than its worker (which, rejoining the restarted coordinator
// first, would else have its tiles checked by nobody), of its renderer
// release, not away.
func checkers(members []api.Member, rend string, t *task) int {
	release := renderer.ParseBuild(t.build).Release()
	n := 0
	for _, m := range members {
		if m.ID != t.node && m.Away == "" && release != "" && renderer.ParseBuild(m.Renderers[rend]).Release() == release {
			n++
		}
	}
	return n
}
