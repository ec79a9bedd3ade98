package main

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/tiff"
)

// TestSceneOutputFormats: scenes saved with JPEG (quality 75), 16-bit
// TIFF and 16-bit PNG (RGBA and RGB) output, submitted to a node process with the scene's own settings,
// come back as frame_0001.jpg / .tif / .png, split in tiles and whole,
// equal to Blender's own render of the file (blender -b -f): the TIFF and
// the PNG exactly (the PNG with Blender's channels), the JPEG within
// jpegTolerance of Blender's JPEG. The TIFF scene composites
// (Blender's default tree), so its tiled frame is written by Blender in
// the finish step; the JPEG scene does not, so its tiled frame is
// assembled and encoded by the coordinator. --format png overrides the
// scene's format, and a bad --format is refused naming the choices.
// Each submit asks for frame 1 alone: the default scene's 250 frames
// (TestDefaultSceneAsSaved takes them) would render 250 times what is
// compared here.
func TestSceneOutputFormats(t *testing.T) {
	dir, base, node := defaultSceneNode(t)

	tests := []struct {
		name, settings, ext, took string
	}{
		{"jpeg", "s.render.image_settings.file_format = 'JPEG'\ns.render.image_settings.quality = 75\ns.render.use_compositing = False", ".jpg", "JPEG output (quality 75)"},
		{"tiff16", "s.render.image_settings.file_format = 'TIFF'\ns.render.image_settings.color_depth = '16'", ".tif", "TIFF output, 16-bit output"},
		// Blender's default colour mode, RGBA: its file has an alpha
		// channel though every pixel is opaque. Not composited, so the
		// coordinator writes the frame, tiled or whole.
		{"png16 rgba", "s.render.image_settings.color_depth = '16'\ns.render.use_compositing = False", ".png", "16-bit output"},
		{"png16 rgb", "s.render.image_settings.color_depth = '16'\ns.render.image_settings.color_mode = 'RGB'\ns.render.use_compositing = False", ".png", "16-bit output"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			scene := filepath.Join(dir, tc.name+".blend")
			save := "import bpy\ns = bpy.context.scene\n" + tc.settings + "\nbpy.ops.wm.save_as_mainfile(filepath=" + pyString(scene) + ")"
			if out, err := exec.Command("blender", "-b", base, "--python-exit-code", "1", "--python-expr", save).CombinedOutput(); err != nil {
				t.Fatalf("save the scene: %v\n%s", err, out)
			}
			ref := t.TempDir()
			expr := "import bpy\ns = bpy.context.scene\ns.cycles.seed = 1\ns.cycles.use_animated_seed = False\ns.cycles.use_denoising = False"
			if out, err := exec.Command("blender", "-b", scene, "--python-expr", expr, "-o", filepath.Join(ref, "f12_####"), "-f", "1").CombinedOutput(); err != nil {
				t.Fatalf("blender -f: %v\n%s", err, out)
			}
			want := decodeFrame(t, filepath.Join(ref, "f12_0001"+tc.ext))
			var lossless *image.NRGBA64 // Blender's frame before JPEG's losses
			if tc.ext == ".jpg" {
				png16 := expr + "\ns.render.image_settings.file_format = 'PNG'\ns.render.image_settings.color_depth = '16'"
				if out, err := exec.Command("blender", "-b", scene, "--python-expr", png16, "-o", filepath.Join(ref, "png_####"), "-f", "1").CombinedOutput(); err != nil {
					t.Fatalf("blender -f: %v\n%s", err, out)
				}
				lossless = toNRGBA64(decodePNG(t, filepath.Join(ref, "png_0001.png")))
			}
			var files [][]byte
			for _, tiles := range []string{"2x2", "1x1"} {
				out := t.TempDir()
				code, stdout, stderr := conun(t, "submit", "--node", node.url, "--frames", "1", "--denoise=false", "--tiles", tiles, "--seed", "1", "--wait", "--out", out, scene)
				if code != 0 {
					t.Fatalf("submit --tiles %s: exit %d: %s\n%s", tiles, code, stderr, stdout)
				}
				if !strings.Contains(stdout, tc.took) {
					t.Errorf("submit does not say it took the scene's %s: %q", tc.took, stdout)
				}
				got := decodeFrame(t, frameFile(t, out, "frame_0001"+tc.ext))
				if tc.ext == ".png" {
					// The IHDR's bit depth and colour type.
					ours, _ := os.ReadFile(frameFile(t, out, "frame_0001.png"))
					blenders, _ := os.ReadFile(filepath.Join(ref, "f12_0001.png"))
					if len(ours) < 26 || len(blenders) < 26 || !bytes.Equal(ours[24:26], blenders[24:26]) {
						t.Errorf("tiles %s: PNG bit depth and colour type % x, Blender's % x", tiles, ours[24:min(26, len(ours))], blenders[24:min(26, len(blenders))])
					}
				}
				if tc.ext == ".tif" || tc.ext == ".png" {
					if n, at := differing(want, got, 0); n > 0 {
						t.Errorf("tiles %s: %d values differ from Blender's own %s, the first at %v", tiles, n, tc.ext, at)
					}
					continue
				}
				n, at := differing(want, got, jpegTolerance)
				ours, blenders := psnr(lossless, got), psnr(lossless, want)
				t.Logf("tiles %s: vs Blender's JPEG: %d values off by more than 1 level, %d by more than %d; vs the lossless frame: PSNR %.2f dB, Blender's JPEG %.2f dB",
					tiles, differing1(want, got), n, jpegTolerance, ours, blenders)
				if n > 0 {
					t.Errorf("tiles %s: %d values differ from Blender's own JPEG by more than %d levels, the first at %v", tiles, n, jpegTolerance, at)
				}
				if ours < blenders-0.5 {
					t.Errorf("tiles %s: the farm's JPEG is further from the lossless frame (%.2f dB) than Blender's own (%.2f dB)", tiles, ours, blenders)
				}
				data, _ := os.ReadFile(frameFile(t, out, "frame_0001"+tc.ext))
				files = append(files, data)
			}
			if len(files) == 2 && !bytes.Equal(files[0], files[1]) {
				t.Errorf("the tiled JPEG frame is not byte-identical to the whole one")
			}
		})
	}

	jpg := filepath.Join(dir, "jpeg.blend")
	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", node.url, "--frames", "1", "--denoise=false", "--tiles", "1x1", "--format", "png", "--wait", "--out", out, jpg)
	if code != 0 || strings.Contains(stdout, "JPEG output") {
		t.Fatalf("--format png on a JPEG scene: exit %d: %s\n%s", code, stderr, stdout)
	}
	decodePNG(t, frameFile(t, out, "frame_0001.png"))
	code, _, stderr = conun(t, "submit", "--node", node.url, "--format", "gif", jpg)
	if code != 2 || !strings.Contains(stderr, `format "gif": want png, jpeg, tiff, exr or exr-multilayer`) {
		t.Errorf("--format gif: exit %d, %q", code, stderr)
	}
	code, _, stderr = conun(t, "submit", "--node", node.url, "--compression", "50", jpg)
	if code != 2 || !strings.Contains(stderr, `compression 50: applies to PNG frames only (format "jpeg")`) {
		t.Errorf("--compression on a JPEG scene: exit %d, %q", code, stderr)
	}
}

// TestScenePNGCompression: a scene saved with PNG compression 0% gives
// stored frames (at least the raw pixels' bytes), whether the coordinator
// assembles them or Blender writes them in the finish step (a composited
// scene), and submit says it took it; --compression 100 overrides it with
// smaller files of the same pixels.
func TestScenePNGCompression(t *testing.T) {
	dir, base, node := defaultSceneNode(t)
	for _, composited := range []bool{false, true} {
		name := map[bool]string{false: "assembled", true: "finished"}[composited]
		t.Run(name, func(t *testing.T) {
			scene := filepath.Join(dir, name+".blend")
			save := "import bpy\ns = bpy.context.scene\ns.render.image_settings.compression = 0\ns.render.use_compositing = " +
				map[bool]string{false: "False", true: "True"}[composited] + "\nbpy.ops.wm.save_as_mainfile(filepath=" + pyString(scene) + ")"
			if out, err := exec.Command("blender", "-b", base, "--python-exit-code", "1", "--python-expr", save).CombinedOutput(); err != nil {
				t.Fatalf("save the scene: %v\n%s", err, out)
			}
			var sizes []int
			var first *image.NRGBA64
			for _, flags := range [][]string{nil, {"--compression", "100"}} {
				out := t.TempDir()
				args := append([]string{"submit", "--node", node.url, "--frames", "1", "--denoise=false", "--tiles", "1x1", "--samples", "1", "--wait", "--out", out}, flags...)
				code, stdout, stderr := conun(t, append(args, scene)...)
				if code != 0 {
					t.Fatalf("submit %v: exit %d: %s\n%s", flags, code, stderr, stdout)
				}
				if said := strings.Contains(stdout, "PNG compression 0%"); said != (flags == nil) {
					t.Errorf("submit %v says %q: want the scene's compression said only when it is taken", flags, stdout)
				}
				path := frameFile(t, out, "frame_0001.png")
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				sizes = append(sizes, len(data))
				img := toNRGBA64(decodePNG(t, path))
				if first == nil {
					first = img
				} else if n, at := differing(first, img, 0); n > 0 {
					t.Errorf("--compression 100 changed %d values, the first at %v", n, at)
				}
			}
			if raw := 64 * 48 * 3; sizes[0] < raw || sizes[1] >= sizes[0] {
				t.Errorf("frames of %d bytes (scene's 0%%) and %d (--compression 100): want at least the raw %d, then fewer", sizes[0], sizes[1], raw)
			}
		})
	}
}

// defaultSceneNode builds Blender's default scene, switched to Cycles
// (scenes/blend/make_default.py), in a folder for the test's scenes, and
// starts a Blender node process to submit them to.
func defaultSceneNode(t *testing.T) (dir, base string, node *nodeProc) {
	t.Helper()
	skipShort(t, "Blender and a node process")
	dir = t.TempDir()
	base = defaultScene(t, dir)
	return dir, base, startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--renderers", "blender")
}

// defaultScene builds Blender's default scene, switched to Cycles
// (scenes/blend/make_default.py), as dir/default.blend, skipping (loudly)
// where Blender is not installed.
func defaultScene(t *testing.T, dir string) string {
	t.Helper()
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs Debian's blender package)")
	}
	scene := filepath.Join(dir, "default.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../../scenes/blend/make_default.py", "--", scene, "cycles").CombinedOutput(); err != nil {
		t.Fatalf("build the default scene: %v\n%s", err, out)
	}
	return scene
}

// jpegTolerance is how far, in 8-bit levels, a farm's JPEG frame may be
// from Blender's own JPEG of the same frame. JPEG is lossy: the farm
// encodes the frame once from its lossless stitched pixels with Go's
// image/jpeg, Blender with libjpeg after its dither (1 level of noise by
// default), and the two round differently in the DCT and the chroma
// subsampling. So "equals Blender's render" means, for JPEG: the tiled
// frame is byte-identical to the whole one, no value is more than
// jpegTolerance levels from Blender's JPEG, and the frame is as close to
// Blender's lossless render as Blender's own JPEG is (PSNR within 0.5 dB).
// Measured on the default scene at 64x48, quality 75: of 9216 values 852
// differ by more than 1 level, 90 by more than 4, 6 by more than 8, none
// by more than 12.
const jpegTolerance = 12

// pyString quotes a path for a Python expression.
func pyString(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

// frameFile finds a fetched frame under out (a folder per job, or out).
func frameFile(t *testing.T, out, name string) string {
	t.Helper()
	frames, _ := filepath.Glob(filepath.Join(out, "*", name))
	frames = append(frames, filepath.Join(out, name))
	if _, err := os.Stat(frames[0]); err != nil {
		entries, _ := filepath.Glob(filepath.Join(out, "*", "*"))
		t.Fatalf("no %s in %s: %v", name, out, entries)
	}
	return frames[0]
}

// decodeFrame decodes a JPEG or TIFF frame as 16-bit RGBA.
func decodeFrame(t *testing.T, path string) *image.NRGBA64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var m image.Image
	switch {
	case strings.HasSuffix(path, ".tif"):
		m, err = tiff.Decode(f)
	case strings.HasSuffix(path, ".png"):
		m, err = png.Decode(f)
	default:
		m, err = jpeg.Decode(f)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return toNRGBA64(m)
}

// differing counts the colour values of a and b more than tol 8-bit levels
// apart (0: any difference at all, in 16 bits), and where the first is.
func differing(a, b *image.NRGBA64, tol int) (int, image.Point) {
	if a.Rect != b.Rect {
		return a.Rect.Dx() * a.Rect.Dy() * 3, a.Rect.Max
	}
	n, first := 0, image.Point{-1, -1}
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		for x := a.Rect.Min.X; x < a.Rect.Max.X; x++ {
			p, q := a.NRGBA64At(x, y), b.NRGBA64At(x, y)
			for _, d := range []int{int(p.R) - int(q.R), int(p.G) - int(q.G), int(p.B) - int(q.B)} {
				if d < 0 {
					d = -d
				}
				if (tol == 0 && d > 0) || (tol > 0 && d > tol*257) {
					if n == 0 {
						first = image.Pt(x, y)
					}
					n++
				}
			}
		}
	}
	return n, first
}

// psnr is the peak signal-to-noise ratio of b against a over their colour
// values, in dB of 16-bit levels.
func psnr(a, b *image.NRGBA64) float64 {
	var sse float64
	for i := 0; i+7 < len(a.Pix); i += 8 {
		for c := 0; c < 6; c += 2 {
			d := float64(int(a.Pix[i+c])<<8|int(a.Pix[i+c+1])) - float64(int(b.Pix[i+c])<<8|int(b.Pix[i+c+1]))
			sse += d * d
		}
	}
	mse := sse / float64(len(a.Pix)/8*3)
	return 10 * math.Log10(65535*65535/mse)
}

// toNRGBA64 converts any image to 16-bit RGBA.
func toNRGBA64(m image.Image) *image.NRGBA64 {
	out := image.NewNRGBA64(m.Bounds())
	draw.Draw(out, out.Bounds(), m, m.Bounds().Min, draw.Src)
	return out
}

// differing1 counts the values more than one 8-bit level apart.
func differing1(a, b *image.NRGBA64) int {
	n, _ := differing(a, b, 1)
	return n
}
