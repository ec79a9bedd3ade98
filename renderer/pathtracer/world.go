package pathtracer

import (
	"math"
	"sync"
)

// world is one frame of a scene, flattened into world space and ready to
// trace. It is read-only once built, so any number of goroutines share it.
type world struct {
	tris    []triangle // BVH order
	shade   []triShade // parallel to tris
	nodes   []bvhNode
	mats    []material
	lights  []punctual
	emitter []int32   // indices into tris of emissive triangles
	emitCDF []float64 // cumulative pick probability, parallel to emitter
	cam     cameraPose

	// flat is the world as Flatten exports it, made on first use.
	flatOnce sync.Once
	flat     *Flat
}

// triShade is the data needed once a triangle has been hit.
type triShade struct {
	ng       vec3 // unit geometric normal on the front (counter-clockwise) side
	n        [3]vec3
	uv       [3][2]float64
	hasN     bool
	hasUV    bool
	mat      int32
	area     float64
	lightPdf float64 // pick probability / area when sampled as a light, else 0
}

// punctual is a KHR_lights_punctual light placed in the world.
type punctual struct {
	kind     lightKind
	pos      vec3 // point, spot
	dir      vec3 // spot, directional: the direction light travels
	radiance vec3 // intensity (W/sr) or irradiance (W/m²)
	cosInner float64
	cosOuter float64
}

// buildWorld flattens the scene at time t. lightScale converts glTF light
// intensities into the renderer's radiance units.
func (sc *scene) buildWorld(t, lightScale float64) *world {
	mats := sc.worldMatrices(t)
	w := &world{mats: sc.materials}

	var tris []triangle
	var shade []triShade
	for _, ni := range sc.order {
		nd := &sc.nodes[ni]
		m := mats[ni]
		if nd.light >= 0 {
			def := sc.lights[nd.light]
			p := punctual{
				kind:     def.kind,
				pos:      m.point(vec3{}),
				dir:      m.dir(vec3{0, 0, -1}).normalize(),
				radiance: def.color.scale(def.intensity * lightScale),
				cosInner: def.cosInner,
				cosOuter: def.cosOuter,
			}
			if p.pos.finite() && p.dir.finite() && !p.radiance.isBlack() {
				w.lights = append(w.lights, p)
			}
		}
		if nd.mesh < 0 {
			continue
		}
		nm := m.normalMatrix()
		// A mirroring transform reverses the winding; glTF says the front
		// face follows the transformed winding, so swap two vertices back.
		c0, c1, c2 := vec3{m[0], m[1], m[2]}, vec3{m[4], m[5], m[6]}, vec3{m[8], m[9], m[10]}
		flip := c0.cross(c1).dot(c2) < 0
		for pi := range sc.meshes[nd.mesh].prims {
			p := &sc.meshes[nd.mesh].prims[pi]
			for k := 0; k+2 < len(p.idx); k += 3 {
				i0, i1, i2 := p.idx[k], p.idx[k+1], p.idx[k+2]
				if flip {
					i1, i2 = i2, i1
				}
				a, b, c := m.point(p.pos[i0]), m.point(p.pos[i1]), m.point(p.pos[i2])
				e1, e2 := b.sub(a), c.sub(a)
				cr := e1.cross(e2)
				area := cr.length() / 2
				if !(area > 0) || math.IsInf(area, 0) {
					continue // degenerate: it can never be hit or sampled
				}
				s := triShade{ng: cr.scale(0.5 / area), mat: int32(p.material), area: area}
				if p.nrm != nil {
					s.hasN = true
					for j, vi := range [3]uint32{i0, i1, i2} {
						s.n[j] = nm.dir(p.nrm[vi]).normalize()
						if !s.n[j].finite() || s.n[j].isBlack() {
							s.hasN = false
						}
					}
				}
				if p.uv != nil {
					s.hasUV = true
					s.uv = [3][2]float64{p.uv[i0], p.uv[i1], p.uv[i2]}
				}
				tris = append(tris, triangle{p0: a, e1: e1, e2: e2})
				shade = append(shade, s)
			}
		}
	}

	nodes, order := buildBVH(tris)
	w.nodes = nodes
	w.tris = make([]triangle, len(order))
	w.shade = make([]triShade, len(order))
	for i, o := range order {
		w.tris[i] = tris[o]
		w.shade[i] = shade[o]
	}

	// Emissive triangles are picked in proportion to their power, so the
	// bright ceiling light gets the samples rather than a dim trim.
	total := 0.0
	for i := range w.shade {
		s := &w.shade[i]
		if p := w.mats[s.mat].emission.luminance() * s.area; p > 0 {
			w.emitter = append(w.emitter, int32(i))
			total += p
			w.emitCDF = append(w.emitCDF, total)
		}
	}
	if total > 0 && !math.IsInf(total, 0) {
		for k, i := range w.emitter {
			s := &w.shade[i]
			s.lightPdf = w.mats[s.mat].emission.luminance() / total
			w.emitCDF[k] /= total
		}
	} else {
		w.emitter, w.emitCDF = nil, nil
	}

	w.cam = newCameraPose(mats[sc.camNode], sc.yfov)
	return w
}
