package pathtracer

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/qmuntal/gltf"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite FuzzLoad's seed corpus in testdata/fuzz/FuzzLoad")

// fuzzLimits are FuzzLoad's limits: small enough that no input, however
// mutated, costs more than a few milliseconds to load and build, large
// enough for every seed. Fuzzing is for finding crashes, not for building
// big scenes.
var fuzzLimits = Limits{
	Nodes: 64, Meshes: 16, Primitives: 32, Accessors: 64, BufferViews: 64, Buffers: 4,
	Materials: 16, Textures: 8, Images: 8, Samplers: 8, Cameras: 8, Scenes: 4, Skins: 4,
	Lights: 8, Animations: 8, Channels: 32, Children: 64, SceneRoots: 64,
	JSONValues: 1 << 14, ExtrasValues: 256, JSONDepth: 32, NodeDepth: 32,
	AnimationKeys: 256, Triangles: 512, TexturePixels: 16 * 16, Memory: 4 << 20,
}

// seedDoc builds a small glTF document and its binary buffer.
type seedDoc struct {
	doc *gltf.Document
	bin []byte
}

// newSeed starts a document with a perspective camera at the origin looking
// down -Z, where the geometry goes.
func newSeed() *seedDoc {
	d := &seedDoc{doc: &gltf.Document{Asset: gltf.Asset{Version: "2.0"}}}
	d.doc.Cameras = []*gltf.Camera{{Perspective: &gltf.Perspective{Yfov: 0.8, Znear: 0.1}}}
	d.doc.Nodes = []*gltf.Node{{Camera: gltf.Index(0)}}
	return d
}

// pack encodes vals as components of type ct, normalized or not.
func pack(ct gltf.ComponentType, normalized bool, vals []float64) []byte {
	var b bytes.Buffer
	for _, v := range vals {
		scale := func(max float64) float64 {
			if normalized {
				return math.Round(v * max)
			}
			return v
		}
		switch ct {
		case gltf.ComponentFloat:
			binary.Write(&b, binary.LittleEndian, float32(v))
		case gltf.ComponentUint:
			binary.Write(&b, binary.LittleEndian, uint32(scale(math.MaxUint32)))
		case gltf.ComponentUshort:
			binary.Write(&b, binary.LittleEndian, uint16(scale(math.MaxUint16)))
		case gltf.ComponentShort:
			binary.Write(&b, binary.LittleEndian, int16(scale(math.MaxInt16)))
		case gltf.ComponentUbyte:
			b.WriteByte(uint8(scale(math.MaxUint8)))
		case gltf.ComponentByte:
			b.WriteByte(byte(int8(scale(math.MaxInt8))))
		}
	}
	return b.Bytes()
}

// view appends data to the buffer, 4-byte aligned, as a new bufferView.
func (d *seedDoc) view(data []byte, stride int) int {
	for len(d.bin)%4 != 0 {
		d.bin = append(d.bin, 0)
	}
	d.doc.BufferViews = append(d.doc.BufferViews, &gltf.BufferView{ByteOffset: len(d.bin), ByteLength: len(data), ByteStride: stride})
	d.bin = append(d.bin, data...)
	return len(d.doc.BufferViews) - 1
}

// accessor stores vals (comps per element) as a new accessor of type ct,
// each element padded to 4 bytes as glTF lays out vertex attributes.
func (d *seedDoc) accessor(ct gltf.ComponentType, normalized bool, typ gltf.AccessorType, vals []float64) int {
	var data []byte
	comps := typ.Components()
	for e := 0; e+comps <= len(vals); e += comps {
		elem := pack(ct, normalized, vals[e:e+comps])
		if typ != gltf.AccessorScalar {
			elem = append(elem, make([]byte, gltf.SizeOfElement(ct, typ)-len(elem))...)
		}
		data = append(data, elem...)
	}
	v := d.view(data, 0)
	d.doc.Accessors = append(d.doc.Accessors, &gltf.Accessor{
		BufferView: gltf.Index(v), ComponentType: ct, Normalized: normalized, Type: typ,
		Count: len(vals) / typ.Components(),
	})
	return len(d.doc.Accessors) - 1
}

// triangle adds a mesh of one triangle at z = -2, in view of the camera,
// and a node showing it; attrs adds further attributes.
func (d *seedDoc) triangle(posType gltf.ComponentType, attrs func(p *gltf.Primitive)) int {
	norm := posType != gltf.ComponentFloat
	pos := []float64{-0.5, -0.5, -2, 0.5, -0.5, -2, 0, 0.5, -2}
	if norm { // integer positions are fractions of the type's range
		pos = []float64{-0.5, -0.5, -0.9, 0.5, -0.5, -0.9, 0, 0.5, -0.9}
		if posType == gltf.ComponentUbyte || posType == gltf.ComponentUshort || posType == gltf.ComponentUint {
			pos = []float64{0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0.5}
		}
	}
	p := &gltf.Primitive{Attributes: gltf.PrimitiveAttributes{gltf.POSITION: d.accessor(posType, norm, gltf.AccessorVec3, pos)}}
	if attrs != nil {
		attrs(p)
	}
	d.doc.Meshes = append(d.doc.Meshes, &gltf.Mesh{Primitives: []*gltf.Primitive{p}})
	d.doc.Nodes = append(d.doc.Nodes, &gltf.Node{Mesh: gltf.Index(len(d.doc.Meshes) - 1)})
	return len(d.doc.Nodes) - 1
}

// image stores an encoded 4x4 checker (PNG, or JPEG when jpg) as a new
// texture with a sampler, and returns the texture.
func (d *seedDoc) image(jpg bool, sampler *gltf.Sampler) int {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.NRGBA{uint8(60 * (i % 4)), uint8(60 * (i / 4)), 200, 255})
	}
	var b bytes.Buffer
	mime := "image/png"
	if jpg {
		jpeg.Encode(&b, img, nil)
		mime = "image/jpeg"
	} else {
		png.Encode(&b, img)
	}
	d.doc.Images = append(d.doc.Images, &gltf.Image{BufferView: gltf.Index(d.view(b.Bytes(), 0)), MimeType: mime})
	d.doc.Samplers = append(d.doc.Samplers, sampler)
	d.doc.Textures = append(d.doc.Textures, &gltf.Texture{Source: gltf.Index(len(d.doc.Images) - 1), Sampler: gltf.Index(len(d.doc.Samplers) - 1)})
	return len(d.doc.Textures) - 1
}

// encode writes the document as a GLB, or as glTF JSON with a data URI
// buffer when glb is false.
func (d *seedDoc) encode(t testing.TB, glb bool) []byte {
	t.Helper()
	d.doc.Buffers = []*gltf.Buffer{{ByteLength: len(d.bin), Data: d.bin}}
	if !glb {
		d.doc.Buffers[0].EmbeddedResource()
	}
	var b bytes.Buffer
	enc := gltf.NewEncoder(&b)
	enc.AsBinary = glb
	if err := enc.Encode(d.doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// animate adds a channel moving node's path through keys (times) with
// values (comps per key, three times as many for CUBICSPLINE).
func (d *seedDoc) animate(node int, path gltf.TRSProperty, interp gltf.Interpolation, ct gltf.ComponentType, times, values []float64) {
	typ := gltf.AccessorVec3
	if path == gltf.TRSRotation {
		typ = gltf.AccessorVec4
	}
	in := d.accessor(gltf.ComponentFloat, false, gltf.AccessorScalar, times)
	out := d.accessor(ct, ct != gltf.ComponentFloat, typ, values)
	d.doc.Animations = append(d.doc.Animations, &gltf.Animation{
		Samplers: []*gltf.AnimationSampler{{Input: in, Output: out, Interpolation: interp}},
		Channels: []*gltf.AnimationChannel{{Sampler: 0, Target: gltf.AnimationChannelTarget{Node: gltf.Index(node), Path: path}}},
	})
}

// fuzzSeeds are FuzzLoad's seeds, by file name: tiny scenes that between
// them take every branch of the loader that a valid scene can (every
// accessor component type, indexed or not, interleaved, normalized
// attributes, PNG and JPEG textures with each wrap mode, each light kind,
// the material extensions, every interpolation of every animated property,
// matrices, hierarchies and scenes), a few that stop at a check deep
// inside (sparse and matrix accessors, a cycle, a bad index), and the
// bundled scenes shrunk to a triangle per primitive and a few keys.
func fuzzSeeds(t testing.TB) map[string][]byte {
	seeds := map[string][]byte{}
	add := func(name string, glb bool, build func(d *seedDoc)) {
		d := newSeed()
		build(d)
		seeds[name] = d.encode(t, glb)
	}
	for _, ct := range []gltf.ComponentType{gltf.ComponentFloat, gltf.ComponentByte, gltf.ComponentUbyte, gltf.ComponentShort, gltf.ComponentUshort, gltf.ComponentUint} {
		add("position-"+ct.String(), true, func(d *seedDoc) { d.triangle(ct, nil) })
	}
	for _, ct := range []gltf.ComponentType{gltf.ComponentUbyte, gltf.ComponentUshort, gltf.ComponentUint} {
		add("indices-"+ct.String(), true, func(d *seedDoc) {
			d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
				p.Indices = gltf.Index(d.accessor(ct, false, gltf.AccessorScalar, []float64{0, 1, 2}))
			})
		})
	}
	add("attributes-normalized", true, func(d *seedDoc) {
		d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
			p.Attributes[gltf.NORMAL] = d.accessor(gltf.ComponentByte, true, gltf.AccessorVec3, []float64{0, 0, 1, 0, 0, 1, 0, 0, 1})
			p.Attributes[gltf.TEXCOORD_0] = d.accessor(gltf.ComponentUshort, true, gltf.AccessorVec2, []float64{0, 0, 1, 0, 0, 1})
		})
		d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
			p.Attributes[gltf.NORMAL] = d.accessor(gltf.ComponentShort, true, gltf.AccessorVec3, []float64{0, 0, 1, 0, 0, 1, 0, 0, 1})
			p.Attributes[gltf.TEXCOORD_0] = d.accessor(gltf.ComponentUbyte, true, gltf.AccessorVec2, []float64{0, 0, 1, 0, 0, 1})
		})
	})
	add("interleaved", true, func(d *seedDoc) {
		// POSITION, NORMAL and TEXCOORD_0 of each vertex side by side.
		var vals []float64
		for _, v := range [][3]float64{{-0.5, -0.5, -2}, {0.5, -0.5, -2}, {0, 0.5, -2}} {
			vals = append(vals, v[0], v[1], v[2], 0, 0, 1, v[0]+0.5, v[1]+0.5)
		}
		bv := d.view(pack(gltf.ComponentFloat, false, vals), 32)
		for _, a := range []struct {
			typ    gltf.AccessorType
			offset int
		}{{gltf.AccessorVec3, 0}, {gltf.AccessorVec3, 12}, {gltf.AccessorVec2, 24}} {
			d.doc.Accessors = append(d.doc.Accessors, &gltf.Accessor{BufferView: gltf.Index(bv), ByteOffset: a.offset, ComponentType: gltf.ComponentFloat, Type: a.typ, Count: 3})
		}
		d.doc.Meshes = []*gltf.Mesh{{Primitives: []*gltf.Primitive{{Attributes: gltf.PrimitiveAttributes{gltf.POSITION: 0, gltf.NORMAL: 1, gltf.TEXCOORD_0: 2}}}}}
		d.doc.Nodes = append(d.doc.Nodes, &gltf.Node{Mesh: gltf.Index(0)})
	})
	for _, tex := range []struct {
		name    string
		jpg     bool
		sampler gltf.Sampler
	}{
		{"png-repeat", false, gltf.Sampler{}},
		{"png-nearest-mirrored", false, gltf.Sampler{MagFilter: gltf.MagNearest, WrapS: gltf.WrapMirroredRepeat, WrapT: gltf.WrapMirroredRepeat}},
		{"jpeg-clamp", true, gltf.Sampler{WrapS: gltf.WrapClampToEdge, WrapT: gltf.WrapClampToEdge}},
	} {
		add("texture-"+tex.name, true, func(d *seedDoc) {
			s := tex.sampler
			ti := d.image(tex.jpg, &s)
			d.doc.Materials = []*gltf.Material{{PBRMetallicRoughness: &gltf.PBRMetallicRoughness{BaseColorTexture: &gltf.TextureInfo{Index: ti}}}}
			d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
				p.Material = gltf.Index(0)
				p.Attributes[gltf.TEXCOORD_0] = d.accessor(gltf.ComponentFloat, false, gltf.AccessorVec2, []float64{-1, -1, 2, -1, 0.5, 3})
			})
		})
	}
	add("texture-datauri", false, func(d *seedDoc) {
		ti := d.image(false, &gltf.Sampler{})
		im := d.doc.Images[0]
		bv := d.doc.BufferViews[*im.BufferView]
		im.URI = "data:image/png;base64," + base64.StdEncoding.EncodeToString(d.bin[bv.ByteOffset:bv.ByteOffset+bv.ByteLength])
		im.BufferView = nil
		d.doc.Materials = []*gltf.Material{{PBRMetallicRoughness: &gltf.PBRMetallicRoughness{BaseColorTexture: &gltf.TextureInfo{Index: ti}}}}
		d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
			p.Material = gltf.Index(0)
			p.Attributes[gltf.TEXCOORD_0] = d.accessor(gltf.ComponentFloat, false, gltf.AccessorVec2, []float64{0, 0, 1, 0, 0, 1})
		})
	})
	add("materials-lights", true, func(d *seedDoc) {
		d.doc.Materials = []*gltf.Material{
			{EmissiveFactor: [3]float64{1, 0.5, 0.2}, Extensions: gltf.Extensions{"KHR_materials_emissive_strength": json.RawMessage(`{"emissiveStrength":4}`)}},
			{DoubleSided: true, Extensions: gltf.Extensions{"KHR_materials_transmission": json.RawMessage(`{"transmissionFactor":1}`), "KHR_materials_ior": json.RawMessage(`{"ior":1.3}`)}},
		}
		for m := range 2 {
			d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) { p.Material = gltf.Index(m) })
		}
		d.doc.Extensions = gltf.Extensions{"KHR_lights_punctual": json.RawMessage(`{"lights":[{"type":"point","intensity":5,"color":[1,0.9,0.8]},{"type":"spot","intensity":20,"spot":{"innerConeAngle":0.2,"outerConeAngle":0.6}},{"type":"directional","intensity":2}]}`)}
		for l := range 3 {
			d.doc.Nodes = append(d.doc.Nodes, &gltf.Node{Translation: [3]float64{0, 1, -1}, Extensions: gltf.Extensions{"KHR_lights_punctual": json.RawMessage(fmt.Sprintf(`{"light":%d}`, l))}})
		}
	})
	for _, a := range []struct {
		name   string
		path   gltf.TRSProperty
		interp gltf.Interpolation
		ct     gltf.ComponentType
		values []float64
	}{
		{"translation-linear", gltf.TRSTranslation, gltf.InterpolationLinear, gltf.ComponentFloat, []float64{0, 0, 0, 0.5, 0, 0, 0, 0.5, 0}},
		{"scale-step", gltf.TRSScale, gltf.InterpolationStep, gltf.ComponentFloat, []float64{1, 1, 1, 2, 2, 2, 0.5, 0.5, 0.5}},
		{"rotation-linear-short", gltf.TRSRotation, gltf.InterpolationLinear, gltf.ComponentShort, []float64{0, 0, 0, 1, 0, 0, 0.7071, 0.7071, 0, 0, 1, 0}},
		{"rotation-cubic", gltf.TRSRotation, gltf.InterpolationCubicSpline, gltf.ComponentFloat, []float64{
			0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0.1, 0,
			0, 0, 0.1, 0, 0, 0, 0.7071, 0.7071, 0, 0, 0.1, 0,
			0, 0, 0.1, 0, 0, 0, 1, 0, 0, 0, 0, 0,
		}},
	} {
		add("anim-"+a.name, true, func(d *seedDoc) {
			n := d.triangle(gltf.ComponentFloat, nil)
			d.animate(n, a.path, a.interp, a.ct, []float64{0, 0.5, 1}, a.values)
		})
	}
	add("hierarchy-scenes", false, func(d *seedDoc) {
		n := d.triangle(gltf.ComponentFloat, nil)
		d.doc.Nodes = append(d.doc.Nodes,
			&gltf.Node{Matrix: [16]float64{1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0.1, 0, 0, 1}, Children: []int{n}},
			&gltf.Node{Scale: [3]float64{-1, 1, 1}, Rotation: [4]float64{0, 0, 0, 1}, Children: []int{len(d.doc.Nodes) + 1}},
			&gltf.Node{Mesh: gltf.Index(0), Children: []int{len(d.doc.Nodes) + 1, len(d.doc.Nodes)}}) // a cycle
		d.doc.Scenes = []*gltf.Scene{{Nodes: []int{0}}, {Nodes: []int{0, len(d.doc.Nodes) - 3, len(d.doc.Nodes) - 2}}}
		d.doc.Scene = gltf.Index(1)
	})
	add("refused-sparse", true, func(d *seedDoc) {
		d.triangle(gltf.ComponentFloat, nil)
		d.doc.Accessors[0].Sparse = &gltf.Sparse{Count: 1, Indices: gltf.SparseIndices{BufferView: 0, ComponentType: gltf.ComponentUbyte}, Values: gltf.SparseValues{BufferView: 0}}
	})
	add("refused-mat4", true, func(d *seedDoc) {
		d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
			p.Indices = gltf.Index(d.accessor(gltf.ComponentFloat, false, gltf.AccessorMat4, make([]float64, 16)))
		})
	})
	add("refused-index", true, func(d *seedDoc) {
		d.triangle(gltf.ComponentFloat, func(p *gltf.Primitive) {
			p.Indices = gltf.Index(d.accessor(gltf.ComponentUshort, false, gltf.AccessorScalar, []float64{0, 1, 7}))
		})
	})
	// Keys spelled as only encoding/json's folding matches them, and
	// extras, which the pre-decode scan counts apart.
	d := newSeed()
	d.triangle(gltf.ComponentFloat, nil)
	keys := strings.Replace(string(d.encode(t, false)), `"nodes":`, `"extras":{"k":[1,"x\"]",{"y":null,"z":[true,false]}]},"no\u0064eS":`, 1)
	seeds["json-keys"] = []byte(keys)
	for _, name := range []string{"cornell.glb", "spheres.glb", "anim.glb"} {
		seeds["shrunk-"+name] = encodeVariant(t, name, true, func(doc *gltf.Document) { shrink(t, doc) })
	}
	return seeds
}

// shrink cuts a bundled scene down to a seed: the same nodes, camera,
// lights, materials and animations, but one triangle per primitive, at
// most three keys per animation, 2x2 images and no names, every accessor
// keeping its component type.
func shrink(t testing.TB, doc *gltf.Document) {
	d := &seedDoc{doc: doc}
	old := doc.Accessors
	oldViews := doc.BufferViews
	doc.Accessors, doc.BufferViews = nil, nil
	// copyAccessor re-stores the first n elements (through idx, when not
	// nil) of old accessor i.
	copyAccessor := func(i, n int, idx []float64) int {
		vals, comps, err := readAccessor(&gltf.Document{Accessors: old, BufferViews: oldViews, Buffers: doc.Buffers}, i)
		if err != nil {
			t.Fatal(err)
		}
		var out []float64
		for e := 0; e < n && e < len(vals)/comps; e++ {
			k := e
			if idx != nil {
				k = int(idx[e])
			}
			out = append(out, vals[k*comps:(k+1)*comps]...)
		}
		a := old[i]
		return d.accessor(a.ComponentType, a.Normalized, a.Type, out)
	}
	for _, m := range doc.Meshes {
		for _, p := range m.Primitives {
			// An indexed primitive keeps its first triangle's vertices,
			// indexed 0, 1, 2 in its own index type.
			var idx []float64
			if p.Indices != nil {
				var err error
				if idx, _, err = readAccessor(&gltf.Document{Accessors: old, BufferViews: oldViews, Buffers: doc.Buffers}, *p.Indices); err != nil {
					t.Fatal(err)
				}
				p.Indices = gltf.Index(d.accessor(old[*p.Indices].ComponentType, false, gltf.AccessorScalar, []float64{0, 1, 2}))
			}
			// In name order, so the seed's bytes are the same every run.
			names := slices.Sorted(maps.Keys(p.Attributes))
			for _, name := range names {
				p.Attributes[name] = copyAccessor(p.Attributes[name], 3, idx)
			}
		}
	}
	for _, a := range doc.Animations {
		for _, s := range a.Samplers {
			per := 1
			if s.Interpolation == gltf.InterpolationCubicSpline {
				per = 3
			}
			s.Input = copyAccessor(s.Input, 3, nil)
			s.Output = copyAccessor(s.Output, 3*per, nil)
		}
	}
	for _, im := range doc.Images {
		var b bytes.Buffer
		png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2)))
		im.BufferView = gltf.Index(d.view(b.Bytes(), 0))
	}
	doc.Buffers = []*gltf.Buffer{{ByteLength: len(d.bin), Data: d.bin}}
	// Names only lengthen the seed, and the minimizer's work grows with
	// the square of an input's length.
	doc.Asset.Generator = ""
	for _, n := range doc.Nodes {
		n.Name = ""
	}
	for _, m := range doc.Meshes {
		m.Name = ""
	}
	for _, m := range doc.Materials {
		m.Name = ""
	}
	for _, a := range doc.Animations {
		a.Name = ""
	}
	for _, c := range doc.Cameras {
		c.Name = ""
	}
	for _, im := range doc.Images {
		im.Name = ""
	}
}

// corpusFile is the file go test keeps a []byte seed in.
func corpusFile(data []byte) []byte {
	return []byte("go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n")
}

// TestFuzzCorpus keeps testdata/fuzz/FuzzLoad in step with fuzzSeeds
// (rewrite it with -update-corpus) and checks that each seed reaches as
// far as it is meant to under FuzzLoad's limits: every seed but the
// refused ones loads and builds, so the fuzzer starts deep in the loader.
func TestFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzLoad")
	for name, data := range fuzzSeeds(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "seed-"+name)
			if *updateCorpus {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, corpusFile(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, corpusFile(data)) {
				t.Fatalf("%s is missing or stale (%v): run go test -run TestFuzzCorpus -update-corpus", path, err)
			}
			sc, err := parseScene(name, data, fuzzLimits)
			if refused := strings.HasPrefix(name, "refused-"); refused != (err != nil) {
				t.Fatalf("err = %v; refused: %v", err, refused)
			}
			if err == nil {
				sc.buildWorld(sc.maxTime/2, 1)
			}
		})
	}
}
