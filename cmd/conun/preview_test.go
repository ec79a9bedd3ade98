//go:build linux && cgo

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// previewCmd runs `conun preview` as its own process (the test binary
// standing in for conun), with PATH set to path when it is not "".
func previewCmd(t *testing.T, path string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"preview"}, args...)...)
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	if path != "" {
		cmd.Env = append(cmd.Env, "PATH="+path)
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// TestPreviewAnimated draws the animated bundled scene's first frames in a
// separate process: N frames of the asked size that differ as the scene
// moves, a contact sheet, an MP4 where ffmpeg is installed, and, with no
// ffmpeg on the PATH, the frames and sheet still, and a word why not.
func TestPreviewAnimated(t *testing.T) {
	_, ffmpegErr := exec.LookPath("ffmpeg")
	tests := []struct {
		name      string
		path      string // PATH for the process; "" keeps this one's
		wantVideo bool
	}{
		{"ffmpeg", "", ffmpegErr == nil},
		{"no ffmpeg", t.TempDir(), false},
	}
	const n = 6
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path == "" && ffmpegErr != nil {
				t.Log("NOT TESTED: the MP4, which needs ffmpeg (.ci/deps.d/ffmpeg.sh)")
			}
			dir := filepath.Join(t.TempDir(), "out")
			stdout, stderr, code := previewCmd(t, tc.path, "anim", "--frames", "1-6", "--res", "64x48", "--out", dir, "--json")
			if code != 0 {
				t.Fatalf("exit %d; stderr: %s", code, stderr)
			}
			var res previewResult
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("%v: %s", err, stdout)
			}
			if len(res.Frames) != n {
				t.Fatalf("%d frames, want %d: %s", len(res.Frames), n, stdout)
			}
			if got := strings.Count(stderr, "preview: frame "); got != n {
				t.Errorf("stderr has %d progress lines, want %d: %s", got, n, stderr)
			}
			var first []byte
			for i, p := range res.Frames {
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
					t.Errorf("%s is %v, want 64x48", p, b)
				}
				if i == 0 {
					first = data
				} else if i == n-1 && bytes.Equal(first, data) {
					t.Errorf("frames 1 and %d are the same file: the animation does not move", n)
				}
			}
			if res.ContactSheet == "" {
				t.Error("no contact sheet")
			} else if _, err := os.Stat(res.ContactSheet); err != nil {
				t.Error(err)
			}
			if tc.wantVideo {
				st, err := os.Stat(filepath.Join(dir, videoName))
				if err != nil || st.Size() == 0 || res.Video == "" {
					t.Errorf("no MP4 with ffmpeg installed: %v; stderr: %s", err, stderr)
				}
			} else if tc.path != "" {
				if res.Video != "" || res.VideoSkipped == "" || !strings.Contains(stderr, "ffmpeg") {
					t.Errorf("without ffmpeg: video %q, skipped %q; stderr %s: want no video and a word why", res.Video, res.VideoSkipped, stderr)
				}
			}
		})
	}
}

// TestPreviewBadInput: each mistake exits 2 with a message naming it.
func TestPreviewBadInput(t *testing.T) {
	dir := t.TempDir()
	blend := filepath.Join(dir, "shot.blend")
	os.WriteFile(blend, []byte("BLENDER-v304"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"blend without Blender", []string{blend, "--blender", filepath.Join(dir, "no-blender")}, "a .blend previews with Blender's Workbench engine"},
		{"no scene", nil, "want one scene"},
		{"bad res", []string{"anim", "--res", "0x10"}, "--res"},
		{"frames outside", []string{"anim", "--frames", "1-500"}, "has frames 1-24"},
		{"bad video", []string{"anim", "--video", "gif"}, "mp4"},
		{"unknown scene", []string{"nosuchscene"}, "neither a bundled scene"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(tc.args, "--out", filepath.Join(dir, tc.name))
			_, stderr, code := previewCmd(t, "", args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q: want exit 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

// TestPreviewBlendWorkbench previews a .blend (Blender's default cube,
// saved by the host's Blender) with the Workbench engine, in a separate
// process: the frames asked for, at the size asked for, and a sheet.
func TestPreviewBlendWorkbench(t *testing.T) {
	bin, err := exec.LookPath("blender")
	if err != nil {
		t.Skip("NOT TESTED: needs Blender on the PATH (.ci/deps.d/blender.sh)")
	}
	dir := t.TempDir()
	scene := filepath.Join(dir, "cube.blend")
	save := exec.Command(bin, "-b", "--factory-startup", "--python-expr", "import bpy; bpy.ops.wm.save_as_mainfile(filepath='"+scene+"')")
	if out, err := save.CombinedOutput(); err != nil {
		t.Fatalf("save a .blend: %v: %s", err, out)
	}
	out := filepath.Join(dir, "out")
	stdout, stderr, code := previewCmd(t, "", scene, "--frames", "1-2", "--res", "64x48", "--video", "", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	var res previewResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v: %s", err, stdout)
	}
	if res.Renderer != "blender-workbench" || len(res.Frames) != 2 || res.ContactSheet == "" {
		t.Fatalf("got %+v, want 2 Workbench frames and a sheet", res)
	}
	for _, p := range res.Frames {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if b := img.Bounds(); b.Dx() != 64 || b.Dy() != 48 {
			t.Errorf("%s is %v, want 64x48", p, b)
		}
	}
	if got := strings.Count(stderr, "drawn by Blender Workbench"); got != 2 {
		t.Errorf("stderr has %d progress lines, want 2: %s", got, stderr)
	}
}
