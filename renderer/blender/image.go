package blender

import (
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"strings"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

// readResult decodes the PNG (or, for hdr, the EXR) the driver wrote into
// an image whose bounds are rect, the task's rectangle in frame coordinates.
func readResult(path string, rect image.Rectangle, hdr bool) (renderer.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return renderer.Result{}, fmt.Errorf("blender: read result: %w", err)
	}
	defer f.Close()
	if hdr {
		m, err := exr.Decode(f)
		if err != nil {
			return renderer.Result{}, fmt.Errorf("blender: decode %s: %w", path, err)
		}
		if m.Rect.Size() != rect.Size() {
			return renderer.Result{}, fmt.Errorf("blender: wrote a %v image for region %v", m.Rect.Size(), rect)
		}
		m.Rect = rect
		// Blender's EXR holds linear values before any view transform;
		// the preview is their plain sRGB encoding.
		return renderer.Result{Image: m.Preview(), HDR: m}, nil
	}
	src, err := png.Decode(f)
	if err != nil {
		return renderer.Result{}, fmt.Errorf("blender: decode %s: %w", path, err)
	}
	if src.Bounds().Size() != rect.Size() {
		return renderer.Result{}, fmt.Errorf("blender: wrote a %v image for region %v", src.Bounds().Size(), rect)
	}
	return renderer.Result{Image: toNRGBA64(src, rect)}, nil
}

// toNRGBA64 copies src into a new image with bounds rect. The driver asks for
// 16-bit RGBA, which image/png decodes as *image.NRGBA64, or RGB (a scene
// that writes RGB), decoded as an opaque *image.RGBA64 whose bytes are laid
// out exactly like NRGBA64's: either way rows are copied as they are.
func toNRGBA64(src image.Image, rect image.Rectangle) *image.NRGBA64 {
	dst := image.NewNRGBA64(rect)
	sb := src.Bounds()
	var pix []uint8
	var stride int
	switch s := src.(type) {
	case *image.RGBA64:
		if s.Opaque() {
			pix, stride = s.Pix, s.Stride
		}
	case *image.NRGBA64:
		pix, stride = s.Pix, s.Stride
	}
	if pix == nil {
		draw.Draw(dst, rect, src, sb.Min, draw.Src)
		return dst
	}
	n := rect.Dx() * 8
	for y := 0; y < rect.Dy(); y++ {
		copy(dst.Pix[y*dst.Stride:y*dst.Stride+n], pix[y*stride:y*stride+n])
	}
	return dst
}

// readPasses decodes the multilayer EXR of raw passes the driver wrote and
// keeps the passes the frame needs (keep, from the scene's info): Blender
// writes every pass of every view layer, and tiles travel the network.
func readPasses(path string, rect image.Rectangle, keep []string) (renderer.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return renderer.Result{}, fmt.Errorf("blender: read passes: %w", err)
	}
	defer f.Close()
	// Blender's own file, of the region and its margin: every pass of
	// every view layer, up to the most channels a file holds.
	p, err := exr.DecodePasses(f, int64(rect.Dx())*int64(rect.Dy())*maxPassChannels)
	if err != nil {
		return renderer.Result{}, fmt.Errorf("blender: decode %s: %w", path, err)
	}
	if p.Rect.Size() != rect.Size() {
		return renderer.Result{}, fmt.Errorf("blender: wrote %v passes for region %v", p.Rect.Size(), rect)
	}
	p.Rect = rect
	// Blender's metadata, but for what differs from one tile (or node)
	// to the next: render times, dates, memory, the scene's path here.
	// What is left is the scene's, the same in every tile: Cryptomatte's
	// layer names and manifests, which its nodes need, and the stamp
	// fields the artist chose (scene, camera, frame, note ...), which a
	// multilayer frame keeps as Blender's own file does.
	meta := map[string]string{}
	for k, v := range p.Meta {
		if !renderMeta(k) {
			meta[k] = v
		}
	}
	p.Meta = nil
	if len(meta) > 0 {
		p.Meta = meta
	}
	p = p.Keep(keep)
	hdr := p.Combined("")
	if hdr == nil {
		return renderer.Result{}, fmt.Errorf("blender: %s holds no Combined pass (channels: %v)", path, p.Names())
	}
	return renderer.Result{Image: hdr.Preview(), HDR: hdr, Passes: p}, nil
}

// cropResult cuts a result rendered with a margin down to the task's
// rectangle r.
func cropResult(res renderer.Result, r image.Rectangle) renderer.Result {
	out := renderer.Result{}
	if res.Image != nil {
		m := image.NewNRGBA64(r)
		draw.Draw(m, r, res.Image, r.Min, draw.Src)
		out.Image = m
	}
	if res.HDR != nil {
		m := renderer.NewHDR(r)
		m.Draw(res.HDR)
		out.HDR = m
	}
	if res.Passes != nil {
		out.Passes = res.Passes.Crop(r)
	}
	return out
}

// renderMeta reports whether a metadata key of Blender's describes one
// render rather than the scene: it differs from tile to tile.
func renderMeta(key string) bool {
	switch key {
	case "RenderTime", "Date", "File", "Memory", "Hostname":
		return true
	}
	return strings.HasSuffix(key, "_time") // Cycles' per view layer
}

// maxPassChannels bounds the channels of a file of raw passes Blender
// writes for a task (renderer/exr reads no more).
const maxPassChannels = 128
