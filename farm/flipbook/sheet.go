package flipbook

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"

	"github.com/conun/conun/renderer"
	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// SheetOptions shape a contact sheet. The zero value works.
type SheetOptions struct {
	// ThumbWidth is a thumbnail's width in pixels (0: 160); its height
	// follows the first frame's aspect ratio.
	ThumbWidth int
	// Columns is the number of thumbnails a row (0: about the square root
	// of the frame count, so the sheet is roughly square).
	Columns int
	// MaxWidth bounds the sheet's width (0: 4096): with many frames the
	// thumbnails shrink rather than the sheet growing without end.
	MaxWidth int
	// MaxPixels bounds one frame before it is decoded (0: DefaultMaxPixels).
	MaxPixels int64
}

// Layout constants: a gap around each cell and a band under each
// thumbnail for its frame number (basicfont's glyphs are 13 pixels high).
const (
	gap        = 4
	labelH     = 16
	minThumbW  = 24
	background = 0x20
)

// ErrTooManyFrames is returned when the frames cannot fit one sheet with
// thumbnails large enough to see.
var ErrTooManyFrames = errors.New("too many frames for one contact sheet")

// ContactSheet returns one image holding a thumbnail of every frame, in the
// order given, with its frame number under it. Frames of another size than
// the first are fitted into the same cell (their aspect kept, centred), so
// a job re-rendered at a new size still gives one sheet. Frames are decoded
// one at a time: a long job's sheet does not hold every frame in memory.
func ContactSheet(frames []Frame, opts SheetOptions) (image.Image, error) {
	if len(frames) == 0 {
		return nil, fmt.Errorf("contact sheet: %w", ErrNoFrames)
	}
	if opts.ThumbWidth <= 0 {
		opts.ThumbWidth = 160
	}
	if opts.MaxWidth <= 0 {
		opts.MaxWidth = 4096
	}
	if opts.MaxPixels <= 0 {
		opts.MaxPixels = DefaultMaxPixels
	}
	cols := opts.Columns
	if cols <= 0 {
		cols = int(math.Ceil(math.Sqrt(float64(len(frames)))))
	}
	cols = min(cols, len(frames))
	thumbW := min(opts.ThumbWidth, opts.MaxWidth/cols-gap)
	if thumbW < minThumbW {
		return nil, fmt.Errorf("%w: %d frames in %d columns leave %d pixels a thumbnail within %d pixels; at least %d are needed",
			ErrTooManyFrames, len(frames), cols, thumbW, opts.MaxWidth, minThumbW)
	}

	first, err := decodeFrame(frames[0].Path, opts.MaxPixels)
	if err != nil {
		return nil, fmt.Errorf("contact sheet: %w", err)
	}
	b := first.Bounds()
	thumbH := max(1, int(math.Round(float64(thumbW)*float64(b.Dy())/float64(b.Dx()))))
	if thumbH > 4*thumbW { // a sliver of a frame must not make a sheet miles high
		thumbH = 4 * thumbW
	}
	cellW, cellH := thumbW+gap, thumbH+labelH+gap
	rows := (len(frames) + cols - 1) / cols
	sheet := image.NewNRGBA(image.Rect(0, 0, cols*cellW+gap, rows*cellH+gap))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.NRGBA{background, background, background, 0xff}), image.Point{}, draw.Src)
	cellBG := image.NewNRGBA(image.Rect(0, 0, thumbW, thumbH)) // transparent: the sheet shows through
	face := basicfont.Face7x13
	for i, fr := range frames {
		img := first
		if i > 0 {
			if img, err = decodeFrame(fr.Path, opts.MaxPixels); err != nil {
				return nil, fmt.Errorf("contact sheet: %w", err)
			}
		}
		thumb := imaging.PasteCenter(cellBG, imaging.Fit(img, thumbW, thumbH, imaging.Lanczos))
		x, y := gap+(i%cols)*cellW, gap+(i/cols)*cellH
		// draw.Draw, not imaging.Paste: Paste copies the whole sheet for
		// every thumbnail, quadratic in the frame count.
		draw.Draw(sheet, image.Rect(x, y, x+thumbW, y+thumbH), thumb, image.Point{}, draw.Over)
		label := strconv.Itoa(fr.Number)
		d := font.Drawer{Dst: sheet, Src: image.White, Face: face}
		tw := d.MeasureString(label).Round()
		d.Dot = fixed.P(x+max(0, (thumbW-tw)/2), y+thumbH+face.Ascent+1)
		// Clip the label to its cell: a long number must not spill over
		// its neighbour.
		d.Dst = sheet.SubImage(image.Rect(x, y+thumbH, x+thumbW, y+thumbH+labelH)).(*image.NRGBA)
		d.DrawString(label)
	}
	return sheet, nil
}

// ContactSheetName is the file a client writes the sheet to, beside the
// frames it fetched.
const ContactSheetName = "contact-sheet.png"

// WriteContactSheet writes the contact sheet of frames as a PNG at path,
// whole or not at all.
func WriteContactSheet(frames []Frame, path string, opts SheetOptions) error {
	img, err := ContactSheet(frames, opts)
	if err != nil {
		return err
	}
	if err := renderer.WriteAtomic(path, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
