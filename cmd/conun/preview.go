package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/flipbook"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
	"github.com/conun/conun/tiler"
)

// previewResult is what `conun preview --json` prints.
type previewResult struct {
	Scene    string   `json:"scene"`
	Renderer string   `json:"renderer"`
	Device   string   `json:"device,omitempty"`
	Width    int      `json:"width,omitempty"`
	Height   int      `json:"height,omitempty"`
	Frames   []string `json:"frames"`
	flipMade
	// VideoSkipped says why no video was made where one was asked for
	// (no ffmpeg on the PATH).
	VideoSkipped string `json:"video_skipped,omitempty"`
	// SecondsPerFrame is the mean time to draw a frame, without writing it
	// (gl-raster only).
	SecondsPerFrame float64 `json:"seconds_per_frame,omitempty"`
}

// previewFlags are conun preview's settings, from its flags.
type previewFlags struct {
	frames string
	res    string
	out    string
	gpu    int
	bo     blenderOpts
}

// runPreview draws a scene's frames locally: a glTF scene with the raster
// preview (gl-raster: no cluster, no samples, a fraction of a second a
// frame), a .blend with the host's Blender's Workbench engine; then a
// contact sheet and, with ffmpeg, an MP4 of them.
func runPreview(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	var pf previewFlags
	fs.StringVar(&pf.frames, "frames", "", "frames to draw, A-B or A-B:STEP; default the scene's own range")
	fs.StringVar(&pf.res, "res", "", fmt.Sprintf("resolution WxH; default the scene's own, else %s (as submit)", api.DefaultResolution))
	fs.StringVar(&pf.out, "out", "preview", "directory the frames (frame_NNNN.png), "+contactSheetName+" and "+videoName+" are written to")
	sheet := fs.Bool("sheet", true, "write "+contactSheetName+": every frame as a numbered thumbnail")
	video := fs.String("video", "mp4", `encode the frames as `+videoName+` (H.264) where ffmpeg is installed; "" for none`)
	fps := fs.Float64("fps", 0, fmt.Sprintf("the video's frame rate; default the scene's own, else %d", flipbook.DefaultFPS))
	fs.IntVar(&pf.gpu, "gpu", -1, "glTF: an EGL device index (0, 1, ...); -1 takes the first that gives an OpenGL 4.3 context")
	pf.bo = defaultBlender()
	addBlenderFlag(fs, &pf.bo, ".blend: the Blender whose Workbench engine draws the preview")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one scene, got %s", errUsage, api.Count(len(pos), "argument"))
	}
	if *video != "" && !strings.EqualFold(*video, "mp4") {
		return fmt.Errorf("%w: --video %q: the one video format is mp4 (\"\" for none)", errUsage, *video)
	}
	if *fps != 0 && !(*fps > 0 && *fps <= 1000) {
		return fmt.Errorf("%w: --fps %g: must be above 0 and at most 1000", errUsage, *fps)
	}
	scene, err := loadScene(pos[0])
	if err != nil {
		return err
	}
	kind, err := kindFor(scene.name)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	path, cleanup, err := scene.file()
	if err != nil {
		return err
	}
	defer cleanup()
	if err := os.MkdirAll(pf.out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}

	var (
		result   previewResult
		sceneFPS float64
	)
	if kind == "blender" {
		result, err = previewBlend(ctx, path, scene.name, pf)
	} else {
		result, sceneFPS, err = previewGLTF(ctx, path, scene.name, pf)
	}
	if err != nil {
		return err
	}

	// The sheet first, then the video: without ffmpeg the preview still
	// leaves the frames and the sheet, and says why there is no video.
	if result.flipMade, err = (flipOpts{sheet: *sheet}).make(ctx, result.Frames, pf.out); err != nil {
		return err
	}
	if *video != "" {
		made, err := (flipOpts{video: "mp4", fps: *fps, sceneFPS: sceneFPS}).make(ctx, result.Frames, pf.out)
		switch {
		case errors.Is(err, flipbook.ErrNoFFmpeg):
			result.VideoSkipped = flipbook.ErrNoFFmpeg.Error()
			fmt.Fprintf(os.Stderr, "preview: no %s: %v; the frames and the sheet are written\n", videoName, flipbook.ErrNoFFmpeg)
		case err != nil:
			return err
		default:
			result.Video = made.Video
		}
	}
	if *asJSON {
		return printJSON(stdout, result)
	}
	for _, p := range result.Frames {
		fmt.Fprintln(stdout, p)
	}
	result.flipMade.print(stdout)
	fmt.Fprintf(stdout, "%s: %s with %s", scene.name, api.Count(len(result.Frames), "frame"), result.Renderer)
	if result.SecondsPerFrame > 0 {
		fmt.Fprintf(stdout, " at %dx%d, %.1f ms a frame", result.Width, result.Height, 1000*result.SecondsPerFrame)
	}
	fmt.Fprintln(stdout)
	return nil
}

// previewGLTF draws a glTF scene's frames with gl-raster into pf.out, and
// returns them with the scene's frame rate.
func previewGLTF(ctx context.Context, path, name string, pf previewFlags) (previewResult, float64, error) {
	cfg := gl.DefaultConfig()
	cfg.Device = pf.gpu
	rend, err := gl.NewRaster(cfg)
	if err != nil {
		return previewResult{}, 0, fmt.Errorf("preview needs OpenGL 4.3 through EGL (a GPU driver, or Mesa: libegl1 libegl-mesa0 libgl1-mesa-dri): %w", err)
	}
	defer rend.Close()
	info, err := rend.Inspect(ctx, path)
	if err != nil {
		return previewResult{}, 0, err
	}
	frames := tiler.Frames{Start: info.FrameStart, End: info.FrameEnd, Step: 1}
	if pf.frames != "" {
		if frames, err = tiler.ParseFrames(pf.frames); err != nil {
			return previewResult{}, 0, fmt.Errorf("%w: --frames: %w", errUsage, err)
		}
		if frames.Start < info.FrameStart || frames.End > info.FrameEnd {
			return previewResult{}, 0, fmt.Errorf("%w: --frames %s: %s has frames %d-%d", errUsage, pf.frames, name, info.FrameStart, info.FrameEnd)
		}
	}
	size := api.DefaultResolution
	if info.Width > 0 && info.Height > 0 {
		size = tiler.Resolution{Width: info.Width, Height: info.Height}
	}
	if pf.res != "" {
		if size, err = tiler.ParseResolution(pf.res); err != nil {
			return previewResult{}, 0, fmt.Errorf("%w: --res: %w", errUsage, err)
		}
	}
	result := previewResult{Scene: name, Renderer: rend.Version(), Device: rend.Device(), Width: size.Width, Height: size.Height}
	list := frames.List()
	var drawing time.Duration
	for i, n := range list {
		task := renderer.Task{Scene: path, Frame: n, Width: size.Width, Height: size.Height, Samples: 1}
		began := time.Now()
		r, err := rend.Render(ctx, task)
		if err != nil {
			return previewResult{}, 0, err
		}
		took := time.Since(began)
		drawing += took
		p := filepath.Join(pf.out, fmt.Sprintf("frame_%04d.png", n))
		spec := api.JobSpec{Format: api.FormatPNG, Depth: 8}
		if err := renderer.WriteAtomic(p, func(w io.Writer) error { return farm.EncodeFrame(w, r.Image, spec, false) }); err != nil {
			return previewResult{}, 0, fmt.Errorf("write %s: %w", p, err)
		}
		result.Frames = append(result.Frames, p)
		fmt.Fprintf(os.Stderr, "preview: frame %d (%d/%d) drawn in %v\n", n, i+1, len(list), took.Round(100*time.Microsecond))
	}
	result.SecondsPerFrame = drawing.Seconds() / float64(len(list))
	return result, info.FPS, nil
}

// previewBlend draws a .blend's frames with the host's Blender (Workbench)
// into pf.out.
func previewBlend(ctx context.Context, path, name string, pf previewFlags) (previewResult, error) {
	var (
		frames tiler.Frames
		size   tiler.Resolution
		err    error
	)
	if pf.frames != "" {
		if frames, err = tiler.ParseFrames(pf.frames); err != nil {
			return previewResult{}, fmt.Errorf("%w: --frames: %w", errUsage, err)
		}
	}
	if pf.res != "" {
		if size, err = tiler.ParseResolution(pf.res); err != nil {
			return previewResult{}, fmt.Errorf("%w: --res: %w", errUsage, err)
		}
	}
	saved, err := workbenchPreview(ctx, pf.bo.Binary, path, pf.out, frames, size, os.Stderr)
	if errors.Is(err, errNoBlender) {
		return previewResult{}, fmt.Errorf("%w: %s: a .blend previews with Blender's Workbench engine, and %w; or preview a glTF scene (.gltf, .glb)", errUsage, name, err)
	}
	if err != nil {
		return previewResult{}, err
	}
	return previewResult{Scene: name, Renderer: "blender-workbench", Frames: saved}, nil
}
