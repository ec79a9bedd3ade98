package flipbook

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/disintegration/imaging"
)

// ErrNoFFmpeg is returned by Video where no ffmpeg is on the PATH.
var ErrNoFFmpeg = errors.New("ffmpeg not found on the PATH (install it: apt-get install ffmpeg)")

// VideoName is the video's file name beside the fetched frames, where
// `conun fetch --video mp4` and the app write it.
const VideoName = "flipbook.mp4"

// DefaultFPS is the frame rate of a video when neither the user nor the
// scene names one.
const DefaultFPS = 24

// Video encodes frames, in the order given, as an H.264 MP4 at out: yuv420p
// and the index at the front (+faststart), so browsers and phones play it
// and start before it is all downloaded.
//
// ffmpeg never reads a frame file: each frame is decoded here (the same
// bounded decoders as ContactSheet), fitted into the first frame's size
// rounded up to even (yuv420p halves the chroma planes, so odd sizes are
// refused by x264), and piped to ffmpeg as raw RGB. Frames fetched from a
// node are outside input; this way ffmpeg's many file parsers never see
// them, only pixels we produced.
func Video(ctx context.Context, frames []Frame, out string, fps float64) error {
	if len(frames) == 0 {
		return fmt.Errorf("video: %w", ErrNoFrames)
	}
	if !(fps > 0 && fps <= 1000) {
		return fmt.Errorf("video: fps %g: must be above 0 and at most 1000", fps)
	}
	ffmpeg, err := exec.LookPath("ffmpeg")
	if err != nil {
		return fmt.Errorf("video: %w", ErrNoFFmpeg)
	}
	first, err := decodeFrame(frames[0].Path, DefaultMaxPixels)
	if err != nil {
		return fmt.Errorf("video: %w", err)
	}
	w, h := first.Bounds().Dx(), first.Bounds().Dy()
	w, h = w+w%2, h+h%2

	// ffmpeg writes a temporary file beside out, renamed once whole: a
	// killed fetch leaves no half video under the real name.
	tmp, err := os.CreateTemp(filepath.Dir(out), ".incoming-video-*.mp4")
	if err != nil {
		return fmt.Errorf("video: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // after the rename, a no-op

	cmd := exec.CommandContext(ctx, ffmpeg,
		"-hide_banner", "-nostdin", "-loglevel", "error", "-y",
		"-f", "rawvideo", "-pix_fmt", "rgb24", "-video_size", fmt.Sprintf("%dx%d", w, h),
		"-framerate", strconv.FormatFloat(fps, 'f', -1, 64), "-i", "pipe:0",
		"-an", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
		"-f", "mp4", tmp.Name())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("video: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("video: start %s: %w", ffmpeg, err)
	}
	werr := writeFrames(stdin, frames, first, w, h)
	stdin.Close()
	err = cmd.Wait()
	// When ffmpeg fails, feeding it fails with a broken pipe: its own
	// message is the one that says why. A frame that did not decode is
	// ours to name.
	if err != nil && (werr == nil || errors.Is(werr, syscall.EPIPE)) {
		return fmt.Errorf("video: ffmpeg: %w: %s", err, lastLine(stderr.String()))
	}
	if werr != nil {
		return fmt.Errorf("video: %w", werr)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("video: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("video: %w", err)
	}
	return nil
}

// writeFrames writes each frame as w x h raw RGB, fitted and centred on
// black (alpha composited over black), first being frames[0] decoded.
func writeFrames(pipe io.Writer, frames []Frame, first image.Image, w, h int) error {
	bw := bufio.NewWriterSize(pipe, 1<<20)
	black := make([]byte, 3*w)
	row := make([]byte, 3*w)
	for i, fr := range frames {
		img := first
		if i > 0 {
			var err error
			if img, err = decodeFrame(fr.Path, DefaultMaxPixels); err != nil {
				return err
			}
		}
		// imaging's converters have fast paths for every decoder's image
		// type (draw.Draw into an NRGBA goes pixel by pixel through At).
		var m *image.NRGBA
		if b := img.Bounds(); b.Dx() > w || b.Dy() > h {
			m = imaging.Fit(img, w, h, imaging.Lanczos)
		} else {
			m = imaging.Clone(img)
		}
		mw, mh := m.Rect.Dx(), m.Rect.Dy()
		x0, y0 := (w-mw)/2, (h-mh)/2
		copy(row, black) // a smaller frame leaves margins: black, not the last frame's
		for y := range h {
			out := black
			if y >= y0 && y < y0+mh {
				out = row
				px := m.Pix[(y-y0)*m.Stride:]
				for x := range mw {
					a := uint32(px[4*x+3])
					o := 3 * (x0 + x)
					row[o] = byte(uint32(px[4*x]) * a / 0xff)
					row[o+1] = byte(uint32(px[4*x+1]) * a / 0xff)
					row[o+2] = byte(uint32(px[4*x+2]) * a / 0xff)
				}
			}
			if _, err := bw.Write(out); err != nil {
				return fmt.Errorf("frame %d: feeding ffmpeg: %w", fr.Number, err)
			}
		}
	}
	return bw.Flush()
}

// lastLine is the last non-empty line of ffmpeg's error output: the one
// that says what went wrong.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if l := lines[len(lines)-1]; l != "" {
		return l
	}
	return "(no message)"
}
