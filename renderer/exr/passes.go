package exr

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/x448/float16"
)

// DefaultMaxValues bounds the float values DecodePasses holds when its
// caller gives no bound: 2^28 values, 1 GiB, a 4K frame of 32 channels.
const DefaultMaxValues = 1 << 28

// PassesConfig reads only the header of a file of raw passes and returns
// its size and channel names (sorted), so a caller expecting a tile of a
// known size and set of passes rejects a wrong one before DecodePasses
// allocates its values. It fails for every header DecodePasses refuses.
func PassesConfig(r io.Reader) (width, height int, names []string, err error) {
	h, err := readHeader(&reader{r: bufio.NewReader(r)})
	if err != nil {
		return 0, 0, nil, err
	}
	for _, c := range h.channels {
		names = append(names, c.name)
	}
	return h.width(), h.height(), names, nil
}

// DecodePasses reads a single-part scanline OpenEXR file of any channels
// (UINT, HALF or FLOAT, compressed with NONE, RLE, ZIPS or ZIP), such as
// Blender's multilayer files of render passes ("ViewLayer.Combined.R"),
// into a renderer.Passes with bounds (0,0)-(w,h) and one float32 plane per
// channel; its string attributes go to Meta. maxValues bounds width x height x channels (0 means
// DefaultMaxValues): the input may be hostile, and the header is checked
// against the bound before any plane is allocated.
func DecodePasses(r io.Reader, maxValues int64) (*renderer.Passes, error) {
	if maxValues <= 0 {
		maxValues = DefaultMaxValues
	}
	br := &reader{r: bufio.NewReaderSize(r, 1<<16)}
	h, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	width, height := h.width(), h.height()
	if n := int64(width) * int64(height) * int64(len(h.channels)); n > maxValues {
		return nil, FormatError(fmt.Sprintf("%dx%d image of %d channels holds %d values, more than the %d allowed", width, height, len(h.channels), n, maxValues))
	}
	names := make([]string, len(h.channels))
	lineBytes := 0
	for i, c := range h.channels {
		names[i] = c.name
		lineBytes += c.typ.size() * width
	}
	p, err := renderer.NewPasses(image.Rect(0, 0, width, height), names)
	if err != nil {
		return nil, FormatError(err.Error())
	}
	p.Meta = h.meta
	le := binary.LittleEndian
	store := func(raw []byte, row, nl int) {
		at := 0
		for y := row; y < row+nl; y++ {
			for i, c := range h.channels {
				dst := p.Channels[i].Pix[y*width : (y+1)*width]
				switch c.typ {
				case typeHalf:
					for x := range dst {
						dst[x] = float16.Frombits(le.Uint16(raw[at+2*x:])).Float32()
					}
				case typeFloat:
					for x := range dst {
						dst[x] = math.Float32frombits(le.Uint32(raw[at+4*x:]))
					}
				case typeUint:
					for x := range dst {
						dst[x] = float32(le.Uint32(raw[at+4*x:]))
					}
				}
				at += c.typ.size() * width
			}
		}
	}
	if err := readChunks(br, h, lineBytes, store); err != nil {
		return nil, err
	}
	return p, nil
}

// EncodePasses writes p to w as a single-part scanline OpenEXR file with
// one channel per plane, named as p names them: Blender reads a file of
// "Layer.Pass.Channel" names as a multilayer image, so the finish step
// can feed it to the compositor. p.Meta is written as string attributes.
// The offset of p.Rect is not stored.
func EncodePasses(w io.Writer, p *renderer.Passes, opt Options) error {
	if p == nil {
		return errors.New("exr: encode: nil passes")
	}
	width, height := p.Rect.Dx(), p.Rect.Dy()
	switch {
	case width < 1 || height < 1:
		return fmt.Errorf("exr: encode %dx%d passes: width and height must be >= 1", width, height)
	case width > renderer.MaxDimension || height > renderer.MaxDimension:
		return fmt.Errorf("exr: encode %dx%d passes: width and height must be <= %d", width, height, renderer.MaxDimension)
	case len(p.Channels) == 0 || len(p.Channels) > maxChannels:
		return fmt.Errorf("exr: encode: %d channels: must be 1..%d", len(p.Channels), maxChannels)
	}
	chs := make([]channel, len(p.Channels))
	colour := colourPasses(p)
	for i, c := range p.Channels {
		switch {
		case c.Name == "" || len(c.Name) > 255:
			return fmt.Errorf("exr: encode: channel name %q must be 1..255 bytes", c.Name)
		case i > 0 && c.Name <= p.Channels[i-1].Name:
			return fmt.Errorf("exr: encode: channels must be sorted by name and unique (%q after %q)", c.Name, p.Channels[i-1].Name)
		case len(c.Pix) != width*height:
			return fmt.Errorf("exr: encode: channel %s has %d values for %dx%d pixels", c.Name, len(c.Pix), width, height)
		}
		chs[i] = channel{c.Name, typeFloat}
		if pass, _ := renderer.PassOf(c.Name); opt.Half || opt.HalfColour && colour[pass] {
			chs[i].typ = typeHalf
		}
	}
	for k := range p.Meta {
		if k == "" || len(k) > 255 || strings.IndexByte(k, 0) >= 0 || attributeTypes[k] != "" || standardAttributes[k] {
			return fmt.Errorf("exr: encode: metadata name %q: must be 1..255 bytes, no NUL, not a standard attribute", k)
		}
	}
	return encodeLines(w, chs, p.Meta, width, height, opt, func(raw []byte, y int) int {
		le := binary.LittleEndian
		at := 0
		for i, c := range p.Channels {
			row := c.Pix[y*width : (y+1)*width]
			if chs[i].typ == typeHalf {
				for _, v := range row {
					le.PutUint16(raw[at:], toHalf(v))
					at += 2
				}
			} else {
				for _, v := range row {
					le.PutUint32(raw[at:], math.Float32bits(v))
					at += 4
				}
			}
		}
		return at
	})
}

// colourPasses reports, by "Layer.Pass", the passes of p whose channels
// are each R, G, B or A: the colour passes, which Blender's multilayer
// file at half depth writes as half, where it keeps depth, normals,
// vectors, indices and Cryptomatte's ids (channels r, g, b, a) as float.
func colourPasses(p *renderer.Passes) map[string]bool {
	colour := map[string]bool{}
	for _, c := range p.Channels {
		pass, ok := renderer.PassOf(c.Name)
		if !ok {
			continue
		}
		isColour := strings.HasSuffix(c.Name, ".R") || strings.HasSuffix(c.Name, ".G") || strings.HasSuffix(c.Name, ".B") || strings.HasSuffix(c.Name, ".A")
		if was, seen := colour[pass]; seen {
			isColour = was && isColour
		}
		colour[pass] = isColour
	}
	return colour
}

// WritePassesFile encodes p into the file at path, replacing it atomically.
func WritePassesFile(path string, p *renderer.Passes, opt Options) error {
	return renderer.WriteAtomic(path, func(w io.Writer) error { return EncodePasses(w, p, opt) })
}

// standardAttributes are the attributes every file gets from appendHeader.
var standardAttributes = map[string]bool{"displayWindow": true, "pixelAspectRatio": true,
	"screenWindowCenter": true, "screenWindowWidth": true}
