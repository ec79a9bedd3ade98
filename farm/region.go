package farm

// A render region (Blender's border, api.Region): a job renders its
// region alone (api.JobSpec.Area: its tiles cover it and nothing else),
// and each frame is written as Blender's own render writes it: the region
// alone when cropped, else the whole frame with nothing outside the
// region. A scene that composites is composited as Blender composites it
// (api.JobSpec.FinishRect): a cropped region alone, an uncropped one
// within its whole frame, empty outside the region, and written as that
// Blender writes it (renderer.FinishTask.Region).

import (
	"image"
	"image/color"
	"image/draw"
	"slices"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
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
