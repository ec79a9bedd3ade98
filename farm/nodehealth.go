package farm

// Node health: a failed lease is the failing node's, not the task's. Anyone
// who reaches the gossip port can join, so six members answering every
// render with an error must not fail a job that two honest nodes can
// render. A task therefore fails its job only when enough healthy nodes
// failed it, or every node eligible for it did; and a node whose failures
// other nodes keep refuting (it failed tasks they then rendered) is
// blocklisted by its key, across jobs, for NodeConfig.Blocklist. The
// record is kept in the store like the reputation, so a restart does not
// forgive it, and a new name does not either: it follows the address.

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/conun/conun/farm/api"
)

// blocklistAfter is how many of a node's failed leases in a row, each of a
// task another node then rendered, blocklist it.
const blocklistAfter = 3

// healthKey is the store's meta key of the nodes' health records.
const healthKey = "nodehealth"

// nodeHealth is the coordinator's record of one node's leases.
type nodeHealth struct {
	// Accepted counts its accepted leases over the record's life (the
	// stored copy may lag behind: only whether it is 0 matters).
	Accepted int `json:"accepted"`
	// Failed counts its failed leases since its last accepted one, and
	// Refuted those of them whose task another node then rendered.
	Failed  int `json:"failed"`
	Refuted int `json:"refuted"`
	// Until is when its blocklisting ends (zero: never blocklisted).
	Until time.Time `json:"until,omitzero"`
}

// healthOf returns the record of the node with address addr, making it;
// c.mu must be held.
func (c *coordinator) healthOf(addr string) *nodeHealth {
	if c.health == nil {
		c.health = make(map[string]*nodeHealth)
	}
	k := repKey(addr)
	h := c.health[k]
	if h == nil {
		h = new(nodeHealth)
		c.health[k] = h
	}
	return h
}

// blocklisted reports whether the node with address addr gets no leases
// now; c.mu must be held.
func (c *coordinator) blocklisted(addr string) bool {
	h := c.health[repKey(addr)]
	return h != nil && c.now().Before(h.Until)
}

// blocklistedUntil is blocklisted for callers without c.mu: the end of
// the node's blocklisting, zero when it is not blocklisted.
func (c *coordinator) blocklistedUntil(addr string) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.blocklisted(addr) {
		return time.Time{}
	}
	return c.health[repKey(addr)].Until
}

// blocklistedMembers says which of members are blocklisted now, under
// one hold of c.mu rather than one each.
func (c *coordinator) blocklistedMembers(members []api.Member) []bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]bool, len(members))
	for i, m := range members {
		out[i] = c.blocklisted(m.Addr)
	}
	return out
}

// witness reports whether a failure by the node with address addr says
// something about the task: the node renders (it has had leases
// accepted), is not blocklisted, and none of its current failures was
// refuted by another node. c.mu must be held.
func (c *coordinator) witness(addr string) bool {
	h := c.health[repKey(addr)]
	return h != nil && h.Accepted > 0 && h.Refuted == 0 && !c.blocklisted(addr)
}

// taskFailed attributes a failed lease of t to node (with address addr);
// c.mu must be held.
func (c *coordinator) taskFailed(t *task, node, addr string) {
	if t.failedBy == nil {
		t.failedBy = make(map[string]string)
	}
	t.failedBy[node] = addr
	c.healthOf(addr).Failed++
	c.saveHealth()
}

// taskAccepted records t's lease by node (with address addr) as accepted:
// the node's failures are forgiven, and the failures of the nodes that
// failed t before are refuted; one refuted too often is blocklisted.
// c.mu must be held.
func (c *coordinator) taskAccepted(j *job, t *task, node, addr string) {
	h := c.healthOf(addr)
	// Only a change that matters is written: a node's first accepted
	// lease (it becomes a witness), forgiven or refuted failures.
	changed := h.Accepted == 0 || h.Failed > 0 || len(t.failedBy) > 0
	h.Accepted++
	h.Failed, h.Refuted = 0, 0
	delete(j.failures, node) // it renders this job: what it failed was the tasks' fault (partial.go)
	for other, otherAddr := range t.failedBy {
		if other == node || repKey(otherAddr) == repKey(addr) {
			continue
		}
		oh := c.healthOf(otherAddr)
		if oh.Failed == 0 {
			continue // it has had a lease accepted since it failed this one
		}
		oh.Refuted++
		if oh.Refuted >= blocklistAfter && !c.blocklisted(otherAddr) {
			oh.Until = c.now().Add(c.cfg.Blocklist)
			oh.Failed, oh.Refuted = 0, 0
			c.log.Warn("node blocklisted: it fails the tasks other nodes render", "node", other, "address", repKey(otherAddr), "until", oh.Until)
			c.emit(j, api.Event{Type: api.EventBlocklisted, Task: -1, Node: other, Message: fmt.Sprintf("node %s (%s) failed %d tasks in a row that other nodes rendered: no leases until %s", other, repKey(otherAddr), blocklistAfter, oh.Until.UTC().Format(time.RFC3339))})
		}
	}
	t.failedBy = nil
	if changed {
		c.saveHealth()
	}
}

// hopeless says why task t should fail its job, or "" while another node
// may still render it; c.mu must be held.
func (c *coordinator) hopeless(j *job, t *task) string {
	if witnesses := c.witnesses(t); witnesses >= c.cfg.MaxAttempts {
		return "failed on " + api.Count(witnesses, "healthy node")
	}
	if t.attempts >= c.cfg.MaxAttempts && c.everyEligibleFailed(j, t) {
		return "failed " + api.Count(t.attempts, "time") + ", on every node that could render it"
	}
	return ""
}

// witnesses counts the nodes whose failures of t say something about it;
// c.mu must be held.
func (c *coordinator) witnesses(t *task) int {
	n := 0
	for _, addr := range t.failedBy {
		if c.witness(addr) {
			n++
		}
	}
	return n
}

// taskDemand is what task t asks of a node.
func (j *job) taskDemand(t *task) demand {
	if t.finish {
		return j.finishDemand()
	}
	return j.demand()
}

// everyEligibleFailed reports whether every member now eligible for t
// failed it (false when none is: the scheduler's blockedAll decides
// then); c.mu must be held.
func (c *coordinator) everyEligibleFailed(j *job, t *task) bool {
	d, eligible := j.taskDemand(t), 0
	for _, cand := range c.candidates(c.lastMembers, j, c.now()) {
		if !d.admits(cand) {
			continue
		}
		eligible++
		if _, failed := t.failedBy[cand.Member.ID]; !failed {
			return false
		}
	}
	return eligible > 0
}

// pickFor returns the member for a lease of t, given best, the scheduler's
// pick for the job: one that has not failed t where such a member is
// eligible, else best (every eligible member failed it: it tries again).
// ok is false while t should wait for a member that has not failed it to
// free up. c.mu must be held.
func (c *coordinator) pickFor(cands []candidate, j *job, t *task, best api.Member) (api.Member, bool) {
	if len(t.failedBy) == 0 {
		return best, true
	}
	var fresh []candidate
	for _, cand := range cands {
		if _, failed := t.failedBy[cand.Member.ID]; !failed {
			fresh = append(fresh, cand)
		}
	}
	m, free, admitted := choose(j.taskDemand(t), fresh)
	if admitted == 0 {
		return best, true
	}
	return m, free
}

// saveHealth queues the nodes' health records for the store; c.mu must be
// held.
func (c *coordinator) saveHealth() {
	b, err := json.Marshal(c.health)
	if err != nil {
		c.log.Error("record node health", "err", err)
		return
	}
	c.store.PutMeta(healthKey, b)
}

// loadHealth reads the nodes' health records kept by saveHealth.
func (c *coordinator) loadHealth() error {
	b := c.store.Meta(healthKey)
	if len(b) == 0 {
		return nil
	}
	var recs map[string]*nodeHealth
	if err := json.Unmarshal(b, &recs); err != nil {
		return fmt.Errorf("load node health: %w", err)
	}
	for k, h := range recs {
		if h == nil || h.Accepted < 0 || h.Failed < 0 || h.Refuted < 0 || h.Refuted > h.Failed {
			return fmt.Errorf("load node health: node %s: inconsistent record %+v", k, h)
		}
	}
	c.mu.Lock()
	c.health = recs
	c.mu.Unlock()
	return nil
}
