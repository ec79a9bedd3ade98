package farm_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/internal/floatcmp"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

// TestMultilayerFrames renders scenes saved as OpenEXR MultiLayer, made
// from Blender's default startup file, as tiles on three Blender nodes,
// and compares each frame with Blender's own render of the scene (blender
// -b -f 1, the scene's own output settings): the same channels, every
// view layer's pass and the composite, with the same values. Before, the
// farm wrote such a scene's frames as a single-layer EXR of the image.
func TestMultilayerFrames(t *testing.T) {
	needBlender(t)
	const multilayer = "s.render.image_settings.file_format = 'OPEN_EXR_MULTILAYER'\n"
	for _, tc := range []struct {
		name, scene, expr string
		tiles             tiler.Grid
		region            *api.Region
	}{
		// make_passes composites Depth and Normal (a fog, a rim, a blur).
		{"composited", "passes", multilayer, tiler.Grid{Cols: 2, Rows: 2}, nil},
		// No compositor, half depth, a second view layer and the passes
		// studios ask for: no finish task, the frame is its passes.
		{"passes at half", "passes", multilayer + "s.render.image_settings.color_depth = '16'\ns.render.use_compositing = False\n" +
			"v = s.view_layers[0]\nv.use_pass_mist = v.use_pass_uv = v.use_pass_object_index = v.use_pass_cryptomatte_object = v.use_pass_diffuse_color = True\n" +
			"s.view_layers.new('Second').use_pass_z = True\n" +
			"r = s.render\nr.use_stamp_note, r.stamp_note_text, r.use_stamp_lens, r.use_stamp_hostname, r.use_stamp_memory = True, 'shot 12 take 3', True, True, True\n",
			tiler.Grid{Cols: 3, Rows: 2}, nil},
		{"whole frame", "passes", multilayer, tiler.Grid{Cols: 1, Rows: 1}, nil},
		{"cropped region", "passes", multilayer + "s.render.use_border, s.render.use_crop_to_border = True, True\n" +
			"s.render.border_min_x, s.render.border_max_x, s.render.border_min_y, s.render.border_max_y = 0.1, 0.85, 0.05, 0.9\n",
			tiler.Grid{Cols: 2, Rows: 2}, &api.Region{Crop: true}},
		{"uncropped region", "passes", multilayer + "s.render.use_border, s.render.use_crop_to_border = True, False\n" +
			"s.render.border_min_x, s.render.border_max_x, s.render.border_min_y, s.render.border_max_y = 0.1, 0.85, 0.05, 0.9\n",
			tiler.Grid{Cols: 2, Rows: 2}, &api.Region{}},
		// node-3 adds a channel of its own to a pass the job carries:
		// its tiles are refused at its answer (by pass name they passed,
		// and only a spot check stood between them and the frame, which
		// then failed at assembly or held the channel).
		{"a worker adds a channel", "passes", multilayer, tiler.Grid{Cols: 3, Rows: 2}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scene := buildScene(t, tc.scene, tc.expr)
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer {
				if strings.HasPrefix(tc.name, "a worker adds") {
					return channelAdder{honest}
				}
				return honest
			})
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) {
				s.Tiles, s.Format, s.Depth = tc.tiles, api.FormatEXRLayers, 8
				if tc.region != nil {
					s.Region = api.BorderRegion([4]float32{0.1, 0.85, 0.05, 0.9}, tc.region.Crop, s.Resolution)
				}
			})
			job.wait(ctx, t)
			if strings.HasPrefix(tc.name, "a worker adds") {
				// Refused at its answers: none of node-3's tiles was
				// taken (where only a spot check looked, one caught it,
				// but a job's established workers are seldom checked, and
				// its odd tile stitched). As a checker it may still be
				// convicted: its crops hold the channel too.
				rep, err := c.Report(ctx, job.id)
				if err != nil {
					t.Fatal(err)
				}
				for _, tk := range rep.Tasks {
					if tk.Node == "node-3" {
						t.Errorf("task %d's tile of node-3, with a channel of its own, was taken", tk.Index)
					}
				}
				refused := 0
				if _, err := c.Events(ctx, job.id, func(e api.Event) error {
					if e.Type == api.EventRequeued && e.Node == "node-3" && strings.Contains(e.Message, "channels") {
						refused++
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if refused == 0 {
					t.Error("node-3 was refused no tile for its channels: the test did not try it")
				}
				t.Logf("node-3's answers refused for their channels: %d", refused)
			}
			out := t.TempDir()
			if _, err := c.Fetch(ctx, job.id, out); err != nil {
				t.Fatal(err)
			}
			got := decodeLayers(t, filepath.Join(out, api.FrameName(1, api.FormatEXRLayers)))
			want := decodeLayers(t, blenderLayers(t, scene, job.spec))
			if !slices.Equal(got.Names(), want.Names()) {
				t.Fatalf("the frame's channels\n%v\nBlender's own\n%v", got.Names(), want.Names())
			}
			if got.Rect != want.Rect {
				t.Fatalf("the frame is %v, Blender's %v", got.Rect, want.Rect)
			}
			// Cryptomatte's names and manifests, which its nodes (and
			// Nuke's) read to pick a matte by object name, and the
			// stamp fields of the scene (layerMeta's allow-list); not
			// what describes one render (times, date, memory, host,
			// the file's path).
			for k, v := range want.Meta {
				switch {
				case slices.Contains([]string{"RenderTime", "Date", "File", "Memory", "Hostname"}, k) || strings.HasSuffix(k, "_time"):
					if _, ok := got.Meta[k]; ok {
						t.Errorf("metadata %s (of one render) kept: %q", k, got.Meta[k])
					}
				case got.Meta[k] != v:
					t.Errorf("metadata %s = %q, Blender's %q", k, got.Meta[k], v)
				}
			}
			worst, unequal := "", 0
			for i, g := range got.Channels {
				d := floatcmp.Compare(g.Pix, want.Channels[i].Pix)
				n, most := d.Beyond, d.Most
				if n > 0 {
					worst += fmt.Sprintf(" %s: %d values, by up to %.3g;", g.Name, n, most)
				}
				unequal += d.Unequal
				// Raw passes stitch exactly; the composite is Blender's
				// compositor on the same passes.
				if n*1000 > len(g.Pix) || most > 1e-3 {
					t.Errorf("channel %s differs from Blender's own in %d of %d values, by up to %g", g.Name, n, len(g.Pix), most)
				}
			}
			if unequal > 0 {
				t.Errorf("%d values are not bit-identical to Blender's own (measured: none)", unequal)
			}
			t.Logf("%d channels of %v compared with blender -f: %d values not bit-identical; differing beyond float rounding:%s; metadata %v", len(got.Channels), got.Rect.Size(), unequal, worst, slices.Sorted(maps.Keys(got.Meta)))
		})
	}
}

// decodeLayers decodes a multilayer OpenEXR file.
func decodeLayers(t *testing.T, path string) *renderer.Passes {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := exr.DecodePasses(f, 0)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return p
}

// blenderLayers renders frame 1 of a scene as Blender's own render does
// (blender -b FILE -f 1) with the job's resolution, samples and seed and
// denoising off as the job has it: its own output settings, a multilayer
// file here.
func blenderLayers(t *testing.T, scene string, s api.JobSpec) string {
	t.Helper()
	dir := t.TempDir()
	expr := strings.Join([]string{
		"import bpy",
		"s = bpy.context.scene",
		fmt.Sprintf("s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = %d, %d, 100", s.Resolution.Width, s.Resolution.Height),
		fmt.Sprintf("s.cycles.samples, s.cycles.seed = %d, %d", s.Samples, s.Seed),
		"s.cycles.use_animated_seed = False",
		"s.cycles.use_denoising = False",
	}, "\n")
	out, err := exec.Command("blender", "-b", scene, "--python-expr", expr, "-o", filepath.Join(dir, "f12_####"), "-f", "1").CombinedOutput()
	path := filepath.Join(dir, "f12_0001.exr")
	if _, serr := os.Stat(path); err != nil || serr != nil {
		t.Fatalf("blender -f: %v %v\n%s", err, serr, out)
	}
	return path
}

// channelAdder renders honestly and adds a channel of its own to the
// Depth pass of every tile of raw passes.
type channelAdder struct{ renderer.Renderer }

func (a channelAdder) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	res, err := a.Renderer.Render(ctx, t)
	if err != nil || res.Passes == nil {
		return res, err
	}
	p := res.Passes
	p.Channels = append(p.Channels, renderer.Channel{Name: "ViewLayer.Depth.Q", Pix: make([]float32, p.Rect.Dx()*p.Rect.Dy())})
	slices.SortFunc(p.Channels, func(a, b renderer.Channel) int { return strings.Compare(a.Name, b.Name) })
	return res, nil
}
