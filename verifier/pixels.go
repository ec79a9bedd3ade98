package verifier

import (
	"bytes"
	"image"
	"image/color"
)

// loadRow writes row y of img from x0 to x1 into dst as non-premultiplied
// 16-bit RGBA, four values a pixel. The common image types are read straight
// from their Pix slices; anything else goes through At, which is slow but
// correct.
func loadRow(dst []uint16, img image.Image, x0, x1, y int) {
	dst = dst[:4*(x1-x0)]
	switch m := img.(type) {
	case *image.NRGBA64:
		src := m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
		for i := range dst {
			dst[i] = uint16(src[2*i])<<8 | uint16(src[2*i+1])
		}
	case *image.NRGBA:
		src := m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
		for i := range dst {
			dst[i] = uint16(src[i]) * 0x101
		}
	case *image.RGBA64:
		src := m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
		for i := 0; i < len(dst); i += 4 {
			s := src[2*i : 2*i+8]
			unpremultiply(dst[i:i+4],
				uint32(s[0])<<8|uint32(s[1]), uint32(s[2])<<8|uint32(s[3]),
				uint32(s[4])<<8|uint32(s[5]), uint32(s[6])<<8|uint32(s[7]))
		}
	case *image.RGBA:
		src := m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
		for i := 0; i < len(dst); i += 4 {
			s := src[i : i+4]
			unpremultiply(dst[i:i+4], uint32(s[0])*0x101, uint32(s[1])*0x101, uint32(s[2])*0x101, uint32(s[3])*0x101)
		}
	default:
		for x := x0; x < x1; x++ {
			c := color.NRGBA64Model.Convert(img.At(x, y)).(color.NRGBA64)
			i := 4 * (x - x0)
			dst[i], dst[i+1], dst[i+2], dst[i+3] = c.R, c.G, c.B, c.A
		}
	}
}

// unpremultiply stores a premultiplied 16-bit colour in dst as
// non-premultiplied, the way color.NRGBA64Model does.
func unpremultiply(dst []uint16, r, g, b, a uint32) {
	switch a {
	case 0xffff:
	case 0:
		r, g, b = 0, 0, 0
	default:
		r, g, b = r*0xffff/a, g*0xffff/a, b*0xffff/a
	}
	dst[0], dst[1], dst[2], dst[3] = uint16(r), uint16(g), uint16(b), uint16(a)
}

// rawRow returns the bytes of row y of img from x0 to x1 when two images of
// the same type can be compared byte for byte, and nil otherwise.
func rawRow(img image.Image, x0, x1, y int) []byte {
	switch m := img.(type) {
	case *image.NRGBA64:
		return m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
	case *image.NRGBA:
		return m.Pix[m.PixOffset(x0, y):m.PixOffset(x1, y)]
	}
	return nil
}

// sameLayout reports whether a and b store pixels the same way, so equal
// bytes mean equal pixels.
func sameLayout(a, b image.Image) bool {
	switch a.(type) {
	case *image.NRGBA64:
		_, ok := b.(*image.NRGBA64)
		return ok
	case *image.NRGBA:
		_, ok := b.(*image.NRGBA)
		return ok
	}
	return false
}

// common clips r to the part both images cover.
func common(a, b image.Image, r image.Rectangle) image.Rectangle {
	return r.Intersect(a.Bounds()).Intersect(b.Bounds())
}

// equalRows compares a and b over r row by row, byte for byte where the
// layouts allow it.
func (c *Comparer) equalRows(a, b image.Image, r image.Rectangle) bool {
	if sameLayout(a, b) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			if !bytes.Equal(rawRow(a, r.Min.X, r.Max.X, y), rawRow(b, r.Min.X, r.Max.X, y)) {
				return false
			}
		}
		return true
	}
	ra, rb := c.rows(r.Dx())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		loadRow(ra, a, r.Min.X, r.Max.X, y)
		loadRow(rb, b, r.Min.X, r.Max.X, y)
		for i := range ra {
			if ra[i] != rb[i] {
				return false
			}
		}
	}
	return true
}
