package pathtracer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
)

// emptyNodes is a glTF document of n empty nodes under key (the attack
// the issue measured: 10 million of them took 8.2 GB to render).
func emptyNodes(key string, n int) []byte {
	var b bytes.Buffer
	b.Grow(40 + 3*n)
	b.WriteString(`{"asset":{"version":"2.0"},"` + key + `":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

// glb packs a JSON document and a binary chunk into a GLB file.
func glb(jsonDoc string, bin []byte) []byte {
	for len(jsonDoc)%4 != 0 {
		jsonDoc += " "
	}
	for len(bin)%4 != 0 {
		bin = append(bin, 0)
	}
	var b bytes.Buffer
	total := 12 + 8 + len(jsonDoc)
	if len(bin) > 0 {
		total += 8 + len(bin)
	}
	le := func(v int) { binary.Write(&b, binary.LittleEndian, uint32(v)) }
	b.WriteString("glTF")
	le(2)
	le(total)
	le(len(jsonDoc))
	b.WriteString("JSON")
	b.WriteString(jsonDoc)
	if len(bin) > 0 {
		le(len(bin))
		b.WriteString("BIN\x00")
		b.Write(bin)
	}
	return b.Bytes()
}

// pngHeader is the start of a PNG claiming w x h pixels: enough for its
// header to be read, nothing to decode.
func pngHeader(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()[:33] // signature and IHDR
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return append([]byte(nil), b...)
}

// repeat joins n copies of s with commas.
func repeat(s string, n int) string {
	return strings.TrimSuffix(strings.Repeat(s+",", n), ",")
}

// sceneJSON is a minimal renderable document around extra members: a
// camera node, and whatever the case adds.
func sceneJSON(extra string) string {
	return `{"asset":{"version":"2.0"},"cameras":[{"type":"perspective","perspective":{"yfov":0.8,"znear":0.1}}],` + extra + `}`
}

// oneTriangle is a binary chunk holding one triangle's three float positions.
func oneTriangle() []byte {
	var b bytes.Buffer
	for _, v := range []float32{0, 0, -2, 1, 0, -2, 0, 1, -2} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	return b.Bytes()
}

// bombs are scenes that are small files but would take gigabytes to load,
// each refused by one limit.
func bombs(t testing.TB) []struct {
	name, file string
	data       []byte
	want       string
} {
	tri := oneTriangle()
	// 1000 triangles of the same three vertices, instanced by 1100 nodes.
	instanced := glb(sceneJSON(`"buffers":[{"byteLength":`+fmt.Sprint(len(tri)+6000)+`}],`+
		`"bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":6000}],`+
		`"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"},{"bufferView":1,"componentType":5123,"count":3000,"type":"SCALAR"}],`+
		`"meshes":[{"primitives":[{"attributes":{"POSITION":0},"indices":1}]}],`+
		`"nodes":[{"camera":0},`+repeat(`{"mesh":0}`, 1100)+`]`), append(tri, make([]byte, 6000)...))
	// One accessor of a million one-byte indices, read by each of 100
	// primitives: 12 bytes per index each time.
	sharedPrim := `{"attributes":{"POSITION":0},"indices":1}`
	shared := glb(sceneJSON(`"buffers":[{"byteLength":`+fmt.Sprint(36+1<<20)+`}],`+
		`"bufferViews":[{"buffer":0,"byteLength":36},{"buffer":0,"byteOffset":36,"byteLength":1048576}],`+
		`"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3"},{"bufferView":1,"componentType":5121,"count":1048576,"type":"SCALAR"}],`+
		`"meshes":[{"primitives":[`+repeat(sharedPrim, 100)+`]}],"nodes":[{"camera":0}]`), append(tri, make([]byte, 1<<20)...))
	// Textures whose images say they are huge; only the headers exist.
	texture := func(w, h, textures int) []byte {
		head := pngHeader(t, w, h)
		return glb(sceneJSON(`"buffers":[{"byteLength":`+fmt.Sprint(len(head))+`}],`+
			`"bufferViews":[{"buffer":0,"byteLength":`+fmt.Sprint(len(head))+`}],`+
			`"images":[{"bufferView":0,"mimeType":"image/png"}],"textures":[`+repeat(`{"source":0}`, textures)+`],`+
			`"materials":[`+strings.Join(func() []string {
			var m []string
			for i := range textures {
				m = append(m, fmt.Sprintf(`{"pbrMetallicRoughness":{"baseColorTexture":{"index":%d}}}`, i))
			}
			return m
		}(), ",")+`],"nodes":[{"camera":0}]`), head)
	}
	// 50 channels sharing one input of 100,000 key times.
	keys := glb(sceneJSON(`"buffers":[{"byteLength":1600000}],`+
		`"bufferViews":[{"buffer":0,"byteLength":400000},{"buffer":0,"byteOffset":400000,"byteLength":1200000}],`+
		`"accessors":[{"bufferView":0,"componentType":5126,"count":100000,"type":"SCALAR"},{"bufferView":1,"componentType":5126,"count":100000,"type":"VEC3"}],`+
		`"animations":[{"samplers":[{"input":0,"output":1}],"channels":[`+repeat(`{"sampler":0,"target":{"node":0,"path":"translation"}}`, 50)+`]}],"nodes":[{"camera":0}]`),
		make([]byte, 1600000))
	chain := make([]string, 1100)
	for i := range chain {
		chain[i] = fmt.Sprintf(`{"children":[%d]}`, i+1)
	}
	chain[len(chain)-1] = `{"camera":0}`

	return []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"a million empty nodes", "bomb.gltf", emptyNodes("nodes", 1_000_000), "scene has 1000000 nodes; the limit is 100000"},
		{"a million empty nodes in a GLB", "bomb.glb", glb(string(emptyNodes("nodes", 1_000_000)), nil), "scene has 1000000 nodes; the limit is 100000"},
		{"nodes under a key in other case", "case.gltf", emptyNodes("NoDeS", 200_000), "scene has 200000 nodes"},
		{"nodes under an escaped key", "escaped.gltf", emptyNodes(`no\u0064es`, 200_000), "scene has 200000 nodes"},
		{"nodes under a folded rune", "folded.gltf", emptyNodes("node\u017f", 200_000), "scene has 200000 nodes"},
		{"a million meshes", "meshes.gltf", emptyNodes("meshes", 1_000_000), "scene has 1000000 meshes; the limit is 65536"},
		{"extras", "extras.gltf", []byte(sceneJSON(`"extras":[` + repeat("0", 1_100_000) + `]`)), "scene has 1100001 JSON values in extras; the limit is 1048576"},
		{"values", "values.gltf", []byte(sceneJSON(`"unknown":[` + repeat("0", 9_000_000) + `]`)), "JSON values; the limit is 8388608"},
		{"nesting", "nested.gltf", []byte(sceneJSON(`"extras":` + strings.Repeat("[", 100) + strings.Repeat("]", 100))), "scene has more than 64 levels of JSON nesting"},
		{"node hierarchy", "chain.gltf", []byte(sceneJSON(`"nodes":[` + strings.Join(chain, ",") + `]`)), "scene has more than 1024 levels of node hierarchy"},
		{"instanced triangles", "instanced.glb", instanced, "scene has 1100000 triangles in a frame (counting each instance); the limit is 1048576"},
		{"a shared accessor", "shared.glb", shared, "MiB of data once loaded (estimated); the limit is 1024"},
		{"an image's header", "huge.glb", texture(100000, 100000, 1), "scene has 10000000000 pixels in image 0 (100000x100000); the limit is 16777216"},
		{"one image in many textures", "textures.glb", texture(4096, 4096, 64), "MiB of data once loaded (estimated); the limit is 1024"},
		{"animation keys", "keys.glb", keys, "scene has 5000000 animation keys; the limit is 4194304"},
	}
}

// TestBombsRefused renders each bomb as a worker would: it must be refused
// as a bad task naming the limit, having allocated little more than the
// file itself, and the renderer must go on rendering.
func TestBombsRefused(t *testing.T) {
	dir := t.TempDir()
	r := New(DefaultConfig())
	for _, tc := range bombs(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			alloc := allocated(func() {
				_, err := r.Render(context.Background(), renderer.Task{Scene: path, Frame: 1, Width: 8, Height: 6, Samples: 1})
				var le *LimitError
				if !errors.As(err, &le) || !errors.Is(err, renderer.ErrBadTask) {
					t.Fatalf("err = %v, want a *LimitError that is a bad task", err)
				}
				t.Log(err)
				if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.file) {
					t.Errorf("err = %q, want it to name %s and say %q", err, tc.file, tc.want)
				}
			})
			// The file is read whole; beyond it, a bounded scan.
			if limit := uint64(len(tc.data)) + 16<<20; alloc > limit {
				t.Errorf("refusing a %d-byte file allocated %d bytes, more than %d", len(tc.data), alloc, limit)
			}
		})
	}
	good := writeScene(t, dir, "cornell.glb")
	render(t, r, renderer.Task{Scene: good, Frame: 1, Width: 8, Height: 6, Samples: 1})
}

// TestTenMillionNodes is the issue's own bomb: 10 million empty nodes.
func TestTenMillionNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("NOT TESTED: needs a 30 MB scene; run without -short")
	}
	data := emptyNodes("nodes", 10_000_000)
	var err error
	alloc := allocated(func() { _, err = parseScene("bomb.gltf", data, DefaultLimits()) })
	if want := "bomb.gltf: scene has 10000000 nodes; the limit is 100000"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if alloc > 1<<20 {
		t.Errorf("refusing it allocated %d bytes, more than 1 MiB", alloc)
	}
}

// allocated returns the bytes f allocated.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestLimitsFitBundledScenes loads every bundled scene under limits a
// hundredth of the defaults (memory a tenth): the defaults leave them two
// orders of magnitude of room.
func TestLimitsFitBundledScenes(t *testing.T) {
	d := DefaultLimits()
	tight := Limits{
		Nodes: d.Nodes / 100, Meshes: d.Meshes / 100, Primitives: d.Primitives / 100,
		Accessors: d.Accessors / 100, BufferViews: d.BufferViews / 100, Buffers: d.Buffers / 100,
		Materials: d.Materials / 100, Textures: d.Textures / 100, Images: d.Images / 100,
		Samplers: d.Samplers / 100, Cameras: d.Cameras / 100, Scenes: d.Scenes / 100,
		Skins: d.Skins / 100, Lights: d.Lights / 100, Animations: d.Animations / 100,
		Channels: d.Channels / 100, Children: d.Children / 100, SceneRoots: d.SceneRoots / 100,
		JSONValues: d.JSONValues / 100, ExtrasValues: d.ExtrasValues / 100, JSONDepth: 16,
		NodeDepth: d.NodeDepth / 100, AnimationKeys: d.AnimationKeys / 100,
		Triangles: d.Triangles / 100, TexturePixels: d.TexturePixels / 100, Memory: d.Memory / 10,
	}
	for _, name := range scenes.Names() {
		t.Run(name, func(t *testing.T) {
			data, _ := scenes.Bytes(name)
			if _, err := parseScene(name, data, tight); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestLimitsZeroMeansDefault: a Config without Limits (as an older node
// sends it to the sandbox) is bounded by the defaults, not unbounded.
func TestLimitsZeroMeansDefault(t *testing.T) {
	if got := (Limits{}).orDefault(); got != DefaultLimits() {
		t.Errorf("Limits{}.orDefault() = %+v, want DefaultLimits()", got)
	}
	half := Limits{Nodes: 7}
	if got := half.orDefault(); got.Nodes != 7 || got.Meshes != DefaultLimits().Meshes {
		t.Errorf("a set field was lost or a zero one kept: %+v", got)
	}
	_, err := parseScene("bomb.gltf", emptyNodes("nodes", 8), Limits{Nodes: 7})
	if err == nil || !strings.Contains(err.Error(), "scene has 8 nodes; the limit is 7") {
		t.Errorf("err = %v, want the 7-node limit", err)
	}
}
