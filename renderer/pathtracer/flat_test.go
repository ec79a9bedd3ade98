package pathtracer

import (
	"context"
	"errors"
	"image"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestFlatten checks that the exported world is whole: every BVH leaf and
// every emitter indexes a triangle, every triangle a material, and the
// emitters' CDF ends at 1.
func TestFlatten(t *testing.T) {
	r := New(DefaultConfig())
	dir := t.TempDir()
	for _, name := range []string{"cornell.glb", "spheres.glb", "anim.glb"} {
		t.Run(name, func(t *testing.T) {
			task := renderer.Task{Scene: writeScene(t, dir, name), Frame: 1, Width: 16, Height: 16, Samples: 1}
			f, err := r.Flatten(context.Background(), task)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Tris) == 0 || len(f.Nodes) == 0 {
				t.Fatalf("%d triangles, %d nodes", len(f.Tris), len(f.Nodes))
			}
			covered := 0
			for i, n := range f.Nodes {
				if n.Count > 0 {
					if n.First < 0 || int(n.First+n.Count) > len(f.Tris) {
						t.Fatalf("leaf %d covers %d+%d of %d triangles", i, n.First, n.Count, len(f.Tris))
					}
					covered += int(n.Count)
				} else if int(n.First) <= i || int(n.First) >= len(f.Nodes) {
					t.Fatalf("interior node %d: right child %d", i, n.First)
				}
			}
			if covered != len(f.Tris) {
				t.Errorf("leaves cover %d triangles, want %d", covered, len(f.Tris))
			}
			for i, tr := range f.Tris {
				if tr.Material < 0 || int(tr.Material) >= len(f.Materials) {
					t.Fatalf("triangle %d: material %d of %d", i, tr.Material, len(f.Materials))
				}
			}
			for _, m := range f.Materials {
				if m.Texture >= len(f.Textures) {
					t.Fatalf("material texture %d of %d", m.Texture, len(f.Textures))
				}
			}
			for k, e := range f.Emitters {
				if e < 0 || int(e) >= len(f.Tris) || !(f.Tris[e].LightPdf > 0) {
					t.Fatalf("emitter %d: triangle %d", k, e)
				}
			}
			if n := len(f.EmitCDF); n > 0 && f.EmitCDF[n-1] != 1 {
				t.Errorf("emitter CDF ends at %v, want 1", f.EmitCDF[n-1])
			}
		})
	}
}

func TestMaterialMap(t *testing.T) {
	r := New(DefaultConfig())
	scene := writeScene(t, t.TempDir(), "cornell.glb")
	whole := renderer.Task{Scene: scene, Frame: 1, Width: 24, Height: 24, Samples: 1}
	ids, err := r.MaterialMap(context.Background(), whole)
	if err != nil {
		t.Fatal(err)
	}
	f, err := r.Flatten(context.Background(), whole)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 24*24 {
		t.Fatalf("%d ids, want %d", len(ids), 24*24)
	}
	seen := map[int32]bool{}
	for _, id := range ids {
		if id < -1 || int(id) >= len(f.Materials) {
			t.Fatalf("id %d of %d materials", id, len(f.Materials))
		}
		seen[id] = true
	}
	if len(seen) < 3 {
		t.Errorf("the Cornell box shows %d materials, want its walls, light and boxes", len(seen))
	}
	// A region's map is the same pixels of the whole frame's.
	tile := whole
	tile.Region = image.Rect(5, 7, 17, 20)
	part, err := r.MaterialMap(context.Background(), tile)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range part {
		x, y := 5+i%12, 7+i/12
		if id != ids[y*24+x] {
			t.Fatalf("pixel (%d,%d): tile says %d, frame %d", x, y, id, ids[y*24+x])
		}
	}
	if _, err := r.MaterialMap(context.Background(), renderer.Task{Scene: scene, Frame: 1}); !errors.Is(err, renderer.ErrBadTask) {
		t.Errorf("a 0x0 task: err %v, want ErrBadTask", err)
	}
}
