package farm

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"golang.org/x/image/tiff"
)

// FuzzJobSpec: any JSON a client sends is either refused or a spec whose
// plan is sane.
func FuzzJobSpec(f *testing.F) {
	b, _ := json.Marshal(validSpec())
	f.Add(b)
	f.Add([]byte(`{"scene":"","frames":{"start":-1}}`))
	f.Add([]byte(`{"tiles":{"cols":1e9}}`))
	for _, out := range []string{`"format":"jpeg","quality":75,"depth":8`, `"format":"tiff","depth":16`, `"format":"jpeg","depth":16`, `"format":"png","quality":3`, `"format":"../x"`} {
		v := validSpec()
		b, _ := json.Marshal(v)
		f.Add(append(b[:len(b)-1], []byte(","+out+"}")...))
	}
	for _, money := range []string{`"budget":0.03,"max_price":"0.000000000000000001"`, `"budget":"7.03"`, `"budget":1e-18`, `"budget":-1`, `"max_price":0.1234567890123456789`} {
		b, _ := json.Marshal(validSpec())
		f.Add(append(b[:len(b)-1], []byte(","+money+"}")...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s api.JobSpec
		if json.Unmarshal(data, &s) != nil || s.Validate() != nil {
			return
		}
		// The output fields hold together, and a frame's name is a plain
		// file name whatever the spec says.
		if name := api.FrameName(1, s.Format); filepath.Base(name) != name || !strings.HasPrefix(name, "frame_0001.") ||
			(s.Format == api.FormatJPEG && s.Depth != 8) || (s.Format != api.FormatJPEG && s.Quality != 0) || s.JPEGQuality() < 1 || s.JPEGQuality() > 100 {
			t.Fatalf("valid spec with output %q depth %d quality %d: frame %q", s.Format, s.Depth, s.Quality, name)
		}
		if s.Frames.End-s.Frames.Start > 1000 {
			return // a valid but large plan; not worth materialising here
		}
		// Every frame of a valid spec lies in its range (no step overflows
		// into negative frame numbers).
		for _, n := range s.Frames.List() {
			if n < s.Frames.Start || n > s.Frames.End {
				t.Fatalf("valid frames %v list frame %d", s.Frames, n)
			}
		}
		if s.ID() == "" {
			t.Fatal("empty id")
		}
		// Its hash (the escrow id) survives a round trip: amounts are
		// written back exactly as they were read.
		again, _ := json.Marshal(s)
		var back api.JobSpec
		if err := json.Unmarshal(again, &back); err != nil || back.Hash() != s.Hash() {
			t.Fatalf("spec %s read back as %+v (%v): hash changed", again, back, err)
		}
	})
}

// FuzzDecodeTile: whatever bytes a worker returns, PNG, EXR or raw passes,
// decoding them either fails or yields exactly the task's rectangle (or
// planes of it, for a check image of raw passes; and,
// for an EXR job, finite float pixels of it; for a composited scene,
// exactly the passes its compositor reads). A PNG's pixels are image/png's
// converted to 16-bit non-premultiplied RGBA, whichever way decodeTile
// got them (as decoded, or converted).
func FuzzDecodeTile(f *testing.F) {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA64(image.Rect(0, 0, 4, 3)))
	f.Add(buf.Bytes(), false, false)
	f.Add([]byte("not a png"), false, false)
	for _, opt := range []exr.Options{{}, {Compression: exr.ZIP}, {Half: true}} {
		h := renderer.NewHDR(image.Rect(0, 0, 4, 3))
		for i := range h.Pix {
			h.Pix[i] = float32(i) / 7
		}
		buf.Reset()
		exr.Encode(&buf, h, opt)
		f.Add(buf.Bytes(), true, false)
	}
	passes := []string{"ViewLayer.Combined", "ViewLayer.Depth"}
	for _, names := range [][]string{
		{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R", "ViewLayer.Depth.Z"},
		{"ViewLayer.Combined.R", "ViewLayer.Depth.Z"},                                                    // no G, B, A
		{"ViewLayer.Combined.A", "ViewLayer.Combined.B", "ViewLayer.Combined.G", "ViewLayer.Combined.R"}, // no Depth
	} {
		p, _ := renderer.NewPasses(image.Rect(0, 0, 4, 3), names)
		for i := range p.Channels {
			for j := range p.Channels[i].Pix {
				p.Channels[i].Pix[j] = float32(i+j) / 5
			}
		}
		buf.Reset()
		exr.EncodePasses(&buf, p, exr.Options{Compression: exr.ZIP})
		f.Add(buf.Bytes(), false, true)
		f.Add(buf.Bytes(), true, true)
	}
	rect := image.Rect(8, 6, 12, 9)
	buf.Reset()
	png.Encode(&buf, image.NewNRGBA64(image.Rect(0, 0, 4, 3*5)))
	f.Add(buf.Bytes(), false, false)                 // a check image of 5 planes
	for _, alpha := range []uint16{0xffff, 0x8000} { // opaque: 16-bit RGB; else RGBA
		src := image.NewNRGBA64(image.Rect(0, 0, 4, 3))
		for i := range 12 {
			src.SetNRGBA64(i%4, i/4, color.NRGBA64{uint16(i * 5000), 0x1234, 0xfedc, alpha})
		}
		buf.Reset()
		png.Encode(&buf, src)
		f.Add(buf.Bytes(), false, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, hdr, composited bool) {
		want := tileWant{hdr: hdr}
		if composited {
			want.passes = passes
		}
		planes := !hdr && !composited
		want.planes = planes
		tl, err := decodeTile(data, rect, want)
		if err != nil {
			return
		}
		if composited && (tl.passes == nil || tl.passes.Rect != rect || !tl.passes.Finite() || checkPassNames(tl.passes.Names(), passes) != nil) {
			t.Fatalf("tile of raw passes decoded to %+v", tl.passes)
		}
		got := tl.checked().Bounds()
		n := got.Dy() / rect.Dy()
		if got.Min != rect.Min || got.Dx() != rect.Dx() || n*rect.Dy() != got.Dy() || n < 1 || n > maxPlanes || (n > 1 && !planes && !composited) {
			t.Fatalf("decoded %v, want %v or its planes", got, rect)
		}
		if hdr && (tl.hdr == nil || tl.hdr.Rect != rect || !tl.hdr.Finite()) {
			t.Fatalf("EXR tile decoded to %+v", tl.hdr)
		}
		if !hdr && !composited {
			ref, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decodeTile took a PNG image/png refuses: %v", err)
			}
			want := image.NewNRGBA64(ref.Bounds())
			draw.Draw(want, want.Bounds(), ref, ref.Bounds().Min, draw.Src)
			if !bytes.Equal(tl.img.Pix, want.Pix) {
				t.Fatalf("%T tile decoded to other pixels than image/png's, converted", ref)
			}
		}
	})
}

func TestOpaque64(t *testing.T) {
	px := func(alphas ...uint16) []byte {
		var b []byte
		for _, a := range alphas {
			b = append(b, 1, 2, 3, 4, 5, 6, byte(a>>8), byte(a))
		}
		return b
	}
	for _, tc := range []struct {
		pix  []byte
		want bool
	}{
		{px(), true},
		{px(0xffff, 0xffff), true},
		{px(0xffff, 0xfffe), false},
		{px(0xff00, 0xffff), false},
		{px(0), false},
	} {
		if got := opaque64(tc.pix); got != tc.want {
			t.Errorf("opaque64(%v) = %v, want %v", tc.pix, got, tc.want)
		}
	}
}

// FuzzDecodeFrameFile: a finished frame a worker sends as JPEG or TIFF
// either is refused or decodes to exactly the frame's rectangle.
func FuzzDecodeFrameFile(f *testing.F) {
	src := image.NewNRGBA64(image.Rect(0, 0, 4, 3))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, src, nil)
	f.Add(buf.Bytes(), false)
	buf.Reset()
	tiff.Encode(&buf, src, nil)
	f.Add(buf.Bytes(), true)
	buf.Reset()
	tiff.Encode(&buf, src, &tiff.Options{Compression: tiff.Deflate})
	f.Add(buf.Bytes(), true)
	f.Add([]byte("II*\x00not a tiff"), true)
	rect := image.Rect(0, 0, 4, 3)
	f.Fuzz(func(t *testing.T, data []byte, isTIFF bool) {
		format := api.FormatJPEG
		if isTIFF {
			format = api.FormatTIFF
		}
		tl, err := decodeFrameFile(data, rect, format)
		if err != nil {
			return
		}
		if tl.img == nil || tl.img.Rect != rect {
			t.Fatalf("%s frame decoded to %+v", format, tl.img)
		}
	})
}

// FuzzClaimMessage: a claim handed to a worker by anyone is either refused
// or a well-formed claim (positive amount, a node address, bounded proof)
// whose job id is spelled the one way the wallet keys claims by.
func FuzzClaimMessage(f *testing.F) {
	f.Add([]byte(`{"job":"0x` + strings.Repeat("01", 32) + `","node":"0x0000000000000000000000000000000000000001","amount":"5","proof":["0x` + strings.Repeat("ab", 32) + `"]}`))
	f.Add([]byte(`{"job":"0x00` + strings.Repeat("01", 32) + `","node":"0x0000000000000000000000000000000000000001","amount":"5","proof":[]}`))
	f.Add([]byte(`{"amount":"-1"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var m claimMessage
		if json.Unmarshal(data, &m) != nil {
			return
		}
		cl, err := m.claim()
		if err != nil {
			return
		}
		if cl.Amount.Sign() <= 0 || len(cl.Proof) > 64 || cl.JobID.Hex() != m.JobID {
			t.Fatalf("accepted claim %+v of job %q", cl, m.JobID)
		}
	})
}
