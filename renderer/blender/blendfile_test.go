package blender

import (
	"bytes"
	"compress/gzip"
	"os"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestBlendVersion(t *testing.T) {
	zstdOf := func(b []byte) []byte {
		w, _ := zstd.NewWriter(nil)
		defer w.Close()
		return w.EncodeAll(b, nil)
	}
	gzipOf := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	body := []byte("REND\x00\x00\x00\x00 and the rest of the file")
	tests := []struct {
		name string
		data []byte
		want blendVersion
		ok   bool
	}{
		{"3.4, 64-bit little-endian", append([]byte("BLENDER-v304"), body...), blendVersion{3, 4}, true},
		{"2.79, 32-bit big-endian", append([]byte("BLENDER_V279"), body...), blendVersion{2, 79}, true},
		{"4.3, zstd", zstdOf(append([]byte("BLENDER-v403"), body...)), blendVersion{4, 3}, true},
		{"2.93, gzip", gzipOf(append([]byte("BLENDER-v293"), body...)), blendVersion{2, 93}, true},
		{"5.0 header", append([]byte("BLENDER17-01v0500"), body...), blendVersion{5, 0}, true},
		{"5.1 header, zstd", zstdOf(append([]byte("BLENDER17-01v0501"), body...)), blendVersion{5, 1}, true},
		{"not a blend", []byte("this is not a blend file\n"), blendVersion{}, false},
		{"cut header", []byte("BLENDER-v3"), blendVersion{}, false},
		{"bad digits", []byte("BLENDER-v3x4REND"), blendVersion{}, false},
		{"broken zstd", append(append([]byte{}, zstdMagic...), "BLENDER-v304"...), blendVersion{}, false},
		{"empty", nil, blendVersion{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, ok := blendVersionOf(bytes.NewReader(tc.data))
			if v != tc.want || ok != tc.ok {
				t.Errorf("got %v, %v; want %v, %v", v, ok, tc.want, tc.ok)
			}
		})
	}

	// A real file: saved (compressed) by Blender 4.3.2.
	v, ok, err := readBlendVersion("testdata/saved-by-4.3.blend")
	if err != nil || !ok || v != (blendVersion{4, 3}) {
		t.Errorf("testdata/saved-by-4.3.blend: got %v, %v, %v; want 4.3", v, ok, err)
	}
}

func FuzzBlendVersion(f *testing.F) {
	f.Add([]byte("BLENDER-v304REND"))
	f.Add([]byte("BLENDER17-01v0500"))
	if data, err := os.ReadFile("testdata/saved-by-4.3.blend"); err == nil {
		f.Add(data[:min(len(data), 4096)])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, ok := blendVersionOf(bytes.NewReader(data))
		if ok && (v.major < 0 || v.minor < 0 || v.minor > 99) {
			t.Fatalf("version %v from %q", v, data)
		}
	})
}
