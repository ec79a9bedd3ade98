package farm_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestStampedFrames: a scene with Output > Metadata > "Burn Into Image"
// gets its stamp once, over the whole frame, as Blender's own render
// draws it, whether split into tiles or rendered as whole frames, and no
// honest node is convicted for it. Before, every tile drew its own stamp
// in its own corner, and a check's crop drew one in the crop: an honest
// worker's whole frame failed its check.
//
// The stamp's fields that describe one render (the date, the render time,
// the .blend's path on the node) differ between a node and its checker;
// the farm leaves them out, so the scene saved with them (Blender's
// defaults) is compared with Blender's render of the scene without them.
func TestStampedFrames(t *testing.T) {
	needBlender(t)
	stamp := []string{
		"r = s.render",
		"r.use_stamp = True",
		"r.use_stamp_note, r.stamp_note_text = True, 'shot 010'",
		"r.use_stamp_lens = True",
	}

	defaults := buildScene(t, "composite", strings.Join(stamp, "\n"))
	// The same file changed, not another build: two builds of one
	// script differ by float noise in their render.
	steady := filepath.Join(t.TempDir(), "steady.blend")
	data, err := os.ReadFile(defaults)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(steady, data, 0o644); err != nil {
		t.Fatal(err)
	}
	changeScene(t, steady, "r = s.render\nr.use_stamp_date = r.use_stamp_render_time = r.use_stamp_filename = False")
	for _, tc := range []struct {
		name  string
		scene string
		tiles tiler.Grid
	}{
		{"blender's fields, tiles", defaults, tiler.Grid{Cols: 2, Rows: 2}},
		{"whole frames", steady, tiler.Grid{Cols: 1, Rows: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			// Three frames: the coordinator's own are not checked.
			job := submitScene(ctx, t, c, tc.scene, func(s *api.JobSpec) {
				s.Tiles, s.Resolution, s.Frames = tc.tiles, tiler.Resolution{Width: 128, Height: 80}, tiler.Frames{Start: 1, End: 3, Step: 1}
			})
			job.wait(ctx, t)
			job.checkedHonestly(ctx, t)
			job.scene = steady
			job.matchesBlender(ctx, t)
		})
	}
}
