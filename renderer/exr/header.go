package exr

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/conun/conun/renderer"
)

const (
	magic = 20000630
	// version is the file format version in the low byte of the version
	// field; the bits above it are flags.
	version       = 2
	flagTiled     = 0x200
	flagLongNames = 0x400
	flagDeep      = 0x800
	flagMultipart = 0x1000
)

// Bounds on what a header may make the decoder read or hold. Files from
// OpenEXR, Blender included, have headers of a few hundred bytes; previews
// and metadata take tens of kilobytes.
const (
	maxHeaderBytes = 1 << 20
	// maxChannels bounds the bytes of a scanline (16384 pixels of 128 float
	// channels is 8 MiB) while leaving room for files with many passes.
	maxChannels = 128
)

// pixelType is a channel's sample type as the file stores it.
type pixelType int32

const (
	typeUint  pixelType = 0
	typeHalf  pixelType = 1
	typeFloat pixelType = 2
)

// size is the bytes a sample takes.
func (t pixelType) size() int {
	if t == typeHalf {
		return 2
	}
	return 4
}

func (t pixelType) String() string {
	switch t {
	case typeUint:
		return "UINT"
	case typeHalf:
		return "HALF"
	case typeFloat:
		return "FLOAT"
	}
	return fmt.Sprintf("pixelType(%d)", int32(t))
}

type channel struct {
	name string
	typ  pixelType
}

// header is what the decoder needs from a file's header.
type header struct {
	// channels are sorted by name, the order of their samples in a chunk.
	channels    []channel
	compression Compression
	// minX, minY, maxX and maxY are the data window, inclusive as the file
	// has it.
	minX, minY, maxX, maxY int32
	// meta holds the string attributes the decoder does not read itself.
	meta map[string]string
}

func (h *header) width() int  { return int(int64(h.maxX) - int64(h.minX) + 1) }
func (h *header) height() int { return int(int64(h.maxY) - int64(h.minY) + 1) }

// reader counts the bytes read so that chunks can be checked against the
// offset table while the input is read as a stream.
type reader struct {
	r   *bufio.Reader
	pos int64
}

func (r *reader) ReadByte() (byte, error) {
	b, err := r.r.ReadByte()
	if err == nil {
		r.pos++
	}
	return b, err
}

func (r *reader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.pos += int64(n)
	return n, err
}

// full fills p; running out of input is io.ErrUnexpectedEOF.
func (r *reader) full(p []byte) error {
	_, err := io.ReadFull(r, p)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// discard skips n bytes without holding them.
func (r *reader) discard(n int64) error {
	m, err := io.CopyN(io.Discard, r, n)
	if m < n && err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// cstring reads a NUL-terminated attribute name or type of at most max
// bytes; "" is the empty name that ends the attribute list.
func (r *reader) cstring(max int) (string, error) {
	var b strings.Builder
	for {
		c, err := r.ReadByte()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		if c == 0 {
			return b.String(), nil
		}
		if b.Len() == max {
			return "", FormatError(fmt.Sprintf("attribute name or type %q... is longer than %d bytes", b.String(), max))
		}
		b.WriteByte(c)
	}
}

// truncated turns running out of input into an error that says where.
func truncated(err error, what string) error {
	var fe FormatError
	var ue UnsupportedError
	if errors.As(err, &fe) || errors.As(err, &ue) {
		return err
	}
	if err == io.ErrUnexpectedEOF {
		return fmt.Errorf("exr: truncated file: %s: %w", what, err)
	}
	return fmt.Errorf("exr: %s: %w", what, err)
}

// IsEXR reports whether data starts like an OpenEXR file (its magic
// number), for callers that accept more than one format.
func IsEXR(data []byte) bool {
	return len(data) >= 4 && binary.LittleEndian.Uint32(data) == magic
}

// readHeader reads the magic number, version and attributes, and checks
// that what they describe is something Decode can read: the bounds checked
// here are what make the later allocations safe.
func readHeader(r *reader) (*header, error) {
	var b [8]byte
	if err := r.full(b[:]); err != nil {
		return nil, truncated(err, "reading magic number")
	}
	if binary.LittleEndian.Uint32(b[:4]) != magic {
		return nil, FormatError("not an OpenEXR file (bad magic number)")
	}
	v := binary.LittleEndian.Uint32(b[4:])
	if v&0xff != version {
		return nil, UnsupportedError(fmt.Sprintf("file format version %d", v&0xff))
	}
	switch flags := v &^ 0xff; {
	case flags&flagMultipart != 0:
		return nil, UnsupportedError("multi-part file")
	case flags&flagDeep != 0:
		return nil, UnsupportedError("deep data")
	case flags&flagTiled != 0:
		return nil, UnsupportedError("tiled image")
	case flags&^flagLongNames != 0:
		return nil, FormatError(fmt.Sprintf("unknown version flags %#x", flags&^flagLongNames))
	}
	maxName := 31
	if v&flagLongNames != 0 {
		maxName = 255
	}

	h := &header{compression: -1}
	seen := make(map[string]bool)
	var val []byte
	for {
		name, err := r.cstring(maxName)
		if err != nil {
			return nil, truncated(err, "reading attribute name")
		}
		if name == "" {
			break
		}
		want, known := attributeTypes[name]
		if seen[name] {
			// A second value would be read differently by different
			// readers; unknown attributes are skipped, so only known ones
			// are tracked.
			return nil, FormatError(fmt.Sprintf("attribute %s appears twice", name))
		}
		if known {
			seen[name] = true
		}
		typ, err := r.cstring(maxName)
		if err != nil {
			return nil, truncated(err, "reading type of attribute "+name)
		}
		if err := r.full(b[:4]); err != nil {
			return nil, truncated(err, "reading size of attribute "+name)
		}
		size := int64(int32(binary.LittleEndian.Uint32(b[:4])))
		if size < 0 || size > maxHeaderBytes-r.pos {
			return nil, FormatError(fmt.Sprintf("attribute %s: size %d is out of bounds (header limit %d bytes)", name, size, maxHeaderBytes))
		}
		if !known && typ == "string" {
			// Kept for DecodePasses: Blender's Cryptomatte metadata (the
			// layer names and manifests its compositor node needs) is
			// string attributes. The header bound bounds them too.
			v := make([]byte, size)
			if err := r.full(v); err != nil {
				return nil, truncated(err, "reading attribute "+name)
			}
			if h.meta == nil {
				h.meta = map[string]string{}
			}
			h.meta[name] = string(v)
			continue
		}
		if !known {
			if err := r.discard(size); err != nil {
				return nil, truncated(err, "reading attribute "+name)
			}
			continue
		}
		if typ != want {
			return nil, FormatError(fmt.Sprintf("attribute %s has type %q, want %q", name, typ, want))
		}
		val = slices.Grow(val[:0], int(size))[:size]
		if err := r.full(val); err != nil {
			return nil, truncated(err, "reading attribute "+name)
		}
		if err := h.set(name, val, maxName); err != nil {
			return nil, err
		}
	}
	for _, name := range []string{"channels", "compression", "dataWindow"} {
		if !seen[name] {
			return nil, FormatError("missing required attribute " + name)
		}
	}
	return h, h.check()
}

// attributeTypes are the attributes the decoder reads, with their types;
// it skips all others.
var attributeTypes = map[string]string{
	"channels":    "chlist",
	"compression": "compression",
	"dataWindow":  "box2i",
	"lineOrder":   "lineOrder",
	"type":        "string",
}

// attributeSizes are the sizes of the fixed-size attributes the decoder
// reads.
var attributeSizes = map[string]int{"compression": 1, "dataWindow": 16, "lineOrder": 1}

// set stores the value of one of attributeTypes.
func (h *header) set(name string, val []byte, maxName int) error {
	if n := attributeSizes[name]; n != 0 && len(val) != n {
		return FormatError(fmt.Sprintf("attribute %s has %d bytes, want %d", name, len(val), n))
	}
	switch name {
	case "channels":
		chs, err := parseChannels(val, maxName)
		if err != nil {
			return err
		}
		h.channels = chs
	case "compression":
		h.compression = Compression(val[0])
	case "dataWindow":
		le := binary.LittleEndian
		h.minX, h.minY = int32(le.Uint32(val[0:])), int32(le.Uint32(val[4:]))
		h.maxX, h.maxY = int32(le.Uint32(val[8:])), int32(le.Uint32(val[12:]))
	case "lineOrder":
		// Chunks carry their first line and the offset table places them,
		// so increasing and decreasing files read alike.
		if val[0] > 2 {
			return FormatError(fmt.Sprintf("lineOrder %d is invalid", val[0]))
		}
	case "type":
		if s := string(bytes.TrimRight(val, "\x00")); s != "scanlineimage" {
			return UnsupportedError(fmt.Sprintf("part type %q", s))
		}
	}
	return nil
}

// check bounds the data window and checks that the channels and
// compression are ones Decode reads.
func (h *header) check() error {
	if h.compression.lines() == 0 {
		return UnsupportedError("compression " + h.compression.String())
	}
	if h.maxX < h.minX || h.maxY < h.minY {
		return FormatError(fmt.Sprintf("data window (%d,%d)-(%d,%d) is empty", h.minX, h.minY, h.maxX, h.maxY))
	}
	w, ht := int64(h.maxX)-int64(h.minX)+1, int64(h.maxY)-int64(h.minY)+1
	if w > renderer.MaxDimension || ht > renderer.MaxDimension {
		return FormatError(fmt.Sprintf("image is %dx%d: width and height must be <= %d", w, ht, renderer.MaxDimension))
	}
	if len(h.channels) == 0 {
		return FormatError("no channels")
	}
	return nil
}

// imagePrefix is the prefix of the R, G, B (and A) channels Decode reads:
// "" for an image's own, else a multilayer file's composite
// ("Composite.Combined."), else the Combined pass of its view layer first
// by name ("ViewLayer.Combined."; the file does not keep the scene's
// order, and a layer whose name has a dot is not told from a pass). It
// fails when there is none of them.
func (h *header) imagePrefix() (string, error) {
	has := func(prefix string) bool {
		for _, want := range []string{"R", "G", "B"} {
			if !slices.ContainsFunc(h.channels, func(c channel) bool { return c.name == prefix+want }) {
				return false
			}
		}
		return true
	}
	if has("") {
		return "", nil
	}
	if has(compositePrefix) {
		return compositePrefix, nil
	}
	for _, c := range h.channels { // sorted: the first layer's
		if layer, ok := strings.CutSuffix(c.name, ".Combined.R"); ok && !strings.Contains(layer, ".") && has(layer+".Combined.") {
			return layer + ".Combined.", nil
		}
	}
	var names []string
	for _, c := range h.channels {
		names = append(names, c.name)
	}
	return "", FormatError(fmt.Sprintf("no R, G and B channels, of the image or of a Combined pass (channels: %s)", strings.Join(names, ",")))
}

// compositePrefix begins the channels of the composite in Blender's
// multilayer file of a composited render.
const compositePrefix = "Composite.Combined."

// parseChannels parses a chlist: per channel a name, pixel type, pLinear,
// three reserved bytes and x and y sampling, then a NUL. The samples in a
// chunk follow the channels sorted by name whatever the list's order, so
// the result is sorted.
func parseChannels(b []byte, maxName int) ([]channel, error) {
	var chs []channel
	for {
		if len(b) == 0 {
			return nil, FormatError("channel list is not terminated")
		}
		if b[0] == 0 {
			if len(b) != 1 {
				return nil, FormatError("channel list has bytes after its end")
			}
			break
		}
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			return nil, FormatError("channel list is not terminated")
		}
		if i > maxName {
			return nil, FormatError(fmt.Sprintf("channel name %q is longer than %d bytes", b[:i], maxName))
		}
		name := string(b[:i])
		b = b[i+1:]
		if len(b) < 16 {
			return nil, FormatError(fmt.Sprintf("channel %q is truncated", name))
		}
		le := binary.LittleEndian
		typ := pixelType(int32(le.Uint32(b)))
		xs, ys := int32(le.Uint32(b[8:])), int32(le.Uint32(b[12:]))
		b = b[16:]
		if typ < typeUint || typ > typeFloat {
			return nil, FormatError(fmt.Sprintf("channel %q has unknown pixel type %d", name, int32(typ)))
		}
		if xs != 1 || ys != 1 {
			return nil, UnsupportedError(fmt.Sprintf("channel %q with sampling %dx%d", name, xs, ys))
		}
		if len(chs) == maxChannels {
			return nil, UnsupportedError(fmt.Sprintf("a file with more than %d channels", maxChannels))
		}
		chs = append(chs, channel{name, typ})
	}
	slices.SortFunc(chs, func(a, b channel) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(chs); i++ {
		if chs[i].name == chs[i-1].name {
			return nil, FormatError(fmt.Sprintf("channel %q appears twice", chs[i].name))
		}
	}
	return chs, nil
}

// appendHeader appends the magic number, version and the attributes a
// scanline file must have, in the alphabetical order OpenEXR writes them.
func appendHeader(b []byte, chs []channel, c Compression, width, height int, meta map[string]string) []byte {
	le := binary.LittleEndian
	b = le.AppendUint32(b, magic)
	v := uint32(version)
	for _, ch := range chs {
		if len(ch.name) > 31 {
			v |= flagLongNames // names up to 255 bytes
		}
	}
	for k := range meta {
		if len(k) > 31 {
			v |= flagLongNames
		}
	}
	b = le.AppendUint32(b, v)
	attr := func(name, typ string, val []byte) {
		b = append(b, name...)
		b = append(b, 0)
		b = append(b, typ...)
		b = append(b, 0)
		b = le.AppendUint32(b, uint32(len(val)))
		b = append(b, val...)
	}
	var list []byte
	for _, ch := range chs {
		list = append(list, ch.name...)
		list = append(list, 0)
		list = le.AppendUint32(list, uint32(ch.typ))
		list = append(list, 0, 0, 0, 0) // pLinear and reserved
		list = le.AppendUint32(list, 1)
		list = le.AppendUint32(list, 1)
	}
	list = append(list, 0)
	var window []byte
	for _, v := range []int{0, 0, width - 1, height - 1} {
		window = le.AppendUint32(window, uint32(v))
	}
	one := le.AppendUint32(nil, math.Float32bits(1))
	attr("channels", "chlist", list)
	attr("compression", "compression", []byte{byte(c)})
	attr("dataWindow", "box2i", window)
	attr("displayWindow", "box2i", window)
	attr("lineOrder", "lineOrder", []byte{0}) // INCREASING_Y
	attr("pixelAspectRatio", "float", one)
	attr("screenWindowCenter", "v2f", make([]byte, 8))
	attr("screenWindowWidth", "float", one)
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		attr(k, "string", []byte(meta[k]))
	}
	return append(b, 0)
}
