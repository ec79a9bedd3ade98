// Package tilepng decodes the PNG tiles that workers send a coordinator:
// 16-bit RGB or RGBA, not interlaced, which is all a worker writes
// (encodeTile in farm). It gives image/png's pixels for those files, but
// keeps its inflater and row buffers from one tile to the next: image/png
// makes a new zlib reader, with a 32 KiB window, for every image, and that
// was a third of the bytes a coordinator allocated, and so much of its
// garbage collector's work (BenchmarkCoordinatorCPU).
//
// A PNG of any other kind, and any file it finds fault with, it leaves to
// image/png, which decodes it or says what is wrong. It is stricter than
// image/png, never laxer: it accepts no file that image/png refuses, and
// its pixels for a file it accepts are image/png's (FuzzDecode checks
// both on every input).
package tilepng

import (
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"io"
	"sync"
)

// signature starts every PNG file.
const signature = "\x89PNG\r\n\x1a\n"

// The colour types decoded here (PNG specification, 11.2.2).
const (
	trueColor      = 2
	trueColorAlpha = 6
)

// errDecline covers every reason a file is left to image/png; which one
// does not matter to a caller, which decodes it with image/png either way.
var errDecline = errors.New("tilepng: left to image/png")

// decoders keeps decoders, each with its inflater and row buffers, between
// tiles.
var decoders sync.Pool

// Decode decodes data into pixels at the origin. It returns false, and
// decodes nothing, for a file that image/png must decode instead: one that
// is not a 16-bit RGB or RGBA PNG without interlacing or a transparent
// colour, or has more pixels than maxPixels (checked before anything is
// allocated), or that it finds fault with.
func Decode(data []byte, maxPixels int) (*image.NRGBA64, bool) {
	d, _ := decoders.Get().(*decoder)
	if d == nil {
		d = new(decoder)
	}
	img, err := d.decode(data, maxPixels)
	d.idat.release()
	decoders.Put(d)
	return img, err == nil
}

// decoder is one tile's decoding state, kept between tiles.
type decoder struct {
	z      io.ReadCloser // a zlib reader, and a zlib.Resetter
	idat   idatReader
	cr, pr []byte // this row's and the previous row's bytes, filter byte first
}

// decode walks data's chunks, as image/png does, then inflates the image
// data of its IDAT chunks.
func (d *decoder) decode(data []byte, maxPixels int) (*image.NRGBA64, error) {
	if len(data) < len(signature) || string(data[:len(signature)]) != signature {
		return nil, errDecline
	}
	rest := data[len(signature):]
	var h header
	// Where the walk is: before IHDR, after it, in the first run of IDAT
	// chunks (the image data), or past that run (image/png ignores an
	// IDAT chunk there, after checking its CRC).
	const (
		start = iota
		seenIHDR
		inIDAT
		pastIDAT
	)
	stage := start
	var parts [][]byte
	for {
		typ, body, next, err := chunk(rest)
		if err != nil {
			return nil, err
		}
		rest = next
		switch string(typ) {
		case "IHDR":
			if stage != start {
				return nil, errDecline
			}
			if h, err = parseHeader(body, maxPixels); err != nil {
				return nil, err
			}
			stage = seenIHDR
		case "IDAT":
			switch stage {
			case start:
				return nil, errDecline
			case seenIHDR, inIDAT:
				stage = inIDAT
				parts = append(d.idat.parts[:len(parts)], body)
				d.idat.parts = parts
			}
		case "IEND":
			if stage < inIDAT || len(body) != 0 {
				return nil, errDecline
			}
			d.idat.reset(parts)
			return d.pixels(h)
		case "PLTE", "tRNS":
			// A palette or a transparent colour: image/png's to decode.
			return nil, errDecline
		default:
			// Ancillary chunks (text, gamma, physical size) change no
			// pixel; image/png ignores them, and so does this.
			if stage == start {
				return nil, errDecline
			}
			if stage == inIDAT {
				stage = pastIDAT
			}
		}
	}
}

// chunk splits the chunk at the start of b into its type and body,
// checking its length and CRC, and returns what follows it.
func chunk(b []byte) (typ, body, rest []byte, err error) {
	if len(b) < 12 {
		return nil, nil, nil, errDecline
	}
	n := binary.BigEndian.Uint32(b)
	if n > 0x7fffffff || uint64(n) > uint64(len(b)-12) {
		return nil, nil, nil, errDecline
	}
	end := 8 + int(n)
	if crc32.ChecksumIEEE(b[4:end]) != binary.BigEndian.Uint32(b[end:]) {
		return nil, nil, nil, errDecline
	}
	return b[4:8], b[8:end], b[end+4:], nil
}

// header is what IHDR says that decoding needs.
type header struct {
	width, height int
	alpha         bool // RGBA, else RGB
}

// parseHeader reads an IHDR chunk's body, declining everything but 16-bit
// RGB and RGBA without interlacing, and an image of more than maxPixels.
func parseHeader(b []byte, maxPixels int) (header, error) {
	if len(b) != 13 {
		return header{}, errDecline
	}
	w := int64(int32(binary.BigEndian.Uint32(b[0:4])))
	h := int64(int32(binary.BigEndian.Uint32(b[4:8])))
	depth, colour, compression, filter, interlace := b[8], b[9], b[10], b[11], b[12]
	switch {
	case w <= 0 || h <= 0 || w*h > int64(maxPixels):
		return header{}, errDecline
	case depth != 16 || colour != trueColor && colour != trueColorAlpha:
		return header{}, errDecline
	case compression != 0 || filter != 0 || interlace != 0:
		return header{}, errDecline
	}
	return header{width: int(w), height: int(h), alpha: colour == trueColorAlpha}, nil
}

// pixels inflates the image data row by row, undoes each row's filter and
// places it; the zlib stream must then end, its checksum right, exactly at
// the end of an IDAT chunk (image/png tolerates some bytes past it; this
// declines them).
func (d *decoder) pixels(h header) (*image.NRGBA64, error) {
	if d.z == nil {
		z, err := zlib.NewReader(&d.idat)
		if err != nil {
			return nil, errDecline
		}
		d.z = z
	} else if err := d.z.(zlib.Resetter).Reset(&d.idat, nil); err != nil {
		return nil, errDecline
	}
	bpp := 6
	if h.alpha {
		bpp = 8
	}
	row := 1 + h.width*bpp
	d.cr = grow(d.cr, row)
	d.pr = grow(d.pr, row)
	clear(d.pr) // the row above the first is zeros
	img := image.NewNRGBA64(image.Rect(0, 0, h.width, h.height))
	for y := range h.height {
		if _, err := io.ReadFull(d.z, d.cr); err != nil {
			return nil, errDecline
		}
		if !unfilter(d.cr[0], d.cr[1:], d.pr[1:], bpp) {
			return nil, errDecline
		}
		dst := img.Pix[y*img.Stride : (y+1)*img.Stride]
		if h.alpha {
			copy(dst, d.cr[1:])
		} else {
			src := d.cr[1:]
			for len(dst) >= 8 && len(src) >= 6 {
				dst[0], dst[1], dst[2], dst[3], dst[4], dst[5] = src[0], src[1], src[2], src[3], src[4], src[5]
				dst[6], dst[7] = 0xff, 0xff
				dst, src = dst[8:], src[6:]
			}
		}
		d.cr, d.pr = d.pr, d.cr
	}
	// Reading past the last row must meet the stream's end; reaching it
	// checks the Adler-32 checksum. A reader may return no byte and no
	// error, so it is asked a few times, as image/png does.
	var one [1]byte
	var n int
	var err error
	for i := 0; n == 0 && err == nil; i++ {
		if i == 100 {
			return nil, errDecline
		}
		n, err = d.z.Read(one[:])
	}
	if n != 0 || err != io.EOF || !d.idat.atChunkEnd() {
		return nil, errDecline
	}
	return img, nil
}

// grow returns b resized to n bytes, reusing its array when it can.
func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// unfilter undoes a row's filter (PNG specification, 9.2) in cur, given
// the previous row's unfiltered bytes; it reports false for an unknown
// filter type.
func unfilter(kind byte, cur, prev []byte, bpp int) bool {
	switch kind {
	case 0: // None
	case 1: // Sub
		for i := bpp; i < len(cur); i++ {
			cur[i] += cur[i-bpp]
		}
	case 2: // Up
		for i, p := range prev {
			cur[i] += p
		}
	case 3: // Average
		for i := range bpp {
			cur[i] += prev[i] / 2
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += uint8((int(cur[i-bpp]) + int(prev[i])) / 2)
		}
	case 4: // Paeth
		for i := range bpp {
			cur[i] += prev[i] // a and c are 0: the predictor is b
		}
		for i := bpp; i < len(cur); i++ {
			cur[i] += paeth(cur[i-bpp], prev[i], prev[i-bpp])
		}
	default:
		return false
	}
	return true
}

// paeth is the Paeth predictor of a pixel's byte from the byte to its left
// (a), above (b) and above-left (c).
func paeth(a, b, c uint8) uint8 {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// idatReader reads the bodies of a run of IDAT chunks as one stream, with
// ReadByte, so the inflater reads no byte past the stream's end.
type idatReader struct {
	parts [][]byte
	i     int // the part being read
	off   int // the next byte of parts[i]
}

// reset starts reading parts from their first byte.
func (r *idatReader) reset(parts [][]byte) {
	r.parts, r.i, r.off = parts, 0, 0
}

// release forgets the tile's bytes, keeping the array for the next tile.
func (r *idatReader) release() {
	clear(r.parts[:cap(r.parts)])
	r.reset(r.parts[:0])
}

// next moves past exhausted parts, reporting whether a byte is left.
func (r *idatReader) next() bool {
	for r.i < len(r.parts) && r.off == len(r.parts[r.i]) {
		r.i++
		r.off = 0
	}
	return r.i < len(r.parts)
}

// Read implements io.Reader.
func (r *idatReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if !r.next() {
		return 0, io.EOF
	}
	n := copy(p, r.parts[r.i][r.off:])
	r.off += n
	return n, nil
}

// ReadByte implements io.ByteReader.
func (r *idatReader) ReadByte() (byte, error) {
	if !r.next() {
		return 0, io.EOF
	}
	b := r.parts[r.i][r.off]
	r.off++
	return b, nil
}

// atChunkEnd reports whether what was read ends at the end of a chunk.
func (r *idatReader) atChunkEnd() bool {
	return r.i >= len(r.parts) || r.off == len(r.parts[r.i])
}
