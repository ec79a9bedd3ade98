package renderer

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"os"
	"sync"

	"github.com/conun/conun/internal/durable"
)

// DefaultPNGCompression is Blender's default PNG compression (the
// scene's image_settings.compression), 15%: zlib's fastest level.
const DefaultPNGCompression = 15

// EncodePNG writes img as a PNG with 8 or 16 bits per channel, compressed
// as a Blender scene's compression setting says (0 to 100: PNGLevel). The
// 8-bit form rounds each 16-bit value to the nearest 8-bit one, so it is a
// pure function of the 16-bit pixels and tiles convert exactly like whole
// frames. An image whose pixels are all opaque is written as RGB, unless
// alpha asks for its alpha channel: Blender writes a scene whose colour
// mode is RGBA (its default) with one, opaque or not.
func EncodePNG(w io.Writer, img *image.NRGBA64, depth, compression int, alpha bool) error {
	if compression < 0 || compression > 100 {
		return fmt.Errorf("png compression %d: must be 0 to 100", compression)
	}
	enc := PNGEncoder(PNGLevel(compression))
	if b := img.Bounds(); b.Dx()*b.Dy() > pooledPNGPixels {
		// A pooled encoder holds the last image it wrote until a
		// collection empties its pool; a large frame gets an encoder of
		// its own, whose compressor costs little beside the frame.
		enc = png.Encoder{CompressionLevel: enc.CompressionLevel}
	}
	var m image.Image
	switch depth {
	case 16:
		m = img
	case 8:
		m = To8(img)
	default:
		return fmt.Errorf("png depth %d: must be 8 or 16", depth)
	}
	if alpha {
		m = keptAlpha{m}
	}
	return enc.Encode(w, m)
}

// keptAlpha has image/png write an image's alpha channel though every
// pixel is opaque: the encoder asks an image's Opaque before it leaves the
// channel out. It then reads the pixels one by one (about 3x the time of
// an RGB frame at 1080p: 40 against 12.5 ms), which only frames of an
// RGBA scene pay.
type keptAlpha struct{ image.Image }

// Opaque is false, whatever the pixels.
func (keptAlpha) Opaque() bool { return false }

// PNGLevel is the encoder level for a Blender compression percentage.
// Blender writes zlib level percent/11.1111 (0 to 9); Go's encoder has
// four levels, so 0 stores (0-11%), 1-3 write its fastest (zlib's 1;
// 12-44%), 4-6 its default (6; 45-77%) and 7-9 its best (9; 78-100%). The level changes the file's size and the time to
// write it, never a pixel.
func PNGLevel(percent int) png.CompressionLevel {
	switch zlib := percent * 9 / 100; {
	case zlib <= 0:
		return png.NoCompression
	case zlib <= 3:
		return png.BestSpeed
	case zlib <= 6:
		return png.DefaultCompression
	default:
		return png.BestCompression
	}
}

// pooledPNGPixels is the largest image EncodePNG writes with a pooled
// encoder: a megapixel, 8 MiB of 16-bit pixels held at most.
const pooledPNGPixels = 1 << 20

// encoders holds an encoder for each of image/png's levels, each keeping
// its zlib compressors between images in a pool of its own (a pool shared
// by two levels would make a new compressor whenever the level changed).
var encoders = map[png.CompressionLevel]*png.Encoder{}

func init() {
	for _, l := range []png.CompressionLevel{png.DefaultCompression, png.NoCompression, png.BestSpeed, png.BestCompression} {
		encoders[l] = &png.Encoder{CompressionLevel: l, BufferPool: &pngBuffers{}}
	}
}

// PNGEncoder is an encoder at level that writes as png.Encoder does, byte
// for byte, but keeps its zlib compressor from one image to the next: a
// new one allocates about a megabyte, the largest cost of encoding a
// small tile, and a twentieth of what a coordinator allocated to write
// its frames (BenchmarkCoordinatorCPU). It is a copy: changing it changes
// no other caller's.
func PNGEncoder(level png.CompressionLevel) png.Encoder {
	if e, ok := encoders[level]; ok {
		return *e
	}
	return png.Encoder{CompressionLevel: level}
}

// pngBuffers is a png.EncoderBufferPool over a sync.Pool.
type pngBuffers struct{ pool sync.Pool }

func (b *pngBuffers) Get() *png.EncoderBuffer {
	e, _ := b.pool.Get().(*png.EncoderBuffer)
	return e
}

func (b *pngBuffers) Put(e *png.EncoderBuffer) { b.pool.Put(e) }

// To8 converts a 16-bit image to 8 bits per channel by rounding.
func To8(img *image.NRGBA64) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		dst := out.Pix[out.PixOffset(b.Min.X, y):out.PixOffset(b.Max.X, y)]
		for i := range dst {
			v := uint32(src[2*i])<<8 | uint32(src[2*i+1])
			dst[i] = uint8((v*255 + 32767) / 65535)
		}
	}
	return out
}

// WritePNG encodes img into the file at path, at Blender's default
// compression, replacing it atomically so that a crash never leaves a
// truncated frame under the real name.
func WritePNG(path string, img *image.NRGBA64, depth int) error {
	return WriteAtomic(path, func(w io.Writer) error { return EncodePNG(w, img, depth, DefaultPNGCompression, false) })
}

// ReadPNG reads the PNG at path as 16-bit pixels (8-bit files widened),
// with its bounds at the origin: what WritePNG wrote, or a frame Blender did.
func ReadPNG(path string) (*image.NRGBA64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	img := image.NewNRGBA64(m.Bounds())
	draw.Draw(img, img.Bounds(), m, m.Bounds().Min, draw.Src)
	return img, nil
}

// WriteAtomic writes the file at path with encode, into a temporary file
// renamed over path once complete: readers see the old file or the whole
// new one, never a truncated one, whatever happens to the process
// meanwhile. It is for files a power loss may take (a sandbox's scratch);
// WriteDurable is for what a record says is there.
func WriteAtomic(path string, encode func(io.Writer) error) error {
	return writeAtomic(path, encode, false)
}

// WriteDurable is WriteAtomic that also outlasts a power loss: the file
// and its name are synced before it returns. A finished frame is written
// so, since its job's record then says it is written.
func WriteDurable(path string, encode func(io.Writer) error) error {
	return writeAtomic(path, encode, true)
}

func writeAtomic(path string, encode func(io.Writer) error, sync bool) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := encode(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if sync {
		return durable.Rename(tmp, path)
	}
	return os.Rename(tmp, path)
}
