package pathtracer

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"

	"github.com/qmuntal/gltf"
)

// texture is a decoded image in linear RGB, ready for lookups.
type texture struct {
	w, h         int
	pix          []float32 // 3 per pixel, row-major, top row first
	wrapS, wrapT gltf.WrappingMode
	nearest      bool
}

// loadTexture decodes texture ti of doc, of at most maxPixels pixels. Only
// PNG and JPEG are accepted. The header is checked before the pixels are
// decoded, so a few bytes claiming a 100000x100000 image cost nothing.
func loadTexture(doc *gltf.Document, ti, maxPixels int) (*texture, error) {
	if ti < 0 || ti >= len(doc.Textures) || doc.Textures[ti] == nil {
		return nil, fmt.Errorf("texture %d does not exist", ti)
	}
	tex := doc.Textures[ti]
	if tex.Source == nil || *tex.Source < 0 || *tex.Source >= len(doc.Images) || doc.Images[*tex.Source] == nil {
		return nil, fmt.Errorf("texture %d has no valid image source", ti)
	}
	ii := *tex.Source
	raw, err := imageBytes(doc, ii)
	if err != nil {
		return nil, err
	}
	cfg, err := imageConfig(raw)
	switch {
	case errors.Is(err, errNotImage):
		return nil, fmt.Errorf("image %d is neither PNG nor JPEG", ii)
	case err != nil:
		return nil, fmt.Errorf("image %d: %w", ii, err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return nil, fmt.Errorf("image %d: %dx%d pixels: textures must have 1 to %d pixels", ii, cfg.Width, cfg.Height, maxPixels)
	}
	var img image.Image
	if bytes.HasPrefix(raw, pngMagic) {
		img, err = png.Decode(bytes.NewReader(raw))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(raw))
	}
	if err != nil {
		return nil, fmt.Errorf("image %d: %w", ii, err)
	}
	b := img.Bounds()
	t := &texture{w: b.Dx(), h: b.Dy(), pix: make([]float32, 3*b.Dx()*b.Dy())}
	var lut [256]float32
	for i := range lut {
		lut[i] = float32(srgbToLinear(float64(i) / 255))
	}
	for y := 0; y < t.h; y++ {
		for x := 0; x < t.w; x++ {
			// Non-premultiplied, so a texture with alpha keeps its colours.
			c := color.NRGBA64Model.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA64)
			o := 3 * (y*t.w + x)
			t.pix[o] = lut[c.R>>8]
			t.pix[o+1] = lut[c.G>>8]
			t.pix[o+2] = lut[c.B>>8]
		}
	}
	if tex.Sampler != nil && *tex.Sampler >= 0 && *tex.Sampler < len(doc.Samplers) && doc.Samplers[*tex.Sampler] != nil {
		s := doc.Samplers[*tex.Sampler]
		t.wrapS, t.wrapT = s.WrapS, s.WrapT
		t.nearest = s.MagFilter == gltf.MagNearest
	}
	return t, nil
}

// imageConfig reads a PNG or JPEG header; the format is picked from the
// bytes, not the declared MIME type.
func imageConfig(raw []byte) (image.Config, error) {
	switch {
	case bytes.HasPrefix(raw, pngMagic):
		return png.DecodeConfig(bytes.NewReader(raw))
	case bytes.HasPrefix(raw, jpegMagic):
		return jpeg.DecodeConfig(bytes.NewReader(raw))
	}
	return image.Config{}, errNotImage
}

// The formats textures may have, told apart by their first bytes.
var (
	pngMagic    = []byte("\x89PNG\r\n\x1a\n")
	jpegMagic   = []byte{0xff, 0xd8}
	errNotImage = errors.New("is neither PNG nor JPEG")
)

// imageBytes returns the encoded bytes of image ii: from a bufferView or a
// data: URI, never from a file.
func imageBytes(doc *gltf.Document, ii int) ([]byte, error) {
	im := doc.Images[ii]
	if im.BufferView != nil {
		bvi := *im.BufferView
		if bvi < 0 || bvi >= len(doc.BufferViews) || doc.BufferViews[bvi] == nil {
			return nil, fmt.Errorf("image %d: bufferView %d does not exist", ii, bvi)
		}
		bv := doc.BufferViews[bvi]
		if bv.Buffer < 0 || bv.Buffer >= len(doc.Buffers) || doc.Buffers[bv.Buffer] == nil {
			return nil, fmt.Errorf("image %d: buffer %d does not exist", ii, bv.Buffer)
		}
		data := doc.Buffers[bv.Buffer].Data
		if bv.ByteOffset < 0 || bv.ByteLength < 0 || bv.ByteOffset > len(data) || bv.ByteLength > len(data)-bv.ByteOffset {
			return nil, fmt.Errorf("image %d: bufferView %d lies outside its buffer", ii, bvi)
		}
		return data[bv.ByteOffset : bv.ByteOffset+bv.ByteLength], nil
	}
	if im.IsEmbeddedResource() {
		b, err := im.MarshalData()
		if err != nil {
			return nil, fmt.Errorf("image %d: bad data URI: %w", ii, err)
		}
		return b, nil
	}
	return nil, externalImageError(ii, im.URI)
}

func externalImageError(ii int, uri string) error {
	return fmt.Errorf("image %d references external file %q: pack the scene into a .glb or embed the data", ii, shorten(uri))
}

// lookup returns the linear colour at texture coordinates (u, v), with glTF's
// convention that v=0 is the top row.
func (t *texture) lookup(u, v float64) vec3 {
	if t.nearest {
		x := wrap(int(math.Floor(u*float64(t.w))), t.w, t.wrapS)
		y := wrap(int(math.Floor(v*float64(t.h))), t.h, t.wrapT)
		return t.texel(x, y)
	}
	fx := u*float64(t.w) - 0.5
	fy := v*float64(t.h) - 0.5
	x0f, y0f := math.Floor(fx), math.Floor(fy)
	ax, ay := fx-x0f, fy-y0f
	x0, y0 := int(x0f), int(y0f)
	x1, y1 := wrap(x0+1, t.w, t.wrapS), wrap(y0+1, t.h, t.wrapT)
	x0, y0 = wrap(x0, t.w, t.wrapS), wrap(y0, t.h, t.wrapT)
	top := t.texel(x0, y0).scale(1 - ax).add(t.texel(x1, y0).scale(ax))
	bot := t.texel(x0, y1).scale(1 - ax).add(t.texel(x1, y1).scale(ax))
	return top.scale(1 - ay).add(bot.scale(ay))
}

func (t *texture) texel(x, y int) vec3 {
	o := 3 * (y*t.w + x)
	return vec3{float64(t.pix[o]), float64(t.pix[o+1]), float64(t.pix[o+2])}
}

// wrap maps texel coordinate i into [0, n) by the sampler's wrapping mode.
// It takes any int, even the garbage that a huge UV converts to, so a lookup
// can never index outside the texture.
func wrap(i, n int, mode gltf.WrappingMode) int {
	switch mode {
	case gltf.WrapClampToEdge:
		return min(max(i, 0), n-1)
	case gltf.WrapMirroredRepeat:
		p := i % (2 * n)
		if p < 0 {
			p += 2 * n
		}
		if p >= n {
			p = 2*n - 1 - p
		}
		return p
	default:
		p := i % n
		if p < 0 {
			p += n
		}
		return p
	}
}

// srgbToLinear is the sRGB transfer function's inverse (IEC 61966-2-1).
func srgbToLinear(c float64) float64 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// linearToSRGB is the sRGB transfer function.
func linearToSRGB(c float64) float64 {
	if c <= 0.0031308 {
		return 12.92 * c
	}
	return 1.055*math.Pow(c, 1/2.4) - 0.055
}
