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
		{"frame 0", func(t *Task) { t.Frame = 0 }, "frames start at 1"},
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

func TestEncodePNGDepths(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 3, 1))
	vals := []uint16{0, 0x8080, 0xffff}
	for x, v := range vals {
		img.SetNRGBA64(x, 0, color.NRGBA64{v, v, v, 0xffff})
	}
	for _, depth := range []int{8, 16} {
		var buf bytes.Buffer
		if err := EncodePNG(&buf, img, depth); err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for x, v := range vals {
			r, _, _, _ := got.At(x, 0).RGBA()
			want := uint32(v)
			if depth == 8 {
				want = uint32((uint32(v)*255+32767)/65535) * 0x101
			}
			if r != want {
				t.Errorf("depth %d pixel %d: %#x, want %#x", depth, x, r, want)
			}
		}
	}
	if err := EncodePNG(&bytes.Buffer{}, img, 12); err == nil {
		t.Fatal("depth 12 accepted")
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
