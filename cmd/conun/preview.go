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
	Device   string   `json:"device"`
	Width    int      `json:"width"`
	Height   int      `json:"height"`
	Frames   []string `json:"frames"`
	flipMade
	// VideoSkipped says why no video was made where one was asked for
	// (no ffmpeg on the PATH).
	VideoSkipped string `json:"video_skipped,omitempty"`
	// SecondsPerFrame is the mean time to draw a frame, without writing it.
	SecondsPerFrame float64 `json:"seconds_per_frame"`
}

// runPreview renders a glTF scene's frames locally with the raster preview
// (gl-raster): no cluster, no samples, a fraction of a second a frame;
// then a contact sheet and, with ffmpeg, an MP4 of them.
func runPreview(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("preview", flag.ContinueOnError)
	framesArg := fs.String("frames", "", "frames to draw, A-B or A-B:STEP; default the scene's own range")
	res := fs.String("res", "", fmt.Sprintf("resolution WxH; default the scene's own, else %s (as submit)", api.DefaultResolution))
	out := fs.String("out", "preview", "directory the frames (frame_NNNN.png), "+contactSheetName+" and "+videoName+" are written to")
	sheet := fs.Bool("sheet", true, "write "+contactSheetName+": every frame as a numbered thumbnail")
	video := fs.String("video", "mp4", `encode the frames as `+videoName+` (H.264) where ffmpeg is installed; "" for none`)
	fps := fs.Float64("fps", 0, fmt.Sprintf("the video's frame rate; default the scene's own, else %d", flipbook.DefaultFPS))
	gpu := fs.Int("gpu", -1, "an EGL device index (0, 1, ...); -1 takes the first that gives an OpenGL 4.3 context")
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
	if kind, err := kindFor(scene.name); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	} else if kind != "pathtracer" {
		return fmt.Errorf("%w: %s: preview needs a glTF scene (.gltf or .glb); a .blend renders with conun render or submit", errUsage, scene.name)
	}

	cfg := gl.DefaultConfig()
	cfg.Device = *gpu
	rend, err := gl.NewRaster(cfg)
	if err != nil {
		return fmt.Errorf("preview needs OpenGL 4.3 through EGL (a GPU driver, or Mesa: libegl1 libegl-mesa0 libgl1-mesa-dri): %w", err)
	}
	defer rend.Close()
	path, cleanup, err := scene.file()
	if err != nil {
		return err
	}
	defer cleanup()
	info, err := rend.Inspect(ctx, path)
	if err != nil {
		return err
	}
	frames := tiler.Frames{Start: info.FrameStart, End: info.FrameEnd, Step: 1}
	if *framesArg != "" {
		if frames, err = tiler.ParseFrames(*framesArg); err != nil {
			return fmt.Errorf("%w: --frames: %w", errUsage, err)
		}
		if frames.Start < info.FrameStart || frames.End > info.FrameEnd {
			return fmt.Errorf("%w: --frames %s: %s has frames %d-%d", errUsage, *framesArg, scene.name, info.FrameStart, info.FrameEnd)
		}
	}
	size := api.DefaultResolution
	if info.Width > 0 && info.Height > 0 {
		size = tiler.Resolution{Width: info.Width, Height: info.Height}
	}
	if *res != "" {
		if size, err = tiler.ParseResolution(*res); err != nil {
			return fmt.Errorf("%w: --res: %w", errUsage, err)
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}

	result := previewResult{Scene: scene.name, Renderer: rend.Version(), Device: rend.Device(), Width: size.Width, Height: size.Height}
	list := frames.List()
	var drawing time.Duration
	for i, n := range list {
		task := renderer.Task{Scene: path, Frame: n, Width: size.Width, Height: size.Height, Samples: 1}
		began := time.Now()
		r, err := rend.Render(ctx, task)
		if err != nil {
			return err
		}
		took := time.Since(began)
		drawing += took
		p := filepath.Join(*out, fmt.Sprintf("frame_%04d.png", n))
		spec := api.JobSpec{Format: api.FormatPNG, Depth: 8}
		if err := renderer.WriteAtomic(p, func(w io.Writer) error { return farm.EncodeFrame(w, r.Image, spec) }); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		result.Frames = append(result.Frames, p)
		fmt.Fprintf(os.Stderr, "preview: frame %d (%d/%d) drawn in %v\n", n, i+1, len(list), took.Round(100*time.Microsecond))
	}
	result.SecondsPerFrame = drawing.Seconds() / float64(len(list))

	fps0 := *fps
	if fps0 == 0 {
		fps0 = info.FPS
	}
	// The sheet first, then the video: without ffmpeg the preview still
	// leaves the frames and the sheet, and says why there is no video.
	if result.flipMade, err = (flipOpts{sheet: *sheet}).make(ctx, result.Frames, *out); err != nil {
		return err
	}
	if *video != "" {
		made, err := (flipOpts{video: "mp4", fps: fps0}).make(ctx, result.Frames, *out)
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
	fmt.Fprintf(stdout, "%s: %d frames at %dx%d with %s, %.1f ms a frame\n", scene.name, len(list), size.Width, size.Height, result.Renderer, 1000*result.SecondsPerFrame)
	return nil
}
