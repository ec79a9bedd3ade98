package farm

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// trustAfter is how many accepted tasks of a member on one renderer make
// the coordinator rank it by their measured pace instead of its gossiped
// calibration: a node that claims a hundred times its speed gets at most
// this many tasks first before it is ranked as what it is.
const trustAfter = 3

// rateKey names a member's renderer.
type rateKey struct{ node, renderer string }

// pace is what a coordinator measured of a member's accepted tiles on one
// renderer: lease to answer on its own clock, never the worker's word.
type pace struct {
	samples float64 // pixels x samples per pixel
	seconds float64
	tasks   int
}

// memberRates are the paces a coordinator measured, across its jobs; the
// zero value is ready. Guarded by coordinator.mu.
type memberRates struct{ m map[rateKey]*pace }

// observe folds an accepted tile that took d into node's pace on rend.
func (r *memberRates) observe(node, rend string, samples float64, d time.Duration) {
	if d <= 0 || samples <= 0 {
		return
	}
	if r.m == nil {
		r.m = make(map[rateKey]*pace)
	}
	p := r.m[rateKey{node, rend}]
	if p == nil {
		p = new(pace)
		r.m[rateKey{node, rend}] = p
	}
	p.samples += samples
	p.seconds += d.Seconds()
	p.tasks++
}

// speed is the samples per second per slot the coordinator expects of m on
// rend: its measured pace once it has trustAfter tasks, else its claim
// (0 when it made none).
func (r *memberRates) speed(m api.Member, rend string) float64 {
	if p := r.m[rateKey{m.ID, rend}]; p != nil && p.tasks >= trustAfter && p.seconds > 0 {
		return p.samples / p.seconds
	}
	return float64(max(m.Speed[rend], 0)) // a negative claim is no claim
}

// measured returns node's measured samples per second on rend and how many
// tasks it rests on.
func (r *memberRates) measured(node, rend string) (float64, int) {
	p := r.m[rateKey{node, rend}]
	if p == nil || p.seconds <= 0 {
		return 0, 0
	}
	return p.samples / p.seconds, p.tasks
}

// paces returns what was measured of node, per renderer (nil: nothing).
func (r *memberRates) paces(node string) map[string]api.Pace {
	var out map[string]api.Pace
	for k, p := range r.m {
		if k.node != node || p.seconds <= 0 {
			continue
		}
		if out == nil {
			out = make(map[string]api.Pace)
		}
		out[k.renderer] = api.Pace{SamplesPerSecond: p.samples / p.seconds, Tasks: p.tasks, Trusted: p.tasks >= trustAfter}
	}
	return out
}

// autoChoice is the renderer and release an auto job is bound to.
type autoChoice struct {
	Renderer, Release string
	Score             float64 // samples per second its members offer together
}

// fastest returns, of the renderers kinds (in order of preference on a
// tie), the renderer and release whose admitted members render fastest
// together: speed x free slots, or speed x slots when every one is busy.
// Without any speed known it returns kinds[0] and no release, today's
// default. It is a pure function of what the coordinator knows; speed is
// a member's samples per second per slot on a renderer.
func fastest(kinds []string, base demand, cands []candidate, speed func(api.Member, string) float64) autoChoice {
	type group struct {
		autoChoice
		all float64 // speed x slots
	}
	var groups []*group
	find := func(kind, release string) *group {
		for _, g := range groups {
			if g.Renderer == kind && g.Release == release {
				return g
			}
		}
		g := &group{autoChoice: autoChoice{Renderer: kind, Release: release}}
		groups = append(groups, g)
		return g
	}
	for _, kind := range kinds {
		d := base
		d.Renderer = kind
		for _, c := range cands {
			if !d.admits(c) {
				continue
			}
			g := find(kind, renderer.ParseBuild(c.Member.Renderers[kind]).Release())
			v := speed(c.Member, kind)
			if !c.Busy {
				g.Score += v * float64(max(c.Free, 0))
			}
			g.all += v * float64(max(c.Member.Slots, 0))
		}
	}
	best := autoChoice{Renderer: kinds[0]}
	for _, byFree := range []bool{true, false} {
		top := 0.0
		for _, g := range groups {
			v := g.all
			if byFree {
				v = g.Score
			}
			if v > top {
				top, best = v, autoChoice{g.Renderer, g.Release, v}
			}
		}
		if top > 0 {
			return best
		}
	}
	return best
}

// isGLTF reports whether a scene name is a glTF scene, the kind the
// calibrated tracers render.
func isGLTF(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".gltf", ".glb":
		return true
	}
	return false
}

// resolveAuto binds a job that asks for the auto renderer to the
// calibrated renderer and release that render it fastest now, among those
// this node runs too (it checks the scene with its own); any other spec is
// returned as it is. The release is "" when no speed is known yet (the
// first lease binds one, as for any job).
func (c *coordinator) resolveAuto(spec api.JobSpec) (api.JobSpec, string, error) {
	if spec.Renderer != api.RendererAuto {
		return spec, "", nil
	}
	if !isGLTF(spec.SceneName) {
		return spec, "", fmt.Errorf("%w: renderer auto picks among the glTF tracers (%s), and %s is not a .gltf or .glb: name its renderer", api.ErrBadJob, strings.Join(calibrated, ", "), spec.SceneName)
	}
	var kinds []string
	for _, kind := range calibrated {
		if _, ok := c.renderers[kind]; ok {
			kinds = append(kinds, kind)
		}
	}
	if len(kinds) == 0 {
		return spec, "", fmt.Errorf("%w: renderer auto: this node runs none of %s to check the scene with: submit to a node that does", api.ErrBadJob, strings.Join(calibrated, ", "))
	}
	members := c.members()
	base := demand{Version: spec.RendererVersion, Device: spec.Device, PriceCap: spec.MaxPrice}
	c.mu.Lock()
	cands := c.candidates(members, &job{}, c.now())
	choice := fastest(kinds, base, cands, c.rates.speed)
	c.mu.Unlock()
	spec.Renderer = choice.Renderer
	c.log.Info("auto renderer", "scene", spec.SceneName, "renderer", choice.Renderer, "release", choice.Release, "samples_per_second", int64(choice.Score))
	return spec, choice.Release, nil
}
