package tiler_test

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestStitchMatchesWholeFrame renders each bundled scene whole and as tiles
// of several grids (uneven edges included), stitches the tiles with tiler,
// and demands identical pixels: the property the whole farm rests on.
func TestStitchMatchesWholeFrame(t *testing.T) {
	res := tiler.Resolution{Width: 48, Height: 36}
	grids := []tiler.Grid{{1, 1}, {2, 2}, {3, 2}, {4, 4}, {7, 5}}
	rend := pathtracer.New(pathtracer.DefaultConfig())
	ctx := context.Background()
	for _, name := range scenes.Names() {
		t.Run(name, func(t *testing.T) {
			data, _ := scenes.Bytes(name)
			path := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			task := renderer.Task{Scene: path, Frame: 1, Width: res.Width, Height: res.Height, Samples: 4, Seed: 3}
			whole, err := rend.Render(ctx, task)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range grids {
				var tiles []image.Image
				for _, r := range tiler.Split(res.Rect(), g) {
					tt := task
					tt.Region = r
					out, err := rend.Render(ctx, tt)
					if err != nil {
						t.Fatalf("tile %v: %v", r, err)
					}
					tiles = append(tiles, out.Image)
				}
				frame, err := tiler.Stitch(res, tiles)
				if err != nil {
					t.Fatalf("grid %v: %v", g, err)
				}
				if string(frame.Pix) != string(whole.Image.Pix) {
					t.Fatalf("grid %v: stitched frame differs from the whole frame", g)
				}
			}
		})
	}
}
