package farm

import (
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// A spot check runs off the store: when the coordinator stops while one
// runs, the tile's record says only that it was being checked. Such a
// tile used to stand unchecked after the restart, and be paid: a worker
// whose cheat was under check when the coordinator went down kept its
// pixels in the frame. Now its check runs again, with crops drawn anew
// (a worker cannot know them either way), and the job waits for it, as
// it waits for any check. (A proof check of a convicted checker's own
// tile, proveWith, is not among them: the conviction rejects that tile,
// and its record goes.)

// restoredCheckWait is how long a restored check waits for the members
// that can take part in it: a node restarted without --join rejoins the
// members it remembers in the background, and the others come back one by
// one. After it the check runs with whoever is there, and the tile stands
// unchecked where nobody can check it, as with any check.
const restoredCheckWait = time.Minute

// checkRestored starts the checks that died with the old process (the
// jobs' redo tiles), each once the members hold two that can take part
// in it (a checker and an arbiter: checkable), or restoredCheckWait after
// the restart; c.mu must be held.
func (c *coordinator) checkRestored(members []api.Member) {
	if c.restoredChecks == 0 || c.stopping.Load() {
		return // none, or left to the next start
	}
	late := c.now().Sub(c.restoredAt) >= restoredCheckWait
	for _, id := range c.order {
		j := c.jobs[id]
		if len(j.redo) == 0 {
			continue
		}
		wait := j.redo[:0]
		for _, t := range j.redo {
			taken := j.state.Final() || t.state != api.TaskDone || t.verdict != api.VerdictChecking // a conviction, a cancel
			if !taken && !late && !checkable(members, j.spec.Renderer, t) {
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

// checkable reports whether members hold two, other than tile t's worker,
// of its renderer release and not away: a checker, and an arbiter should
// they disagree. The worker, rejoining the restarted coordinator first,
// would otherwise have its tiles checked by nobody.
func checkable(members []api.Member, rend string, t *task) bool {
	release := renderer.ParseBuild(t.build).Release()
	n := 0
	for _, m := range members {
		if m.ID != t.node && m.Away == "" && release != "" && renderer.ParseBuild(m.Renderers[rend]).Release() == release {
			n++
		}
	}
	return n >= 2
}
