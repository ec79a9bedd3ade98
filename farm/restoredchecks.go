package farm

import (
	"slices"
	"time"

	"github.com/conun/conun/farm/api"
)

// A spot check runs off the store: when the coordinator stops while one
// runs, the tile's record says only that it was being checked. Such a
// tile used to stand unchecked after the restart, and be paid: a worker
// whose cheat was under check when the coordinator went down kept its
// pixels in the frame. Now its check runs again, with crops drawn anew
// (a worker cannot know them either way), and the job waits for it, as
// it waits for any check. The proof checks of a convicted checker's own
// tiles (proveWith) come back the same way.

// restoredCheckWait is how long the restored checks wait for a member to
// check them: a node restarted without --join rejoins the members it
// remembers in the background. After it they run with whoever is there,
// and stand unchecked where nobody can check, as any check would.
const restoredCheckWait = time.Minute

// checkRestored starts the checks that died with the old process (the
// jobs' redo tiles) once a pass sees another member than this one, or
// restoredCheckWait after the restart; c.mu must be held.
func (c *coordinator) checkRestored(members []api.Member) {
	if c.restoredChecks == 0 {
		return
	}
	if !slices.ContainsFunc(members, func(m api.Member) bool { return m.ID != c.self }) && c.now().Sub(c.restoredAt) < restoredCheckWait {
		return
	}
	c.restoredChecks = 0
	for _, id := range c.order {
		j := c.jobs[id]
		redo := j.redo
		j.redo = nil
		for _, t := range redo {
			j.checking--
			if j.state.Final() || t.state != api.TaskDone || t.verdict != api.VerdictChecking {
				continue // taken back meanwhile: a conviction, a cancel
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
		if len(redo) > 0 {
			c.maybeComplete(j)
		}
	}
}
