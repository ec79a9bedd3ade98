package pathtracer

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/qmuntal/gltf"

	"github.com/conun/conun/renderer"
)

// TestFurnace is the white furnace test: a white, non-absorbing object
// under a uniform sky must look exactly as bright as the sky, whatever its
// material. Too bright means the BSDF or its sampling creates energy; too
// dark means it loses more than single-scattering GGX is known to lose.
func TestFurnace(t *testing.T) {
	tests := []struct {
		name     string
		material func(*gltf.Material)
		lo, hi   float64 // accepted mean linear value under a 0.5 sky
	}{
		{"diffuse", func(m *gltf.Material) {
			m.PBRMetallicRoughness.MetallicFactor = gltf.Float(0)
			m.PBRMetallicRoughness.RoughnessFactor = gltf.Float(1)
		}, 0.46, 0.51},
		{"rough metal", func(m *gltf.Material) {
			m.PBRMetallicRoughness.MetallicFactor = gltf.Float(1)
			m.PBRMetallicRoughness.RoughnessFactor = gltf.Float(0.5)
		}, 0.44, 0.51},
		{"smooth metal", func(m *gltf.Material) {
			m.PBRMetallicRoughness.MetallicFactor = gltf.Float(1)
			m.PBRMetallicRoughness.RoughnessFactor = gltf.Float(0.05)
		}, 0.48, 0.51},
		{"glass", func(m *gltf.Material) {
			m.PBRMetallicRoughness.MetallicFactor = gltf.Float(0)
			m.PBRMetallicRoughness.RoughnessFactor = gltf.Float(0)
			m.Extensions = gltf.Extensions{
				"KHR_materials_transmission": json.RawMessage(`{"transmissionFactor":1}`),
				"KHR_materials_ior":          json.RawMessage(`{"ior":1.5}`),
			}
		}, 0.48, 0.51},
	}
	dir := t.TempDir()
	cfg := DefaultConfig()
	cfg.Sky = [3]float64{0.5, 0.5, 0.5}
	cfg.SampleClamp = 0
	cfg.MaxDepth = 64
	r := New(cfg)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := variant(t, dir, "spheres.glb", "furnace.glb", func(d *gltf.Document) {
				var sphere, camera int
				for i, n := range d.Nodes {
					switch {
					case n.Name == "clay":
						sphere = i
					case n.Camera != nil:
						camera = i
					}
				}
				d.Scenes[0].Nodes = []int{sphere, camera}
				m := d.Materials[*d.Meshes[*d.Nodes[sphere].Mesh].Primitives[0].Material]
				m.PBRMetallicRoughness.BaseColorFactor = &[4]float64{1, 1, 1, 1}
				tc.material(m)
				// Look straight at the sphere from close by, so it fills
				// the frame.
				c := d.Nodes[camera]
				p := d.Nodes[sphere].Translation
				c.Translation = [3]float64{p[0], p[1], p[2] + 1.5}
				c.Rotation = [4]float64{0, 0, 0, 1}
				d.Cameras[*c.Camera].Perspective.Yfov = 0.3
			})
			img := render(t, r, renderer.Task{Scene: path, Frame: 1, Width: 12, Height: 12, Samples: 48, Seed: 1})
			var sum float64
			n := 0
			for i := 0; i < len(img.Pix); i += 8 {
				for c := 0; c < 3; c++ {
					v := float64(int(img.Pix[i+2*c])<<8|int(img.Pix[i+2*c+1])) / 0xffff
					sum += srgbToLinear(v)
					n++
				}
			}
			if mean := sum / float64(n); mean < tc.lo || mean > tc.hi || math.IsNaN(mean) {
				t.Errorf("mean radiance %.4f, want %.2f..%.2f (sky 0.5)", mean, tc.lo, tc.hi)
			} else {
				t.Logf("mean radiance %.4f", mean)
			}
		})
	}
}
