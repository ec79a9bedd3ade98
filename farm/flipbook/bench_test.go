package flipbook

import (
	"context"
	"image/color"
	"os/exec"
	"path/filepath"
	"testing"
)

// benchFrames writes n 1280x720 16-bit PNG frames (a production-like
// size, kept small enough to write quickly).
func benchFrames(b *testing.B, n int) []Frame {
	b.Helper()
	dir := b.TempDir()
	frames := make([]Frame, n)
	for i := range frames {
		frames[i] = writeFrame(b, dir, i+1, solid(1280, 720, color.NRGBA{uint8(10 * i), 90, 200, 255}), "png")
	}
	return frames
}

// BenchmarkContactSheet: the sheet of 24 HD frames, reported per frame.
func BenchmarkContactSheet(b *testing.B) {
	frames := benchFrames(b, 24)
	b.ResetTimer()
	for range b.N {
		if _, err := ContactSheet(frames, SheetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*len(frames)), "ms/frame")
}

// BenchmarkVideo: an MP4 of 24 HD frames with the real ffmpeg, reported
// per frame (decode here, pipe, x264 encode).
func BenchmarkVideo(b *testing.B) {
	for _, tool := range []string{"ffmpeg"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip("NOT TESTED: needs ffmpeg")
		}
	}
	frames := benchFrames(b, 24)
	out := filepath.Join(b.TempDir(), "v.mp4")
	b.ResetTimer()
	for range b.N {
		if err := Video(context.Background(), frames, out, 24); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*len(frames)), "ms/frame")
}
