package flipbook

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

var update = flag.Bool("update", false, "rewrite testdata/sheet.png")

// solid returns a w x h frame of one opaque colour.
func solid(w, h int, c color.NRGBA) *image.NRGBA64 {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

// writeFrame writes img as frame n in dir in the given format and returns
// it as a Frame.
func writeFrame(t testing.TB, dir string, n int, img *image.NRGBA64, format string) Frame {
	t.Helper()
	p := filepath.Join(dir, fmt.Sprintf("frame_%04d.%s", n, format))
	var err error
	switch format {
	case "png":
		err = renderer.WritePNG(p, img, 16)
	case "jpg":
		err = renderer.WriteAtomic(p, func(w io.Writer) error { return renderer.EncodeJPEG(w, img, 95) })
	case "tif":
		err = renderer.WriteAtomic(p, func(w io.Writer) error { return renderer.EncodeTIFF(w, img, 8) })
	case "exr":
		h := renderer.NewHDR(img.Rect)
		for y := range img.Rect.Dy() {
			for x := range img.Rect.Dx() {
				c := img.NRGBA64At(x, y)
				h.Set(x, y, [4]float32{linear(c.R), linear(c.G), linear(c.B), 1})
			}
		}
		err = exr.WriteFile(p, h, exr.Options{Compression: exr.ZIP})
	default:
		t.Fatalf("format %q", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return Frame{Number: n, Path: p}
}

// linear undoes the sRGB curve, so an EXR frame previews as the colour
// the PNG frames show.
func linear(v uint16) float32 {
	f := float64(v) / 0xffff
	if f <= 0.04045 {
		return float32(f / 12.92)
	}
	return float32(math.Pow((f+0.055)/1.055, 2.4))
}

// meanIn is the mean colour of img within r.
func meanIn(img image.Image, r image.Rectangle) [3]float64 {
	var sum [3]float64
	n := 0.0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			sum[0] += float64(c.R)
			sum[1] += float64(c.G)
			sum[2] += float64(c.B)
			n++
		}
	}
	return [3]float64{sum[0] / n, sum[1] / n, sum[2] / n}
}

func near(a [3]float64, c color.NRGBA, tol float64) bool {
	return abs(a[0]-float64(c.R)) <= tol && abs(a[1]-float64(c.G)) <= tol && abs(a[2]-float64(c.B)) <= tol
}

// cellRect is the thumbnail area of cell i of a sheet laid out in cols
// columns with thumbnails tw x th.
func cellRect(i, cols, tw, th int) image.Rectangle {
	x, y := gap+(i%cols)*(tw+gap), gap+(i/cols)*(th+labelH+gap)
	return image.Rect(x, y, x+tw, y+th)
}

var palette = []color.NRGBA{{220, 30, 30, 255}, {30, 200, 40, 255}, {40, 60, 230, 255}, {200, 200, 60, 255}, {128, 128, 128, 255}}

// TestContactSheet: five frames in a 3-column sheet; each cell's thumbnail
// has its source's colour, a frame number is drawn under each, and the
// sheet matches the golden file (pixels within a small tolerance, so a
// newer imaging's rounding does not fail it).
func TestContactSheet(t *testing.T) {
	dir := t.TempDir()
	var frames []Frame
	for i, c := range palette {
		frames = append(frames, writeFrame(t, dir, i+1, solid(64, 36, c), "png"))
	}
	img, err := ContactSheet(frames, SheetOptions{ThumbWidth: 48, Columns: 3})
	if err != nil {
		t.Fatal(err)
	}
	const tw, th = 48, 27 // 64x36 at 48 wide
	if got, want := img.Bounds(), image.Rect(0, 0, 3*(tw+gap)+gap, 2*(th+labelH+gap)+gap); got != want {
		t.Fatalf("sheet bounds %v, want %v", got, want)
	}
	for i, c := range palette {
		r := cellRect(i, 3, tw, th)
		if m := meanIn(img, r.Inset(2)); !near(m, c, 3) {
			t.Errorf("cell %d: mean colour %.0f, want %v", i, m, c)
		}
		label := image.Rect(r.Min.X, r.Max.Y, r.Max.X, r.Max.Y+labelH)
		if m := meanIn(img, label); !(m[0] > background+2) {
			t.Errorf("cell %d: no frame number drawn under it (mean %.1f)", i, m)
		}
	}
	// The sixth cell is empty: the sheet's background, no label.
	if m := meanIn(img, cellRect(5, 3, tw, th)); !near(m, color.NRGBA{background, background, background, 255}, 0) {
		t.Errorf("empty cell: mean %.1f, want the background", m)
	}

	golden := filepath.Join("testdata", "sheet.png")
	if *update {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("golden %v, sheet %v", want.Bounds(), img.Bounds())
	}
	bad := 0
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			a := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			b := color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
			if abs(float64(a.R)-float64(b.R)) > 6 || abs(float64(a.G)-float64(b.G)) > 6 || abs(float64(a.B)-float64(b.B)) > 6 {
				bad++
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d pixels differ from %s by more than 6 levels", bad, golden)
	}
}

// TestContactSheetFormats: a frame in each of a job's formats (16-bit PNG,
// JPEG, TIFF, OpenEXR shown as sRGB) gives a thumbnail of its colour.
func TestContactSheetFormats(t *testing.T) {
	c := color.NRGBA{200, 90, 30, 255}
	for _, format := range []string{"png", "jpg", "tif", "exr"} {
		t.Run(format, func(t *testing.T) {
			fr := writeFrame(t, t.TempDir(), 7, solid(40, 20, c), format)
			img, err := ContactSheet([]Frame{fr}, SheetOptions{ThumbWidth: 40})
			if err != nil {
				t.Fatal(err)
			}
			if m := meanIn(img, cellRect(0, 1, 40, 20).Inset(2)); !near(m, c, 4) {
				t.Errorf("mean colour %.0f, want %v", m, c)
			}
		})
	}
}

// TestContactSheetMismatchedSizes: frames of another size or shape than
// the first are fitted into the same cell, their aspect kept and centred;
// the sheet's layout does not change.
func TestContactSheetMismatchedSizes(t *testing.T) {
	dir := t.TempDir()
	red, blue := color.NRGBA{230, 20, 20, 255}, color.NRGBA{20, 20, 230, 255}
	frames := []Frame{
		writeFrame(t, dir, 1, solid(80, 40, red), "png"),
		writeFrame(t, dir, 2, solid(20, 80, blue), "png"), // tall: 10x40 scaled into a 40x20 cell
		writeFrame(t, dir, 3, solid(400, 200, red), "png"),
		writeFrame(t, dir, 4, solid(8, 4, blue), "png"), // smaller than the cell: pasted as is
	}
	img, err := ContactSheet(frames, SheetOptions{ThumbWidth: 40, Columns: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds(), image.Rect(0, 0, 4*(40+gap)+gap, 20+labelH+2*gap); got != want {
		t.Fatalf("bounds %v, want %v", got, want)
	}
	tall := cellRect(1, 4, 40, 20)
	mid := image.Rect(tall.Min.X+18, tall.Min.Y+2, tall.Min.X+22, tall.Max.Y-2)
	if m := meanIn(img, mid); !near(m, blue, 3) {
		t.Errorf("tall frame's centre %.0f, want %v", m, blue)
	}
	side := image.Rect(tall.Min.X, tall.Min.Y, tall.Min.X+10, tall.Max.Y)
	if m := meanIn(img, side); !near(m, color.NRGBA{background, background, background, 255}, 0) {
		t.Errorf("beside the tall frame %.0f, want the background (fitted, not stretched)", m)
	}
	if m := meanIn(img, cellRect(2, 4, 40, 20).Inset(1)); !near(m, red, 3) {
		t.Errorf("large frame %.0f, want %v", m, red)
	}
}

// TestContactSheetBadInput: nothing to show, a broken or lying frame, or
// more frames than fit give errors that name the problem.
func TestContactSheetBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFrame(t, dir, 1, solid(16, 9, palette[0]), "png")
	garbage := filepath.Join(dir, "frame_0002.png")
	os.WriteFile(garbage, []byte("not an image at all"), 0o644)
	huge := filepath.Join(dir, "frame_0003.png")
	os.WriteFile(huge, pngHeader(100000, 100000), 0o644)
	many := make([]Frame, 400)
	for i := range many {
		many[i] = Frame{Number: i + 1, Path: good.Path}
	}
	tests := []struct {
		name    string
		frames  []Frame
		opts    SheetOptions
		is      error
		wantErr string
	}{
		{"no frames", nil, SheetOptions{}, ErrNoFrames, "no frames"},
		{"missing file", []Frame{good, {2, filepath.Join(dir, "gone.png")}}, SheetOptions{}, os.ErrNotExist, "gone.png"},
		{"not an image", []Frame{good, {2, garbage}}, SheetOptions{}, image.ErrFormat, "frame_0002.png"},
		{"header claims 10 gigapixels", []Frame{{3, huge}}, SheetOptions{}, nil, "100000x100000 pixels"},
		{"too many for the width", many, SheetOptions{MaxWidth: 400}, ErrTooManyFrames, "400 frames in 20 columns"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ContactSheet(tc.frames, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Fatalf("err %v, want one with %q (is %v)", err, tc.wantErr, tc.is)
			}
		})
	}
}

// pngHeader is the start of a PNG whose IHDR claims w x h pixels.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 17)
	copy(ihdr, "IHDR")
	binary.BigEndian.PutUint32(ihdr[4:], w)
	binary.BigEndian.PutUint32(ihdr[8:], h)
	ihdr[12], ihdr[13] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(13))
	b.Write(ihdr)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(ihdr))
	return b.Bytes()
}

// FuzzDecodeFrame: whatever bytes a node sends as a frame, decoding fails
// or gives an image within the pixel bound, from a file or from memory (the
// app's flipbook); it never panics.
func FuzzDecodeFrame(f *testing.F) {
	var buf bytes.Buffer
	png.Encode(&buf, solid(3, 2, palette[1]))
	f.Add(buf.Bytes())
	f.Add(pngHeader(1<<20, 1<<20))
	f.Add([]byte{0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		img, err := decodeFrame(p, 1<<16)
		if err == nil && int64(img.Bounds().Dx())*int64(img.Bounds().Dy()) > 1<<16 {
			t.Fatalf("decoded %v beyond the bound", img.Bounds())
		}
		// As the app reads a frame the node served, from memory.
		img, err = DecodeFrame(bytes.NewReader(data), 1<<16)
		if err == nil && int64(img.Bounds().Dx())*int64(img.Bounds().Dy()) > 1<<16 {
			t.Fatalf("DecodeFrame: decoded %v beyond the bound", img.Bounds())
		}
	})
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestFetched: the numbers come back from the client's own frame names; a
// file not named so is refused, naming it.
func TestFetched(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		want    []int
		wantErr string
	}{
		{"frames", []string{"out/frame_0001.png", "out/frame_0010.exr", "frame_12345.jpg"}, []int{1, 10, 12345}, ""},
		{"negative frame", []string{"frame_-001.png"}, []int{-1}, ""},
		{"none", nil, []int{}, ""},
		{"another name", []string{"out/frame_0001.png", "out/shot.png"}, nil, "out/shot.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Fetched(tc.paths)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want one naming %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || len(got) != len(tc.want) {
				t.Fatalf("%v, %v; want %v", got, err, tc.want)
			}
			for i, f := range got {
				if f.Number != tc.want[i] || f.Path != tc.paths[i] {
					t.Errorf("frame %d: %+v, want number %d at %s", i, f, tc.want[i], tc.paths[i])
				}
			}
		})
	}
}
