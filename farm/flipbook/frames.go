// Package flipbook turns a job's fetched frames into things a person looks
// at in one go: a contact sheet (every frame as a numbered thumbnail on one
// PNG), an H.264 MP4 made by ffmpeg, and a spot check's evidence crops
// enlarged side by side.
package flipbook

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // frames in a job's formats: png, jpeg, tiff, exr
	_ "image/png"
	"io"
	"os"
	"path/filepath"

	_ "golang.org/x/image/tiff"

	"github.com/conun/conun/renderer/exr"
)

// Frame is one frame file of a job: its number and where it lies.
type Frame struct {
	Number int
	Path   string
}

// Fetched returns the frames api.Client.Fetch wrote, from its paths (in
// frame order): their names are the client's own (frame_NNNN.EXT, checked
// by Fetch, never a node's), so the number reads back from them.
func Fetched(paths []string) ([]Frame, error) {
	frames := make([]Frame, 0, len(paths))
	for _, p := range paths {
		var n int
		if _, err := fmt.Sscanf(filepath.Base(p), "frame_%d.", &n); err != nil {
			return nil, fmt.Errorf("frame file %s: not named frame_NNNN.EXT: %w", p, err)
		}
		frames = append(frames, Frame{Number: n, Path: p})
	}
	return frames, nil
}

// DefaultMaxPixels bounds one frame's width x height before it is decoded:
// frames come from a node, so a header claiming a billion pixels must not
// become a billion-pixel allocation. 16384x16384 is beyond any job.
const DefaultMaxPixels = 16384 * 16384

// ErrNoFrames is returned when there is nothing to show.
var ErrNoFrames = errors.New("no frames")

// decodeFrame reads a frame file of any of the job formats (DecodeFrame).
func decodeFrame(path string, maxPixels int64) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := DecodeFrame(f, maxPixels)
	if err != nil {
		return nil, fmt.Errorf("frame %s: %w", path, err)
	}
	return img, nil
}

// DecodeFrame reads a frame of any of the job formats (PNG, JPEG, TIFF,
// or OpenEXR shown clipped to sRGB, as a viewer would), refusing one
// larger than maxPixels before decoding it: the app's flipbook reads the
// frames a node serves with it, as the contact sheet reads fetched files.
func DecodeFrame(r io.ReadSeeker, maxPixels int64) (image.Image, error) {
	var magic [4]byte
	io.ReadFull(r, magic[:]) // a short frame fails below, in its decoder
	isEXR := exr.IsEXR(magic[:])
	var w, h int
	_, err := r.Seek(0, io.SeekStart)
	if err == nil {
		if isEXR {
			w, h, err = exr.DecodeConfig(r)
		} else {
			var cfg image.Config
			cfg, _, err = image.DecodeConfig(bufio.NewReader(r))
			w, h = cfg.Width, cfg.Height
		}
	}
	if err != nil {
		return nil, err
	}
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxPixels {
		return nil, fmt.Errorf("%dx%d pixels: must be between 1 and %d pixels", w, h, maxPixels)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if isEXR {
		m, err := exr.Decode(r)
		if err != nil {
			return nil, err
		}
		return m.Preview(), nil
	}
	img, _, err := image.Decode(bufio.NewReader(r))
	return img, err
}
