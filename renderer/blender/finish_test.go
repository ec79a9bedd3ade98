package blender

import (
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
)

// TestDefaultScene: Blender's own default scene, saved as it opens (Eevee)
// and switched to Cycles, inspects, packs and renders. Before the driver
// compared images by type, both were refused: their in-memory "Render
// Result" image counted as a missing external file.
func TestDefaultScene(t *testing.T) {
	ctx := context.Background()
	loose := newRenderer(t, Config{})
	strict := newRenderer(t, Config{RequirePacked: true})
	for _, name := range []string{"default", "default_cycles"} {
		t.Run(name, func(t *testing.T) {
			src := scene(t, name)
			info, err := loose.Inspect(ctx, src)
			if err != nil {
				t.Fatalf("inspect: %v", err)
			}
			u := info.Usage
			// Blender's defaults, kept by the builder: the farm defaults
			// to them.
			// Denoising and adaptive sampling are Cycles' settings.
			cycles := name == "default_cycles"
			if info.Width != 64 || info.Height != 48 || u == nil || !u.Compositing || u.Denoise != cycles || u.AdaptiveSampling != cycles ||
				u.FileFormat != "PNG" || u.ColorDepth != "8" || !slices.Contains([]string{"Filmic", "AgX"}, u.ViewTransform) ||
				!slices.Equal(u.Passes, []string{"ViewLayer.Combined"}) || len(u.SpatialNodes) != 0 ||
				u.Compression == nil || *u.Compression != renderer.DefaultPNGCompression {
				t.Errorf("Inspect = %+v, usage %+v", info, u)
			}
			// Eevee's default scene: volumetric lights are on by default in
			// 3.x, and nothing else.
			if !cycles && !slices.Equal(u.ScreenEffects, []string{"volumetrics"}) && len(u.ScreenEffects) != 0 {
				t.Errorf("Eevee screen effects %v", u.ScreenEffects)
			}
			packed := filepath.Join(t.TempDir(), "packed.blend")
			if err := Pack(ctx, Config{}, src, packed); err != nil {
				t.Fatalf("pack: %v", err)
			}
			if name == "default" && !loose.state.Load().info.GL {
				t.Skip("NOT TESTED: rendering the Eevee default scene needs an OpenGL context, which this machine lacks")
			}
			task := renderer.Task{Scene: packed, Frame: 1, Width: 64, Height: 48, Samples: 4, Seed: 1}
			img := render(t, strict, task)
			if flat(img) {
				t.Errorf("the default scene rendered one flat colour")
			}
		})
	}
}

// flat reports whether every pixel of m has the same colour.
func flat(m *image.NRGBA64) bool {
	for i := 8; i < len(m.Pix); i += 8 {
		if string(m.Pix[i:i+8]) != string(m.Pix[:8]) {
			return false
		}
	}
	return true
}

// TestRawPassesStitch: raw-pass tiles (compositor bypassed) of an uneven
// 70x50 frame, 2x2 and 4x4, stitch value by value into the whole frame's
// raw passes, in scenes whose compositor reads only Combined or also
// other passes.
func TestRawPassesStitch(t *testing.T) {
	r := newRenderer(t, Config{})
	tests := []struct {
		scene string
		want  []string // the passes tiles carry
	}{
		{"composite", []string{"ViewLayer.Combined"}},
		{"passes", []string{"ViewLayer.Combined", "ViewLayer.Depth", "ViewLayer.Normal"}},
	}
	for _, tc := range tests {
		t.Run(tc.scene, func(t *testing.T) {
			base := renderer.Task{Scene: scene(t, tc.scene), Frame: 1, Width: 70, Height: 50, Samples: 8, Seed: 3, Passes: true}
			whole := renderPasses(t, r, base)
			var want []string
			for _, p := range tc.want {
				for _, c := range []string{"A", "B", "G", "R", "X", "Y", "Z", "V"} {
					want = append(want, p+"."+c)
				}
			}
			for _, n := range whole.Names() {
				if !slices.Contains(want, n) {
					t.Errorf("channel %s: tiles should carry only %v", n, tc.want)
				}
			}
			for _, p := range tc.want {
				if whole.Channel(p+".R") == nil && whole.Channel(p+".Z") == nil && whole.Channel(p+".X") == nil {
					t.Errorf("no %s pass among %v", p, whole.Names())
				}
			}
			// The raw Combined is not the composited frame.
			plain := base
			plain.Passes = false
			if composited := render(t, r, plain); tc.scene == "composite" && compare(composited, whole.Combined("").Preview()).values == 0 {
				t.Errorf("the raw Combined pass equals the composited frame: the compositor was not bypassed")
			}
			for _, g := range []int{2, 4} {
				frame, err := renderer.NewPasses(base.Rect(), whole.Names())
				if err != nil {
					t.Fatal(err)
				}
				for _, tile := range grid(base.Width, base.Height, g, g) {
					task := base
					task.Region = tile
					if err := frame.Draw(renderPasses(t, r, task)); err != nil {
						t.Fatal(err)
					}
				}
				samePasses(t, fmt.Sprintf("%dx%d tiles vs whole", g, g), frame, whole)
			}
		})
	}
}

func renderPasses(t testing.TB, r *Renderer, task renderer.Task) *renderer.Passes {
	t.Helper()
	res, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatalf("render passes of %s region %v: %v", filepath.Base(task.Scene), task.Region, err)
	}
	if res.Passes == nil || res.Passes.Rect != task.Rect() || res.Image.Bounds() != task.Rect() {
		t.Fatalf("render passes of region %v: got %+v", task.Rect(), res)
	}
	return res.Passes
}

// samePasses compares raw passes value by value with the near-exact rule
// of sameRender: Cycles is near-deterministic, not exactly, so a few
// values may differ a little (relative 8/65535).
func samePasses(t *testing.T, what string, got, want *renderer.Passes) {
	t.Helper()
	if got.Rect != want.Rect || !slices.Equal(got.Names(), want.Names()) {
		t.Fatalf("%s: %v %v, want %v %v", what, got.Rect, got.Names(), want.Rect, want.Names())
	}
	total, off, maxRel := 0, 0, 0.0
	for i, c := range got.Channels {
		for k, v := range c.Pix {
			w := want.Channels[i].Pix[k]
			total++
			if v != w {
				off++
				rel := math.Abs(float64(v-w)) / max(math.Abs(float64(w)), 1e-3)
				maxRel = max(maxRel, rel)
			}
		}
	}
	allowed := max(int(maxDiffFraction*float64(total)), minDiffValues)
	switch {
	case off == 0:
		t.Logf("%s: %d values bit-identical", what, total)
	case off <= allowed && maxRel <= maxDiffLevel/65535.0:
		t.Logf("%s: near-exact: %d of %d values differ, relatively by at most %.2g", what, off, total, maxRel)
	default:
		t.Errorf("%s: %d of %d values differ, relatively by at most %.2g; near-exact allows %d by %.2g", what, off, total, maxRel, allowed, maxDiffLevel/65535.0)
	}
}

// TestFinishMatchesBlender: scenes made as artists make them (the default
// startup file, Cycles, Glare fog glow then Lens Distortion after the
// Render Layers; passes, view layers, a look, Cryptomatte, motion blur, a
// volume, hair) rendered as 4x4 raw-pass tiles, stitched and finished,
// equal Blender's own whole-frame render (blender -b -f) of the same
// frame near-exactly, in the scene's own 8-bit PNG (dither on) and in
// 16-bit. Tiles composited one by one, the way tiles were rendered
// before, are far off: that is what the test guards against.
func TestFinishMatchesBlender(t *testing.T) {
	r := newRenderer(t, Config{})
	ctx := context.Background()
	tests := []struct {
		scene   string
		passes  []string // what tiles must carry
		spatial []string // the nodes that need the whole frame
		ext     string
	}{
		{"composite", []string{"ViewLayer.Combined"}, []string{"GLARE", "LENSDIST"}, ".png"},
		{"passes", []string{"ViewLayer.Combined", "ViewLayer.Depth", "ViewLayer.Normal"}, []string{"BLUR"}, ".png"},
		{"layers", []string{"Back.Combined", "Fore.Combined"}, []string{"GLARE"}, ".png"},
		{"look", []string{"ViewLayer.Combined"}, []string{"BLUR", "ELLIPSEMASK"}, ".png"},
		{"cryptomatte", []string{"ViewLayer.Combined", "ViewLayer.CryptoObject"}, []string{"CRYPTOMATTE_V2"}, ".png"},
		// The default tree (Render Layers -> Composite): no spatial node,
		// but the frame is still finished once from raw passes.
		{"motionblur", []string{"ViewLayer.Combined"}, []string{}, ".png"},
		{"volume", []string{"ViewLayer.Combined"}, []string{}, ".png"},
		{"hair", []string{"ViewLayer.Combined"}, []string{}, ".png"},
		// No compositor: the finish step colour-manages and writes.
		{"texture", []string{"ViewLayer.Combined"}, nil, ".png"},
	}
	for _, tc := range tests {
		name := tc.scene
		t.Run(name, func(t *testing.T) {
			src := scene(t, name)
			info, err := r.Inspect(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			if u := info.Usage; u.Compositing != (tc.spatial != nil) || !slices.Equal(u.SpatialNodes, tc.spatial) || !slices.Equal(u.Passes, tc.passes) {
				t.Errorf("usage %+v: want compositing %v, spatial nodes %v, passes %v", u, tc.spatial != nil, tc.spatial, tc.passes)
			}
			base := renderer.Task{Scene: src, Frame: 1, Width: info.Width, Height: info.Height, Samples: 16, Seed: 5}
			ref := f12(t, base)

			start := time.Now()
			frame := stitchPasses(t, r, base, grid(base.Width, base.Height, 4, 4))
			tiled := time.Since(start)
			start = time.Now()
			res, err := r.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: base.Width, Height: base.Height, Passes: frame})
			if err != nil {
				t.Fatal(err)
			}
			finish := time.Since(start)
			if res.Ext != tc.ext || res.Image == nil {
				t.Fatalf("finish wrote %q, image %v: want the scene's PNG", res.Ext, res.Image != nil)
			}
			// A finish is checked by running it again: it must repeat.
			again, err := r.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: base.Width, Height: base.Height, Passes: frame})
			if err != nil {
				t.Fatal(err)
			}
			if d := compare(again.Image, res.Image); d.values != 0 {
				t.Errorf("the finish step run twice: %v", d)
			}
			d := compare(res.Image, ref)
			t.Logf("4x4 raw tiles + finish vs Blender's whole render, %s-bit %s: %v, PSNR %.1f dB; tiles %v, finish %v",
				info.Usage.ColorDepth, info.Usage.FileFormat, d, psnr(res.Image, ref), tiled.Round(time.Millisecond), finish.Round(time.Millisecond))
			if info.Usage.ColorDepth == "16" {
				sameRender(t, "finished frame", res.Image, ref)
			} else {
				sameFrame8(t, "finished frame", res.Image, ref)
			}
			if name == "layers" {
				// A transparent film: the backend's own renders are RGB,
				// premultiplied, the finished PNG straight RGBA.
				return
			}

			// 16-bit, no dither: against this backend's own whole render.
			res16, err := r.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: base.Width, Height: base.Height, Passes: frame, Format: "PNG", Depth: "16"})
			if err != nil {
				t.Fatal(err)
			}
			sameRender(t, "finished 16-bit frame vs whole render", noAlpha(res16.Image), render(t, r, base))

			// The old way: each tile composited on its own.
			old := stitch(t, r, base, grid(base.Width, base.Height, 4, 4))
			if name == "composite" {
				d := compare(old, noAlpha(res16.Image))
				t.Logf("composited 4x4 tiles vs whole: %v, PSNR %.1f dB", d, psnr(old, noAlpha(res16.Image)))
				if d.values < d.total/10 {
					t.Errorf("composited tiles are close to the whole frame (%v): the scene does not exercise spatial compositing", d)
				}
			}
		})
	}
}

func stitchPasses(t *testing.T, r *Renderer, base renderer.Task, tiles []image.Rectangle) *renderer.Passes {
	t.Helper()
	base.Passes = true
	var frame *renderer.Passes
	for _, tile := range tiles {
		task := base
		task.Region = tile
		p := renderPasses(t, r, task)
		if frame == nil {
			var err error
			if frame, err = renderer.NewPasses(base.Rect(), p.Names()); err != nil {
				t.Fatal(err)
			}
		}
		if err := frame.Draw(p); err != nil {
			t.Fatal(err)
		}
	}
	return frame
}

// noAlpha returns m with alpha opaque: the backend's renders are RGB.
func noAlpha(m *image.NRGBA64) *image.NRGBA64 {
	out := image.NewNRGBA64(m.Bounds())
	copy(out.Pix, m.Pix)
	for i := 6; i < len(out.Pix); i += 8 {
		out.Pix[i], out.Pix[i+1] = 0xff, 0xff
	}
	return out
}

// sameFrame8 compares 8-bit frames: near-exact there is a 1-level step
// (257/65535) on the few values where Cycles' near-determinism moves a
// value across a rounding boundary, on at most maxDiffFraction of values.
func sameFrame8(t *testing.T, what string, got, want *image.NRGBA64) {
	t.Helper()
	d := compare(got, want)
	allowed := max(int(maxDiffFraction*float64(d.total)), minDiffValues)
	switch {
	case d.values == 0:
		t.Logf("%s: bit-identical", what)
	case d.max <= 257 && d.values <= allowed:
		t.Logf("%s: near-exact: %v", what, d)
	default:
		t.Errorf("%s: %v; near-exact allows at most %d values off by one 8-bit level", what, d, allowed)
	}
}

func psnr(a, b *image.NRGBA64) float64 {
	var se float64
	n := 0
	for i := 0; i < len(a.Pix); i += 2 {
		d := float64(int(a.Pix[i])<<8|int(a.Pix[i+1])) - float64(int(b.Pix[i])<<8|int(b.Pix[i+1]))
		se += d * d
		n++
	}
	if se == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(65535*65535/(se/float64(n)))
}

// f12 renders task's whole frame the way Blender's own render does (F12,
// here blender -b FILE -f N), with only the task's samples, seed and
// resolution set and adaptive sampling and denoising off, as tiles have
// them: everything else (compositor, colour management, dither, output
// format) is the scene's.
func f12(t *testing.T, task renderer.Task) *image.NRGBA64 {
	t.Helper()
	img, err := renderer.ReadPNG(f12File(t, task, ".png"))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// f12File is f12 for any output: extra are Python lines run before the
// render (an output format), ext the file's extension. It returns the
// file Blender wrote.
func f12File(t *testing.T, task renderer.Task, ext string, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	expr := strings.Join(append([]string{
		"import bpy",
		"s = bpy.context.scene",
		fmt.Sprintf("s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = %d, %d, 100", task.Width, task.Height),
		fmt.Sprintf("s.cycles.samples, s.cycles.seed = %d, %d", task.Samples, task.Seed),
		"s.cycles.use_animated_seed = False",
		"s.cycles.use_adaptive_sampling = False",
		"s.cycles.use_denoising = False",
	}, extra...), "\n")
	out, err := exec.Command("blender", "-b", task.Scene, "--python-expr", expr,
		"-o", filepath.Join(dir, "f12_####"), "-f", fmt.Sprint(task.Frame)).CombinedOutput()
	if err != nil {
		t.Fatalf("blender -f: %v\n%s", err, lastLines(string(out), 20))
	}
	path := filepath.Join(dir, fmt.Sprintf("f12_%04d%s", task.Frame, ext))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("blender -f: %v\n%s", err, lastLines(string(out), 20))
	}
	return path
}

// TestFinishFormats: the finish step writes the formats a scene may be
// set to (or a job may ask for) as Blender's own render writes them:
// float OpenEXR, JPEG, 16-bit TIFF; compared decoded, value by value. A
// job's PNG compression is what Blender writes the frame with: 0% stores
// (at least the raw pixels' bytes), 100% is smaller, the pixels the same.
func TestFinishFormats(t *testing.T) {
	r := newRenderer(t, Config{})
	ctx := context.Background()
	src := scene(t, "composite")
	base := renderer.Task{Scene: src, Frame: 1, Width: 160, Height: 96, Samples: 8, Seed: 2}
	frame := stitchPasses(t, r, base, grid(base.Width, base.Height, 2, 2))
	tests := []struct{ format, depth, ext string }{
		{"OPEN_EXR", "32", ".exr"},
		{"JPEG", "", ".jpg"},
		{"TIFF", "16", ".tif"},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			res, err := r.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: base.Width, Height: base.Height,
				Passes: frame, Format: tc.format, Depth: tc.depth})
			if err != nil {
				t.Fatal(err)
			}
			if res.Ext != tc.ext || res.Image == nil || (tc.ext == ".exr") != (res.HDR != nil) {
				t.Fatalf("finish wrote %q, image %v, hdr %v", res.Ext, res.Image != nil, res.HDR != nil)
			}
			set := []string{fmt.Sprintf("s.render.image_settings.file_format = %q", tc.format)}
			if tc.depth != "" {
				set = append(set, fmt.Sprintf("s.render.image_settings.color_depth = %q", tc.depth))
			}
			data, err := os.ReadFile(f12File(t, base, tc.ext, set...))
			if err != nil {
				t.Fatal(err)
			}
			want, err := decodeFrame(data, tc.ext, base.Rect())
			if err != nil {
				t.Fatal(err)
			}
			if res.HDR != nil {
				n := 0
				for i, v := range res.HDR.Pix {
					if v != want.HDR.Pix[i] {
						n++
					}
				}
				if n != 0 {
					t.Errorf("%d of %d float values differ from Blender's own EXR", n, len(res.HDR.Pix))
				}
			}
			if d := compare(res.Image, want.Image); d.values != 0 {
				t.Errorf("vs Blender's own %s: %v", tc.format, d)
			}
		})
	}
	t.Run("PNG compression", func(t *testing.T) {
		var sizes []int
		var first *image.NRGBA64
		for _, c := range []int{0, 100} {
			res, err := r.Finish(ctx, renderer.FinishTask{Scene: src, Frame: 1, Width: base.Width, Height: base.Height,
				Passes: frame, Format: "PNG", Depth: "16", Compression: &c})
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(res.File))
			if first == nil {
				first = res.Image
			} else if d := compare(res.Image, first); d.values != 0 {
				t.Errorf("compression 100%% changed the pixels: %v", d)
			}
		}
		if raw := base.Width * base.Height * 3 * 2; sizes[0] < raw || sizes[1] >= sizes[0] {
			t.Errorf("PNG of %d bytes at 0%%, %d at 100%%: want at least the raw %d at 0%%, fewer at 100%%", sizes[0], sizes[1], raw)
		}
	})
}

// TestAdaptiveSampling: with the scene's own adaptive sampling kept
// (Blender's default, on in the composite scene), 4x4 raw-pass tiles,
// each rendered with AdaptiveMargin and cropped, equal the whole frame;
// without the margin they did not (see AdaptiveMargin). The setting is
// really applied: the whole frame differs from one without it.
func TestAdaptiveSampling(t *testing.T) {
	r := newRenderer(t, Config{})
	base := renderer.Task{Scene: scene(t, "composite"), Frame: 1, Width: 160, Height: 96, Samples: 256, Seed: 3,
		Passes: true, AdaptiveSampling: true}
	whole := renderPasses(t, r, base)
	fixed := base
	fixed.AdaptiveSampling = false
	if d := diffPasses(renderPasses(t, r, fixed), whole); d == 0 {
		t.Fatalf("adaptive sampling changed no value: it was not applied")
	} else {
		t.Logf("adaptive vs fixed sampling: %d values differ", d)
	}
	frame, err := renderer.NewPasses(base.Rect(), whole.Names())
	if err != nil {
		t.Fatal(err)
	}
	for _, tile := range grid(base.Width, base.Height, 4, 4) {
		task := base
		task.Region = tile
		if err := frame.Draw(renderPasses(t, r, task)); err != nil {
			t.Fatal(err)
		}
	}
	samePasses(t, "4x4 adaptive tiles vs whole", frame, whole)
}

func diffPasses(a, b *renderer.Passes) int {
	n := 0
	for i, c := range a.Channels {
		for k, v := range c.Pix {
			if v != b.Channels[i].Pix[k] {
				n++
			}
		}
	}
	return n
}
