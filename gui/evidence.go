package gui

import (
	"bytes"
	"context"
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
)

// evidenceCrop is one compared crop window of a conviction, drawn for
// people: the parties' pixels side by side, enlarged 8x.
type evidenceCrop struct {
	caption string
	img     image.Image
}

// fetchEvidence fetches the compared images of each conviction in r (the
// worker's tile, the checker's and arbiter's crops, blobs by hash) and
// draws their crop windows (flipbook.EvidenceCrops). A conviction whose
// images cannot be had is said in a caption without a picture.
func fetchEvidence(ctx context.Context, c *api.Client, r api.Report) []evidenceCrop {
	var out []evidenceCrop
	for _, cv := range r.Convictions {
		crops, err := convictionCrops(ctx, c, r, cv)
		if err != nil {
			out = append(out, evidenceCrop{caption: fmt.Sprintf("Evidence against %s, tile %d: %v", cv.Node, cv.Task, err)})
			continue
		}
		for i, img := range crops {
			out = append(out, evidenceCrop{
				caption: fmt.Sprintf("Evidence against %s, tile %d, crop %d of %d: worker | checker | arbiter, 8x", cv.Node, cv.Task, i+1, len(crops)),
				img:     img,
			})
		}
	}
	return out
}

func convictionCrops(ctx context.Context, c *api.Client, r api.Report, cv api.Conviction) ([]*image.NRGBA, error) {
	ev := cv.Evidence
	var tile image.Rectangle
	for _, t := range r.Tasks {
		if t.Index == cv.Task {
			tile = image.Rect(t.Rect[0], t.Rect[1], t.Rect[2], t.Rect[3])
		}
	}
	if tile.Empty() || len(ev.Hashes) < 2 || len(ev.Crops) == 0 {
		return nil, fmt.Errorf("no compared crops in the report")
	}
	var parties []image.Image
	for _, h := range ev.Hashes {
		var buf bytes.Buffer
		if err := c.Blob(ctx, h, &buf); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", api.Prefix(h, 12), err)
		}
		img, err := decodeFrame(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", api.Prefix(h, 12), err)
		}
		parties = append(parties, img)
	}
	return flipbook.EvidenceCrops(tile, ev.Crops, parties...)
}

// evidenceObjects shows crops as captions over pictures at their own size,
// pixels unsmoothed.
func evidenceObjects(crops []evidenceCrop) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, e := range crops {
		l := widget.NewLabel(e.caption)
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
		if e.img == nil {
			continue
		}
		pic := canvas.NewImageFromImage(e.img)
		pic.FillMode = canvas.ImageFillOriginal
		pic.ScaleMode = canvas.ImageScalePixels
		objs = append(objs, pic)
	}
	return objs
}
