package exr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/conun/conun/renderer"
	"github.com/x448/float16"
)

// Encode writes m to w as a single-part scanline OpenEXR file with
// channels A, B, G and R. The image is written with its top-left corner at
// the origin: m.Rect's offset is not stored, since a reader of a tile must
// not trust one anyway.
func Encode(w io.Writer, m *renderer.HDR, opt Options) error {
	if m == nil {
		return errors.New("exr: encode: nil image")
	}
	width, height := m.Rect.Dx(), m.Rect.Dy()
	switch {
	case width < 1 || height < 1:
		return fmt.Errorf("exr: encode %dx%d image: width and height must be >= 1", width, height)
	case width > renderer.MaxDimension || height > renderer.MaxDimension:
		return fmt.Errorf("exr: encode %dx%d image: width and height must be <= %d", width, height, renderer.MaxDimension)
	case m.Stride < 4*width || len(m.Pix) < (height-1)*m.Stride+4*width:
		return fmt.Errorf("exr: encode %dx%d image: stride %d and %d values do not hold its pixels", width, height, m.Stride, len(m.Pix))
	}
	typ := typeFloat
	if opt.Half {
		typ = typeHalf
	}
	// Sorted by name, as OpenEXR orders samples; src is each one's place
	// in an RGBA pixel.
	chs := []channel{{"A", typ}, {"B", typ}, {"G", typ}, {"R", typ}}
	src := [4]int{3, 2, 1, 0}

	return encodeLines(w, chs, nil, width, height, opt, func(raw []byte, y int) int {
		le := binary.LittleEndian
		p := 0
		row := m.Pix[y*m.Stride : y*m.Stride+4*width]
		for _, k := range src {
			if opt.Half {
				for x := 0; x < width; x++ {
					le.PutUint16(raw[p:], toHalf(row[4*x+k]))
					p += 2
				}
			} else {
				for x := 0; x < width; x++ {
					le.PutUint32(raw[p:], math.Float32bits(row[4*x+k]))
					p += 4
				}
			}
		}
		return p
	})
}

// encodeLines writes a scanline file of chs (sorted by name) and meta's
// string attributes; line puts scanline y's samples into raw and returns their bytes.
func encodeLines(w io.Writer, chs []channel, meta map[string]string, width, height int, opt Options, line func(raw []byte, y int) int) error {
	lines := opt.Compression.lines()
	if lines == 0 {
		return fmt.Errorf("exr: encode: compression %v is not supported", opt.Compression)
	}
	// The offset table comes before the chunks, so they are packed first.
	n := (height + lines - 1) / lines
	head := appendHeader(nil, chs, opt.Compression, width, height, meta)
	offsets := make([]byte, 0, 8*n)
	pos := uint64(len(head) + 8*n)
	var body []byte
	lineBytes := 0
	for _, ch := range chs {
		lineBytes += ch.typ.size() * width
	}
	raw := make([]byte, lines*lineBytes)
	c := compressor{c: opt.Compression}
	le := binary.LittleEndian
	for y0 := 0; y0 < height; y0 += lines {
		nl := min(lines, height-y0)
		p := 0
		for y := y0; y < y0+nl; y++ {
			p += line(raw[p:], y)
		}
		data, err := c.compress(raw[:p])
		if err != nil {
			return err
		}
		offsets = le.AppendUint64(offsets, pos)
		body = le.AppendUint32(body, uint32(y0))
		body = le.AppendUint32(body, uint32(len(data)))
		body = append(body, data...)
		pos += uint64(8 + len(data))
	}

	for _, b := range [][]byte{head, offsets, body} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// maxHalf is the largest finite half.
const maxHalf = 65504

// toHalf rounds v to the nearest half, but clamps finite values to half's
// range as Blender does where OpenEXR rounds them to infinity: a highlight
// brighter than 65504 stays a finite value, which tile checks require.
func toHalf(v float32) uint16 {
	switch {
	case v > maxHalf && v <= math.MaxFloat32:
		v = maxHalf
	case v < -maxHalf && v >= -math.MaxFloat32:
		v = -maxHalf
	}
	return float16.Fromfloat32(v).Bits()
}
