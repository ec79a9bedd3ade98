// Command gen writes the bundled scenes (cornell.glb, spheres.glb,
// anim.glb) into the current directory, or the one -out names. It runs from
// scenes/embed.go's go:generate line; the output is deterministic, so
// regenerating without changes leaves the files byte-identical.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/modeler"
)

func main() {
	out := flag.String("out", ".", "directory to write the .glb files into")
	flag.Parse()
	for name, build := range map[string]func() (*gltf.Document, error){
		"cornell.glb": cornell,
		"spheres.glb": spheres,
		"anim.glb":    anim,
	} {
		if err := write(filepath.Join(*out, name), build); err != nil {
			fmt.Fprintf(os.Stderr, "gen: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

func write(path string, build func() (*gltf.Document, error)) error {
	doc, err := build()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := gltf.NewEncoder(&buf)
	enc.AsBinary = true
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// geometry is a triangle list under construction.
type geometry struct {
	pos []([3]float32)
	nrm []([3]float32)
	uv  []([2]float32)
	idx []uint16
}

// quad appends the rectangle corner, corner+u, corner+u+v, corner+v. Its
// front face (counter-clockwise) is on the side of u x v.
func (g *geometry) quad(corner, u, v [3]float64, uvScale float64) {
	n := normalize(cross(u, v))
	base := uint16(len(g.pos))
	corners := [4][3]float64{corner, add(corner, u), add(add(corner, u), v), add(corner, v)}
	uvs := [4][2]float32{{0, 1}, {1, 1}, {1, 0}, {0, 0}}
	for i, c := range corners {
		g.pos = append(g.pos, f32(c))
		g.nrm = append(g.nrm, f32(n))
		g.uv = append(g.uv, [2]float32{uvs[i][0] * float32(uvScale), uvs[i][1] * float32(uvScale)})
	}
	g.idx = append(g.idx, base, base+1, base+2, base, base+2, base+3)
}

// box appends an axis-aligned box from lo to hi with outward faces.
func (g *geometry) box(lo, hi [3]float64) {
	dx, dy, dz := hi[0]-lo[0], hi[1]-lo[1], hi[2]-lo[2]
	x, y, z := [3]float64{dx, 0, 0}, [3]float64{0, dy, 0}, [3]float64{0, 0, dz}
	g.quad(lo, z, y, 1)                              // -x
	g.quad([3]float64{hi[0], lo[1], lo[2]}, y, z, 1) // +x
	g.quad(lo, x, z, 1)                              // -y
	g.quad([3]float64{lo[0], hi[1], lo[2]}, z, x, 1) // +y
	g.quad(lo, y, x, 1)                              // -z
	g.quad([3]float64{lo[0], lo[1], hi[2]}, x, y, 1) // +z
}

// sphere appends a UV sphere of the given radius around the origin.
func (g *geometry) sphere(radius float64, rings, segments int) {
	base := uint16(len(g.pos))
	for r := 0; r <= rings; r++ {
		theta := math.Pi * float64(r) / float64(rings)
		for s := 0; s <= segments; s++ {
			phi := 2 * math.Pi * float64(s) / float64(segments)
			n := [3]float64{math.Sin(theta) * math.Cos(phi), math.Cos(theta), -math.Sin(theta) * math.Sin(phi)}
			g.pos = append(g.pos, f32(scale(n, radius)))
			g.nrm = append(g.nrm, f32(n))
			g.uv = append(g.uv, [2]float32{float32(s) / float32(segments), float32(r) / float32(rings)})
		}
	}
	row := uint16(segments + 1)
	for r := 0; r < rings; r++ {
		for s := 0; s < segments; s++ {
			a := base + uint16(r)*row + uint16(s)
			b := a + row
			// Skip the zero-area triangles at the poles.
			if r != 0 {
				g.idx = append(g.idx, a, b, a+1)
			}
			if r != rings-1 {
				g.idx = append(g.idx, a+1, b, b+1)
			}
		}
	}
}

// addMesh writes g as a one-primitive mesh with material mat and returns
// the mesh index.
func addMesh(doc *gltf.Document, name string, g *geometry, mat int) int {
	attrs := gltf.PrimitiveAttributes{
		gltf.POSITION: modeler.WritePosition(doc, g.pos),
		gltf.NORMAL:   modeler.WriteNormal(doc, g.nrm),
	}
	if g.uv != nil {
		attrs[gltf.TEXCOORD_0] = modeler.WriteTextureCoord(doc, g.uv)
	}
	doc.Meshes = append(doc.Meshes, &gltf.Mesh{
		Name: name,
		Primitives: []*gltf.Primitive{{
			Attributes: attrs,
			Indices:    gltf.Index(modeler.WriteIndices(doc, g.idx)),
			Material:   gltf.Index(mat),
		}},
	})
	return len(doc.Meshes) - 1
}

// material describes a glTF material briefly.
type material struct {
	name         string
	color        [3]float64
	metallic     float64
	roughness    float64
	emission     [3]float64
	strength     float64 // KHR_materials_emissive_strength, 0 for none
	transmission float64
	ior          float64
	texture      *int
}

func addMaterial(doc *gltf.Document, m material) int {
	mat := &gltf.Material{
		Name: m.name,
		PBRMetallicRoughness: &gltf.PBRMetallicRoughness{
			BaseColorFactor: &[4]float64{m.color[0], m.color[1], m.color[2], 1},
			MetallicFactor:  gltf.Float(m.metallic),
			RoughnessFactor: gltf.Float(m.roughness),
		},
		EmissiveFactor: m.emission,
	}
	if m.texture != nil {
		mat.PBRMetallicRoughness.BaseColorTexture = &gltf.TextureInfo{Index: *m.texture}
	}
	ext := gltf.Extensions{}
	if m.strength > 0 {
		ext["KHR_materials_emissive_strength"] = raw(map[string]float64{"emissiveStrength": m.strength})
		use(doc, "KHR_materials_emissive_strength")
	}
	if m.transmission > 0 {
		ext["KHR_materials_transmission"] = raw(map[string]float64{"transmissionFactor": m.transmission})
		use(doc, "KHR_materials_transmission")
	}
	if m.ior > 0 {
		ext["KHR_materials_ior"] = raw(map[string]float64{"ior": m.ior})
		use(doc, "KHR_materials_ior")
	}
	if len(ext) > 0 {
		mat.Extensions = ext
	}
	doc.Materials = append(doc.Materials, mat)
	return len(doc.Materials) - 1
}

// checker embeds a PNG checkerboard and returns its texture index.
func checker(doc *gltf.Document, size, squares int, a, b color.NRGBA) (int, error) {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	cell := size / squares
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			c := a
			if (x/cell+y/cell)%2 == 1 {
				c = b
			}
			img.SetNRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return 0, err
	}
	ii, err := modeler.WriteImage(doc, "checker", "image/png", &buf)
	if err != nil {
		return 0, err
	}
	doc.Samplers = append(doc.Samplers, &gltf.Sampler{MagFilter: gltf.MagNearest, MinFilter: gltf.MinLinear, WrapS: gltf.WrapRepeat, WrapT: gltf.WrapRepeat})
	doc.Textures = append(doc.Textures, &gltf.Texture{Sampler: gltf.Index(len(doc.Samplers) - 1), Source: gltf.Index(ii)})
	return len(doc.Textures) - 1, nil
}

// addCamera adds a perspective camera node at eye looking at target.
func addCamera(doc *gltf.Document, eye, target [3]float64, yfov float64) int {
	doc.Cameras = append(doc.Cameras, &gltf.Camera{
		Name:        "camera",
		Perspective: &gltf.Perspective{Yfov: yfov, Znear: 0.05, Zfar: gltf.Float(100)},
	})
	doc.Nodes = append(doc.Nodes, &gltf.Node{
		Name:        "camera",
		Camera:      gltf.Index(len(doc.Cameras) - 1),
		Translation: eye,
		Rotation:    lookAt(eye, target),
	})
	return len(doc.Nodes) - 1
}

// addLights declares KHR_lights_punctual lights. The library has no
// marshalling for this extension, so the JSON is written directly.
func addLights(doc *gltf.Document, lights ...map[string]any) {
	doc.Extensions = gltf.Extensions{"KHR_lights_punctual": raw(map[string]any{"lights": lights})}
	use(doc, "KHR_lights_punctual")
}

func lightNode(doc *gltf.Document, name string, light int, t [3]float64, r [4]float64) int {
	doc.Nodes = append(doc.Nodes, &gltf.Node{
		Name:        name,
		Translation: t,
		Rotation:    r,
		Extensions:  gltf.Extensions{"KHR_lights_punctual": raw(map[string]int{"light": light})},
	})
	return len(doc.Nodes) - 1
}

func addNode(doc *gltf.Document, n *gltf.Node) int {
	doc.Nodes = append(doc.Nodes, n)
	return len(doc.Nodes) - 1
}

func use(doc *gltf.Document, ext string) {
	for _, e := range doc.ExtensionsUsed {
		if e == ext {
			return
		}
	}
	doc.ExtensionsUsed = append(doc.ExtensionsUsed, ext)
}

func raw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only ever called with plain maps of numbers
	}
	return b
}

func newDoc() *gltf.Document {
	doc := gltf.NewDocument()
	doc.Asset.Generator = "conun scenes/internal/gen"
	return doc
}

// lookAt returns the rotation that turns a glTF camera (looking down -Z,
// +Y up) at eye to face target.
func lookAt(eye, target [3]float64) [4]float64 {
	f := normalize(sub(target, eye))
	z := scale(f, -1)
	x := normalize(cross([3]float64{0, 1, 0}, z))
	y := cross(z, x)
	return quatFromBasis(x, y, z)
}

// quatFromBasis converts a rotation matrix with columns x, y, z.
func quatFromBasis(x, y, z [3]float64) [4]float64 {
	m00, m11, m22 := x[0], y[1], z[2]
	tr := m00 + m11 + m22
	var q [4]float64
	switch {
	case tr > 0:
		s := math.Sqrt(tr+1) * 2
		q = [4]float64{(y[2] - z[1]) / s, (z[0] - x[2]) / s, (x[1] - y[0]) / s, s / 4}
	case m00 > m11 && m00 > m22:
		s := math.Sqrt(1+m00-m11-m22) * 2
		q = [4]float64{s / 4, (y[0] + x[1]) / s, (z[0] + x[2]) / s, (y[2] - z[1]) / s}
	case m11 > m22:
		s := math.Sqrt(1+m11-m00-m22) * 2
		q = [4]float64{(y[0] + x[1]) / s, s / 4, (z[1] + y[2]) / s, (z[0] - x[2]) / s}
	default:
		s := math.Sqrt(1+m22-m00-m11) * 2
		q = [4]float64{(z[0] + x[2]) / s, (z[1] + y[2]) / s, s / 4, (x[1] - y[0]) / s}
	}
	return q
}

// yaw returns the quaternion rotating by angle radians about +Y.
func yaw(angle float64) [4]float64 {
	return [4]float64{0, math.Sin(angle / 2), 0, math.Cos(angle / 2)}
}

func add(a, b [3]float64) [3]float64 { return [3]float64{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }
func sub(a, b [3]float64) [3]float64 { return [3]float64{a[0] - b[0], a[1] - b[1], a[2] - b[2]} }
func scale(a [3]float64, s float64) [3]float64 {
	return [3]float64{a[0] * s, a[1] * s, a[2] * s}
}
func cross(a, b [3]float64) [3]float64 {
	return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
}
func normalize(a [3]float64) [3]float64 {
	return scale(a, 1/math.Sqrt(a[0]*a[0]+a[1]*a[1]+a[2]*a[2]))
}
func f32(a [3]float64) [3]float32 { return [3]float32{float32(a[0]), float32(a[1]), float32(a[2])} }
