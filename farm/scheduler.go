package farm

import (
	"context"
	"sort"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// retryBackoff is how long a task waits before its next lease after its
// n-th failed one: 250ms, 500ms, 1s, ... up to 8s, so a flaky task does not
// spin through its attempts in a moment.
func retryBackoff(n int) time.Duration {
	d := 250 * time.Millisecond << min(max(n-1, 0), 5)
	return min(d, 8*time.Second)
}

// requeue puts a task back in its job's queue; c.mu must be held.
func (c *coordinator) requeue(j *job, t *task) {
	mustMove(c.log, taskMoves, &t.state, api.TaskPending)
	j.queue = append(j.queue, t)
}

// schedule leases pending tasks to members: jobs by priority (then age),
// each task to the eligible member with the most free slots.
func (c *coordinator) schedule(ctx context.Context) {
	members := c.members()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastMembers = members
	now := c.now()
	jobs := make([]*job, 0, len(c.order))
	for _, id := range c.order {
		if j := c.jobs[id]; !j.state.Final() && len(j.queue) > 0 {
			jobs = append(jobs, j)
		}
	}
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].spec.Priority > jobs[b].spec.Priority })
	for _, j := range jobs {
		c.scheduleJob(ctx, j, members, now)
	}
}

// scheduleJob leases the job's ready tasks while eligible members have free
// slots; c.mu must be held.
func (c *coordinator) scheduleJob(ctx context.Context, j *job, members []api.Member, now time.Time) {
	keep := j.queue[:0]
	defer func() {
		clear(j.queue[len(keep):])
		j.queue = keep
	}()
	for i, t := range j.queue {
		if t.state != api.TaskPending {
			continue // leased, finished or cancelled since it was queued
		}
		if now.Before(t.notBefore) {
			keep = append(keep, t)
			continue
		}
		m, free, eligible := c.pick(members, j, now)
		if !free {
			keep = append(keep, j.queue[i:]...)
			if eligible == 0 && c.blockedAll(j, members) {
				c.fail(j, "every node that could render this job failed it too often")
			}
			if eligible == 0 && j.release != "" && j.done == 0 && !j.leased() && len(j.passNames) == 0 {
				// Every node of the release left before any of its
				// tiles was accepted: nothing to match, so the next
				// pass may bind the job to another release.
				j.release = ""
				c.save(j)
			}
			return
		}
		if j.release == "" {
			j.release = renderer.ParseBuild(m.Renderers[j.spec.Renderer]).Release()
			c.save(j)
		}
		if j.state == api.JobQueued {
			mustMove(c.log, jobMoves, &j.state, api.JobRunning)
			c.save(j)
		}
		c.lease(ctx, j, t, m, members)
	}
}

// blockAfter is how many failed leases of one job make a node unfit for the
// rest of it.
const blockAfter = 3

// pick returns the eligible member with the most free slots, whether one
// has a free slot, and how many members are eligible at all (right
// renderer and version, price within the cap, not blocked for the job).
//
// Only a node of the same renderer release can check a node's work, so
// where some eligible members share their release with another, only
// those are picked: a node cannot dodge checks by being the only one of
// its release (or by claiming a release of its own). Where no two share a
// release (a small mixed cluster), any eligible member is, and its tasks
// go unchecked.
func (c *coordinator) pick(members []api.Member, j *job, now time.Time) (best api.Member, free bool, eligible int) {
	var ok []api.Member
	releases := map[string]int{}
	for _, m := range members {
		if c.eligible(m, j) {
			ok = append(ok, m)
			releases[renderer.ParseBuild(m.Renderers[j.spec.Renderer]).Release()]++
		}
	}
	shared := false
	for _, n := range releases {
		shared = shared || n > 1
	}
	bestFree := 0
	for _, m := range ok {
		if now.Before(c.busy[m.ID]) || shared && releases[renderer.ParseBuild(m.Renderers[j.spec.Renderer]).Release()] < 2 {
			continue
		}
		if f := m.Slots - c.inflight[m.ID]; f > bestFree {
			best, bestFree = m, f
		}
	}
	return best, bestFree > 0, len(ok)
}

// eligible reports whether member m may render tasks of job j.
func (c *coordinator) eligible(m api.Member, j *job) bool {
	version, ok := m.Renderers[j.spec.Renderer]
	switch {
	case !ok:
		return false
	case j.spec.RendererVersion != "" && version != j.spec.RendererVersion:
		return false
	case j.minVersion != "" && !renderer.ParseBuild(version).AtLeast(j.minVersion):
		return false // e.g. a Blender older than the one that saved the scene
	case j.release != "" && renderer.ParseBuild(version).Release() != j.release:
		return false
	case j.needs != "" && !renderer.ParseBuild(version).Has(j.needs):
		return false // e.g. an Eevee scene on a node without OpenGL
	case j.spec.Denoise && !renderer.ParseBuild(version).Has("oidn"):
		return false
	case j.spec.Device != "" && !renderer.ParseBuild(version).OnDevice(j.spec.Device):
		return false
	case j.taskCap() > 0 && m.Price > j.taskCap():
		return false // over the job's price cap, or its budget would not cover it
	case j.failures[m.ID] >= blockAfter:
		return false
	case c.quarantined(m.ID):
		return false // convicted of cheating: no work until its quarantine ends
	}
	return true
}

// blockedAll reports whether the job has no eligible member only because it
// blocked them all.
func (c *coordinator) blockedAll(j *job, members []api.Member) bool {
	blocked := 0
	for _, m := range members {
		if j.failures[m.ID] >= blockAfter {
			blocked++
		}
	}
	return blocked > 0 && blocked == len(members)
}

// someoneRendersOn reports whether any member's renderer uses the device.
func (c *coordinator) someoneRendersOn(rend, device string) bool {
	for _, m := range c.members() {
		if v, ok := m.Renderers[rend]; ok && renderer.ParseBuild(v).OnDevice(device) {
			return true
		}
	}
	return false
}

// someoneDenoises reports whether any member's renderer can denoise.
func (c *coordinator) someoneDenoises(rend string) bool { return c.someoneHas(rend, "oidn") }

// someoneHas reports whether a member's renderer rend advertises feature.
func (c *coordinator) someoneHas(rend, feature string) bool {
	for _, m := range c.members() {
		if renderer.ParseBuild(m.Renderers[rend]).Has(feature) {
			return true
		}
	}
	return false
}
