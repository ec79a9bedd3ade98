package flipbook

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"

	"github.com/disintegration/imaging"
)

// CropScale is how much a spot check's crop windows are enlarged for
// people: a crop is a few dozen pixels, and the pixels that differ must be
// seen one by one.
const CropScale = 8

// cropGap is the gap between the parties' enlarged crops, in pixels.
const cropGap = 4

// EvidenceCrops draws each crop window of a spot check as the parties
// rendered it, side by side in the order given (the worker's tile, the
// checker's crops, the arbiter's), each enlarged CropScale times with
// nearest-neighbour so every source pixel is a sharp square: one picture
// per crop. The crops are in the tile's coordinates, and every party's
// image has the tile's size (a checker's crops come drawn on it).
func EvidenceCrops(crops []image.Rectangle, parties ...image.Image) ([]*image.NRGBA, error) {
	if len(parties) == 0 {
		return nil, fmt.Errorf("evidence crops: no party's pixels")
	}
	size := parties[0].Bounds().Size()
	for i, p := range parties {
		if p.Bounds().Size() != size {
			return nil, fmt.Errorf("evidence crops: party %d's image is %v, the tile is %v", i, p.Bounds().Size(), size)
		}
	}
	var out []*image.NRGBA
	for _, c := range crops {
		if c.Empty() || !c.In(image.Rectangle{Max: size}) {
			return nil, fmt.Errorf("evidence crops: crop %v is not inside the %v tile", c, size)
		}
		w, h := c.Dx()*CropScale, c.Dy()*CropScale
		sheet := image.NewNRGBA(image.Rect(0, 0, len(parties)*w+(len(parties)-1)*cropGap, h))
		draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.NRGBA{0x1e, 0x1e, 0x22, 0xff}), image.Point{}, draw.Src)
		for i, p := range parties {
			crop := imaging.Crop(p, c.Add(p.Bounds().Min))
			big := imaging.Resize(crop, w, h, imaging.NearestNeighbor)
			x := i * (w + cropGap)
			draw.Draw(sheet, image.Rect(x, 0, x+w, h), big, image.Point{}, draw.Src)
		}
		out = append(out, sheet)
	}
	return out, nil
}
