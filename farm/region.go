package farm

// A render region (Blender's border, api.Region): a job renders its
// region alone (api.JobSpec.Area: its tiles cover it and nothing else),
// and each frame is written as Blender's own render writes it: the region
// alone when cropped, else the whole frame with nothing outside the
// region. A scene that composites is composited as Blender composites it
// (api.JobSpec.FinishRect): a cropped region alone, an uncropped one
// within its whole frame, empty outside the region, and the composite
// cleared outside the region after.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"slices"

	"golang.org/x/image/tiff"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

// inFrame places what a job rendered of a frame, its Area, in the frame
// it writes, as Blender's own render does with a render region: the
// region alone when it is cropped (moved to the origin), else the whole
// frame, black outside the region (a stitched frame is opaque).
func inFrame(img *image.NRGBA64, spec api.JobSpec) *image.NRGBA64 {
	switch {
	case spec.Region == nil:
		return img
	case spec.Region.Crop:
		img.Rect = img.Rect.Sub(img.Rect.Min) // Pix is laid out from the corner
		return img
	}
	full := image.NewNRGBA64(spec.Resolution.Rect())
	draw.Draw(full, full.Rect, image.NewUniform(color.NRGBA64{A: 0xffff}), image.Point{}, draw.Src)
	draw.Draw(full, img.Rect, img, img.Rect.Min, draw.Src)
	return full
}

// hdrInFrame is inFrame for an EXR frame's floats: black and opaque
// outside an uncropped region, like the stitched frame's inside.
func hdrInFrame(m *renderer.HDR, spec api.JobSpec) *renderer.HDR {
	switch {
	case spec.Region == nil:
		return m
	case spec.Region.Crop:
		m.Rect = m.Rect.Sub(m.Rect.Min)
		return m
	}
	full := renderer.NewHDR(spec.Resolution.Rect())
	for i := 3; i < len(full.Pix); i += 4 {
		full.Pix[i] = 1
	}
	full.Draw(m)
	return full
}

// outside lists the rectangles of area outside r, which lies in it: the
// bands above and below r, and those left and right of it.
func outside(area, r image.Rectangle) []image.Rectangle {
	out := []image.Rectangle{
		image.Rect(area.Min.X, area.Min.Y, area.Max.X, r.Min.Y),
		image.Rect(area.Min.X, r.Max.Y, area.Max.X, area.Max.Y),
		image.Rect(area.Min.X, r.Min.Y, r.Min.X, r.Max.Y),
		image.Rect(r.Max.X, r.Min.Y, area.Max.X, r.Max.Y),
	}
	return slices.DeleteFunc(out, image.Rectangle.Empty)
}

// clearOutside writes the file of a finished frame of an uncropped render
// region, which the finish composited within the whole frame, with
// nothing outside the region, as Blender leaves it: zero (black;
// transparent where the file has alpha), in the file's own channels and
// depth. A JPEG frame is encoded a second time.
func clearOutside(w io.Writer, data []byte, spec api.JobSpec) error {
	region, full := spec.Region.Rect(), spec.Resolution.Rect()
	if spec.Format == api.FormatEXR {
		m, err := exr.Decode(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("finished frame: %w", err)
		}
		if m.Rect != full {
			return fmt.Errorf("finished frame is %v, want %v", m.Rect, full)
		}
		cleared := renderer.NewHDR(full)
		cleared.Draw(&renderer.HDR{Pix: m.Pix[m.PixOffset(region.Min.X, region.Min.Y):], Stride: m.Stride, Rect: region})
		return exr.Encode(w, cleared, exr.Options{Compression: exr.ZIP})
	}
	decode := png.Decode
	switch spec.Format {
	case api.FormatJPEG:
		decode = jpeg.Decode
	case api.FormatTIFF:
		decode = tiff.Decode
	}
	src, err := decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("finished frame: %w", err)
	}
	if src.Bounds() != full {
		return fmt.Errorf("finished frame is %v, want %v", src.Bounds(), full)
	}
	var dst draw.Image
	opaque := true // the file has no alpha: black outside the region
	switch src.(type) {
	case *image.Gray:
		dst = image.NewGray(full)
	case *image.Gray16:
		dst = image.NewGray16(full)
	case *image.NRGBA: // 8-bit with alpha
		dst, opaque = image.NewNRGBA(full), false
	case *image.NRGBA64:
		dst, opaque = image.NewNRGBA64(full), false
	case *image.RGBA64:
		dst = image.NewRGBA64(full)
	default: // 8-bit RGB, and JPEG's YCbCr
		dst = image.NewRGBA(full)
	}
	if opaque {
		draw.Draw(dst, full, image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	draw.Draw(dst, region, src, region.Min, draw.Src)
	switch spec.Format {
	case api.FormatJPEG:
		return jpeg.Encode(w, dst, &jpeg.Options{Quality: spec.JPEGQuality()})
	case api.FormatTIFF:
		return tiff.Encode(w, dst, &tiff.Options{Compression: tiff.Deflate})
	}
	enc := png.Encoder{CompressionLevel: renderer.PNGLevel(spec.PNGCompression())}
	return enc.Encode(w, dst)
}
