package farm

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
// Blender's metadata is kept as most tiles have it (layerMeta). The frame
// is allocated once, channels and all: at 4K a frame of 100 channels is
// over 3 GB. It runs off the lock.
func (c *coordinator) writeLayers(id string, spec api.JobSpec, want tileWant, plan api.LayersPlan, f int, tiles []frameTile, fin *frameTile) (string, error) {
	// What the frame covers: the region alone when cropped, else the
	// whole frame, which outside an uncropped region holds what the
	// render result of the tiles' build holds there.
	frameRect, area := spec.Resolution.Rect(), spec.Area()
	if spec.Region != nil && spec.Region.Crop {
		frameRect = area
	}
	canvas := tiler.NewCanvas(area)
	var frame *renderer.Passes
	metas := make([]map[string]string, 0, len(tiles))
	for _, t := range tiles {
		tl, err := c.tileImage(want, t)
		if err != nil {
			return "", err
		}
		if err := canvas.Cover(t.rect); err != nil {
			return "", err
		}
		p := tl.passes.Keep(plan.Passes)
		if frame == nil {
			if frame, err = renderer.NewPasses(frameRect, p.Names()); err != nil {
				return "", fmt.Errorf("frame %d: %w", f, err)
			}
			if frameRect != area {
				frame.FillOutside(area, renderer.ParseBuild(t.build))
			}
		}
		if err := frame.Draw(p); err != nil {
			return "", fmt.Errorf("frame %d: stitch the tile of task %d: %w", f, t.index, err)
		}
		metas = append(metas, p.Meta)
	}
	if frame == nil || !canvas.Complete() {
		return "", fmt.Errorf("frame %d: tiles do not cover the frame", f)
	}
	frame.Rect = frame.Rect.Sub(frameRect.Min) // the channels are laid out from its corner
	frame.Meta = layerMeta(metas)
	if fin != nil {
		if err := c.addComposite(frame, f, *fin); err != nil {
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
// multilayer file of a composited render holds it: four channels more,
// the channels sorted by name again.
func (c *coordinator) addComposite(frame *renderer.Passes, f int, fin frameTile) error {
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
	for _, ch := range frame.Channels {
		if strings.HasPrefix(ch.Name, "Composite.") { // planLayers refuses a view layer so named
			return fmt.Errorf("frame %d: the tiles hold a channel %s of their own", f, ch.Name)
		}
	}
	for k, ch := range []string{"R", "G", "B", "A"} {
		name := "Composite.Combined." + ch
		pix := make([]float32, w*h)
		for i := range pix {
			pix[i] = m.Pix[4*i+k]
		}
		frame.Channels = append(frame.Channels, renderer.Channel{Name: name, Pix: pix})
	}
	slices.SortFunc(frame.Channels, func(a, b renderer.Channel) int { return strings.Compare(a.Name, b.Name) })
	return nil
}

// layerMeta is the metadata of a multilayer frame, from its tiles'
// (each tile's, as its worker's Blender wrote it): the keys Blender writes
// of the scene (Cryptomatte's names and manifests, which its nodes need,
// and the stamp fields the artist chose), each with the value most tiles
// give it, kept when more than half give that one. A worker cannot add
// a key of its own, nor take one out or change it alone.
func layerMeta(metas []map[string]string) map[string]string {
	votes := map[string]map[string]int{}
	for _, m := range metas {
		for k, v := range m {
			if !sceneMeta(k) {
				continue
			}
			if votes[k] == nil {
				votes[k] = map[string]int{}
			}
			votes[k][v]++
		}
	}
	out := map[string]string{}
	for k, vs := range votes {
		for v, n := range vs {
			if 2*n > len(metas) {
				out[k] = v
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// sceneMeta reports whether a metadata key is one Blender writes of the
// scene into a multilayer file: Cryptomatte's, its stamp fields that are
// the same in every tile, and Cycles' samples of a view layer.
func sceneMeta(key string) bool {
	switch key {
	case "BlenderMultiChannel", "Camera", "Frame", "FrameRange", "Lens", "Marker", "Note", "Scene", "Time":
		return true
	}
	return strings.HasPrefix(key, "cryptomatte/") || strings.HasPrefix(key, "cycles.") && strings.HasSuffix(key, ".samples")
}
