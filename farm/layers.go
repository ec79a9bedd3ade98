package farm

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

// layersCodecs are the compressions of an OpenEXR MultiLayer frame, by
// Blender's names (api.LayersCodec).
var layersCodecs = map[string]exr.Compression{"NONE": exr.None, "RLE": exr.RLE, "ZIPS": exr.ZIPS, "ZIP": exr.ZIP}

// writeLayers writes frame f of an OpenEXR MultiLayer job as Blender's own
// render writes it: the passes of its tiles stitched (every view layer's,
// plan.Passes) and, for a composited scene, the image of its finish task
// (fin) as "Composite.Combined", in one file; it returns the file's name.
// The metadata every tile agrees on is kept (Cryptomatte's names and
// manifests, which its nodes need); a tile's render times are not. It
// runs off the lock.
func (c *coordinator) writeLayers(id string, spec api.JobSpec, want tileWant, plan api.LayersPlan, f int, tiles []frameTile, fin *frameTile) (string, error) {
	area := spec.Area()
	canvas := tiler.NewCanvas(area)
	var frame *renderer.Passes
	var meta map[string]string
	for i, t := range tiles {
		tl, err := c.tileImage(want, t)
		if err != nil {
			return "", err
		}
		if err := canvas.Cover(t.rect); err != nil {
			return "", err
		}
		p := tl.passes.Keep(plan.Passes)
		if frame == nil {
			if frame, err = renderer.NewPasses(area, p.Names()); err != nil {
				return "", fmt.Errorf("frame %d: %w", f, err)
			}
		}
		if err := frame.Draw(p); err != nil {
			return "", fmt.Errorf("frame %d: stitch the tile of task %d: %w", f, t.index, err)
		}
		if i == 0 {
			meta = maps.Clone(p.Meta)
		}
		maps.DeleteFunc(meta, func(k, v string) bool { return p.Meta[k] != v })
	}
	if frame == nil || !canvas.Complete() {
		return "", fmt.Errorf("frame %d: tiles do not cover the frame", f)
	}
	frame = passesInFrame(frame, spec, renderer.ParseBuild(tiles[0].build))
	frame.Meta = meta
	if fin != nil {
		if err := c.addComposite(frame, spec, f, *fin); err != nil {
			return "", err
		}
	}
	dir := filepath.Join(c.cfg.DataDir, "jobs", id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	name := api.FrameName(f, spec.Format)
	opt := exr.Options{HalfColour: plan.Half, Compression: layersCodecs[plan.Codec]}
	// Durable: the job's record is about to say the frame is written.
	if err := renderer.WriteDurable(filepath.Join(dir, name), func(w io.Writer) error { return exr.EncodePasses(w, frame, opt) }); err != nil {
		return "", fmt.Errorf("write frame %d: %w", f, err)
	}
	return name, nil
}

// addComposite adds the image of frame f's finish task, a float OpenEXR
// of the frame, to its passes as "Composite.Combined", as Blender's
// multilayer file of a composited render holds it.
func (c *coordinator) addComposite(frame *renderer.Passes, spec api.JobSpec, f int, fin frameTile) error {
	p, ok := c.blobs.Path(fin.hash)
	if !ok {
		return fmt.Errorf("finished frame %d (blob %.12s) is missing from the store", f, fin.hash)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	// Its size before its pixels (it was checked when accepted; the
	// store is read again here).
	w, h, err := exr.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("finished frame %d: %w", f, err)
	}
	if image.Pt(w, h) != frame.Rect.Size() {
		return fmt.Errorf("finished frame %d is %dx%d, want %v", f, w, h, frame.Rect.Size())
	}
	m, err := exr.Decode(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("finished frame %d: %w", f, err)
	}
	names := frame.Names()
	for _, ch := range []string{"R", "G", "B", "A"} {
		names = append(names, "Composite.Combined."+ch)
	}
	slices.Sort(names)
	out, err := renderer.NewPasses(frame.Rect, names)
	if err != nil {
		return fmt.Errorf("frame %d: %w", f, err)
	}
	for _, c := range frame.Channels {
		copy(out.Channel(c.Name).Pix, c.Pix)
	}
	for k, ch := range []string{"R", "G", "B", "A"} {
		dst := out.Channel("Composite.Combined." + ch).Pix
		for i := range dst {
			dst[i] = m.Pix[4*i+k]
		}
	}
	out.Meta = frame.Meta
	*frame = *out
	return nil
}

// passesInFrame places a region's stitched passes in its frame as
// inFrame places an image: alone when cropped, else in the whole frame,
// which outside it holds what the render result of the tiles' build holds
// where nothing was rendered (renderer.Unrendered). The channels are laid
// out from the frame's corner.
func passesInFrame(p *renderer.Passes, spec api.JobSpec, build renderer.Build) *renderer.Passes {
	if spec.Region == nil || spec.Region.Crop {
		p.Rect = p.Rect.Sub(p.Rect.Min)
		return p
	}
	full, err := renderer.NewPasses(spec.Resolution.Rect(), p.Names())
	if err != nil {
		panic(err) // the names were valid for p
	}
	full.FillOutside(p.Rect, build)
	full.Draw(p)
	return full
}
