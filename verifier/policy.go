package verifier

import (
	"fmt"
	"math"
	"time"
)

// Policy decides how often a node's tasks are checked and what happens
// after it fails a check. See the package documentation for why the
// defaults are what they are.
type Policy struct {
	// NewNodeRate is the check probability of a node with no passed checks
	// and no failure.
	NewNodeRate float64
	// Floor is the lowest check probability, reached by a long record.
	Floor float64
	// HalfLife is the number of passed checks that halve the probability's
	// excess over Floor.
	HalfLife int
	// FailedRate is the check probability right after a failure: every
	// task of a node that has cheated once is checked until it has a new
	// record.
	FailedRate float64
	// Quarantine is how long a node gets no tasks after a failed check.
	Quarantine time.Duration
	// Crops says how a checked task's windows are chosen.
	Crops CropConfig
}

// DefaultPolicy returns the documented defaults: 1 for a new node,
// halving its excess over the 0.05 floor every 10 passed checks, 1 after a
// failure, and a 24-hour quarantine.
func DefaultPolicy() Policy {
	return Policy{
		NewNodeRate: 1,
		Floor:       0.05,
		HalfLife:    10,
		FailedRate:  1,
		Quarantine:  24 * time.Hour,
		Crops:       DefaultCropConfig(),
	}
}

// Validate reports a policy that cannot work.
func (p Policy) Validate() error {
	switch {
	case !(p.Floor > 0 && p.Floor <= 1):
		return fmt.Errorf("verify policy: floor %v: must be in (0, 1]; 0 would stop checking trusted nodes for good", p.Floor)
	case !(p.NewNodeRate >= p.Floor && p.NewNodeRate <= 1):
		return fmt.Errorf("verify policy: new-node rate %v: must be between the floor %v and 1", p.NewNodeRate, p.Floor)
	case !(p.FailedRate >= p.Floor && p.FailedRate <= 1):
		return fmt.Errorf("verify policy: failed rate %v: must be between the floor %v and 1", p.FailedRate, p.Floor)
	case p.HalfLife < 1:
		return fmt.Errorf("verify policy: half-life %d: must be >= 1 passed check", p.HalfLife)
	case p.Quarantine < 0:
		return fmt.Errorf("verify policy: quarantine %v: must be >= 0", p.Quarantine)
	}
	return nil
}

// Rate returns the check probability q for a node with record rec:
// Floor + (start - Floor) * 2^(-passes/HalfLife), where start is
// FailedRate for a node that has ever failed and NewNodeRate otherwise,
// and passes counts the checks passed since the last failure.
func (p Policy) Rate(rec NodeRecord) float64 {
	start := p.NewNodeRate
	if rec.Failed > 0 {
		start = p.FailedRate
	}
	halfLife := float64(max(p.HalfLife, 1))
	q := p.Floor + (start-p.Floor)*math.Exp2(-float64(rec.PassedSinceFailure)/halfLife)
	return min(max(q, p.Floor), 1)
}

// DetectionProbability returns the chance that a node cheating on a
// fraction c of its tasks is caught within n tasks when each task is
// checked with probability q and a checked cheat is always caught:
// 1 - (1 - q c)^n.
func DetectionProbability(q, c float64, n int) float64 {
	if n <= 0 {
		return 0
	}
	return -math.Expm1(float64(n) * math.Log1p(-q*c))
}

// TasksToDetect returns the smallest n with DetectionProbability(q, c, n)
// >= p, or -1 when it is never reached (q c = 0).
func TasksToDetect(q, c, p float64) int {
	qc := q * c
	switch {
	case p <= 0:
		return 0
	case qc <= 0:
		return -1
	case qc >= 1:
		return 1
	}
	n := int(math.Ceil(math.Log1p(-p) / math.Log1p(-qc)))
	// Rounding in the logarithms can leave n one short or one long.
	for n > 1 && DetectionProbability(q, c, n-1) >= p {
		n--
	}
	for DetectionProbability(q, c, n) < p {
		n++
	}
	return n
}
