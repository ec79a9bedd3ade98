package farm

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestPlanPasses: how a job's frames are made follows from what the scene
// uses; what tiles cannot reproduce is refused with the reason and the fix.
// Whether some node can finish the frames is the cluster's question
// (TestFinishOnWorker), not the plan's.
func TestPlanPasses(t *testing.T) {
	comp := &renderer.SceneUsage{Compositing: true, Passes: []string{"ViewLayer.Combined"}, AdaptiveSampling: true}
	tests := []struct {
		name       string
		usage      *renderer.SceneUsage
		tiles      tiler.Grid
		wantPasses bool
		wantErr    string
	}{
		{"nothing known", nil, tiler.Grid{Cols: 2, Rows: 2}, false, ""},
		{"whole frame composites in place", comp, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"spatial compositor in place", &renderer.SceneUsage{Compositing: true, Passes: []string{"ViewLayer.Combined"}, SpatialNodes: []string{"GLARE"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"composited tiles", comp, tiler.Grid{Cols: 4, Rows: 4}, true, ""},
		{"no pass named", &renderer.SceneUsage{Compositing: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "names no render pass"},
		{"bloom", &renderer.SceneUsage{ScreenEffects: []string{"bloom", "volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, "(bloom)"},
		{"volumetric lighting alone", &renderer.SceneUsage{ScreenEffects: []string{"volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, ""},
		{"sequencer", &renderer.SceneUsage{Sequencer: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "sequencer"},
		{"denoised tiles of a glTF", nil, tiler.Grid{Cols: 2, Rows: 2}, false, "denoised whole"},
		{"denoised tiles", comp, tiler.Grid{Cols: 2, Rows: 2}, true, ""},
		{"denoised tiles, no compositor", &renderer.SceneUsage{Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 1}, true, ""},
		{"denoised whole frame", comp, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"unbiased volume in tiles", &renderer.SceneUsage{Volumes: true, WholeFrame: []string{"Blender 5.2 samples unbiased volumes differently"}}, tiler.Grid{Cols: 2, Rows: 2}, false, "unbiased volumes"},
		{"opaque tiles, no compositor", &renderer.SceneUsage{Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 2}, false, ""},
		{"transparent film in tiles", &renderer.SceneUsage{Transparent: true, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 2}, true, ""},
		{"black and white", &renderer.SceneUsage{ColorMode: "BW", Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 2}, true, ""},
		{"black and white whole", &renderer.SceneUsage{ColorMode: "BW", Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, true, ""},
		{"transparent film whole", &renderer.SceneUsage{Transparent: true, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, true, ""},
		{"transparent film whole through its sequencer", &renderer.SceneUsage{Transparent: true, Sequencer: true, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"unbiased volume whole", &renderer.SceneUsage{Volumes: true, WholeFrame: []string{"Blender 5.2 samples unbiased volumes differently"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"an unbaked simulation", &renderer.SceneUsage{Simulations: []string{"Cube: Cloth is not baked"}}, tiler.Grid{Cols: 1, Rows: 1}, false, "Cube: Cloth is not baked: Blender simulates it"},
		{"a Python driver", &renderer.SceneUsage{Scripts: []string{"Cube: the driver of location[0] ((lambda f: f)(frame)) does not run"}}, tiler.Grid{Cols: 1, Rows: 1}, false, "does not run: nodes run no Python from scenes"},
		{"stereoscopic", &renderer.SceneUsage{Views: []string{"left", "right"}}, tiler.Grid{Cols: 1, Rows: 1}, false, "renders 2 views of each frame (Output > Stereoscopy: left, right)"},
		{"one view of a multi-view scene", &renderer.SceneUsage{Views: []string{"left"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"bloom whole, stamped", &renderer.SceneUsage{ScreenEffects: []string{"bloom"}, Stamp: []string{"frame"}, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, true, ""},
		{"freestyle whole", &renderer.SceneUsage{WholeFrame: []string{"Freestyle draws its lines from the region rendered"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"freestyle in tiles", &renderer.SceneUsage{WholeFrame: []string{"Freestyle draws its lines from the region rendered"}}, tiler.Grid{Cols: 2, Rows: 2}, false, "Freestyle"},
		// A burned-in stamp is drawn once, by the finish.
		{"stamped tiles", &renderer.SceneUsage{Stamp: []string{"frame"}, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 2}, true, ""},
		{"stamped whole frame", &renderer.SceneUsage{Stamp: []string{"frame"}, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, true, ""},
		{"stamped whole frame through its sequencer", &renderer.SceneUsage{Stamp: []string{"frame"}, Sequencer: true, Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
	}
	checkedWhole := map[string]bool{
		"unbiased volume whole": true, "freestyle whole": true,
		"transparent film whole through its sequencer": true, "stamped whole frame through its sequencer": true,
		"spatial compositor in place": true, "bloom whole, stamped": true,
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &job{spec: api.JobSpec{SceneName: "s.blend", Tiles: tc.tiles, Denoise: strings.HasPrefix(tc.name, "denoised")}}
			err := (&coordinator{}).planPasses(j, renderer.SceneInfo{Usage: tc.usage})
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, api.ErrBadJob) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want a bad job naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(j.framing.Passes) > 0; got != tc.wantPasses {
				t.Fatalf("raw passes %v, want %v", got, tc.wantPasses)
			}
			if j.spec.Denoise && tc.wantPasses {
				// The tiles stay noisy, carry the denoiser's guides, and so
				// need no denoiser on the nodes that render them; the finish
				// does (finishFeature).
				want := []string{"ViewLayer.Combined", "ViewLayer.Denoising Albedo", "ViewLayer.Denoising Normal"}
				if !slices.Equal(j.framing.Passes, want) || j.demand().Denoise || j.finishDemand().Needs != renderer.FeatureDenoise {
					t.Errorf("passes %v, demand %+v, finish demand %+v: want %v, tiles from any node, finishes by denoisers", j.framing.Passes, j.demand(), j.finishDemand(), want)
				}
			}
			if tc.usage != nil && j.framing.Adaptive != tc.usage.AdaptiveSampling {
				t.Errorf("adaptive sampling %v, want the scene's %v", j.framing.Adaptive, tc.usage.AdaptiveSampling)
			}
			// A frame whose pixels depend on the whole frame, rendered
			// in place, is checked whole.
			if want := checkedWhole[tc.name]; j.framing.WholeChecks != want {
				t.Errorf("whole checks %v, want %v", j.framing.WholeChecks, want)
			}
		})
	}
}

// TestFinishRelease: a composited job is bound to the release the most
// members can finish with, among those new enough for the scene and those
// some member can render its tiles with (its device); none while no
// member can finish, or none of the finishers' releases can render.
func TestFinishRelease(t *testing.T) {
	member := func(id, build string) api.Member {
		return api.Member{NodeMeta: api.NodeMeta{ID: id, Renderers: map[string]string{"blender": build}}}
	}
	tests := []struct {
		name       string
		minVersion string
		device     string
		members    []api.Member
		want       string
	}{
		{"no finisher", "", "", []api.Member{member("a", "blender-3.4.1/cycles-cpu"), member("b", "blender-4.3.2/cycles-cpu")}, ""},
		{"the coordinator cannot, workers can", "", "", []api.Member{member("coord", "blender-4.3.2/cycles-cpu"), member("w1", "blender-3.4.1/cycles-cpu+finish"), member("w2", "blender-3.4.1/cycles-cpu+gl+finish")}, "blender-3.4.1"},
		{"the most finishers", "", "", []api.Member{member("a", "blender-4.3.2/cycles-cpu+finish"), member("b", "blender-3.4.1/cycles-cpu+finish"), member("c", "blender-4.3.2/cycles-cuda+finish")}, "blender-4.3.2"},
		{"too old for the scene", "4.0", "", []api.Member{member("a", "blender-3.4.1/cycles-cpu+finish"), member("b", "blender-3.4.1/cycles-cpu+finish"), member("c", "blender-4.3.2/cycles-cpu+finish")}, "blender-4.3.2"},
		// The CUDA node has 3.4 alone: binding to 4.3, which more members
		// can finish with, left the tiles without a node for good.
		{"the device's release", "", "CUDA", []api.Member{member("a", "blender-4.3.2/cycles-cpu+finish"), member("b", "blender-4.3.2/cycles-cpu+finish"), member("c", "blender-4.3.2/cycles-cpu+finish"), member("gpu", "blender-3.4.1/cycles-cuda"), member("d", "blender-3.4.1/cycles-cpu+finish")}, "blender-3.4.1"},
		{"no finisher of the device's release", "", "CUDA", []api.Member{member("a", "blender-4.3.2/cycles-cpu+finish"), member("b", "blender-4.3.2/cycles-cpu+finish"), member("gpu", "blender-3.4.1/cycles-cuda")}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tiles := demand{Renderer: "blender", MinVersion: tc.minVersion, Device: tc.device}
			fin := demand{Renderer: "blender", MinVersion: tc.minVersion, Needs: renderer.FeatureFinish}
			if got := finishRelease(tiles, fin, tc.members); got != tc.want {
				t.Fatalf("release %q, want %q", got, tc.want)
			}
		})
	}
}

// TestBlockedAll: a job gives up on a task only when every member that
// could take it failed it too often: for a finish task the finishers, not
// a coordinator that cannot finish.
func TestBlockedAll(t *testing.T) {
	members := []api.Member{
		{NodeMeta: api.NodeMeta{ID: "coord", Renderers: map[string]string{"blender": "blender-3.4.1/cycles-cpu"}}},
		{NodeMeta: api.NodeMeta{ID: "w1", Renderers: map[string]string{"blender": "blender-3.4.1/cycles-cpu+finish"}}},
		{NodeMeta: api.NodeMeta{ID: "w2", Renderers: map[string]string{"blender": "blender-3.4.1/cycles-cpu+finish"}}},
	}
	tests := []struct {
		name     string
		failures map[string]int
		finish   bool
		want     bool
	}{
		{"every finisher failed the finish", map[string]int{"w1": blockAfter, "w2": blockAfter}, true, true},
		{"one finisher left", map[string]int{"w1": blockAfter, "w2": blockAfter - 1}, true, false},
		{"tiles: the coordinator can still render", map[string]int{"w1": blockAfter, "w2": blockAfter}, false, false},
		{"tiles: everyone failed", map[string]int{"coord": blockAfter, "w1": blockAfter, "w2": blockAfter}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &job{spec: api.JobSpec{Renderer: "blender"}, release: "blender-3.4.1", failures: tc.failures}
			d := j.demand()
			if tc.finish {
				d = j.finishDemand()
			}
			if got := (&coordinator{}).blockedAll(j, d, members); got != tc.want {
				t.Fatalf("blockedAll = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestPlanDither: a stitched 8-bit frame is rounded with the scene's
// dither; a 16-bit or float one has none to round, and a finished one is
// written, dithered, by Blender itself.
func TestPlanDither(t *testing.T) {
	one, half := float32(1), float32(0.5)
	comp := &renderer.SceneUsage{Compositing: true, Passes: []string{"ViewLayer.Combined"}, Dither: &one}
	for _, tc := range []struct {
		name   string
		usage  *renderer.SceneUsage
		format string
		depth  int
		tiles  tiler.Grid
		want   float32
	}{
		{"8-bit PNG tiles", &renderer.SceneUsage{Dither: &one}, "", 8, tiler.Grid{Cols: 2, Rows: 2}, 1},
		{"8-bit PNG whole", &renderer.SceneUsage{Dither: &half}, "", 8, tiler.Grid{Cols: 1, Rows: 1}, 0.5},
		{"JPEG", &renderer.SceneUsage{Dither: &one}, api.FormatJPEG, 8, tiler.Grid{Cols: 2, Rows: 2}, 1},
		{"16-bit PNG", &renderer.SceneUsage{Dither: &one}, "", 16, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"OpenEXR", &renderer.SceneUsage{Dither: &one}, api.FormatEXR, 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"an older node's inspection", &renderer.SceneUsage{}, "", 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"finished by Blender", comp, "", 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"composited whole in place", comp, "", 8, tiler.Grid{Cols: 1, Rows: 1}, 1},
		{"an inspection (no depth: 8 bits)", &renderer.SceneUsage{Dither: &one}, "", 0, tiler.Grid{Cols: 2, Rows: 2}, 1},
		{"transparent film", &renderer.SceneUsage{Transparent: true, Passes: []string{"ViewLayer.Combined"}, Dither: &one}, "", 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"black and white", &renderer.SceneUsage{ColorMode: "BW", Passes: []string{"ViewLayer.Combined"}, Dither: &one}, "", 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"uncropped region, RGBA", &renderer.SceneUsage{ColorMode: "RGBA", Passes: []string{"ViewLayer.Combined"}, Dither: &one}, "uncropped", 8, tiler.Grid{Cols: 2, Rows: 2}, 0},
		{"uncropped region, RGB", &renderer.SceneUsage{ColorMode: "RGB", Passes: []string{"ViewLayer.Combined"}, Dither: &one}, "uncropped", 8, tiler.Grid{Cols: 2, Rows: 2}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := api.JobSpec{SceneName: "s.blend", Renderer: "blender", Format: tc.format, Depth: tc.depth, Tiles: tc.tiles, Resolution: tiler.Resolution{Width: 64, Height: 48}}
			if tc.format == "uncropped" {
				spec.Format, spec.Region = "", &api.Region{X0: 8, Y0: 8, X1: 40, Y1: 32}
			}
			plan, err := PlanFrames(spec, renderer.SceneInfo{Usage: tc.usage})
			if err != nil {
				t.Fatal(err)
			}
			if plan.Dither != tc.want {
				t.Errorf("dither %v, want %v", plan.Dither, tc.want)
			}
		})
	}
}

// TestPlanLayers: an OpenEXR MultiLayer job's tiles carry every pass of
// every view layer (and the compositor's), a finish task composites each
// frame only when the scene's render runs its compositor, the file keeps
// the scene's depth and a compression the farm writes, and what the farm
// cannot write as Blender does is refused, saying why and what to do.
func TestPlanLayers(t *testing.T) {
	one := float32(1)
	layers := []string{"Second.Combined", "ViewLayer.Combined", "ViewLayer.CryptoObject", "ViewLayer.Depth"}
	cycles := func(change func(u *renderer.SceneUsage)) *renderer.SceneUsage {
		u := &renderer.SceneUsage{Engine: "CYCLES", Layers: layers, Passes: []string{"ViewLayer.Combined"}, ColorDepth: "32", EXRCodec: "ZIP", Dither: &one}
		if change != nil {
			change(u)
		}
		return u
	}
	many := make([]string, 33)
	for i := range many {
		many[i] = fmt.Sprintf("ViewLayer.AOV%02d", i)
	}
	for _, tc := range []struct {
		name    string
		usage   *renderer.SceneUsage
		tiles   tiler.Grid
		denoise bool
		want    *api.LayersPlan
		wantErr string
	}{
		{"passes alone", cycles(nil), tiler.Grid{Cols: 2, Rows: 2}, false, &api.LayersPlan{Passes: layers, Codec: "ZIP"}, ""},
		{"whole frames too", cycles(nil), tiler.Grid{Cols: 1, Rows: 1}, false, &api.LayersPlan{Passes: layers, Codec: "ZIP"}, ""},
		{"composited", cycles(func(u *renderer.SceneUsage) { u.Compositing = true }), tiler.Grid{Cols: 2, Rows: 2}, false,
			&api.LayersPlan{Passes: layers, Composite: true, Codec: "ZIP"}, ""},
		{"half, PIZ", cycles(func(u *renderer.SceneUsage) { u.ColorDepth, u.EXRCodec = "16", "PIZ" }), tiler.Grid{Cols: 2, Rows: 2}, false,
			&api.LayersPlan{Passes: layers, Half: true, Codec: "ZIP"}, ""},
		{"channels kept, sorted", cycles(func(u *renderer.SceneUsage) { u.LayerChannels = []string{"ViewLayer.Depth.Z", "ViewLayer.Combined.R"} }), tiler.Grid{Cols: 2, Rows: 2}, false,
			&api.LayersPlan{Passes: layers, Channels: []string{"ViewLayer.Combined.R", "ViewLayer.Depth.Z"}, Codec: "ZIP"}, ""},
		{"a compositor pass beyond the list: checked by name", cycles(func(u *renderer.SceneUsage) {
			u.Compositing, u.LayerChannels, u.Passes = true, []string{"ViewLayer.Combined.R"}, []string{"ViewLayer.Extra"}
		}), tiler.Grid{Cols: 2, Rows: 2}, false, nil, "!extra"},
		{"a view layer named Composite", cycles(func(u *renderer.SceneUsage) {
			u.Compositing, u.Layers = true, []string{"Composite.Combined", "ViewLayer.Combined"}
		}), tiler.Grid{Cols: 2, Rows: 2}, false, nil, `named "Composite"`},
		{"RLE kept", cycles(func(u *renderer.SceneUsage) { u.EXRCodec = "RLE" }), tiler.Grid{Cols: 2, Rows: 2}, false, &api.LayersPlan{Passes: layers, Codec: "RLE"}, ""},
		{"a glTF", nil, tiler.Grid{Cols: 2, Rows: 2}, false, nil, "the pathtracer renderer has not"},
		{"Eevee", &renderer.SceneUsage{Engine: "BLENDER_EEVEE"}, tiler.Grid{Cols: 2, Rows: 2}, false, nil, "Cycles scenes only"},
		{"Cycles, passes not listed", &renderer.SceneUsage{Engine: "CYCLES"}, tiler.Grid{Cols: 2, Rows: 2}, false, nil, "listed none of the scene's render passes"},
		{"denoised", cycles(nil), tiler.Grid{Cols: 2, Rows: 2}, true, nil, "with denoising off, every pass is written"},
		{"sequencer", cycles(func(u *renderer.SceneUsage) { u.Sequencer = true }), tiler.Grid{Cols: 1, Rows: 1}, false, nil, "sequencer"},
		{"tiles inexact", cycles(func(u *renderer.SceneUsage) { u.WholeFrame = []string{"unbiased volumes"} }), tiler.Grid{Cols: 2, Rows: 2}, false, nil, "tiles 1x1"},
		{"too many channels", cycles(func(u *renderer.SceneUsage) { u.LayerChannels, u.Compositing = make([]string, 125), true }), tiler.Grid{Cols: 2, Rows: 2}, false, nil, "129 channels"},
		{"too many passes, channels not said", cycles(func(u *renderer.SceneUsage) { u.Layers = many }), tiler.Grid{Cols: 2, Rows: 2}, false, nil, "132 channels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := api.JobSpec{SceneName: "s.blend", Renderer: "blender", Format: api.FormatEXRLayers, Depth: 8, Tiles: tc.tiles, Denoise: tc.denoise,
				Resolution: tiler.Resolution{Width: 64, Height: 48}}
			if tc.usage == nil {
				spec.Renderer = "pathtracer"
			}
			plan, err := PlanFrames(spec, renderer.SceneInfo{Usage: tc.usage})
			if tc.wantErr == "!extra" {
				if err != nil || plan.Layers == nil || plan.Layers.Channels != nil || !slices.Contains(plan.Passes, "ViewLayer.Extra") {
					t.Fatalf("plan %+v, %v: want the extra pass carried and the channels unchecked", plan.Layers, err)
				}
				return
			}
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, api.ErrBadJob) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want a bad job naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(plan.Layers, tc.want) {
				t.Errorf("layers %+v, want %+v", plan.Layers, tc.want)
			}
			if !slices.Equal(plan.Passes, layers) || plan.Dither != 0 || plan.Finishes() != tc.want.Composite {
				t.Errorf("tiles carry %v, dither %v, finishes %v: want %v, none, %v", plan.Passes, plan.Dither, plan.Finishes(), layers, tc.want.Composite)
			}
			j := &job{spec: spec, byFrame: map[int][]*task{}}
			j.framing.Passes, j.framing.Layers = plan.Passes, plan.Layers
			j.planTasks()
			if finishes := len(j.tasks) - len(spec.Plan()); finishes != map[bool]int{true: 1}[tc.want.Composite] {
				t.Errorf("%d finish tasks for the frame, want one only to composite", finishes)
			}
		})
	}
}
