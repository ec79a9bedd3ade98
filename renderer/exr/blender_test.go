package exr

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
)

// blender runs Blender in the background on a Python script and returns
// what it printed; it skips the test where Blender is not installed.
func blender(t *testing.T, script string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: needs Blender")
	}
	bin, err := exec.LookPath("blender")
	if err != nil {
		t.Skip("NOT TESTED: blender not found")
	}
	path := filepath.Join(t.TempDir(), "script.py")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-b", "--factory-startup", "-noaudio", "-Y", "--python-exit-code", "1", "--python", path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("blender: %v\n%s", err, out)
	}
	return string(out)
}

// pyList renders values as a Python list literal that reads back exactly:
// Go's shortest float32 form is also the nearest double to it.
func pyList(vs []float32) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = strconv.FormatFloat(float64(v), 'g', -1, 32)
	}
	return "[" + strings.Join(s, ",") + "]"
}

// bpyPixels flattens m in the order of bpy's Image.pixels: rows from the
// bottom up.
func bpyPixels(m *renderer.HDR) []float32 {
	var out []float32
	for y := m.Rect.Max.Y - 1; y >= m.Rect.Min.Y; y-- {
		for x := m.Rect.Min.X; x < m.Rect.Max.X; x++ {
			c := m.At(x, y)
			out = append(out, c[:]...)
		}
	}
	return out
}

// blenderImage is what the interop tests exchange with Blender.
func blenderImage() *renderer.HDR { return testImage(5, 4) }

// TestBlenderWrites decodes the EXRs Blender writes for each codec, bit
// depth and colour mode, and checks the header layout Blender chose, so a
// change in a Blender upgrade shows here.
func TestBlenderWrites(t *testing.T) {
	m := blenderImage()
	dir := t.TempDir()
	script := fmt.Sprintf(`
import bpy
img = bpy.data.images.new("t", %d, %d, alpha=True, float_buffer=True)
img.pixels = %s
s = bpy.context.scene.render.image_settings
s.file_format = "OPEN_EXR"
for codec in ["NONE", "RLE", "ZIPS", "ZIP", "PIZ"]:
    for depth in ["16", "32"]:
        for mode in ["RGB", "RGBA"]:
            s.exr_codec, s.color_depth, s.color_mode = codec, depth, mode
            img.save_render("%s/%%s_%%s_%%s.exr" %% (codec, depth, mode), scene=bpy.context.scene)
`, m.Rect.Dx(), m.Rect.Dy(), pyList(bpyPixels(m)), dir)
	blender(t, script)

	if *update {
		// A few of Blender's files, so that decoding real OpenEXR output
		// is tested where Blender is not installed, and seeds FuzzDecode.
		for _, name := range blenderFixtures {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata/blender", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	codecs := map[string]Compression{"NONE": None, "RLE": RLE, "ZIPS": ZIPS, "ZIP": ZIP, "PIZ": 4}
	for _, codec := range []string{"NONE", "RLE", "ZIPS", "ZIP", "PIZ"} {
		for _, depth := range []string{"16", "32"} {
			for _, mode := range []string{"RGB", "RGBA"} {
				name := codec + "_" + depth + "_" + mode
				t.Run(name, func(t *testing.T) {
					data, err := os.ReadFile(filepath.Join(dir, name+".exr"))
					if err != nil {
						t.Fatal(err)
					}
					typ := typeFloat
					if depth == "16" {
						typ = typeHalf
					}
					var want []channel
					if mode == "RGBA" {
						want = append(want, channel{"A", typ})
					}
					want = append(want, channel{"B", typ}, channel{"G", typ}, channel{"R", typ})
					if err := checkLayout(data, want, codecs[codec]); err != nil {
						t.Error(err)
					}
					got, err := Decode(bytes.NewReader(data))
					if codec == "PIZ" {
						if err == nil || err.Error() != "exr: compression PIZ is not supported" {
							t.Fatalf("Decode = %v, want the PIZ error", err)
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					expect := *m
					if mode == "RGB" {
						expect.Pix = append([]float32(nil), m.Pix...)
						for i := 3; i < len(expect.Pix); i += 4 {
							expect.Pix[i] = 1
						}
					}
					if err := sameValues(got, &expect, depth == "16"); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
}

// blenderFixtures are the files TestBlenderWrites -update copies into
// testdata/blender.
var blenderFixtures = []string{"NONE_32_RGB.exr", "RLE_16_RGBA.exr", "ZIPS_32_RGBA.exr", "ZIP_16_RGB.exr", "ZIP_32_RGBA.exr"}

// TestBlenderFixtures decodes files Blender 3.4 wrote, Blender or not.
func TestBlenderFixtures(t *testing.T) {
	m := blenderImage()
	for _, name := range blenderFixtures {
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata/blender", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			expect := *m
			if strings.Contains(name, "RGB.") {
				expect.Pix = append([]float32(nil), m.Pix...)
				for i := 3; i < len(expect.Pix); i += 4 {
					expect.Pix[i] = 1
				}
			}
			if err := sameValues(got, &expect, strings.Contains(name, "_16_")); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkLayout reports how a file's channels and compression differ from
// what is expected.
func checkLayout(data []byte, want []channel, c Compression) error {
	h, err := readHeader(&reader{r: bufio.NewReader(bytes.NewReader(data))})
	if err != nil && c.lines() != 0 {
		return err
	}
	if h == nil {
		return nil
	}
	if fmt.Sprint(h.channels) != fmt.Sprint(want) || h.compression != c || h.minX != 0 || h.minY != 0 {
		return fmt.Errorf("Blender wrote channels %v, compression %v, window origin (%d,%d); want %v, %v, (0,0)",
			h.channels, h.compression, h.minX, h.minY, want, c)
	}
	return nil
}

// TestBlenderReads has Blender load the files Encode writes and compares
// the pixels it reads with the ones written.
func TestBlenderReads(t *testing.T) {
	m := blenderImage()
	dir := t.TempDir()
	var paths []string
	for _, opt := range modes {
		path := filepath.Join(dir, opt.String()+".exr")
		if err := WriteFile(path, m, opt); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	golden, err := filepath.Abs("testdata/golden.exr")
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, golden)
	var list []string
	for _, p := range paths {
		list = append(list, strconv.Quote(p))
	}
	out := blender(t, fmt.Sprintf(`
import bpy
for p in [%s]:
    img = bpy.data.images.load(p)
    print("PIXELS", p, img.size[0], img.size[1], " ".join(repr(v) for v in img.pixels))
`, strings.Join(list, ",")))

	got := make(map[string][]string)
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "PIXELS" {
			got[f[1]] = f[2:]
		}
	}
	for i, opt := range slices.Concat(modes, []Options{{Compression: ZIP}}) {
		name := opt.String()
		want := m
		if paths[i] == golden {
			name, want = "golden", testImage(5, 3)
		}
		t.Run(name, func(t *testing.T) {
			f, ok := got[paths[i]]
			if !ok {
				t.Fatalf("Blender printed nothing for %s:\n%s", paths[i], out)
			}
			size := fmt.Sprint(want.Rect.Dx(), " ", want.Rect.Dy())
			if len(f) < 2 || strings.Join(f[:2], " ") != size {
				t.Fatalf("Blender read a %v image, want %s", f[:min(2, len(f))], size)
			}
			read := renderer.NewHDR(image.Rect(0, 0, want.Rect.Dx(), want.Rect.Dy()))
			vals := f[2:]
			if len(vals) != len(read.Pix) {
				t.Fatalf("Blender read %d values, want %d", len(vals), len(read.Pix))
			}
			// Back from bpy's bottom-up rows.
			row := 4 * read.Rect.Dx()
			for i, s := range vals {
				v, err := strconv.ParseFloat(s, 64)
				if err != nil {
					t.Fatal(err)
				}
				y := read.Rect.Dy() - 1 - i/row
				read.Pix[y*read.Stride+i%row] = float32(v)
			}
			if err := sameValues(read, want, opt.Half); err != nil {
				t.Fatal(err)
			}
		})
	}
}
