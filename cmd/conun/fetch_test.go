package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

// TestFetchRefusesHostileNode: `conun fetch` against a real HTTP server
// that answers a traversal format, a frame outside the job, or an endless
// frame fails with a clear message and writes nothing, inside --out or out.
func TestFetchRefusesHostileNode(t *testing.T) {
	spec := api.JobSpec{
		Scene: strings.Repeat("ab", 32), SceneName: "s.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 2, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8,
	}
	tests := []struct {
		name    string
		change  func(*api.JobStatus)
		endless bool
		wantErr string
	}{
		{"traversal format", func(s *api.JobStatus) { s.Spec.Format = "png/../../../../escaped" }, false, `format "png/../../../../escaped"`},
		{"frame outside the job", func(s *api.JobStatus) { s.Frames = []int{-9223372036854775808} }, false, "is not one of the job's frames"},
		{"endless frame", nil, true, "more than the job's frame can hold"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := api.JobStatus{ID: "j1", State: api.JobDone, Spec: spec, Frames: []int{1, 2}}
			if tc.change != nil {
				tc.change(&st)
			}
			srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				if !strings.Contains(r.URL.Path, "/frames/") {
					json.NewEncoder(rw).Encode(st)
					return
				}
				chunk := make([]byte, 64<<10)
				for i := 0; tc.endless || i == 0; i++ {
					if _, err := rw.Write(chunk); err != nil {
						return
					}
				}
			}))
			defer srv.Close()
			root := t.TempDir()
			out := filepath.Join(root, "a", "b", "c", "d")
			code, stdout, stderr := conun(t, "fetch", "--node", srv.URL, "--out", out, "j1")
			if code != 1 || !strings.Contains(stderr, tc.wantErr) || !strings.Contains(stderr, "bad answer from node") {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 1 and %q", code, stdout, stderr, tc.wantErr)
			}
			filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() {
					t.Errorf("wrote %s", p)
				}
				return nil
			})
		})
	}
}
