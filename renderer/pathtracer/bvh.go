package pathtracer

import "math"

// triangle holds what the intersection test needs, in world space, in the
// order the BVH leaves reference them. Shading data lives in a parallel slice
// so the hot loop touches as little memory as possible.
type triangle struct {
	p0, e1, e2 vec3
}

// bvhNode is one node of the flattened BVH. An interior node's left child is
// the next node in the slice and its right child is at index next; a leaf
// covers tris[first : first+count].
type bvhNode struct {
	min, max vec3
	first    int32 // leaf: first triangle; interior: right child
	count    int32 // 0 for interior nodes
	axis     int32 // interior: split axis, to visit the nearer child first
}

const (
	// bvhStackSize bounds the traversal stack. buildBVH keeps the tree depth
	// under maxSAHDepth + log2(triangles), far below this.
	bvhStackSize = 128
	// maxSAHDepth is the depth after which the builder stops trusting the
	// SAH (which adversarial input can drive into a linear chain) and splits
	// at the object median, which halves every node.
	maxSAHDepth = 64
	sahBins     = 16
	maxLeaf     = 4
)

type buildPrim struct {
	min, max, centroid vec3
	index              int32
}

// buildBVH builds a binned-SAH BVH over tris and returns the nodes and the
// triangle order the leaves refer to. It is deterministic: the same triangles
// always give the same tree, whatever the machine.
func buildBVH(tris []triangle) (nodes []bvhNode, order []int32) {
	prims := make([]buildPrim, len(tris))
	for i, t := range tris {
		p1 := t.p0.add(t.e1)
		p2 := t.p0.add(t.e2)
		mn := vmin(t.p0, vmin(p1, p2))
		mx := vmax(t.p0, vmax(p1, p2))
		prims[i] = buildPrim{min: mn, max: mx, centroid: mn.add(mx).scale(0.5), index: int32(i)}
	}
	nodes = make([]bvhNode, 0, 2*len(tris)/maxLeaf+1)
	if len(prims) > 0 {
		nodes = buildNode(nodes, prims, 0, 0)
	}
	order = make([]int32, len(prims))
	for i, p := range prims {
		order[i] = p.index
	}
	return nodes, order
}

func surfaceArea(mn, mx vec3) float64 {
	d := mx.sub(mn)
	if d.x < 0 || d.y < 0 || d.z < 0 {
		return 0
	}
	return 2 * (d.x*d.y + d.y*d.z + d.z*d.x)
}

// buildNode appends the subtree over prims (which start at offset in the
// final order) to nodes.
func buildNode(nodes []bvhNode, prims []buildPrim, offset int, depth int) []bvhNode {
	mn, mx := prims[0].min, prims[0].max
	cmn, cmx := prims[0].centroid, prims[0].centroid
	for _, p := range prims[1:] {
		mn, mx = vmin(mn, p.min), vmax(mx, p.max)
		cmn, cmx = vmin(cmn, p.centroid), vmax(cmx, p.centroid)
	}
	self := len(nodes)
	nodes = append(nodes, bvhNode{min: mn, max: mx})
	leaf := func() []bvhNode {
		nodes[self].first = int32(offset)
		nodes[self].count = int32(len(prims))
		return nodes
	}
	if len(prims) <= maxLeaf {
		return leaf()
	}
	ext := cmx.sub(cmn)
	axis := 0
	if ext.y > ext.x {
		axis = 1
	}
	if ext.z > ext.index(axis) {
		axis = 2
	}
	if ext.index(axis) <= 0 || math.IsNaN(ext.index(axis)) {
		// All centroids coincide: no split separates them.
		return leaf()
	}

	mid := 0
	if depth < maxSAHDepth {
		mid = sahSplit(prims, axis, cmn.index(axis), ext.index(axis), surfaceArea(mn, mx))
	}
	if mid <= 0 || mid >= len(prims) {
		if depth < maxSAHDepth && len(prims) <= 2*maxLeaf {
			return leaf()
		}
		// Object median: sort on the axis and halve. Deterministic because
		// ties break on the triangle index.
		sortPrims(prims, axis)
		mid = len(prims) / 2
	}
	nodes[self].axis = int32(axis)
	nodes = buildNode(nodes, prims[:mid], offset, depth+1)
	nodes[self].first = int32(len(nodes))
	nodes = buildNode(nodes, prims[mid:], offset+mid, depth+1)
	return nodes
}

// sahSplit bins the centroids along axis and partitions prims at the
// cheapest bin boundary. It returns the partition point, or 0 when keeping a
// leaf is cheaper than any split.
func sahSplit(prims []buildPrim, axis int, cmin, extent, parentArea float64) int {
	type bin struct {
		min, max vec3
		n        int
	}
	var bins [sahBins]bin
	for i := range bins {
		bins[i].min = vec3{math.Inf(1), math.Inf(1), math.Inf(1)}
		bins[i].max = vec3{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	}
	binOf := func(p *buildPrim) int {
		b := int(float64(sahBins) * (p.centroid.index(axis) - cmin) / extent)
		return min(max(b, 0), sahBins-1)
	}
	for i := range prims {
		b := &bins[binOf(&prims[i])]
		b.min, b.max = vmin(b.min, prims[i].min), vmax(b.max, prims[i].max)
		b.n++
	}
	// Sweep from the right to get the cost of every right side, then from
	// the left.
	var rightArea [sahBins]float64
	var rightN [sahBins]int
	rmn, rmx := bins[sahBins-1].min, bins[sahBins-1].max
	n := 0
	for i := sahBins - 1; i > 0; i-- {
		rmn, rmx = vmin(rmn, bins[i].min), vmax(rmx, bins[i].max)
		n += bins[i].n
		rightArea[i] = surfaceArea(rmn, rmx)
		rightN[i] = n
	}
	best, bestCost := 0, float64(len(prims)) // cost of a leaf
	lmn, lmx := bins[0].min, bins[0].max
	n = 0
	for i := 0; i < sahBins-1; i++ {
		lmn, lmx = vmin(lmn, bins[i].min), vmax(lmx, bins[i].max)
		n += bins[i].n
		if n == 0 || rightN[i+1] == 0 {
			continue
		}
		cost := 0.5 + (surfaceArea(lmn, lmx)*float64(n)+rightArea[i+1]*float64(rightN[i+1]))/parentArea
		if cost < bestCost {
			best, bestCost = i+1, cost
		}
	}
	if best == 0 {
		return 0
	}
	// Stable in-place partition would need a buffer; a two-pointer swap is
	// fine because its result depends only on the input order.
	i, j := 0, len(prims)-1
	for i <= j {
		if binOf(&prims[i]) < best {
			i++
		} else {
			prims[i], prims[j] = prims[j], prims[i]
			j--
		}
	}
	return i
}

// sortPrims sorts by centroid on axis, ties broken by triangle index. The
// order is total, so the result is the same whatever sort algorithm runs.
func sortPrims(prims []buildPrim, axis int) {
	less := func(a, b *buildPrim) bool {
		ca, cb := a.centroid.index(axis), b.centroid.index(axis)
		if ca != cb {
			return ca < cb
		}
		return a.index < b.index
	}
	// Heap sort: O(n log n) worst case, no recursion, no allocation.
	n := len(prims)
	sift := func(root, end int) {
		for {
			child := 2*root + 1
			if child >= end {
				return
			}
			if child+1 < end && less(&prims[child], &prims[child+1]) {
				child++
			}
			if !less(&prims[root], &prims[child]) {
				return
			}
			prims[root], prims[child] = prims[child], prims[root]
			root = child
		}
	}
	for i := n/2 - 1; i >= 0; i-- {
		sift(i, n)
	}
	for end := n - 1; end > 0; end-- {
		prims[0], prims[end] = prims[end], prims[0]
		sift(0, end)
	}
}

// ray is a ray with its reciprocal direction precomputed for the slab test.
type ray struct {
	o, d vec3
	inv  vec3
	neg  [3]bool
}

func newRay(o, d vec3) ray {
	return ray{o: o, d: d, inv: vec3{1 / d.x, 1 / d.y, 1 / d.z}, neg: [3]bool{d.x < 0, d.y < 0, d.z < 0}}
}

// hitBox reports whether r enters the box before tmax. Comparisons are
// written so that a NaN (0 * Inf for a ray in a slab's plane) never widens
// the interval.
func hitBox(r *ray, mn, mx *vec3, tmax float64) bool {
	tmin := 0.0
	tmin, tmax = slab(r.o.x, r.inv.x, mn.x, mx.x, r.neg[0], tmin, tmax)
	tmin, tmax = slab(r.o.y, r.inv.y, mn.y, mx.y, r.neg[1], tmin, tmax)
	tmin, tmax = slab(r.o.z, r.inv.z, mn.z, mx.z, r.neg[2], tmin, tmax)
	return tmin <= tmax
}

// slab narrows [tmin, tmax] to one axis' slab of a box; small enough for
// the compiler to inline into hitBox, the hottest loop of the tracer.
func slab(o, inv, lo, hi float64, neg bool, tmin, tmax float64) (float64, float64) {
	t0, t1 := (lo-o)*inv, (hi-o)*inv
	if neg {
		t0, t1 = t1, t0
	}
	if t0 > tmin {
		tmin = t0
	}
	if t1 < tmax {
		tmax = t1
	}
	return tmin, tmax
}

// hitTriangle is the Möller-Trumbore test. It returns the distance and the
// barycentrics of p1 and p2.
func hitTriangle(r *ray, t *triangle, tmax float64) (dist, u, v float64, ok bool) {
	p := r.d.cross(t.e2)
	det := t.e1.dot(p)
	if det == 0 {
		return 0, 0, 0, false
	}
	inv := 1 / det
	s := r.o.sub(t.p0)
	u = s.dot(p) * inv
	if u < 0 || u > 1 {
		return 0, 0, 0, false
	}
	q := s.cross(t.e1)
	v = r.d.dot(q) * inv
	if v < 0 || u+v > 1 {
		return 0, 0, 0, false
	}
	dist = t.e2.dot(q) * inv
	if !(dist > 0 && dist < tmax) {
		return 0, 0, 0, false
	}
	return dist, u, v, true
}

// hit is the closest intersection found along a ray.
type hit struct {
	tri  int32 // index into world.tris (BVH order)
	dist float64
	u, v float64
}

// intersect finds the closest triangle along r before tmax.
func (w *world) intersect(r *ray, tmax float64) (h hit, ok bool) {
	if len(w.nodes) == 0 {
		return h, false
	}
	var stack [bvhStackSize]int32
	sp := 0
	n := int32(0)
	for {
		node := &w.nodes[n]
		if hitBox(r, &node.min, &node.max, tmax) {
			if node.count > 0 {
				end := node.first + node.count
				for i := node.first; i < end; i++ {
					if d, u, v, hitOK := hitTriangle(r, &w.tris[i], tmax); hitOK {
						tmax = d
						h = hit{tri: i, dist: d, u: u, v: v}
						ok = true
					}
				}
			} else {
				// Visit the child on the ray's near side first, so tmax
				// shrinks early and prunes the far one.
				near, far := n+1, node.first
				if r.neg[node.axis] {
					near, far = far, near
				}
				stack[sp] = far
				sp++
				n = near
				continue
			}
		}
		if sp == 0 {
			return h, ok
		}
		sp--
		n = stack[sp]
	}
}

// occluded reports whether anything lies along r before tmax.
func (w *world) occluded(r *ray, tmax float64) bool {
	if len(w.nodes) == 0 {
		return false
	}
	var stack [bvhStackSize]int32
	sp := 0
	n := int32(0)
	for {
		node := &w.nodes[n]
		if hitBox(r, &node.min, &node.max, tmax) {
			if node.count > 0 {
				end := node.first + node.count
				for i := node.first; i < end; i++ {
					if _, _, _, hitOK := hitTriangle(r, &w.tris[i], tmax); hitOK {
						return true
					}
				}
			} else {
				stack[sp] = node.first
				sp++
				n++
				continue
			}
		}
		if sp == 0 {
			return false
		}
		sp--
		n = stack[sp]
	}
}
