package farm

// Stragglers: at the tail of a job, when every task is out on a lease and
// members sit idle, the task that has run longest past the job's usual
// lease time is leased a second time to another node (its twin). The first
// valid result wins and is accepted, checked and paid as any lease's; the
// other lease is cancelled and paid nothing: a task has one worker, one
// record and at most one place in its worker's receipt, whoever answered.

import (
	"context"
	"slices"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/ethereum/go-ethereum/common"
)

// stragglerFactor is how many times the job's median lease time a lease
// must have run before its task is leased again.
const stragglerFactor = 3

// twinLease is a task's second lease.
type twinLease struct {
	lease    int // its number: the task's current lease's plus one
	node     string
	price    api.Tokens
	addr     common.Address
	build    string
	leasedAt time.Time
	cancel   context.CancelFunc
	nonce    string // names the lease to its worker (release.go)
	// promoted is set once the twin became the task's lease (the first
	// lease failed, or the twin answered first).
	promoted bool
}

// recordTook keeps how long an accepted lease of the job took, shortest
// first; c.mu must be held. Kept sorted as it grows, so the median is read, not
// sorted, on every scheduling pass (sorting a copy each pass was 4% of a
// coordinator's CPU with 256-task jobs).
func (j *job) recordTook(d time.Duration) {
	i, _ := slices.BinarySearch(j.took, d)
	j.took = slices.Insert(j.took, i, d)
}

// stragglingAfter is how long a lease of j may run before its task is
// leased again: stragglerFactor times the job's median lease, and at least
// least, so that an honest node a little slower than the rest does not
// lose its work (and its pay) to a twin. 0: never (no lease of the job was
// accepted yet, or least is 0).
func (j *job) stragglingAfter(least time.Duration) time.Duration {
	if len(j.took) == 0 || least <= 0 {
		return 0
	}
	return max(least, stragglerFactor*j.took[len(j.took)/2])
}

// duplicateStragglers leases the longest-running tasks of jobs whose every
// task is out again, to idle members; c.mu must be held.
func (c *coordinator) duplicateStragglers(ctx context.Context, members []api.Member, now time.Time) {
	for _, id := range c.order {
		j := c.jobs[id]
		after := j.stragglingAfter(c.cfg.StragglerAfter)
		if j.state != api.JobRunning || after == 0 {
			continue
		}
		var leased []*task
		for _, t := range j.tasks {
			if t.state == api.TaskPending {
				leased = nil // not the tail yet
				break
			}
			if t.state == api.TaskLeased && !t.finish && t.twin == nil && t.accepting == 0 && time.Since(t.leasedAt) > after {
				leased = append(leased, t)
			}
		}
		slices.SortFunc(leased, func(a, b *task) int { return a.leasedAt.Compare(b.leasedAt) })
		for _, t := range leased {
			m, ok := c.idleFor(members, j, t, now)
			if !ok {
				break
			}
			c.duplicate(ctx, j, t, m, members)
		}
	}
}

// idleFor returns an eligible member with a free slot that neither holds
// t's lease nor failed t; c.mu must be held.
func (c *coordinator) idleFor(members []api.Member, j *job, t *task, now time.Time) (api.Member, bool) {
	var others []candidate
	for _, cand := range c.candidates(members, j, now) {
		if _, failed := t.failedBy[cand.Member.ID]; cand.Member.ID != t.node && !failed {
			others = append(others, cand)
		}
	}
	m, free, _ := choose(j.taskDemand(t), others)
	return m, free
}

// duplicate leases t a second time, to m; c.mu must be held.
func (c *coordinator) duplicate(ctx context.Context, j *job, t *task, m api.Member, members []api.Member) {
	tw := &twinLease{
		lease: t.lease + 1, node: m.ID, price: m.Price, addr: common.HexToAddress(m.Addr),
		build: m.Renderers[j.spec.Renderer], leasedAt: time.Now(),
	}
	c.inflight[m.ID]++
	cancel, nonce, ok := c.send(ctx, j, t, tw.lease, m, members, func(a leaseAnswer) { c.twinAnswered(j, t, tw, a) })
	if !ok {
		c.inflight[m.ID]--
		return
	}
	tw.cancel, tw.nonce, t.twin = cancel, nonce, tw
	c.emit(j, api.Event{Type: api.EventLeased, Task: t.index, Frame: t.tile.Frame, Node: m.ID, Message: "duplicate of the lease to " + t.node + ", running for " + time.Since(t.leasedAt).Round(time.Millisecond).String()})
}

// adopt makes t's twin its lease: the task's worker, price and address
// become the twin's; c.mu must be held.
func (t *task) adopt(tw *twinLease) {
	t.lease, t.node, t.price, t.addr, t.build, t.leasedAt = tw.lease, tw.node, tw.price, tw.addr, tw.build, tw.leasedAt
	t.cancel, t.nonce, t.twin, tw.promoted = tw.cancel, tw.nonce, nil, true
}

// dropTwin cancels t's twin, if any: the other lease answered first, or
// the task was taken back; c.mu must be held.
func (t *task) dropTwin() {
	if t.twin != nil {
		t.twin.cancel()
		t.twin = nil
	}
}

// promoteTwin hands t to its twin when t's lease by node failed with err
// while the twin still runs, counting the failure against node; it
// reports whether there was a twin. c.mu must be held.
func (c *coordinator) promoteTwin(j *job, t *task, node string, err error) bool {
	if t.twin == nil {
		return false
	}
	c.countFailure(j, t, node, t.addr.Hex(), err)
	t.adopt(t.twin)
	return true
}

// countFailure records a failed lease of t against its node, unless the
// node was only busy or unreachable; c.mu must be held.
func (c *coordinator) countFailure(j *job, t *task, node, addr string, err error) {
	if c.nodeFault(node, err) {
		j.failures[node]++
		c.taskFailed(t, node, addr)
	}
}

// twinAnswered takes a twin's answer: a failure counts against its node
// (the first lease runs on); the first valid result takes the task over,
// cancelling the first lease, and is accepted as the lease's own.
func (c *coordinator) twinAnswered(j *job, t *task, tw *twinLease, a leaseAnswer) {
	c.mu.Lock()
	if !tw.promoted {
		if t.twin != tw || t.state != api.TaskLeased || t.accepting != 0 || a.err != nil {
			c.inflight[tw.node]--
			if t.twin == tw {
				t.twin = nil
				c.countFailure(j, t, tw.node, tw.addr.Hex(), a.err)
			}
			c.mu.Unlock()
			c.kick()
			return
		}
		loser := t.node
		if t.cancel != nil {
			t.cancel() // its answer is stale now: it is paid nothing
		}
		t.adopt(tw)
		c.emit(j, api.Event{Type: api.EventRequeued, Task: t.index, Frame: t.tile.Frame, Node: loser, Reason: api.RequeueOvertaken, Message: "the duplicate lease to " + tw.node + " answered first"})
	}
	c.mu.Unlock()
	c.finish(j, t, tw.lease, tw.node, a.img, a.secs, a.tileHash, a.result, a.err)
}
