package farm

// Liveness: a lease is taken back when its worker's progress stops
// advancing for longer than the task should take on that node, not only at
// the fixed LeaseTimeout. A worker that accepts tasks, answers heartbeats
// and never finishes (a wedged renderer, or a member holding tasks to stall
// jobs) would otherwise keep each task for hours.
//
// Progress is coarse: Blender 3.4 reports "sample 0", "sample 1" and then
// nothing until its last sample (measured on a 128x96 tile at 512 samples:
// 0.8 s of scene load, then one 15.5 s gap to the end), so the bound covers
// a whole task, measured from its last advance. It is derived from the
// node's own measured speed in the same job, because a pixel-sample of one
// scene can cost a hundred times one of another; a node with no accepted
// task in the job gets StallConfig.Default, or more where the job's slowest
// node would need more. A node that hangs every task never has a speed;
// at a job's tail its tasks are leased again anyway (stragglers.go), so the
// bounds can afford to be generous: a bound too long costs some time, one
// too short takes an honest node's work (and, repeated, blocklists it).

import (
	"errors"
	"time"
)

// StallConfig bounds how long a lease may go without progress.
type StallConfig struct {
	// Default is the least bound for a node that has no accepted task in
	// the job yet (its speed on this scene is unknown); 0 disables the
	// check.
	Default time.Duration
	// Min is the least bound for a node whose speed is known: it covers
	// a cold renderer's start and scene load, which a speed measured on
	// warm tasks does not show. The bound runs from the lease's start, or
	// from the last piece of its scene to arrive (FetchRate).
	Min time.Duration
	// Factor multiplies the task's expected duration on the node at its
	// slowest pace in the job: tasks of one job differ in cost (sky
	// against glass), and a node may be shared with other work.
	Factor float64
	// FetchRate is the least rate, in bytes a second, at which a scene
	// fetched for a lease keeps it: until the render starts, each piece
	// of the scene that arrives is progress, for as long as the whole
	// scene takes at this rate (and the bound). A large scene on a home
	// link took longer than Min, and the honest node's lease ended as
	// stalled; a worker that trickles bytes keeps a lease no longer.
	// 0: a fetch is no progress.
	FetchRate int64
}

// DefaultStallConfig returns bounds that leave honest slow nodes alone: a
// node whose speed is known may go sixteen times the task's duration at its
// slowest pace in the job, and at least two minutes, without progress; an
// unknown one thirty minutes, or sixteen times the task's duration on the
// job's slowest node where that is longer. A scene's fetch is progress
// down to 64 KiB/s (half a megabit): a 200 MB scene has 52 minutes.
func DefaultStallConfig() StallConfig {
	return StallConfig{Default: 30 * time.Minute, Min: 2 * time.Minute, Factor: 16, FetchRate: 64 << 10}
}

// errNoProgress ends a lease whose worker's progress stopped advancing; it
// counts against the node, not the task.
var errNoProgress = errors.New("worker made no progress")

// speedKey names a node's measured speed for one kind of task of a job:
// a finish runs a compositor, not a path tracer, and costs otherwise.
type speedKey struct {
	node   string
	finish bool
}

// work is the task's size in pixel-samples (a finish's in pixels).
func (j *job) work(t *task) float64 {
	w := float64(t.tile.Rect.Dx() * t.tile.Rect.Dy())
	if !t.finish {
		w *= float64(max(j.spec.Samples, 1))
	}
	return w
}

// recordSpeed folds an accepted lease of t by node, which took d from
// lease to answer, into the node's speed for the job; c.mu must be held.
// The coordinator's own clock is used, never the worker's word, so a
// worker cannot talk its own bound up.
func (j *job) recordSpeed(node string, t *task, d time.Duration) {
	if d <= 0 {
		return
	}
	if j.speed == nil {
		j.speed = make(map[speedKey]float64)
	}
	k := speedKey{node, t.finish}
	v := j.work(t) / d.Seconds()
	if old, ok := j.speed[k]; ok {
		v = min(v, old) // its slowest pace: the bound only grows
	}
	j.speed[k] = v
}

// stallBound is how long a lease of t to node may go without progress
// (0: no bound but LeaseTimeout); c.mu must be held.
func stallBound(cfg StallConfig, j *job, t *task, node string) time.Duration {
	if cfg.Default <= 0 {
		return 0
	}
	within := func(speed float64) time.Duration {
		return time.Duration(cfg.Factor * j.work(t) / speed * float64(time.Second))
	}
	if speed, ok := j.speed[speedKey{node, t.finish}]; ok && speed > 0 {
		return max(cfg.Min, within(speed))
	}
	slowest := 0.0
	for k, speed := range j.speed {
		if k.finish == t.finish && speed > 0 && (slowest == 0 || speed < slowest) {
			slowest = speed
		}
	}
	if slowest == 0 {
		return cfg.Default
	}
	return max(cfg.Default, within(slowest))
}

// stallWatch follows a lease's progress reports and says when it has not
// advanced for longer than its bound.
type stallWatch struct {
	bound   time.Duration
	last    taskProgress
	advance time.Time
	scene   int64     // the scene's size: no fetch reports more
	fetchBy time.Time // the scene's bytes are progress until then
}

// newStallWatch watches a lease that started at start, bound without
// progress; scene is the size of its scene (0: unknown, the fetch is not
// heard), which may arrive at rate (bytes a second, 0: not heard) for
// the fetch to count.
func newStallWatch(bound time.Duration, start time.Time, scene, rate int64) *stallWatch {
	s := &stallWatch{bound: bound, advance: start}
	if scene > 0 && rate > 0 {
		s.scene = scene
		s.fetchBy = start.Add(bound + time.Duration(float64(scene)/float64(rate)*float64(time.Second)))
	}
	return s
}

// seen records a progress report at now and reports whether the lease has
// stalled: no new unit done within bound. Only a step forward counts (the
// first total, or more done, never past the total nor below none), so a worker cannot
// keep a lease by changing its total or counting beyond it. Until the
// first total, more of the scene arrived is a step too, never past the
// scene's size nor after fetchBy, so bytes trickled in keep a lease no
// longer than the scene takes at the least rate. A nil watch never
// stalls.
func (s *stallWatch) seen(p taskProgress, now time.Time) bool {
	if s == nil {
		return false
	}
	forward := p.Done > s.last.Done || s.last.Total == 0 && p.Total > 0
	fetched := s.last.Total == 0 && p.Total == 0 && p.Fetched > s.last.Fetched && p.Fetched <= s.scene && !now.After(s.fetchBy)
	switch {
	case forward && 0 <= p.Done && p.Done <= p.Total:
		s.last, s.advance = p, now
	case fetched:
		s.last.Fetched, s.advance = p.Fetched, now
	}
	return s.bound > 0 && now.Sub(s.advance) > s.bound
}
