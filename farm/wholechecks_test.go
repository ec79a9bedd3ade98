package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestWholeFramesCheckedWhole: scenes whose pixels depend on the whole
// frame render as whole frames, and their frames are checked whole
// (FramePlan.WholeChecks): a check of crops, regions rendered alone,
// convicted honest workers. Freestyle draws its strokes from the region
// rendered (every pixel of the first crop compared differed); a
// compositor's glare, composited in place, spreads from outside the crop.
// No honest node is convicted, and the frame equals Blender's own.
func TestWholeFramesCheckedWhole(t *testing.T) {
	needBlender(t)
	for _, tc := range []struct{ name, expr string }{
		{"freestyle", "s.render.use_freestyle = True\ns.render.line_thickness_mode = 'ABSOLUTE'\ns.render.line_thickness = 2.0"},
		{"glare composited in place", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			scene := buildScene(t, "composite", tc.expr)
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) {
				s.Tiles, s.Resolution, s.Frames = tiler.Grid{Cols: 1, Rows: 1}, tiler.Resolution{Width: 128, Height: 80}, tiler.Frames{Start: 1, End: 3, Step: 1}
			})
			job.wait(ctx, t)
			job.checkedHonestly(ctx, t)
			job.matchesBlender(ctx, t)
		})
	}
}

// checkedHonestly fails the test if the job convicted anyone (its nodes
// are honest) or if none of its tasks was checked and passed: the
// coordinator's own tasks are not checked, so a job of one task may prove
// nothing.
func (j compositedJob) checkedHonestly(ctx context.Context, t *testing.T) {
	t.Helper()
	rep, err := j.c.Report(ctx, j.id)
	if err != nil {
		t.Fatal(err)
	}
	for _, cv := range rep.Convictions {
		t.Errorf("convicted %s for task %d (%s), every node honest", cv.Node, cv.Task, cv.Evidence.Verdict.Reason)
	}
	for _, tr := range rep.Tasks {
		if tr.Verdict == api.VerdictPassed {
			return
		}
	}
	t.Fatalf("no task was checked: the test proves nothing (%+v)", rep.Tasks)
}
