package farm

import (
	"errors"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/tiler"
)

func validSpec() api.JobSpec {
	return api.JobSpec{
		Scene: strings.Repeat("ab", 32), SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 64, Height: 48},
		Samples: 4, Tiles: tiler.Grid{Cols: 2, Rows: 2}, Depth: 8,
	}
}

func TestJobSpecValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*api.JobSpec)
		wantErr string
	}{
		{"valid", func(*api.JobSpec) {}, ""},
		{"scene not a hash", func(s *api.JobSpec) { s.Scene = "../../etc/passwd" }, "not a sha256"},
		{"scene name with path", func(s *api.JobSpec) { s.SceneName = "a/b.glb" }, "plain file name"},
		{"no renderer", func(s *api.JobSpec) { s.Renderer = "" }, "no renderer"},
		{"zero tiles", func(s *api.JobSpec) { s.Tiles.Cols = 0 }, "columns must be >= 1"},
		{"zero resolution", func(s *api.JobSpec) { s.Resolution = tiler.Resolution{} }, "must be >= 1"},
		{"reversed frames", func(s *api.JobSpec) { s.Frames = tiler.Frames{Start: 5, End: 1, Step: 1} }, "end is before start"},
		{"zero samples", func(s *api.JobSpec) { s.Samples = 0 }, "samples 0"},
		{"depth 12", func(s *api.JobSpec) { s.Depth = 12 }, "must be 8 or 16"},
		{"format gif", func(s *api.JobSpec) { s.Format = "gif" }, `format "gif": want png, jpeg, tiff, exr or exr-multilayer`},
		{"jpeg at 16 bits", func(s *api.JobSpec) { s.Format, s.Depth = "jpeg", 16 }, "JPEG is 8 bits per channel only"},
		{"quality of a png", func(s *api.JobSpec) { s.Quality = 80 }, "applies to JPEG frames only"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := validSpec()
			tc.change(&s)
			err := s.Validate()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !errors.Is(err, api.ErrBadJob) {
				t.Fatalf("err = %v, want ErrBadJob containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestJobIDStable(t *testing.T) {
	a, b := validSpec(), validSpec()
	if a.ID() != b.ID() {
		t.Fatal("same spec, different ids")
	}
	b.Nonce = "x"
	if a.ID() == b.ID() {
		t.Fatal("different nonce, same id")
	}
}

func TestStateMachine(t *testing.T) {
	tests := []struct {
		from, to api.TaskState
		ok       bool
	}{
		{api.TaskPending, api.TaskLeased, true},
		{api.TaskLeased, api.TaskDone, true},
		{api.TaskLeased, api.TaskPending, true},
		{api.TaskPending, api.TaskDone, false},
		{api.TaskDone, api.TaskPending, true}, // a convicted worker's tile is rendered again
		{api.TaskDone, api.TaskLeased, false},
		{api.TaskCancelled, api.TaskLeased, false},
		{api.TaskPending, api.TaskFailed, true}, // every node that could render it failed it
		{api.TaskLeased, api.TaskFailed, false},
		{api.TaskFailed, api.TaskPending, true}, // requeued
		{api.TaskFailed, api.TaskDone, false},
	}
	for _, tc := range tests {
		s := tc.from
		err := move(taskMoves, &s, tc.to)
		if (err == nil) != tc.ok {
			t.Errorf("%s -> %s: err = %v, want ok=%v", tc.from, tc.to, err, tc.ok)
		}
	}
	for _, s := range []api.JobState{api.JobDone, api.JobFailed, api.JobCancelled} {
		if !s.Final() {
			t.Errorf("%s is not final", s)
		}
	}
	if api.JobRunning.Final() {
		t.Error("running is final")
	}
	for _, tc := range []struct {
		from, to api.JobState
		ok       bool
	}{
		{api.JobDone, api.JobRunning, true}, // its failed frames were requeued
		{api.JobFailed, api.JobRunning, false},
		{api.JobCancelled, api.JobRunning, false},
	} {
		s := tc.from
		if err := move(jobMoves, &s, tc.to); (err == nil) != tc.ok {
			t.Errorf("%s -> %s: err = %v, want ok=%v", tc.from, tc.to, err, tc.ok)
		}
	}
}
