package exr

import (
	"bufio"
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
	"github.com/x448/float16"
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
	// An RGB file is a Passes of three channels; a file of passes with no
	// Combined pass has no R, G and B for Decode.
	depth := encodePasses(t, testPasses(t, 2, 2, "ViewLayer.Depth.Z", "ViewLayer.Normal.X"), Options{})
	if _, err := Decode(bytes.NewReader(depth)); err == nil || !strings.Contains(err.Error(), "no R, G and B channels") {
		t.Errorf("Decode of passes without Combined: %v", err)
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

// TestDecodeMultilayer: Decode reads of a multilayer file the image
// Blender shows of it: the composite when there is one, else the first
// view layer's Combined pass; R, G and B of the image's own first.
func TestDecodeMultilayer(t *testing.T) {
	rgba := func(prefix string) []string {
		return []string{prefix + "A", prefix + "B", prefix + "G", prefix + "R"}
	}
	for _, tc := range []struct {
		name   string
		names  []string
		prefix string
	}{
		{"composite", slices.Concat(rgba("Composite.Combined."), rgba("ViewLayer.Combined."), []string{"ViewLayer.Depth.Z"}), "Composite.Combined."},
		{"first layer", slices.Concat(rgba("Back.Combined."), rgba("Front.Combined.")), "Back.Combined."},
		{"no alpha", []string{"ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R"}, "ViewLayer.Combined."},
		{"bare RGB first", slices.Concat([]string{"B", "G", "R"}, rgba("ViewLayer.Combined.")), ""},
		// A pass of a pass is no view layer's Combined.
		{"nested", slices.Concat(rgba("A.B.Combined."), rgba("Layer.Combined.")), "Layer.Combined."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			slices.Sort(tc.names)
			p := testPasses(t, 5, 3, tc.names...)
			data := encodePasses(t, p, Options{Compression: ZIP})
			w, h, err := DecodeConfig(bytes.NewReader(data))
			if err != nil || w != 5 || h != 3 {
				t.Fatalf("DecodeConfig = %d %d %v", w, h, err)
			}
			m, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			for k, ch := range []string{"R", "G", "B", "A"} {
				c := p.Channel(tc.prefix + ch)
				for i := range 15 {
					want := float32(1)
					if c != nil {
						want = c.Pix[i]
					}
					if got := m.Pix[4*i+k]; got != want {
						t.Fatalf("pixel %d %s = %v, want %s's %v", i, ch, got, tc.prefix+ch, want)
					}
				}
			}
		})
	}
}

// TestHalfColour: with HalfColour the colour passes (channels R, G, B, A)
// are stored as half and the data passes (depth, normals, UV, Cryptomatte's
// lowercase ids) as float, as Blender's multilayer file at half depth has
// them (measured on 3.4: its channel types); values round trip at each
// type's precision.
func TestHalfColour(t *testing.T) {
	names := []string{"Composite.Combined.A", "Composite.Combined.R", "ViewLayer.CryptoObject00.a", "ViewLayer.CryptoObject00.r",
		"ViewLayer.Depth.Z", "ViewLayer.DiffCol.B", "ViewLayer.UV.A", "ViewLayer.UV.U", "ViewLayer.mycol.G"}
	p := testPasses(t, 6, 4, names...)
	for _, c := range p.Channels {
		for i := range c.Pix {
			c.Pix[i] += 1.0 / 3 // not a half
		}
	}
	data := encodePasses(t, p, Options{HalfColour: true, Compression: ZIP})
	h, err := readHeader(&reader{r: bufio.NewReader(bytes.NewReader(data))})
	if err != nil {
		t.Fatal(err)
	}
	half := map[string]bool{"Composite.Combined.A": true, "Composite.Combined.R": true, "ViewLayer.DiffCol.B": true, "ViewLayer.mycol.G": true}
	for _, c := range h.channels {
		if want := map[bool]pixelType{true: typeHalf, false: typeFloat}[half[c.name]]; c.typ != want {
			t.Errorf("channel %s stored as %v, want %v", c.name, c.typ, want)
		}
	}
	got, err := DecodePasses(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range got.Channels {
		for k, v := range c.Pix {
			want := p.Channels[i].Pix[k]
			if half[c.Name] {
				want = float16.Fromfloat32(want).Float32()
			}
			if v != want {
				t.Fatalf("channel %s value %d: %v, want %v", c.Name, k, v, want)
			}
		}
	}
}
