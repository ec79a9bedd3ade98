package exr

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds Decode corrupted files: it must fail with an "exr: "
// error or return an image that survives a round trip through Encode.
func FuzzDecode(f *testing.F) {
	for _, size := range []image.Point{{3, 2}, {5, 17}} {
		for _, opt := range append(modes, Options{Compression: RLE}, Options{Half: true, Compression: ZIPS}) {
			f.Add(encode(f, testImage(size.X, size.Y), opt))
		}
	}
	for _, s := range []fileSpec{
		{channels: []channel{{"A", typeHalf}, {"B", typeFloat}, {"G", typeUint}, {"R", typeHalf}, {"Z", typeFloat}},
			minX: -3, minY: 5, w: 4, h: 18, compression: ZIP, decreasing: true},
		{channels: []channel{{"R", typeFloat}, {"G", typeHalf}, {"B", typeUint}},
			w: 2, h: 3, compression: RLE},
	} {
		s.value = specValue
		f.Add(s.bytes())
	}
	files, _ := filepath.Glob("testdata/*.exr")
	more, _ := filepath.Glob("testdata/blender/*.exr")
	for _, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		w, h, cfgErr := DecodeConfig(bytes.NewReader(data))
		if cfgErr == nil && w*h > 1<<16 {
			// A caller checks the size before decoding; the fuzzer
			// should not spend its time zeroing gigabytes.
			return
		}
		m, err := Decode(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "exr: ") {
				t.Fatalf("error without the exr prefix: %v", err)
			}
			return
		}
		if cfgErr != nil {
			t.Fatalf("Decode succeeded where DecodeConfig failed: %v", cfgErr)
		}
		if m.Rect != image.Rect(0, 0, w, h) {
			t.Fatalf("Decode returned %v, DecodeConfig %dx%d", m.Rect, w, h)
		}
		for _, opt := range []Options{{Compression: ZIP}, {Compression: RLE}} {
			again, err := Decode(bytes.NewReader(encode(t, m, opt)))
			if err != nil {
				t.Fatalf("re-encoded as %v: %v", opt, err)
			}
			if err := sameValues(again, m, false); err != nil {
				t.Fatalf("re-encoded as %v: %v", opt, err)
			}
		}
	})
}
