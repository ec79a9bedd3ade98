package farm

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/tiler"
)

// finisher is the path tracer with a finish step, so planPasses sees a
// backend that can composite; nothing here renders or finishes.
type finisher struct{ renderer.Renderer }

func (finisher) Finish(context.Context, renderer.FinishTask) (renderer.FinishResult, error) {
	return renderer.FinishResult{}, errors.New("not used")
}

// denoiser is a finisher whose renderer has a denoiser, as a Blender built
// with OpenImageDenoise is (none here: Debian's lacks it), so that the plan
// of a denoised tiled job can be seen; nothing here renders or finishes.
type denoiser struct{ finisher }

func (denoiser) CanDenoise() bool { return true }

// TestPlanPasses: how a job's frames are made follows from what the scene
// uses; what tiles cannot reproduce is refused with the reason and the fix.
func TestPlanPasses(t *testing.T) {
	pt := pathtracer.New(pathtracer.DefaultConfig())
	comp := &renderer.SceneUsage{Compositing: true, Passes: []string{"ViewLayer.Combined"}, AdaptiveSampling: true}
	tests := []struct {
		name       string
		rend       renderer.Renderer
		usage      *renderer.SceneUsage
		tiles      tiler.Grid
		wantPasses bool
		wantErr    string
	}{
		{"nothing known", pt, nil, tiler.Grid{Cols: 2, Rows: 2}, false, ""},
		{"whole frame composites in place", pt, comp, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
		{"composited tiles", finisher{pt}, comp, tiler.Grid{Cols: 4, Rows: 4}, true, ""},
		{"no compositor here", pt, comp, tiler.Grid{Cols: 2, Rows: 1}, false, "--tiles 1x1"},
		{"no pass named", finisher{pt}, &renderer.SceneUsage{Compositing: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "names no render pass"},
		{"bloom", pt, &renderer.SceneUsage{ScreenEffects: []string{"bloom", "volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, "(bloom)"},
		{"volumetric lighting alone", pt, &renderer.SceneUsage{ScreenEffects: []string{"volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, ""},
		{"sequencer", pt, &renderer.SceneUsage{Sequencer: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "sequencer"},
		{"denoised tiles without a denoiser here", finisher{pt}, comp, tiler.Grid{Cols: 2, Rows: 2}, false, "no OpenImageDenoise"},
		{"denoised tiles of a glTF", pt, nil, tiler.Grid{Cols: 2, Rows: 2}, false, "denoised whole"},
		{"denoised tiles", denoiser{finisher{pt}}, comp, tiler.Grid{Cols: 2, Rows: 2}, true, ""},
		{"denoised tiles, no compositor", denoiser{finisher{pt}}, &renderer.SceneUsage{Passes: []string{"ViewLayer.Combined"}}, tiler.Grid{Cols: 2, Rows: 1}, true, ""},
		{"denoised whole frame", pt, comp, tiler.Grid{Cols: 1, Rows: 1}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &job{spec: api.JobSpec{SceneName: "s.blend", Tiles: tc.tiles, Denoise: strings.HasPrefix(tc.name, "denoised")}}
			err := (&coordinator{}).planPasses(j, tc.rend, renderer.SceneInfo{Usage: tc.usage})
			if tc.wantErr != "" {
				if err == nil || !errors.Is(err, api.ErrBadJob) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want a bad job naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(j.passNames) > 0; got != tc.wantPasses {
				t.Fatalf("raw passes %v, want %v", got, tc.wantPasses)
			}
			if tc.wantPasses && j.release != renderer.ParseBuild(tc.rend.Version()).Release() {
				t.Errorf("bound to release %q, want the coordinator's %q", j.release, renderer.ParseBuild(tc.rend.Version()).Release())
			}
			if j.spec.Denoise && tc.wantPasses {
				// The tiles stay noisy, carry the denoiser's guides, and so
				// need no denoiser on the nodes that render them.
				want := []string{"ViewLayer.Combined", "ViewLayer.Denoising Albedo", "ViewLayer.Denoising Normal"}
				if !slices.Equal(j.passNames, want) || j.demand().Denoise {
					t.Errorf("passes %v, demand %+v: want %v, tiles from any node", j.passNames, j.demand(), want)
				}
			}
			if tc.usage != nil && j.adaptive != tc.usage.AdaptiveSampling {
				t.Errorf("adaptive sampling %v, want the scene's %v", j.adaptive, tc.usage.AdaptiveSampling)
			}
		})
	}
}
