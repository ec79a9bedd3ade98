package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/conun/conun/farm/flipbook"
)

// Names of what a fetch makes beside the frames.
const (
	contactSheetName = flipbook.ContactSheetName
	videoName        = flipbook.VideoName
)

// flipOpts says what to make of a job's frames once fetched; the zero
// value makes nothing.
//
// The video and the sheet are made here, on the client, from the frames
// it fetched: the requester's own machine pays for its own encode (no
// worker is leased, nothing is priced or checked on a chain), the frames
// are already hash-free local files, and ffmpeg only ever sees raw pixels
// this process decoded (flipbook.Video), never a file a node sent.
type flipOpts struct {
	video string  // "" or "mp4"
	fps   float64 // 0: sceneFPS, else flipbook.DefaultFPS
	sheet bool
	// sceneFPS is the scene's own rate, when this process read the scene
	// (submit); --fps wins over it.
	sceneFPS float64
}

// addFlipFlags adds --video, --fps and --contact-sheet to a command that
// fetches frames; sheetDefault is whether it writes a sheet unasked.
func addFlipFlags(fs *flag.FlagSet, sheetDefault bool) func() (flipOpts, error) {
	video := fs.String("video", "", "also encode the fetched frames as a video: mp4 (H.264, yuv420p, web-ready; needs ffmpeg), written as "+videoName+" beside them")
	fps := fs.Float64("fps", 0, fmt.Sprintf("the video's frame rate; default the scene's own (submit) or %d", flipbook.DefaultFPS))
	sheet := fs.Bool("contact-sheet", sheetDefault, "also write "+contactSheetName+": every frame as a numbered thumbnail")
	return func() (flipOpts, error) {
		o := flipOpts{video: strings.ToLower(*video), fps: *fps, sheet: *sheet}
		if o.video != "" && o.video != "mp4" {
			return o, fmt.Errorf("%w: --video %q: the one video format is mp4", errUsage, *video)
		}
		if o.fps != 0 && !(o.fps > 0 && o.fps <= 1000) {
			return o, fmt.Errorf("%w: --fps %g: must be above 0 and at most 1000", errUsage, o.fps)
		}
		return o, nil
	}
}

// flipMade names the files a fetch made beside the frames; they are
// reported apart from the frames, whose list stays one file per frame.
type flipMade struct {
	ContactSheet string `json:"contact_sheet,omitempty"`
	Video        string `json:"video,omitempty"`
}

// print lists the files made, one a line, after the frames'.
func (m flipMade) print(w io.Writer) {
	for _, p := range []string{m.ContactSheet, m.Video} {
		if p != "" {
			fmt.Fprintln(w, p)
		}
	}
}

// make writes the sheet and the video for the frames fetched into dir
// (paths, in frame order) and returns what it wrote.
func (o flipOpts) make(ctx context.Context, paths []string, dir string) (flipMade, error) {
	var made flipMade
	if !o.sheet && o.video == "" {
		return made, nil
	}
	frames, err := flipbook.Fetched(paths)
	if err != nil {
		return made, err
	}
	if o.sheet && len(frames) > 0 {
		p := filepath.Join(dir, contactSheetName)
		if err := flipbook.WriteContactSheet(frames, p, flipbook.SheetOptions{}); err != nil {
			return made, err
		}
		made.ContactSheet = p
	}
	if o.video != "" {
		fps := o.fps
		if fps == 0 && o.sceneFPS > 0 && o.sceneFPS <= 1000 { // a scene's odd rate falls back to the default
			fps = o.sceneFPS
		}
		if fps == 0 {
			fps = flipbook.DefaultFPS
		}
		p := filepath.Join(dir, videoName)
		if err := flipbook.Video(ctx, frames, p, fps); err != nil {
			return made, fmt.Errorf("--video mp4: %w", err)
		}
		made.Video = p
	}
	return made, nil
}
