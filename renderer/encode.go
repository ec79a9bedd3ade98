package renderer

import (
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"golang.org/x/image/tiff"
)

// EncodeJPEG writes img as a baseline JPEG of the given quality (1-100),
// from its 16-bit values rounded to 8 bits as EncodePNG rounds them: a
// frame is encoded once, from its lossless stitched tiles, so a tiled
// JPEG frame is a pure function of the same pixels as a whole one.
func EncodeJPEG(w io.Writer, img *image.NRGBA64, quality int) error {
	if quality < 1 || quality > 100 {
		return fmt.Errorf("jpeg quality %d: must be 1..100", quality)
	}
	return jpeg.Encode(w, opaque(To8(img)), &jpeg.Options{Quality: quality})
}

// EncodeTIFF writes img as a Deflate-compressed TIFF with 8 or 16 bits per
// channel (Blender's default TIFF codec), 8 bits rounded as EncodePNG
// rounds them.
func EncodeTIFF(w io.Writer, img *image.NRGBA64, depth int) error {
	opt := &tiff.Options{Compression: tiff.Deflate, Predictor: true}
	switch depth {
	case 16:
		return tiff.Encode(w, img, opt)
	case 8:
		return tiff.Encode(w, To8(img), opt)
	}
	return fmt.Errorf("tiff depth %d: must be 8 or 16", depth)
}

// opaque marks an 8-bit image's pixels opaque: JPEG keeps no alpha, and
// image/jpeg would otherwise premultiply by it, darkening what Blender
// writes as colour.
func opaque(img *image.NRGBA) *image.NRGBA {
	for i := 3; i < len(img.Pix); i += 4 {
		img.Pix[i] = 0xff
	}
	return img
}
