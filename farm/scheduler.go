package farm

import (
	"context"
	"sort"
	"strings"
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
	t.dropTwin()
	mustMove(c.log, taskMoves, &t.state, api.TaskPending)
	j.queue = append(j.queue, t)
}

// schedule leases pending tasks to members: jobs by priority (then age),
// each task to the fastest eligible member with a free slot (choose).
func (c *coordinator) schedule(ctx context.Context) {
	members := c.members()
	c.stakes.refresh(ctx, members, c.now())
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lastMembers = members
	c.checkRestored(members)
	now := c.now()
	jobs := make([]*job, 0, len(c.order))
	for _, id := range c.order {
		if j := c.jobs[id]; !j.state.Final() && j.state != api.JobPaused && j.state != api.JobAwaiting && len(j.queue) > 0 {
			jobs = append(jobs, j)
		}
	}
	sort.SliceStable(jobs, func(a, b int) bool { return jobs[a].spec.Priority > jobs[b].spec.Priority })
	for _, j := range jobs {
		c.scheduleJob(ctx, j, members, now)
	}
	c.hintPrefetches(ctx, jobs, members, now)
	c.duplicateStragglers(ctx, members, now)
}

// scheduleJob leases the job's ready tasks while eligible members have free
// slots; c.mu must be held.
func (c *coordinator) scheduleJob(ctx context.Context, j *job, members []api.Member, now time.Time) {
	keep := j.queue[:0]
	defer func() {
		clear(j.queue[len(keep):])
		j.queue = keep
	}()
	// The members as this pass sees them, read once: only this pass's own
	// leases change them while c.mu is held, and lease counts those in
	// (cands.leased). Read again for every task, they cost a checksummed
	// address and two map look-ups per member per task: with 200 members,
	// most of a coordinator's CPU.
	cands := c.passCandidates(members, j, now)
	for i, t := range j.queue {
		if t.state != api.TaskPending {
			continue // leased, finished or cancelled since it was queued
		}
		if now.Before(t.notBefore) || !j.ready(t) {
			keep = append(keep, t)
			continue
		}
		if j.release == "" && j.framing.Finishes() {
			// A composited job's frames must be finished by nodes of
			// its tiles' release: bind it to one that has them. (A
			// multilayer job without a finish is bound by its first
			// lease, as every job is below.)
			if j.release = finishRelease(j.demand(), j.finishDemand(), members); j.release == "" {
				keep = append(keep, j.queue[i:]...)
				return
			}
			c.save(j)
		}
		if t.finish {
			// A finish waits for a node that can finish, without holding
			// up the tiles behind it.
			m, free, eligible := choose(j.finishDemand(), cands.all)
			if free {
				m, free = c.pickFor(cands.all, j, t, m)
			}
			switch {
			case free:
				c.lease(ctx, j, t, m, members)
				cands.leased(m.ID)
			case eligible == 0 && c.blockedAll(j, j.finishDemand(), members):
				c.failRest(j, "every node that could finish this job's frames failed it too often")
				return
			default:
				keep = append(keep, t)
			}
			continue
		}
		m, free, eligible := choose(j.demand(), cands.all)
		if !free {
			keep = append(keep, j.queue[i:]...)
			if eligible == 0 && c.blockedAll(j, j.demand(), members) {
				c.failRest(j, "every node that could render this job failed it too often")
			}
			if eligible == 0 && j.release != "" && j.done == 0 && !j.leased() {
				// Every node of the release left before any of its
				// tiles was accepted: nothing to match, so the next
				// pass may bind the job to another release.
				j.release = ""
				c.save(j)
			}
			return
		}
		if m, free = c.pickFor(cands.all, j, t, m); !free {
			keep = append(keep, t) // waits for a node that has not failed it
			continue
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
		cands.leased(m.ID)
	}
}

// passCandidates is candidates read once for a scheduling pass of job j,
// kept current by leased; c.mu must be held.
func (c *coordinator) passCandidates(members []api.Member, j *job, now time.Time) passCands {
	all := c.candidates(members, j, now)
	at := make(map[string]int, len(all))
	for i, cand := range all {
		at[cand.Member.ID] = i
	}
	return passCands{c: c, all: all, at: at}
}

// passCands are the candidates of one scheduling pass.
type passCands struct {
	c   *coordinator
	all []candidate
	at  map[string]int // member ID -> index in all
}

// leased reads member id's free slots again after a lease to it (or a
// lease that could not start and was taken back); c.mu must be held.
func (p passCands) leased(id string) {
	if i, ok := p.at[id]; ok {
		p.all[i].Free = leaseRoom(p.all[i].Member, p.c.inflight[id])
	}
}

// blockAfter is how many failed leases of one job in a row (an accepted
// one starts the count again) make a node unfit for the rest of it.
const blockAfter = 3

// candidates reads the coordinator's state of members for job j into plain
// values; c.mu must be held.
func (c *coordinator) candidates(members []api.Member, j *job, now time.Time) []candidate {
	cands := make([]candidate, len(members))
	for i, m := range members {
		key := repKey(m.Addr)
		h := c.health[key]
		cands[i] = candidate{
			Member: m, Free: leaseRoom(m, c.inflight[m.ID]), Busy: now.Before(c.busy[m.ID]) || m.Away != "" || c.gateways.holds(m, now), // an away node comes back: not unfit, only not now
			Failures: j.failures[m.ID], Quarantined: c.rep.Quarantined(key, now), Blocklisted: h != nil && now.Before(h.Until),
			Unstaked: !c.stakes.meets(m), Speed: c.rates.speed(m, j.spec.Renderer),
		}
	}
	return cands
}

// demand is what a job asks of the node that renders its tasks.
type demand struct {
	Renderer   string
	Version    string     // this build or release, when set (JobSpec.RendererVersion: versionMatches)
	MinVersion string     // the oldest version that opens the scene
	Release    string     // the release the job is bound to, when set
	Needs      string     // a feature the scene needs ("gl")
	Denoise    bool       // a denoiser
	Device     string     // a device class ("CUDA")
	PriceCap   api.Tokens // the most a task may cost; 0 for any
}

// demand returns what job j asks of a node now.
func (j *job) demand() demand {
	return demand{
		Renderer: j.spec.Renderer, Version: j.spec.RendererVersion, MinVersion: j.minVersion,
		Release: j.release, Needs: j.needs, Device: j.spec.Device, PriceCap: j.taskCap(),
		Denoise: j.spec.Denoise && len(j.framing.Passes) == 0, // raw-pass tiles are denoised whole in the finish step
	}
}

// candidate is a member as one scheduling pass sees it.
type candidate struct {
	Member      api.Member
	Free        int  // slots not leased
	Busy        bool // left alone for a while after a busy or unreachable answer
	Failures    int  // failed leases of this job
	Quarantined bool // convicted of cheating, quarantine not over
	Unstaked    bool // bonds less than the minimum stake (minstake.go)
	Blocklisted bool // fails the tasks others render (nodehealth.go)
	// Speed is the samples per second per slot expected of it on the
	// job's renderer: measured, or its calibration until it has a few
	// tasks (memberRates.speed); 0 when unknown.
	Speed float64
}

// versionMatches reports whether a node's build is the one a job asks
// for: that very build ("blender-4.3.2/cycles-cpu+oidn"), or any build of
// that release ("blender-4.3.2", as the app's form picks it from what the
// members advertise): builds of one release differ at most by float noise,
// and a job's tiles already all come from one release.
func versionMatches(build, want string) bool {
	return build == want || !strings.Contains(want, "/") && renderer.ParseBuild(build).Release() == want
}

// admits reports whether a member may render tasks of the job at all.
func (d demand) admits(c candidate) bool {
	version, ok := c.Member.Renderers[d.Renderer]
	b := renderer.ParseBuild(version)
	switch {
	case !ok:
		return false
	case d.Version != "" && !versionMatches(version, d.Version):
		return false
	case d.MinVersion != "" && !b.AtLeast(d.MinVersion):
		return false // e.g. a Blender older than the one that saved the scene
	case d.Release != "" && b.Release() != d.Release:
		return false
	case d.Needs != "" && !b.Has(d.Needs):
		return false // e.g. an Eevee scene on a node without OpenGL
	case d.Denoise && !b.Has("oidn"):
		return false
	case d.Device != "" && !b.OnDevice(d.Device):
		return false
	case !d.PriceCap.IsZero() && c.Member.Price.Cmp(d.PriceCap) > 0:
		return false // over the job's price cap, or its budget would not cover it
	case c.Failures >= blockAfter:
		return false
	case c.Quarantined:
		return false // convicted of cheating: no work until its quarantine ends
	case c.Unstaked, c.Blocklisted:
		return false
	}
	return true
}

// choose returns the admitted candidate with the most free slots (of
// those with as many, the fastest by Speed), whether one has a free slot,
// and how many are admitted at all. It is the scheduler's decision as a
// pure function of what it knows. Free slots come first so every member
// of a cluster gets work (a member ranked by speed first left the others
// idle whenever tasks came one at a time); a member whose speed is not
// known yet ranks at the mean of those known, so a new node is not passed
// over until it has been measured, which it would never be.
//
// Only a node of the same renderer release can check a node's work, so
// where some admitted members share their release with another, only
// those are picked: a node cannot dodge checks by being the only one of
// its release (or by claiming a release of its own). Where no two share a
// release (a small mixed cluster), any admitted member is, and its tasks
// go unchecked.
func choose(d demand, cands []candidate) (best api.Member, free bool, admitted int) {
	// The admitted, as indexes: a candidate is a member's whole gossip,
	// and copying them was 3.5% of the bytes a coordinator allocated.
	var buf [64]int
	ok := buf[:0]
	releases := map[string]int{}
	release := func(c *candidate) string { return renderer.ParseBuild(c.Member.Renderers[d.Renderer]).Release() }
	for i := range cands {
		if d.admits(cands[i]) {
			ok = append(ok, i)
			releases[release(&cands[i])]++
		}
	}
	shared := false
	for _, n := range releases {
		shared = shared || n > 1
	}
	known, sum := 0, 0.0
	for _, i := range ok {
		if c := &cands[i]; c.Speed > 0 {
			known, sum = known+1, sum+c.Speed
		}
	}
	speed := func(c *candidate) float64 {
		if c.Speed > 0 || known == 0 {
			return c.Speed
		}
		return sum / float64(known)
	}
	bestFree, bestSpeed := 0, 0.0
	for _, i := range ok {
		c := &cands[i]
		if c.Busy || shared && releases[release(c)] < 2 || c.Free <= 0 {
			continue
		}
		if s := speed(c); c.Free > bestFree || c.Free == bestFree && s > bestSpeed {
			best, bestFree, bestSpeed = c.Member, c.Free, s
		}
	}
	return best, bestFree > 0, len(ok)
}

// blockedAll reports whether the job has no member eligible for d only
// because it blocked them all: every member that d admits but for its
// failed leases (the finishers, for a finish task) failed it too often.
func (c *coordinator) blockedAll(j *job, d demand, members []api.Member) bool {
	could, blocked := 0, 0
	for _, m := range members {
		if !d.admits(candidate{Member: m}) {
			continue
		}
		could++
		if j.failures[m.ID] >= blockAfter {
			blocked++
		}
	}
	return could > 0 && blocked == could
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
