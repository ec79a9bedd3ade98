package farm_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// TestRenderRegion: a scene saved with a render region (Blender's border,
// as Ctrl+B in a camera view sets it) renders that region alone and its
// frames equal Blender's own render of it (blender -b -f) near-exactly,
// alpha included: cropped (the region alone), and not (the whole frame,
// empty outside the region: transparent where the file has alpha, black
// where not); composited over the region alone as Blender composites it
// (its Glare and Lens Distortion see the region's edges), tiled and
// finished, tiled and stitched, and as one whole task. The farm rendered
// the whole frame.
func TestRenderRegion(t *testing.T) {
	needBlender(t)
	border := [4]float32{0.1, 0.7, 0.3, 0.85}
	for _, tc := range []struct {
		name  string
		expr  string // the artist's settings, beside the border
		crop  bool
		tiles tiler.Grid
	}{
		{"finished, the rest transparent", "", false, tiler.Grid{Cols: 4, Rows: 4}},
		{"finished, cropped", "", true, tiler.Grid{Cols: 4, Rows: 4}},
		{"stitched, the rest black", "s.render.use_compositing = False\ns.render.image_settings.color_mode = 'RGB'", false, tiler.Grid{Cols: 3, Rows: 2}},
		{"one task, cropped", "", true, tiler.Grid{Cols: 1, Rows: 1}},
		{"one task, the rest transparent", "", false, tiler.Grid{Cols: 1, Rows: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			expr := fmt.Sprintf("s.render.use_border, s.render.use_crop_to_border = True, %s\n"+
				"s.render.border_min_x, s.render.border_max_x, s.render.border_min_y, s.render.border_max_y = %g, %g, %g, %g",
				map[bool]string{true: "True", false: "False"}[tc.crop], border[0], border[1], border[2], border[3])
			if tc.expr != "" {
				expr += "\n" + tc.expr
			}
			scene := buildScene(t, "composite", expr)
			nodes := blenderNodes(t, func(honest renderer.Renderer) renderer.Renderer { return honest })
			c := api.NewClient(nodes[0].URL())
			ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
			defer cancel()
			job := submitScene(ctx, t, c, scene, func(s *api.JobSpec) {
				s.Tiles = tc.tiles
				s.Region = api.BorderRegion(border, tc.crop, s.Resolution)
			})
			job.wait(ctx, t)
			st, err := c.Status(ctx, job.id)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Convicted) > 0 {
				t.Errorf("honest nodes convicted: %v", st.Convicted)
			}
			job.matchesBlender(ctx, t)
		})
	}
}
