package exr

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
	"github.com/x448/float16"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.exr")

// testValues covers what renders hold: zero, values above 1 (and above
// half's range), negatives, and tiny values (half subnormals and values
// that underflow half).
var testValues = []float32{0, 1, 0.5, 2.75, 1000, -1, -0.001, 1e-5, 1e-8, 3.14159, 65504, 1e5, -123.456, 1e-30, 0.18}

// testImage returns a w×h image placed away from the origin, with values
// from testValues varying by pixel and channel.
func testImage(w, h int) *renderer.HDR {
	m := renderer.NewHDR(image.Rect(10, 20, 10+w, 20+h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var c [4]float32
			for k := range c {
				c[k] = testValues[(x*7+y*13+k*5)%len(testValues)]
			}
			m.Set(10+x, 20+y, c)
		}
	}
	return m
}

// stored is what a value becomes once written in half or float.
func stored(v float32, half bool) float32 {
	if half {
		return float16.Frombits(toHalf(v)).Float32()
	}
	return v
}

// sameValues reports the first pixel where got differs from want, values
// compared bit for bit after want is rounded as the file stores it.
func sameValues(got, want *renderer.HDR, half bool) error {
	if got.Rect.Size() != want.Rect.Size() {
		return fmt.Errorf("size %v, want %v", got.Rect.Size(), want.Rect.Size())
	}
	for y := 0; y < want.Rect.Dy(); y++ {
		for x := 0; x < want.Rect.Dx(); x++ {
			g := got.At(got.Rect.Min.X+x, got.Rect.Min.Y+y)
			w := want.At(want.Rect.Min.X+x, want.Rect.Min.Y+y)
			for k := range w {
				if math.Float32bits(g[k]) != math.Float32bits(stored(w[k], half)) {
					return fmt.Errorf("pixel (%d,%d) = %v, want %v", x, y, g, w)
				}
			}
		}
	}
	return nil
}

func encode(t testing.TB, m *renderer.HDR, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, m, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// modes are the ways Encode can write a file.
var modes = []Options{
	{Half: false, Compression: None}, {Half: true, Compression: None},
	{Half: false, Compression: ZIP}, {Half: true, Compression: ZIP},
	{Half: false, Compression: ZIPS}, {Half: true, Compression: RLE},
}

func (o Options) String() string {
	if o.Half {
		return "half-" + o.Compression.String()
	}
	return "float-" + o.Compression.String()
}

func TestRoundTrip(t *testing.T) {
	sizes := []image.Point{{1, 1}, {3, 2}, {17, 33}, {64, 48}}
	for _, size := range sizes {
		for _, opt := range modes {
			t.Run(fmt.Sprintf("%dx%d-%v", size.X, size.Y, opt), func(t *testing.T) {
				m := testImage(size.X, size.Y)
				data := encode(t, m, opt)
				got, err := Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if got.Rect != image.Rect(0, 0, size.X, size.Y) {
					t.Errorf("Rect = %v, want the image at the origin", got.Rect)
				}
				if err := sameValues(got, m, opt.Half); err != nil {
					t.Fatal(err)
				}
				w, h, err := DecodeConfig(bytes.NewReader(data))
				if err != nil || w != size.X || h != size.Y {
					t.Errorf("DecodeConfig = %d, %d, %v; want %d, %d", w, h, err, size.X, size.Y)
				}
			})
		}
	}
}

// TestHalfPrecision checks the half conversion itself: clamped to half's
// range, and within its relative precision in its normal range.
func TestHalfPrecision(t *testing.T) {
	inf := float32(math.Inf(1))
	for v, want := range map[float32]float32{1e5: 65504, -1e5: -65504, inf: inf, -inf: -inf, 65519: 65504, 1e-8: 0} {
		if got := stored(v, true); got != want {
			t.Errorf("half(%g) = %g, want %g", v, got, want)
		}
	}
	if got := stored(float32(math.NaN()), true); !math.IsNaN(float64(got)) {
		t.Errorf("half(NaN) = %g", got)
	}
	for _, v := range testValues {
		a := math.Abs(float64(v))
		if a < 6.1e-5 || a > 65504 {
			continue
		}
		if got := stored(v, true); math.Abs(float64(got)-float64(v)) > a/2048 {
			t.Errorf("half(%g) = %g: off by more than 2^-11", v, got)
		}
	}
}

func TestEncodeStride(t *testing.T) {
	// An image with padding after each row, as a sub-image has.
	src := testImage(5, 4)
	m := &renderer.HDR{Stride: 4*5 + 8, Rect: src.Rect}
	m.Pix = make([]float32, m.Stride*4)
	for y := src.Rect.Min.Y; y < src.Rect.Max.Y; y++ {
		for x := src.Rect.Min.X; x < src.Rect.Max.X; x++ {
			m.Set(x, y, src.At(x, y))
		}
	}
	got, err := Decode(bytes.NewReader(encode(t, m, Options{Compression: ZIP})))
	if err != nil {
		t.Fatal(err)
	}
	if err := sameValues(got, src, false); err != nil {
		t.Fatal(err)
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		m    *renderer.HDR
		opt  Options
		want string
	}{
		{"nil", nil, Options{}, "nil image"},
		{"empty", renderer.NewHDR(image.Rect(0, 0, 0, 3)), Options{}, "must be >= 1"},
		{"too wide", &renderer.HDR{Rect: image.Rect(0, 0, renderer.MaxDimension+1, 1)}, Options{}, "must be <= 16384"},
		{"short Pix", &renderer.HDR{Rect: image.Rect(0, 0, 2, 2), Stride: 8, Pix: make([]float32, 15)}, Options{}, "do not hold its pixels"},
		{"PIZ", testImage(2, 2), Options{Compression: 4}, "compression PIZ is not supported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Encode(io.Discard, tc.m, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Encode = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestGolden pins Encode's bytes, so a change to the format written is
// deliberate: rewrite the file with -update after checking it in another
// reader (TestBlenderReads does).
func TestGolden(t *testing.T) {
	const path = "testdata/golden.exr"
	got := encode(t, testImage(5, 3), Options{Compression: ZIP})
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Encode wrote %d bytes that differ from %s (%d bytes); run with -update if the change is intended", len(got), path, len(want))
	}
	m, err := Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatal(err)
	}
	if err := sameValues(m, testImage(5, 3), false); err != nil {
		t.Fatal(err)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frame.exr")
	m := testImage(7, 5)
	if err := WriteFile(path, m, Options{Compression: ZIP}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s.tmp left behind: %v", path, err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameValues(got, m, false); err != nil {
		t.Fatal(err)
	}
	// A failed encode leaves neither the file nor the temporary.
	bad := filepath.Join(t.TempDir(), "bad.exr")
	if err := WriteFile(bad, nil, Options{}); err == nil {
		t.Fatal("WriteFile(nil) succeeded")
	}
	if entries, _ := os.ReadDir(filepath.Dir(bad)); len(entries) != 0 {
		t.Errorf("failed WriteFile left %v", entries)
	}
}

// fileSpec describes a file Encode does not write: other channel sets and
// types, a data window away from the origin, decreasing line order. Its
// bytes are written the way OpenEXR writes them.
type fileSpec struct {
	channels    []channel // in the header's order
	minX, minY  int32
	w, h        int
	compression Compression
	decreasing  bool
	// value gives a sample of a channel at (x, y) from the window's corner.
	value func(ch string, x, y int) float32
}

func (s fileSpec) bytes() []byte {
	le := binary.LittleEndian
	attr := func(b []byte, name, typ string, val []byte) []byte {
		b = append(append(append(b, name...), 0), typ...)
		b = le.AppendUint32(append(b, 0), uint32(len(val)))
		return append(b, val...)
	}
	var list []byte
	for _, c := range s.channels {
		list = append(append(list, c.name...), 0)
		list = le.AppendUint32(list, uint32(c.typ))
		list = le.AppendUint32(le.AppendUint32(append(list, 0, 0, 0, 0), 1), 1)
	}
	var window []byte
	for _, v := range []int32{s.minX, s.minY, s.minX + int32(s.w) - 1, s.minY + int32(s.h) - 1} {
		window = le.AppendUint32(window, uint32(v))
	}
	order := byte(0)
	if s.decreasing {
		order = 1
	}
	b := le.AppendUint32(le.AppendUint32(nil, magic), version)
	b = attr(b, "channels", "chlist", append(list, 0))
	b = attr(b, "compression", "compression", []byte{byte(s.compression)})
	b = attr(b, "dataWindow", "box2i", window)
	b = attr(b, "displayWindow", "box2i", window)
	b = attr(b, "lineOrder", "lineOrder", []byte{order})
	b = attr(b, "owner", "string", []byte("conun test"))
	b = append(b, 0)

	sorted := slices.Clone(s.channels)
	slices.SortFunc(sorted, func(a, b channel) int { return strings.Compare(a.name, b.name) })
	lines := s.compression.lines()
	c := compressor{c: s.compression}
	var chunks [][]byte
	for y0 := 0; y0 < s.h; y0 += lines {
		var raw []byte
		for y := y0; y < min(y0+lines, s.h); y++ {
			for _, ch := range sorted {
				for x := 0; x < s.w; x++ {
					v := s.value(ch.name, x, y)
					switch ch.typ {
					case typeHalf:
						raw = le.AppendUint16(raw, float16.Fromfloat32(v).Bits())
					case typeFloat:
						raw = le.AppendUint32(raw, math.Float32bits(v))
					case typeUint:
						raw = le.AppendUint32(raw, uint32(v))
					}
				}
			}
		}
		data, err := c.compress(raw)
		if err != nil {
			panic(err)
		}
		chunk := le.AppendUint32(le.AppendUint32(nil, uint32(s.minY)+uint32(y0)), uint32(len(data)))
		chunks = append(chunks, append(chunk, data...))
	}
	offsets := make([]uint64, len(chunks))
	pos := uint64(len(b) + 8*len(chunks))
	for i := range chunks {
		k := i
		if s.decreasing {
			k = len(chunks) - 1 - i
		}
		offsets[k] = pos
		pos += uint64(len(chunks[k]))
	}
	for _, o := range offsets {
		b = le.AppendUint64(b, o)
	}
	for i := range chunks {
		k := i
		if s.decreasing {
			k = len(chunks) - 1 - i
		}
		b = append(b, chunks[k]...)
	}
	return b
}

// specValue is a value function whose samples tell channels and pixels
// apart and survive half and UINT storage.
func specValue(ch string, x, y int) float32 {
	return float32(strings.IndexByte("RGBAZ", ch[len(ch)-1])*400 + y*10 + x)
}

func TestDecodeVariants(t *testing.T) {
	tests := []struct {
		name string
		spec fileSpec
	}{
		{"decreasing y ZIP", fileSpec{
			channels: []channel{{"A", typeHalf}, {"B", typeHalf}, {"G", typeHalf}, {"R", typeHalf}},
			w:        6, h: 35, compression: ZIP, decreasing: true}},
		{"decreasing y NONE", fileSpec{
			channels: []channel{{"B", typeFloat}, {"G", typeFloat}, {"R", typeFloat}},
			w:        3, h: 4, compression: None, decreasing: true}},
		{"window away from the origin", fileSpec{
			channels: []channel{{"B", typeFloat}, {"G", typeFloat}, {"R", typeFloat}},
			minX:     -7, minY: -20, w: 4, h: 33, compression: ZIP}},
		{"UINT channels", fileSpec{
			channels: []channel{{"B", typeUint}, {"G", typeUint}, {"R", typeUint}, {"A", typeUint}},
			w:        3, h: 2, compression: RLE}},
		{"unsorted list with channels to skip", fileSpec{
			channels: []channel{{"Z", typeFloat}, {"R", typeHalf}, {"G", typeFloat}, {"diffuse.R", typeHalf},
				{"B", typeUint}, {"AO", typeHalf}, {"A", typeFloat}},
			w: 5, h: 17, compression: ZIPS}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.spec.value = specValue
			m, err := Decode(bytes.NewReader(tc.spec.bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if m.Rect != image.Rect(0, 0, tc.spec.w, tc.spec.h) {
				t.Fatalf("Rect = %v", m.Rect)
			}
			hasAlpha := slices.ContainsFunc(tc.spec.channels, func(c channel) bool { return c.name == "A" })
			for y := 0; y < tc.spec.h; y++ {
				for x := 0; x < tc.spec.w; x++ {
					var want [4]float32
					for k, name := range []string{"R", "G", "B", "A"} {
						want[k] = specValue(name, x, y)
					}
					if !hasAlpha {
						want[3] = 1
					}
					if got := m.At(x, y); got != want {
						t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, want)
					}
				}
			}
		})
	}
}

// patchAttr finds attribute name in an encoded file and lets f change its
// value in place.
func patchAttr(t *testing.T, data []byte, name string, f func(val []byte)) []byte {
	t.Helper()
	data = bytes.Clone(data)
	i := bytes.Index(data, []byte(name+"\x00"))
	if i < 0 {
		t.Fatalf("no attribute %s", name)
	}
	i += len(name) + 1
	i += bytes.IndexByte(data[i:], 0) + 1
	size := int(binary.LittleEndian.Uint32(data[i:]))
	f(data[i+4 : i+4+size])
	return data
}

// chunkStart is the offset of the first chunk of an encoded file.
func chunkStart(t *testing.T, data []byte) int {
	t.Helper()
	r := &reader{r: bufio.NewReader(bytes.NewReader(data))}
	if _, err := readHeader(r); err != nil {
		t.Fatal(err)
	}
	return int(binary.LittleEndian.Uint64(data[r.pos:]))
}

func TestDecodeErrors(t *testing.T) {
	le := binary.LittleEndian
	small := encode(t, testImage(3, 2), Options{})
	zipped := encode(t, testImage(17, 33), Options{Compression: ZIP})
	setVersion := func(v uint32) []byte {
		b := bytes.Clone(small)
		le.PutUint32(b[4:], v)
		return b
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "truncated file: reading magic number"},
		{"truncated header", small[:40], "truncated file"},
		{"truncated chunks", zipped[:len(zipped)-100], "truncated file: reading chunk"},
		{"truncated offset table", small[:chunkStart(t, small)-3], "truncated file: reading offset table"},
		{"bad magic", append([]byte("\x89PNG\r\n\x1a\n"), small[8:]...), "not an OpenEXR file"},
		{"version 1", setVersion(1), "file format version 1 is not supported"},
		{"tiled", setVersion(2 | flagTiled), "tiled image is not supported"},
		{"multipart", setVersion(2 | flagMultipart), "multi-part file is not supported"},
		{"deep", setVersion(2 | flagDeep), "deep data is not supported"},
		{"unknown flag", setVersion(2 | 0x4000), "unknown version flags"},
		{"PIZ", patchAttr(t, small, "compression", func(v []byte) { v[0] = 4 }), "exr: compression PIZ is not supported"},
		{"DWAA", patchAttr(t, small, "compression", func(v []byte) { v[0] = 8 }), "exr: compression DWAA is not supported"},
		{"unknown compression", patchAttr(t, small, "compression", func(v []byte) { v[0] = 42 }), "compression Compression(42) is not supported"},
		{"100000x1", patchAttr(t, small, "dataWindow", func(v []byte) { le.PutUint32(v[8:], 99999) }), "image is 100000x2: width and height must be <= 16384"},
		{"overflowing window", patchAttr(t, small, "dataWindow", func(v []byte) {
			le.PutUint32(v[0:], uint32(0x80000000))
			le.PutUint32(v[8:], 0x7fffffff)
		}), "width and height must be <= 16384"},
		{"empty window", patchAttr(t, small, "dataWindow", func(v []byte) { le.PutUint32(v[12:], uint32(0xffffffff)) }), "is empty"},
		{"no R channel", patchAttr(t, small, "channels", func(v []byte) { v[bytes.Index(v, []byte("R\x00"))] = 'Y' }), "no R, G and B channels, of the image or of a Combined pass (channels: A,B,G,Y)"},
		{"duplicate channel", patchAttr(t, small, "channels", func(v []byte) { v[bytes.Index(v, []byte("A\x00"))] = 'R' }), `channel "R" appears twice`},
		{"bad pixel type", patchAttr(t, small, "channels", func(v []byte) { v[2] = 7 }), "unknown pixel type 7"},
		{"subsampled", patchAttr(t, small, "channels", func(v []byte) { v[10] = 2 }), `channel "A" with sampling 2x1 is not supported`},
		{"wrong attribute type", bytes.Replace(small, []byte("dataWindow\x00box2i"), []byte("dataWindow\x00box2f"), 1), `attribute dataWindow has type "box2f", want "box2i"`},
		{"renamed required attribute", bytes.Replace(small, []byte("dataWindow\x00"), []byte("dataWindoX\x00"), 1), "missing required attribute dataWindow"},
		{"duplicate attribute", bytes.Replace(small, []byte("displayWindow\x00"), []byte("dataWindow\x00\x00\x00\x00"), 1), "attribute dataWindow appears twice"},
		{"huge attribute", patchSize(small, "pixelAspectRatio", 0x7fffffff), "attribute pixelAspectRatio: size 2147483647 is out of bounds"},
		{"negative attribute size", patchSize(small, "pixelAspectRatio", -1), "size -1 is out of bounds"},
		{"long name", append(bytes.Clone(small[:8]), strings.Repeat("x", 40)...), "longer than 31 bytes"},
		{"offset into header", patchAt(small, chunkStart(t, small)-8, 0, 8), "outside the file's chunks"},
		{"shared offset", func() []byte {
			b := bytes.Clone(small)
			at := chunkStart(t, small) - 16
			copy(b[at+8:at+16], b[at:at+8])
			return b
		}(), "share offset"},
		{"chunk line mismatch", patchAt(small, chunkStart(t, small), 1, 4), "chunk 0 starts at line 1, want 0"},
		{"chunk size too big", patchAt(small, chunkStart(t, small)+4, 1000, 4), "chunk at line 0: size 1000 is out of bounds (at most 48)"},
		{"chunk size zero", patchAt(small, chunkStart(t, small)+4, 0, 4), "size 0 is out of bounds"},
		{"short uncompressed chunk", func() []byte {
			return patchAt(small, chunkStart(t, small)+4, 47, 4)
		}(), "chunk at line 0 (NONE): 47 bytes, want 48"},
		{"corrupt zlib", func() []byte {
			b := bytes.Clone(zipped)
			at := chunkStart(t, b) + 8
			for i := at + 10; i < at+40; i++ {
				b[i] ^= 0x55
			}
			return b
		}(), "chunk at line 0 (ZIP): "},
		{"zlib not zlib", func() []byte {
			b := bytes.Clone(zipped)
			at := chunkStart(t, b) + 8
			b[at], b[at+1] = 0, 0
			return b
		}(), "chunk at line 0 (ZIP): zlib: invalid header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Decode(bytes.NewReader(tc.data))
			if err == nil {
				t.Fatalf("Decode succeeded with a %v image", m.Rect)
			}
			if !strings.HasPrefix(err.Error(), "exr: ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Decode error %q, want one containing %q", err, tc.want)
			}
			t.Log(err)
		})
	}
}

// patchAt overwrites n (4 or 8) bytes at offset i with v.
func patchAt(data []byte, i int, v int64, n int) []byte {
	data = bytes.Clone(data)
	if n == 8 {
		binary.LittleEndian.PutUint64(data[i:], uint64(v))
	} else {
		binary.LittleEndian.PutUint32(data[i:], uint32(v))
	}
	return data
}

// patchSize overwrites the size field of attribute name.
func patchSize(data []byte, name string, size int32) []byte {
	i := bytes.Index(data, []byte(name+"\x00"))
	i += len(name) + 1
	i += bytes.IndexByte(data[i:], 0) + 1
	return patchAt(data, i, int64(size), 4)
}

func TestErrorTypes(t *testing.T) {
	small := encode(t, testImage(3, 2), Options{})
	var ue UnsupportedError
	if _, err := Decode(bytes.NewReader(patchAttr(t, small, "compression", func(v []byte) { v[0] = 4 }))); !errors.As(err, &ue) {
		t.Errorf("PIZ: %v is not an UnsupportedError", err)
	}
	var fe FormatError
	if _, err := Decode(bytes.NewReader(small[1:])); !errors.As(err, &fe) {
		t.Errorf("bad magic: %v is not a FormatError", err)
	}
	if _, err := Decode(bytes.NewReader(small[:len(small)-1])); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated: %v does not wrap io.ErrUnexpectedEOF", err)
	}
}

// TestDecodeConfigReadsOnlyTheHeader checks that a header alone is enough:
// a caller can refuse a tile by its size before the pixels arrive.
func TestDecodeConfigReadsOnlyTheHeader(t *testing.T) {
	data := encode(t, testImage(17, 33), Options{Compression: ZIP})
	start := chunkStart(t, data)
	header := data[:start-8*3]
	w, h, err := DecodeConfig(bytes.NewReader(header))
	if err != nil || w != 17 || h != 33 {
		t.Fatalf("DecodeConfig = %d, %d, %v; want 17, 33", w, h, err)
	}
	oversize := patchAttr(t, data, "dataWindow", func(v []byte) { binary.LittleEndian.PutUint32(v[8:], 99999) })
	if _, _, err := DecodeConfig(bytes.NewReader(oversize)); err == nil {
		t.Fatal("DecodeConfig accepted a 100000-pixel-wide image")
	}
}

func benchImage() *renderer.HDR {
	// A smooth gradient with some noise, like a render: compresses like
	// one, unlike random bits or a flat colour.
	m := renderer.NewHDR(image.Rect(0, 0, 1920, 1080))
	seed := uint32(1)
	for y := 0; y < 1080; y++ {
		for x := 0; x < 1920; x++ {
			seed = seed*1664525 + 1013904223
			noise := float32(seed>>8) / (1 << 24) * 0.02
			m.Set(x, y, [4]float32{float32(x)/1920*2 + noise, float32(y) / 1080, 0.25 + noise, 1})
		}
	}
	return m
}

func BenchmarkEncode(b *testing.B) {
	m := benchImage()
	for _, opt := range []Options{{}, {Compression: ZIP}, {Half: true, Compression: ZIP}} {
		b.Run(opt.String(), func(b *testing.B) {
			var buf bytes.Buffer
			b.SetBytes(int64(len(m.Pix) * 4))
			for b.Loop() {
				buf.Reset()
				if err := Encode(&buf, m, opt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/float64(len(m.Pix)/4), "filebytes/px")
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	m := benchImage()
	for _, opt := range []Options{{}, {Compression: ZIP}, {Half: true, Compression: ZIP}} {
		b.Run(opt.String(), func(b *testing.B) {
			data := encode(b, m, opt)
			b.SetBytes(int64(len(m.Pix) * 4))
			for b.Loop() {
				if _, err := Decode(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestPredict(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 10, 11} {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte(i*37 + 5)
		}
		// OpenEXR's own formulation: split, then delta-code in place.
		want := make([]byte, n)
		half := (n + 1) / 2
		for i := range src {
			if i%2 == 0 {
				want[i/2] = src[i]
			} else {
				want[half+i/2] = src[i]
			}
		}
		for i := n - 1; i > 0; i-- {
			want[i] = want[i] - want[i-1] + 128
		}
		got := make([]byte, n)
		predict(got, src)
		if !bytes.Equal(got, want) {
			t.Fatalf("predict(%v) = %v, want %v", src, got, want)
		}
		back := make([]byte, n)
		unpredict(back, got)
		if !bytes.Equal(back, src) {
			t.Fatalf("unpredict(predict(%v)) = %v", src, back)
		}
	}
}
