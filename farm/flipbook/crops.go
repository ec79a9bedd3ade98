package flipbook

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"path/filepath"

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
// per crop. The crops are in the frame's coordinates, inside tile; every
// party's image is the tile's check image (the tile's pixels on top, any
// render passes stacked below, as the node compared them; a checker's
// crops come drawn on it), of which the top is shown.
func EvidenceCrops(tile image.Rectangle, crops []image.Rectangle, parties ...image.Image) ([]*image.NRGBA, error) {
	if len(parties) == 0 {
		return nil, fmt.Errorf("evidence crops: no party's pixels")
	}
	size := parties[0].Bounds().Size()
	for i, p := range parties {
		if p.Bounds().Size() != size || size.X != tile.Dx() || size.Y < tile.Dy() {
			return nil, fmt.Errorf("evidence crops: party %d's image is %v, want the %v tile's", i, p.Bounds().Size(), tile.Size())
		}
	}
	var out []*image.NRGBA
	for _, fc := range crops {
		c := fc.Sub(tile.Min)
		if c.Empty() || !c.In(image.Rectangle{Max: tile.Size()}) {
			return nil, fmt.Errorf("evidence crops: crop %v is not inside the tile %v", fc, tile)
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

// WriteEvidenceCrops reads the parties' images (files as a node serves
// them: the worker's tile, the checker's and arbiter's crops; PNG or EXR)
// and writes EvidenceCrops of them as PNGs named prefix-crop-N.png under
// dir, returning their paths.
func WriteEvidenceCrops(dir, prefix string, tile image.Rectangle, crops []image.Rectangle, files ...string) ([]string, error) {
	var parties []image.Image
	for _, f := range files {
		img, err := decodeFrame(f, DefaultMaxPixels)
		if err != nil {
			return nil, fmt.Errorf("evidence crops: %w", err)
		}
		parties = append(parties, img)
	}
	sheets, err := EvidenceCrops(tile, crops, parties...)
	if err != nil {
		return nil, err
	}
	var paths []string
	for i, s := range sheets {
		p := filepath.Join(dir, fmt.Sprintf("%s-crop-%d.png", prefix, i+1))
		if err := imaging.Save(s, p); err != nil {
			return paths, fmt.Errorf("evidence crops: %w", err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}
