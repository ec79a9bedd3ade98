package tiler

import (
	"fmt"
	"image"
	"image/draw"

	"github.com/bits-and-blooms/bitset"
)

// Canvas assembles one frame from its tiles. It remembers which pixels have
// been filled, so the coordinator knows when a frame is complete and a tile
// that arrives twice (a re-rendered lease) is not counted twice.
type Canvas struct {
	img    *image.NRGBA64
	filled map[image.Rectangle]bool
	// rows holds, a bit a pixel, which pixels of each row a tile filled:
	// an overlap is found in the tile's rows alone. Comparing each tile
	// with every tile placed before was O(tiles²) a frame, 2.3% of a
	// coordinator's CPU with 4,096 tiles a frame.
	rows []*bitset.BitSet
	area int
}

// NewCanvas returns an empty canvas for area, in frame coordinates: a
// whole frame (Resolution.Rect), or the render region of one.
func NewCanvas(area image.Rectangle) *Canvas {
	rows := make([]*bitset.BitSet, max(area.Dy(), 0))
	for y := range rows {
		rows[y] = bitset.New(uint(max(area.Dx(), 0)))
	}
	return &Canvas{
		img:    image.NewNRGBA64(area),
		filled: make(map[image.Rectangle]bool),
		rows:   rows,
	}
}

// Put draws a tile into the frame. The tile's bounds are its place in the
// frame; tiles must not overlap each other.
func (c *Canvas) Put(tile image.Image) error {
	r := tile.Bounds()
	if c.filled[r] {
		return nil
	}
	if err := c.Cover(r); err != nil {
		return err
	}
	draw.Draw(c.img, r, tile, r.Min, draw.Src)
	return nil
}

// Cover records r as filled without drawing, for a frame whose pixels are
// kept elsewhere (an EXR frame's floats): the canvas still checks that
// tiles fit, do not overlap and cover the frame. A rectangle covered twice
// counts once.
func (c *Canvas) Cover(r image.Rectangle) error {
	if r.Empty() || !r.In(c.img.Bounds()) {
		return fmt.Errorf("tile %v does not fit the frame's %v", r, c.img.Bounds())
	}
	if c.filled[r] {
		return nil
	}
	o := c.img.Rect.Min // the rows' bits count from the area's corner
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if x, ok := c.rows[y-o.Y].NextSet(uint(r.Min.X - o.X)); ok && x < uint(r.Max.X-o.X) {
			return fmt.Errorf("tile %v overlaps tile %v already in the frame", r, c.placedAt(image.Pt(int(x)+o.X, y)))
		}
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		c.rows[y-o.Y].FlipRange(uint(r.Min.X-o.X), uint(r.Max.X-o.X)) // all clear: flipped is set
	}
	c.filled[r] = true
	c.area += r.Dx() * r.Dy()
	return nil
}

// placedAt returns the tile placed over pixel p, for an overlap's error.
func (c *Canvas) placedAt(p image.Point) image.Rectangle {
	for done := range c.filled {
		if p.In(done) {
			return done
		}
	}
	return image.Rectangle{}
}

// Complete reports whether every pixel of the frame has been filled.
func (c *Canvas) Complete() bool {
	return c.area == c.img.Bounds().Dx()*c.img.Bounds().Dy()
}

// Image returns the frame. It is only whole once Complete reports true.
func (c *Canvas) Image() *image.NRGBA64 { return c.img }

// Stitch draws the tiles into one frame and fails unless they cover it
// exactly.
func Stitch(res Resolution, tiles []image.Image) (*image.NRGBA64, error) {
	c := NewCanvas(res.Rect())
	for _, t := range tiles {
		if err := c.Put(t); err != nil {
			return nil, err
		}
	}
	if !c.Complete() {
		return nil, fmt.Errorf("tiles cover only part of the %s frame", res)
	}
	return c.Image(), nil
}
