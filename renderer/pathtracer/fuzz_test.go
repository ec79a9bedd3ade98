package pathtracer

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/ext/lightspunctual"
)

// FuzzLoad feeds arbitrary bytes to the loader and, when they parse, builds
// the frame halfway through any animation and traces a few rays. Nothing
// may panic, hang, or allocate far beyond the input's size.
//
// Each execution is cheap on purpose: the seeds (testdata/fuzz/FuzzLoad,
// from fuzzSeeds) are tiny scenes of a few hundred bytes to a few KB, and
// fuzzLimits keep any mutation to a few hundred triangles and a 16x16
// texture. The bundled scenes themselves (up to 114 KB, a 9 ms load)
// starved the fuzzer: every new input grown from them took the minimizer
// seconds, and FuzzLoad ran 8 executions a minute.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"asset":{"version":"2.0"}}`))
	f.Add([]byte("glTF\x02\x00\x00\x00\x14\x00\x00\x00\x00\x00\x00\x00JSON"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := parseScene("fuzz.glb", data, fuzzLimits)
		if err != nil {
			return
		}
		w := sc.buildWorld(sc.maxTime/2, 1)
		tr := &tracer{w: w, maxDepth: 3, rrDepth: 2, sky: vec3{1, 1, 1}}
		for y := 0; y < 2; y++ {
			for x := 0; x < 2; x++ {
				r := newRNG(1, 1, x, y, 0)
				tr.radiance(w.cam.pos, w.cam.direction(float64(x)+0.5, float64(y)+0.5, 2, 2), &r)
			}
		}
	})
}

// FuzzScanJSON checks the pre-decode count against the decoder itself: for
// any document the decoder accepts, the scan counts at least as many of
// each counted thing as the decoder allocates. A spelling, escape or
// nesting the scan missed would let a bomb past the limits.
func FuzzScanJSON(f *testing.F) {
	for _, data := range fuzzSeeds(f) {
		if len(data) >= 20 && string(data[:4]) == "glTF" {
			data = glbJSON(data)
		}
		f.Add(data)
	}
	f.Add(emptyNodes(`no\u0064es`, 3))
	f.Add(emptyNodes("NODEſ", 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := scanJSON(data, 10001) // deeper than encoding/json goes
		var doc gltf.Document
		if c.deep || json.NewDecoder(bytes.NewReader(data)).Decode(&doc) != nil {
			return
		}
		prims, children, roots, channels, samplers := 0, 0, 0, 0, 0
		for _, m := range doc.Meshes {
			if m != nil {
				prims += len(m.Primitives)
			}
		}
		for _, n := range doc.Nodes {
			if n != nil {
				children += len(n.Children)
			}
		}
		for _, s := range doc.Scenes {
			if s != nil {
				roots += len(s.Nodes)
			}
		}
		for _, a := range doc.Animations {
			if a != nil {
				channels += len(a.Channels)
				samplers += len(a.Samplers)
			}
		}
		lights := 0
		if ls, ok := doc.Extensions[lightspunctual.ExtensionName].(lightspunctual.Lights); ok {
			lights = len(ls)
		}
		for _, k := range []struct {
			what    string
			scanned int64
			decoded int
		}{
			{"nodes", c.elems[pNodes], len(doc.Nodes)},
			{"meshes", c.elems[pMeshes], len(doc.Meshes)},
			{"primitives", c.elems[pPrimitives], prims},
			{"accessors", c.elems[pAccessors], len(doc.Accessors)},
			{"bufferViews", c.elems[pBufferViews], len(doc.BufferViews)},
			{"buffers", c.elems[pBuffers], len(doc.Buffers)},
			{"materials", c.elems[pMaterials], len(doc.Materials)},
			{"textures", c.elems[pTextures], len(doc.Textures)},
			{"images", c.elems[pImages], len(doc.Images)},
			{"samplers", c.elems[pSamplers], len(doc.Samplers)},
			{"cameras", c.elems[pCameras], len(doc.Cameras)},
			{"scenes", c.elems[pScenes], len(doc.Scenes)},
			{"skins", c.elems[pSkins], len(doc.Skins)},
			{"animations", c.elems[pAnimations], len(doc.Animations)},
			{"children", c.elems[pChildren], children},
			{"scene roots", c.elems[pSceneNodes], roots},
			{"channels", c.elems[pChannels], channels},
			{"animation samplers", c.elems[pAnimSamplers], samplers},
			{"lights", c.elems[pLights], lights},
		} {
			if k.scanned < int64(k.decoded) {
				t.Fatalf("scan counted %d %s, the decoder made %d", k.scanned, k.what, k.decoded)
			}
		}
	})
}
