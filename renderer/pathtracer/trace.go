package pathtracer

import (
	"math"
	"sort"
)

// tracer holds the per-render constants of the integrator.
type tracer struct {
	w        *world
	maxDepth int
	rrDepth  int
	sky      vec3
	clamp    float64
}

// offsetScale sets how far a new ray starts off the surface it leaves,
// relative to the coordinates' magnitude, so it does not hit that surface
// again through rounding.
const offsetScale = 1e-6

func offsetPoint(p, n vec3) vec3 {
	m := math.Max(math.Abs(p.x), math.Max(math.Abs(p.y), math.Abs(p.z)))
	return p.add(n.scale(offsetScale * (1 + m)))
}

// powerHeuristic is Veach's MIS weight (beta = 2) for a sample from a
// strategy with density a against one with density b.
func powerHeuristic(a, b float64) float64 {
	a2, b2 := a*a, b*b
	if a2+b2 == 0 {
		return 0
	}
	return a2 / (a2 + b2)
}

// radiance traces one camera path and returns the radiance it carries.
//
// It is a unidirectional path tracer with next-event estimation: at each
// non-specular vertex it samples every punctual light and one emissive
// triangle, and emission found by BSDF sampling is weighted against the
// light-sampling density with the power heuristic, so no light is counted
// twice. After a delta event (glass) or from the camera there was no light
// sample, and emission counts in full.
func (tr *tracer) radiance(origin, dir vec3, r *rng) vec3 {
	w := tr.w
	var L vec3
	beta := vec3{1, 1, 1}
	prevPdf, prevDelta := 0.0, true
	for depth := 0; ; depth++ {
		ry := newRay(origin, dir)
		h, ok := w.intersect(&ry, math.Inf(1))
		if !ok {
			L = L.add(beta.mul(tr.sky))
			break
		}
		s := &w.shade[h.tri]
		t := &w.tris[h.tri]
		mat := &w.mats[s.mat]
		p := t.p0.add(t.e1.scale(h.u)).add(t.e2.scale(h.v))
		wo := dir.neg()
		front := dir.dot(s.ng) < 0
		ngF := s.ng // geometric normal on the side the ray came from
		if !front {
			ngF = ngF.neg()
		}

		if !mat.emission.isBlack() && (front || mat.doubleSided) {
			weight := 1.0
			if !prevDelta && s.lightPdf > 0 {
				cosL := math.Abs(dir.dot(s.ng))
				lightPdf := s.lightPdf * h.dist * h.dist / cosL
				weight = powerHeuristic(prevPdf, lightPdf)
			}
			L = L.add(beta.mul(mat.emission).scale(weight))
		}
		if depth >= tr.maxDepth {
			break
		}

		b0 := 1 - h.u - h.v
		ns := ngF
		if s.hasN {
			n := s.n[0].scale(b0).add(s.n[1].scale(h.u)).add(s.n[2].scale(h.v)).normalize()
			if n.dot(ngF) < 0 {
				n = n.neg()
			}
			// Interpolated normals can face away from the viewer at
			// silhouettes; fall back to the true normal there.
			if n.dot(wo) > 0 && n.finite() {
				ns = n
			}
		}
		color := mat.baseColor
		if mat.baseTex != nil && s.hasUV {
			u := s.uv[0][0]*b0 + s.uv[1][0]*h.u + s.uv[2][0]*h.v
			v := s.uv[0][1]*b0 + s.uv[1][1]*h.u + s.uv[2][1]*h.v
			color = color.mul(mat.baseTex.lookup(u, v))
		}

		if pt := mat.transmission * (1 - mat.metallic); pt > 0 && r.float() < pt {
			// Smooth dielectric: Fresnel picks reflection or refraction.
			// Lobe choice by probability pt with weight 1 mixes the glass
			// and opaque parts in the right proportion.
			eta := mat.ior
			if front {
				eta = 1 / mat.ior
			}
			cosI := math.Min(ns.dot(wo), 1)
			fr, cosT := fresnelDielectric(cosI, eta)
			if r.float() < fr {
				dir = ns.scale(2 * cosI).sub(wo)
				if dir.dot(ngF) <= 0 {
					break
				}
				origin = offsetPoint(p, ngF)
			} else {
				dir = wo.neg().scale(eta).add(ns.scale(eta*cosI - cosT)).normalize()
				if dir.dot(ngF) >= 0 {
					break
				}
				if front {
					// Tint once, on the way in, so a solid object
					// is coloured once rather than per interface.
					beta = beta.mul(color)
				}
				origin = offsetPoint(p, ngF.neg())
			}
			prevDelta = true
		} else {
			surf := newSurface(color, mat.metallic, mat.roughness)
			origin = offsetPoint(p, ngF)
			L = L.add(beta.mul(tr.sampleLights(&surf, origin, ns, ngF, wo, r)))

			wi, weight, pdf, ok := surf.sample(ns, wo, r)
			if !ok || wi.dot(ngF) <= 0 {
				break
			}
			beta = beta.mul(weight)
			dir = wi
			prevPdf, prevDelta = pdf, false
		}

		if depth+1 >= tr.rrDepth {
			q := math.Min(beta.maxComp(), 0.95)
			if !(q > 0) || r.float() >= q {
				break
			}
			beta = beta.scale(1 / q)
		}
	}
	return L
}

// sampleLights is next-event estimation at a scattering point: every
// punctual light (they are few and cannot be hit by chance) plus one
// emissive triangle picked by power.
func (tr *tracer) sampleLights(surf *surface, o, ns, ngF, wo vec3, r *rng) vec3 {
	w := tr.w
	var L vec3
	for i := range w.lights {
		l := &w.lights[i]
		var wi, li vec3
		tmax := math.Inf(1)
		if l.kind == lightDirectional {
			wi, li = l.dir.neg(), l.radiance
		} else {
			toL := l.pos.sub(o)
			d2 := toL.dot(toL)
			if d2 == 0 {
				continue
			}
			dist := math.Sqrt(d2)
			wi = toL.scale(1 / dist)
			li = l.radiance.scale(1 / d2)
			tmax = dist
			if l.kind == lightSpot {
				c := l.dir.dot(wi.neg())
				a := math.Min(math.Max((c-l.cosOuter)/(l.cosInner-l.cosOuter), 0), 1)
				li = li.scale(a * a)
			}
		}
		if wi.dot(ngF) <= 0 || li.isBlack() {
			continue
		}
		f, _ := surf.eval(ns, wo, wi)
		if f.isBlack() {
			continue
		}
		sr := newRay(o, wi)
		if w.occluded(&sr, tmax) {
			continue
		}
		L = L.add(f.mul(li))
	}

	if len(w.emitter) == 0 {
		return L
	}
	u := r.float()
	k := sort.SearchFloat64s(w.emitCDF, u)
	if k >= len(w.emitter) {
		k = len(w.emitter) - 1
	}
	ti := w.emitter[k]
	t := &w.tris[ti]
	s := &w.shade[ti]
	// Uniform point on the triangle (Shirley's square-root mapping).
	su := math.Sqrt(r.float())
	b1, b2 := 1-su, r.float()*su
	q := t.p0.add(t.e1.scale(b1)).add(t.e2.scale(b2))
	toL := q.sub(o)
	d2 := toL.dot(toL)
	if d2 == 0 {
		return L
	}
	dist := math.Sqrt(d2)
	wi := toL.scale(1 / dist)
	mat := &w.mats[s.mat]
	cosL := -wi.dot(s.ng)
	if mat.doubleSided {
		cosL = math.Abs(cosL)
	}
	if cosL <= 0 || wi.dot(ngF) <= 0 {
		return L
	}
	f, bsdfPdf := surf.eval(ns, wo, wi)
	if f.isBlack() {
		return L
	}
	lightPdf := s.lightPdf * d2 / cosL
	// Stop just short of the light so the light itself does not occlude.
	sr := newRay(o, wi)
	if w.occluded(&sr, dist*(1-1e-7)) {
		return L
	}
	weight := powerHeuristic(lightPdf, bsdfPdf)
	return L.add(f.mul(mat.emission).scale(weight / lightPdf))
}
