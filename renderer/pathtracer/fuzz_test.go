package pathtracer

import (
	"testing"

	"github.com/conun/conun/scenes"
)

// FuzzLoad feeds arbitrary bytes to the loader and, when they parse, builds
// frame 1 and traces a few rays. Nothing may panic, hang, or allocate far
// beyond the input's size.
func FuzzLoad(f *testing.F) {
	for _, n := range scenes.Names() {
		b, _ := scenes.Bytes(n)
		f.Add(b)
	}
	f.Add([]byte(`{"asset":{"version":"2.0"}}`))
	f.Add([]byte("glTF\x02\x00\x00\x00\x14\x00\x00\x00\x00\x00\x00\x00JSON"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := parseScene("fuzz.glb", data)
		if err != nil {
			return
		}
		w := sc.buildWorld(0, 1)
		tr := &tracer{w: w, maxDepth: 3, rrDepth: 2, sky: vec3{1, 1, 1}}
		for y := 0; y < 2; y++ {
			for x := 0; x < 2; x++ {
				r := newRNG(1, 1, x, y, 0)
				tr.radiance(w.cam.pos, w.cam.direction(float64(x)+0.5, float64(y)+0.5, 2, 2), &r)
			}
		}
	})
}
