package tilepng

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"runtime"
	"testing"
)

// tileImage is a w x h tile whose rows favour each of PNG's filters in
// turn (noise, flat runs, gradients), opaque or not.
func tileImage(w, h int, opaque bool, seed uint64) *image.NRGBA64 {
	r := rand.New(rand.NewPCG(seed, 1))
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var c color.NRGBA64
			switch y % 4 {
			case 0:
				c = color.NRGBA64{uint16(r.Uint32()), uint16(r.Uint32()), uint16(r.Uint32()), 0}
			case 1:
				c = color.NRGBA64{0x1234, 0x5678, 0x9abc, 0}
			case 2:
				c = color.NRGBA64{uint16(x * 999), uint16(y * 777), uint16((x + y) * 555), 0}
			default:
				c = color.NRGBA64{uint16(x * y * 31), uint16(x << 9), uint16(r.IntN(4)), 0}
			}
			c.A = 0xffff
			if !opaque {
				c.A = uint16(r.Uint32())
			}
			img.SetNRGBA64(x, y, c)
		}
	}
	return img
}

// encode writes img as image/png does at level.
func encode(t testing.TB, img image.Image, level png.CompressionLevel) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngChunk is one chunk of a PNG file, for tests that rebuild files.
type pngChunk struct {
	typ  string
	body []byte
}

// chunks splits a well-formed PNG into its chunks.
func chunks(t testing.TB, data []byte) []pngChunk {
	t.Helper()
	var out []pngChunk
	rest := data[len(signature):]
	for len(rest) > 0 {
		typ, body, next, err := chunk(rest)
		if err != nil {
			t.Fatalf("split %q: %v", rest[:min(len(rest), 16)], err)
		}
		out = append(out, pngChunk{string(typ), body})
		rest = next
	}
	return out
}

// join writes chunks as a PNG file, each with its right CRC.
func join(cs []pngChunk) []byte {
	b := []byte(signature)
	for _, c := range cs {
		b = binary.BigEndian.AppendUint32(b, uint32(len(c.body)))
		start := len(b)
		b = append(b, c.typ...)
		b = append(b, c.body...)
		b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
	}
	return b
}

// edit returns data's chunks passed through f, joined again.
func edit(t testing.TB, data []byte, f func([]pngChunk) []pngChunk) []byte {
	t.Helper()
	cs := chunks(t, data)
	return join(f(append([]pngChunk(nil), cs...)))
}

// splitIDAT cuts the single IDAT chunk of cs into pieces at the given
// offsets (a zero-length piece where two offsets are equal).
func splitIDAT(cs []pngChunk, at ...int) []pngChunk {
	var out []pngChunk
	for _, c := range cs {
		if c.typ != "IDAT" {
			out = append(out, c)
			continue
		}
		from := 0
		for _, a := range at {
			out = append(out, pngChunk{"IDAT", c.body[from:a]})
			from = a
		}
		out = append(out, pngChunk{"IDAT", c.body[from:]})
	}
	return out
}

// insertBefore puts c before the first chunk of type typ.
func insertBefore(cs []pngChunk, typ string, c pngChunk) []pngChunk {
	for i := range cs {
		if cs[i].typ == typ {
			return append(cs[:i], append([]pngChunk{c}, cs[i:]...)...)
		}
	}
	return cs
}

// pix is an image/png result's pixel bytes, as the 16-bit non-premultiplied
// RGBA that Decode gives: an opaque RGBA64's bytes are the same.
func pix(t testing.TB, img image.Image) ([]byte, image.Rectangle) {
	t.Helper()
	switch m := img.(type) {
	case *image.NRGBA64:
		return m.Pix, m.Rect
	case *image.RGBA64:
		return m.Pix, m.Rect
	}
	t.Fatalf("image/png gave a %T for a file Decode decoded", img)
	return nil, image.Rectangle{}
}

// decodedFiles are files that Decode must decode, as image/png does.
func decodedFiles(t testing.TB) map[string][]byte {
	files := map[string][]byte{}
	levels := map[string]png.CompressionLevel{"stored": png.NoCompression, "fastest": png.BestSpeed, "default": png.DefaultCompression, "best": png.BestCompression}
	for name, level := range levels {
		for _, size := range []image.Point{{1, 1}, {4, 3}, {32, 32}, {129, 67}} {
			for i, opaque := range []bool{true, false} {
				kind := map[bool]string{true: "RGB", false: "RGBA"}[opaque]
				img := tileImage(size.X, size.Y, opaque, uint64(size.X*10+i))
				files[name+"/"+kind+"/"+size.String()] = encode(t, img, level)
			}
		}
	}
	tile := files["default/RGBA/(32,32)"]
	n := len(chunks(t, tile)[1].body) // IHDR, IDAT, IEND
	files["IDAT in three chunks"] = edit(t, tile, func(cs []pngChunk) []pngChunk { return splitIDAT(cs, 5, n/2) })
	files["an empty IDAT chunk within"] = edit(t, tile, func(cs []pngChunk) []pngChunk { return splitIDAT(cs, n/3, n/3) })
	files["an empty IDAT chunk after"] = edit(t, tile, func(cs []pngChunk) []pngChunk { return splitIDAT(cs, n) })
	files["ancillary chunks"] = edit(t, tile, func(cs []pngChunk) []pngChunk {
		cs = insertBefore(cs, "IDAT", pngChunk{"gAMA", []byte{0, 1, 0x86, 0xa0}})
		cs = insertBefore(cs, "IDAT", pngChunk{"tEXt", []byte("Software\x00Blender")})
		return insertBefore(cs, "IEND", pngChunk{"tIME", []byte{7, 234, 12, 5, 23, 0, 0}})
	})
	files["a garbage IDAT after another chunk"] = edit(t, tile, func(cs []pngChunk) []pngChunk {
		cs = insertBefore(cs, "IEND", pngChunk{"tEXt", []byte("a\x00b")})
		return insertBefore(cs, "IEND", pngChunk{"IDAT", []byte("garbage")})
	})
	return files
}

// TestDecode: a worker's tiles, however compressed and chunked, decode to
// image/png's pixels, without image/png.
func TestDecode(t *testing.T) {
	for name, data := range decodedFiles(t) {
		t.Run(name, func(t *testing.T) {
			want, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("image/png: %v", err)
			}
			got, ok := Decode(data, 1<<20)
			if !ok {
				t.Fatal("declined a tile")
			}
			wantPix, wantRect := pix(t, want)
			if got.Rect != wantRect || !bytes.Equal(got.Pix, wantPix) {
				t.Fatalf("pixels differ from image/png's (%v, %v)", got.Rect, wantRect)
			}
		})
	}
}

// TestDecline: every other file is left to image/png, whether image/png
// decodes it (another kind of PNG) or refuses it (a faulty one).
func TestDecline(t *testing.T) {
	tile := encode(t, tileImage(16, 8, false, 3), png.DefaultCompression)
	n := len(chunks(t, tile)[1].body)
	setIHDR := func(i int, v byte) []byte {
		return edit(t, tile, func(cs []pngChunk) []pngChunk {
			ihdr := bytes.Clone(cs[0].body)
			ihdr[i] = v
			cs[0].body = ihdr
			return cs
		})
	}
	// reflate replaces the image data with a zlib stream of raw.
	reflate := func(raw []byte) []byte {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(raw)
		w.Close()
		return edit(t, tile, func(cs []pngChunk) []pngChunk {
			cs[1].body = z.Bytes()
			return cs
		})
	}
	rows := make([]byte, 8*(1+16*8))
	tests := []struct {
		name    string
		data    []byte
		pngOK   bool // image/png decodes it
		maxPixs int
	}{
		{"8-bit RGB", encode(t, image.NewRGBA(image.Rect(0, 0, 4, 4)), png.DefaultCompression), true, 0},
		{"16-bit grey", encode(t, image.NewGray16(image.Rect(0, 0, 4, 4)), png.DefaultCompression), true, 0},
		{"paletted", encode(t, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black}), png.DefaultCompression), true, 0},
		{"a transparent colour", edit(t, encode(t, tileImage(4, 4, true, 1), png.DefaultCompression), func(cs []pngChunk) []pngChunk {
			return insertBefore(cs, "IDAT", pngChunk{"tRNS", []byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc}})
		}), true, 0},
		{"more pixels than allowed", tile, true, 16*8 - 1},
		{"interlaced", setIHDR(12, 1), false, 0},
		{"colour type 6 at depth 8", setIHDR(8, 8), false, 0},
		{"a bad CRC", append(bytes.Clone(tile[:len(tile)-1]), tile[len(tile)-1]^1), false, 0},
		{"truncated", tile[:len(tile)-20], false, 0},
		{"no IEND", tile[:len(tile)-12], false, 0},
		{"no IDAT", edit(t, tile, func(cs []pngChunk) []pngChunk { return append(cs[:1], cs[2:]...) }), false, 0},
		{"IDAT before IHDR", edit(t, tile, func(cs []pngChunk) []pngChunk { return []pngChunk{cs[1], cs[0], cs[2]} }), false, 0},
		{"image data cut short", edit(t, tile, func(cs []pngChunk) []pngChunk { cs[1].body = cs[1].body[:n/2]; return cs }), false, 0},
		{"image data split by another chunk", edit(t, tile, func(cs []pngChunk) []pngChunk {
			cs = splitIDAT(cs, n/2) // IHDR, IDAT, IDAT, IEND
			return append(cs[:2], append([]pngChunk{{"tEXt", []byte("a\x00b")}}, cs[2:]...)...)
		}), false, 0},
		// image/png reads ahead, and misses a byte past the stream.
		{"bytes after the stream", edit(t, tile, func(cs []pngChunk) []pngChunk {
			cs[1].body = append(bytes.Clone(cs[1].body), 0)
			return cs
		}), true, 0},
		{"a bad filter type", reflate(append([]byte{5}, rows[1:]...)), false, 0},
		{"a row too many", reflate(append(bytes.Clone(rows), rows[:1+16*8]...)), false, 0},
		{"a row too few", reflate(rows[:7*(1+16*8)]), false, 0},
		{"not a PNG", []byte("GIF89a"), false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			max := tt.maxPixs
			if max == 0 {
				max = 1 << 20
			}
			if _, ok := Decode(tt.data, max); ok {
				t.Fatal("decoded it")
			}
			if _, err := png.Decode(bytes.NewReader(tt.data)); (err == nil) != tt.pngOK {
				t.Fatalf("image/png: %v, want it to decode: %v", err, tt.pngOK)
			}
		})
	}
	// The same rows, well formed, decode: the cases above fail for what
	// they change.
	if _, ok := Decode(reflate(rows), 1<<20); !ok {
		t.Fatal("declined zero rows")
	}
}

// TestDecodeAllocations: a tile decoded after the first allocates its
// pixels and little else (the inflater's Huffman tables), where image/png
// allocates a zlib reader and its 32 KiB window besides.
func TestDecodeAllocations(t *testing.T) {
	data := encode(t, tileImage(32, 32, true, 9), png.BestSpeed)
	// One decoder, as the pool hands out between collections (the race
	// detector's pool drops what it is given at random).
	var d decoder
	decode := func() {
		if _, err := d.decode(data, 1<<20); err != nil {
			t.Fatal(err)
		}
		d.idat.release()
	}
	decode()
	const tiles = 100
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range tiles {
		decode()
	}
	runtime.ReadMemStats(&after)
	if perTile := (after.TotalAlloc - before.TotalAlloc) / tiles; perTile > 2*32*32*8 {
		t.Fatalf("%d bytes allocated a tile, want at most %d", perTile, 2*32*32*8)
	}
}

// FuzzDecode: whatever the bytes, a file Decode decodes is one image/png
// decodes too, to the same pixels. With fixCRCs, each chunk's CRC is
// rewritten first, so the fuzzer's changes reach the image data rather
// than stopping at the first checksum.
func FuzzDecode(f *testing.F) {
	for _, data := range decodedFiles(f) {
		if len(data) < 4096 {
			f.Add(data, false)
			f.Add(data, true)
		}
	}
	f.Add(encode(f, image.NewRGBA(image.Rect(0, 0, 4, 4)), png.BestSpeed), true)
	f.Fuzz(func(t *testing.T, data []byte, fixCRCs bool) {
		if fixCRCs {
			data = withCRCs(data)
		}
		same(t, data)
	})
}

// FuzzRows: any rows of filter bytes and pixel bytes, compressed into a
// well-formed tile of up to 255 x 255 pixels, decode as image/png decodes
// them: every filter, on every byte.
func FuzzRows(f *testing.F) {
	f.Add(uint8(3), uint8(2), false, []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 4, 9, 9, 9, 9, 9, 9, 255, 0, 255, 0, 255, 0, 1, 1, 1, 1, 1, 1})
	f.Add(uint8(2), uint8(3), true, []byte{3, 200, 100, 50, 25, 12, 6, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 2, 255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244, 243, 242, 241, 240})
	f.Fuzz(func(t *testing.T, w, h uint8, alpha bool, rows []byte) {
		if w == 0 || h == 0 {
			return
		}
		bpp := 6
		if alpha {
			bpp = 8
		}
		rowLen := 1 + int(w)*bpp
		raw := make([]byte, rowLen*int(h))
		for i := range raw {
			if len(rows) > 0 {
				raw[i] = rows[i%len(rows)]
			}
			if i%rowLen == 0 {
				raw[i] %= 5 // a valid filter type, so most rows decode
			}
		}
		ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, uint32(w)), uint32(h))
		ihdr = append(ihdr, 16, map[bool]byte{false: trueColor, true: trueColorAlpha}[alpha], 0, 0, 0)
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(raw)
		zw.Close()
		data := join([]pngChunk{{"IHDR", ihdr}, {"IDAT", z.Bytes()}, {"IEND", nil}})
		if _, ok := Decode(data, 1<<16); !ok {
			t.Fatal("declined a well-formed tile")
		}
		same(t, data)
	})
}

// same fails t if Decode decodes data to other pixels than image/png's, or
// decodes a file that image/png refuses.
func same(t *testing.T, data []byte) {
	t.Helper()
	got, ok := Decode(data, 1<<16)
	if !ok {
		return
	}
	want, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decoded a file that image/png refuses: %v", err)
	}
	wantPix, wantRect := pix(t, want)
	if got.Rect != wantRect || !bytes.Equal(got.Pix, wantPix) {
		t.Fatalf("pixels differ from image/png's")
	}
}

// withCRCs rewrites the CRC of each whole chunk in data.
func withCRCs(data []byte) []byte {
	data = bytes.Clone(data)
	for i := len(signature); i+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]) & 0x7fffffff)
		if n > len(data)-i-12 {
			break
		}
		end := i + 8 + n
		binary.BigEndian.PutUint32(data[end:], crc32.ChecksumIEEE(data[i+4:end]))
		i = end + 4
	}
	return data
}

// BenchmarkDecode: a 32-pixel tile, as workers send them, by this package
// and by image/png (then converted as farm converted it), side by side.
func BenchmarkDecode(b *testing.B) {
	data := encode(b, tileImage(32, 32, true, 5), png.BestSpeed)
	b.Run("tilepng", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := Decode(data, 1<<20); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("image-png", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
