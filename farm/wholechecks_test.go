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
// compositor's glare, composited in place, spreads from outside the crop,
// a Tone Map averages the whole frame, and an Image node's plate lands
// where the frame is. No honest node is convicted, and the frame equals
// Blender's own.
func TestWholeFramesCheckedWhole(t *testing.T) {
	needBlender(t)
	for _, tc := range []struct{ name, expr string }{
		{"freestyle", "s.render.use_freestyle = True\ns.render.line_thickness_mode = 'ABSOLUTE'\ns.render.line_thickness = 2.0"},
		{"glare composited in place", ""},
		// The composite scene's glare and lens distortion replaced:
		// Tone Map averages the whole frame, and an Image node's plate
		// lands where the frame is (every pixel of a corner crop differed
		// from the whole frame's, by up to 11,157/65,535 for the plate).
		{"tone map composited in place", compositeWith +
			"n = t.nodes.new('CompositorNodeTonemap')\nn.tonemap_type = 'RD_PHOTORECEPTOR'\nt.links.new(rl.outputs['Image'], n.inputs['Image'])\nt.links.new(n.outputs['Image'], co.inputs['Image'])"},
		{"an image plate composited in place", compositeWith +
			"im = bpy.data.images.new('plate', 64, 40)\nim.pixels = [v for y in range(40) for x in range(64) for v in (x / 63, y / 39, 0.5, 1.0)]\nim.pack()\n" +
			"n = t.nodes.new('CompositorNodeImage')\nn.image = im\nm = t.nodes.new('CompositorNodeMixRGB')\nm.inputs[0].default_value = 0.5\n" +
			"t.links.new(rl.outputs['Image'], m.inputs[1])\nt.links.new(n.outputs['Image'], m.inputs[2])\nt.links.new(m.outputs['Image'], co.inputs['Image'])"},
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

// compositeWith, the start of a change to the composite scene, leaves its
// compositor the Render Layers (rl) and the Composite (co) nodes of its
// tree t, to be joined by the nodes the rest of the change adds.
const compositeWith = "t = s.node_tree\nfor n in [n for n in t.nodes if n.type not in ('R_LAYERS', 'COMPOSITE')]:\n    t.nodes.remove(n)\n" +
	"rl = [n for n in t.nodes if n.type == 'R_LAYERS'][0]\nco = [n for n in t.nodes if n.type == 'COMPOSITE'][0]\n"

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
