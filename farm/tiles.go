package farm

// Tiles on the wire and in the blob store: a 16-bit PNG for PNG jobs, a
// 32-bit float OpenEXR (linear, ZIP) for EXR jobs. The coordinator checks
// and previews every tile as 16-bit sRGB; an EXR tile is mapped for that by
// renderer.HDR.Compressed, which keeps highlights above 1 comparable.

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

// pngMagic starts every PNG file.
var pngMagic = []byte("\x89PNG\r\n\x1a\n")

// encodeTile is a worker's answer for a task: the result's HDR pixels as
// an EXR when the task asked for them, else its 16-bit pixels as a PNG.
// Both are written with the region moved to the origin: neither format
// keeps an offset the coordinator would trust.
func encodeTile(res renderer.Result, hdr bool) ([]byte, string, error) {
	var buf bytes.Buffer
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
	if err := png.Encode(&buf, shiftToOrigin(res.Image)); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), "image/png", nil
}

// tileLimit bounds the bytes of a worker's answer for region r: a 16-bit
// RGBA PNG is at most 8 bytes a pixel plus row filters, an uncompressed
// float EXR 16 bytes a pixel plus a line offset and chunk header a row;
// both get room for headers. More is a misbehaving worker.
func tileLimit(r image.Rectangle, hdr bool) int64 {
	if hdr {
		return int64(r.Dx()*r.Dy()*16+r.Dy()*16) + 1<<16
	}
	return int64(r.Dx()*r.Dy()*8+r.Dy()) + 1<<16
}

// tile is a decoded tile placed at the tile's rectangle: its 16-bit
// pixels for a PNG tile, its float pixels for an EXR one.
type tile struct {
	img *image.NRGBA64
	hdr *renderer.HDR
}

// checked is the tile as spot checks compare it: the 16-bit pixels, or
// an EXR tile's floats mapped by HDR.Compressed (work a frame's assembly,
// which needs only the floats, does not pay).
func (t tile) checked() *image.NRGBA64 {
	if t.img == nil {
		return t.hdr.Compressed()
	}
	return t.img
}

// decodeTile decodes a worker's PNG or EXR (which one its first bytes say;
// hdr says which the job wants) and places it at rect in frame
// coordinates; the size must match exactly.
func decodeTile(data []byte, rect image.Rectangle, hdr bool) (tile, error) {
	if hdr {
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
	if !bytes.HasPrefix(data, pngMagic) {
		return tile{}, fmt.Errorf("tile is not a PNG")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("tile is not a PNG: %w", err)
	}
	if cfg.Width != rect.Dx() || cfg.Height != rect.Dy() {
		return tile{}, fmt.Errorf("tile is %dx%d, want %dx%d", cfg.Width, cfg.Height, rect.Dx(), rect.Dy())
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return tile{}, fmt.Errorf("decode tile: %w", err)
	}
	img := image.NewNRGBA64(rect)
	draw.Draw(img, rect, src, src.Bounds().Min, draw.Src)
	return tile{img: img}, nil
}

// shiftToOrigin returns img with its bounds moved to start at 0,0, sharing
// the pixels: PNG has no notion of an offset.
func shiftToOrigin(img *image.NRGBA64) *image.NRGBA64 {
	out := *img
	out.Rect = image.Rect(0, 0, img.Rect.Dx(), img.Rect.Dy())
	return &out
}
