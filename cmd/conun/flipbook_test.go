package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

// probeMP4 is what the real ffprobe says about a video's first stream, and
// whether its index comes before its data (-movflags +faststart).
type probeMP4 struct {
	Codec     string `json:"codec_name"`
	PixFmt    string `json:"pix_fmt"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Frames    string `json:"nb_frames"`
	Rate      string `json:"r_frame_rate"`
	Faststart bool   `json:"-"`
}

func probe(t *testing.T, path string) probeMP4 {
	t.Helper()
	out, err := exec.Command("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "json", path).Output()
	if err != nil {
		t.Fatalf("ffprobe %s: %v", path, err)
	}
	var p struct{ Streams []probeMP4 }
	if err := json.Unmarshal(out, &p); err != nil || len(p.Streams) != 1 {
		t.Fatalf("ffprobe %s: %v: %s", path, err, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	moov, mdat := bytes.Index(data, []byte("moov")), bytes.Index(data, []byte("mdat"))
	p.Streams[0].Faststart = moov >= 0 && mdat >= 0 && moov < mdat
	return p.Streams[0]
}

// TestFlipbookCLI: a 3-frame job on a node process; `submit --wait --video
// mp4` and `fetch --video mp4 --fps 12` write an H.264 MP4 that ffprobe
// reads as 3 frames of 64x48 in yuv420p (at the scene's 24 fps, then at
// 12), and a contact sheet of the three; a wrong --video is a usage error,
// and without ffmpeg the fetch fails naming it, the frames fetched.
func TestFlipbookCLI(t *testing.T) {
	skipShort(t, "a node process")
	for _, tool := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("NOT TESTED: needs ffmpeg (" + tool + " not on the PATH)")
		}
	}
	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", node.url, "anim", "--frames", "1-3", "--res", "64x48", "--samples", "4", "--tiles", "1x1",
		"--wait", "--json", "--out", out, "--video", "mp4")
	if code != 0 {
		t.Fatalf("submit --wait --video mp4: exit %d: %s\n%s", code, stderr, stdout)
	}
	var st struct {
		api.JobStatus
		Files        []string
		ContactSheet string `json:"contact_sheet"`
		Video        string
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("--json output %q: %v", stdout, err)
	}
	if len(st.Files) != 3 || st.Video != filepath.Join(out, "flipbook.mp4") || st.ContactSheet != filepath.Join(out, "contact-sheet.png") {
		t.Fatalf("files %v, video %q, sheet %q", st.Files, st.Video, st.ContactSheet)
	}
	want := probeMP4{Codec: "h264", PixFmt: "yuv420p", Width: 64, Height: 48, Frames: "3", Rate: "24/1", Faststart: true}
	if p := probe(t, st.Video); p != want {
		t.Errorf("submit's video: %+v, want %+v", p, want)
	}

	tests := []struct {
		name     string
		args     []string
		noFFmpeg bool
		wantCode int
		wantErr  string
		rate     string // "": no video
		sheet    bool
	}{
		{"video at 12 fps", []string{"--video", "mp4", "--fps", "12"}, false, 0, "", "12/1", true},
		{"no contact sheet", []string{"--contact-sheet=false"}, false, 0, "", "", false},
		{"unknown video format", []string{"--video", "avi"}, false, 2, `--video "avi": the one video format is mp4`, "", false},
		{"bad fps", []string{"--video", "mp4", "--fps", "-1"}, false, 2, "--fps -1", "", false},
		{"no ffmpeg", []string{"--video", "mp4"}, true, 1, "ffmpeg not found", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.noFFmpeg {
				t.Setenv("PATH", t.TempDir())
			}
			dir := t.TempDir()
			code, stdout, stderr := conun(t, append(append([]string{"fetch", "--node", node.url, "--out", dir}, tc.args...), st.ID)...)
			if code != tc.wantCode || !strings.Contains(stderr, tc.wantErr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tc.wantCode, tc.wantErr)
			}
			video, sheet := filepath.Join(dir, "flipbook.mp4"), filepath.Join(dir, "contact-sheet.png")
			if tc.rate != "" {
				want := probeMP4{Codec: "h264", PixFmt: "yuv420p", Width: 64, Height: 48, Frames: "3", Rate: tc.rate, Faststart: true}
				if p := probe(t, video); p != want {
					t.Errorf("video: %+v, want %+v", p, want)
				}
				if !strings.Contains(stdout, video) {
					t.Errorf("stdout %q does not name %s", stdout, video)
				}
			} else if _, err := os.Stat(video); err == nil {
				t.Errorf("%s written unasked or after a failure", video)
			}
			if tc.wantCode == 2 {
				return // refused before fetching anything
			}
			frames, _ := filepath.Glob(filepath.Join(dir, "frame_*.png"))
			if len(frames) != 3 {
				t.Errorf("fetched %v, want 3 frames", frames)
			}
			f, err := os.Open(sheet)
			if !tc.sheet {
				if err == nil {
					f.Close()
					t.Errorf("%s written with --contact-sheet=false", sheet)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := png.DecodeConfig(f)
			// 3 frames: 2 columns, 2 rows of 160x120 thumbnails (64x48
			// is 4:3), a 16-pixel label band, a 4-pixel gap.
			if err != nil || cfg.Width != 2*164+4 || cfg.Height != 2*(120+16+4)+4 {
				t.Errorf("contact sheet %dx%d (%v), want 332x284", cfg.Width, cfg.Height, err)
			}
		})
	}
}
