package pathtracer

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/qmuntal/gltf"
	"github.com/qmuntal/gltf/ext/lightspunctual"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/scenes"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/")

// writeScene puts bundled scene name into dir and returns its path.
func writeScene(t testing.TB, dir, name string) string {
	t.Helper()
	b, ok := scenes.Bytes(name)
	if !ok {
		t.Fatalf("no bundled scene %q", name)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t testing.TB, r *Renderer, task renderer.Task) *image.NRGBA64 {
	t.Helper()
	res, err := r.Render(context.Background(), task)
	if err != nil {
		t.Fatalf("render %s frame %d region %v: %v", filepath.Base(task.Scene), task.Frame, task.Region, err)
	}
	if res.Image.Bounds() != task.Rect() {
		t.Fatalf("image bounds %v, want %v", res.Image.Bounds(), task.Rect())
	}
	return res.Image
}

// samePixels reports the first pixel where a and b differ.
func samePixels(a, b *image.NRGBA64) (image.Point, bool) {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Min, false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.NRGBA64At(x, y) != b.NRGBA64At(x, y) {
				return image.Pt(x, y), false
			}
		}
	}
	return image.Point{}, true
}

func TestRegionsMatchWholeFrame(t *testing.T) {
	dir := t.TempDir()
	r := New(DefaultConfig())
	grids := []struct{ cols, rows int }{{1, 1}, {2, 2}, {3, 2}, {4, 4}, {7, 5}}
	for _, name := range scenes.Names() {
		path := writeScene(t, dir, name)
		frame := 1
		if name == "anim.glb" {
			frame = 7
		}
		whole := renderer.Task{Scene: path, Frame: frame, Width: 50, Height: 37, Samples: 4, Seed: 42}
		want := render(t, r, whole)
		for _, g := range grids {
			t.Run(fmt.Sprintf("%s/%dx%d", name, g.cols, g.rows), func(t *testing.T) {
				frameImg := image.NewNRGBA64(image.Rect(0, 0, whole.Width, whole.Height))
				for j := 0; j < g.rows; j++ {
					for i := 0; i < g.cols; i++ {
						task := whole
						task.Region = image.Rect(i*whole.Width/g.cols, j*whole.Height/g.rows,
							(i+1)*whole.Width/g.cols, (j+1)*whole.Height/g.rows)
						task.Threads = 1 + (i+j)%3 // the thread count must not matter either
						tile := render(t, r, task)
						draw.Draw(frameImg, tile.Bounds(), tile, tile.Bounds().Min, draw.Src)
					}
				}
				if p, ok := samePixels(want, frameImg); !ok {
					t.Errorf("stitched %dx%d grid differs from the whole frame at %v: %v vs %v",
						g.cols, g.rows, p, frameImg.NRGBA64At(p.X, p.Y), want.NRGBA64At(p.X, p.Y))
				}
			})
		}
	}
}

func TestDeterminism(t *testing.T) {
	dir := t.TempDir()
	path := writeScene(t, dir, "spheres.glb")
	base := renderer.Task{Scene: path, Frame: 1, Width: 40, Height: 30, Samples: 4, Seed: 7}
	want := render(t, New(DefaultConfig()), base)

	tests := []struct {
		name   string
		change func(*renderer.Task)
		same   bool
	}{
		{"same seed again", func(*renderer.Task) {}, true},
		{"one thread", func(t *renderer.Task) { t.Threads = 1 }, true},
		{"all cores", func(t *renderer.Task) { t.Threads = 0 }, true},
		{"many threads", func(t *renderer.Task) { t.Threads = 13 }, true},
		{"other seed", func(t *renderer.Task) { t.Seed = 8 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := base
			tc.change(&task)
			// A fresh renderer each time, so the cache cannot hide a
			// difference in how scenes are loaded.
			got := render(t, New(DefaultConfig()), task)
			if _, same := samePixels(want, got); same != tc.same {
				t.Errorf("pixels identical = %v, want %v", same, tc.same)
			}
		})
	}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	r := New(DefaultConfig())
	for _, name := range scenes.Names() {
		t.Run(name, func(t *testing.T) {
			path := writeScene(t, dir, name)
			img := render(t, r, renderer.Task{Scene: path, Frame: 1, Width: 64, Height: 48, Samples: 8, Seed: 1})
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".glb")+".png")
			if *update {
				var buf bytes.Buffer
				if err := renderer.EncodePNG(&buf, img, 16, renderer.DefaultPNGCompression, false); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			f, err := os.Open(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			defer f.Close()
			dec, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			want := image.NewNRGBA64(dec.Bounds())
			draw.Draw(want, want.Bounds(), dec, dec.Bounds().Min, draw.Src)
			p, ok := samePixels(want, img)
			if ok {
				return
			}
			// Go may fuse multiply-adds on other architectures, which moves
			// pixels by rounding; the exact check is for amd64.
			if runtime.GOARCH != "amd64" && meanAbsDiff(want, img) < 0.01 {
				return
			}
			t.Errorf("%s differs from %s at %v: %v, want %v; if the change is deliberate, bump version in renderer.go and run go test -update",
				name, golden, p, img.NRGBA64At(p.X, p.Y), want.NRGBA64At(p.X, p.Y))
		})
	}
}

// meanAbsDiff is the mean absolute channel difference, in [0, 1].
func meanAbsDiff(a, b *image.NRGBA64) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	var sum float64
	for i := range a.Pix {
		if i%2 == 0 {
			d := int(a.Pix[i]) - int(b.Pix[i])
			sum += float64(max(d, -d))
		}
	}
	return sum / 255 / float64(len(a.Pix)/2)
}

func TestImageLooksSane(t *testing.T) {
	// Not black and not blown out: the mean must be mid-range and most
	// pixels must be neither 0 nor saturated.
	dir := t.TempDir()
	r := New(DefaultConfig())
	for _, name := range scenes.Names() {
		img := render(t, r, renderer.Task{Scene: writeScene(t, dir, name), Frame: 1, Width: 32, Height: 24, Samples: 4, Seed: 1})
		var sum float64
		extreme := 0
		for i := 0; i < len(img.Pix); i += 8 {
			for c := 0; c < 3; c++ {
				v := int(img.Pix[i+2*c])<<8 | int(img.Pix[i+2*c+1])
				sum += float64(v) / 0xffff
				if v == 0 || v == 0xffff {
					extreme++
				}
			}
		}
		n := float64(len(img.Pix) / 8 * 3)
		if mean := sum / n; mean < 0.15 || mean > 0.85 || float64(extreme) > 0.2*n {
			t.Errorf("%s: mean %.2f, %d of %.0f channels at 0 or 1", name, mean, extreme, n)
		}
	}
}

func TestAnimation(t *testing.T) {
	dir := t.TempDir()
	path := writeScene(t, dir, "anim.glb")
	r := New(DefaultConfig())
	info, err := r.Inspect(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if info.FrameStart != 1 || info.FrameEnd != 24 || info.FPS != 24 {
		t.Errorf("Inspect = %+v, want frames 1-24 at 24 fps", info)
	}
	task := renderer.Task{Scene: path, Frame: 1, Width: 32, Height: 24, Samples: 2, Seed: 3}
	f1 := render(t, r, task)
	f1again := render(t, New(DefaultConfig()), task)
	task.Frame = 24
	f24 := render(t, r, task)
	if _, same := samePixels(f1, f1again); !same {
		t.Error("frame 1 rendered twice differs")
	}
	if _, same := samePixels(f1, f24); same {
		t.Error("frames 1 and 24 are identical; the animation did nothing")
	}

	for _, still := range []string{"cornell.glb", "spheres.glb"} {
		info, err := r.Inspect(context.Background(), writeScene(t, dir, still))
		if err != nil {
			t.Fatal(err)
		}
		if info.FrameStart != 1 || info.FrameEnd != 1 {
			t.Errorf("%s: frames %d-%d, want 1-1", still, info.FrameStart, info.FrameEnd)
		}
	}
}

// variant decodes bundled scene name, lets edit change the document, and
// writes it to dir as file (.glb or .gltf with embedded buffers).
func variant(t *testing.T, dir, name, file string, edit func(*gltf.Document)) string {
	t.Helper()
	p := filepath.Join(dir, file)
	if err := os.WriteFile(p, encodeVariant(t, name, strings.HasSuffix(file, ".glb"), edit), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// encodeVariant decodes bundled scene name, lets edit change the document,
// and encodes it as a GLB, or as glTF JSON when glb is false.
func encodeVariant(t testing.TB, name string, glb bool, edit func(*gltf.Document)) []byte {
	t.Helper()
	b, _ := scenes.Bytes(name)
	doc := new(gltf.Document)
	if err := gltf.NewDecoder(bytes.NewReader(b)).Decode(doc); err != nil {
		t.Fatal(err)
	}
	// The library decodes KHR_lights_punctual but cannot encode it (no
	// envelope, and +Inf for a missing range), so write it back as JSON.
	if ls, ok := doc.Extensions[lightspunctual.ExtensionName].(lightspunctual.Lights); ok {
		for _, l := range ls {
			l.Range = nil
		}
		raw, err := json.Marshal(map[string]any{"lights": ls})
		if err != nil {
			t.Fatal(err)
		}
		doc.Extensions[lightspunctual.ExtensionName] = json.RawMessage(raw)
	}
	for _, n := range doc.Nodes {
		if li, ok := n.Extensions[lightspunctual.ExtensionName].(lightspunctual.LightIndex); ok {
			n.Extensions[lightspunctual.ExtensionName] = json.RawMessage(fmt.Sprintf(`{"light":%d}`, li))
		}
	}
	edit(doc)
	var buf bytes.Buffer
	enc := gltf.NewEncoder(&buf)
	enc.AsBinary = glb
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func embedBuffers(doc *gltf.Document) {
	for _, b := range doc.Buffers {
		b.EmbeddedResource()
	}
}

func TestGLTFWithEmbeddedData(t *testing.T) {
	dir := t.TempDir()
	task := renderer.Task{Scene: writeScene(t, dir, "spheres.glb"), Frame: 1, Width: 24, Height: 18, Samples: 2, Seed: 5}
	want := render(t, New(DefaultConfig()), task)
	tests := []struct {
		name string
		edit func(*gltf.Document)
	}{
		{"buffers as data URIs", embedBuffers},
		{"image as data URI", func(d *gltf.Document) {
			im := d.Images[0]
			bv := d.BufferViews[*im.BufferView]
			data := d.Buffers[bv.Buffer].Data[bv.ByteOffset : bv.ByteOffset+bv.ByteLength]
			im.URI = "data:image/png;base64," + base64.StdEncoding.EncodeToString(data)
			im.BufferView = nil
			embedBuffers(d)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := task
			task.Scene = variant(t, dir, "spheres.glb", "spheres.gltf", tc.edit)
			got := render(t, New(DefaultConfig()), task)
			if _, same := samePixels(want, got); !same {
				t.Error("the .gltf form of spheres renders differently from the .glb")
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeScene(t, dir, "cornell.glb")
	pngFile := filepath.Join(dir, "picture.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pngFile, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.glb")
	if err := os.WriteFile(garbage, []byte("glTF\x02\x00\x00\x00\xff\xff\xff\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	noCamera := variant(t, dir, "cornell.glb", "nocam.glb", func(d *gltf.Document) {
		for _, n := range d.Nodes {
			n.Camera = nil
		}
	})
	ortho := variant(t, dir, "cornell.glb", "ortho.glb", func(d *gltf.Document) {
		d.Cameras[0].Perspective = nil
		d.Cameras[0].Orthographic = &gltf.Orthographic{Xmag: 1, Ymag: 1, Zfar: 10, Znear: 0.1}
	})
	noGeometry := variant(t, dir, "cornell.glb", "empty.glb", func(d *gltf.Document) {
		for _, n := range d.Nodes {
			n.Mesh = nil
		}
	})
	// The referenced file exists, so the test also proves it is not read.
	if err := os.WriteFile(filepath.Join(dir, "x.bin"), make([]byte, 1<<16), 0o644); err != nil {
		t.Fatal(err)
	}
	external := variant(t, dir, "cornell.glb", "external.gltf", func(d *gltf.Document) {
		d.Buffers[0].URI = "x.bin"
	})
	externalImage := variant(t, dir, "spheres.glb", "extimage.gltf", func(d *gltf.Document) {
		embedBuffers(d)
		d.Images[0].BufferView = nil
		d.Images[0].URI = "checker.png"
	})

	task := func(scene string, edit func(*renderer.Task)) renderer.Task {
		tk := renderer.Task{Scene: scene, Frame: 1, Width: 8, Height: 6, Samples: 1}
		if edit != nil {
			edit(&tk)
		}
		return tk
	}
	tests := []struct {
		name    string
		task    renderer.Task
		want    []string
		badTask bool
	}{
		{"missing file", task(filepath.Join(dir, "nope.glb"), nil), []string{"nope.glb", "no such file"}, false},
		{"png file", task(pngFile, nil), []string{"picture.png", "not a glTF 2.0 file"}, true},
		{"garbage glb", task(garbage, nil), []string{"garbage.glb", "not a glTF 2.0 file"}, true},
		{"directory", task(dir, nil), []string{"not a regular file"}, true},
		{"no camera", task(noCamera, nil), []string{"nocam.glb has no camera: add a perspective camera"}, true},
		{"orthographic camera", task(ortho, nil), []string{"ortho.glb", "orthographic", "add a perspective camera"}, true},
		{"no geometry", task(noGeometry, nil), []string{"empty.glb has no geometry"}, true},
		{"external buffer", task(external, nil), []string{`external.gltf: buffer 0 references external file "x.bin": pack the scene into a .glb or embed the data`}, true},
		{"external image", task(externalImage, nil), []string{`extimage.gltf: image 0 references external file "checker.png"`}, true},
		{"frame out of range", task(good, func(t *renderer.Task) { t.Frame = 30 }), []string{"frame 30 is outside the scene's range 1-1"}, true},
		{"zero samples", task(good, func(t *renderer.Task) { t.Samples = 0 }), []string{"samples 0"}, true},
		{"zero width", task(good, func(t *renderer.Task) { t.Width = 0 }), []string{"resolution 0x6"}, true},
		{"region outside frame", task(good, func(t *renderer.Task) { t.Region = image.Rect(4, 4, 20, 20) }), []string{"outside the 8x6 frame"}, true},
	}
	r := New(DefaultConfig())
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := r.Render(context.Background(), tc.task)
			if err == nil {
				t.Fatal("Render succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if got := errors.Is(err, renderer.ErrBadTask); got != tc.badTask {
				t.Errorf("errors.Is(err, ErrBadTask) = %v, want %v (err: %v)", got, tc.badTask, err)
			}
		})
	}

	t.Run("animated frame out of range", func(t *testing.T) {
		_, err := r.Render(context.Background(), task(writeScene(t, dir, "anim.glb"), func(t *renderer.Task) { t.Frame = 30 }))
		if err == nil || !strings.Contains(err.Error(), "frame 30 is outside the scene's range 1-24") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("bad config", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.FPS = 0
		if _, err := New(cfg).Render(context.Background(), task(good, nil)); err == nil || !strings.Contains(err.Error(), "FPS") {
			t.Errorf("err = %v, want a config error naming FPS", err)
		}
	})
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(DefaultConfig()).Render(ctx, renderer.Task{
		Scene: writeScene(t, t.TempDir(), "cornell.glb"), Frame: 1, Width: 64, Height: 48, Samples: 64})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestVersion(t *testing.T) {
	if v := New(DefaultConfig()).Version(); v != version {
		t.Errorf("default Version() = %q, want %q", v, version)
	}
	cfg := DefaultConfig()
	cfg.CacheSize = 9
	if v := New(cfg).Version(); v != version {
		t.Errorf("Version() with another cache size = %q, want %q", v, version)
	}
	cfg.MaxDepth = 3
	if v := New(cfg).Version(); v == version || !strings.HasPrefix(v, version+"-") {
		t.Errorf("Version() with MaxDepth 3 = %q, want %s-<hash>", v, version)
	}
}

func TestConcurrentTilesShareOneLoad(t *testing.T) {
	// Tiles of a new scene arriving at once, as on a busy node: the cache
	// must parse once, stay race-free, and give the same pixels.
	dir := t.TempDir()
	path := writeScene(t, dir, "anim.glb")
	whole := renderer.Task{Scene: path, Frame: 5, Width: 40, Height: 30, Samples: 2, Seed: 9}
	want := render(t, New(DefaultConfig()), whole)

	cfg := DefaultConfig()
	cfg.CacheSize = 1
	r := New(cfg)
	frameImg := image.NewNRGBA64(want.Bounds())
	type result struct {
		img *image.NRGBA64
		err error
	}
	results := make(chan result, 16) // buffered: a failed test must not strand senders
	for j := 0; j < 4; j++ {
		for i := 0; i < 4; i++ {
			task := whole
			task.Region = image.Rect(i*10, j*30/4, (i+1)*10, (j+1)*30/4)
			task.Threads = 1
			go func() {
				res, err := r.Render(context.Background(), task)
				results <- result{res.Image, err}
			}()
		}
	}
	for k := 0; k < 16; k++ {
		res := <-results
		if res.err != nil {
			t.Fatal(res.err)
		}
		draw.Draw(frameImg, res.img.Bounds(), res.img, res.img.Bounds().Min, draw.Src)
	}
	if p, ok := samePixels(want, frameImg); !ok {
		t.Errorf("concurrent tiles differ from the whole frame at %v", p)
	}

	// With room for one scene, alternating scenes evicts every time; the
	// pixels must not care.
	other := writeScene(t, dir, "cornell.glb")
	for k := 0; k < 3; k++ {
		render(t, r, renderer.Task{Scene: other, Frame: 1, Width: 8, Height: 6, Samples: 1})
		if _, ok := samePixels(want, render(t, r, whole)); !ok {
			t.Fatal("frame differs after the cache evicted and reloaded the scene")
		}
	}
}

// TestHDR: a task asking for float pixels gets the linear values the 16-bit
// image was encoded from (so Image is unchanged), values above 1 kept, and
// float tiles that stitch bit-exactly into the whole frame's.
func TestHDR(t *testing.T) {
	r := New(DefaultConfig())
	path := writeScene(t, t.TempDir(), "cornell.glb")
	whole := renderer.Task{Scene: path, Frame: 1, Width: 40, Height: 30, Samples: 4, Seed: 9, HDR: true}
	res, err := r.Render(context.Background(), whole)
	if err != nil {
		t.Fatal(err)
	}
	plain := whole
	plain.HDR = false
	if p, ok := samePixels(render(t, r, plain), res.Image); !ok {
		t.Fatalf("asking for HDR changed the 16-bit image at %v", p)
	}
	if res.HDR == nil || res.HDR.Rect != whole.Rect() {
		t.Fatalf("HDR result %v, want bounds %v", res.HDR, whole.Rect())
	}
	bright := 0
	for y := 0; y < whole.Height; y++ {
		for x := 0; x < whole.Width; x++ {
			c := res.HDR.At(x, y)
			if c[3] != 1 {
				t.Fatalf("alpha at (%d,%d) is %v, want 1", x, y, c[3])
			}
			for k := range 3 {
				if got, want := renderer.SRGB16(float64(c[k])), res.Image.NRGBA64At(x, y); absDiff(got, [3]uint16{want.R, want.G, want.B}[k]) > 1 {
					t.Fatalf("(%d,%d) channel %d: float %v encodes to %d, the image has %d", x, y, k, c[k], got, [3]uint16{want.R, want.G, want.B}[k])
				}
				if c[k] > 1 {
					bright++
				}
			}
		}
	}
	if bright == 0 {
		t.Fatal("no value above 1 in a scene with a visible light: HDR values are being clipped")
	}
	frame := renderer.NewHDR(whole.Rect())
	for _, reg := range []image.Rectangle{image.Rect(0, 0, 40, 13), image.Rect(0, 13, 17, 30), image.Rect(17, 13, 40, 30)} {
		tile := whole
		tile.Region = reg
		tr, err := r.Render(context.Background(), tile)
		if err != nil {
			t.Fatal(err)
		}
		frame.Draw(tr.HDR)
	}
	for i, v := range res.HDR.Pix {
		if math.Float32bits(v) != math.Float32bits(frame.Pix[i]) {
			t.Fatalf("stitched float tiles differ from the whole frame at value %d: %v vs %v", i, frame.Pix[i], v)
		}
	}
}

func absDiff(a, b uint16) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
