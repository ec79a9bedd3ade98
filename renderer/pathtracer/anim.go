package pathtracer

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/qmuntal/gltf"
)

// channel animates one property of one node.
type channel struct {
	node   int
	path   gltf.TRSProperty
	interp gltf.Interpolation
	times  []float64
	// values holds comps numbers per key, or 3*comps for CUBICSPLINE
	// (in-tangent, value, out-tangent).
	values []float64
	comps  int
}

// loadAnimations reads every translation, rotation and scale channel.
// Morph-target weights are ignored: the path tracer renders no morphs.
func (sc *scene) loadAnimations(doc *gltf.Document) error {
	for ai, a := range doc.Animations {
		if a == nil {
			return fmt.Errorf("animation %d is null", ai)
		}
		for ci, c := range a.Channels {
			if c == nil || c.Target.Node == nil || c.Target.Path == gltf.TRSWeights {
				continue
			}
			wrap := func(err error) error { return fmt.Errorf("animation %d channel %d: %w", ai, ci, err) }
			n := *c.Target.Node
			if n < 0 || n >= len(sc.nodes) {
				return wrap(fmt.Errorf("node %d does not exist", n))
			}
			if c.Sampler < 0 || c.Sampler >= len(a.Samplers) || a.Samplers[c.Sampler] == nil {
				return wrap(fmt.Errorf("sampler %d does not exist", c.Sampler))
			}
			s := a.Samplers[c.Sampler]
			ch := channel{node: n, path: c.Target.Path, interp: s.Interpolation, comps: 3}
			if ch.path == gltf.TRSRotation {
				ch.comps = 4
			}
			var err error
			if ch.times, err = readVectors(doc, s.Input, 1); err != nil {
				return wrap(fmt.Errorf("input: %w", err))
			}
			if ch.values, err = readVectors(doc, s.Output, ch.comps); err != nil {
				return wrap(fmt.Errorf("output: %w", err))
			}
			per := ch.comps
			if ch.interp == gltf.InterpolationCubicSpline {
				per *= 3
			}
			if len(ch.times) == 0 || len(ch.values) != len(ch.times)*per {
				return wrap(fmt.Errorf("%d keys but %d output values", len(ch.times), len(ch.values)/ch.comps))
			}
			for i, t := range ch.times {
				if t < 0 || (i > 0 && t < ch.times[i-1]) {
					return wrap(errors.New("key times must be >= 0 and increasing"))
				}
			}
			last := ch.times[len(ch.times)-1]
			if last > maxAnimationSeconds {
				return wrap(fmt.Errorf("animation is %g seconds long, more than the %d allowed", last, maxAnimationSeconds))
			}
			sc.maxTime = math.Max(sc.maxTime, last)
			sc.channels = append(sc.channels, ch)
		}
	}
	return nil
}

// animated reports whether any node moves.
func (sc *scene) animated() bool { return len(sc.channels) > 0 }

// frameRange returns the scene's inclusive frame range at fps.
func (sc *scene) frameRange(fps float64) (start, end int) {
	if !sc.animated() {
		return 1, 1
	}
	return 1, 1 + int(math.Round(sc.maxTime*fps))
}

// sample evaluates the channel at time t, clamped to its key range.
func (c *channel) sample(t float64, out []float64) {
	k := c.comps
	per := k
	if c.interp == gltf.InterpolationCubicSpline {
		per = 3 * k
	}
	value := func(i int) []float64 {
		if c.interp == gltf.InterpolationCubicSpline {
			return c.values[i*per+k : i*per+2*k]
		}
		return c.values[i*per : i*per+k]
	}
	n := len(c.times)
	if t <= c.times[0] || n == 1 {
		copy(out, value(0))
		return
	}
	if t >= c.times[n-1] {
		copy(out, value(n-1))
		return
	}
	// i is the last key at or before t.
	i := sort.SearchFloat64s(c.times, t)
	if i >= n || c.times[i] > t {
		i--
	}
	t0, t1 := c.times[i], c.times[i+1]
	dt := t1 - t0
	if c.interp == gltf.InterpolationStep || dt <= 0 {
		copy(out, value(i))
		return
	}
	u := (t - t0) / dt
	switch c.interp {
	case gltf.InterpolationCubicSpline:
		// Hermite spline with the tangents scaled by the key interval, as
		// the glTF specification's Appendix C gives.
		p0, p1 := value(i), value(i+1)
		m0 := c.values[i*per+2*k : i*per+3*k]
		m1 := c.values[(i+1)*per : (i+1)*per+k]
		u2, u3 := u*u, u*u*u
		h00, h10 := 2*u3-3*u2+1, u3-2*u2+u
		h01, h11 := -2*u3+3*u2, u3-u2
		for j := 0; j < k; j++ {
			out[j] = h00*p0[j] + h10*dt*m0[j] + h01*p1[j] + h11*dt*m1[j]
		}
	default:
		a, b := value(i), value(i+1)
		if c.path == gltf.TRSRotation {
			slerp(a, b, u, out)
			return
		}
		for j := 0; j < k; j++ {
			out[j] = a[j]*(1-u) + b[j]*u
		}
	}
}

// slerp interpolates unit quaternions a and b along the shorter arc.
func slerp(a, b []float64, u float64, out []float64) {
	d := a[0]*b[0] + a[1]*b[1] + a[2]*b[2] + a[3]*b[3]
	sign := 1.0
	if d < 0 {
		d, sign = -d, -1
	}
	wa, wb := 1-u, u
	if d < 0.9995 {
		theta := math.Acos(d)
		st := math.Sin(theta)
		wa = math.Sin((1-u)*theta) / st
		wb = math.Sin(u*theta) / st
	}
	for j := 0; j < 4; j++ {
		out[j] = wa*a[j] + sign*wb*b[j]
	}
}

// worldMatrices returns every node's world transform at time t (seconds).
// Nodes outside the scene keep the zero matrix.
func (sc *scene) worldMatrices(t float64) []mat4 {
	type trsState struct {
		t [3]float64
		r [4]float64
		s [3]float64
	}
	local := make([]trsState, len(sc.nodes))
	for i, n := range sc.nodes {
		local[i] = trsState{n.t, n.r, n.s}
	}
	var buf [4]float64
	// Channels apply in file order, so when two target the same property
	// the later one wins, the same on every run.
	for ci := range sc.channels {
		c := &sc.channels[ci]
		c.sample(t, buf[:c.comps])
		l := &local[c.node]
		switch c.path {
		case gltf.TRSTranslation:
			copy(l.t[:], buf[:3])
		case gltf.TRSRotation:
			copy(l.r[:], buf[:4])
		case gltf.TRSScale:
			copy(l.s[:], buf[:3])
		}
	}
	world := make([]mat4, len(sc.nodes))
	for _, ni := range sc.order {
		n := &sc.nodes[ni]
		m := n.matrix
		if !n.useMatrix {
			m = trs(local[ni].t, local[ni].r, local[ni].s)
		}
		if p := sc.parent[ni]; p >= 0 {
			m = world[p].mul(m)
		}
		world[ni] = m
	}
	return world
}
