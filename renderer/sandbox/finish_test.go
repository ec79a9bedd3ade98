package sandbox

import (
	"context"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
	"github.com/conun/conun/tiler"
)

// TestBlenderFinish: on each image, production scenes saved by that
// image's Blender (spatial compositing; passes read by the compositor; two
// view layers; Cryptomatte; a look and a vignette; motion blur; a volume;
// hair: particles on 3.4, a Curves object on 4.x and 5.x; a transparent
// film, whose alpha only the finish keeps) are rendered as 4x4
// raw-pass tiles (with the scene's adaptive sampling, as the farm renders
// them), stitched and finished, and the frame equals that Blender's own
// whole-frame render (blender -b FILE -f 1) near-exactly.
// The volume scene on 5.x, whose tiles cannot match, must say so instead.
func TestBlenderFinish(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		ctx := context.Background()
		for _, name := range []string{"composite", "passes", "layers", "look", "cryptomatte", "motionblur", "volume", "hair", "default_cycles", "transparent"} {
			t.Run(name, func(t *testing.T) {
				script := name
				if name == "default_cycles" {
					script = "default"
				}
				src := nativeSceneArgs(t, s, img, name, script, name == "default_cycles")
				info, err := b.Inspect(ctx, src)
				if err != nil {
					t.Fatal(err)
				}
				if name == "transparent" {
					if !info.Usage.Transparent || info.Usage.Compositing {
						t.Errorf("usage %+v: want a transparent film, no compositor", info.Usage)
					}
				} else if !info.Usage.Compositing {
					t.Errorf("usage %+v: want compositing", info.Usage)
				}
				if name == "volume" && !strings.HasPrefix(img.version, "3.") && !strings.HasPrefix(img.version, "4.") {
					// 5.x samples unbiased volumes differently in a region
					// rendered alone (measured: 795 of 1248 values of a
					// tile differ): the scene must say so, and render whole.
					if !info.Usage.Volumes || len(info.Usage.WholeFrame) == 0 {
						t.Errorf("usage %+v: want volumes and a reason to render whole frames", info.Usage)
					}
					return
				}
				if len(info.Usage.WholeFrame) > 0 {
					t.Errorf("usage says whole frames only (%q), but its tiles are exact", info.Usage.WholeFrame)
				}
				// The scene's own adaptive sampling, as the farm keeps it
				// (tiles with a margin, Task.AdaptiveSampling).
				task := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 16, Seed: 5, Passes: true,
					AdaptiveSampling: info.Usage.AdaptiveSampling}
				frame := stitchPasses(t, b, task, task.Rect(), tiler.Split(task.Rect(), tiler.Grid{Cols: 4, Rows: 4}))
				res, err := b.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: task.Width, Height: task.Height, Passes: frame})
				if err != nil {
					t.Fatal(err)
				}
				if res.Image == nil {
					t.Fatalf("finish wrote %s, not decoded", res.Ext)
				}
				ref := f12(t, s, src, task)
				if name == "transparent" && ref.Pix[6] != 0 { // the top-left corner shows the world
					t.Errorf("Blender %s's own render of the transparent scene is opaque at its corner: not the scene the test needs", img.version)
				}
				n, worst := diffValues(res.Image, ref)
				// 8-bit output: one level is 257/65535.
				allowed := max(3, task.Width*task.Height*4*5/10000)
				t.Logf("Blender %s, %s: 4x4 raw tiles + finish vs blender -f: %d values differ, by up to %d/65535", img.version, name, n, worst)
				if n > allowed || worst > 257 {
					t.Errorf("%d values differ (allowed %d), by up to %d/65535 (allowed one 8-bit level)", n, allowed, worst)
				}
			})
		}
	})
}

// stitchPasses renders task's raw passes as the given tiles and stitches
// them into a frame of bounds area (zero where no tile is), laid out from
// area's corner for a finish.
func stitchPasses(t *testing.T, b renderer.Renderer, task renderer.Task, area image.Rectangle, tiles []image.Rectangle) *renderer.Passes {
	t.Helper()
	var frame *renderer.Passes
	for _, r := range tiles {
		tile := task
		tile.Region = r
		res := renderImage(t, b, tile)
		if frame == nil {
			var err error
			if frame, err = renderer.NewPasses(area, res.Passes.Names()); err != nil {
				t.Fatal(err)
			}
		}
		if err := frame.Draw(res.Passes); err != nil {
			t.Fatal(err)
		}
	}
	frame.Rect = frame.Rect.Sub(area.Min)
	return frame
}

// nativeSceneArgs is nativeScene for a builder given arguments: name is
// the built scene's, script the make_SCRIPT.py, cycles its "cycles" flag.
func nativeSceneArgs(t *testing.T, s *Sandbox, img blenderImage, name, script string, cycles bool) string {
	t.Helper()
	if !cycles {
		return nativeScene(t, s, img, name)
	}
	dir := filepath.Join(sceneDir, img.version, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	scripts, err := filepath.Abs(filepath.Join("..", "..", "scenes", "blend"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".blend")
	if _, err := runBlender(s, []string{scripts}, dir, "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", filepath.Join(scripts, "make_"+script+".py"), "--", path, "cycles"); err != nil {
		t.Fatal(err)
	}
	return path
}

// f12 renders the task's whole frame with the image's Blender as its own
// render does (blender -b FILE -f N): only samples, seed and resolution
// set, denoising off, and adaptive sampling as the task has it; then
// the Python lines of extra, an artist's other settings.
func f12(t *testing.T, s *Sandbox, src string, task renderer.Task, extra ...string) *image.NRGBA64 {
	t.Helper()
	img, err := renderer.ReadPNG(ownRender(t, s, src, task, "png", extra...))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ownRender is f12's render, to the file the scene's output writes (of
// extension ext), whose path it returns.
func ownRender(t *testing.T, s *Sandbox, src string, task renderer.Task, ext string, extra ...string) string {
	t.Helper()
	return blenderRender(t, s, src, task, ext, t.TempDir(), []string{"-f", fmt.Sprint(task.Frame)}, extra...)
}

// animRender is ownRender's render of the task's frame as Blender's
// animation render reaches it (blender -b FILE -s START -e N -a),
// stepping through the frames before it, written beside src: Blender
// 4.3.2 reads a Geometry Nodes bake on disk as empty geometry where it
// cannot write (measured as a user other than the files' owner).
func animRender(t *testing.T, s *Sandbox, src string, start int, task renderer.Task, ext string, extra ...string) string {
	t.Helper()
	return blenderRender(t, s, src, task, ext, filepath.Dir(src), []string{"-s", fmt.Sprint(start), "-e", fmt.Sprint(task.Frame), "-a"}, extra...)
}

// blenderRender renders with the image's Blender as ownRender says, the
// frames frameArgs say, into out (src's own folder, or one it reads
// src's beside), and returns the path of the task's frame.
func blenderRender(t *testing.T, s *Sandbox, src string, task renderer.Task, ext, out string, frameArgs []string, extra ...string) string {
	t.Helper()
	lines := []string{
		"import bpy",
		"s = bpy.context.scene",
		fmt.Sprintf("s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = %d, %d, 100", task.Width, task.Height),
		fmt.Sprintf("s.cycles.samples, s.cycles.seed = %d, %d", task.Samples, task.Seed),
		"s.cycles.use_animated_seed = False",
		"s.cycles.use_denoising = False",
	}
	if !task.AdaptiveSampling {
		lines = append(lines, "s.cycles.use_adaptive_sampling = False")
	}
	expr := strings.Join(append(lines, extra...), "\n")
	var ro []string
	if out != filepath.Dir(src) {
		ro = []string{filepath.Dir(src)}
	}
	args := append([]string{"-b", src, "--python-expr", expr, "-o", filepath.Join(out, "f12_####")}, frameArgs...)
	if _, err := runBlender(s, ro, out, args...); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(out, fmt.Sprintf("f12_%04d.%s", task.Frame, ext))
}

// TestBlenderDenoisingData: on each image, a tile of a denoised frame
// carries the denoiser's guides (each view layer's Denoising Albedo and
// Normal) besides the raw passes, for the finish step to denoise the
// stitched frame; none of Debian's Blenders has OpenImageDenoise, and
// none needs it for this.
func TestBlenderDenoisingData(t *testing.T) {
	forEachBlender(t, func(t *testing.T, s *Sandbox, img blenderImage) {
		b := newSandboxBlender(t, s, blender.Config{})
		src := nativeSceneArgs(t, s, img, "composite", "composite", false)
		info, err := b.Inspect(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		task := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 4, Seed: 5, Passes: true, Denoise: true,
			Region: image.Rect(0, 0, info.Width/2, info.Height/2)}
		res := renderImage(t, b, task)
		want := append(slices.Clone(info.Usage.Passes), renderer.DenoisingPasses(info.Usage.Passes)...)
		for _, p := range want {
			if res.Passes.Keep([]string{p}).Channels == nil {
				t.Errorf("Blender %s: a tile of a denoised frame lacks %s (has %v)", img.version, p, res.Passes.Names())
			}
		}
	})
}
