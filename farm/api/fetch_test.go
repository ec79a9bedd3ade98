package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/tiler"
)

// hostileNode is a real HTTP server playing a node that lies: it answers a
// job's status with st (or raw, when set) and every frame with body (or,
// when endless, an endless stream of bytes).
type hostileNode struct {
	st      JobStatus
	raw     []byte
	body    []byte
	endless bool
}

func (h hostileNode) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	switch {
	case strings.Contains(r.URL.Path, "/frames/"):
		if !h.endless {
			rw.Write(h.body)
			return
		}
		chunk := bytes.Repeat([]byte{0xAB}, 64<<10)
		for {
			if _, err := rw.Write(chunk); err != nil {
				return // the client hung up: what the test wants
			}
		}
	case h.raw != nil:
		rw.Write(h.raw)
	default:
		json.NewEncoder(rw).Encode(h.st)
	}
}

// endlessJSON is a status answer that never ends: an opening brace and
// then whitespace forever.
type endlessJSON struct{}

func (endlessJSON) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	rw.Write([]byte(`{"spec":`))
	chunk := bytes.Repeat([]byte(" "), 64<<10)
	for {
		if _, err := rw.Write(chunk); err != nil {
			return
		}
	}
}

// TestFetchFromHostileNode: whatever a node answers, Fetch writes only the
// files it names itself (frame_NNNN.ext of a frame in the job's range and
// a known format) inside its folder, reads no more than the job's frame
// size allows or a few MB of JSON, and says what it refused.
func TestFetchFromHostileNode(t *testing.T) {
	spec := JobSpec{
		Scene: strings.Repeat("ab", 32), SceneName: "s.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 9, Step: 2}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8,
	}
	status := func(change func(*JobStatus)) JobStatus {
		st := JobStatus{ID: "j1", State: JobDone, Spec: spec, Frames: []int{1, 3}}
		if change != nil {
			change(&st)
		}
		return st
	}
	frame := []byte("\x89PNG frame bytes")
	tests := []struct {
		name    string
		node    http.Handler
		wantErr string   // "" for success
		want    []string // the files written, relative to the root
	}{
		{"honest", hostileNode{st: status(nil), body: frame}, "", []string{"a/b/c/d/frame_0001.png", "a/b/c/d/frame_0003.png"}},
		{"jpeg", hostileNode{st: status(func(s *JobStatus) { s.Spec.Format = FormatJPEG }), body: frame}, "", []string{"a/b/c/d/frame_0001.jpg", "a/b/c/d/frame_0003.jpg"}},
		{"traversal format", hostileNode{st: status(func(s *JobStatus) { s.Spec.Format = "png/../../../../escaped" }), body: frame}, `format "png/../../../../escaped"`, nil},
		{"absolute format", hostileNode{st: status(func(s *JobStatus) { s.Spec.Format = "/tmp/x" }), body: frame}, `format "/tmp/x"`, nil},
		{"frame below the range", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{-9223372036854775808} }), body: frame}, "frame -9223372036854775808 is not one of the job's frames 1-9:2", nil},
		{"frame zero", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{0} }), body: frame}, "frame 0 is not one", nil},
		{"frame past the range", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{99999999} }), body: frame}, "frame 99999999 is not one", nil},
		{"frame off the step", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{2} }), body: frame}, "frame 2 is not one", nil},
		{"frame twice", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{3, 3} }), body: frame}, "frame 3 is listed twice", nil},
		{"more frames than the job", hostileNode{st: status(func(s *JobStatus) { s.Frames = []int{1, 3, 5, 7, 9, 1} }), body: frame}, "6 finished frames, but the job has 5", nil},
		{"absurd spec range", hostileNode{st: status(func(s *JobStatus) { s.Spec.Frames.Step = 9223372036854775807 }), body: frame}, "step must be between", nil},
		{"huge frame", hostileNode{st: status(nil), endless: true}, "more than the job's frame can hold", nil},
		{"frame one byte too big", hostileNode{st: status(nil), body: make([]byte, MaxFrameBytes(spec)+1)}, "over 1073152 bytes", nil},
		{"huge status", endlessJSON{}, "answer over 16777216 bytes", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.node)
			defer srv.Close()
			root := t.TempDir()
			out := filepath.Join(root, "a", "b", "c", "d")
			paths, err := NewClient(srv.URL).Fetch(context.Background(), "j1", out)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatal(err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, ErrBadAnswer)):
				t.Fatalf("error %v, want ErrBadAnswer saying %q", err, tc.wantErr)
			}
			var written []string
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(root, p)
					written = append(written, filepath.ToSlash(rel))
				}
				return nil
			})
			if strings.Join(written, " ") != strings.Join(tc.want, " ") {
				t.Fatalf("wrote %v, want %v", written, tc.want)
			}
			if len(paths) != len(tc.want) {
				t.Fatalf("returned %v, want %d files", paths, len(tc.want))
			}
			for _, p := range paths {
				if b, err := os.ReadFile(p); err != nil || !bytes.Equal(b, frame) {
					t.Fatalf("%s: %q %v", p, b, err)
				}
			}
		})
	}
}

// TestMaxFrameBytes: the bound grows with resolution and depth and leaves
// room for any encoding of the frame's pixels.
func TestMaxFrameBytes(t *testing.T) {
	tests := []struct {
		format string
		depth  int
		want   int64
	}{
		{"", 8, 64*48*4*1*2 + 1<<20},
		{FormatPNG, 16, 64*48*4*2*2 + 1<<20},
		{FormatTIFF, 16, 64*48*4*2*2 + 1<<20},
		{FormatEXR, 16, 64*48*4*4*2 + 1<<20},
	}
	for _, tc := range tests {
		got := MaxFrameBytes(JobSpec{Format: tc.format, Depth: tc.depth, Resolution: tiler.Resolution{Width: 64, Height: 48}})
		if got != tc.want {
			t.Errorf("%q/%d: %d, want %d", tc.format, tc.depth, got, tc.want)
		}
	}
}

// FuzzCheckFrames: whatever status a node answers, a job Fetch accepts
// names only plain, local frame files of frames inside the job's range.
func FuzzCheckFrames(f *testing.F) {
	st := JobStatus{ID: "j1", State: JobDone, Frames: []int{1, 3}, Spec: JobSpec{
		Scene: strings.Repeat("ab", 32), SceneName: "s.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 9, Step: 2}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8,
	}}
	b, _ := json.Marshal(st)
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var st JobStatus
		if json.Unmarshal(data, &st) != nil || CheckFrames(st) != nil {
			return
		}
		fr := st.Spec.Frames
		for _, n := range st.Frames {
			name := FrameName(n, st.Spec.Format)
			if n < fr.Start || n > fr.End || filepath.Base(name) != name || !filepath.IsLocal(name) || !strings.HasPrefix(name, "frame_") {
				t.Fatalf("accepted frame %d of %v as %q", n, fr, name)
			}
		}
		if MaxFrameBytes(st.Spec) <= 0 {
			t.Fatalf("no room for a frame of %v", st.Spec.Resolution)
		}
	})
}

// TestJobFrameBounded: a frame fetched for the app (into memory) stops at
// the job's bound, from a real server that never stops sending.
func TestJobFrameBounded(t *testing.T) {
	srv := httptest.NewServer(hostileNode{endless: true})
	defer srv.Close()
	spec := JobSpec{Resolution: tiler.Resolution{Width: 64, Height: 48}, Depth: 16}
	var buf bytes.Buffer
	err := NewClient(srv.URL).JobFrame(context.Background(), spec, "j1", 1, &buf)
	if !errors.Is(err, ErrBadAnswer) || int64(buf.Len()) > MaxFrameBytes(spec) {
		t.Fatalf("got %d bytes, %v; want ErrBadAnswer within %d bytes", buf.Len(), err, MaxFrameBytes(spec))
	}
}
