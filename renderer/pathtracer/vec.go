package pathtracer

import "math"

// vec3 is a point, direction or RGB colour. Everything is float64: the scenes
// are small, and one precision everywhere keeps results easy to reason about.
type vec3 struct{ x, y, z float64 }

func (a vec3) add(b vec3) vec3        { return vec3{a.x + b.x, a.y + b.y, a.z + b.z} }
func (a vec3) sub(b vec3) vec3        { return vec3{a.x - b.x, a.y - b.y, a.z - b.z} }
func (a vec3) mul(b vec3) vec3        { return vec3{a.x * b.x, a.y * b.y, a.z * b.z} }
func (a vec3) scale(s float64) vec3   { return vec3{a.x * s, a.y * s, a.z * s} }
func (a vec3) dot(b vec3) float64     { return a.x*b.x + a.y*b.y + a.z*b.z }
func (a vec3) neg() vec3              { return vec3{-a.x, -a.y, -a.z} }
func (a vec3) length() float64        { return math.Sqrt(a.dot(a)) }
func (a vec3) maxComp() float64       { return math.Max(a.x, math.Max(a.y, a.z)) }
func (a vec3) isBlack() bool          { return a.x == 0 && a.y == 0 && a.z == 0 }
func (a vec3) luminance() float64     { return 0.2126*a.x + 0.7152*a.y + 0.0722*a.z }
func (a vec3) index(axis int) float64 { return [3]float64{a.x, a.y, a.z}[axis] }
func (a vec3) arr() [3]float64        { return [3]float64{a.x, a.y, a.z} }

func (a vec3) cross(b vec3) vec3 {
	return vec3{a.y*b.z - a.z*b.y, a.z*b.x - a.x*b.z, a.x*b.y - a.y*b.x}
}

func (a vec3) normalize() vec3 {
	l := a.length()
	if l == 0 {
		return a
	}
	return a.scale(1 / l)
}

func (a vec3) finite() bool {
	return !math.IsNaN(a.x) && !math.IsNaN(a.y) && !math.IsNaN(a.z) &&
		!math.IsInf(a.x, 0) && !math.IsInf(a.y, 0) && !math.IsInf(a.z, 0)
}

func vmin(a, b vec3) vec3 { return vec3{math.Min(a.x, b.x), math.Min(a.y, b.y), math.Min(a.z, b.z)} }
func vmax(a, b vec3) vec3 { return vec3{math.Max(a.x, b.x), math.Max(a.y, b.y), math.Max(a.z, b.z)} }

// onb returns two unit vectors that, with n, form an orthonormal basis. It is
// the branchless construction of Duff et al. 2017, which has no singularity.
func onb(n vec3) (t, b vec3) {
	sign := math.Copysign(1, n.z)
	a := -1 / (sign + n.z)
	c := n.x * n.y * a
	t = vec3{1 + sign*n.x*n.x*a, sign * c, -sign * n.x}
	b = vec3{c, sign + n.y*n.y*a, -n.y}
	return t, b
}

// mat4 is a 4x4 affine transform in glTF's column-major order: m[col*4+row].
type mat4 [16]float64

func identity() mat4 { return mat4{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1} }

func (a mat4) mul(b mat4) mat4 {
	var r mat4
	for c := 0; c < 4; c++ {
		for row := 0; row < 4; row++ {
			var s float64
			for k := 0; k < 4; k++ {
				s += a[k*4+row] * b[c*4+k]
			}
			r[c*4+row] = s
		}
	}
	return r
}

func (a mat4) point(p vec3) vec3 {
	return vec3{
		a[0]*p.x + a[4]*p.y + a[8]*p.z + a[12],
		a[1]*p.x + a[5]*p.y + a[9]*p.z + a[13],
		a[2]*p.x + a[6]*p.y + a[10]*p.z + a[14],
	}
}

func (a mat4) dir(d vec3) vec3 {
	return vec3{
		a[0]*d.x + a[4]*d.y + a[8]*d.z,
		a[1]*d.x + a[5]*d.y + a[9]*d.z,
		a[2]*d.x + a[6]*d.y + a[10]*d.z,
	}
}

// normalMatrix returns the inverse transpose of the upper 3x3 (as the columns
// of a mat4 with no translation), which carries normals through non-uniform
// scale. A singular matrix gives the zero matrix; its triangles are degenerate
// anyway and get dropped.
func (a mat4) normalMatrix() mat4 {
	m00, m01, m02 := a[0], a[4], a[8]
	m10, m11, m12 := a[1], a[5], a[9]
	m20, m21, m22 := a[2], a[6], a[10]
	c00 := m11*m22 - m12*m21
	c01 := m12*m20 - m10*m22
	c02 := m10*m21 - m11*m20
	det := m00*c00 + m01*c01 + m02*c02
	if det == 0 || math.IsNaN(det) {
		return mat4{}
	}
	inv := 1 / det
	// The inverse transpose is the cofactor matrix divided by the determinant.
	c10 := m02*m21 - m01*m22
	c11 := m00*m22 - m02*m20
	c12 := m01*m20 - m00*m21
	c20 := m01*m12 - m02*m11
	c21 := m02*m10 - m00*m12
	c22 := m00*m11 - m01*m10
	var r mat4
	r[0], r[4], r[8] = c00*inv, c01*inv, c02*inv
	r[1], r[5], r[9] = c10*inv, c11*inv, c12*inv
	r[2], r[6], r[10] = c20*inv, c21*inv, c22*inv
	r[15] = 1
	return r
}

// trs composes translation, rotation (unit quaternion x, y, z, w) and scale
// into T*R*S, as glTF specifies.
func trs(t [3]float64, q [4]float64, s [3]float64) mat4 {
	x, y, z, w := q[0], q[1], q[2], q[3]
	if n := math.Sqrt(x*x + y*y + z*z + w*w); n > 0 {
		x, y, z, w = x/n, y/n, z/n, w/n
	} else {
		x, y, z, w = 0, 0, 0, 1
	}
	r := mat4{
		1 - 2*(y*y+z*z), 2 * (x*y + z*w), 2 * (x*z - y*w), 0,
		2 * (x*y - z*w), 1 - 2*(x*x+z*z), 2 * (y*z + x*w), 0,
		2 * (x*z + y*w), 2 * (y*z - x*w), 1 - 2*(x*x+y*y), 0,
		0, 0, 0, 1,
	}
	for c := 0; c < 3; c++ {
		for row := 0; row < 3; row++ {
			r[c*4+row] *= s[c]
		}
	}
	r[12], r[13], r[14] = t[0], t[1], t[2]
	return r
}
