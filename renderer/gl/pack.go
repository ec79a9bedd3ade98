package gl

import (
	"math"

	"github.com/conun/conun/renderer/pathtracer"
)

// packed is a Flat in the std430 layouts tracer.comp declares: every
// struct a run of vec4s (ivec4s written as their bits).
type packed struct {
	tris, shades, nodes, mats, lights, emit, texels []float32
}

func v4(dst []float32, v [3]float64, w float64) []float32 {
	return append(dst, float32(v[0]), float32(v[1]), float32(v[2]), float32(w))
}

func i4(dst []float32, a, b, c, d int32) []float32 {
	return append(dst, math.Float32frombits(uint32(a)), math.Float32frombits(uint32(b)),
		math.Float32frombits(uint32(c)), math.Float32frombits(uint32(d)))
}

func b2i(b bool) int32 {
	if b {
		return 1
	}
	return 0
}

func b2f(b bool) float64 { return float64(b2i(b)) }

func pack(f *pathtracer.Flat) packed {
	var p packed
	p.tris = make([]float32, 0, 12*len(f.Tris))
	p.shades = make([]float32, 0, 28*len(f.Tris))
	for _, t := range f.Tris {
		p.tris = v4(p.tris, t.P0, 0)
		p.tris = v4(p.tris, t.E1, 0)
		p.tris = v4(p.tris, t.E2, 0)
		p.shades = v4(p.shades, t.Ng, t.LightPdf)
		for _, n := range t.N {
			p.shades = v4(p.shades, n, 0)
		}
		p.shades = append(p.shades, float32(t.UV[0][0]), float32(t.UV[0][1]), float32(t.UV[1][0]), float32(t.UV[1][1]))
		p.shades = append(p.shades, float32(t.UV[2][0]), float32(t.UV[2][1]), 0, 0)
		p.shades = i4(p.shades, t.Material, b2i(t.HasN), b2i(t.HasUV), 0)
	}
	for _, n := range f.Nodes {
		p.nodes = v4(p.nodes, n.Min, 0)
		p.nodes = v4(p.nodes, n.Max, 0)
		p.nodes = i4(p.nodes, n.First, n.Count, n.Axis, 0)
	}
	p.mats, p.texels = packMaterials(f)
	p.lights = packLights(f)
	for i, e := range f.Emitters {
		p.emit = append(p.emit, math.Float32frombits(uint32(e)), float32(f.EmitCDF[i]))
	}
	return p
}

// packMaterials returns the materials and the texels of their textures in
// layout.glsl's Mat layout: the tracer and the raster read the same buffers.
func packMaterials(f *pathtracer.Flat) (mats, texels []float32) {
	var p packed
	texOffset := make([]int32, len(f.Textures))
	for i, t := range f.Textures {
		texOffset[i] = int32(len(p.texels) / 3)
		p.texels = append(p.texels, t.Pix...)
	}
	for _, m := range f.Materials {
		p.mats = v4(p.mats, m.BaseColor, m.Metallic)
		p.mats = v4(p.mats, m.Emission, m.Roughness)
		p.mats = append(p.mats, float32(m.Transmission), float32(m.IOR), float32(b2f(m.DoubleSided)), 0)
		if m.Texture < 0 {
			p.mats = i4(p.mats, -1, 0, 0, 0)
			continue
		}
		t := f.Textures[m.Texture]
		p.mats = i4(p.mats, texOffset[m.Texture], int32(t.W), int32(t.H), b2i(t.Nearest)|int32(t.Wrap[0])<<1|int32(t.Wrap[1])<<3)
	}
	return p.mats, p.texels
}

// packLights returns the punctual lights in layout.glsl's Light layout.
func packLights(f *pathtracer.Flat) []float32 {
	var p packed
	for _, l := range f.Lights {
		kind := 0.0 // tracer.comp: 0 point, 1 spot, 2 directional
		switch l.Kind {
		case pathtracer.LightSpot:
			kind = 1
		case pathtracer.LightDirectional:
			kind = 2
		}
		p.lights = v4(p.lights, l.Pos, kind)
		p.lights = v4(p.lights, l.Dir, 0)
		p.lights = v4(p.lights, l.Radiance, 0)
		p.lights = append(p.lights, float32(l.CosInner), float32(l.CosOuter), 0, 0)
	}
	return p.lights
}
