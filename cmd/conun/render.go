package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/exr"
	"github.com/conun/conun/tiler"
)

func runRender(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	frame := fs.Int("frame", 1, "frame number (frames start at 0)")
	res := fs.String("res", api.DefaultResolution.String(), "resolution WxH")
	samples := fs.Int("samples", api.DefaultSamples, "samples per pixel")
	seed := fs.Uint64("seed", 0, "random seed")
	region := fs.String("region", "", "render only this region x0,y0,x1,y1 (pixels, origin top-left)")
	out := fs.String("out", "", "output file (required); its extension picks the format: .png, .jpg/.jpeg, .tif/.tiff, or .exr for linear float OpenEXR")
	depth := fs.Int("depth", api.DefaultDepth, "bits per channel of PNG and TIFF: 8 or 16 (JPEG is 8, EXR 32-bit float)")
	threads := fs.Int("threads", 0, "render threads; 0 uses all cores")
	bo := defaultBlender()
	addBlenderFlag(fs, &bo, "Blender binary for .blend scenes")
	addBlenderVersionFlag(fs, &bo)
	sandboxMode := fs.String("sandbox", "none", "docker: render inside the locked-down container; none: in this process")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one scene, got %s", errUsage, api.Count(len(pos), "argument"))
	}
	if *out == "" {
		return fmt.Errorf("%w: --out FILE.png (or .jpg, .tif, .exr) is required", errUsage)
	}
	format, err := outFormat(*out)
	if err != nil {
		return err
	}
	hdr := format == api.FormatEXR
	if *depth != 8 && *depth != 16 {
		return fmt.Errorf("%w: --depth %d: must be 8 or 16", errUsage, *depth)
	}
	r, err := tiler.ParseResolution(*res)
	if err != nil {
		return fmt.Errorf("%w: --res: %w", errUsage, err)
	}
	task := renderer.Task{Frame: *frame, Width: r.Width, Height: r.Height, Samples: *samples, Seed: *seed, Threads: *threads, HDR: hdr, Opaque: format == api.FormatJPEG}
	if *region != "" {
		if task.Region, err = tiler.ParseRegion(*region); err != nil {
			return fmt.Errorf("%w: --region: %w", errUsage, err)
		}
	}
	if err := task.Validate(); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}

	scene, err := loadScene(pos[0])
	if err != nil {
		return err
	}
	kind, err := kindFor(scene.name)
	if err != nil {
		return err
	}
	sb, _, err := openSandbox(ctx, *sandboxMode, "render", bo, 0, kind) // render has no --gpus
	if err != nil {
		return err
	}
	if sb != nil {
		defer sb.Close()
	}
	rend, err := newRenderer(kind, sb, bo)
	if err != nil {
		return err
	}
	defer closeRenderer(rend)
	path, cleanup, err := scene.file()
	if err != nil {
		return err
	}
	defer cleanup()
	task.Scene = path
	start := time.Now()
	res16, err := rend.Render(ctx, task)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	if hdr {
		h := *res16.HDR
		h.Rect = h.Rect.Sub(h.Rect.Min) // the file holds the region alone
		err = exr.WriteFile(*out, &h, exr.Options{Compression: exr.ZIP})
	} else {
		img := *res16.Image
		img.Rect = img.Rect.Sub(img.Rect.Min) // PNG has no offset
		spec := api.JobSpec{Format: format, Depth: *depth}
		if format == api.FormatJPEG {
			spec.Depth = 8 // JPEG has 8 bits; --depth is for PNG and TIFF
		}
		if spec.Depth == 8 {
			// Rounded as Blender's own render rounds an 8-bit file, with
			// the scene's dither (the task renders 16 bits without it).
			info, err := rend.Inspect(ctx, path)
			if err != nil {
				return err
			}
			if u := info.Usage; u != nil && u.Dither != nil {
				renderer.BlenderDither(renderer.ParseBuild(rend.Version()), *u.Dither).Apply(&img)
			}
		}
		err = renderer.WriteAtomic(*out, func(w io.Writer) error { return farm.EncodeFrame(w, &img, spec, false) }) // a task's pixels, as its flags render them
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(stdout, "rendered %s frame %d %v of %dx%d, %d spp, in %.2fs with %s -> %s\n",
		scene.name, task.Frame, task.Rect(), task.Width, task.Height, task.Samples, elapsed.Seconds(), rend.Version(), *out)
	return nil
}

// stdoutIsTerminal reports whether progress can redraw one line in place.
func stdoutIsTerminal() bool { return isTerminal(os.Stdout) }

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
