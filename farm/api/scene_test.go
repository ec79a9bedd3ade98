package api

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

func TestTakeScene(t *testing.T) {
	blend := renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{
		Samples: 16, Denoise: true, FileFormat: "PNG", ColorDepth: "16"}}
	exr := renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{Engine: "CYCLES", FileFormat: "OPEN_EXR_MULTILAYER", ColorDepth: "32", Layers: []string{"ViewLayer.Combined"}}}
	seeded := renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{Seed: 7, AnimatedSeed: true}}
	none := func(string) bool { return false }
	for _, tc := range []struct {
		name      string
		info      renderer.SceneInfo
		given     func(string) bool
		want      JobSpec
		wantTaken []string
	}{
		{"everything from the scene", blend, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Samples: 16, Denoise: true, Depth: 16},
			[]string{"resolution 64x48", "16 samples", "denoising", "16-bit output"}},
		{"what the user gave stays", blend, func(s string) bool { return s == "denoise" || s == "res" },
			JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Samples: 16, Depth: 16},
			[]string{"16 samples", "16-bit output"}},
		{"exr output", exr, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Format: FormatEXRLayers, Depth: 8},
			[]string{"resolution 64x48", "OpenEXR MultiLayer output (32-bit float, ZIP compression)"}},
		{"its seed, animated", seeded, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Seed: 7, Depth: 8},
			[]string{"resolution 64x48", "seed 7", "animated seed (each frame's noise its own)"}},
		{"a given seed stays", seeded, func(s string) bool { return s == "seed" },
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48", "animated seed (each frame's noise its own)"}},
		{"a render region is taken", region(0.25, 0.75, 0.2, 0.9, false), none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8, Region: &Region{X0: 16, Y0: 5, X1: 48, Y1: 39}},
			[]string{"resolution 64x48", "render region 32x34 at 16,5 (the rest of the frame left empty)"}},
		{"a cropped render region", region(0.25, 0.75, 0.2, 0.9, true), none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8, Region: &Region{X0: 16, Y0: 5, X1: 48, Y1: 39, Crop: true}},
			[]string{"resolution 64x48", "render region 32x34 at 16,5 (the frame cropped to it)"}},
		{"a render region at the resolution given", region(0.25, 0.75, 0.2, 0.9, false), func(s string) bool { return s == "res" },
			JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Depth: 8, Region: &Region{X0: 2, Y0: 1, X1: 7, Y1: 8}},
			[]string{"render region 5x7 at 2,1 (the rest of the frame left empty)"}},
		{"a given region stays", region(0.25, 0.75, 0.2, 0.9, false), func(s string) bool { return s == "region" },
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48"}},
		{"a region of the whole frame is none", region(0, 1, 0, 1, true), none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48"}},
		{"a stamp without the fields of one render", renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{Stamp: []string{"date", "frame", "note"}, StampLeftOut: []string{"date"}}}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48", "burned-in stamp (Date, Frame, Note) without Date: they describe one node's render, and the node checking it would draw others"}},
		{"a stamp as the scene draws it is not said", renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{Stamp: []string{"frame", "note"}}}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48"}},
		{"no stamp through the sequencer", renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{Stamp: []string{"frame"}, Sequencer: true}}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48", "no burned-in stamp: the scene renders through its sequencer, whose frames the farm cannot stamp once whole"}},
		{"File Output nodes are said", renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{FileOutputs: []string{"AOVs", "Depth out"}}}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 8},
			[]string{"resolution 64x48", "the compositor's File Output nodes (AOVs, Depth out) are not run: the farm returns each frame, its composite"}},
		{"a glTF says nothing", renderer.SceneInfo{Width: 64, Height: 48}, none,
			JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Depth: 8}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := JobSpec{Resolution: tiler.Resolution{Width: 10, Height: 10}, Depth: 8}
			taken := s.TakeScene(tc.info, tc.given)
			if !reflect.DeepEqual(s, tc.want) || !reflect.DeepEqual(taken, tc.wantTaken) {
				t.Fatalf("got %+v %q, want %+v %q", s, taken, tc.want, tc.wantTaken)
			}
		})
	}
}

// region is a scene 64x48 with a render region of Blender's fractions.
func region(minX, maxX, minY, maxY float32, crop bool) renderer.SceneInfo {
	return renderer.SceneInfo{Width: 64, Height: 48, Usage: &renderer.SceneUsage{RenderRegion: true, Border: [4]float32{minX, maxX, minY, maxY}, CropToBorder: crop}}
}

// TestBorderRegion: a border's pixels are Blender's own, float32
// fraction times size, truncated, with y from the bottom. Blender 3.4
// measured here: 0.7 of 10 pixels is 7 (0.7f * 10 rounds to 7.0f; in
// float64 it is 6.99...), and a 0.1-0.7 x 0.3-0.7 border of 10x8 renders
// columns 1-6 and rows 3-5 (from the top).
func TestBorderRegion(t *testing.T) {
	res := tiler.Resolution{Width: 10, Height: 8}
	for _, tc := range []struct {
		border [4]float32
		want   *Region
	}{
		{[4]float32{0.1, 0.7, 0.3, 0.7}, &Region{X0: 1, Y0: 3, X1: 7, Y1: 6}},
		{[4]float32{0, 1, 0, 1}, nil},
		{[4]float32{0.5, 0.5, 0, 1}, &Region{X0: 5, Y0: 0, X1: 5, Y1: 8}}, // empty: Validate refuses it
	} {
		if got := BorderRegion(tc.border, false, res); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("BorderRegion(%v) = %v, want %v", tc.border, got, tc.want)
		}
	}
	spec := JobSpec{Scene: strings.Repeat("a", 64), SceneName: "s.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: res, Samples: 1, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8}
	for _, r := range []*Region{{X0: 5, X1: 5, Y1: 8}, {X0: 2, X1: 11, Y1: 8}, {X0: -1, X1: 3, Y1: 3}} {
		spec.Region = r
		if err := spec.Validate(); err == nil || !strings.Contains(err.Error(), "render region") {
			t.Errorf("region %+v: %v, want it refused", r, err)
		}
	}
	spec.Region = &Region{X0: 2, Y0: 1, X1: 7, Y1: 8, Crop: true}
	if err := spec.Validate(); err != nil {
		t.Fatal(err)
	}
	if got, want := spec.FrameSize(), (tiler.Resolution{Width: 5, Height: 7}); got != want {
		t.Errorf("a cropped region's frames are %v, want %v", got, want)
	}
	for _, tl := range spec.Plan() {
		if !tl.Rect.In(spec.Region.Rect()) {
			t.Errorf("tile %v lies outside the region", tl.Rect)
		}
	}
}

// TestWholeFrameScenes: a scene whose inspection says its tiles cannot
// equal its whole frame (Blender 5.x with an unbiased volume) is submitted
// as whole frames, saying why, unless --tiles is given, which is refused
// with the reason and the fix; other scenes keep their tiles.
func TestWholeFrameScenes(t *testing.T) {
	why := "Blender 5.2 samples unbiased volumes differently when a region of the frame is rendered alone"
	tests := []struct {
		name      string
		whole     []string
		tilesFlag bool
		wantTiles string
		wantErr   bool
	}{
		{"volume, tiles not given", []string{why}, false, "1x1", false},
		{"volume, --tiles 4x4", []string{why}, true, "4x4", true},
		{"no reason", nil, false, "4x4", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := JobSpec{Tiles: tiler.Grid{Cols: 4, Rows: 4}}
			u := &renderer.SceneUsage{Volumes: tc.whole != nil, WholeFrame: tc.whole}
			taken := spec.TakeScene(renderer.SceneInfo{Usage: u}, func(name string) bool { return name == "tiles" && tc.tilesFlag })
			if spec.Tiles.String() != tc.wantTiles {
				t.Errorf("tiles %s, want %s", spec.Tiles, tc.wantTiles)
			}
			if tc.whole != nil && !tc.tilesFlag && !strings.Contains(strings.Join(taken, ", "), why) {
				t.Errorf("submit says %q: want the reason it renders whole frames", taken)
			}
			err := TilesExact(spec, u)
			if tc.wantErr != (err != nil) || err != nil && (!strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "tiles 1x1")) {
				t.Errorf("TilesExact: %v, want an error %v naming the reason and tiles 1x1", err, tc.wantErr)
			}
		})
	}
}

// TestSceneDefaultsOutput: the scene's output format, depth, JPEG quality
// and PNG compression become the job's unless a flag gives them, and each
// one taken is said; a format the farm does not write is said too, never
// replaced silently. Blender's default compression is the farm's default
// too, so it is neither set nor said.
func TestSceneDefaultsOutput(t *testing.T) {
	tests := []struct {
		name, format, depth string
		quality             int
		compression         *int
		given               []string
		want                JobSpec
		took                string
	}{
		{"jpeg", "JPEG", "8", 75, nil, nil, JobSpec{Format: FormatJPEG, Quality: 75, Depth: 8}, "JPEG output (quality 75)"},
		{"jpeg, quality given", "JPEG", "8", 75, nil, []string{"quality"}, JobSpec{Format: FormatJPEG, Quality: 60, Depth: 8}, "JPEG output (quality 60)"},
		{"tiff 16", "TIFF", "16", 90, nil, nil, JobSpec{Format: FormatTIFF, Depth: 16}, "TIFF output, 16-bit output"},
		{"png 16, format given", "PNG", "16", 90, nil, []string{"format"}, JobSpec{Format: FormatTIFF, Depth: 16}, "16-bit output"},
		{"jpeg scene, png asked", "JPEG", "8", 75, nil, []string{"format"}, JobSpec{Depth: 8}, ""},
		{"multilayer exr", "OPEN_EXR_MULTILAYER", "32", 90, nil, nil, JobSpec{Format: FormatEXRLayers, Depth: 8}, "OpenEXR MultiLayer output (32-bit float, ZIP compression)"},
		{"multilayer exr, half", "OPEN_EXR_MULTILAYER", "16", 90, nil, nil, JobSpec{Format: FormatEXRLayers, Depth: 8}, "OpenEXR MultiLayer output (half float colour, 32-bit float data passes, ZIP compression)"},
		{"multilayer exr, given exr", "OPEN_EXR_MULTILAYER", "32", 90, nil, []string{"format"}, JobSpec{Depth: 8}, ""},
		{"webp", "WEBP", "8", 90, nil, nil, JobSpec{Depth: 8}, "output format is WEBP, which the farm does not write: frames are PNG"},
		{"png, no compression", "PNG", "8", 90, ptr(0), nil, JobSpec{Depth: 8, Compression: ptr(0)}, "PNG compression 0%"},
		{"png, compression 90", "PNG", "8", 90, ptr(90), nil, JobSpec{Depth: 8, Compression: ptr(90)}, "PNG compression 90%"},
		{"png, Blender's default", "PNG", "8", 90, ptr(15), nil, JobSpec{Depth: 8}, ""},
		{"png, compression given", "PNG", "8", 90, ptr(90), []string{"compression"}, JobSpec{Depth: 8, Compression: ptr(40)}, ""},
		{"jpeg keeps no compression", "JPEG", "8", 90, ptr(90), nil, JobSpec{Format: FormatJPEG, Quality: 90, Depth: 8}, "JPEG output (quality 90)"},
		{"jpeg scene, png asked, its hidden compression not taken", "JPEG", "8", 75, ptr(90), []string{"format"}, JobSpec{Depth: 8}, ""},
		{"a release that does not say", "PNG", "8", 90, nil, nil, JobSpec{Depth: 8}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := JobSpec{Depth: 8}
			if slices.Contains(tc.given, "quality") {
				spec.Quality = 60
			}
			if tc.name == "png 16, format given" {
				spec.Format = FormatTIFF
			}
			if slices.Contains(tc.given, "compression") {
				spec.Compression = ptr(40)
			}
			info := renderer.SceneInfo{Usage: &renderer.SceneUsage{FileFormat: tc.format, ColorDepth: tc.depth, Quality: tc.quality, Compression: tc.compression,
				Engine: "CYCLES", Layers: []string{"ViewLayer.Combined", "ViewLayer.Depth"}}}
			took := strings.Join(spec.TakeScene(info, func(n string) bool { return slices.Contains(tc.given, n) }), ", ")
			if !reflect.DeepEqual(spec, tc.want) {
				t.Errorf("took %+v, want %+v", spec, tc.want)
			}
			if !strings.Contains(took, tc.took) || (tc.took == "" && took != "") {
				t.Errorf("said %q, want %q", took, tc.took)
			}
		})
	}
}

func ptr(v int) *int { return &v }

// TestSceneMultilayerFallsBack: a scene saved as OpenEXR MultiLayer that
// the farm cannot write so (denoised, as Blender's default Cycles scene
// is; Eevee; through the sequencer; too many channels) renders as before,
// single-layer OpenEXR, and says why and how to get every pass; asked
// for without denoising, it is multilayer.
func TestSceneMultilayerFallsBack(t *testing.T) {
	layers := []string{"ViewLayer.Combined", "ViewLayer.Depth"}
	for _, tc := range []struct {
		name  string
		usage renderer.SceneUsage
		given []string
		want  string
		said  string
	}{
		{"denoised", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, Denoise: true}, nil, FormatEXR, "with denoising off, every pass is written"},
		{"denoising declined", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, Denoise: true}, []string{"denoise"}, FormatEXRLayers, "OpenEXR MultiLayer output"},
		{"Eevee", renderer.SceneUsage{Engine: "BLENDER_EEVEE"}, nil, FormatEXR, "Cycles scenes only, and this one renders with BLENDER_EEVEE"},
		{"sequencer", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, Sequencer: true}, nil, FormatEXR, "video sequencer"},
		{"too many channels", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, LayerChannels: make([]string, 125), Compositing: true}, nil, FormatEXR, "129 channels"},
		{"stamped", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, Stamp: []string{"frame"}}, nil, FormatEXR, "Burn Into Image"},
		{"at the most channels", renderer.SceneUsage{Engine: "CYCLES", Layers: layers, LayerChannels: make([]string, 124), Compositing: true}, nil, FormatEXRLayers, "OpenEXR MultiLayer output"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := tc.usage
			u.FileFormat, u.ColorDepth = "OPEN_EXR_MULTILAYER", "32"
			spec := JobSpec{Depth: 8}
			took := strings.Join(spec.TakeScene(renderer.SceneInfo{Usage: &u}, func(n string) bool { return slices.Contains(tc.given, n) }), ", ")
			if spec.Format != tc.want || !strings.Contains(took, tc.said) {
				t.Errorf("format %q, said %q; want %q, saying %q", spec.Format, took, tc.want, tc.said)
			}
		})
	}
}
