package verifier

import (
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// simulateCaught plays n tasks of a node cheating on each with probability
// c, each checked with probability q, and reports whether a check landed
// on a cheated task.
func simulateCaught(rng *rand.Rand, q, c float64, n int) bool {
	for range n {
		cheat := rng.Float64() < c
		checked := rng.Float64() < q
		if cheat && checked {
			return true
		}
	}
	return false
}

// simulatePolicy plays up to n tasks of a node that is honest for its
// first honest tasks and then cheats on a fraction c, checked with the
// policy's adaptive rate, and returns the task (1-based) where it was
// caught.
func simulatePolicy(rng *rand.Rand, p Policy, honest int, c float64, n int) (int, bool) {
	rep := NewReputation(p, nil)
	for i := 1; i <= n; i++ {
		cheat := i > honest && rng.Float64() < c
		if !rep.ShouldCheck("n", rng) {
			continue
		}
		if cheat {
			return i, true
		}
		rep.Record("n", true)
	}
	return 0, false
}

func TestDetectionProbabilityMatchesSimulation(t *testing.T) {
	tests := []struct {
		q, c float64
		n    int
	}{
		{0.05, 1, 20}, {0.05, 1, 60}, {0.1, 0.5, 30}, {0.5, 1, 3}, {0.2, 0.1, 100}, {1, 1, 1}, {0.3, 0, 50},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const runs = 20000
	for _, tc := range tests {
		caught := 0
		for range runs {
			if simulateCaught(rng, tc.q, tc.c, tc.n) {
				caught++
			}
		}
		measured := float64(caught) / runs
		want := DetectionProbability(tc.q, tc.c, tc.n)
		// 4 standard errors of a binomial proportion, plus a little.
		tol := 4*math.Sqrt(want*(1-want)/runs) + 1e-3
		if math.Abs(measured-want) > tol {
			t.Errorf("q=%v c=%v n=%d: simulated %.4f, formula %.4f (tolerance %.4f)", tc.q, tc.c, tc.n, measured, want, tol)
		}
	}
}

func TestTasksToDetect(t *testing.T) {
	tests := []struct {
		q, c, p float64
		want    int
	}{
		{0.05, 1, 0.95, 59}, {0.05, 1, 0.99, 90}, {0.5, 1, 0.95, 5}, {1, 1, 0.99, 1}, {0, 1, 0.5, -1}, {0.1, 1, 0, 0},
	}
	for _, tc := range tests {
		if got := TasksToDetect(tc.q, tc.c, tc.p); got != tc.want {
			t.Errorf("TasksToDetect(%v, %v, %v) = %d, want %d", tc.q, tc.c, tc.p, got, tc.want)
		}
	}
}

func TestPolicyRate(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		rec  NodeRecord
		want float64
	}{
		{"new", NodeRecord{}, 1},
		{"one half-life", NodeRecord{Passed: 10, PassedSinceFailure: 10}, 0.05 + 0.95/2},
		{"long record", NodeRecord{Passed: 1000, PassedSinceFailure: 1000}, 0.05},
		{"just failed", NodeRecord{Passed: 1000, Failed: 1}, 1},
		{"failed then passed", NodeRecord{Passed: 1010, Failed: 1, PassedSinceFailure: 10}, 0.05 + 0.95/2},
	}
	for _, tc := range tests {
		if got := p.Rate(tc.rec); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: rate %v, want %v", tc.name, got, tc.want)
		}
	}
	// The rate never rises with more passes, and never leaves [floor, 1].
	prev := 2.0
	for n := range 500 {
		q := p.Rate(NodeRecord{Passed: n, PassedSinceFailure: n})
		if q > prev || q < p.Floor || q > 1 {
			t.Fatalf("after %d passes rate %v (previous %v)", n, q, prev)
		}
		prev = q
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Policy)
		want   string
	}{
		{"zero floor", func(p *Policy) { p.Floor = 0 }, "floor 0"},
		{"new below floor", func(p *Policy) { p.NewNodeRate = 0.01 }, "new-node rate"},
		{"failed above 1", func(p *Policy) { p.FailedRate = 2 }, "failed rate"},
		{"half-life", func(p *Policy) { p.HalfLife = 0 }, "half-life"},
		{"quarantine", func(p *Policy) { p.Quarantine = -time.Second }, "quarantine"},
	}
	for _, tc := range tests {
		p := DefaultPolicy()
		tc.change(&p)
		if err := p.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestReputation(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time { return now }
	rep := NewReputation(DefaultPolicy(), clock)
	if q := rep.CheckProbability("a"); q != 1 {
		t.Fatalf("new node q = %v", q)
	}
	for range 40 {
		rep.Record("a", true)
	}
	if q := rep.CheckProbability("a"); q >= 0.15 {
		t.Errorf("after 40 passes q = %v, want < 0.15", q)
	}
	rep.Record("a", false)
	if q := rep.CheckProbability("a"); q != 1 {
		t.Errorf("after a failure q = %v, want 1", q)
	}
	if !rep.Quarantined("a", now) || !rep.Quarantined("a", now.Add(23*time.Hour)) {
		t.Error("not quarantined after a failure")
	}
	if rep.Quarantined("a", now.Add(24*time.Hour)) || rep.Quarantined("b", now) {
		t.Error("quarantine too long, or applied to another node")
	}
	if rec := rep.Get("a"); rec.Passed != 40 || rec.Failed != 1 || rec.PassedSinceFailure != 0 || !rec.LastFailure.Equal(now) {
		t.Errorf("record %+v", rec)
	}
	// A pass while quarantined counts, but rebuilds no trust until the
	// quarantine ends.
	rep.Record("a", true)
	if rec := rep.Get("a"); rec.Passed != 41 || rec.PassedSinceFailure != 0 {
		t.Errorf("after a pass in quarantine: record %+v, want 41 passed, none since the failure", rec)
	}
	later := now.Add(24 * time.Hour)
	after := NewReputation(DefaultPolicy(), func() time.Time { return later })
	if data, err := rep.Snapshot(); err != nil || after.Restore(data) != nil {
		t.Fatal(err)
	}
	after.Record("a", true)
	if rec := after.Get("a"); rec.PassedSinceFailure != 1 {
		t.Errorf("after a pass past the quarantine: record %+v, want one pass since the failure", rec)
	}

	data, err := rep.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	back := NewReputation(DefaultPolicy(), clock)
	if err := back.Restore(data); err != nil {
		t.Fatal(err)
	}
	if got, want := back.Get("a"), rep.Get("a"); got.Passed != want.Passed || !got.QuarantinedUntil.Equal(want.QuarantinedUntil) {
		t.Errorf("restored %+v, want %+v", got, want)
	}
	for _, bad := range []string{`{`, `{"version":2,"nodes":{}}`, `{"version":1,"nodes":{"x":{"passed":1,"passed_since_failure":2}}}`} {
		if err := back.Restore([]byte(bad)); err == nil {
			t.Errorf("Restore(%s) accepted", bad)
		}
	}
	if back.Get("a").Passed != 41 {
		t.Error("a failed Restore changed the records")
	}
}

func TestReputationConcurrent(t *testing.T) {
	rep := NewReputation(DefaultPolicy(), nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(i), 0))
			for range 200 {
				rep.Record("n", true)
				rep.ShouldCheck("n", rng)
				if _, err := rep.Snapshot(); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := rep.Get("n").Passed; got != 1600 {
		t.Errorf("passed = %d, want 1600", got)
	}
}

// TestPolicyCatchesLateCheaters checks the adaptive policy against the
// cheaters the issue names: a node honest for its first 20 tasks and then
// lazy is caught almost surely within 30 more.
func TestPolicyCatchesLateCheaters(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const runs = 2000
	caught := 0
	for range runs {
		if i, ok := simulatePolicy(rng, DefaultPolicy(), 20, 1, 50); ok && i > 20 {
			caught++
		}
	}
	if f := float64(caught) / runs; f < 0.99 {
		t.Errorf("caught %.3f of late cheaters within 30 tasks, want >= 0.99", f)
	}
}
