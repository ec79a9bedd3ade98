package farm

// Tiles on the wire and in the blob store: a 16-bit PNG for PNG jobs, a
// 32-bit float OpenEXR (linear, ZIP) for EXR jobs, and for a composited
// scene a multilayer OpenEXR of its raw render passes (the compositor runs
// once over the stitched frame: finish.go). The coordinator checks and
// previews every tile as 16-bit sRGB; an EXR tile is mapped for that by
// renderer.HDR.Compressed, which keeps highlights above 1 comparable, and
// a tile of raw passes is checked by all its raw passes (checkimage.go),
// never by composited pixels.

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/tilepng"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"golang.org/x/image/tiff"
)

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// encodeTile is a worker's answer for a task: the result's HDR pixels as
// an EXR when the task asked for them, else its 16-bit pixels as a PNG.
// Both are written with the region moved to the origin: neither format
// keeps an offset the coordinator would trust.
func encodeTile(res renderer.Result, hdr, passes bool) ([]byte, string, error) {
	var buf bytes.Buffer
	if passes {
		if res.Passes == nil {
			return nil, "", fmt.Errorf("renderer returned no raw passes for a task of a composited scene")
		}
		p := *res.Passes
		p.Rect = image.Rectangle{Max: p.Rect.Size()}
		if err := exr.EncodePasses(&buf, &p, exr.Options{Compression: exr.ZIP}); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), "image/x-exr", nil
	}
	if hdr {
		if res.HDR == nil {
			return nil, "", fmt.Errorf("renderer returned no float pixels for an EXR task")
		}
		h := *res.HDR
		h.Rect = image.Rectangle{Max: h.Rect.Size()}
		if err := exr.Encode(&buf, &h, exr.Options{Compression: exr.ZIP}); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), "image/x-exr", nil
	}
	if err := tileEncoder.Encode(&buf, shiftToOrigin(res.Image)); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "image/png", nil
}

// tileEncoder writes tiles as png.Encode does, byte for byte, keeping its
// zlib compressor between tiles.
var tileEncoder = renderer.PNGEncoder(png.DefaultCompression)

// tileLimit bounds the bytes of a worker's answer for region r: a 16-bit
// RGBA PNG is at most 8 bytes a pixel plus row filters, an uncompressed
// float EXR 16 bytes a pixel plus a line offset and chunk header a row;
// both get room for headers. More is a misbehaving worker.
func tileLimit(r image.Rectangle, want tileWant) int64 {
	if len(want.passes) > 0 {
		// Up to four float channels a pass (vectors), each 4 bytes a
		// pixel; a Cryptomatte pass is up to 8 ranks of four (16 levels).
		n := 0
		for _, p := range want.passes {
			n++
			if _, pass, _ := cutLast(p); strings.HasPrefix(pass, "Crypto") {
				n += 7
			}
		}
		return int64(r.Dx()*r.Dy()*16*n+r.Dy()*16) + 1<<20
	}
	if want.hdr {
		return int64(r.Dx()*r.Dy()*16+r.Dy()*16) + 1<<16
	}
	if want.planes {
		return int64(r.Dx()*r.Dy()*8+r.Dy())*maxPlanes + 1<<16
	}
	return int64(r.Dx()*r.Dy()*8+r.Dy()) + 1<<16
}

// tile is a decoded tile placed at the tile's rectangle: its 16-bit
// pixels for a PNG tile, its float pixels for an EXR one.
type tile struct {
	img    *image.NRGBA64
	hdr    *renderer.HDR
	passes *renderer.Passes // a composited scene's raw passes
}

// tileWant is what the coordinator expects of a tile: float pixels for an
// EXR job; for a composited scene, the raw passes its compositor reads
// ("ViewLayer.Pass" names, SceneUsage.Passes).
type tileWant struct {
	hdr    bool
	passes []string
	// channels, with passes, are the exact channels a tile holds (a
	// multilayer job's); nil checks the passes by name alone.
	channels []string
	// planes accepts a PNG of 1 to maxPlanes planes of the region stacked
	// downwards: a checker's crops of a composited scene's passes.
	planes bool
	// frame is the job's format when the answer is a finished frame (a
	// finish task's, which Blender writes as the scene says: JPEG or TIFF
	// as well as PNG and EXR); "" for a tile.
	frame string
}

// checked is the tile as spot checks compare it: the 16-bit pixels, an
// EXR tile's floats mapped by HDR.Compressed, or a tile of raw passes as
// checkImage stacks them (work a frame's assembly, which needs only the
// floats, does not pay).
func (t tile) checked() *image.NRGBA64 {
	switch {
	case t.passes != nil:
		return checkImage(t.passes)
	case t.img == nil:
		return t.hdr.Compressed()
	}
	return t.img
}

// decodeTile decodes a worker's PNG or EXR (which one its first bytes say;
// hdr says which the job wants) and places it at rect in frame
// coordinates; the size must match exactly.
func decodeTile(data []byte, rect image.Rectangle, want tileWant) (tile, error) {
	if len(want.passes) > 0 {
		return decodePassesTile(data, rect, want)
	}
	if want.hdr {
		if !exr.IsEXR(data) {
			return tile{}, fmt.Errorf("tile is not an OpenEXR file (the job asked for EXR)")
		}
		w, h, err := exr.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return tile{}, fmt.Errorf("tile: %w", err)
		}
		if w != rect.Dx() || h != rect.Dy() {
			return tile{}, fmt.Errorf("tile is %dx%d, want %dx%d", w, h, rect.Dx(), rect.Dy())
		}
		m, err := exr.Decode(bytes.NewReader(data))
		if err != nil {
			return tile{}, fmt.Errorf("decode tile: %w", err)
		}
		if !m.Finite() {
			return tile{}, fmt.Errorf("tile holds NaN or infinite values")
		}
		m.Rect = rect
		return tile{hdr: m}, nil
	}
	if want.frame == api.FormatJPEG || want.frame == api.FormatTIFF {
		return decodeFrameFile(data, rect, want.frame)
	}
	if !bytes.HasPrefix(data, pngMagic) {
		return tile{}, fmt.Errorf("tile is not a PNG")
	}
	// A worker's tile, 16-bit RGB or RGBA, is decoded without image/png,
	// which allocates a new inflater for every tile; any other PNG, and a
	// faulty one, is left to image/png, which says what is wrong.
	maxPixels := rect.Dx() * rect.Dy()
	if want.planes {
		maxPixels *= maxPlanes
	}
	if m, ok := tilepng.Decode(data, maxPixels); ok {
		r, err := tileRect(m.Rect.Dx(), m.Rect.Dy(), rect, want)
		if err != nil {
			return tile{}, err
		}
		m.Rect = r
		return tile{img: m}, nil
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("tile is not a PNG: %w", err)
	}
	if rect, err = tileRect(cfg.Width, cfg.Height, rect, want); err != nil {
		return tile{}, err
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("decode tile: %w", err)
	}
	switch m := src.(type) {
	case *image.NRGBA64:
		// A 16-bit RGBA PNG is placed as decoded: its size was checked,
		// and a copy was an eighth of the coordinator's allocations.
		m.Rect = rect
		return tile{img: m}, nil
	case *image.RGBA64:
		// An opaque tile, as most are, is written as 16-bit RGB, which
		// decodes premultiplied; with every alpha at its maximum its
		// bytes are the same as non-premultiplied ones, and the copy was
		// 2% of a coordinator's CPU a task.
		if opaque64(m.Pix) {
			return tile{img: &image.NRGBA64{Pix: m.Pix, Stride: m.Stride, Rect: rect}}, nil
		}
	}
	img := image.NewNRGBA64(rect)
	draw.Draw(img, rect, src, src.Bounds().Min, draw.Src)
	return tile{img: img}, nil
}

// tileRect is where a PNG of w x h pixels goes for a task's rectangle:
// the rectangle itself, or for a check image of planes, the planes stacked
// below its top; any other size is an error naming it.
func tileRect(w, h int, rect image.Rectangle, want tileWant) (image.Rectangle, error) {
	switch {
	case want.planes && w == rect.Dx() && h%rect.Dy() == 0 && h/rect.Dy() >= 1 && h/rect.Dy() <= maxPlanes:
		rect.Max.Y = rect.Min.Y + h
	case w != rect.Dx() || h != rect.Dy():
		return rect, fmt.Errorf("tile is %dx%d, want %dx%d", w, h, rect.Dx(), rect.Dy())
	}
	return rect, nil
}

// opaque64 reports whether every alpha of 16-bit RGBA pixels is 0xffff.
func opaque64(pix []byte) bool {
	for i := 6; i+1 < len(pix); i += 8 {
		if pix[i] != 0xff || pix[i+1] != 0xff {
			return false
		}
	}
	return true
}

// shiftToOrigin returns img with its bounds moved to start at 0,0, sharing
// the pixels: PNG has no notion of an offset.
func shiftToOrigin(img *image.NRGBA64) *image.NRGBA64 {
	out := *img
	out.Rect = image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy())
	return &out
}

// decodePassesTile decodes a tile of raw passes: a multilayer OpenEXR of
// exactly the tile's size holding exactly the expected passes (its header
// is checked before any pixel is allocated: the worker may be hostile).
// The tile is checked by checkImage of all its passes, as a checker's
// crops of it are answered.
func decodePassesTile(data []byte, rect image.Rectangle, want tileWant) (tile, error) {
	if !exr.IsEXR(data) {
		return tile{}, fmt.Errorf("tile is not an OpenEXR file of raw passes")
	}
	w, h, names, err := exr.PassesConfig(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("tile: %w", err)
	}
	if w != rect.Dx() || h != rect.Dy() {
		return tile{}, fmt.Errorf("tile is %dx%d, want %dx%d", w, h, rect.Dx(), rect.Dy())
	}
	if err := checkPassNames(names, want.passes); err != nil {
		return tile{}, err
	}
	if want.channels != nil && !slices.Equal(names, want.channels) {
		return tile{}, fmt.Errorf("tile has channels %s, want %s", strings.Join(names, ","), strings.Join(want.channels, ","))
	}
	p, err := exr.DecodePasses(bytes.NewReader(data), int64(w)*int64(h)*int64(len(names)))
	if err != nil {
		return tile{}, fmt.Errorf("decode tile: %w", err)
	}
	if !p.Finite() {
		return tile{}, fmt.Errorf("tile holds NaN or infinite values")
	}
	p.Rect = rect
	combined := p.Combined("")
	if combined == nil {
		return tile{}, fmt.Errorf("tile has no Combined pass")
	}
	return tile{hdr: combined, passes: p}, nil
}

// checkPassNames reports whether a tile's channels ("Layer.Pass.Channel")
// are exactly of the passes wanted ("Layer.Pass"), each present.
func checkPassNames(channels, passes []string) error {
	wanted := make(map[string]bool, len(passes))
	for _, p := range passes {
		wanted[p] = false
	}
	for _, ch := range channels {
		pass, ok := renderer.PassOf(ch)
		if !ok {
			return fmt.Errorf("tile channel %q is not named Layer.Pass.Channel", ch)
		}
		if _, ok := wanted[pass]; !ok {
			return fmt.Errorf("tile has pass %q, which the job's tiles do not carry (want %v)", pass, passes)
		}
		wanted[pass] = true
	}
	for p, seen := range wanted {
		if !seen {
			return fmt.Errorf("tile lacks pass %q (want %v)", p, passes)
		}
	}
	return nil
}

// decodeFrameFile decodes a finished frame written as JPEG or TIFF (format)
// and places it at rect; its size is read and checked before its pixels
// are.
func decodeFrameFile(data []byte, rect image.Rectangle, format string) (tile, error) {
	decodeConfig, decode := jpeg.DecodeConfig, jpeg.Decode
	if format == api.FormatTIFF {
		decodeConfig, decode = tiff.DecodeConfig, tiff.Decode
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("frame is not a %s file: %w", format, err)
	}
	if cfg.Width != rect.Dx() || cfg.Height != rect.Dy() {
		return tile{}, fmt.Errorf("frame is %dx%d, want %dx%d", cfg.Width, cfg.Height, rect.Dx(), rect.Dy())
	}
	src, err := decode(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("decode frame: %w", err)
	}
	img := image.NewNRGBA64(rect)
	draw.Draw(img, rect, src, src.Bounds().Min, draw.Src)
	return tile{img: img}, nil
}
