// Package exr reads and writes the subset of OpenEXR a render farm trades
// in: single-part scanline files of R, G, B and A in half or float,
// uncompressed or zlib-compressed.
package exr

import (
	"fmt"
	"io"

	"github.com/conun/conun/renderer"
)

// Compression is how the pixels of a chunk of scanlines are packed. The
// values are the ones a file's compression attribute holds.
type Compression int

// The compressions this package reads and writes. Others (PIZ, PXR24, B44,
// DWAA, ...) are recognised by name in errors but not decoded.
const (
	// None stores the pixels as they are, one scanline per chunk.
	None Compression = 0
	// RLE run-length encodes one scanline per chunk.
	RLE Compression = 1
	// ZIPS deflates one scanline per chunk.
	ZIPS Compression = 2
	// ZIP deflates 16 scanlines per chunk: what most tools write, and
	// smaller than ZIPS because zlib sees more context.
	ZIP Compression = 3
)

// compressionNames are the names OpenEXR gives its compressions, so that an
// error names the one a peer used.
var compressionNames = [...]string{"NONE", "RLE", "ZIPS", "ZIP", "PIZ", "PXR24", "B44", "B44A", "DWAA", "DWAB"}

// String returns OpenEXR's name for c.
func (c Compression) String() string {
	if c >= 0 && int(c) < len(compressionNames) {
		return compressionNames[c]
	}
	return fmt.Sprintf("Compression(%d)", int(c))
}

// lines is the number of scanlines per chunk for c, 0 for a compression
// this package cannot read or write.
func (c Compression) lines() int {
	switch c {
	case None, RLE, ZIPS:
		return 1
	case ZIP:
		return 16
	}
	return 0
}

// Options for Encode. The zero value writes uncompressed 32-bit floats.
type Options struct {
	// Half writes 16-bit half floats instead of 32-bit floats: half the
	// size, about three decimal digits, and finite values beyond ±65504
	// are clamped to it, as Blender does.
	Half bool
	// HalfColour, for EncodePasses, writes the colour passes (those whose
	// channels are each R, G, B or A) as half and the others as float, as
	// Blender writes a multilayer file at half depth: depth, normals,
	// vectors and Cryptomatte's ids keep their precision.
	HalfColour bool
	// Compression is None, RLE, ZIPS or ZIP.
	Compression Compression
}

// FormatError reports that the input is not a valid OpenEXR file.
type FormatError string

// Error returns the message prefixed with "exr: ".
func (e FormatError) Error() string { return "exr: " + string(e) }

// UnsupportedError reports a valid OpenEXR file that uses a feature this
// package does not implement, such as tiles or PIZ compression; a caller
// can tell it from a corrupt file with errors.As.
type UnsupportedError string

// Error returns "exr: <feature> is not supported".
func (e UnsupportedError) Error() string { return "exr: " + string(e) + " is not supported" }

// WriteFile encodes m into the file at path, replacing it atomically so
// that a crash never leaves a truncated frame under the real name.
func WriteFile(path string, m *renderer.HDR, opt Options) error {
	return renderer.WriteAtomic(path, func(w io.Writer) error { return Encode(w, m, opt) })
}
