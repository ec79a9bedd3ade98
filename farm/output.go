package farm

// A job's frames in the format it asks for (api.JobSpec.Format): written
// by the coordinator from stitched 16-bit tiles (frames.go), or by Blender
// itself in the finish step of a composited scene (finish.go).

import (
	"image"
	"io"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
)

// EncodeFrame writes a frame of 16-bit pixels in the job's format (the
// spec's Format, Depth and Quality; `conun render` uses it too), a PNG
// with its alpha channel where alpha asks (FramePlan.Alpha). The
// tiles are lossless (16-bit PNG) whatever the format, and a lossy JPEG
// is encoded once from the stitched frame: tiles never carry its blocks'
// seams, and the frame is a pure function of the same pixels as a whole
// render's.
func EncodeFrame(w io.Writer, img *image.NRGBA64, spec api.JobSpec, alpha bool) error {
	switch spec.Format {
	case api.FormatJPEG:
		return renderer.EncodeJPEG(w, img, spec.JPEGQuality())
	case api.FormatTIFF:
		return renderer.EncodeTIFF(w, img, spec.Depth)
	}
	return renderer.EncodePNG(w, img, spec.Depth, spec.PNGCompression(), alpha)
}

// blenderFormat is each job format's name in Blender, for the finish step
// to write the frame itself.
var blenderFormat = map[string]string{"": "PNG", api.FormatPNG: "PNG", api.FormatEXR: "OPEN_EXR", api.FormatEXRLayers: "OPEN_EXR", api.FormatJPEG: "JPEG", api.FormatTIFF: "TIFF"}

// hdrFormat reports whether frames of a job format are linear floats
// (OpenEXR), as their tiles and finished frames are then.
func hdrFormat(format string) bool {
	return format == api.FormatEXR || format == api.FormatEXRLayers
}

// opaqueFormat reports whether a job's frames keep no alpha whatever the
// scene's colour mode (renderer.Task.Opaque): JPEG. A scene's own format
// ("") and PNG and TIFF keep the alpha of an RGBA scene.
func opaqueFormat(format string) bool {
	return format == api.FormatJPEG
}
