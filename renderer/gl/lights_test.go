//go:build linux && cgo

package gl

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/modeler"

	"github.com/conun/conun/renderer"
)

// spotScene writes a scene the bundled ones lack: a diffuse floor and a
// rough metal plate under a spot light (cone falloff) and a dim point
// light, seen from above.
func spotScene(t *testing.T) string {
	t.Helper()
	doc := gltf.NewDocument()
	down := [4]float64{-0.70710678, 0, 0, 0.70710678} // local -Z to world -Y
	quad := func(y, half float32, mat int) int {
		pos := modeler.WritePosition(doc, [][3]float32{{-half, y, -half}, {-half, y, half}, {half, y, half}, {half, y, -half}})
		idx := modeler.WriteIndices(doc, []uint16{0, 1, 2, 0, 2, 3})
		doc.Meshes = append(doc.Meshes, &gltf.Mesh{Primitives: []*gltf.Primitive{{
			Attributes: gltf.PrimitiveAttributes{gltf.POSITION: pos}, Indices: gltf.Index(idx), Material: gltf.Index(mat),
		}}})
		return len(doc.Meshes) - 1
	}
	doc.Materials = []*gltf.Material{
		{DoubleSided: true, PBRMetallicRoughness: &gltf.PBRMetallicRoughness{BaseColorFactor: &[4]float64{0.8, 0.7, 0.6, 1}, MetallicFactor: gltf.Float(0), RoughnessFactor: gltf.Float(1)}},
		{DoubleSided: true, PBRMetallicRoughness: &gltf.PBRMetallicRoughness{BaseColorFactor: &[4]float64{0.9, 0.6, 0.3, 1}, MetallicFactor: gltf.Float(1), RoughnessFactor: gltf.Float(0.5)}},
	}
	floor, plate := quad(0, 3, 0), quad(0.3, 0.8, 1)
	doc.Cameras = []*gltf.Camera{{Perspective: &gltf.Perspective{Yfov: 1.2, Znear: 0.1}}}
	doc.Extensions = gltf.Extensions{"KHR_lights_punctual": json.RawMessage(`{"lights":[` +
		`{"type":"spot","intensity":40,"color":[1,0.95,0.9],"spot":{"innerConeAngle":0.3,"outerConeAngle":0.7}},` +
		`{"type":"point","intensity":2,"color":[0.6,0.7,1]}]}`)}
	doc.ExtensionsUsed = []string{"KHR_lights_punctual"}
	doc.Nodes = []*gltf.Node{
		{Camera: gltf.Index(0), Translation: [3]float64{0, 4, 0}, Rotation: down},
		{Mesh: gltf.Index(floor)},
		{Mesh: gltf.Index(plate)},
		{Translation: [3]float64{0.5, 2.5, 0.3}, Rotation: down, Extensions: gltf.Extensions{"KHR_lights_punctual": json.RawMessage(`{"light":0}`)}},
		{Translation: [3]float64{-2, 1.5, -1}, Extensions: gltf.Extensions{"KHR_lights_punctual": json.RawMessage(`{"light":1}`)}},
	}
	doc.Scenes = []*gltf.Scene{{Nodes: []int{0, 1, 2, 3, 4}}}
	doc.Scene = gltf.Index(0)
	p := filepath.Join(t.TempDir(), "spot.glb")
	if err := gltf.SaveBinary(doc, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAgreesOnSpotAndPointLights: the bundled scenes have no spot light;
// this one does, and its floor and plate must agree with the Go tracer.
func TestAgreesOnSpotAndPointLights(t *testing.T) {
	r := newTestRenderer(t)
	scene := spotScene(t)
	f, err := r.pt.Flatten(context.Background(), renderer.Task{Scene: scene, Frame: 1, Width: 8, Height: 8, Samples: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Lights) != 2 {
		t.Fatalf("%d lights in the test scene, want 2", len(f.Lights))
	}
	agree(t, r, "spot.glb", renderer.Task{Scene: scene, Frame: 1, Width: agreeSize, Height: agreeSize, Samples: agreeSamples, Seed: 3, HDR: true})
}
