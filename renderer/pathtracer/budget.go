package pathtracer

import (
	"fmt"
	"unsafe"

	"github.com/qmuntal/gltf"
)

// Bytes one loaded or built item costs, for the memory estimate. They are
// what loadPrimitive, buildWorld and buildBVH allocate per item, rounded up
// for slice growth where the builder appends.
const (
	// bytesPerValue is a decoded accessor value: readAccessor returns
	// float64s before they are packed.
	bytesPerValue = 8
	// bytesPerTexel is a decoded texture pixel: three float32s kept, plus
	// up to 8 bytes of the decoder's image while it is converted.
	bytesPerTexel = 3*4 + 8
	// bytesPerNode covers a node, its world matrix and the traversal state.
	bytesPerNode = int64(unsafe.Sizeof(node{})) + 2*int64(unsafe.Sizeof(mat4{})) + 64
)

// bytesPerTriangle is one instanced triangle in a built frame: the
// triangle and its shading data, appended (so up to twice their size
// while growing) and then copied into BVH order, the builder's primitive
// and order entries, and its share of BVH nodes (at most one per
// triangle): 1108 bytes. Measured on a frame of 500,000 instanced
// triangles: 1.7 KB each allocated in all (garbage included), 0.53 KB
// each still live once built, so this bounds the live peak. With the
// default Memory it admits about 950,000 triangles a frame.
var bytesPerTriangle = 4*int64(unsafe.Sizeof(triangle{})+unsafe.Sizeof(triShade{})) +
	int64(unsafe.Sizeof(buildPrim{})) + 4 + int64(unsafe.Sizeof(bvhNode{}))

// budget is the running memory estimate of a scene being checked.
type budget struct {
	lim   Limits
	bytes int64 // saturates at maxEstimate
}

// maxEstimate is where the estimate stops growing, far above any limit,
// so no count in a hostile file can overflow it.
const maxEstimate = 1 << 62

// add counts n items of size bytes each. It divides before multiplying,
// so no product can overflow.
func (b *budget) add(n, size int64) {
	if n <= 0 || size <= 0 {
		return
	}
	if n > (maxEstimate-b.bytes)/size {
		b.bytes = maxEstimate
		return
	}
	b.bytes += n * size
}

// check refuses an estimate over the limit, in whole MiB.
func (b *budget) check() error {
	const mib = 1 << 20
	if b.bytes > b.lim.Memory {
		return &LimitError{What: "MiB of data once loaded (estimated)", Have: (b.bytes + mib - 1) / mib, Limit: b.lim.Memory / mib}
	}
	return nil
}

// checkBudget estimates, from the document's declared counts and the images'
// headers alone, what loading the scene and building one frame will
// allocate, and refuses it with a *LimitError when anything is over lim:
// instanced triangles, animation keys, one image's pixels, or the memory
// in all. It runs after the nodes are ordered (only reachable nodes are
// built) and before any accessor is read or image decoded. Invalid
// references are left for the loader, which names them.
func (sc *scene) checkBudget(doc *gltf.Document, lim Limits) error {
	b := &budget{lim: lim}
	b.add(int64(len(sc.nodes)), bytesPerNode)
	// Each primitive reads its accessors anew, so a shared accessor is
	// counted once per use, as it is allocated.
	meshTris := make([]int64, len(doc.Meshes))
	for mi, m := range doc.Meshes {
		if m == nil {
			continue
		}
		for _, p := range m.Primitives {
			if p == nil || p.Mode != gltf.PrimitiveTriangles {
				continue
			}
			pi, ok := p.Attributes[gltf.POSITION]
			verts := accessorCount(doc, pi, ok)
			for _, a := range []struct {
				name string
				kept int64 // bytes per element once packed
			}{{gltf.POSITION, 24}, {gltf.NORMAL, 24}, {gltf.TEXCOORD_0, 16}} {
				if ai, ok := p.Attributes[a.name]; ok {
					b.add(accessorCount(doc, ai, true), accessorComps(doc, ai)*bytesPerValue+a.kept)
				}
			}
			n := verts
			if p.Indices != nil {
				n = accessorCount(doc, *p.Indices, true)
			}
			b.add(n, bytesPerValue+4)
			meshTris[mi] += n / 3
		}
	}
	var tris int64
	for _, ni := range sc.order {
		if m := sc.nodes[ni].mesh; m >= 0 {
			// Saturating: a mesh holds at most its buffers' bytes of
			// triangles, but a hundred thousand nodes may repeat it.
			tris = min(tris+meshTris[m], maxEstimate)
		}
	}
	if err := over("triangles in a frame (counting each instance)", tris, int64(lim.Triangles)); err != nil {
		return err
	}
	b.add(tris, bytesPerTriangle)
	var keys int64
	for _, a := range doc.Animations {
		if a == nil {
			continue
		}
		for _, c := range a.Channels {
			if c == nil || c.Target.Node == nil || c.Target.Path == gltf.TRSWeights || c.Sampler < 0 || c.Sampler >= len(a.Samplers) || a.Samplers[c.Sampler] == nil {
				continue
			}
			s := a.Samplers[c.Sampler]
			n := accessorCount(doc, s.Input, true)
			keys += n
			b.add(n, bytesPerValue)
			b.add(accessorCount(doc, s.Output, true), accessorComps(doc, s.Output)*bytesPerValue)
		}
	}
	if err := over("animation keys", keys, int64(lim.AnimationKeys)); err != nil {
		return err
	}
	if err := sc.checkTextures(doc, b); err != nil {
		return err
	}
	return b.check()
}

// checkTextures reads the header of every image a material uses, once per
// texture as loadMaterials decodes it, and counts its pixels.
func (sc *scene) checkTextures(doc *gltf.Document, b *budget) error {
	seen := map[int]bool{}
	for _, m := range doc.Materials {
		if m == nil || m.PBRMetallicRoughness == nil || m.PBRMetallicRoughness.BaseColorTexture == nil {
			continue
		}
		ti := m.PBRMetallicRoughness.BaseColorTexture.Index
		if seen[ti] || ti < 0 || ti >= len(doc.Textures) || doc.Textures[ti] == nil {
			continue
		}
		seen[ti] = true
		src := doc.Textures[ti].Source
		if src == nil || *src < 0 || *src >= len(doc.Images) || doc.Images[*src] == nil {
			continue
		}
		raw, err := imageBytes(doc, *src)
		if err != nil {
			continue // loadTexture names it
		}
		cfg, err := imageConfig(raw)
		if err != nil {
			continue
		}
		px := int64(cfg.Width) * int64(cfg.Height)
		if px > int64(b.lim.TexturePixels) {
			return &LimitError{What: fmt.Sprintf("pixels in image %d (%dx%d)", *src, cfg.Width, cfg.Height), Have: px, Limit: int64(b.lim.TexturePixels)}
		}
		b.add(px, bytesPerTexel)
	}
	return nil
}

// accessorCount is accessor i's element count, or 0 when it is not there
// or does not fit in its buffer (the loader refuses that by name). So a
// count is at most the buffer's bytes, and no sum of them can overflow.
func accessorCount(doc *gltf.Document, i int, present bool) int64 {
	if !present {
		return 0
	}
	a, err := checkAccessor(doc, i)
	if err != nil {
		return 0
	}
	return int64(a.count)
}

// accessorComps is accessor i's components per element (at most 4).
func accessorComps(doc *gltf.Document, i int) int64 {
	a, err := checkAccessor(doc, i)
	if err != nil {
		return 0
	}
	return int64(a.comps)
}
