package farm_test

import (
	"context"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestFreestyleFrames: a scene with Freestyle lines (Render > Freestyle)
// renders as whole frames, since a region rendered alone draws other
// strokes, and its frames are checked whole (FramePlan.WholeChecks): a
// check of crops, regions rendered alone, convicted every honest worker
// (every pixel of a crop differed). The frame equals Blender's own.
func TestFreestyleFrames(t *testing.T) {
	needBlender(t)
	scene := buildScene(t, "composite", "s.render.use_freestyle = True\ns.render.line_thickness_mode = 'ABSOLUTE'\ns.render.line_thickness = 2.0")
	nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	// Three frames: the coordinator's own are not checked.
	job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) {
		s.Tiles, s.Resolution, s.Frames = tiler.Grid{Cols: 1, Rows: 1}, tiler.Resolution{Width: 128, Height: 80}, tiler.Frames{Start: 1, End: 3, Step: 1}
	})
	job.wait(ctx, t)
	rep, err := c.Report(ctx, job.id)
	if err != nil {
		t.Fatal(err)
	}
	for _, cv := range rep.Convictions {
		t.Errorf("convicted %s for task %d (%s), every node honest", cv.Node, cv.Task, cv.Evidence.Verdict.Reason)
	}
	passed := 0
	for _, tr := range rep.Tasks {
		if tr.Verdict == api.VerdictPassed {
			passed++
		}
	}
	if passed == 0 {
		t.Fatalf("no frame was checked: the test proves nothing (%+v)", rep.Tasks)
	}
	job.matchesBlender(ctx, t)
}
