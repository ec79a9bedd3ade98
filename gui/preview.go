package gui

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/disintegration/imaging"

	"github.com/conun/conun/tiler"
)

// Tile colours, chosen to read on both light and dark themes: the preview
// has its own dark background so that a frame's pixels look the same in
// either.
var (
	previewBackground = color.NRGBA{0x1e, 0x1e, 0x22, 0xff}
	tileOutline       = map[TileState]color.NRGBA{
		TilePending:     {0x5a, 0x5a, 0x66, 0xff},
		TileRendering:   {0xff, 0xb3, 0x1a, 0xff},
		TileDone:        {0x3c, 0xc8, 0x64, 0xff},
		TileRequeued:    {0xff, 0x45, 0x3a, 0xff},
		TileCancelled:   {0x44, 0x44, 0x48, 0xff},
		TileVerified:    {0x4d, 0xa6, 0xff, 0xff},
		TileFailedCheck: {0xff, 0x45, 0x3a, 0xff},
		TileChecking:    {0xb4, 0x7c, 0xff, 0xff},
	}
	tileFill = map[TileState]color.NRGBA{
		TileRendering:   {0xff, 0xb3, 0x1a, 0x40},
		TileDone:        {0x3c, 0xc8, 0x64, 0x60},
		TileRequeued:    {0xff, 0x45, 0x3a, 0x50},
		TileVerified:    {0x4d, 0xa6, 0xff, 0x60},
		TileFailedCheck: {0xff, 0x45, 0x3a, 0x80},
		TileChecking:    {0xb4, 0x7c, 0xff, 0x60},
	}
)

// fitRect is where a res-sized picture goes inside a w x h area, scaled to
// fit and centred (letterboxed).
func fitRect(w, h int, res tiler.Resolution) (image.Rectangle, float64) {
	if res.Width <= 0 || res.Height <= 0 || w <= 0 || h <= 0 {
		return image.Rectangle{}, 0
	}
	s := min(float64(w)/float64(res.Width), float64(h)/float64(res.Height))
	dw, dh := int(float64(res.Width)*s), int(float64(res.Height)*s)
	x0, y0 := (w-dw)/2, (h-dh)/2
	return image.Rect(x0, y0, x0+dw, y0+dh), s
}

// drawPreview draws a frame's preview at w x h pixels. An assembled frame
// (img not nil) is drawn scaled to fit; a frame still being rendered is
// drawn as its tile grid, each tile tinted and outlined by its state, since
// the API does not serve single tiles. Both are pure functions of their
// inputs, so the live view's pixels can be checked without a window.
func drawPreview(w, h int, res tiler.Resolution, img image.Image, tiles []Tile) *image.NRGBA {
	dst := image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(previewBackground), image.Point{}, draw.Src)
	area, s := fitRect(w, h, res)
	if area.Empty() {
		return dst
	}
	if img != nil {
		filter := imaging.Linear // redrawn on every resize: cheap and smooth
		if s >= 1 {
			filter = imaging.NearestNeighbor // keep small test renders crisp
		}
		draw.Draw(dst, area, imaging.Resize(img, area.Dx(), area.Dy(), filter), image.Point{}, draw.Src)
		return dst
	}
	for _, t := range tiles {
		r := image.Rect(
			area.Min.X+int(float64(t.Rect.Min.X)*s), area.Min.Y+int(float64(t.Rect.Min.Y)*s),
			area.Min.X+int(float64(t.Rect.Max.X)*s), area.Min.Y+int(float64(t.Rect.Max.Y)*s),
		)
		if fill, ok := tileFill[t.State]; ok {
			f := r
			if t.State == TileRendering && t.Progress > 0 {
				// Rendered rows fill from the top, stronger than the rest.
				f.Max.Y = r.Min.Y + int(float64(r.Dy())*min(t.Progress, 1))
				draw.Draw(dst, r, image.NewUniform(fill), image.Point{}, draw.Over)
				fill.A *= 2
			}
			draw.Draw(dst, f, image.NewUniform(fill), image.Point{}, draw.Over)
		}
		outline(dst, r, tileOutline[t.State])
	}
	return dst
}

// outline draws a one-pixel border just inside r.
func outline(dst *image.NRGBA, r image.Rectangle, c color.NRGBA) {
	r = r.Intersect(dst.Bounds())
	if r.Dx() < 1 || r.Dy() < 1 {
		return
	}
	u := image.NewUniform(c)
	for _, e := range []image.Rectangle{
		{r.Min, image.Pt(r.Max.X, r.Min.Y+1)},
		{image.Pt(r.Min.X, r.Max.Y-1), r.Max},
		{r.Min, image.Pt(r.Min.X+1, r.Max.Y)},
		{image.Pt(r.Max.X-1, r.Min.Y), r.Max},
	} {
		draw.Draw(dst, e, u, image.Point{}, draw.Src)
	}
}

// thumbnail scales img down to at most side pixels on its longer edge, so
// the frame strip does not keep every full-size frame in memory. It is made
// once per frame, so it can afford Lanczos.
func thumbnail(img image.Image, side int) image.Image {
	b := img.Bounds()
	if b.Dx() <= side && b.Dy() <= side {
		return img
	}
	return imaging.Fit(img, side, side, imaging.Lanczos)
}
