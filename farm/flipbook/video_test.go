package flipbook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needFFmpeg skips where Debian's ffmpeg (and its ffprobe) is absent.
func needFFmpeg(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("NOT TESTED: needs ffmpeg (" + tool + " not on the PATH; .ci/deps installs it)")
		}
	}
}

// videoProbe is what ffprobe says about a video's first stream.
type videoProbe struct {
	Codec     string `json:"codec_name"`
	PixFmt    string `json:"pix_fmt"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Frames    string `json:"nb_frames"`
	Rate      string `json:"r_frame_rate"`
	Faststart bool   `json:"-"`
}

// probeVideo runs the real ffprobe on path and reads whether the MP4's
// index (moov) comes before its data (mdat), which +faststart promises.
func probeVideo(t testing.TB, path string) videoProbe {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var probe struct{ Streams []videoProbe }
	if err := json.Unmarshal(out, &probe); err != nil || len(probe.Streams) != 1 {
		t.Fatalf("ffprobe %s: %v: %s", path, err, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := probe.Streams[0]
	moov, mdat := bytes.Index(data, []byte("moov")), bytes.Index(data, []byte("mdat"))
	p.Faststart = moov >= 0 && mdat >= 0 && moov < mdat
	return p
}

// TestVideo: real ffmpeg on five tiny frames of an odd size makes an H.264
// MP4 in yuv420p, five frames at the asked rate, the size rounded up to
// even, with its index first.
func TestVideo(t *testing.T) {
	needFFmpeg(t)
	tests := []struct {
		name         string
		w, h         int
		fps          float64
		wantW, wantH int
		wantRate     string
	}{
		{"even size at 24", 32, 18, 24, 32, 18, "24/1"},
		{"odd size at 12", 33, 17, 12, 34, 18, "12/1"},
		{"NTSC rate", 16, 16, 29.97, 16, 16, "2997/100"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var frames []Frame
			for i, c := range palette {
				frames = append(frames, writeFrame(t, dir, i+1, solid(tc.w, tc.h, c), "png"))
			}
			out := filepath.Join(dir, "flipbook.mp4")
			if err := Video(context.Background(), frames, out, tc.fps); err != nil {
				t.Fatal(err)
			}
			p := probeVideo(t, out)
			want := videoProbe{Codec: "h264", PixFmt: "yuv420p", Width: tc.wantW, Height: tc.wantH, Frames: "5", Rate: tc.wantRate, Faststart: true}
			if p != want {
				t.Errorf("probe %+v, want %+v", p, want)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".incoming-video-*"))
			if len(left) > 0 {
				t.Errorf("left behind %v", left)
			}
		})
	}
}

// TestVideoBadInput: no ffmpeg, no frames, a bad rate or a broken frame
// fail with an error that names the problem and leave no video behind.
func TestVideoBadInput(t *testing.T) {
	dir := t.TempDir()
	good := writeFrame(t, dir, 1, solid(8, 8, palette[0]), "png")
	broken := filepath.Join(dir, "frame_0002.png")
	os.WriteFile(broken, []byte("\x89PNG\r\n\x1a\nnot really"), 0o644)
	tests := []struct {
		name     string
		frames   []Frame
		fps      float64
		noFFmpeg bool
		is       error
		wantErr  string
	}{
		{"no ffmpeg", []Frame{good}, 24, true, ErrNoFFmpeg, "ffmpeg not found"},
		{"no frames", nil, 24, false, ErrNoFrames, "no frames"},
		{"zero fps", []Frame{good}, 0, false, nil, "fps 0"},
		{"fps beyond 1000", []Frame{good}, 5000, false, nil, "fps 5000"},
		{"broken second frame", []Frame{good, {2, broken}}, 24, false, nil, "frame_0002.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.noFFmpeg {
				t.Setenv("PATH", t.TempDir())
			} else {
				needFFmpeg(t)
			}
			out := filepath.Join(t.TempDir(), "v.mp4")
			err := Video(context.Background(), tc.frames, out, tc.fps)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || (tc.is != nil && !errors.Is(err, tc.is)) {
				t.Fatalf("err %v, want one with %q (is %v)", err, tc.wantErr, tc.is)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s exists after a failure (%v)", out, err)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".incoming-video-*"))
			if len(left) > 0 {
				t.Errorf("left behind %v", left)
			}
		})
	}
}

// TestVideoColours: the video shows the frames' colours (ffmpeg decodes
// its first frame back to a PNG), so the raw pipe's layout is right.
func TestVideoColours(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	c := color.NRGBA{200, 60, 30, 255}
	fr := writeFrame(t, dir, 1, solid(64, 32, c), "png")
	out := filepath.Join(dir, "v.mp4")
	if err := Video(context.Background(), []Frame{fr, fr}, out, 24); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(dir, "back.png")
	if b, err := exec.Command("ffmpeg", "-v", "error", "-i", out, "-frames:v", "1", back).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg decode: %v: %s", err, b)
	}
	img, err := decodeFrame(back, DefaultMaxPixels)
	if err != nil {
		t.Fatal(err)
	}
	if m := meanIn(img, img.Bounds().Inset(4)); !near(m, c, 12) {
		t.Errorf("video's colour %.0f, want about %v", m, c)
	}
}

// TestVideoMismatchedSizes: a frame smaller than the first is centred on
// black, a larger one fitted; nothing of one frame shows in the next.
func TestVideoMismatchedSizes(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	red, blue := color.NRGBA{220, 30, 30, 255}, color.NRGBA{30, 40, 220, 255}
	frames := []Frame{
		writeFrame(t, dir, 1, solid(64, 32, red), "png"),
		writeFrame(t, dir, 2, solid(16, 16, blue), "png"),  // smaller: centred
		writeFrame(t, dir, 3, solid(256, 64, blue), "png"), // wider: fitted, 64x16
	}
	out := filepath.Join(dir, "v.mp4")
	if err := Video(context.Background(), frames, out, 24); err != nil {
		t.Fatal(err)
	}
	pattern := filepath.Join(dir, "back_%d.png")
	if b, err := exec.Command("ffmpeg", "-v", "error", "-i", out, pattern).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg decode: %v: %s", err, b)
	}
	black := color.NRGBA{0, 0, 0, 255}
	tests := []struct {
		n            int
		centre, edge image.Rectangle
		want         color.NRGBA
	}{
		{2, image.Rect(28, 12, 36, 20), image.Rect(0, 0, 16, 32), blue},
		{3, image.Rect(4, 12, 60, 20), image.Rect(0, 0, 64, 6), blue},
	}
	for _, tc := range tests {
		img, err := decodeFrame(filepath.Join(dir, fmt.Sprintf("back_%d.png", tc.n)), DefaultMaxPixels)
		if err != nil {
			t.Fatal(err)
		}
		if m := meanIn(img, tc.centre); !near(m, tc.want, 16) {
			t.Errorf("frame %d centre %.0f, want about %v", tc.n, m, tc.want)
		}
		if m := meanIn(img, tc.edge); !near(m, black, 12) {
			t.Errorf("frame %d margin %.0f, want black", tc.n, m)
		}
	}
}
