package renderer

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"
)

func TestTaskValidate(t *testing.T) {
	ok := Task{Frame: 1, Width: 64, Height: 48, Samples: 4}
	tests := []struct {
		name    string
		change  func(*Task)
		wantErr string
	}{
		{"valid", func(*Task) {}, ""},
		{"valid region", func(t *Task) { t.Region = image.Rect(0, 0, 16, 16) }, ""},
		{"zero res", func(t *Task) { t.Width = 0 }, "width and height must be >= 1"},
		{"huge res", func(t *Task) { t.Width = 100000 }, "must be <= 16384"},
		{"zero samples", func(t *Task) { t.Samples = 0 }, "samples 0"},
		{"frame -1", func(t *Task) { t.Frame = -1 }, "frames start at 0"},
		{"region outside", func(t *Task) { t.Region = image.Rect(60, 40, 70, 50) }, "outside the 64x48 frame"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			task := ok
			tc.change(&task)
			err := task.Validate()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrBadTask) {
				t.Fatalf("err = %v, want ErrBadTask containing %q", err, tc.wantErr)
			}
		})
	}
	if r := ok.Rect(); r != image.Rect(0, 0, 64, 48) {
		t.Fatalf("Rect of a whole-frame task = %v", r)
	}
}

// TestEncodePNGDepths: an opaque image at 8 and 16 bits, its values
// rounded to 8 bits to the nearest, written as RGB or, asked for its alpha
// channel (an RGBA scene's, as Blender writes it), as RGBA: the IHDR's bit
// depth and colour type say so.
func TestEncodePNGDepths(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 3, 1))
	vals := []uint16{0, 0x8080, 0xffff}
	for x, v := range vals {
		img.SetNRGBA64(x, 0, color.NRGBA64{v, v, v, 0xffff})
	}
	for _, tc := range []struct {
		depth int
		alpha bool
		ihdr  [2]byte // bit depth, colour type (2 RGB, 6 RGBA)
	}{
		{8, false, [2]byte{8, 2}},
		{8, true, [2]byte{8, 6}},
		{16, false, [2]byte{16, 2}},
		{16, true, [2]byte{16, 6}},
	} {
		depth := tc.depth
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img, depth, DefaultPNGCompression, tc.alpha); err != nil {
			t.Fatal(err)
		}
		if got := [2]byte(buf.Bytes()[24:26]); got != tc.ihdr {
			t.Errorf("depth %d alpha %v: IHDR bit depth and colour type %v, want %v", depth, tc.alpha, got, tc.ihdr)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for x, v := range vals {
			r, _, _, a := got.At(x, 0).RGBA()
			want := uint32(v)
			if a != 0xffff {
				t.Errorf("depth %d alpha %v pixel %d: alpha %#x", depth, tc.alpha, x, a)
			}
			if depth == 8 {
				want = uint32((uint32(v)*255+32767)/65535) * 0x101
			}
			if r != want {
				t.Errorf("depth %d alpha %v pixel %d: %#x, want %#x", depth, tc.alpha, x, r, want)
			}
		}
	}
	if err := EncodePNG(&bytes.Buffer{}, img, 12, DefaultPNGCompression, false); err == nil {
		t.Fatal("depth 12 accepted")
	}
}

// TestEncodePNGCompression: a frame's pixels are the same at every
// compression, the file shrinks as the percentage grows (0 stores: at least
// the raw bytes), each percentage writes the zlib level Blender writes for
// it (rounded to Go's four), and a percentage outside 0-100 is refused.
func TestEncodePNGCompression(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 64, 48))
	rng := uint32(1)
	for i := 0; i < len(img.Pix); i += 2 {
		rng = rng*1664525 + 1013904223
		v := uint16(i*37) + uint16(rng>>28) // a gradient with noise: compressible, not trivially
		img.Pix[i], img.Pix[i+1] = uint8(v>>8), uint8(v)
	}
	var sizes []int
	for _, c := range []int{0, 15, 50, 90} {
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img, 16, c, false); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, buf.Len())
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if n, ok := got.(*image.NRGBA64); !ok || !bytes.Equal(n.Pix, img.Pix) {
			t.Errorf("compression %d changed the pixels", c)
		}
	}
	if raw := len(img.Pix); sizes[0] < raw || !(sizes[1] < sizes[0] && sizes[2] <= sizes[1] && sizes[3] <= sizes[2]) {
		t.Errorf("sizes at 0, 15, 50, 90%%: %v; want the raw %d bytes or more at 0, then shrinking", sizes, raw)
	}
	goLevel := map[int]png.CompressionLevel{0: png.NoCompression, 1: png.BestSpeed, 2: png.BestSpeed, 3: png.BestSpeed,
		4: png.DefaultCompression, 5: png.DefaultCompression, 6: png.DefaultCompression, 7: png.BestCompression, 8: png.BestCompression, 9: png.BestCompression}
	for c := 0; c <= 100; c++ {
		blender := int(float32(c) / float32(11.1111)) // imbuf's PNG writer
		if got := PNGLevel(c); got != goLevel[blender] {
			t.Errorf("PNGLevel(%d) = %v, want %v (Blender's zlib level %d)", c, got, goLevel[blender], blender)
		}
	}
	for _, c := range []int{-1, 101} {
		if err := EncodePNG(&bytes.Buffer{}, img, 16, c, false); err == nil || !strings.Contains(err.Error(), "must be 0 to 100") {
			t.Errorf("compression %d: %v, want refused", c, err)
		}
	}
}

func TestPassOf(t *testing.T) {
	tests := []struct {
		channel, pass string
		ok            bool
	}{
		{"ViewLayer.Combined.R", "ViewLayer.Combined", true},
		{"Fore.Depth.Z", "Fore.Depth", true},
		{"ViewLayer.CryptoObject00.R", "ViewLayer.CryptoObject", true},
		{"ViewLayer.AO2.R", "ViewLayer.AO2", true}, // only Cryptomatte ranks are numbered
		{"Combined", "", false},
	}
	for _, tc := range tests {
		if pass, ok := PassOf(tc.channel); pass != tc.pass || ok != tc.ok {
			t.Errorf("PassOf(%q) = %q, %v; want %q, %v", tc.channel, pass, ok, tc.pass, tc.ok)
		}
	}
}

// TestReadPNG: what WritePNG writes reads back as the same 16-bit pixels
// (8-bit files as EncodePNG rounded them), at the origin.
func TestReadPNG(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(3, 2, 7, 5))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 37)
		if i%8 >= 6 {
			img.Pix[i] = 0xff // opaque: a frame's alpha
		}
	}
	for _, depth := range []int{8, 16} {
		path := filepath.Join(t.TempDir(), "f.png")
		if err := WritePNG(path, img, depth); err != nil {
			t.Fatal(err)
		}
		got, err := ReadPNG(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rect != image.Rect(0, 0, 4, 3) {
			t.Fatalf("depth %d: bounds %v", depth, got.Rect)
		}
		for y := range 3 {
			for x := range 4 {
				w, g := img.NRGBA64At(x+3, y+2), got.NRGBA64At(x, y)
				// 8 bits keep each value to within half a step of 257.
				near := func(a, b uint16) bool { return max(a, b)-min(a, b) <= 128 }
				if depth == 16 && w != g || depth == 8 && !(near(w.R, g.R) && near(w.G, g.G) && near(w.B, g.B)) {
					t.Fatalf("depth %d: pixel %d,%d: %v, want %v", depth, x, y, g, w)
				}
			}
		}
	}
	if _, err := ReadPNG(filepath.Join(t.TempDir(), "none.png")); err == nil {
		t.Fatal("a missing file read")
	}
}
