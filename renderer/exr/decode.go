package exr

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/x448/float16"
)

// DecodeConfig reads only the header of an OpenEXR file and returns the
// size of its image: a caller expecting a tile of a known size rejects a
// wrong one before Decode allocates its pixels. It also fails for every
// header Decode would refuse.
func DecodeConfig(r io.Reader) (width, height int, err error) {
	h, err := readHeader(&reader{r: bufio.NewReader(r)})
	if err != nil {
		return 0, 0, err
	}
	if _, err := h.imagePrefix(); err != nil {
		return 0, 0, err
	}
	return h.width(), h.height(), nil
}

// Decode reads a single-part scanline OpenEXR file with R, G and B
// channels and an optional A (1 when absent), each UINT, HALF or FLOAT,
// compressed with NONE, RLE, ZIPS or ZIP. Other channels are skipped. Of
// a multilayer file of render passes, which has no bare R, G and B, it
// reads the composite, else a view layer's Combined pass (the first by
// name). The image's bounds are (0,0)-(w,h) for a w×h data window,
// wherever the file placed it.
//
// The input may be hostile: every size is bounded before anything is
// allocated for it, and nothing is allocated beyond what the header's
// bounded sizes need. The image itself takes 16 bytes a pixel, up to 4 GiB
// for a data window of renderer.MaxDimension on each side, so a caller
// that expects a size checks DecodeConfig first.
func Decode(r io.Reader) (*renderer.HDR, error) {
	br := &reader{r: bufio.NewReaderSize(r, 1<<16)}
	h, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	prefix, err := h.imagePrefix()
	if err != nil {
		return nil, err
	}
	width, height := h.width(), h.height()
	m := renderer.NewHDR(image.Rect(0, 0, width, height))
	d := decoder{channels: h.channels, m: m}
	hasAlpha := false
	for _, c := range h.channels {
		k := -1
		if rest, ok := strings.CutPrefix(c.name, prefix); ok {
			k = slices.Index([]string{"R", "G", "B", "A"}, rest)
		}
		d.dest = append(d.dest, k)
		d.lineBytes += c.typ.size() * width
		hasAlpha = hasAlpha || k == 3
	}
	if !hasAlpha {
		for i := 3; i < len(m.Pix); i += 4 {
			m.Pix[i] = 1
		}
	}
	if err := readChunks(br, h, d.lineBytes, d.store); err != nil {
		return nil, err
	}
	return m, nil
}

// readChunks reads every chunk of the image h describes, in file order,
// checks it against the offset table and hands its decompressed scanlines
// to store (raw samples of nl lines from row on, lineBytes each).
func readChunks(br *reader, h *header, lineBytes int, store func(raw []byte, row, nl int)) error {
	height := h.height()
	lines := h.compression.lines()
	offsets, order, err := readOffsets(br, (height+lines-1)/lines)
	if err != nil {
		return err
	}
	dec := decompressor{c: h.compression}
	var head [8]byte
	var data bytes.Buffer
	for _, k := range order {
		if offsets[k] < br.pos {
			return FormatError(fmt.Sprintf("chunk %d at offset %d overlaps the chunk before it", k, offsets[k]))
		}
		if err := br.discard(offsets[k] - br.pos); err != nil {
			return truncated(err, fmt.Sprintf("seeking chunk %d", k))
		}
		if err := br.full(head[:]); err != nil {
			return truncated(err, fmt.Sprintf("reading chunk %d", k))
		}
		y := int64(int32(binary.LittleEndian.Uint32(head[:])))
		size := int64(int32(binary.LittleEndian.Uint32(head[4:])))
		first := int64(h.minY) + int64(k*lines)
		if y != first {
			return FormatError(fmt.Sprintf("chunk %d starts at line %d, want %d", k, y, first))
		}
		nl := min(lines, height-k*lines)
		want := nl * lineBytes
		if size <= 0 || size > int64(want) {
			return FormatError(fmt.Sprintf("chunk at line %d: size %d is out of bounds (at most %d)", y, size, want))
		}
		// Grown as bytes arrive, so a forged size costs no memory.
		data.Reset()
		if got, err := data.ReadFrom(io.LimitReader(br, size)); err != nil || got < size {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return truncated(err, fmt.Sprintf("reading chunk at line %d", y))
		}
		raw, err := dec.decompress(data.Bytes(), want)
		if err != nil {
			return FormatError(fmt.Sprintf("chunk at line %d (%v): %v", y, h.compression, err))
		}
		store(raw, k*lines, nl)
	}
	return nil
}

// readOffsets reads the offset table of n chunks and returns it with the
// chunks' indices in the order of their offsets. Decode reads the chunks
// in that order, which is the order the file has them in, so a stream
// needs no seeking; checking each chunk against its entry makes Decode
// read a file exactly as OpenEXR's table-driven readers do.
func readOffsets(r *reader, n int) (offsets []int64, order []int, err error) {
	table := make([]byte, 8*n)
	if err := r.full(table); err != nil {
		return nil, nil, truncated(err, "reading offset table")
	}
	offsets = make([]int64, n)
	for i := range offsets {
		o := binary.LittleEndian.Uint64(table[8*i:])
		if o < uint64(r.pos) || o > math.MaxInt64 {
			return nil, nil, FormatError(fmt.Sprintf("offset table: chunk %d at offset %d is outside the file's chunks", i, o))
		}
		offsets[i] = int64(o)
	}
	order = make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(offsets[a], offsets[b]) })
	for i := 1; i < n; i++ {
		if offsets[order[i]] == offsets[order[i-1]] {
			return nil, nil, FormatError(fmt.Sprintf("offset table: chunks %d and %d share offset %d", order[i-1], order[i], offsets[order[i]]))
		}
	}
	return offsets, order, nil
}

// decoder holds what storing the chunks of one image needs.
type decoder struct {
	channels []channel
	// dest is each channel's place in an RGBA pixel, -1 for those skipped.
	dest []int
	m    *renderer.HDR
	// lineBytes is the bytes of one scanline of all channels.
	lineBytes int
}

// store converts nl scanlines of raw samples into m's rows from row on.
func (d *decoder) store(raw []byte, row, nl int) {
	width := d.m.Rect.Dx()
	le := binary.LittleEndian
	p := 0
	for y := row; y < row+nl; y++ {
		pix := d.m.Pix[y*d.m.Stride : y*d.m.Stride+4*width]
		for i, c := range d.channels {
			k := d.dest[i]
			n := width * c.typ.size()
			src := raw[p : p+n]
			p += n
			if k < 0 {
				continue
			}
			switch c.typ {
			case typeHalf:
				for x := range width {
					pix[4*x+k] = float16.Frombits(le.Uint16(src[2*x:])).Float32()
				}
			case typeFloat:
				for x := range width {
					pix[4*x+k] = math.Float32frombits(le.Uint32(src[4*x:]))
				}
			case typeUint:
				for x := range width {
					pix[4*x+k] = float32(le.Uint32(src[4*x:]))
				}
			}
		}
	}
}
