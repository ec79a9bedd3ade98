package pathtracer

import (
	"context"
	"math"

	"github.com/qmuntal/gltf"

	"github.com/conun/conun/renderer"
)

// Flat is one frame of a scene as plain arrays: the world this package
// traces, for another tracer of the same scenes (renderer/gl uploads it to
// the GPU). Sharing it, rather than loading glTF twice, keeps the two
// tracers on the same triangles, BVH, materials, lights and camera, and the
// GPU tracer under this package's scene limits.
type Flat struct {
	// Tris are the triangles in BVH order: Nodes' leaves index them.
	Tris []FlatTriangle
	// Nodes is the BVH, depth first: an interior node's left child follows
	// it, its right child is at First; a leaf covers Tris[First:First+Count].
	Nodes []FlatNode
	// Materials is indexed by FlatTriangle.Material.
	Materials []FlatMaterial
	// Textures is indexed by FlatMaterial.Texture.
	Textures []FlatTexture
	// Lights are the punctual lights.
	Lights []FlatLight
	// Emitters index Tris' emissive triangles, picked for light sampling by
	// EmitCDF, their cumulative probabilities.
	Emitters []int32
	EmitCDF  []float64
	// Camera is the frame's camera.
	Camera FlatCamera
}

// FlatTriangle is a triangle with its shading data; see Flat.
type FlatTriangle struct {
	P0, E1, E2 [3]float64    // the vertex p0 and edges to p1 and p2
	Ng         [3]float64    // unit geometric normal, front side
	N          [3][3]float64 // vertex normals, when HasN
	UV         [3][2]float64 // TEXCOORD_0, when HasUV
	HasN       bool
	HasUV      bool
	Material   int32
	// LightPdf is the probability per unit area of picking a point here
	// when sampling emissive triangles; 0 for others.
	LightPdf float64
}

// FlatNode is a BVH node; see Flat.
type FlatNode struct {
	Min, Max           [3]float64
	First, Count, Axis int32
}

// FlatMaterial is a metallic-roughness material.
type FlatMaterial struct {
	BaseColor    [3]float64
	Texture      int // base colour texture: index into Flat.Textures, or -1
	Metallic     float64
	Roughness    float64
	Emission     [3]float64
	Transmission float64
	IOR          float64
	DoubleSided  bool
}

// Texture wrapping modes of FlatTexture.Wrap.
const (
	WrapRepeat = iota
	WrapClamp
	WrapMirror
)

// FlatTexture is a base colour texture in linear RGB, looked up as
// texture.lookup does: bilinear unless Nearest, v=0 the top row.
type FlatTexture struct {
	W, H    int
	Pix     []float32 // 3 per pixel, row-major, top row first
	Wrap    [2]int    // S, T: WrapRepeat, WrapClamp or WrapMirror
	Nearest bool
}

// Light kinds of FlatLight.Kind.
const (
	LightDirectional = int(lightDirectional)
	LightPoint       = int(lightPoint)
	LightSpot        = int(lightSpot)
)

// FlatLight is a punctual light in world space.
type FlatLight struct {
	Kind               int
	Pos, Dir, Radiance [3]float64
	CosInner, CosOuter float64
}

// FlatCamera is a perspective camera; see cameraPose.direction for how a
// film point maps to a ray.
type FlatCamera struct {
	Pos, Right, Up, Forward [3]float64
	TanHalf                 float64
}

// Flatten returns the world the task's frame renders: the same checks and
// the same errors as Render (a bad scene or frame wraps renderer.ErrBadTask).
// The Flat is made once per cached frame and shared: callers must not
// change it, and may tell by its pointer that a frame's world is the one
// they already hold (the tiles of one frame).
func (r *Renderer) Flatten(ctx context.Context, t renderer.Task) (*Flat, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	w, err := r.frameWorld(t)
	if err != nil {
		return nil, err
	}
	w.flatOnce.Do(func() { w.flat = w.flatten() })
	return w.flat, nil
}

func (w *world) flatten() *Flat {
	f := &Flat{
		Tris:     make([]FlatTriangle, len(w.tris)),
		Nodes:    make([]FlatNode, len(w.nodes)),
		Emitters: append([]int32(nil), w.emitter...),
		EmitCDF:  append([]float64(nil), w.emitCDF...),
		Camera: FlatCamera{
			Pos: w.cam.pos.arr(), Right: w.cam.right.arr(), Up: w.cam.up.arr(),
			Forward: w.cam.forward.arr(), TanHalf: w.cam.tanHalf,
		},
	}
	for i := range w.tris {
		t, s := &w.tris[i], &w.shade[i]
		f.Tris[i] = FlatTriangle{
			P0: t.p0.arr(), E1: t.e1.arr(), E2: t.e2.arr(), Ng: s.ng.arr(),
			N:    [3][3]float64{s.n[0].arr(), s.n[1].arr(), s.n[2].arr()},
			UV:   s.uv,
			HasN: s.hasN, HasUV: s.hasUV, Material: s.mat, LightPdf: s.lightPdf,
		}
	}
	for i, n := range w.nodes {
		f.Nodes[i] = FlatNode{Min: n.min.arr(), Max: n.max.arr(), First: n.first, Count: n.count, Axis: n.axis}
	}
	texIndex := map[*texture]int{}
	for _, m := range w.mats {
		ti := -1
		if m.baseTex != nil {
			var ok bool
			if ti, ok = texIndex[m.baseTex]; !ok {
				ti = len(f.Textures)
				texIndex[m.baseTex] = ti
				f.Textures = append(f.Textures, FlatTexture{
					W: m.baseTex.w, H: m.baseTex.h, Pix: m.baseTex.pix, Nearest: m.baseTex.nearest,
					Wrap: [2]int{flatWrap(m.baseTex.wrapS), flatWrap(m.baseTex.wrapT)},
				})
			}
		}
		f.Materials = append(f.Materials, FlatMaterial{
			BaseColor: m.baseColor.arr(), Texture: ti,
			Metallic: m.metallic, Roughness: m.roughness, Emission: m.emission.arr(),
			Transmission: m.transmission, IOR: m.ior, DoubleSided: m.doubleSided,
		})
	}
	for _, l := range w.lights {
		f.Lights = append(f.Lights, FlatLight{
			Kind: int(l.kind), Pos: l.pos.arr(), Dir: l.dir.arr(), Radiance: l.radiance.arr(),
			CosInner: l.cosInner, CosOuter: l.cosOuter,
		})
	}
	return f
}

func flatWrap(m gltf.WrappingMode) int {
	switch m {
	case gltf.WrapClampToEdge:
		return WrapClamp
	case gltf.WrapMirroredRepeat:
		return WrapMirror
	}
	return WrapRepeat
}

// Settings returns the renderer's configuration, so a tracer that renders
// the same scenes can use the same depth, sky and clamp.
func (r *Renderer) Settings() Config { return r.cfg }

// MaterialMap returns, for each pixel of the task's region (row-major), the
// material its centre ray hits first, or -1 for the sky: an ID pass, so a
// check can compare two renders material by material.
func (r *Renderer) MaterialMap(ctx context.Context, t renderer.Task) ([]int32, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	w, err := r.frameWorld(t)
	if err != nil {
		return nil, err
	}
	rect := t.Rect()
	out := make([]int32, 0, rect.Dx()*rect.Dy())
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for x := rect.Min.X; x < rect.Max.X; x++ {
			ry := newRay(w.cam.pos, w.cam.direction(float64(x)+0.5, float64(y)+0.5, t.Width, t.Height))
			m := int32(-1)
			if h, ok := w.intersect(&ry, math.Inf(1)); ok {
				m = w.shade[h.tri].mat
			}
			out = append(out, m)
		}
	}
	return out, nil
}
