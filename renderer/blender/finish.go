package blender

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/tiff"

	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
)

// Finish runs the scene's finish step over a frame's stitched raw passes
// (tiles rendered with Task.Passes): the scene's own compositor, colour
// management and dither, written in the scene's output format (or
// t.Format/t.Depth), as Blender's own whole-frame render writes the frame.
// It runs in the scene's warm process; no path tracing happens, so it
// costs a compositor run and an image write, not a render.
//
// How: the passes go to Blender as a multilayer EXR; the driver mutes each
// Render Layers node and moves its links to an Image node reading the
// same view layer of that file (Blender renders nothing when no Render
// Layers node is left, it only composites), then reloads the scene before
// its next task.
func (r *Renderer) Finish(ctx context.Context, t renderer.FinishTask) (renderer.FinishResult, error) {
	if err := t.Validate(); err != nil {
		return renderer.FinishResult{}, err
	}
	if t.Denoise && !r.state.Load().info.OIDN {
		return renderer.FinishResult{}, fmt.Errorf("%w: finish frame %d: %w", renderer.ErrBadTask, t.Frame, ErrNoDenoiser)
	}
	id := r.nextID.Add(1)
	version := r.state.Load().info.Version
	var res renderer.FinishResult
	finishIn := func(p *process) error {
		format := t.Format
		if format == "" {
			format = p.info.FileFormat
		}
		ext := formatExt(format)
		in := filepath.Join(p.outDir, fmt.Sprintf("passes-%d.exr", id))
		out := filepath.Join(p.outDir, fmt.Sprintf("frame-%d%s", id, ext))
		defer os.Remove(in)
		defer os.Remove(out)
		// Uncompressed: a local file read back at once.
		if err := exr.WritePassesFile(in, t.Passes, exr.Options{}); err != nil {
			return fmt.Errorf("blender: finish frame %d: %w", t.Frame, err)
		}
		w := wireTask{
			ID: id, Finish: true, Frame: t.Frame, Width: t.Width, Height: t.Height,
			Threads: t.Threads, In: in, Out: out, Format: t.Format, Depth: t.Depth, Quality: t.Quality, Compression: t.Compression, Denoise: t.Denoise,
			Alpha: t.Alpha,
		}
		if err := p.render(ctx, w, nil, nil); err != nil {
			return err
		}
		data, err := os.ReadFile(out)
		if err != nil {
			return fmt.Errorf("blender: finish frame %d: %w", t.Frame, err)
		}
		if !t.Region.Empty() && !(renderer.Build{Version: version}).AtLeast(regionKeptSince) {
			// The scene's colour mode says whether the file has alpha: a
			// 16-bit TIFF's associated alpha decodes as RGBA64, like RGB.
			alpha := (p.info.ColorMode == "RGBA" || t.Alpha) && ext != ".jpg"
			// Written again as the scene writes it where the task does
			// not say: its own quality and compression, not Blender's
			// defaults.
			own := t
			own.Quality = cmp.Or(own.Quality, p.info.Quality)
			if own.Compression == nil {
				own.Compression = p.info.Compression
			}
			if data, err = clearOutside(data, ext, own, alpha); err != nil {
				return fmt.Errorf("blender: finish frame %d: %w", t.Frame, err)
			}
		}
		res, err = decodeFrame(data, ext, image.Rect(0, 0, t.Width, t.Height))
		if err != nil {
			return fmt.Errorf("blender: finish frame %d: %w", t.Frame, err)
		}
		return nil
	}
	var err error
	if r.cfg.NoWarm {
		err = r.renderCold(ctx, t.Scene, finishIn)
	} else {
		err = r.withWarm(ctx, t.Scene, finishIn)
	}
	if err != nil {
		return renderer.FinishResult{}, err
	}
	return res, nil
}

// formatExt is the extension Blender gives a file format.
func formatExt(format string) string {
	switch format {
	case "PNG":
		return ".png"
	case "JPEG":
		return ".jpg"
	case "JPEG2000":
		return ".jp2"
	case "OPEN_EXR", "OPEN_EXR_MULTILAYER":
		return ".exr"
	case "TIFF":
		return ".tif"
	case "BMP":
		return ".bmp"
	case "TARGA", "TARGA_RAW":
		return ".tga"
	case "HDR":
		return ".hdr"
	case "WEBP":
		return ".webp"
	case "CINEON":
		return ".cin"
	case "DPX":
		return ".dpx"
	case "IRIS":
		return ".rgb"
	}
	return "." + strings.ToLower(format)
}

// decodeFrame decodes a finished frame where Go can (PNG, JPEG, TIFF, a
// single-layer EXR) into the result's Image (and HDR); other formats come
// back as the file alone.
func decodeFrame(data []byte, ext string, rect image.Rectangle) (renderer.FinishResult, error) {
	res := renderer.FinishResult{File: data, Ext: ext}
	var m image.Image
	var err error
	switch ext {
	case ".png":
		m, err = png.Decode(bytes.NewReader(data))
	case ".jpg":
		m, err = jpeg.Decode(bytes.NewReader(data))
	case ".tif":
		m, err = tiff.Decode(bytes.NewReader(data))
	case ".exr":
		h, derr := exr.Decode(bytes.NewReader(data))
		if derr != nil {
			return res, nil // a multilayer frame: the file is the result
		}
		if h.Rect.Size() != rect.Size() {
			return res, fmt.Errorf("wrote a %v frame, want %v", h.Rect.Size(), rect.Size())
		}
		h.Rect = rect
		res.HDR, res.Image = h, h.Preview()
		return res, nil
	default:
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("decode the %s frame: %w", ext, err)
	}
	if m.Bounds().Size() != rect.Size() {
		return res, fmt.Errorf("wrote a %v frame, want %v", m.Bounds().Size(), rect.Size())
	}
	res.Image = toNRGBA64(m, rect)
	return res, nil
}

// regionKeptSince is the first Blender release whose render of an
// uncropped render region keeps the whole composite: 3.4.1 and 4.3.2 write
// the frame empty outside the region (its composite cleared there), 5.2.2
// writes the composite's spill (a glare's) outside it too (measured:
// sandbox TestBlenderRegion). The releases between were not measured.
const regionKeptSince = "5.0"

// clearOutside rewrites the file data (its extension ext) of a finished
// frame of an uncropped render region, composited within the whole
// frame, with nothing outside t.Region, as Blender before 5.0 writes it:
// zero there (black; transparent where the file has alpha, as alpha
// says), in the file's own channels and depth. A JPEG frame is encoded a
// second time.
func clearOutside(data []byte, ext string, t renderer.FinishTask, alpha bool) ([]byte, error) {
	region, full := t.Region, image.Rect(0, 0, t.Width, t.Height)
	var w bytes.Buffer
	if ext == ".exr" {
		m, err := exr.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("clear outside the region: %w", err)
		}
		if m.Rect != full {
			return nil, fmt.Errorf("clear outside the region: the frame is %v, want %v", m.Rect, full)
		}
		cleared := renderer.NewHDR(full)
		for i := 3; !alpha && i < len(cleared.Pix); i += 4 {
			cleared.Pix[i] = 1 // an RGB file, decoded opaque
		}
		cleared.Draw(&renderer.HDR{Pix: m.Pix[m.PixOffset(region.Min.X, region.Min.Y):], Stride: m.Stride, Rect: region})
		err = exr.Encode(&w, cleared, exr.Options{Compression: exr.ZIP})
		return w.Bytes(), err
	}
	decode := png.Decode
	switch ext {
	case ".jpg":
		decode = jpeg.Decode
	case ".tif":
		decode = tiff.Decode
	case ".png":
	default:
		return nil, fmt.Errorf("clear outside the region: a %s frame: the farm clears PNG, JPEG, TIFF and OpenEXR", ext)
	}
	src, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("clear outside the region: %w", err)
	}
	if src.Bounds() != full {
		return nil, fmt.Errorf("clear outside the region: the frame is %v, want %v", src.Bounds(), full)
	}
	var dst draw.Image
	switch src.(type) {
	case *image.Gray:
		dst = image.NewGray(full)
	case *image.Gray16:
		dst = image.NewGray16(full)
	case *image.NRGBA:
		dst = image.NewNRGBA(full)
	case *image.NRGBA64:
		dst = image.NewNRGBA64(full)
	case *image.RGBA64:
		dst = image.NewRGBA64(full)
	default: // 8-bit RGB, and JPEG's YCbCr
		dst = image.NewRGBA(full)
	}
	if !alpha {
		draw.Draw(dst, full, image.NewUniform(color.Black), image.Point{}, draw.Src)
	}
	draw.Draw(dst, region, src, region.Min, draw.Src)
	switch ext {
	case ".jpg":
		err = jpeg.Encode(&w, dst, &jpeg.Options{Quality: cmp.Or(t.Quality, 90)}) // Blender's default
	case ".tif":
		err = tiff.Encode(&w, dst, &tiff.Options{Compression: tiff.Deflate})
	default:
		level := 15 // Blender's default
		if t.Compression != nil {
			level = *t.Compression
		}
		enc := png.Encoder{CompressionLevel: renderer.PNGLevel(level)}
		err = enc.Encode(&w, dst)
	}
	return w.Bytes(), err
}
