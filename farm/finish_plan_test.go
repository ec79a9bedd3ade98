package farm

import (
	"errors"
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
		{"composited tiles", comp, tiler.Grid{Cols: 4, Rows: 4}, true, ""},
		{"no pass named", &renderer.SceneUsage{Compositing: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "names no render pass"},
		{"bloom", &renderer.SceneUsage{ScreenEffects: []string{"bloom", "volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, "(bloom)"},
		{"volumetric lighting alone", &renderer.SceneUsage{ScreenEffects: []string{"volumetrics"}}, tiler.Grid{Cols: 2, Rows: 1}, false, ""},
		{"sequencer", &renderer.SceneUsage{Sequencer: true}, tiler.Grid{Cols: 2, Rows: 1}, false, "sequencer"},
		{"denoised tiles", comp, tiler.Grid{Cols: 2, Rows: 2}, false, "denoised whole"},
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
			if got := len(j.passNames) > 0; got != tc.wantPasses {
				t.Fatalf("raw passes %v, want %v", got, tc.wantPasses)
			}
			if tc.usage != nil && j.adaptive != tc.usage.AdaptiveSampling {
				t.Errorf("adaptive sampling %v, want the scene's %v", j.adaptive, tc.usage.AdaptiveSampling)
			}
		})
	}
}
