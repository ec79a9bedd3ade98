package pathtracer

import "math"

// cameraPose is a glTF perspective camera placed in the world. glTF cameras
// look down their local -Z with +Y up.
type cameraPose struct {
	pos, right, up, forward vec3
	tanHalf                 float64 // tan(yfov / 2)
}

func newCameraPose(m mat4, yfov float64) cameraPose {
	return cameraPose{
		pos:     m.point(vec3{}),
		right:   m.dir(vec3{1, 0, 0}).normalize(),
		up:      m.dir(vec3{0, 1, 0}).normalize(),
		forward: m.dir(vec3{0, 0, -1}).normalize(),
		tanHalf: math.Tan(yfov / 2),
	}
}

// direction returns the unit direction through film point (fx, fy), in
// pixels of a width x height frame with the origin top-left. The aspect
// ratio comes from the frame, not the file, so any resolution fills the
// frame without stretching.
func (c *cameraPose) direction(fx, fy float64, width, height int) vec3 {
	aspect := float64(width) / float64(height)
	sx := (2*fx/float64(width) - 1) * c.tanHalf * aspect
	sy := (1 - 2*fy/float64(height)) * c.tanHalf
	return c.forward.add(c.right.scale(sx)).add(c.up.scale(sy)).normalize()
}
