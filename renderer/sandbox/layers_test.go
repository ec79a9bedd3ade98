package sandbox

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/internal/floatcmp"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

// TestBlenderLayers: on each image, a scene saved by that image's Blender
// as OpenEXR MultiLayer (make_passes' compositor, more passes, a second
// view layer, Cryptomatte) lists the passes its render writes
// (SceneUsage.Layers); tiles of raw passes keeping them (Task.Keep)
// stitch into every view-layer channel of that Blender's own multilayer
// render (blender -b FILE -f 1), value for value, and the finish's RGBA
// float image is its Composite layer. This is what the farm writes a
// multilayer frame from (farm.writeLayers).
func TestBlenderLayers(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		base := nativeScene(t, s, img, "passes")
		dir := t.TempDir()
		src := filepath.Join(dir, "layers.blend")
		save := strings.Join([]string{
			"import bpy",
			"s = bpy.context.scene",
			"im = s.render.image_settings",
			"if hasattr(im, 'media_type'): im.media_type = 'MULTI_LAYER_IMAGE'",
			"im.file_format = 'OPEN_EXR_MULTILAYER'",
			// 5.x writes a part per pass by default; renderer/exr reads
			// (and the farm writes) the single-part file 3.4 and 4.3 write.
			"if hasattr(im, 'use_exr_interleave'): im.use_exr_interleave = True",
			"v = s.view_layers[0]",
			"v.use_pass_mist = v.use_pass_uv = v.use_pass_object_index = v.use_pass_cryptomatte_object = v.use_pass_diffuse_color = True",
			"s.view_layers.new('Second').use_pass_z = True",
			fmt.Sprintf("bpy.ops.wm.save_as_mainfile(filepath=%q)", src),
		}, "\n")
		if _, err := runBlender(s, []string{filepath.Dir(base)}, dir, "-b", base, "--python-exit-code", "1", "--python-expr", save); err != nil {
			t.Fatal(err)
		}
		for _, region := range []bool{false, true} {
			t.Run(map[bool]string{false: "whole frame", true: "uncropped region"}[region], func(t *testing.T) {
				scene := src
				if region {
					scene = filepath.Join(dir, "region.blend")
					border := strings.Join([]string{
						"import bpy",
						"r = bpy.context.scene.render",
						"r.use_border, r.use_crop_to_border = True, False",
						"r.border_min_x, r.border_max_x, r.border_min_y, r.border_max_y = 0.1, 0.85, 0.05, 0.9",
						fmt.Sprintf("bpy.ops.wm.save_as_mainfile(filepath=%q)", scene),
					}, "\n")
					if _, err := runBlender(s, nil, dir, "-b", src, "--python-exit-code", "1", "--python-expr", border); err != nil {
						t.Fatal(err)
					}
				}
				compareLayers(t, b, s, img, scene)
			})
		}
	})
}

// compareLayers renders the scene (its border, if it has one, uncropped)
// as the farm renders a multilayer frame: 2x2 raw-pass tiles keeping its
// listed passes, stitched, the unrendered outside of a region filled as
// Blender's render result holds it, then finished to an RGBA float EXR;
// and compares every channel with the image's Blender's own render.
func compareLayers(t *testing.T, b *Blender, s *Sandbox, img blenderImage, src string) {
	t.Helper()
	ctx := context.Background()
	info, err := b.Inspect(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	u := info.Usage
	if u.FileFormat != "OPEN_EXR_MULTILAYER" || !u.Compositing || len(u.Layers) == 0 {
		t.Fatalf("usage: format %s, compositing %v, layers %v: want a composited multilayer scene's passes", u.FileFormat, u.Compositing, u.Layers)
	}
	task := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 8, Seed: 5, Passes: true, Keep: u.Layers,
		AdaptiveSampling: u.AdaptiveSampling}
	area := task.Rect()
	if u.RenderRegion {
		// The region's pixels, as api.BorderRegion works them out.
		at := func(f float32, size int) int { return int(float32(f * float32(size))) }
		area = image.Rect(at(u.Border[0], task.Width), task.Height-at(u.Border[3], task.Height), at(u.Border[1], task.Width), task.Height-at(u.Border[2], task.Height))
		task.Area = area
	}
	frame := stitchPasses(t, b, task, task.Rect(), tiler.Split(area, tiler.Grid{Cols: 2, Rows: 2}))
	fin := renderer.FinishTask{Scene: src, Frame: 1, Width: task.Width, Height: task.Height, Passes: frame, Format: "OPEN_EXR", Depth: "32", Alpha: true}
	if area != task.Rect() {
		frame.FillOutside(area, renderer.ParseBuild(b.Version()))
		fin.Region = area
	}
	res, err := b.Finish(ctx, fin)
	if err != nil {
		t.Fatal(err)
	}
	if res.HDR == nil {
		t.Fatalf("the finish wrote %s, not a decoded EXR", res.Ext)
	}
	ref := blenderPasses(t, s, src, task)
	var layers []string
	for _, name := range ref.Names() {
		if !strings.HasPrefix(name, "Composite.") {
			layers = append(layers, name)
		}
	}
	if !slices.Equal(frame.Names(), layers) {
		t.Fatalf("the tiles' channels\n%v\nBlender %s's own view-layer channels\n%v", frame.Names(), img.version, layers)
	}
	// The channels the inspection lists, which the farm holds every
	// tile to: exactly these.
	if !slices.Equal(u.LayerChannels, layers) {
		t.Errorf("the inspection lists channels\n%v\nBlender %s writes\n%v", u.LayerChannels, img.version, layers)
	}
	unequal := 0
	for _, c := range frame.Channels {
		d := floatcmp.Compare(c.Pix, ref.Channel(c.Name).Pix)
		if d.Beyond > 0 {
			t.Errorf("channel %s: %d of %d values differ from Blender's own, by up to %g", c.Name, d.Beyond, len(c.Pix), d.Most)
		}
		unequal += d.Unequal
	}
	for k, ch := range []string{"R", "G", "B", "A"} {
		want := ref.Channel("Composite.Combined." + ch)
		if want == nil {
			t.Fatalf("Blender %s's own render has no Composite layer: %v", img.version, ref.Names())
		}
		got := make([]float32, len(want.Pix))
		for i := range got {
			got[i] = res.HDR.Pix[4*i+k]
		}
		d := floatcmp.Compare(got, want.Pix)
		if d.Beyond*1000 > len(got) || d.Most > 1e-3 {
			t.Errorf("composite %s: %d of %d values differ from Blender's own, by up to %g", ch, d.Beyond, len(got), d.Most)
		}
		unequal += d.Unequal
	}
	if unequal > 0 {
		t.Errorf("%d values are not bit-identical to Blender %s's own (measured: none)", unequal, img.version)
	}
	t.Logf("Blender %s: %d view-layer channels of %v and the composite compared with its own multilayer render: %d values not bit-identical", img.version, len(layers), area, unequal)
}

// blenderPasses renders the task's frame with the image's Blender as its
// own render does, to the scene's own multilayer file, and decodes it.
func blenderPasses(t *testing.T, s *Sandbox, src string, task renderer.Task) *renderer.Passes {
	t.Helper()
	f, err := os.Open(ownRender(t, s, src, task, "exr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := exr.DecodePasses(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
