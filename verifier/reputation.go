package verifier

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// NodeRecord is what the verifier remembers about one node.
type NodeRecord struct {
	// Passed and Failed count decided checks over the node's life.
	Passed int `json:"passed"`
	Failed int `json:"failed"`
	// PassedSinceFailure counts passed checks since the last failure (or
	// since the start), none while quarantined; it is what lowers the
	// check probability.
	PassedSinceFailure int `json:"passed_since_failure"`
	// LastFailure is when the node last failed a check.
	LastFailure time.Time `json:"last_failure,omitzero"`
	// QuarantinedUntil is when the node may take tasks again.
	QuarantinedUntil time.Time `json:"quarantined_until,omitzero"`
}

// Reputation holds every node's record and turns it into check
// probabilities and quarantines. It is in memory and safe for concurrent
// use; Snapshot and Restore let its owner persist it.
type Reputation struct {
	policy Policy
	now    func() time.Time

	mu    sync.Mutex
	nodes map[string]*NodeRecord
}

// NewReputation returns an empty Reputation applying policy. now is its
// clock for quarantines; nil means time.Now.
func NewReputation(policy Policy, now func() time.Time) *Reputation {
	if now == nil {
		now = time.Now
	}
	return &Reputation{policy: policy, now: now, nodes: make(map[string]*NodeRecord)}
}

// Policy returns the policy the Reputation applies.
func (r *Reputation) Policy() Policy { return r.policy }

// Record adds a decided check of node: passed, or failed. A failure
// resets the node's record of passes, raises its check probability to
// FailedRate and quarantines it. A pass during the quarantine counts in
// Passed but rebuilds no trust: a node convicted of lying in one check
// whose own tiles are then checked and pass (farm's proof of a convicted
// checker) would else come out of its quarantine already trusted more.
// Uncertain verdicts are not recorded: they are re-checked, and only the
// decision counts.
func (r *Reputation) Record(node string, passed bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec := r.nodes[node]
	if rec == nil {
		rec = new(NodeRecord)
		r.nodes[node] = rec
	}
	now := r.now()
	if passed {
		rec.Passed++
		if !now.Before(rec.QuarantinedUntil) {
			rec.PassedSinceFailure++
		}
		return
	}
	rec.Failed++
	rec.PassedSinceFailure = 0
	rec.LastFailure = now
	rec.QuarantinedUntil = now.Add(r.policy.Quarantine)
}

// Get returns node's record; the zero record for a node never checked.
func (r *Reputation) Get(node string) NodeRecord {
	r.mu.Lock()
	defer r.mu.Unlock()
	if rec := r.nodes[node]; rec != nil {
		return *rec
	}
	return NodeRecord{}
}

// CheckProbability returns q(node), the probability that its next task
// is checked.
func (r *Reputation) CheckProbability(node string) float64 {
	return r.policy.Rate(r.Get(node))
}

// ShouldCheck draws whether node's next task is checked. rnd must be a
// source the node cannot predict.
func (r *Reputation) ShouldCheck(node string, rnd *rand.Rand) bool {
	return rnd.Float64() < r.CheckProbability(node)
}

// Quarantined reports whether node may not take tasks at time now.
func (r *Reputation) Quarantined(node string, now time.Time) bool {
	return now.Before(r.Get(node).QuarantinedUntil)
}

// snapshot is the JSON form of a Reputation.
type snapshot struct {
	Version int                   `json:"version"`
	Nodes   map[string]NodeRecord `json:"nodes"`
}

const snapshotVersion = 1

// Snapshot returns every node's record as JSON.
func (r *Reputation) Snapshot() ([]byte, error) {
	r.mu.Lock()
	s := snapshot{Version: snapshotVersion, Nodes: make(map[string]NodeRecord, len(r.nodes))}
	for id, rec := range r.nodes {
		s.Nodes[id] = *rec
	}
	r.mu.Unlock()
	return json.Marshal(s)
}

// Restore replaces every record with those in data, written by Snapshot.
// On error the Reputation is unchanged.
func (r *Reputation) Restore(data []byte) error {
	var s snapshot
	if err := json.Unmarshal(data, &s); err != nil {
		return fmt.Errorf("restore reputation: %w", err)
	}
	if s.Version != snapshotVersion {
		return fmt.Errorf("restore reputation: snapshot version %d, want %d", s.Version, snapshotVersion)
	}
	nodes := make(map[string]*NodeRecord, len(s.Nodes))
	for id, rec := range s.Nodes {
		if rec.Passed < 0 || rec.Failed < 0 || rec.PassedSinceFailure < 0 || rec.PassedSinceFailure > rec.Passed {
			return fmt.Errorf("restore reputation: node %q: inconsistent counts %+v", id, rec)
		}
		nodes[id] = &rec
	}
	r.mu.Lock()
	r.nodes = nodes
	r.mu.Unlock()
	return nil
}
