package pathtracer

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/ext/lightspunctual"
)

const (
	// maxAnimationSeconds bounds an animation's length, so key times like
	// 1e30 give an error instead of an absurd frame range.
	maxAnimationSeconds = 24 * 3600
)

// scene is a parsed glTF document: everything needed to build any frame,
// with the topology checked and the node order fixed.
type scene struct {
	name      string // the file's base name, for messages
	nodes     []node
	order     []int // reachable nodes, parents before children
	parent    []int // -1 for roots
	meshes    []mesh
	materials []material // the last one is glTF's default material
	lights    []lightDef
	camNode   int
	yfov      float64
	channels  []channel
	maxTime   float64 // the last key time; 0 for stills
}

type node struct {
	matrix    mat4
	useMatrix bool
	t         [3]float64
	r         [4]float64
	s         [3]float64
	children  []int
	mesh      int // -1 when absent
	light     int // -1 when absent
}

type mesh struct{ prims []primitive }

// primitive is one triangle list in the mesh's local space.
type primitive struct {
	pos      []vec3
	nrm      []vec3       // nil when the file has no normals
	uv       [][2]float64 // nil when the file has no TEXCOORD_0
	idx      []uint32     // 3 per triangle
	material int
}

// externalFileError is returned by noFiles: the decoder asked to read a
// file next to the scene, which a render node must never do.
type externalFileError struct{ name string }

func (e *externalFileError) Error() string { return "refused to read external file " + e.name }

// noFiles is the decoder's file system. It refuses everything, so a scene
// cannot make the renderer read files from the node's disk.
type noFiles struct{}

func (noFiles) Open(name string) (fs.File, error) { return nil, &externalFileError{name: name} }

// shorten keeps error messages readable when a URI is a long data: string.
func shorten(s string) string {
	if len(s) > 64 {
		return s[:61] + "..."
	}
	return s
}

// parseScene decodes a glTF or GLB file's bytes. name is the file's base
// name, used in every error. It never panics and never reads other files,
// and it refuses with a *LimitError, before allocating them, anything over
// lim.
func parseScene(name string, data []byte, lim Limits) (sc *scene, err error) {
	lim = lim.orDefault()
	doc, err := decodeDocument(name, data, lim)
	if err != nil {
		return nil, err
	}
	sc, err = buildScene(name, doc, lim)
	var pe predicateError
	switch {
	case errors.As(err, &pe):
		return nil, fmt.Errorf("%s %w", name, err)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return sc, nil
}

// predicateError is a problem phrased as a predicate of the file, so the
// message reads "scene.glb has no camera: ..." rather than "scene.glb: has".
type predicateError string

func (e predicateError) Error() string { return string(e) }

func decodeDocument(name string, data []byte, lim Limits) (doc *gltf.Document, err error) {
	notGLTF := func(why string) error {
		return fmt.Errorf("%s: not a glTF 2.0 file (.gltf JSON or .glb): %s", name, why)
	}
	jsonPart := data
	if len(data) >= 4 && string(data[:4]) == "glTF" {
		if err := checkGLB(data); err != nil {
			return nil, notGLTF(err.Error())
		}
		jsonPart = glbJSON(data)
	} else if t := bytes.TrimLeft(data, " \t\r\n\xef\xbb\xbf"); len(t) == 0 || t[0] != '{' {
		return nil, notGLTF("it is neither JSON nor GLB")
	}
	// Counted before decoding: the decoder allocates every node, value and
	// extra it reads, so a small file of many empty ones would cost
	// gigabytes before any check after decoding could run.
	counts := scanJSON(jsonPart, lim.JSONDepth)
	if err := counts.check(lim); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}

	doc = new(gltf.Document)
	dec := gltf.NewDecoderFS(bytes.NewReader(data), noFiles{})
	// The decoder is a third-party parser of untrusted bytes; a panic in it
	// must become an error, not a crashed render node.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, notGLTF(fmt.Sprint("decoder failed: ", r))
		}
	}()
	if derr := dec.Decode(doc); derr != nil {
		var ext *externalFileError
		if errors.As(derr, &ext) {
			return nil, externalBufferError(name, doc, ext.name)
		}
		return nil, notGLTF(derr.Error())
	}
	if !strings.HasPrefix(doc.Asset.Version, "2") {
		return nil, notGLTF(fmt.Sprintf("asset.version is %q", doc.Asset.Version))
	}
	for i, b := range doc.Buffers {
		if b == nil {
			return nil, notGLTF(fmt.Sprintf("buffer %d is null", i))
		}
		if b.URI != "" && !b.IsEmbeddedResource() {
			return nil, externalBufferError(name, doc, b.URI)
		}
	}
	for i, im := range doc.Images {
		if im != nil && im.BufferView == nil && !im.IsEmbeddedResource() {
			return nil, fmt.Errorf("%s: %w", name, externalImageError(i, im.URI))
		}
	}
	return doc, nil
}

func externalBufferError(name string, doc *gltf.Document, uri string) error {
	if strings.HasPrefix(uri, "data:") {
		return fmt.Errorf("%s: buffer data URI %q is not supported: use data:application/octet-stream;base64", name, shorten(uri))
	}
	index := 0
	for i, b := range doc.Buffers {
		if b != nil && b.URI == uri {
			index = i
			break
		}
	}
	return fmt.Errorf("%s: buffer %d references external file %q: pack the scene into a .glb or embed the data", name, index, shorten(uri))
}

// glbJSON returns the GLB's first chunk, which the decoder reads as the
// JSON document whatever its type says, cut to the file's end.
func glbJSON(data []byte) []byte {
	if len(data) < 20 {
		return nil
	}
	return data[20:][:min(int(binary.LittleEndian.Uint32(data[12:])), len(data)-20)]
}

// checkGLB walks the GLB chunk headers and checks that each chunk lies
// inside the file. The decoder allocates a buffer as large as the BIN chunk
// claims before reading it; after this check that is at most the file size.
func checkGLB(data []byte) error {
	if len(data) < 12 {
		return errors.New("truncated GLB header")
	}
	if v := binary.LittleEndian.Uint32(data[4:]); v != 2 {
		return fmt.Errorf("GLB version %d, want 2", v)
	}
	if total := binary.LittleEndian.Uint32(data[8:]); uint64(total) > uint64(len(data)) {
		return fmt.Errorf("GLB header claims %d bytes, the file has %d", total, len(data))
	}
	off := uint64(12)
	for off+8 <= uint64(len(data)) {
		n := uint64(binary.LittleEndian.Uint32(data[off:]))
		if off+8+n > uint64(len(data)) {
			return fmt.Errorf("GLB chunk at byte %d claims %d bytes, past the end of the file", off, n)
		}
		off += 8 + n
	}
	return nil
}

// buildScene checks the document's structure and converts it into a scene.
// The nodes come first: they decide what is instanced, so the memory the
// rest will take is checked against lim before any of it is loaded.
func buildScene(name string, doc *gltf.Document, lim Limits) (*scene, error) {
	sc := &scene{name: name, camNode: -1}
	if err := sc.loadNodes(doc); err != nil {
		return nil, err
	}
	if err := sc.orderNodes(doc, lim.NodeDepth); err != nil {
		return nil, err
	}
	if err := sc.checkBudget(doc, lim); err != nil {
		return nil, err
	}

	mats, err := loadMaterials(doc, lim.TexturePixels)
	if err != nil {
		return nil, err
	}
	sc.materials = mats

	for mi, m := range doc.Meshes {
		if m == nil {
			return nil, fmt.Errorf("mesh %d is null", mi)
		}
		var ms mesh
		for pi, p := range m.Primitives {
			if p == nil {
				return nil, fmt.Errorf("mesh %d primitive %d is null", mi, pi)
			}
			if p.Mode != gltf.PrimitiveTriangles {
				continue // points and lines have no area to render
			}
			prim, err := loadPrimitive(doc, p, len(mats)-1)
			if err != nil {
				return nil, fmt.Errorf("mesh %d primitive %d: %w", mi, pi, err)
			}
			ms.prims = append(ms.prims, prim)
		}
		sc.meshes = append(sc.meshes, ms)
	}

	lights, err := loadLights(doc)
	if err != nil {
		return nil, err
	}
	sc.lights = lights
	for i, n := range doc.Nodes {
		if ext, ok := n.Extensions[lightspunctual.ExtensionName]; ok {
			li, ok := ext.(lightspunctual.LightIndex)
			if !ok {
				return nil, fmt.Errorf("node %d: %s extension is malformed", i, lightspunctual.ExtensionName)
			}
			if int(li) < 0 || int(li) >= len(lights) {
				return nil, fmt.Errorf("node %d: light %d does not exist", i, li)
			}
			sc.nodes[i].light = int(li)
		}
	}

	if err := sc.findCamera(doc); err != nil {
		return nil, err
	}
	if err := sc.loadAnimations(doc); err != nil {
		return nil, err
	}

	// checkBudget bounded the instanced triangles; a scene without any
	// would render only the sky.
	tris := 0
	for _, ni := range sc.order {
		if m := sc.nodes[ni].mesh; m >= 0 {
			for _, p := range sc.meshes[m].prims {
				tris += len(p.idx) / 3
			}
		}
	}
	if tris == 0 {
		return nil, predicateError("has no geometry: add a triangle mesh to the scene")
	}
	return sc, nil
}

// loadNodes checks and converts the nodes, all but their lights.
func (sc *scene) loadNodes(doc *gltf.Document) error {
	sc.nodes = make([]node, len(doc.Nodes))
	for i, n := range doc.Nodes {
		if n == nil {
			return fmt.Errorf("node %d is null", i)
		}
		nd := node{mesh: -1, light: -1, children: n.Children}
		if n.Matrix != [16]float64{} && n.Matrix != gltf.DefaultMatrix {
			nd.matrix, nd.useMatrix = mat4(n.Matrix), true
		}
		nd.t, nd.r, nd.s = n.TranslationOrDefault(), n.RotationOrDefault(), n.ScaleOrDefault()
		if n.Mesh != nil {
			if *n.Mesh < 0 || *n.Mesh >= len(doc.Meshes) {
				return fmt.Errorf("node %d: mesh %d does not exist", i, *n.Mesh)
			}
			nd.mesh = *n.Mesh
		}
		for _, c := range n.Children {
			if c < 0 || c >= len(doc.Nodes) {
				return fmt.Errorf("node %d: child %d does not exist", i, c)
			}
		}
		if !allFinite(nd.t[:]) || !allFinite(nd.r[:]) || !allFinite(nd.s[:]) || !allFinite(nd.matrix[:]) {
			return fmt.Errorf("node %d has a non-finite transform", i)
		}
		sc.nodes[i] = nd
	}
	return nil
}

// orderNodes fixes the traversal order: the default scene's roots (or every
// parentless node when the file has no scenes), depth first. Each node is
// visited once, so a malformed graph with cycles or shared children cannot
// loop or multiply geometry. A hierarchy deeper than maxDepth is refused:
// no real scene nests that far, and a chain of a million parents is only
// work for every frame.
func (sc *scene) orderNodes(doc *gltf.Document, maxDepth int) error {
	var roots []int
	switch {
	case len(doc.Scenes) > 0:
		si := 0
		if doc.Scene != nil {
			si = *doc.Scene
		}
		if si < 0 || si >= len(doc.Scenes) || doc.Scenes[si] == nil {
			return fmt.Errorf("scene %d does not exist", si)
		}
		roots = doc.Scenes[si].Nodes
	default:
		child := make([]bool, len(sc.nodes))
		for _, n := range sc.nodes {
			for _, c := range n.children {
				child[c] = true
			}
		}
		for i := range sc.nodes {
			if !child[i] {
				roots = append(roots, i)
			}
		}
	}
	sc.parent = make([]int, len(sc.nodes))
	visited := make([]bool, len(sc.nodes))
	type item struct{ n, parent, depth int }
	var stack []item
	for i := len(roots) - 1; i >= 0; i-- {
		if roots[i] < 0 || roots[i] >= len(sc.nodes) {
			return fmt.Errorf("scene root node %d does not exist", roots[i])
		}
		stack = append(stack, item{roots[i], -1, 1})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[it.n] {
			continue
		}
		if it.depth > maxDepth {
			return &LimitError{What: "levels of node hierarchy", Have: int64(maxDepth), Limit: int64(maxDepth), AtLeast: true}
		}
		visited[it.n] = true
		sc.parent[it.n] = it.parent
		sc.order = append(sc.order, it.n)
		ch := sc.nodes[it.n].children
		for i := len(ch) - 1; i >= 0; i-- {
			if !visited[ch[i]] {
				stack = append(stack, item{ch[i], it.n, it.depth + 1})
			}
		}
	}
	return nil
}

// findCamera picks the first perspective camera in traversal order.
func (sc *scene) findCamera(doc *gltf.Document) error {
	ortho := false
	for _, ni := range sc.order {
		c := doc.Nodes[ni].Camera
		if c == nil {
			continue
		}
		if *c < 0 || *c >= len(doc.Cameras) || doc.Cameras[*c] == nil {
			return fmt.Errorf("node %d: camera %d does not exist", ni, *c)
		}
		cam := doc.Cameras[*c]
		if cam.Perspective == nil {
			ortho = ortho || cam.Orthographic != nil
			continue
		}
		yfov := cam.Perspective.Yfov
		if !(yfov > 0 && yfov < math.Pi) {
			return fmt.Errorf("camera %d: yfov %g: must be between 0 and pi radians", *c, yfov)
		}
		sc.camNode, sc.yfov = ni, yfov
		return nil
	}
	if ortho {
		return predicateError("has only orthographic cameras, which are not supported: add a perspective camera")
	}
	return predicateError("has no camera: add a perspective camera")
}

// loadPrimitive reads one triangle primitive. def is the default material.
func loadPrimitive(doc *gltf.Document, p *gltf.Primitive, def int) (primitive, error) {
	var prim primitive
	pi, ok := p.Attributes[gltf.POSITION]
	if !ok {
		return prim, errors.New("has no POSITION attribute")
	}
	pos, err := readVectors(doc, pi, 3)
	if err != nil {
		return prim, fmt.Errorf("POSITION: %w", err)
	}
	nv := len(pos) / 3
	prim.pos = make([]vec3, nv)
	for i := range prim.pos {
		prim.pos[i] = vec3{pos[3*i], pos[3*i+1], pos[3*i+2]}
	}
	if ni, ok := p.Attributes[gltf.NORMAL]; ok {
		nrm, err := readVectors(doc, ni, 3)
		if err != nil {
			return prim, fmt.Errorf("NORMAL: %w", err)
		}
		if len(nrm) != len(pos) {
			return prim, fmt.Errorf("NORMAL has %d elements, POSITION %d", len(nrm)/3, nv)
		}
		prim.nrm = make([]vec3, nv)
		for i := range prim.nrm {
			prim.nrm[i] = vec3{nrm[3*i], nrm[3*i+1], nrm[3*i+2]}
		}
	}
	if ti, ok := p.Attributes[gltf.TEXCOORD_0]; ok {
		uv, err := readVectors(doc, ti, 2)
		if err != nil {
			return prim, fmt.Errorf("TEXCOORD_0: %w", err)
		}
		if len(uv) != 2*nv {
			return prim, fmt.Errorf("TEXCOORD_0 has %d elements, POSITION %d", len(uv)/2, nv)
		}
		prim.uv = make([][2]float64, nv)
		for i := range prim.uv {
			prim.uv[i] = [2]float64{uv[2*i], uv[2*i+1]}
		}
	}
	if p.Indices != nil {
		idx, comps, err := readAccessor(doc, *p.Indices)
		if err != nil {
			return prim, fmt.Errorf("indices: %w", err)
		}
		if comps != 1 {
			return prim, errors.New("indices accessor is not SCALAR")
		}
		prim.idx = make([]uint32, len(idx)/3*3)
		for i := range prim.idx {
			if idx[i] < 0 || idx[i] >= float64(nv) || idx[i] != math.Trunc(idx[i]) {
				return prim, fmt.Errorf("index %g is out of range for %d vertices", idx[i], nv)
			}
			prim.idx[i] = uint32(idx[i])
		}
	} else {
		prim.idx = make([]uint32, nv/3*3)
		for i := range prim.idx {
			prim.idx[i] = uint32(i)
		}
	}
	prim.material = def
	if p.Material != nil {
		if *p.Material < 0 || *p.Material >= def {
			return prim, fmt.Errorf("material %d does not exist", *p.Material)
		}
		prim.material = *p.Material
	}
	return prim, nil
}

// lightKind is a KHR_lights_punctual light type.
type lightKind int

const (
	lightPoint lightKind = iota
	lightSpot
	lightDirectional
)

// lightDef is a punctual light in its node's space.
type lightDef struct {
	kind lightKind
	// intensity is colour * intensity * Config.LightScale, applied when the
	// world is built: W/sr for point and spot, W/m² for directional.
	color     vec3
	intensity float64
	cosInner  float64
	cosOuter  float64
}

func loadLights(doc *gltf.Document) ([]lightDef, error) {
	raw, ok := doc.Extensions[lightspunctual.ExtensionName]
	if !ok {
		return nil, nil
	}
	ls, ok := raw.(lightspunctual.Lights)
	if !ok {
		return nil, fmt.Errorf("%s extension is malformed", lightspunctual.ExtensionName)
	}
	out := make([]lightDef, len(ls))
	for i, l := range ls {
		if l == nil {
			return nil, fmt.Errorf("light %d is null", i)
		}
		c := l.ColorOrDefault()
		d := lightDef{color: vec3{c[0], c[1], c[2]}, intensity: l.IntensityOrDefault()}
		switch l.Type {
		case lightspunctual.TypePoint:
			d.kind = lightPoint
		case lightspunctual.TypeDirectional:
			d.kind = lightDirectional
		case lightspunctual.TypeSpot:
			d.kind = lightSpot
			inner, outer := 0.0, math.Pi/4
			if l.Spot != nil {
				inner, outer = l.Spot.InnerConeAngle, l.Spot.OuterConeAngleOrDefault()
			}
			if !(inner >= 0 && inner < outer && outer <= math.Pi/2) {
				return nil, fmt.Errorf("light %d: spot cone %g..%g: want 0 <= inner < outer <= pi/2", i, inner, outer)
			}
			d.cosInner, d.cosOuter = math.Cos(inner), math.Cos(outer)
		default:
			return nil, fmt.Errorf("light %d: unknown type %q", i, l.Type)
		}
		if !d.color.finite() || math.IsNaN(d.intensity) || math.IsInf(d.intensity, 0) || d.intensity < 0 {
			return nil, fmt.Errorf("light %d: colour and intensity must be finite and >= 0", i)
		}
		out[i] = d
	}
	return out, nil
}

// rawExtension decodes extension key of exts into v when present. A
// registered extension arrives as a typed value, an unknown one as raw JSON.
func rawExtension(exts gltf.Extensions, key string, v any) (bool, error) {
	raw, ok := exts[key]
	if !ok {
		return false, nil
	}
	var b []byte
	switch r := raw.(type) {
	case json.RawMessage:
		b = r
	case []byte:
		b = r
	default:
		var err error
		if b, err = json.Marshal(r); err != nil {
			return false, fmt.Errorf("%s: %w", key, err)
		}
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("%s: %w", key, err)
	}
	return true, nil
}

func allFinite(vs []float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
