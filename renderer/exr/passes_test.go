package exr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// testPasses is a Passes with Blender's multilayer names whose values tell
// channels and pixels apart (and survive half storage).
func testPasses(t testing.TB, w, h int, names ...string) *renderer.Passes {
	t.Helper()
	if len(names) == 0 {
		names = []string{"ViewLayer.Combined.R", "ViewLayer.Combined.G", "ViewLayer.Combined.B", "ViewLayer.Combined.A",
			"ViewLayer.Depth.Z", "ViewLayer.Normal.X", "ViewLayer.Normal.Y", "ViewLayer.Normal.Z",
			"A second view layer with a long name.Combined.R"}
	}
	p, err := renderer.NewPasses(image.Rect(0, 0, w, h), names)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range p.Channels {
		for k := range c.Pix {
			c.Pix[k] = float32(i*32+k%32) / 4
		}
	}
	return p
}

func encodePasses(t testing.TB, p *renderer.Passes, opt Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := EncodePasses(&b, p, opt); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func samePasses(got, want *renderer.Passes) error {
	if got.Rect.Size() != want.Rect.Size() || !slices.Equal(got.Names(), want.Names()) {
		return fmt.Errorf("got %v %v, want %v %v", got.Rect, got.Names(), want.Rect, want.Names())
	}
	for i, c := range got.Channels {
		if !slices.Equal(c.Pix, want.Channels[i].Pix) {
			return fmt.Errorf("channel %s differs", c.Name)
		}
	}
	return nil
}

// TestPassesRoundTrip: every compression, float and half, sizes that do and
// do not fill a ZIP chunk, long channel names (the long-names flag).
func TestPassesRoundTrip(t *testing.T) {
	for _, size := range []image.Point{{1, 1}, {7, 5}, {33, 17}} {
		for _, opt := range append(modes, Options{Compression: RLE}, Options{Half: true, Compression: ZIPS}) {
			t.Run(fmt.Sprintf("%v/%v", size, opt), func(t *testing.T) {
				want := testPasses(t, size.X, size.Y)
				data := encodePasses(t, want, opt)
				w, h, names, err := PassesConfig(bytes.NewReader(data))
				if err != nil || w != size.X || h != size.Y || !slices.Equal(names, want.Names()) {
					t.Fatalf("PassesConfig = %d %d %v %v", w, h, names, err)
				}
				got, err := DecodePasses(bytes.NewReader(data), 0)
				if err != nil {
					t.Fatal(err)
				}
				if err := samePasses(got, want); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestPassesBounds: a header asking for more values than the caller allows
// is refused before anything is allocated for them, and encoding refuses
// what it cannot write.
func TestPassesBounds(t *testing.T) {
	data := encodePasses(t, testPasses(t, 8, 8), Options{})
	if _, err := DecodePasses(bytes.NewReader(data), 8*8*9-1); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("DecodePasses over the bound: %v", err)
	}
	if _, err := DecodePasses(bytes.NewReader(data), 8*8*9); err != nil {
		t.Errorf("DecodePasses at the bound: %v", err)
	}
	for _, tc := range []struct {
		name string
		p    *renderer.Passes
	}{
		{"nil", nil},
		{"no channels", &renderer.Passes{Rect: image.Rect(0, 0, 2, 2)}},
		{"unsorted", &renderer.Passes{Rect: image.Rect(0, 0, 1, 1), Channels: []renderer.Channel{{Name: "b", Pix: []float32{0}}, {Name: "a", Pix: []float32{0}}}}},
		{"short plane", &renderer.Passes{Rect: image.Rect(0, 0, 2, 1), Channels: []renderer.Channel{{Name: "a", Pix: []float32{0}}}}},
		{"long name", &renderer.Passes{Rect: image.Rect(0, 0, 1, 1), Channels: []renderer.Channel{{Name: strings.Repeat("x", 256), Pix: []float32{0}}}}},
	} {
		if err := EncodePasses(&bytes.Buffer{}, tc.p, Options{}); err == nil {
			t.Errorf("EncodePasses(%s) succeeded", tc.name)
		}
	}
	// An RGB file is a Passes of three channels; a file of passes has no
	// R, G and B for Decode.
	if _, err := Decode(bytes.NewReader(data)); err == nil || !strings.Contains(err.Error(), "no R channel") {
		t.Errorf("Decode of passes: %v", err)
	}
	rgb := encode(t, testImage(3, 2), Options{})
	if p, err := DecodePasses(bytes.NewReader(rgb), 0); err != nil || !slices.Equal(p.Names(), []string{"A", "B", "G", "R"}) {
		t.Errorf("DecodePasses of RGBA: %v %v", p, err)
	}
	if _, err := DecodePasses(bytes.NewReader(data[:len(data)-3]), 0); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %v", err)
	}
}

// TestBlenderMultilayer decodes the multilayer EXR of raw passes Blender
// writes for a render (testdata/blender/multilayer.exr, rewritten with
// -update where Blender is installed): Blender's channel names, every pass
// present, values that re-encode exactly.
func TestBlenderMultilayer(t *testing.T) {
	path := filepath.Join("testdata", "blender", "multilayer.exr")
	if *update {
		dir := t.TempDir()
		blender(t, fmt.Sprintf(`
import bpy
bpy.ops.wm.read_homefile(use_factory_startup=True)
s = bpy.context.scene
s.render.engine = "CYCLES"
s.cycles.samples = 2
s.cycles.use_denoising = False
s.render.resolution_x, s.render.resolution_y, s.render.resolution_percentage = 12, 8, 100
s.view_layers[0].use_pass_z = True
s.view_layers[0].use_pass_normal = True
i = s.render.image_settings
i.file_format, i.color_depth, i.exr_codec = "OPEN_EXR_MULTILAYER", "32", "ZIP"
s.render.filepath = %q
bpy.ops.render.render(write_still=True)
`, filepath.Join(dir, "multilayer.exr")))
		data, err := os.ReadFile(filepath.Join(dir, "multilayer.exr"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodePasses(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R",
		"ViewLayer.Depth.Z", "ViewLayer.Normal.X", "ViewLayer.Normal.Y", "ViewLayer.Normal.Z"}
	if p.Rect != image.Rect(0, 0, 12, 8) || !slices.Equal(p.Names(), want) {
		t.Fatalf("decoded %v %v, want 12x8 %v", p.Rect, p.Names(), want)
	}
	if !p.Finite() || p.Combined("") == nil {
		t.Fatalf("Blender's passes: finite %v, combined %v", p.Finite(), p.Combined("") != nil)
	}
	again, err := DecodePasses(bytes.NewReader(encodePasses(t, p, Options{Compression: ZIP})), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := samePasses(again, p); err != nil {
		t.Fatal(err)
	}
}

// FuzzDecodePasses feeds DecodePasses corrupted files of passes: it must
// fail with an "exr: " error, or return passes that agree with
// PassesConfig and survive a round trip through EncodePasses.
func FuzzDecodePasses(f *testing.F) {
	for _, size := range []image.Point{{3, 2}, {5, 17}} {
		for _, opt := range append(modes, Options{Compression: RLE}, Options{Half: true, Compression: ZIPS}) {
			f.Add(encodePasses(f, testPasses(f, size.X, size.Y), opt))
		}
	}
	f.Add(encodePasses(f, testPasses(f, 4, 3, "L.CryptoObject00.R", "L.CryptoObject00.G"), Options{Compression: ZIP}))
	files, _ := filepath.Glob("testdata/blender/*.exr")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePasses(bytes.NewReader(data), 1<<16)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "exr: ") {
				t.Fatalf("error without the exr prefix: %v", err)
			}
			return
		}
		w, h, names, err := PassesConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("DecodePasses succeeded where PassesConfig failed: %v", err)
		}
		if p.Rect != image.Rect(0, 0, w, h) || !slices.Equal(p.Names(), names) {
			t.Fatalf("DecodePasses returned %v %v, PassesConfig %dx%d %v", p.Rect, p.Names(), w, h, names)
		}
		for _, opt := range []Options{{Compression: ZIP}, {Compression: RLE}} {
			data, err := func() ([]byte, error) {
				var b bytes.Buffer
				err := EncodePasses(&b, p, opt)
				return b.Bytes(), err
			}()
			if err != nil {
				// Names a file may hold that EncodePasses refuses: none
				// besides what the decoder refuses itself.
				t.Fatalf("re-encode as %v: %v", opt, err)
			}
			again, err := DecodePasses(bytes.NewReader(data), 1<<16)
			if err != nil {
				t.Fatalf("re-encoded as %v: %v", opt, err)
			}
			if err := samePassesNaN(again, p); err != nil {
				t.Fatalf("re-encoded as %v: %v", opt, err)
			}
		}
	})
}

// samePassesNaN is samePasses where NaN equals NaN (a fuzzed file may hold
// any bits).
func samePassesNaN(got, want *renderer.Passes) error {
	if !slices.Equal(got.Names(), want.Names()) {
		return fmt.Errorf("names %v, want %v", got.Names(), want.Names())
	}
	for i, c := range got.Channels {
		for k, v := range c.Pix {
			w := want.Channels[i].Pix[k]
			if v != w && !(v != v && w != w) {
				return fmt.Errorf("channel %s value %d: %v, want %v", c.Name, k, v, w)
			}
		}
	}
	return nil
}
