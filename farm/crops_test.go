package farm

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
	"github.com/conun/conun/verifier"
)

// TestLazyCaughtOnFlatTiles: a lazy worker (a quarter of the samples) on
// the mostly flat background tiles of a composited scene differs from an
// honest render in a few pixels only, at the edges of what the tile
// shows. Crops drawn by the detail of the worker's own check image find
// them: every such tile is caught under the near-exact rule for nearly
// every seed, where uniform crops (as drawn before) miss most of them. An
// honest render of the whole frame stands in for the checker's crops:
// crops and tiles of one render are exact (tiles are stitched from them).
func TestLazyCaughtOnFlatTiles(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs it)")
	}
	scene := filepath.Join(t.TempDir(), "composite.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_composite.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build the scene: %v\n%s", err, out)
	}
	rend, err := blender.New(blender.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer rend.Close()
	ctx := context.Background()
	info, err := rend.Inspect(ctx, scene)
	if err != nil {
		t.Fatal(err)
	}
	const w, h, samples = 96, 64, 8
	render := func(samples int) *renderer.Passes {
		res, err := rend.Render(ctx, renderer.Task{Scene: scene, Frame: 1, Width: w, Height: h, Samples: samples, Seed: 1,
			Passes: true, AdaptiveSampling: info.Usage != nil && info.Usage.AdaptiveSampling})
		if err != nil {
			t.Fatal(err)
		}
		return res.Passes
	}
	honest, lazy := render(samples), render(samples/4)

	const seeds = 50
	tol := verifier.DefaultThresholds(verifier.NearExact).Tolerance
	flatTiles := 0
	for i, r := range tiler.Split(tiler.Resolution{Width: w, Height: h}.Rect(), tiler.Grid{Cols: 4, Rows: 4}) {
		want, got := checkImage(honest.Crop(r)), checkImage(lazy.Crop(r))
		d := new(verifier.Comparer).Diff(got, want, got.Rect, tol)
		if d.Differing == 0 || d.Differing > r.Dx()*r.Dy()/10 {
			continue // the lazy tile is honest here, or differs all over (any crop sees it)
		}
		flatTiles++
		caught := func(cfg verifier.CropConfig) int {
			n := 0
			for s := range uint64(seeds) {
				crops := verifier.ChooseCrops(got, r, cfg, [2]uint64{s, uint64(i)})
				if compareChecks(got, want, crops, r, verifier.NearExact).Outcome == verifier.Fail {
					n++
				}
			}
			return n
		}
		cfg := cropsFor(verifier.DefaultPolicy().Crops, r, got.Rect)
		uniform := cfg
		uniform.MinStdDev = 1e3 // a floor no variance reaches: every window alike
		byDetail, byChance := caught(cfg), caught(uniform)
		t.Logf("tile %d %v: %d of %d pixels differ; caught for %d of %d seeds by detail, %d uniformly (%d crops of %d px in %d planes)",
			i, r, d.Differing, r.Dx()*r.Dy()*got.Rect.Dy()/r.Dy(), byDetail, seeds, byChance, cfg.Count, cfg.Size, cfg.Planes)
		if byDetail < seeds*95/100 {
			t.Errorf("tile %d: a lazy worker caught for only %d of %d seeds", i, byDetail, seeds)
		}
	}
	if flatTiles == 0 {
		t.Fatal("no tile where the lazy render differs in a few pixels only: the scene no longer tests this")
	}
}
